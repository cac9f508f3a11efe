import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { modules } from './modules.ts';
import { DEMO_PARAMS, hashedWith, hashPassword, setPasswordCost, verifyPassword } from './platform/auth/passwords.ts';
import { usersRepository } from './platform/auth/users.repository.ts';
import { pinnedClock, systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import type { AppDeps } from './platform/deps.ts';
import { randomToken } from './platform/ids.ts';
import { platformMigrations } from './platform/platform.migrations.ts';
import { notifyMigrations } from './platform/notify/notify.migrations.ts';
import { eventsMigrations } from './platform/events/events.migrations.ts';
import { runProjection } from './platform/events/projector.ts';
import { createPiiCipher, loadOrCreatePiiKey } from './platform/crypto/pii.ts';
import { localFileStore } from './platform/files/file-store.ts';
import { s3Config, s3FileStore } from './platform/files/s3-store.ts';

export interface Booted {
  deps: AppDeps;
  handle: DatabaseHandle;
  /** Set when the demo district is loaded: the password of every demo account. */
  demoPassword: string | null;
  close(): Promise<void>;
}

/** The demo password: the configured one, else one generated once and kept beside the data. */
function demoPassword(config: Config): { password: string; generated: boolean } {
  if (config.LIANXIN_DEMO_PASSWORD) return { password: config.LIANXIN_DEMO_PASSWORD, generated: false };
  const file = join(config.LIANXIN_DATA_DIR, 'demo-password.txt');
  if (existsSync(file)) return { password: readFileSync(file, 'utf8').trim(), generated: true };
  const password = `lx-${randomToken(9)}`;
  mkdirSync(config.LIANXIN_DATA_DIR, { recursive: true });
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return { password, generated: true };
}

/** config → database → migrations → reference data → demo district (on an empty database). */
export async function boot(config: Config, opts: { log?: Logger; clock?: Clock } = {}): Promise<Booted> {
  const log = opts.log ?? pino({ level: config.LOG_LEVEL });
  setPasswordCost(config.NODE_ENV);
  const clock = opts.clock ?? (config.LIANXIN_NOW ? pinnedClock(config.LIANXIN_NOW) : systemClock());
  const handle = await openDatabase(config.DATABASE_URL, { prepared: config.LIANXIN_PG_PREPARED === 'on' });
  const pii = createPiiCipher(loadOrCreatePiiKey(config, log));
  const files = config.LIANXIN_FILES === 's3' ? s3FileStore(s3Config(config)) : localFileStore(join(config.LIANXIN_DATA_DIR, 'files'));
  const deps: AppDeps = { config, db: handle.db, dialect: handle.dialect, clock, log, pii, files };
  try {
    const applied = await migrateToLatest(handle.db, [platformMigrations, notifyMigrations, eventsMigrations, ...modules.map((m) => m.migrations)]);
    if (applied.length) log.info({ applied }, '数据库迁移完成 (migrations applied)');
    for (const m of modules) await m.loadReference?.(deps);

    let demo: string | null = null;
    if (config.LIANXIN_DEMO) {
      const empty = (await handle.db.selectFrom('users').select('id').limit(1).execute()).length === 0;
      const { password } = demoPassword(config);
      if (empty) {
        const ids = new Map<string, string>();
        for (const m of modules) await m.seedDemo?.(deps, { password, ids, log: (msg) => log.info(msg) });
        demo = password;
      } else {
        const accounts = await usersRepository.demoAccounts(handle.db);
        if (accounts.length) {
          demo = password;
          // LIANXIN_DEMO_PASSWORD set on a database seeded earlier: the demo accounts follow it
          // (one hash is checked). A hash at another cost than DEMO_PARAMS (seeded before it
          // existed, or a password changed in the console) is made again, so that this check stays
          // cheap at every start.
          if (accounts.some((a) => !hashedWith(a.password_hash, DEMO_PARAMS)) || !(await verifyPassword(password, accounts[0]!.password_hash))) {
            const now = clock.now().toISOString();
            for (const a of accounts) await usersRepository.setPassword(handle.db, a.id, await hashPassword(password, DEMO_PARAMS), now);
          }
        }
      }
    }
    // Read models catch up with everything written before this start (the demo, a restore, a new projection).
    for (const p of modules.flatMap((m) => m.projections ?? [])) {
      const n = await runProjection(deps, p, { wait: true, batchSize: 2000 });
      if (n) log.info({ projection: p.name, events: n }, '读模型已更新 (projection caught up)');
    }
    return { deps, handle, demoPassword: demo, close: () => handle.close() };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
