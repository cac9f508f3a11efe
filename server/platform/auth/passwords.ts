import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scryptAsync = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

// OWASP's scrypt recommendation: N=2^17, r=8, p=1 (128 MiB). maxmem must allow it.
export const PARAMS = { N: 1 << 17, r: 8, p: 1 };
const KEYLEN = 32;

/** Lower-cost parameters for the test suite (NODE_ENV=test): see `setPasswordCost`. */
export const FAST_PARAMS = { N: 1 << 14, r: 8, p: 1 };

let current = PARAMS;
/**
 * The cost of new hashes, set once at start-up from NODE_ENV: OWASP's everywhere, except under
 * NODE_ENV=test (never production: config refuses nothing here, but production is not test),
 * where the suite signs in thousands of times and N=2^17 cost ~0.5–2 s of CPU per sign-in on
 * these machines (N=2^14: ~65 ms). A hash keeps its parameters, so verifying is always at the
 * cost it was made with.
 */
export function setPasswordCost(env: 'development' | 'production' | 'test'): void {
  current = env === 'test' ? FAST_PARAMS : PARAMS;
}
/** The parameters new hashes get now. */
export const passwordCost = (): typeof PARAMS => current;

/** `scrypt$N$r$p$salt$hash` (base64url); parameters are kept so they can be raised later. */
export async function hashPassword(password: string, params = current): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFKC'), salt, KEYLEN, { ...params, maxmem: 256 * 1024 * 1024 });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64url');
  const key = await scryptAsync(password.normalize('NFKC'), Buffer.from(saltB64, 'base64url'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * The cost of the demo accounts' hashes, whatever NODE_ENV: their password is printed in the
 * server's banner and kept in a plain file beside the data (or set in the environment), so a slow
 * hash protects nothing, and checking it at every start cost half a second of start-up with
 * N=2^17. N=2^14 is still scrypt at libsodium's interactive level.
 */
export const DEMO_PARAMS = FAST_PARAMS;

/** Whether a stored hash was made with these parameters. */
export function hashedWith(stored: string, params: { N: number; r: number; p: number }): boolean {
  const [kind, n, r, p] = stored.split('$');
  return kind === 'scrypt' && Number(n) === params.N && Number(r) === params.r && Number(p) === params.p;
}

/** A hash computed for unknown usernames so that timing does not tell which accounts exist. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword('lianxin-dummy-password'));

