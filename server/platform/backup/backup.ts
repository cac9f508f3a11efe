/**
 * `npm run lianxin -- backup FILE` and `restore FILE` (decision 0010).
 *
 * A backup is one plain tar file:
 *   database.sqlite | database.pgdump   a consistent copy taken while the server keeps writing
 *                                       (SQLite's online backup API / pg_dump in custom format)
 *   files/ab/cd/<sha256>                the file store (photos, attachments: content-addressed)
 *   manifest.json                       format, dialect, migrations run, row count of every table,
 *                                       size and sha256 of every member, the PII key's fingerprint
 *   manifest.sha256                     the manifest's own sha256 (last: a truncated file has none)
 * The PII key is never inside: it must live apart from the data it protects.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { backup as sqliteBackup, DatabaseSync } from 'node:sqlite';
import type { Config } from '../config.ts';
import { loadOrCreatePiiKey } from '../crypto/pii-key.ts';
import { openDatabase, type Dialect } from '../db/database.ts';
import { parseFileKey } from '../files/file-store.ts';
import { backupRepository } from './backup.repository.ts';
import type { Progress } from './progress.ts';
import { END_OF_ARCHIVE, listTar, padding, readEntry, tarHeader, TarFormatError, type TarEntry } from './tar.ts';

export const BACKUP_FORMAT = 'lianxin-backup';
export const BACKUP_VERSION = 1;
const MANIFEST = 'manifest.json';
const MANIFEST_SUM = 'manifest.sha256';
const FILES = 'files/';

/** A refusal or failure worth telling the operator as it is (zh-CN, naming the file or table). */
export class BackupError extends Error {}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  host: string;
  dialect: Dialect;
  /** The migrations that had run: the schema version of the data. */
  migrations: string[];
  /** Row count of every table, in the same snapshot as the copy. */
  tables: Record<string, number>;
  database: { entry: string; size: number; sha256: string };
  /** `store: 's3'`: the files are in object storage (LIANXIN_FILES=s3) and not in this backup (count 0; docs/deploy.md). */
  files: { count: number; bytes: number; keys: Array<[key: string, size: number]>; store?: 'local' | 's3' };
  /** sha256 of the PII key (shortened), so a restore can tell whether it can read the personal data; null without a key. */
  piiKey: string | null;
}

const dialectOf = (url: string): Dialect => (url.startsWith('sqlite:') ? 'sqlite' : 'postgres');
const sqlitePath = (url: string) => url.slice('sqlite:'.length);
const noop: Progress = () => {};

function piiFingerprint(key: string): string {
  return createHash('sha256').update('lianxin pii key\0').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 16);
}

/** The key the server would use, without generating one (a restore must not invent a key). */
function currentPiiKey(config: Config): string | null {
  if (config.LIANXIN_PII_KEY) return config.LIANXIN_PII_KEY;
  if (!existsSync(join(config.LIANXIN_DATA_DIR, 'pii-key.txt'))) return null;
  return loadOrCreatePiiKey(config, { warn: () => {} });
}

/** pg_dump / pg_restore: on PATH, else Debian's /usr/lib/postgresql/<newest>/bin. */
export function findPgTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    if (existsSync(join(base, v, 'bin', name))) return join(base, v, 'bin', name);
  }
  throw new BackupError(`找不到 ${name}：请安装 PostgreSQL 客户端（Debian: apt-get install postgresql-client），版本不低于数据库服务器`);
}

/** The URL without its password, which goes to the tool through PGPASSWORD (not the process list). */
function pgToolTarget(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

/** Runs a PostgreSQL client tool; each stderr line goes to `line`; a non-zero exit is a BackupError with the tool's last words. */
function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv, line: (text: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const tail: string[] = [];
    let buffered = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const l of lines) {
        line(l);
        if (!/^\S+: (dumping|processing|reading|saving|creating|executing|finding|flagging|last built-in|identifying|setting|launching|implied|connecting|from TOC)/.test(l)) tail.push(l);
        if (tail.length > 12) tail.shift();
      }
    });
    child.on('error', (e) => reject(new BackupError(`无法运行 ${basename(tool)}：${e.message}`)));
    child.on('close', (code) => {
      if (buffered) tail.push(buffered);
      if (code === 0) resolvePromise();
      else reject(new BackupError(`${basename(tool)} 失败（退出码 ${code}）：\n${tail.join('\n')}`));
    });
  });
}

