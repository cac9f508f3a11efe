import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../database.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { CaseMeasure } from '../../../shared/stats.ts';
import { ANSWERED_STATUSES, SATISFIED_RATINGS, TAKEN_STATUSES } from './case-measures.ts';
import { keyset } from '../../platform/db/keyset.ts';
import { likeContains } from '../../platform/db/like.ts';
import type { CursorValue } from '../../platform/http/pagination.ts';
import type { CasesTables } from './cases.tables.ts';
import { normaliseTrackingCode } from './tracking-code.ts';

export type CaseRow = CasesTables['cases'];
export type CaseEventRow = CasesTables['case_events'];
export type CaseAttachmentRow = CasesTables['case_attachments'];
export type CaseListRow = CaseRow & { station_name: string; department_name: string | null };

/**
 * What a caller may see: the district, then either everything (admin), or the cases of some
 * stations (station staff, liaison officers, deputies) and/or of one department (handlers).
 */
export interface CaseScope {
  districtCode: string;
  all: boolean;
  stationIds: string[];
  departmentId: string | null;
  /** A deputy also sees the cases naming him or her as a receiving deputy (接待代表), wherever received. */
  deputyId?: string | null;
  /** Cases seen once more although outside the scope: the answer to a department's return. */
  alsoCaseIds?: string[];
}

export interface CaseFilters {
  statuses?: string[];
  stationId?: string;
  departmentId?: string;
  category?: string;
  channel?: string;
  /** Collected at this reception record (schedule module). */
  receptionId?: string;
  /** Received by this deputy. */
  deputyId?: string;
  /** true: due_at < now; false: not overdue. */
  overdue?: boolean;
  now: string;
  /** Due between now and this instant (yellow). */
  dueBefore?: string;
  /** Due after this instant (green). */
  dueAfter?: string;
  supervised?: boolean;
  q?: string;
  /** A statistics measure (case-measures.ts): the cases a dashboard figure counts. */
  measure?: CaseMeasure;
  /** Created at or after this instant (ISO UTC). */
  createdFrom?: string;
  /** Created before this instant (ISO UTC, exclusive). */
  createdBefore?: string;
  /** The case's region code starts with this (a street, a town, a community). */
  regionCode?: string;
  /** Only these cases (a search's candidates, queries/list-by-ids.ts); an empty list matches none. */
  ids?: readonly string[];
  sort: 'newest' | 'due';
}

/**
 * The SQL twin of case-measures.ts `countsAs`: a test holds them equal on both databases.
 * `now` is the instant "overdue now" is measured at.
 */
export function measureWhere(measure: CaseMeasure, now: string) {
  return (eb: ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>) => {
    const answered = eb('c.status', 'in', [...ANSWERED_STATUSES]);
    const onTime = eb.or([eb('c.reply_due_at', 'is', null), eb('c.replied_at', 'is', null), eb('c.replied_at', '<=', eb.ref('c.reply_due_at'))]);
    switch (measure) {
      case 'received':
        return eb.val(true);
      case 'accepted':
        return eb('c.status', 'in', [...TAKEN_STATUSES]);
      case 'assigned':
        return eb.and([eb('c.status', 'in', [...TAKEN_STATUSES]), eb('c.department_id', 'is not', null)]);
      case 'resolved':
        return answered;
      case 'closed':
        return eb('c.status', '=', 'closed');
      case 'overdue':
        return eb('c.due_at', '<', now);
      case 'onTime':
        return eb.and([answered, onTime]);
      case 'late':
        return eb.and([answered, eb.not(onTime)]);
      case 'rated':
        return eb('c.rating', 'is not', null);
      case 'satisfied':
        return eb('c.rating', 'in', [...SATISFIED_RATINGS]);
      case 'unsatisfied':
        return eb('c.rating', '=', 'unsatisfied');
    }
  };
}

