import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { StatDimension } from '../../../shared/stats.ts';
import type { Database } from '../../database.ts';
import type { Executor } from '../../platform/db/database.ts';
import { COUNTER_KEYS, COUNTER_SUMS, contribution, ROLLUP_DIMS, ROLLUP_LEVELS, zeroSums, type CounterDelta, type CounterKey, type CounterSums, type FactRow, type RollupDelta, type RollupDim, type RollupLevel } from './case-deltas.ts';
import { splitRange } from './range-split.ts';
import { addSums } from './stat-rates.ts';

/**
 * The dashboard's SQL (portable SQLite + PostgreSQL). Reads sum rollup rows (or, for a read that
 * combines two of category / channel / status or filters by region, the finer counter rows) —
 * whole months from the monthly table, the ragged ends from the daily one — and count "overdue
 * now" from the per-case facts (indexed by district and due instant), never a GROUP BY over the
 * cases table.
 */
export interface CounterQuery {
  districtCode: string;
  /** The caller's case jurisdiction; null: the whole district (public statistics). */
  scope: { all: boolean; stationIds: string[]; departmentId: string | null; deputyId: string | null } | null;
  stationId?: string;
  departmentId?: string;
  category?: string;
  channel?: string;
  /** Prefix of the cases' region codes. */
  regionCode?: string;
  /** Received on or after / on or before these Shanghai days (inclusive); null: open. */
  from: string | null;
  to: string | null;
}

type CounterTable = 'dash_case_daily' | 'dash_case_monthly';
type RollupTable = 'dash_rollup_daily' | 'dash_rollup_monthly';
type Eb = ExpressionBuilder<Database, CounterTable | 'dash_case_facts'>;

const FACT_COLUMNS = [
  'district_code', 'station_id', 'department_id', 'category', 'channel', 'region_code', 'created_day', 'created_at', 'status', 'due_at',
  'accepted', 'assigned', 'resolved', 'closed', 'on_time', 'late', 'rated', 'satisfied', 'unsatisfied', 'reply_days', 'updated_seq',
] as const;

/**
 * The filters every read shares: district, jurisdiction and the dashboard's filters, on the key
 * columns. `jurisdiction`: 'counters' — the stations and department of the scope (all a counter
 * row can tell); 'facts' — the same or a case naming the scope's deputy; 'deputy-only' — cases
 * naming the deputy that the counters do not hold (outside the stations and the department).
 */
function keyFilters(q: CounterQuery, jurisdiction: 'counters' | 'facts' | 'deputy-only' = 'counters') {
  return (eb: Eb) => {
    const and = [eb('district_code', '=', q.districtCode)];
    if (q.scope && !q.scope.all) {
      const ors = [];
      if (q.scope.stationIds.length) ors.push(eb('station_id', 'in', q.scope.stationIds));
      if (q.scope.departmentId) ors.push(eb('department_id', '=', q.scope.departmentId));
      const deputyId = q.scope.deputyId;
      const named = () =>
        eb.exists(
          (eb as unknown as ExpressionBuilder<Database, 'dash_case_facts'>)
            .selectFrom('dash_case_deputies as dd')
            .select('dd.case_id')
            .whereRef('dd.case_id', '=', 'dash_case_facts.case_id')
            .where('dd.deputy_id', '=', deputyId!),
        );
      if (jurisdiction === 'deputy-only') {
        and.push(deputyId ? named() : (eb.val(false) as never));
        if (ors.length) and.push(eb.not(eb.or(ors)) as never);
      } else {
        if (jurisdiction === 'facts' && deputyId) ors.push(named());
        and.push(ors.length ? eb.or(ors) : eb.val(false) as never);
      }
    }
    if (q.stationId) and.push(eb('station_id', '=', q.stationId));
    if (q.departmentId) and.push(eb('department_id', '=', q.departmentId));
    if (q.category) and.push(eb('category', '=', q.category));
    if (q.channel) and.push(eb('channel', '=', q.channel));
    if (q.regionCode) and.push(eb('region_code', 'like', `${q.regionCode}%`));
    return eb.and(and);
  };
}

