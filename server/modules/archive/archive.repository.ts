import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../database.ts';
import type { Executor } from '../../platform/db/database.ts';
import { likeContains } from '../../platform/db/like.ts';
import type { CursorValue } from '../../platform/http/pagination.ts';
import type { OrgTables } from '../org/index.ts';
import type { EntryRow, NewEntry } from './entries/derive.ts';

/**
 * Whose archives a caller may read: the whole district (the office), the deputies serving at
 * some stations (station staff: their station and its rooms), named deputies (a deputy: self).
 */
export interface ArchiveScope {
  districtCode: string;
  all: boolean;
  stationIds: string[];
  deputyIds: string[];
}

/** Which entries: years from–to (inclusive, null: open) and never a day after `today`. */
export interface EntryPeriod {
  fromYear: number | null;
  toYear: number | null;
  today: string;
}

export type DeputyRow = Pick<OrgTables['deputies'], 'id' | 'name' | 'name_key' | 'level' | 'term' | 'term_start' | 'term_end' | 'active' | 'district_code'>;

const DEPUTY_COLUMNS = ['d.id', 'd.name', 'd.name_key', 'd.level', 'd.term', 'd.term_start', 'd.term_end', 'd.active', 'd.district_code'] as const;

function inScope(eb: ExpressionBuilder<Database & { d: OrgTables['deputies'] }, 'd'>, scope: ArchiveScope) {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const ors = [];
  if (scope.deputyIds.length) ors.push(eb('d.id', 'in', scope.deputyIds));
  if (scope.stationIds.length) {
    ors.push(eb.exists(eb.selectFrom('deputy_stations as ds').select('ds.deputy_id').whereRef('ds.deputy_id', '=', 'd.id').where('ds.station_id', 'in', scope.stationIds)));
  }
  return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
}

/** The only SQL of the archive's entries and deputies (self-reports: self-reports/self-reports.repository.ts). */
export const archiveRepository = {
  // ── deputies (org's table, read only) ──
  deputies(db: Executor, scope: ArchiveScope, f: { q?: string; stationId?: string }, limit: number, after: CursorValue[] | null): Promise<DeputyRow[]> {
    let q = db.selectFrom('deputies as d').select(DEPUTY_COLUMNS).where('d.district_code', '=', scope.districtCode).where((eb) => inScope(eb, scope));
    if (f.q) q = q.where(likeContains('d.name', f.q));
    if (f.stationId) {
      const sid = f.stationId;
      q = q.where((eb) => eb.exists(eb.selectFrom('deputy_stations as s2').select('s2.deputy_id').whereRef('s2.deputy_id', '=', 'd.id').where('s2.station_id', '=', sid)));
    }
    if (after) {
      const [k, id] = after as [string, string];
      q = q.where((eb) => eb.or([eb('d.name_key', '>', k), eb.and([eb('d.name_key', '=', k), eb('d.id', '>', id)])]));
    }
    return q.orderBy('d.name_key').orderBy('d.id').limit(limit + 1).execute();
  },
  deputy(db: Executor, scope: ArchiveScope, id: string): Promise<DeputyRow | undefined> {
    return db.selectFrom('deputies as d').select(DEPUTY_COLUMNS).where('d.id', '=', id).where('d.district_code', '=', scope.districtCode).where((eb) => inScope(eb, scope)).executeTakeFirst();
  },
  async stationsOf(db: Executor, deputyIds: readonly string[]): Promise<Map<string, Array<{ id: string; name: string }>>> {
    const out = new Map<string, Array<{ id: string; name: string }>>();
    if (!deputyIds.length) return out;
    const rows = await db.selectFrom('deputy_stations as ds').innerJoin('stations as s', 's.id', 'ds.station_id')
      .select(['ds.deputy_id', 's.id', 's.name']).where('ds.deputy_id', 'in', [...deputyIds]).orderBy('s.name_key').orderBy('s.id').execute();
    for (const r of rows) (out.get(r.deputy_id) ?? out.set(r.deputy_id, []).get(r.deputy_id)!).push({ id: r.id, name: r.name });
    return out;
  },
  /** Station ids of a station and its rooms (a station staff's jurisdiction). */
  async stationWithRooms(db: Executor, stationId: string): Promise<string[]> {
    const rooms = await db.selectFrom('stations').select('id').where('parent_id', '=', stationId).execute();
    return [stationId, ...rooms.map((r) => r.id)];
  },
  /** Whether a station exists in the district (the list's stationId filter). */
  async stationInDistrict(db: Executor, stationId: string, districtCode: string): Promise<boolean> {
    return (await db.selectFrom('stations').select('id').where('id', '=', stationId).where('district_code', '=', districtCode).executeTakeFirst()) !== undefined;
  },

  // ── entries ──
  async countsByKind(db: Executor, deputyIds: readonly string[], p: EntryPeriod): Promise<Array<{ deputy_id: string; kind: string; n: number }>> {
    if (!deputyIds.length) return [];
    let q = db.selectFrom('archive_entries').select(['deputy_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('deputy_id', 'in', [...deputyIds]).where('occurred_on', '<=', p.today);
    if (p.fromYear !== null) q = q.where('year', '>=', p.fromYear);
    if (p.toYear !== null) q = q.where('year', '<=', p.toYear);
    const rows = await q.groupBy(['deputy_id', 'kind']).execute();
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  },
  /** A deputy's entries, newest first, keyset on (occurred_on, id). */
  entries(db: Executor, deputyId: string, p: EntryPeriod, f: { kind?: string }, limit: number | null, after: CursorValue[] | null): Promise<EntryRow[]> {
    let q = db.selectFrom('archive_entries').selectAll().where('deputy_id', '=', deputyId).where('occurred_on', '<=', p.today);
    if (p.fromYear !== null) q = q.where('year', '>=', p.fromYear);
    if (p.toYear !== null) q = q.where('year', '<=', p.toYear);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (after) {
      const [d, id] = after as [string, string];
      q = q.where((eb) => eb.or([eb('occurred_on', '<', d), eb.and([eb('occurred_on', '=', d), eb('id', '<', id)])]));
    }
    q = q.orderBy('occurred_on', 'desc').orderBy('id', 'desc');
    return (limit === null ? q : q.limit(limit + 1)).execute();
  },
  async years(db: Executor, deputyId: string, today: string): Promise<number[]> {
    const rows = await db.selectFrom('archive_entries').select('year').distinct().where('deputy_id', '=', deputyId).where('occurred_on', '<=', today).orderBy('year', 'desc').execute();
    return rows.map((r) => Number(r.year));
  },

  // ── the projection's writes ──
  /** Replaces what was derived from these sources with `rows` (rows must come from the same sources). */
  async replaceSources(db: Executor, sourceType: string, sourceIds: readonly string[], rows: readonly NewEntry[], seq: number): Promise<void> {
    const ids = [...new Set(sourceIds)];
    for (let i = 0; i < ids.length; i += 400) await db.deleteFrom('archive_entries').where('source_type', '=', sourceType).where('source_id', 'in', ids.slice(i, i + 400)).execute();
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('archive_entries').values(rows.slice(i, i + 200).map((r) => ({ ...r, updated_seq: seq }))).execute();
  },
  /** Removes the entries of a group (a rule's reception days, which a rule's change may delete). */
  async deleteGroup(db: Executor, sourceType: string, group: string): Promise<void> {
    await db.deleteFrom('archive_entries').where('source_type', '=', sourceType).where('source_group', '=', group).execute();
  },
};
