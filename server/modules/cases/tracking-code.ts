import { randomBytes } from 'node:crypto';

// Crockford base32: no I, L, O, U, so a code read aloud or typed on a phone is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 characters = 80 random bits (PRODUCT asks ≥ 64): unguessable, and short enough to read out. */
export function newTrackingCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** What people type: lower case, spaces and dashes, O for 0, I or L for 1. Null when it cannot be a code. */
export function normaliseTrackingCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(s) ? s : null;
}

/** 4-4-4-4 for reading and printing. */
export const formatTrackingCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1-');
