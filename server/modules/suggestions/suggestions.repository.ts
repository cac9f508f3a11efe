import type { Executor } from '../../platform/db/database.ts';
import { keyset } from '../../platform/db/keyset.ts';
import { likeContains } from '../../platform/db/like.ts';
import type { CursorValue } from '../../platform/http/pagination.ts';
import type { SuggestionsTables } from './suggestions.tables.ts';

export type SuggestionRow = SuggestionsTables['suggestions'];
export type CosponsorRow = SuggestionsTables['suggestion_cosponsors'];
export type HandlerRow = SuggestionsTables['suggestion_departments'];
export type ReplyRow = SuggestionsTables['suggestion_replies'];
export type EvaluationRow = SuggestionsTables['suggestion_evaluations'];
export type SuggestionEventRow = SuggestionsTables['suggestion_events'];
/** A suggestion with its lead deputy, lead department and the counts a list shows (read joins into org's tables, decision 0003). */
export type SuggestionListRow = SuggestionRow & {
  deputy_name: string;
  deputy_level: string;
  lead_department_id: string | null;
  lead_department_name: string | null;
  cosponsor_count: number;
  case_count: number;
};

/**
 * What a caller may see. The office: the district. A deputy: what he/she leads or is invited to
 * co-sign. Department handlers: what is assigned to their unit (lead or co). Station staff: the
 * suggestions, past the draft, of deputies serving their stations. Liaison officers: nothing.
 */
export interface SuggestionScope {
  districtCode: string;
  all: boolean;
  deputyId: string | null;
  departmentId: string | null;
  stationIds: string[];
}

export interface SuggestionFilters {
  /** Any of these statuses. */
  status?: readonly string[];
  /** The caller as a deputy: what he/she leads, or is a co-sponsor of (optionally in one co-sponsor status). */
  role?: 'lead' | 'cosponsor';
  cosponsorStatus?: string;
  /** The caller's unit's role as a handler. */
  handlerRole?: string;
  q?: string;
  deputyId?: string;
  departmentId?: string;
  caseId?: string;
  overdue?: boolean;
  year?: number;
  period?: string;
  now: string;
  /** Who `role` and `handlerRole` refer to (the service checks they are set when used). */
  callerDeputyId?: string | null;
  callerDepartmentId?: string | null;
}

const HANDLING = ['assigned', 'rehandling'];

const named = (db: Executor) =>
  db
    .selectFrom('suggestions as s')
    .innerJoin('deputies as d', 'd.id', 's.lead_deputy_id')
    .leftJoin('suggestion_departments as ld', (j) => j.onRef('ld.suggestion_id', '=', 's.id').on('ld.role', '=', 'lead'))
    .leftJoin('departments as dp', 'dp.id', 'ld.department_id')
    .selectAll('s')
    .select((eb) => [
      'd.name as deputy_name',
      'd.level as deputy_level',
      'ld.department_id as lead_department_id',
      'dp.name as lead_department_name',
      eb.selectFrom('suggestion_cosponsors as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.suggestion_id', '=', 's.id').where('c.status', '=', 'signed').as('cosponsor_count'),
      eb.selectFrom('suggestion_cases as k').select(eb.fn.countAll<number>().as('n')).whereRef('k.suggestion_id', '=', 's.id').as('case_count'),
    ]);

function scoped(db: Executor, scope: SuggestionScope) {
  let q = named(db).where('s.district_code', '=', scope.districtCode);
  if (!scope.all) {
    const { deputyId, departmentId, stationIds } = scope;
    q = q.where((eb) => {
      const ors = [];
      if (deputyId) {
        ors.push(eb('s.lead_deputy_id', '=', deputyId));
        ors.push(eb.exists(eb.selectFrom('suggestion_cosponsors as c').select('c.deputy_id').whereRef('c.suggestion_id', '=', 's.id').where('c.deputy_id', '=', deputyId)));
      }
      if (departmentId) {
        ors.push(eb.and([
          eb('s.status', 'in', ['assigned', 'replied', 'rehandling', 'closed']),
          eb.exists(eb.selectFrom('suggestion_departments as h').select('h.department_id').whereRef('h.suggestion_id', '=', 's.id').where('h.department_id', '=', departmentId)),
        ]));
      }
      if (stationIds.length) {
        ors.push(eb.and([
          eb('s.status', '!=', 'draft'),
          eb.exists(eb.selectFrom('deputy_stations as ds').select('ds.deputy_id').whereRef('ds.deputy_id', '=', 's.lead_deputy_id').where('ds.station_id', 'in', stationIds)),
        ]));
      }
      return ors.length ? eb.or(ors) : eb.val(false);
    });
  }
  return q;
}