/** A case with its station's and department's names (a read join into org's tables, decision 0003). */
const named = (db: Executor) =>
  db
    .selectFrom('cases as c')
    .innerJoin('stations as s', 's.id', 'c.station_id')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .selectAll('c')
    .select(['s.name as station_name', 'd.name as department_name']);

function scoped(db: Executor, scope: CaseScope) {
  return named(db).where(inScope(scope));
}

/** The jurisdiction, as a condition on `cases as c`. */
function inScope(scope: CaseScope) {
  return (eb: ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>) => {
    const district = eb('c.district_code', '=', scope.districtCode);
    if (scope.all) return district;
    const { stationIds, departmentId, deputyId, alsoCaseIds } = scope;
    const ors = [];
    if (stationIds.length) ors.push(eb('c.station_id', 'in', stationIds));
    if (departmentId) ors.push(eb('c.department_id', '=', departmentId));
    if (deputyId) ors.push(eb.exists(eb.selectFrom('case_deputies as sd').select('sd.case_id').whereRef('sd.case_id', '=', 'c.id').where('sd.deputy_id', '=', deputyId)));
    if (alsoCaseIds?.length) ors.push(eb('c.id', 'in', alsoCaseIds));
    return eb.and([district, ors.length ? eb.or(ors) : eb.val(false)]);
  };
}
const bare = (db: Executor) => db.selectFrom('cases as c').select('c.id');

/**
 * The list's order, in one place (the cursor is made of the same columns, list-cases.ts):
 * by due instant; by creation time when the list is limited to a creation period (its index
 * serves the range in that order; sorting the period's cases by id did not scale: 126 ms for
 * 27k cases at 1M); otherwise newest first by id (time-ordered, every filter's index ends with it).
 */
export function listOrder(f: Pick<CaseFilters, 'sort' | 'createdFrom' | 'createdBefore'>): { column: 'due_at' | 'created_at' | 'id'; direction: 'asc' | 'desc' } {
  if (f.sort === 'due') return { column: 'due_at', direction: 'asc' };
  return { column: f.createdFrom || f.createdBefore ? 'created_at' : 'id', direction: 'desc' };
}

/**
 * How a page of cases due soon or due later (the due-state filters alone, newest first) is read:
 * `sort` reads the due range off its index and sorts it, which costs the range (at 10M cases due
 * soon was 34k clocks, 6–11 ms; due later 105k); `walk` reads the running clocks newest first off
 * `cases_running_idx` and keeps those in the range, which costs the page over the range's share of
 * the running clocks (every clock, when the range is empty). Counting the range up to
 * DENSE_DUE_RANGE decides: below it the sort is short, from it on the walk is (at most about
 * page × running clocks / DENSE_DUE_RANGE entries: 2,400 at 10M cases).
 */
export type DuePlan = 'sort' | 'walk';
const DENSE_DUE_RANGE = 2000;

/** Whether no filter is set but these (`now` and `sort` are always there): the plans below are for a filter alone. */
function onlyFilters(f: CaseFilters, ...keys: Array<keyof CaseFilters>): boolean {
  return Object.entries(f).every(([k, v]) => v === undefined || k === 'now' || k === 'sort' || keys.includes(k as keyof CaseFilters));
}

/**
 * The id or due instant as an expression no index serves (same order and comparison: both are text
 * on both databases), so that a plan cannot use that column's index for it.
 */
const unindexed = (column: 'c.id' | 'c.due_at') => sql<string>`${sql.ref(column)} || ''`;

function dueRangeAlone(f: CaseFilters): boolean {
  return listOrder(f).column === 'id' && (f.dueBefore !== undefined || f.dueAfter !== undefined) && onlyFilters(f, 'dueBefore', 'dueAfter');
}

async function chooseDuePlan(db: Executor, scope: CaseScope, f: CaseFilters): Promise<DuePlan> {
  const range = filtered(db, scope, f).limit(DENSE_DUE_RANGE);
  const { n } = await db.selectFrom(range.as('r')).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(n) >= DENSE_DUE_RANGE ? 'walk' : 'sort';
}

