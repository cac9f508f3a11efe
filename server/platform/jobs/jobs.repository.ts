import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Trx } from '../db/database.ts';

/** The first key of every Lianxin job lock (PostgreSQL advisory locks take two int4 keys): 'LXJB'. */
const JOB_LOCK_CLASS = 0x4c584a42;

/** A job's lock key: 32 bits of its name's SHA-256 (stable across processes and versions). */
export function jobLockKey(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

export const jobsRepository = {
  /**
   * PostgreSQL: takes the job's advisory lock for the rest of `trx`, or answers false at once when
   * another process holds it. Transaction-scoped (released by commit or rollback, and by the server
   * when a process dies), so it also works through pgbouncer in transaction pooling mode.
   */
  async tryLock(trx: Trx, name: string): Promise<boolean> {
    const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${JOB_LOCK_CLASS}::int4, ${jobLockKey(name)}::int4) as ok`.execute(trx);
    return r.rows[0]?.ok === true;
  },
};
