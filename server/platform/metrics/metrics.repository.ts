import type { Executor } from '../db/database.ts';
import type { NotifyTables } from '../notify/notify.tables.ts';

// Widens the executor's schema like the dispatcher does (same connection).
const tables = (db: Executor) => db.withTables<{ messages: NotifyTables['messages'] }>();

/** What /metrics reads at each scrape: a few indexed aggregates, nothing per row. */
export const metricsRepository = {
  /** Messages waiting to go out (queued) or being sent (sending), by channel. Sent and failed rows are not counted. */
  async outboxDepth(db: Executor): Promise<Array<{ channel: string; status: string; n: number }>> {
    const rows = await tables(db)
      .selectFrom('messages')
      .select((eb) => ['channel', 'status', eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['queued', 'sending'])
      .groupBy(['channel', 'status'])
      .execute();
    return rows.map((r) => ({ channel: r.channel, status: r.status, n: Number(r.n) }));
  },
  /** The newest event's sequence number (0 without events). */
  async maxEventSeq(db: Executor): Promise<number> {
    const r = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    return Number(r?.m ?? 0);
  },
  /** Each projection's cursor (projections that never ran have no row). */
  async projectionCursors(db: Executor): Promise<Map<string, number>> {
    const rows = await db.selectFrom('projection_cursors').select(['name', 'seq']).execute();
    return new Map(rows.map((r) => [r.name, Number(r.seq)]));
  },
};