async function syncDir(dir: string): Promise<void> {
  const h = await open(dir, 'r').catch(() => null);
  if (!h) return;
  await h.sync().catch(() => {});
  await h.close();
}

interface Snapshot {
  path: string;
  entry: string;
  tables: Record<string, number>;
  migrations: string[];
}

/**
 * SQLite: the online backup API, in ONE step. Copying in small steps would restart whenever the
 * server (another connection) writes, and might never end under load; one step reads one
 * consistent snapshot (WAL: the server's writers are not blocked). Progress: the copy's size.
 */
async function snapshotSqlite(config: Config, staging: string, progress: Progress): Promise<Snapshot> {
  const source = sqlitePath(config.DATABASE_URL);
  if (!source || source === ':memory:') throw new BackupError('内存数据库 (sqlite::memory:) 无法备份');
  const total = await stat(source).then((s) => s.size, () => {
    throw new BackupError(`数据库文件不存在：${source}`);
  });
  const copy = join(staging, 'database.sqlite');
  const db = new DatabaseSync(source, { timeout: 10_000 });
  const timer = setInterval(() => {
    stat(copy).then((s) => progress('复制数据库 (copying database)', Math.min(s.size, total), total), () => {});
  }, 500);
  try {
    await sqliteBackup(db, copy, { rate: 2 ** 31 - 1 });
  } finally {
    clearInterval(timer);
    db.close();
  }
  const size = (await stat(copy)).size;
  progress('复制数据库 (copying database)', size, size);
  const h = await openDatabase(`sqlite:${copy}`);
  try {
    const names = await backupRepository.tables(h.db, 'sqlite');
    return { path: copy, entry: 'database.sqlite', tables: await backupRepository.rowCounts(h.db, names), migrations: await backupRepository.migrations(h.db, 'sqlite') };
  } finally {
    await h.close(); // the last connection: the copy's WAL is folded back into the file
  }
}

/**
 * PostgreSQL: pg_dump in custom format inside a snapshot this process exported, so the row
 * counts in the manifest are those of the dump exactly. Progress: tables dumped.
 */
async function snapshotPostgres(config: Config, staging: string, progress: Progress): Promise<Snapshot> {
  const pgDump = findPgTool('pg_dump');
  const out = join(staging, 'database.pgdump');
  const h = await openDatabase(config.DATABASE_URL, { poolSize: 1 });
  try {
    return await h.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      const snapshot = await backupRepository.exportSnapshot(trx);
      const names = await backupRepository.tables(trx, 'postgres');
      const tables = await backupRepository.rowCounts(trx, names);
      const migrations = await backupRepository.migrations(trx, 'postgres');
      const target = pgToolTarget(config.DATABASE_URL);
      let dumped = 0;
      progress('导出数据库 (pg_dump, tables)', 0, names.length);
      await runTool(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, '--verbose', `--file=${out}`, `--dbname=${target.url}`], target.env, (l) => {
        if (/dumping contents of table/.test(l)) progress('导出数据库 (pg_dump, tables)', ++dumped, names.length);
      });
      progress('导出数据库 (pg_dump, tables)', names.length, names.length);
      return { path: out, entry: 'database.pgdump', tables, migrations };
    });
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`无法连接或读取数据库：${(e as Error).message}`);
  } finally {
    await h.close();
  }
}

/** Every stored file (`ab/cd/<sha256>`) with its size; temporary files of interrupted uploads are left out. */
async function listStoreFiles(root: string): Promise<Array<[string, number]>> {
  const out: Array<[string, number]> = [];
  const level = async (dir: string) => readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e)));
  for (const a of (await level(root)).sort()) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of (await level(join(root, a))).sort()) {
      if (!/^[0-9a-f]{2}$/.test(b)) continue;
      for (const name of (await level(join(root, a, b))).sort()) {
        const key = `${a}/${b}/${name}`;
        try {
          parseFileKey(key);
        } catch {
          continue;
        }
        out.push([key, (await stat(join(root, a, b, name))).size]);
      }
    }
  }
  return out;
}

