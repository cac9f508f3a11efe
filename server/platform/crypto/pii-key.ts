import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';

export type PiiKeyConfig = Pick<Config, 'NODE_ENV' | 'LIANXIN_PII_KEY' | 'LIANXIN_DATA_DIR'>;
/** The part of the pino logger used here. */
export interface PiiKeyLog {
  warn(obj: object, msg: string): void;
}

const KEY_FILE = 'pii-key.txt';

/**
 * The PII key: `LIANXIN_PII_KEY` when set (required in production, where it must live outside
 * the database and its backups). Otherwise a development key in `<data dir>/pii-key.txt`,
 * generated on first start, so a developer's data survives restarts without any setup.
 * An unreadable or damaged key file is an error, never silently replaced: a new key would
 * make every stored name and phone unreadable.
 */
export function loadOrCreatePiiKey(config: PiiKeyConfig, log: PiiKeyLog): string {
  if (config.LIANXIN_PII_KEY) return config.LIANXIN_PII_KEY;
  if (config.NODE_ENV === 'production') {
    throw new Error('LIANXIN_PII_KEY is required in production (32 random bytes, base64)');
  }
  const dir = resolve(config.LIANXIN_DATA_DIR);
  const file = join(dir, KEY_FILE);
  const existing = readKeyFile(file);
  if (existing !== null) {
    if ((statSync(file).mode & 0o077) !== 0) log.warn({ file }, 'PII key file is readable by other users; chmod 600 it');
    return existing;
  }

  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  // Written in full to a temporary name, then linked into place: link fails if another process
  // created the file meanwhile (then theirs wins), and no reader ever sees a half-written key.
  const tmp = join(dir, `.${KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${key}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const theirs = readKeyFile(file);
    if (theirs === null) throw err;
    return theirs;
  } finally {
    unlinkSync(tmp);
  }
  syncDir(dir);
  log.warn(
    { file },
    'generated a development PII key (LIANXIN_PII_KEY is not set); personal data in this data directory can only be read with this file',
  );
  return key;
}

function readKeyFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const key = text.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(key) || Buffer.from(key, 'base64').length !== 32) {
    throw new Error(`${file} does not hold a 32-byte base64 key; restore it from a backup (a new key cannot read the data encrypted with the old one)`);
  }
  return key;
}

/** Makes the new directory entry durable: data encrypted under the key must not outlive the key file after a crash. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not every platform can fsync a directory (Windows); the file itself is already synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