/** A breakdown's key for one case's facts (as groupExpr over the facts' received day). */
function factKey(r: FactRow, by: StatDimension | null): string {
  if (!by) return '';
  if (by === 'month') return r.created_day.slice(0, 7);
  return String({ station: r.station_id, department: r.department_id, category: r.category, channel: r.channel, status: r.status }[by] ?? '');
}

/** The column (or expression) a breakdown groups by, in a counter table or the facts. */
function groupExpr(by: StatDimension, period: 'day' | 'month' | 'created_day'): RawBuilder<string> {
  switch (by) {
    case 'station':
      return sql<string>`station_id`;
    case 'department':
      return sql<string>`department_id`;
    case 'category':
      return sql<string>`category`;
    case 'channel':
      return sql<string>`channel`;
    case 'status':
      return sql<string>`status`;
    case 'month':
      return period === 'month' ? sql<string>`month` : sql<string>`substr(${sql.ref(period)}, 1, 7)`;
  }
}

const sumSelections = () => COUNTER_SUMS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c));

type Span = { from: string | null; to: string | null };
/** A counter or rollup table's period column: daily tables by day, the others by month. */
const periodOf = (table: CounterTable | RollupTable): 'day' | 'month' => (table.endsWith('daily') ? 'day' : 'month');

/** The sums of a counter or rollup table's rows selected by `filters` within the span of periods, per `group` (one row when null). */
async function sumRows(db: Executor, table: CounterTable | RollupTable, filters: unknown, span: Span, group: RawBuilder<string> | null): Promise<Array<{ key: string; sums: CounterSums }>> {
  const period = periodOf(table);
  let query = db.selectFrom(table as 'dash_case_daily').where(filters as never).select(sumSelections());
  if (span.from !== null) query = query.where(sql.ref(period), '>=', span.from);
  if (span.to !== null) query = query.where(sql.ref(period), '<=', span.to);
  const rows = group ? await query.select(group.as('k')).groupBy(group).execute() : await query.execute();
  return rows.map((r) => {
    const row = r as unknown as Record<string, unknown>;
    return { key: String(row.k ?? ''), sums: addSums(zeroSums(), row as Partial<CounterSums>) };
  });
}

const sumTable = (db: Executor, table: CounterTable, q: CounterQuery, span: Span, by: StatDimension | null) =>
  sumRows(db, table, keyFilters(q), span, by ? groupExpr(by, periodOf(table)) : null);

/**
 * The rollup dim that answers a read, or null when none does: the one of category / channel /
 * status it filters or breaks down by ('all' when none), if only one; a region filter needs the
 * counters (rollups keep no region).
 */
export function rollupDimFor(q: Pick<CounterQuery, 'category' | 'channel' | 'regionCode'>, by: StatDimension | null): RollupDim | null {
  if (q.regionCode) return null;
  const dims = new Set<RollupDim>();
  if (q.category !== undefined) dims.add('category');
  if (q.channel !== undefined) dims.add('channel');
  if (by === 'category' || by === 'channel' || by === 'status') dims.add(by);
  if (dims.size > 1) return null;
  return dims.size ? [...dims][0]! : 'all';
}

/**
 * The coarsest rollup level that answers a read: the station and department when it needs the
 * department (a department's jurisdiction, filter or breakdown), the station alone when it needs
 * the station, else the whole district.
 */
export function rollupLevelFor(q: Pick<CounterQuery, 'scope' | 'stationId' | 'departmentId'>, by: StatDimension | null): RollupLevel {
  const limited = q.scope && !q.scope.all;
  if (q.departmentId || by === 'department' || (limited && q.scope!.departmentId)) return 'station+department';
  if (q.stationId || by === 'station' || limited) return 'station';
  return 'district';
}