/**
 * The ids of one page of the list, in its order (`limit` rows from after the cursor), as a subquery.
 * A status group alone (待办 has six statuses), newest first, is read as one branch per status,
 * each a range of the status index read newest first and stopped at `limit`, and only their union
 * (a few dozen ids) is sorted: `status IN (…)` made both databases read every case of the group and sort
 * it (the open group at 10M cases: 224,216 ids sorted for a page, 20 ms on SQLite).
 */
function pageIds(db: Executor, scope: CaseScope, f: CaseFilters, limit: number, after: CursorValue[] | null, duePlan?: DuePlan) {
  const statuses = f.statuses ? [...new Set(f.statuses)] : undefined;
  const { column, direction } = listOrder(f);
  // Overdue, newest first: the cases the SLA sweep has marked, read newest first off their own
  // index and stopped at `limit`, and those that became overdue since it last ran (a short range of
  // the unmarked running clocks' due index); together exactly `due_at < now` (also the dashboard's
  // `measure=overdue`). As one statement both databases read the whole overdue range and sorted it
  // (85,757 ids at 10M: 12–15 ms on SQLite).
  // Due soon or due later alone: as `list` chose (DuePlan).
  if ((f.overdue === true || f.measure === 'overdue') && column === 'id') return union(db, [onePage(db, scope, f, limit, after, { overduePart: 'swept' }), onePage(db, scope, f, limit, after, { overduePart: 'unswept', sortRange: true })], limit, direction);
  if (duePlan) return onePage(db, scope, f, limit, after, duePlan === 'sort' ? { sortRange: true } : { walk: true });
  // Only for the status group alone, newest first. By due instant or within a creation period the
  // order's own index is read in order and the statuses filtered on the way (every running clock
  // is an open case); with another filter too, a branch of a rare status would read its whole
  // range: one statement stays best there (measured at 10M: 1.2 ms against 7.1 ms as branches).
  if (!statuses || statuses.length < 2 || column !== 'id' || !onlyFilters(f, 'statuses')) return onePage(db, scope, f, limit, after);
  return union(db, statuses.map((status) => onePage(db, scope, { ...f, statuses: [status] }, limit, after)), limit, direction);
}

/** The first `limit` ids of several pages' ids (each already in the list's order by id), in that order. */
function union(db: Executor, pages: ReturnType<typeof onePage>[], limit: number, direction: 'asc' | 'desc') {
  const branch = (page: ReturnType<typeof onePage>, i: number) => db.selectFrom(page.as(`b${i}`)).select(sql<string>`${sql.ref(`b${i}.id`)}`.as('id'));
  let all = branch(pages[0]!, 0);
  for (let i = 1; i < pages.length; i++) all = all.unionAll(branch(pages[i]!, i));
  return db.selectFrom(all.as('u')).select('u.id').orderBy('u.id', direction).limit(limit);
}

/**
 * One page's ids under the filters (at most one status, or none), from the cases table alone.
 * `overduePart` narrows "overdue" to the cases the SLA sweep has marked or to those it has not yet
 * (literal predicates, so that the partial indexes of `20261228_01_overdue_indexes` apply);
 * `sortRange` reads a range and sorts it, `walk` walks the running clocks newest first (DuePlan).
 */