const counted = <T extends { cosponsor_count: unknown; case_count: unknown }>(r: T) => ({ ...r, cosponsor_count: Number(r.cosponsor_count ?? 0), case_count: Number(r.case_count ?? 0) });

export const suggestionsRepository = {
  async list(db: Executor, scope: SuggestionScope, f: SuggestionFilters, limit: number, after: CursorValue[] | null): Promise<SuggestionListRow[]> {
    let q = scoped(db, scope);
    if (f.status?.length) q = q.where('s.status', 'in', [...f.status]);
    if (f.role === 'lead') q = q.where('s.lead_deputy_id', '=', f.callerDeputyId ?? '');
    if (f.role === 'cosponsor') {
      const me = f.callerDeputyId ?? '';
      const st = f.cosponsorStatus;
      q = q.where((eb) => eb.exists(eb.selectFrom('suggestion_cosponsors as c3').select('c3.deputy_id').whereRef('c3.suggestion_id', '=', 's.id').where('c3.deputy_id', '=', me)
        .$if(st !== undefined, (w) => w.where('c3.status', '=', st!))));
    }
    if (f.handlerRole) {
      const unit = f.callerDepartmentId ?? '';
      const role = f.handlerRole;
      q = q.where((eb) => eb.exists(eb.selectFrom('suggestion_departments as h3').select('h3.department_id').whereRef('h3.suggestion_id', '=', 's.id')
        .where('h3.department_id', '=', unit).where('h3.role', '=', role)));
    }
    if (f.year) q = q.where('s.year', '=', f.year);
    if (f.period) q = q.where('s.period', '=', f.period);
    if (f.deputyId) {
      const id = f.deputyId;
      q = q.where((eb) => eb.or([
        eb('s.lead_deputy_id', '=', id),
        eb.exists(eb.selectFrom('suggestion_cosponsors as c2').select('c2.deputy_id').whereRef('c2.suggestion_id', '=', 's.id').where('c2.deputy_id', '=', id)),
      ]));
    }
    if (f.departmentId) {
      const id = f.departmentId;
      q = q.where((eb) => eb.exists(eb.selectFrom('suggestion_departments as h2').select('h2.department_id').whereRef('h2.suggestion_id', '=', 's.id').where('h2.department_id', '=', id)));
    }
    if (f.caseId) {
      const id = f.caseId;
      q = q.where((eb) => eb.exists(eb.selectFrom('suggestion_cases as k2').select('k2.case_id').whereRef('k2.suggestion_id', '=', 's.id').where('k2.case_id', '=', id)));
    }
    if (f.overdue === true) q = q.where('s.status', 'in', HANDLING).where('s.due_at', '<', f.now);
    if (f.overdue === false) q = q.where((eb) => eb.or([eb('s.status', 'not in', HANDLING), eb('s.due_at', 'is', null), eb('s.due_at', '>=', f.now)]));
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([likeContains('s.title', text), likeContains('s.content', text), likeContains('s.proposals', text), eb('s.number', '=', text)]));
    }
    return (await keyset(q, 's.id', 's.id', 'desc', after).limit(limit + 1).execute()).map(counted);
  },
  async getScoped(db: Executor, scope: SuggestionScope, id: string): Promise<SuggestionListRow | undefined> {
    const r = await scoped(db, scope).where('s.id', '=', id).executeTakeFirst();
    return r && counted(r);
  },
  async get(db: Executor, id: string): Promise<SuggestionRow | undefined> {
    return db.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insert(db: Executor, row: SuggestionRow): Promise<void> {
    await db.insertInto('suggestions').values(row).execute();
  },
  /** Optimistic concurrency: the write happens only at the version the caller saw. */
  async update(db: Executor, id: string, version: number, patch: Partial<SuggestionRow>): Promise<boolean> {
    const res = await db.updateTable('suggestions').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  /** The next number of a district's year and period (the unique index decides a race). */
  async nextNumberSeq(db: Executor, districtCode: string, year: number, period: string): Promise<number> {
    const r = await db.selectFrom('suggestions').select((eb) => eb.fn.max('number_seq').as('m'))
      .where('district_code', '=', districtCode).where('year', '=', year).where('period', '=', period).executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  },

  // ── co-sponsors ──
  async cosponsors(db: Executor, id: string): Promise<Array<CosponsorRow & { name: string; level: string }>> {
    return db.selectFrom('suggestion_cosponsors as c').innerJoin('deputies as d', 'd.id', 'c.deputy_id')
      .selectAll('c').select(['d.name', 'd.level']).where('c.suggestion_id', '=', id).orderBy('d.name_key').orderBy('d.id').execute();
  },
  async cosponsor(db: Executor, id: string, deputyId: string): Promise<CosponsorRow | undefined> {
    return db.selectFrom('suggestion_cosponsors').selectAll().where('suggestion_id', '=', id).where('deputy_id', '=', deputyId).executeTakeFirst();
  },
  async addCosponsors(db: Executor, rows: CosponsorRow[]): Promise<void> {
    if (rows.length) await db.insertInto('suggestion_cosponsors').values(rows).execute();
  },
  async removeCosponsors(db: Executor, id: string, deputyIds: string[]): Promise<void> {
    if (deputyIds.length) await db.deleteFrom('suggestion_cosponsors').where('suggestion_id', '=', id).where('deputy_id', 'in', deputyIds).execute();
  },
  async setCosponsorStatus(db: Executor, id: string, deputyId: string, status: string, at: string): Promise<void> {
    await db.updateTable('suggestion_cosponsors').set({ status, responded_at: at }).where('suggestion_id', '=', id).where('deputy_id', '=', deputyId).execute();
  },

  // ── linked cases ──
  async caseIds(db: Executor, id: string): Promise<string[]> {
    return (await db.selectFrom('suggestion_cases').select('case_id').where('suggestion_id', '=', id).orderBy('case_id').execute()).map((r) => r.case_id);
  },
  /** Replaces the links; a case kept keeps its step time. */
  async setCases(db: Executor, id: string, caseIds: string[]): Promise<void> {
    const keep = caseIds.length ? caseIds : ['-'];
    await db.deleteFrom('suggestion_cases').where('suggestion_id', '=', id).where('case_id', 'not in', keep).execute();
    const have = new Set(await this.caseIds(db, id));
    const add = caseIds.filter((c) => !have.has(c));
    if (add.length) await db.insertInto('suggestion_cases').values(add.map((case_id) => ({ suggestion_id: id, case_id, step_at: null }))).execute();
  },
  /** Linked cases that have not had their “已转为代表建议” step yet; marks them. */
  async takeUnannouncedCases(db: Executor, id: string, at: string): Promise<string[]> {
    const ids = (await db.selectFrom('suggestion_cases').select('case_id').where('suggestion_id', '=', id).where('step_at', 'is', null).orderBy('case_id').execute()).map((r) => r.case_id);
    if (ids.length) await db.updateTable('suggestion_cases').set({ step_at: at }).where('suggestion_id', '=', id).where('case_id', 'in', ids).execute();
    return ids;
  },

  // ── departments ──
  async departments(db: Executor, id: string): Promise<Array<HandlerRow & { name: string }>> {
    return db.selectFrom('suggestion_departments as h').innerJoin('departments as d', 'd.id', 'h.department_id')
      .selectAll('h').select('d.name').where('h.suggestion_id', '=', id).orderBy('h.role', 'desc').orderBy('d.name_key').execute();
  },
  async setDepartments(db: Executor, id: string, rows: HandlerRow[]): Promise<void> {
    await db.deleteFrom('suggestion_departments').where('suggestion_id', '=', id).execute();
    if (rows.length) await db.insertInto('suggestion_departments').values(rows).execute();
  },
  async setOpinion(db: Executor, id: string, departmentId: string, opinion: string, at: string): Promise<void> {
    await db.updateTable('suggestion_departments').set({ opinion, opinion_at: at }).where('suggestion_id', '=', id).where('department_id', '=', departmentId).execute();
  },

  // ── replies, evaluations, timeline ──
  async replies(db: Executor, id: string): Promise<Array<ReplyRow & { department_name: string }>> {
    return db.selectFrom('suggestion_replies as r').innerJoin('departments as d', 'd.id', 'r.department_id')
      .selectAll('r').select('d.name as department_name').where('r.suggestion_id', '=', id).orderBy('r.id').execute();
  },
  async insertReply(db: Executor, row: ReplyRow): Promise<void> {
    await db.insertInto('suggestion_replies').values(row).execute();
  },
  async evaluations(db: Executor, id: string): Promise<EvaluationRow[]> {
    return db.selectFrom('suggestion_evaluations').selectAll().where('suggestion_id', '=', id).orderBy('round').execute();
  },
  async insertEvaluation(db: Executor, row: EvaluationRow): Promise<void> {
    await db.insertInto('suggestion_evaluations').values(row).execute();
  },
  async events(db: Executor, id: string): Promise<SuggestionEventRow[]> {
    return db.selectFrom('suggestion_events').selectAll().where('suggestion_id', '=', id).orderBy('id').execute();
  },
  async insertEvent(db: Executor, row: SuggestionEventRow): Promise<void> {
    await db.insertInto('suggestion_events').values(row).execute();
  },

  // ── people (read joins into org's and the platform's tables) ──
  /** Deputies by id with what validation needs. */
  async deputies(db: Executor, ids: readonly string[]): Promise<Array<{ id: string; name: string; level: string; active: number; district_code: string }>> {
    if (!ids.length) return [];
    return db.selectFrom('deputies').select(['id', 'name', 'level', 'active', 'district_code']).where('id', 'in', [...new Set(ids)]).execute();
  },
  /** Active accounts for console messages: a deputy's, a department's handlers, the district office. */
  async accounts(db: Executor, who: { deputyIds: string[] } | { departmentIds: string[] } | { districtAdmins: string }): Promise<string[]> {
    let q = db.selectFrom('users').select(['id', 'roles']).where('active', '=', 1);
    let role: string;
    if ('deputyIds' in who) {
      if (!who.deputyIds.length) return [];
      q = q.where('deputy_id', 'in', who.deputyIds);
      role = 'deputy';
    } else if ('departmentIds' in who) {
      if (!who.departmentIds.length) return [];
      q = q.where('department_id', 'in', who.departmentIds);
      role = 'department';
    } else {
      q = q.where('district_code', '=', who.districtAdmins);
      role = 'admin';
    }
    const rows = await q.orderBy('id').execute();
    return rows.filter((r) => (JSON.parse(r.roles) as string[]).includes(role)).map((r) => r.id);
  },

  // ── jobs, stats ──
  /** Handled suggestions past their due date with no overdue event for the current round yet. */
  async overdue(db: Executor, now: string, limit: number): Promise<SuggestionRow[]> {
    return db.selectFrom('suggestions').selectAll().where('status', 'in', HANDLING).where('due_at', '<', now)
      .whereRef('overdue_round', '<', 'round').orderBy('due_at').limit(limit).execute();
  },
  async statsRows(db: Executor, scope: SuggestionScope, year: number | undefined): Promise<Array<{ status: string; reply_category: string | null; rating: string | null; due_at: string | null }>> {
    let q = scoped(db, scope);
    if (year) q = q.where('s.year', '=', year);
    return (await q.execute()).map((r) => ({ status: r.status, reply_category: r.reply_category, rating: r.rating, due_at: r.due_at }));
  },

  // ── the public compendium ──
  async publicList(db: Executor, districtCode: string, f: { q?: string; year?: number; category?: string }, limit: number, after: CursorValue[] | null): Promise<SuggestionListRow[]> {
    let q = named(db).where('s.district_code', '=', districtCode).where('s.published', '=', 1).where('s.status', 'in', ['replied', 'closed']);
    if (f.year) q = q.where('s.year', '=', f.year);
    if (f.category) q = q.where('s.category', '=', f.category);
    if (f.q) {
      const text = f.q;
      // Only the masked texts: a search must not reveal what the published text hides.
      q = q.where((eb) => eb.or([
        likeContains('s.public_title', text), likeContains('s.public_content', text), likeContains('s.public_proposals', text), eb('s.number', '=', text),
        eb.exists(eb.selectFrom('suggestion_replies as r').select('r.id').whereRef('r.suggestion_id', '=', 's.id').where(likeContains('r.public_content', text))),
      ]));
    }
    return (await keyset(q, 's.registered_at', 's.id', 'desc', after).limit(limit + 1).execute()).map(counted);
  },
  async publicGet(db: Executor, districtCode: string, id: string): Promise<SuggestionListRow | undefined> {
    const r = await named(db).where('s.district_code', '=', districtCode).where('s.published', '=', 1).where('s.status', 'in', ['replied', 'closed']).where('s.id', '=', id).executeTakeFirst();
    return r && counted(r);
  },
};