/** The rollup rows of one dim and level within the query's district, jurisdiction and filters (rollupDimFor and rollupLevelFor chose them). */
function rollupFilters(q: CounterQuery, dim: RollupDim, level: RollupLevel) {
  return (eb: ExpressionBuilder<Database, RollupTable>) => {
    const and = [eb('district_code', '=', q.districtCode), eb('dim', '=', dim), eb('level', '=', level)];
    if (q.scope && !q.scope.all) {
      const ors = [];
      if (q.scope.stationIds.length) ors.push(eb('station_id', 'in', q.scope.stationIds));
      if (q.scope.departmentId) ors.push(eb('department_id', '=', q.scope.departmentId));
      and.push(ors.length ? eb.or(ors) : (eb.val(false) as never));
    }
    if (q.stationId) and.push(eb('station_id', '=', q.stationId));
    if (q.departmentId) and.push(eb('department_id', '=', q.departmentId));
    if (dim === 'category' && q.category !== undefined) and.push(eb('value', '=', q.category));
    if (dim === 'channel' && q.channel !== undefined) and.push(eb('value', '=', q.channel));
    return eb.and(and);
  };
}

/** A rollup row's dim value is `value`; station, department and month are columns as in the counters. */
const sumRollup = (db: Executor, table: RollupTable, q: CounterQuery, dim: RollupDim, span: Span, by: StatDimension | null) =>
  sumRows(db, table, rollupFilters(q, dim, rollupLevelFor(q, by)), span,
    by === 'category' || by === 'channel' || by === 'status' ? sql<string>`value` : by ? groupExpr(by, periodOf(table)) : null);