/** Appends one file as a tar member; returns its sha256. */
async function appendFile(out: FileHandle, name: string, path: string, size: number, onBytes: (n: number) => void): Promise<string> {
  await out.write(tarHeader(name, size, new Date()));
  const hash = createHash('sha256');
  const input = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await input.read(buf, 0, Math.min(buf.length, size - done), done);
      if (bytesRead === 0) throw new BackupError(`文件在备份过程中变短了：${path}`);
      const chunk = buf.subarray(0, bytesRead);
      hash.update(chunk);
      await out.write(chunk);
      done += bytesRead;
      onBytes(bytesRead);
    }
  } finally {
    await input.close();
  }
  await out.write(padding(size));
  return hash.digest('hex');
}

async function appendBytes(out: FileHandle, name: string, bytes: Buffer): Promise<void> {
  await out.write(tarHeader(name, bytes.length, new Date()));
  await out.write(bytes);
  await out.write(padding(bytes.length));
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

/** Writes a backup of the configured database and file store to `file` (never over an existing file). */
export async function createBackup(config: Config, file: string, opts: { progress?: Progress; now?: Date } = {}): Promise<BackupResult> {
  const progress = opts.progress ?? noop;
  const target = resolve(file);
  if (existsSync(target)) throw new BackupError(`备份文件已存在，不会覆盖：${file}`);
  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), '.lianxin-backup-'));
  const partial = `${target}.partial`;
  let finished = false;
  try {
    const dialect = dialectOf(config.DATABASE_URL);
    const piiKey = currentPiiKey(config);
    // The database first, then the files: a file is stored before the row that names it commits,
    // so every file the copied rows refer to is already in the store when it is listed.
    const snap = dialect === 'sqlite' ? await snapshotSqlite(config, staging, progress) : await snapshotPostgres(config, staging, progress);
    const fileRoot = join(config.LIANXIN_DATA_DIR, 'files');
    // Files in object storage stay there (the bucket's versioning and replication keep them): the backup holds the database.
    const files = config.LIANXIN_FILES === 's3' ? [] : await listStoreFiles(fileRoot);
    const dbSize = (await stat(snap.path)).size;
    const total = dbSize + files.reduce((n, [, s]) => n + s, 0);
    let written = 0;
    const onBytes = (n: number) => {
      written += n;
      progress('写入备份文件 (writing backup)', written, total);
    };

    await rm(partial, { force: true }); // left by an interrupted run
    const out = await open(partial, 'wx', 0o600);
    try {
      const dbSha = await appendFile(out, snap.entry, snap.path, dbSize, onBytes);
      for (const [key, size] of files) {
        const sha = await appendFile(out, `${FILES}${key}`, join(fileRoot, key), size, onBytes);
        if (sha !== parseFileKey(key).sha256) throw new BackupError(`文件存储中的文件已损坏（内容与校验值不符）：${join(fileRoot, key)}`);
      }
      const manifest: BackupManifest = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: (opts.now ?? new Date()).toISOString(),
        host: hostname(),
        dialect,
        migrations: snap.migrations,
        tables: snap.tables,
        database: { entry: snap.entry, size: dbSize, sha256: dbSha },
        files: { count: files.length, bytes: total - dbSize, keys: files, store: config.LIANXIN_FILES },
        piiKey: piiKey ? piiFingerprint(piiKey) : null,
      };
      const json = Buffer.from(JSON.stringify(manifest, null, 1));
      await appendBytes(out, MANIFEST, json);
      await appendBytes(out, MANIFEST_SUM, Buffer.from(`${createHash('sha256').update(json).digest('hex')}  ${MANIFEST}\n`));
      await out.write(END_OF_ARCHIVE);
      await out.sync();
      const bytes = (await out.stat()).size;
      await out.close();
      await rename(partial, target);
      await syncDir(dirname(target));
      finished = true;
      progress('写入备份文件 (writing backup)', total, total);
      return { file: target, bytes, manifest };
    } finally {
      if (!finished) await out.close().catch(() => {});
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (!finished) await rm(partial, { force: true });
  }
}

const corrupt = (file: string, why: string) => new BackupError(`备份文件已损坏或不完整（${why}）：${file}`);

