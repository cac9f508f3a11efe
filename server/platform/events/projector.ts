import { sql } from 'kysely';
import { isPostgres, PREPARED, type Db, type Trx } from '../db/database.ts';
import type { AppDeps } from '../deps.ts';

/** One entry of the outbox, as a projection sees it. */
export interface StoredEvent {
  seq: number;
  /** The audit action: `case.assign`, `voting.ballot` … */
  type: string;
  entityType: string;
  entityId: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/**
 * A read model kept from events (dashboards' counters, the performance archive). Handlers are
 * idempotent: they reload the entity through the owning module's public queries and replace
 * what they derived from it, so replaying events (or all of them, to rebuild) is safe.
 */
export interface Projection {
  /** Stable name, also the cursor's key: `dashboard.cases`. */
  name: string;
  /** The entity types it reacts to; other events only move its cursor. */
  entityTypes: readonly string[];
  /** Applies a batch in sequence order inside the runner's transaction (cursor moves in the same commit). */
  apply(trx: Trx, deps: AppDeps, events: StoredEvent[]): Promise<void>;
}

export interface RunOptions {
  batchSize?: number;
  /** true (reads that need fresh figures): wait for another process running the same projection; false (the job): skip. */
  wait?: boolean;
  /** Stop after this many batches (the job), so one tick stays short. */
  maxBatches?: number;
}


async function maxSeq(db: Db | Trx): Promise<number> {
  const r = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0);
}

/**
 * True when the projection has seen every committed event. Cheap: two indexed look-ups in one
 * statement (every read that needs fresh figures asks first; on PostgreSQL a round trip costs
 * about as much as the look-ups).
 */
export async function isCaughtUp(db: Db, name: string): Promise<boolean> {
  // Asked before every search and duplicate check: prepared once per PostgreSQL connection.
  const { rows } = await sql<{ c: number | string | null; m: number | string | null }>`${sql.raw(PREPARED)}
    select (select seq from projection_cursors where name = ${name}) as c, (select max(seq) from events) as m`.execute(db);
  return Number(rows[0]?.c ?? 0) >= Number(rows[0]?.m ?? 0);
}

/**
 * Runs one projection over the events after its cursor, a batch per transaction.
 * The upper bound of each batch is read first and the cursor never passes it, so an event
 * committed while the batch runs is picked up next time, never skipped.
 * Returns the number of events the projection applied.
 */
export async function runProjection(deps: AppDeps, projection: Projection, opts: RunOptions = {}): Promise<number> {
  const { db } = deps;
  const batchSize = opts.batchSize ?? 500;
  const pg = isPostgres(db);
  let applied = 0;
  for (let batch = 0; opts.maxBatches === undefined || batch < opts.maxBatches; batch++) {
    if (await isCaughtUp(db, projection.name)) break;
    const more = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('projection_cursors')
        .values({ name: projection.name, seq: 0, updated_at: deps.clock.now().toISOString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      let q = trx.selectFrom('projection_cursors').select('seq').where('name', '=', projection.name);
      if (pg) q = opts.wait ? q.forUpdate() : q.forUpdate().skipLocked();
      const cur = await q.executeTakeFirst();
      if (!cur) return false; // another process holds it
      const from = Number(cur.seq);
      const upTo = await maxSeq(trx);
      if (upTo <= from) return false;
      const rows = await trx
        .selectFrom('events')
        .select(['seq', 'type', 'entity_type', 'entity_id', 'payload', 'occurred_at'])
        .where('seq', '>', from)
        .where('seq', '<=', upTo)
        .where('entity_type', 'in', [...projection.entityTypes])
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      const events: StoredEvent[] = rows.map((r) => ({
        seq: Number(r.seq),
        type: r.type,
        entityType: r.entity_type,
        entityId: r.entity_id,
        payload: parsePayload(r.payload),
        occurredAt: r.occurred_at,
      }));
      if (events.length) await projection.apply(trx, deps, events);
      applied += events.length;
      const full = events.length === batchSize;
      const next = full ? events[events.length - 1]!.seq : upTo;
      await trx.updateTable('projection_cursors').set({ seq: next, updated_at: deps.clock.now().toISOString() }).where('name', '=', projection.name).execute();
      return full;
    });
    if (!more) break;
    // Between batches, the event loop serves what arrived meanwhile (node:sqlite works synchronously:
    // a run of many batches would otherwise hold every request until it ends).
    await new Promise((r) => setImmediate(r));
  }
  return applied;
}

/**
 * Brings a projection up to date before a read, so a figure reflects every write the caller
 * was told was saved. A failing projection is logged and the read goes on with what is stored:
 * a stale figure is better than no dashboard.
 */
export async function catchUp(deps: AppDeps, projection: Projection): Promise<void> {
  try {
    await runProjection(deps, projection, { wait: true });
  } catch (err) {
    deps.log.error({ err, projection: projection.name }, '读模型更新失败 (projection failed)');
  }
}

/** Forgets what a projection has seen: the next run replays every event (its handlers replace what they derived). */
export async function resetProjection(db: Db, name: string): Promise<void> {
  await db.deleteFrom('projection_cursors').where('name', '=', name).execute();
}

function parsePayload(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
