import { sql } from 'kysely';
import type { AppDeps } from '../../../platform/deps.ts';

/**
 * The demo replays its case history as a few thousand small transactions into a database that
 * has just been created. On SQLite each commit waits for the disk (synchronous = FULL); while the
 * demo loads, NORMAL is enough (WAL keeps the file consistent; a crash at this point means
 * loading the demo again anyway). Returns how to restore the server's setting.
 */
export async function relaxSqliteSyncForDemo(deps: AppDeps): Promise<() => Promise<void>> {
  if (deps.dialect !== 'sqlite') return async () => {};
  await sql`PRAGMA synchronous = NORMAL`.execute(deps.db);
  return async () => void (await sql`PRAGMA synchronous = FULL`.execute(deps.db));
}
