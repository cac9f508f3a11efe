import { createHash } from 'node:crypto';
import { isPostgres, type Executor } from '../db/database.ts';
import type { ActionContext } from '../context.ts';
import { newId } from '../ids.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface Change {
  /** `station.create`, `user.deactivate`, `case.assign` … */
  action: string;
  entityType: string;
  entityId: string | null;
  /** What changed, for the audit trail; never secrets (password hashes are not passed). */
  data?: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: string;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
}

export function auditHash(row: AuditRow): string {
  const canonical = JSON.stringify([
    row.seq, row.at, row.actor_id, row.actor_name, row.action, row.entity_type,
    row.entity_id, row.data, row.ip, row.request_id, row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The chain head as this transaction last wrote it. Within one transaction the head is this
 * transaction's alone (locked on PostgreSQL, the only writer on SQLite) and nothing rolls back
 * part of a transaction (no savepoints; group commit retries in a new one), so the entries after
 * the first of a transaction (the cases of a group-commit batch) need not read it again: one
 * statement less per case. Never kept for statements outside a transaction.
 */
const heads = new WeakMap<Executor, { seq: number; hash: string }>();

async function readHead(trx: Executor): Promise<{ seq: number; hash: string }> {
  let q = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (isPostgres(trx)) q = q.forUpdate();
  return (await q.executeTakeFirst()) ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * Records a write: one hash-chained audit entry and one outbox event, inside the caller's
 * transaction, so the change, its trace and its event commit or vanish together.
 * The chain head is a single row locked for the transaction (FOR UPDATE on PostgreSQL;
 * SQLite has one writer anyway).
 */
export async function recordChange(trx: Executor, ctx: ActionContext, change: Change): Promise<void> {
  const head = heads.get(trx) ?? (await readHead(trx));
  const at = ctx.now.toISOString();
  const row: AuditRow = {
    seq: head.seq + 1,
    at,
    actor_id: ctx.principal?.userId ?? null,
    actor_name: ctx.principal?.username ?? 'system',
    action: change.action,
    entity_type: change.entityType,
    entity_id: change.entityId,
    data: JSON.stringify(change.data ?? {}),
    ip: ctx.ip,
    request_id: ctx.requestId,
    prev_hash: head.hash,
  };
  const hash = auditHash(row);
  await trx.insertInto('audit_log').values({ ...row, hash }).execute();
  await trx.updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 1).execute();
  if (trx.isTransaction) heads.set(trx, { seq: row.seq, hash });
  await trx
    .insertInto('events')
    .values({
      id: newId(),
      type: change.action,
      entity_type: change.entityType,
      entity_id: change.entityId,
      payload: row.data,
      occurred_at: at,
      processed_at: null,
      seq: row.seq,
    })
    .execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first sequence number whose entry or link does not verify. */
  brokenAt?: number;
  reason?: string;
}

/** Walks the chain from the start: an edited, deleted or inserted row breaks it. */
export async function verifyAuditChain(db: Executor): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const pageSize = 5000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, checked, brokenAt: expectedSeq, reason: '缺少记录（已删除）' };
      if (r.prev_hash !== prev) return { ok: false, checked, brokenAt: r.seq, reason: '链接断开' };
      const { hash, ...rest } = r;
      if (auditHash(rest) !== hash) return { ok: false, checked, brokenAt: r.seq, reason: '内容被修改' };
      prev = hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (head && (head.seq !== checked || head.hash !== prev)) {
    return { ok: false, checked, brokenAt: checked + 1, reason: '末尾记录已删除' };
  }
  return { ok: true, checked };
}