export const dashboardRepository = {
  /**
   * Summed counters over the range, per key of `by` (one row with key '' when `by` is null): from
   * the rollups when one dim answers the read (`rollupDimFor`), else from the counters
   * (`o.counters`: always from the counters, to compare the two).
   */
  async sumCounters(db: Executor, q: CounterQuery, by: StatDimension | null, o: { counters?: boolean } = {}): Promise<Map<string, CounterSums>> {
    const split = splitRange(q.from, q.to);
    const parts: Array<() => Promise<Array<{ key: string; sums: CounterSums }>>> = [];
    const months = split.months;
    const dim = o.counters ? null : rollupDimFor(q, by);
    if (dim) {
      if (months) parts.push(() => sumRollup(db, 'dash_rollup_monthly', q, dim, months, by));
      for (const d of split.days) parts.push(() => sumRollup(db, 'dash_rollup_daily', q, dim, d, by));
    } else {
      if (months) parts.push(() => sumTable(db, 'dash_case_monthly', q, months, by));
      for (const d of split.days) parts.push(() => sumTable(db, 'dash_case_daily', q, d, by));
    }
    const out = new Map<string, CounterSums>();
    // A deputy's cases received outside the stations he serves (a room, another station's day):
    // few, and in no counter row of the scope, so summed from their facts.
    if (q.scope && !q.scope.all && q.scope.deputyId) {
      parts.push(async () => {
        let extra = db.selectFrom('dash_case_facts').where(keyFilters(q, 'deputy-only') as never).selectAll();
        if (q.from !== null) extra = extra.where('created_day', '>=', q.from);
        if (q.to !== null) extra = extra.where('created_day', '<=', q.to);
        const rows = (await extra.execute()) as FactRow[];
        return rows.map((r) => ({ key: factKey(r, by), sums: contribution({ ...r, reply_days: r.reply_days === null ? null : Number(r.reply_days) }) }));
      });
    }
    // One after another: SQLite has a single connection.
    for (const part of parts) {
      for (const r of await part()) {
        // sum() over no rows is one row of nulls: nothing to add.
        if (!r.sums.received) continue;
        out.set(r.key, addSums(out.get(r.key) ?? zeroSums(), r.sums));
      }
    }
    return out;
  },

  /** Cases received in the range whose time limit has passed at `now`, per key of `by`. */
  async overdueCounts(db: Executor, q: CounterQuery, now: string, by: StatDimension | null): Promise<Map<string, number>> {
    let query = db.selectFrom('dash_case_facts').where(keyFilters(q, 'facts') as never).where('due_at', '<', now);
    if (q.from !== null) query = query.where('created_day', '>=', q.from);
    if (q.to !== null) query = query.where('created_day', '<=', q.to);
    const count = sql<number>`count(*)`.as('n');
    const rows = by
      ? await query.select([groupExpr(by, 'created_day').as('k'), count]).groupBy(groupExpr(by, 'created_day')).execute()
      : (await query.select(count).execute()).map((r) => ({ k: '', n: r.n }));
    return new Map(rows.filter((r) => Number(r.n) > 0).map((r) => [String(r.k ?? ''), Number(r.n)]));
  },

  async factsFor(db: Executor, caseIds: readonly string[]): Promise<Map<string, FactRow>> {
    const out = new Map<string, FactRow>();
    for (let i = 0; i < caseIds.length; i += 500) {
      const rows = await db.selectFrom('dash_case_facts').selectAll().where('case_id', 'in', caseIds.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.case_id, { ...r, reply_days: r.reply_days === null ? null : Number(r.reply_days) });
    }
    return out;
  },

  async upsertFacts(db: Executor, rows: readonly FactRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await db
        .insertInto('dash_case_facts')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) => oc.column('case_id').doUpdateSet((eb) => Object.fromEntries(FACT_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])) as never))
        .execute();
    }
  },

  async deleteFacts(db: Executor, caseIds: readonly string[]): Promise<void> {
    for (let i = 0; i < caseIds.length; i += 500) await db.deleteFrom('dash_case_facts').where('case_id', 'in', caseIds.slice(i, i + 500)).execute();
  },

  /** The receiving deputies of these cases become `rows` (cases absent from `rows` have none). */
  async replaceDeputies(db: Executor, caseIds: readonly string[], rows: ReadonlyArray<{ case_id: string; deputy_id: string }>): Promise<void> {
    for (let i = 0; i < caseIds.length; i += 500) await db.deleteFrom('dash_case_deputies').where('case_id', 'in', caseIds.slice(i, i + 500)).execute();
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('dash_case_deputies').values(rows.slice(i, i + 500)).execute();
  },

  /**
   * Adds each delta to its daily row (created when missing); rows left with nothing received are
   * removed. Many rows per statement: the stored sums plus the offered row's (`excluded`).
   */
  async addDaily(db: Executor, deltas: readonly CounterDelta[]): Promise<void> {
    await addRows(db, 'dash_case_daily', ['day', ...COUNTER_KEYS], deltas.map((d) => ({ ...d.key, day: d.day, ...d.add })));
    for (const [district, days] of groupPeriods(deltas.map((d) => [d.key.district_code, d.day]))) {
      await db.deleteFrom('dash_case_daily').where('district_code', '=', district).where('day', 'in', days).where('received', '=', 0).execute();
    }
  },

  async addMonthly(db: Executor, deltas: ReadonlyArray<{ month: string; key: CounterKey; add: CounterSums }>): Promise<void> {
    await addRows(db, 'dash_case_monthly', ['month', ...COUNTER_KEYS], deltas.map((d) => ({ ...d.key, month: d.month, ...d.add })));
    for (const [district, months] of groupPeriods(deltas.map((d) => [d.key.district_code, d.month]))) {
      await db.deleteFrom('dash_case_monthly').where('district_code', '=', district).where('month', 'in', months).where('received', '=', 0).execute();
    }
  },

  /** Adds each rollup delta to its row (created when missing); rows left with nothing received are removed. */
  async addRollups(db: Executor, table: RollupTable, deltas: readonly RollupDelta[]): Promise<void> {
    const period = periodOf(table);
    await addRows(db, table, ['district_code', 'dim', 'level', period, 'station_id', 'department_id', 'value'], deltas.map((d) => ({ ...d.key, [period]: d.period, ...d.add })));
    // Every dim and level named, so that the delete is a set of ranges of the primary key
    // (district, dim, level, period, …) rather than a scan of the district's rows.
    for (const [district, periods] of groupPeriods(deltas.map((d) => [d.key.district_code, d.period]))) {
      await db
        .deleteFrom(table as 'dash_rollup_daily')
        .where('district_code', '=', district).where('dim', 'in', [...ROLLUP_DIMS]).where('level', 'in', [...ROLLUP_LEVELS]).where(sql.ref(period), 'in', periods)
        .where('received', '=', 0)
        .execute();
    }
  },

  /** Every stored row of the read model (tests compare a rebuild with the incremental result). */
  async dump(db: Executor): Promise<{ facts: FactRow[]; deputies: Array<{ case_id: string; deputy_id: string }>; daily: Array<Record<string, unknown>>; monthly: Array<Record<string, unknown>>; rollups: Array<Record<string, unknown>> }> {
    const facts = await db.selectFrom('dash_case_facts').selectAll().orderBy('case_id').execute();
    const deputies = await db.selectFrom('dash_case_deputies').selectAll().orderBy('case_id').orderBy('deputy_id').execute();
    let daily = db.selectFrom('dash_case_daily').selectAll().orderBy('day');
    let monthly = db.selectFrom('dash_case_monthly').selectAll().orderBy('month');
    for (const k of COUNTER_KEYS) {
      daily = daily.orderBy(k);
      monthly = monthly.orderBy(k);
    }
    const rollups = [
      ...(await db.selectFrom('dash_rollup_daily').selectAll().orderBy(['district_code', 'dim', 'level', 'day', 'station_id', 'department_id', 'value']).execute()),
      ...(await db.selectFrom('dash_rollup_monthly').selectAll().orderBy(['district_code', 'dim', 'level', 'month', 'station_id', 'department_id', 'value']).execute()),
    ];
    return { facts: facts.map((r) => ({ ...r, reply_days: r.reply_days === null ? null : Number(r.reply_days) })), deputies, daily: await daily.execute(), monthly: await monthly.execute(), rollups };
  },

  /** Empties the read model (a rebuild replays every case event afterwards). */
  async clear(db: Executor): Promise<void> {
    await db.deleteFrom('dash_case_facts').execute();
    await db.deleteFrom('dash_case_deputies').execute();
    await db.deleteFrom('dash_case_daily').execute();
    await db.deleteFrom('dash_case_monthly').execute();
    await db.deleteFrom('dash_rollup_daily').execute();
    await db.deleteFrom('dash_rollup_monthly').execute();
  },
};

/** Rows per upsert statement: ~21 columns each, well under both databases' bound-parameter limits. */
const UPSERT_CHUNK = 200;

/**
 * Inserts counter or rollup rows, adding each one's sums to the stored row with the same key
 * (`excluded` is the row offered). The rows' keys are distinct (the deltas are merged per row
 * first): PostgreSQL refuses to update one row twice in a statement. The update names the table's
 * column (PostgreSQL finds a bare name ambiguous with `excluded`).
 */
async function addRows(db: Executor, table: CounterTable | RollupTable, keys: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    await db
      .insertInto(table as 'dash_case_daily')
      .values(rows.slice(i, i + UPSERT_CHUNK) as never)
      .onConflict((oc) => oc.columns(keys as never).doUpdateSet((eb) => Object.fromEntries(COUNTER_SUMS.map((c) => [c, eb(`${table}.${c}` as never, '+', eb.ref(`excluded.${c}` as never))])) as never))
      .execute();
  }
}

function groupPeriods(pairs: Array<[string, string]>): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const [district, period] of pairs) out.set(district, (out.get(district) ?? new Set()).add(period));
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}
