import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** Time-sortable ids (UUIDv7): keyset pagination by id follows creation order on both databases. */
export const newId = (): string => uuidv7();

/** The smallest UUIDv7 of an instant: `id >= uuidv7Floor(ms)` selects the ids made at or after it. */
export function uuidv7Floor(ms: number): string {
  const h = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7000-8000-000000000000`;
}

/** The instant a UUIDv7 was made (its first 48 bits, milliseconds): `uuidv7Ms(uuidv7Floor(ms)) === ms`. NaN for an id that is not one. */
export function uuidv7Ms(id: string): number {
  const h = id.slice(0, 8) + id.slice(9, 13);
  return /^[0-9a-f]{12}$/i.test(h) && id[8] === '-' ? Number.parseInt(h, 16) : Number.NaN;
}

/** An unguessable token, base64url, with `bytes` of entropy. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
