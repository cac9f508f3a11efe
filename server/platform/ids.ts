import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** Time-sortable ids (UUIDv7): keyset pagination by id follows creation order on both databases. */
export const newId = (): string => uuidv7();

/** An unguessable token, base64url, with `bytes` of entropy. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