function onePage(db: Executor, scope: CaseScope, f: CaseFilters, limit: number, after: CursorValue[] | null, how: { overduePart?: 'swept' | 'unswept'; sortRange?: boolean; walk?: boolean } = {}) {
  let q = filtered(db, scope, f, how.overduePart, how.walk);
  const { column, direction } = listOrder(f);
  // Only running clocks have a due instant (the partial running-clocks index asks for this too).
  if (column === 'due_at') q = q.where('c.due_at', 'is not', null);
  if (how.sortRange) {
    // Ordered (and continued after the cursor) by the id as an expression no index serves, so
    // that neither database walks the cases newest first looking for the range's: the range is
    // read off its due index and sorted. For what became overdue since the sweep last ran, a
    // walk read every case of the district when there were none, as when the sweep keeps up
    // (PostgreSQL at 1M: 0.4–1.5 s; SQLite at 10M: 4–6 s for the second page).
    const id = unindexed('c.id');
    if (after) q = q.where(id, direction === 'asc' ? '>' : '<', String(after[1]));
    return q.orderBy(id, direction).limit(limit);
  }
  // A walk stops at the page: SQLite plans the walk only when it can read the page size in the
  // statement (with `LIMIT ?` it sorted the whole range: 5.3 ms for due soon at 10M, against 0.07).
  return keyset(q, `c.${column}`, 'c.id', direction, after).limit(how.walk ? sql.lit(limit) : limit);
}

/**
 * The cases under the filters, from the cases table alone, unordered (their ids). `walk`: the due
 * range is compared as an expression no index serves, on running clocks only, so that the only
 * index in the list's order is `cases_running_idx` and no database reads the range off its due
 * index instead (SQLite did for a station's due soon: 8,268 clocks sorted, 3.7 ms).
 */
function filtered(db: Executor, scope: CaseScope, f: CaseFilters, overduePart?: 'swept' | 'unswept', walk = false) {
  let q = bare(db).where(inScope(scope));
  const due = walk ? unindexed('c.due_at') : sql.ref<string>('c.due_at');
  if (walk) q = q.where('c.due_at', 'is not', null);
  if (f.statuses) q = q.where('c.status', 'in', f.statuses);
  if (f.stationId) q = q.where('c.station_id', '=', f.stationId);
  if (f.departmentId) q = q.where('c.department_id', '=', f.departmentId);
  if (f.category) q = q.where('c.category', '=', f.category);
  if (f.channel) q = q.where('c.channel', '=', f.channel);
  if (f.receptionId) q = q.where('c.reception_id', '=', f.receptionId);
  if (f.deputyId) {
    const deputyId = f.deputyId;
    q = q.where((eb) => eb.exists(eb.selectFrom('case_deputies as cd').select('cd.case_id').whereRef('cd.case_id', '=', 'c.id').where('cd.deputy_id', '=', deputyId)));
  }
  // A running clock has a due instant; ended cases have none, so "overdue" needs no status list.
  if (f.overdue === true) q = q.where('c.due_at', '<', f.now);
  if (overduePart) q = q.where('c.overdue_level', overduePart === 'swept' ? '>' : '=', sql.lit(0));
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('c.due_at', 'is', null), eb('c.due_at', '>=', f.now)]));
  if (f.dueBefore) q = q.where(due, '>=', f.now).where(due, '<=', f.dueBefore);
  if (f.dueAfter) q = q.where(due, '>', f.dueAfter);
  if (f.supervised) q = q.where('c.supervision_level', '>', 0);
  if (f.measure) q = q.where(measureWhere(f.measure, f.now));
  if (f.createdFrom) q = q.where('c.created_at', '>=', f.createdFrom);
  if (f.createdBefore) q = q.where('c.created_at', '<', f.createdBefore);
  if (f.regionCode) q = q.where('c.region_code', 'like', `${f.regionCode}%`);
  if (f.ids) q = f.ids.length ? q.where('c.id', 'in', [...f.ids]) : q.where((eb) => eb.val(false));
  if (f.q) {
    const text = f.q;
    // A tracking code as people read it out (dashes, lower case) finds its case.
    const code = normaliseTrackingCode(text) ?? text.toUpperCase();
    q = q.where((eb) => eb.or([likeContains('c.title', text), likeContains('c.content', text), eb('c.tracking_code', '=', code)]));
  }
  return q;
}

