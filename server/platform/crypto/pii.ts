import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest (PIPL): names, phones and emails of the people who write in are stored
 * encrypted, so a copied database or backup does not expose them. Look-ups ("cases from this
 * phone") go through `hash`, a keyed HMAC, so they need no decryption and a leaked hash column
 * cannot be reversed by trying every phone number without the key.
 */
export interface PiiCipher {
  /** AES-256-GCM with a fresh 12-byte IV: `v1.<iv b64url>.<ciphertext+tag b64url>`. */
  encrypt(plain: string): string;
  /** Throws `PiiTokenError` when the token is malformed, was made with another key or was altered. */
  decrypt(token: string): string;
  /** HMAC-SHA256 (hex) under a sub-key of the PII key; pass normalised values (`normalisePhone`). */
  hash(value: string): string;
}

export class PiiTokenError extends Error {
  override name = 'PiiTokenError';
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// The version is authenticated too, so a token cannot be relabelled as a future format.
const AAD = Buffer.from(`lianxin-pii-${VERSION}`);
// Buffer.from(…, 'base64url') skips characters it does not know; a token must be exactly base64url.
const B64URL = /^[A-Za-z0-9_-]+$/;

export function createPiiCipher(keyBase64: string): PiiCipher {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error('PII key must be 32 bytes, base64 (LIANXIN_PII_KEY)');
  // Separate keys for separate purposes: the lookup key is derived (HKDF), so the
  // encryption key itself is never used as an HMAC key.
  const lookupKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'lianxin-pii-lookup', 32));

  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(AAD);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },

    decrypt(token) {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== VERSION || !B64URL.test(parts[1]!) || !B64URL.test(parts[2]!)) {
        throw new PiiTokenError('not a PII token (expected v1.<iv>.<ciphertext>)');
      }
      const iv = Buffer.from(parts[1]!, 'base64url');
      const body = Buffer.from(parts[2]!, 'base64url');
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new PiiTokenError('PII token has the wrong length');
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(AAD);
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new PiiTokenError('PII token failed authentication (wrong key, or the data was altered)');
      }
    },

    hash(value) {
      // NFC so that the same text typed on different systems finds the same rows.
      return createHmac('sha256', lookupKey).update(value.normalize('NFC'), 'utf8').digest('hex');
    },
  };
}

export { normalisePhone, maskPhone, maskName, maskEmail } from './mask.ts';
export { loadOrCreatePiiKey, type PiiKeyConfig, type PiiKeyLog } from './pii-key.ts';