/** Reads and checks the manifest (its checksum, format, every member listed and present). */
async function readManifest(file: string, fh: FileHandle, entries: TarEntry[]): Promise<BackupManifest> {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const m = byName.get(MANIFEST);
  const s = byName.get(MANIFEST_SUM);
  if (!m || !s) throw corrupt(file, '缺少清单 manifest.json，文件可能被截断');
  if (m.size > 1 << 30) throw corrupt(file, '清单过大');
  const read = async (e: TarEntry) => {
    const parts: Buffer[] = [];
    await readEntry(fh, e, (b) => void parts.push(Buffer.from(b)));
    return Buffer.concat(parts);
  };
  const json = await read(m);
  const sum = (await read(s)).toString('utf8').split(/\s+/)[0];
  if (createHash('sha256').update(json).digest('hex') !== sum) throw corrupt(file, '清单的校验值不符');
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(json.toString('utf8')) as BackupManifest;
  } catch {
    throw corrupt(file, '清单不是合法的 JSON');
  }
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`不是连心桥的备份文件：${file}`);
  if (manifest.version > BACKUP_VERSION) throw new BackupError(`备份格式版本 ${manifest.version} 比本程序新（${BACKUP_VERSION}），请用新版程序恢复`);
  const db = byName.get(manifest.database.entry);
  if (!db || db.size !== manifest.database.size) throw corrupt(file, `数据库 ${manifest.database.entry} 缺失或大小不符`);
  for (const [key, size] of manifest.files.keys) {
    if (byName.get(`${FILES}${key}`)?.size !== size) throw corrupt(file, `文件 ${key} 缺失或大小不符`);
  }
  if (entries.length !== manifest.files.keys.length + 3) throw corrupt(file, '成员数量与清单不符');
  return manifest;
}

/** Copies a member to `path` (created, synced) and returns its sha256. */
async function extract(fh: FileHandle, entry: TarEntry, path: string, onBytes: (n: number) => void): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const hash = createHash('sha256');
  const out = await open(path, 'w', 0o640);
  try {
    await readEntry(fh, entry, async (chunk) => {
      hash.update(chunk);
      await out.write(chunk);
      onBytes(chunk.length);
    });
    await out.sync();
  } finally {
    await out.close();
  }
  return hash.digest('hex');
}

/** The tables already in the target (SQLite: a missing file has none; nothing is created to find out). */
async function targetTables(config: Config, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') {
    const path = sqlitePath(config.DATABASE_URL);
    if (!path || path === ':memory:') throw new BackupError('不能恢复到内存数据库 (sqlite::memory:)');
    if (!existsSync(path)) return [];
  }
  const h = await openDatabase(config.DATABASE_URL, { poolSize: 1 }).catch((e: Error) => {
    throw new BackupError(`无法打开目标数据库：${e.message}`);
  });
  try {
    return await backupRepository.tables(h.db, dialect);
  } catch (e) {
    throw new BackupError(`无法读取目标数据库：${(e as Error).message}`);
  } finally {
    await h.close();
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Files written into the store (others were there already, byte for byte: the store is content-addressed). */
  filesWritten: number;
}

/**
 * Restores a backup into the configured database and file store. The target must be empty
 * (`force`: its tables are dropped first). Everything is checked before the target is touched:
 * the archive's structure, the manifest's checksum, every member's sha256, the dialect and the
 * PII key. Afterwards every table's row count is compared with the manifest. Migrations to the
 * code's latest and the read models are the caller's next step (the CLI boots the app).
 */
