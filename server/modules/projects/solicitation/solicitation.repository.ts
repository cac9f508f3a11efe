import type { Executor } from '../../../platform/db/database.ts';
import { keyset } from '../../../platform/db/keyset.ts';
import { likeContains } from '../../../platform/db/like.ts';
import type { CursorValue } from '../../../platform/http/pagination.ts';
import type { ProjectsTables } from '../projects.tables.ts';

export type CallRow = ProjectsTables['project_calls'];
export type ProposalRow = ProjectsTables['project_proposals'];
export type CallListRow = CallRow & { proposal_count: number };
export type ProposalNamed = ProposalRow & { deputy_name: string | null; department_name: string | null };

const n = (v: unknown) => Number(v ?? 0);

const calls = (db: Executor) =>
  db
    .selectFrom('project_calls as c')
    .selectAll('c')
    .select((eb) => eb.selectFrom('project_proposals as p').select(eb.fn.countAll<number>().as('n')).whereRef('p.call_id', '=', 'c.id').as('proposal_count'));

const proposals = (db: Executor) =>
  db
    .selectFrom('project_proposals as p')
    .leftJoin('deputies as d', 'd.id', 'p.deputy_id')
    .leftJoin('departments as dep', 'dep.id', 'p.department_id')
    .selectAll('p')
    .select(['d.name as deputy_name', 'dep.name as department_name']);

/** Calls, proposals, screening and the cases behind them: the only SQL of solicitation. */
export const solicitationRepository = {
  async listCalls(db: Executor, districtCode: string, status: string | undefined, limit: number, after: CursorValue[] | null): Promise<CallListRow[]> {
    let q = calls(db).where('c.district_code', '=', districtCode);
    if (status) q = q.where('c.status', '=', status);
    const rows = await keyset(q, 'c.id', 'c.id', 'desc', after).limit(limit + 1).execute();
    return rows.map((r) => ({ ...r, proposal_count: n(r.proposal_count) }));
  },
  async getCall(db: Executor, districtCode: string, id: string): Promise<CallListRow | undefined> {
    const r = await calls(db).where('c.district_code', '=', districtCode).where('c.id', '=', id).executeTakeFirst();
    return r && { ...r, proposal_count: n(r.proposal_count) };
  },
  async insertCall(db: Executor, row: CallRow): Promise<void> {
    await db.insertInto('project_calls').values(row).execute();
  },
  async updateCall(db: Executor, id: string, version: number, patch: Partial<CallRow>): Promise<boolean> {
    const res = await db.updateTable('project_calls').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  /** Calls the public page lists: open ones and those of the last `sinceOn` days, newest first. */
  async publicCalls(db: Executor, districtCode: string, sinceOn: string): Promise<CallListRow[]> {
    const rows = await calls(db)
      .where('c.district_code', '=', districtCode)
      .where((eb) => eb.or([eb('c.status', '=', 'open'), eb('c.closes_on', '>=', sinceOn)]))
      .orderBy('c.opens_on', 'desc').orderBy('c.id', 'desc').limit(50).execute();
    return rows.map((r) => ({ ...r, proposal_count: n(r.proposal_count) }));
  },

  async listProposals(db: Executor, callId: string, f: { status?: string; q?: string }, limit: number, after: CursorValue[] | null): Promise<ProposalNamed[]> {
    let q = proposals(db).where('p.call_id', '=', callId);
    if (f.status) q = q.where('p.status', '=', f.status);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([likeContains('p.title', text), likeContains('p.description', text), likeContains('p.location', text)]));
    }
    return keyset(q, 'p.id', 'p.id', 'asc', after).limit(limit + 1).execute();
  },
  async getProposal(db: Executor, districtCode: string, id: string): Promise<ProposalNamed | undefined> {
    return proposals(db).where('p.district_code', '=', districtCode).where('p.id', '=', id).executeTakeFirst();
  },
  async proposalByKey(db: Executor, callId: string, key: string): Promise<ProposalRow | undefined> {
    return db.selectFrom('project_proposals').selectAll().where('call_id', '=', callId).where('idempotency_key', '=', key).executeTakeFirst();
  },
  async insertProposal(db: Executor, row: ProposalRow): Promise<void> {
    await db.insertInto('project_proposals').values(row).execute();
  },
  async updateProposal(db: Executor, id: string, version: number, patch: Partial<ProposalRow>): Promise<boolean> {
    const res = await db.updateTable('project_proposals').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  /** Proposals merged into `fromId` now count for `toId` (no chains: support adds up in one place). */
  async repointMerged(db: Executor, fromId: string, toId: string, at: string): Promise<string[]> {
    const rows = await db.selectFrom('project_proposals').select('id').where('merged_into_id', '=', fromId).execute();
    if (rows.length) await db.updateTable('project_proposals').set((eb) => ({ merged_into_id: toId, updated_at: at, version: eb('version', '+', 1) })).where('merged_into_id', '=', fromId).execute();
    return rows.map((r) => r.id);
  },
  /** Proposals merged into any of `ids`: child id → the id it counts for. */
  async mergedInto(db: Executor, ids: readonly string[]): Promise<Array<{ id: string; merged_into_id: string }>> {
    if (!ids.length) return [];
    const rows = await db.selectFrom('project_proposals').select(['id', 'merged_into_id']).where('merged_into_id', 'in', [...ids]).execute();
    return rows.map((r) => ({ id: r.id, merged_into_id: r.merged_into_id! }));
  },

  async caseLinks(db: Executor, ownerType: string, ownerIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!ownerIds.length) return out;
    const rows = await db.selectFrom('project_case_links').select(['owner_id', 'case_id']).where('owner_type', '=', ownerType).where('owner_id', 'in', [...ownerIds]).orderBy('owner_id').orderBy('case_id').execute();
    for (const r of rows) out.set(r.owner_id, [...(out.get(r.owner_id) ?? []), r.case_id]);
    return out;
  },
  async addCaseLinks(db: Executor, ownerType: string, ownerId: string, caseIds: readonly string[]): Promise<number> {
    const have = new Set((await this.caseLinks(db, ownerType, [ownerId])).get(ownerId) ?? []);
    const add = [...new Set(caseIds)].filter((c) => !have.has(c));
    if (add.length) await db.insertInto('project_case_links').values(add.map((case_id) => ({ owner_type: ownerType, owner_id: ownerId, case_id }))).execute();
    return add.length;
  },
  /** Whether a proposal already became a candidate project (a session's ballot). */
  async projectOf(db: Executor, proposalId: string): Promise<{ id: string; session_id: string } | undefined> {
    return db.selectFrom('projects').select(['id', 'session_id']).where('proposal_id', '=', proposalId).executeTakeFirst();
  },
};