export const casesRepository = {
  /**
   * One page of the list, in one statement: the ids of the page (the filters on the cases table
   * alone, so a range's matches are sorted as bare ids, often straight from a covering index),
   * then those cases with their names. Sorting whole rows of 8,500 overdue cases took 32 ms at 1M.
   */
  async list(db: Executor, scope: CaseScope, f: CaseFilters, limit: number, after: CursorValue[] | null, forcePlan?: DuePlan): Promise<CaseListRow[]> {
    const { column, direction } = listOrder(f);
    const duePlan = dueRangeAlone(f) ? (forcePlan ?? (await chooseDuePlan(db, scope, f))) : undefined;
    return named(db)
      .where('c.id', 'in', pageIds(db, scope, f, limit + 1, after, duePlan))
      .orderBy(`c.${column}`, direction)
      .orderBy('c.id', direction)
      .execute();
  },
  async getScoped(db: Executor, scope: CaseScope, id: string): Promise<CaseListRow | undefined> {
    return scoped(db, scope).where('c.id', '=', id).executeTakeFirst();
  },
  async get(db: Executor, id: string): Promise<CaseRow | undefined> {
    return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async getWithNames(db: Executor, id: string): Promise<CaseListRow | undefined> {
    return named(db).where('c.id', '=', id).executeTakeFirst();
  },
  async byTrackingCode(db: Executor, code: string): Promise<CaseListRow | undefined> {
    return named(db).where('c.tracking_code', '=', code).executeTakeFirst();
  },
  async insert(db: Executor, row: CaseRow): Promise<void> {
    await db.insertInto('cases').values(row).execute();
  },
  /** Optimistic concurrency: the write happens only at the version the caller saw. */
  async update(db: Executor, id: string, version: number, patch: Partial<CaseRow>): Promise<boolean> {
    const res = await db.updateTable('cases').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  /** Cases merged into `fromId` follow it when it is merged in turn. */
  async repointMerged(db: Executor, fromId: string, toId: string): Promise<void> {
    await db.updateTable('cases').set({ merged_into_id: toId }).where('merged_into_id', '=', fromId).execute();
  },
  /** Active staff of a station, a department or a district, with their roles (for notices). */
  async staff(db: Executor, who: { stationIds: string[] } | { departmentId: string } | { districtCode: string }): Promise<{ id: string; roles: string }[]> {
    let q = db.selectFrom('users').select(['id', 'roles']).where('active', '=', 1);
    if ('stationIds' in who) q = q.where('station_id', 'in', who.stationIds);
    else if ('departmentId' in who) q = q.where('department_id', '=', who.departmentId);
    else q = q.where('district_code', '=', who.districtCode);
    return q.execute();
  },
  /** Counts a wrong phone check outside the refused rating's transaction; returns the new count. */
  async countRatingFailure(db: Executor, id: string): Promise<number> {
    await db.updateTable('cases').set((eb) => ({ rating_failures: eb('rating_failures', '+', 1) })).where('id', '=', id).execute();
    return (await db.selectFrom('cases').select('rating_failures').where('id', '=', id).executeTakeFirstOrThrow()).rating_failures;
  },
  async insertEvent(db: Executor, row: CaseEventRow): Promise<void> {
    await db.insertInto('case_events').values(row).execute();
  },
  async events(db: Executor, caseId: string, publicOnly: boolean): Promise<CaseEventRow[]> {
    let q = db.selectFrom('case_events').selectAll().where('case_id', '=', caseId);
    if (publicOnly) q = q.where('public', '=', 1);
    return q.orderBy('id', 'asc').execute();
  },
  async addDeputies(db: Executor, caseId: string, deputyIds: string[]): Promise<void> {
    if (deputyIds.length) await db.insertInto('case_deputies').values(deputyIds.map((deputy_id) => ({ case_id: caseId, deputy_id }))).execute();
  },
  async deputies(db: Executor, caseId: string): Promise<{ id: string; name: string }[]> {
    return db.selectFrom('case_deputies as cd').innerJoin('deputies as d', 'd.id', 'cd.deputy_id').select(['d.id', 'd.name']).where('cd.case_id', '=', caseId).orderBy('d.name_key').execute();
  },
  async mergedInto(db: Executor, caseId: string): Promise<{ id: string; tracking_code: string; title: string }[]> {
    return db.selectFrom('cases').select(['id', 'tracking_code', 'title']).where('merged_into_id', '=', caseId).orderBy('id').execute();
  },
  async insertAttachment(db: Executor, row: CaseAttachmentRow): Promise<void> {
    await db.insertInto('case_attachments').values(row).execute();
  },
  async attachments(db: Executor, caseId: string): Promise<CaseAttachmentRow[]> {
    return db.selectFrom('case_attachments').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  },
  async attachment(db: Executor, caseId: string, id: string): Promise<CaseAttachmentRow | undefined> {
    return db.selectFrom('case_attachments').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
  },
  async linkAttachments(db: Executor, caseId: string, ids: string[], eventId: string): Promise<number> {
    if (!ids.length) return 0;
    const res = await db.updateTable('case_attachments').set({ event_id: eventId }).where('case_id', '=', caseId).where('id', 'in', ids).where('event_id', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows);
  },
  async idempotent(db: Executor, scope: string, key: string): Promise<CasesTables['case_idempotency'] | undefined> {
    return db.selectFrom('case_idempotency').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  },
  async rememberIdempotent(db: Executor, row: CasesTables['case_idempotency']): Promise<void> {
    await db.insertInto('case_idempotency').values(row).execute();
  },
  /**
   * The SLA sweep, first: a district's running clocks that ran out and are not marked yet (level
   * 0), oldest due first. Their ids are read off `cases_unswept_due_idx` alone, whose part before
   * now is what became overdue since the last sweep, then their rows: asked for whole rows,
   * PostgreSQL walked the due index of every case instead and read the row of each case past due
   * (its statistics cannot know that marked cases are most of those), 10–15 ms at 1M.
   */
  async newlyOverdue(db: Executor, districtCode: string, now: string, limit: number): Promise<CaseRow[]> {
    const ids = db
      .selectFrom('cases')
      .select('id')
      .where('district_code', '=', districtCode)
      .where('overdue_level', '=', sql.lit(0))
      .where('due_at', '<', now)
      .orderBy('due_at')
      .limit(limit);
    return db.selectFrom('cases').selectAll().where('id', 'in', ids).orderBy('due_at').orderBy('id').execute();
  },
  /**
   * The SLA sweep, then: a district's cases at `level` whose next level has come (due at or before
   * `dueBy`, sla.ts `mustReachBy`), oldest due first, off `cases_escalation_idx` (the statement
   * names its literal predicate, as SQLite needs to use a partial index). Only cases that must
   * rise: cases that stay at their level for days must not fill the batch (they starved the
   * others) nor be read again every minute.
   */
  async dueToRise(db: Executor, districtCode: string, level: 1 | 2, dueBy: string, limit: number): Promise<CaseRow[]> {
    return db
      .selectFrom('cases')
      .selectAll()
      .where('district_code', '=', districtCode)
      .where(sql<boolean>`${sql.ref('overdue_level')} in (1, 2)`)
      .where('overdue_level', '=', level)
      .where('due_at', '<=', dueBy)
      .orderBy('due_at')
      .limit(limit)
      .execute();
  },
  /** /metrics: cases whose running time limit has passed (ended cases have no due_at), by district. */
  async overdueCounts(db: Executor, now: string): Promise<Array<{ district_code: string; n: number }>> {
    const rows = await db.selectFrom('cases').select((eb) => ['district_code', eb.fn.countAll<number>().as('n')]).where('due_at', '<', now).groupBy('district_code').execute();
    return rows.map((r) => ({ district_code: r.district_code, n: Number(r.n) }));
  },
};
