import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface StoredFile {
  /** Where the bytes are: `ab/cd/<sha256>`. Keep it in the database; it is not a file name a user chose. */
  key: string;
  sha256: string;
  size: number;
}

/**
 * Where photos and attachments are kept. Content-addressed: the same bytes get the same key
 * and are stored once, so `remove` must only be called when no row refers to the key any more.
 * Small on purpose so that an S3-compatible store can implement it too.
 */
export interface FileStore {
  /** Resolves only once the bytes are durable: an acknowledged upload survives a crash. */
  put(bytes: Uint8Array): Promise<StoredFile>;
  /** The bytes, or null when there is no such file. Throws when the stored bytes no longer match their hash. */
  get(key: string): Promise<Buffer | null>;
  /** Idempotent: removing a missing key is not an error. */
  remove(key: string): Promise<void>;
}

// The only shape a key can have; anything else (`../`, absolute paths, backslashes) is refused
// before it comes near the file system.
const KEY = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

export function fileKey(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export function parseFileKey(key: string): { sha256: string; parts: [string, string, string] } {
  const m = KEY.exec(key);
  if (!m || m[3]!.slice(0, 2) !== m[1] || m[3]!.slice(2, 4) !== m[2]) throw new Error(`invalid file key: ${JSON.stringify(key)}`);
  return { sha256: m[3]!, parts: [m[1]!, m[2]!, m[3]!] };
}

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** Files under `dir` (e.g. `${LIANXIN_DATA_DIR}/files`). */
export function localFileStore(dir: string): FileStore {
  const root = resolve(dir);
  const pathOf = (key: string) => join(root, ...parseFileKey(key).parts);

  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const key = fileKey(sha256);
      const path = pathOf(key);
      const size = bytes.byteLength;
      // Already there: renames are atomic, so an existing file is complete.
      const existing = await stat(path).catch((err: unknown) => (isMissing(err) ? null : Promise.reject(err)));
      if (existing?.size === size) return { key, sha256, size };

      const folder = join(path, '..');
      const created = await mkdir(folder, { recursive: true });
      // Written under a temporary name in the same folder, synced, then renamed into place:
      // a crash leaves either no file or the whole file, never a torn one under the real key.
      const tmp = join(folder, `.tmp-${randomBytes(8).toString('hex')}`);
      const handle = await open(tmp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } catch (err) {
        await handle.close();
        await unlink(tmp).catch(() => {});
        throw err;
      }
      await handle.close();
      try {
        await rename(tmp, path);
      } catch (err) {
        await unlink(tmp).catch(() => {});
        throw err;
      }
      await syncDir(folder);
      // New ab/ and ab/cd/ folders are themselves entries in their parents.
      if (created) await Promise.all([syncDir(root), syncDir(join(folder, '..'))]);
      return { key, sha256, size };
    },

    async get(key) {
      const path = pathOf(key);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
      if (createHash('sha256').update(bytes).digest('hex') !== parseFileKey(key).sha256) {
        throw new Error(`stored file ${key} does not match its hash (damaged on disk)`);
      }
      return bytes;
    },

    async remove(key) {
      await unlink(pathOf(key)).catch((err: unknown) => {
        if (!isMissing(err)) throw err;
      });
    },
  };
}

/** The rename is durable only once the folder's entry is on disk too. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null); // Windows cannot open a folder
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the file itself is synced.
  } finally {
    await handle.close();
  }
}