export async function restoreBackup(config: Config, file: string, opts: { force?: boolean; progress?: Progress } = {}): Promise<RestoreResult> {
  const progress = opts.progress ?? noop;
  const source = resolve(file);
  const size = await stat(source).then((s) => (s.isFile() ? s.size : -1), () => -2);
  if (size === -2) throw new BackupError(`备份文件不存在：${file}`);
  if (size === -1) throw new BackupError(`不是文件：${file}`);
  const fh = await open(source, 'r');
  const dialect = dialectOf(config.DATABASE_URL);
  let staging: string | null = null;
  let sqliteIncoming: string | null = null;
  try {
    let entries: TarEntry[];
    try {
      entries = await listTar(fh, size);
    } catch (e) {
      if (e instanceof TarFormatError) throw corrupt(file, e.message);
      throw e;
    }
    const manifest = await readManifest(file, fh, entries);
    if (manifest.dialect !== dialect) {
      throw new BackupError(`这是 ${manifest.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} 数据库的备份，不能恢复到 ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} 数据库（DATABASE_URL）`);
    }
    if (manifest.piiKey) {
      const key = currentPiiKey(config);
      if (!key || piiFingerprint(key) !== manifest.piiKey) {
        throw new BackupError(
          '个人信息加密密钥与备份时不同（或未设置）：恢复后姓名、电话将无法读取。请把 LIANXIN_PII_KEY 设为备份时的密钥，或把原数据目录的 pii-key.txt 复制到 LIANXIN_DATA_DIR',
        );
      }
    }
    const existing = await targetTables(config, dialect);
    if (existing.length && !opts.force) {
      throw new BackupError(`目标数据库不是空的（已有 ${existing.length} 张表）：恢复会覆盖其中的数据。请换一个空数据库，或确认无误后加 --force`);
    }

    // Extract and check every member before the target is touched.
    await mkdir(config.LIANXIN_DATA_DIR, { recursive: true });
    staging = await mkdtemp(join(config.LIANXIN_DATA_DIR, '.restore-'));
    const byName = new Map(entries.map((e) => [e.name, e]));
    const total = manifest.database.size + manifest.files.bytes;
    let read = 0;
    const onBytes = (n: number) => {
      read += n;
      progress('读取并校验备份 (reading and checking)', read, total);
    };
    const dbEntry = byName.get(manifest.database.entry)!;
    let dbPath: string;
    if (dialect === 'sqlite') {
      const path = resolve(sqlitePath(config.DATABASE_URL));
      await mkdir(dirname(path), { recursive: true });
      dbPath = sqliteIncoming = `${path}.restoring`;
    } else {
      dbPath = join(staging, 'database.pgdump');
    }
    if ((await extract(fh, dbEntry, dbPath, onBytes)) !== manifest.database.sha256) throw corrupt(file, `数据库 ${manifest.database.entry} 的校验值不符`);
    for (const [key] of manifest.files.keys) {
      const sha = await extract(fh, byName.get(`${FILES}${key}`)!, join(staging, 'files', key), onBytes);
      if (sha !== parseFileKey(key).sha256) throw corrupt(file, `文件 ${key} 的校验值不符`);
    }
    progress('读取并校验备份 (reading and checking)', total, total);

    // Write the database.
    if (dialect === 'sqlite') {
      const path = resolve(sqlitePath(config.DATABASE_URL));
      // The old database's journal files must not be applied to the new file; the rename replaces the file itself.
      for (const f of [`${path}-wal`, `${path}-shm`, `${path}-journal`]) await rm(f, { force: true });
      await rename(dbPath, path);
      sqliteIncoming = null;
      await syncDir(dirname(path));
    } else {
      const pgRestore = findPgTool('pg_restore');
      if (existing.length) {
        const h = await openDatabase(config.DATABASE_URL, { poolSize: 1 });
        try {
          await backupRepository.dropSchemaContents(h.db);
        } finally {
          await h.close();
        }
      }
      const target = pgToolTarget(config.DATABASE_URL);
      const tables = Object.keys(manifest.tables).length;
      let restored = 0;
      progress('导入数据库 (pg_restore, tables)', 0, tables);
      await runTool(pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--verbose', `--dbname=${target.url}`, dbPath], target.env, (l) => {
        if (/processing data for table/.test(l)) progress('导入数据库 (pg_restore, tables)', Math.min(++restored, tables), tables);
      });
      progress('导入数据库 (pg_restore, tables)', tables, tables);
    }

    // The files: moved into the store; a key already there holds the same bytes.
    const store = join(config.LIANXIN_DATA_DIR, 'files');
    let filesWritten = 0;
    for (const [key, fileSize] of manifest.files.keys) {
      const dest = join(store, key);
      const there = await stat(dest).then((s) => s.size, () => -1);
      if (there === fileSize) continue;
      await mkdir(dirname(dest), { recursive: true });
      await rename(join(staging, 'files', key), dest);
      filesWritten++;
    }
    if (filesWritten) await syncDir(store);

    // The restored database holds exactly what the backup counted.
    const h = await openDatabase(config.DATABASE_URL, { poolSize: 1 });
    try {
      const counts = await backupRepository.rowCounts(h.db, Object.keys(manifest.tables));
      for (const [table, n] of Object.entries(manifest.tables)) {
        if (counts[table] !== n) throw new BackupError(`恢复后的行数与备份不符：表 ${table} 备份时 ${n} 行，恢复后 ${counts[table]} 行`);
      }
    } finally {
      await h.close();
    }
    return { manifest, filesWritten };
  } finally {
    await fh.close();
    if (staging) await rm(staging, { recursive: true, force: true });
    if (sqliteIncoming) await rm(sqliteIncoming, { force: true });
  }
}
