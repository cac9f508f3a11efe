import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../../database.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { CursorValue } from '../../../platform/http/pagination.ts';
import type { ArchiveScope } from '../archive.repository.ts';
import type { ArchiveEntryTables } from '../archive.tables.ts';

export type ReportRow = ArchiveEntryTables['archive_self_reports'];
export type ReportFileRow = ArchiveEntryTables['archive_self_report_files'];
export type ReportEventRow = ArchiveEntryTables['archive_self_report_events'];
export type ReportListRow = ReportRow & { deputy_name: string; attachment_count: number };

export interface ReportFilter {
  statuses?: string[];
  deputyId?: string;
  stationId?: string;
  kind?: string;
  year?: number;
}

type Eb = ExpressionBuilder<Database & { r: ReportRow }, 'r'>;

/**
 * What a caller may read: a deputy all of his or her own reports (drafts included); the office
 * the district's and station staff their deputies' reports once submitted (a draft is the
 * deputy's own business until then).
 */
function visible(eb: Eb, scope: ArchiveScope) {
  const ors = [];
  if (scope.deputyIds.length) ors.push(eb('r.deputy_id', 'in', scope.deputyIds));
  if (scope.all) ors.push(eb('r.status', '<>', 'draft'));
  else if (scope.stationIds.length) {
    ors.push(eb.and([
      eb('r.status', '<>', 'draft'),
      eb.exists(eb.selectFrom('deputy_stations as ds').select('ds.deputy_id').whereRef('ds.deputy_id', '=', 'r.deputy_id').where('ds.station_id', 'in', scope.stationIds)),
    ]));
  }
  return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
}

function listQuery(db: Executor, scope: ArchiveScope) {
  return db.selectFrom('archive_self_reports as r').innerJoin('deputies as d', 'd.id', 'r.deputy_id')
    .selectAll('r')
    .select((eb) => [
      'd.name as deputy_name',
      eb.selectFrom('archive_self_report_files as f').select(eb.fn.countAll<number>().as('n')).whereRef('f.report_id', '=', 'r.id').as('attachment_count'),
    ])
    .where('r.district_code', '=', scope.districtCode)
    .where((eb) => visible(eb as unknown as Eb, scope));
}

const counted = (r: ReportRow & { deputy_name: string; attachment_count: unknown }): ReportListRow => ({ ...r, attachment_count: Number(r.attachment_count ?? 0) });

/** The only SQL of self-reports. */
export const selfReportsRepository = {
  async list(db: Executor, scope: ArchiveScope, f: ReportFilter, limit: number, after: CursorValue[] | null): Promise<ReportListRow[]> {
    let q = listQuery(db, scope);
    if (f.statuses?.length) q = q.where('r.status', 'in', f.statuses);
    if (f.deputyId) q = q.where('r.deputy_id', '=', f.deputyId);
    if (f.kind) q = q.where('r.kind', '=', f.kind);
    if (f.year !== undefined) q = q.where('r.occurred_on', '>=', `${f.year}-01-01`).where('r.occurred_on', '<=', `${f.year}-12-31`);
    if (f.stationId) {
      const sid = f.stationId;
      q = q.where((eb) => eb.exists(eb.selectFrom('deputy_stations as s2').select('s2.deputy_id').whereRef('s2.deputy_id', '=', 'r.deputy_id').where('s2.station_id', '=', sid)));
    }
    if (after) q = q.where('r.id', '<', String(after[0]));
    return (await q.orderBy('r.id', 'desc').limit(limit + 1).execute()).map(counted);
  },
  async getScoped(db: Executor, scope: ArchiveScope, id: string): Promise<ReportListRow | undefined> {
    const r = await listQuery(db, scope).where('r.id', '=', id).executeTakeFirst();
    return r && counted(r);
  },
  /** By id, no scope: the projection and the notifications. */
  get(db: Executor, id: string): Promise<ReportRow | undefined> {
    return db.selectFrom('archive_self_reports').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async getMany(db: Executor, ids: readonly string[]): Promise<ReportRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('archive_self_reports').selectAll().where('id', 'in', [...ids]).execute();
  },
  async insert(db: Executor, row: ReportRow): Promise<void> {
    await db.insertInto('archive_self_reports').values(row).execute();
  },
  async update(db: Executor, id: string, version: number, patch: Partial<ReportRow>): Promise<boolean> {
    const r = await db.updateTable('archive_self_reports').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** A review moves a report only from `submitted`: a concurrent review or withdrawal makes it miss. */
  async review(db: Executor, id: string, patch: Partial<ReportRow>): Promise<boolean> {
    const r = await db.updateTable('archive_self_reports').set((eb) => ({ ...patch, version: eb('version', '+', 1) })).where('id', '=', id).where('status', '=', 'submitted').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ── files ──
  async files(db: Executor, reportIds: readonly string[]): Promise<ReportFileRow[]> {
    if (!reportIds.length) return [];
    return db.selectFrom('archive_self_report_files').selectAll().where('report_id', 'in', [...reportIds]).orderBy('id').execute();
  },
  file(db: Executor, reportId: string, fileId: string): Promise<ReportFileRow | undefined> {
    return db.selectFrom('archive_self_report_files').selectAll().where('report_id', '=', reportId).where('id', '=', fileId).executeTakeFirst();
  },
  async countFiles(db: Executor, reportId: string): Promise<number> {
    const r = await db.selectFrom('archive_self_report_files').select((eb) => eb.fn.countAll<number>().as('n')).where('report_id', '=', reportId).executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  async insertFile(db: Executor, row: ReportFileRow): Promise<void> {
    await db.insertInto('archive_self_report_files').values(row).execute();
  },
  async deleteFile(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('archive_self_report_files').where('id', '=', id).execute();
  },
  async stamp(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('archive_self_reports').set({ updated_at: at }).where('id', '=', id).execute();
  },

  // ── history ──
  async events(db: Executor, reportId: string): Promise<ReportEventRow[]> {
    return db.selectFrom('archive_self_report_events').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
  },
  async insertEvent(db: Executor, row: ReportEventRow): Promise<void> {
    await db.insertInto('archive_self_report_events').values(row).execute();
  },

  // ── people ──
  /** A deputy of the district (the account's own deputy record), with the stations the deputy serves at. */
  async deputy(db: Executor, id: string, districtCode: string): Promise<{ id: string; name: string; stationIds: string[] } | undefined> {
    const d = await db.selectFrom('deputies').select(['id', 'name']).where('id', '=', id).where('district_code', '=', districtCode).executeTakeFirst();
    if (!d) return undefined;
    const st = await db.selectFrom('deputy_stations').select('station_id').where('deputy_id', '=', id).execute();
    return { ...d, stationIds: st.map((s) => s.station_id) };
  },
  /**
   * Active accounts to tell: a deputy's own accounts; the station staff of the stations a deputy
   * serves at (a room's deputies are reviewed by its station's staff); the district office.
   */
  async accounts(db: Executor, who: { deputyIds: string[] } | { stationIds: string[] } | { districtAdmins: string }): Promise<string[]> {
    let q = db.selectFrom('users').select(['id', 'roles']).where('active', '=', 1);
    let role: string;
    if ('deputyIds' in who) {
      if (!who.deputyIds.length) return [];
      q = q.where('deputy_id', 'in', who.deputyIds);
      role = 'deputy';
    } else if ('stationIds' in who) {
      if (!who.stationIds.length) return [];
      const parents = await db.selectFrom('stations').select(['id', 'parent_id']).where('id', 'in', who.stationIds).execute();
      const ids = [...new Set(parents.map((s) => s.parent_id ?? s.id).concat(who.stationIds))];
      q = q.where('station_id', 'in', ids);
      role = 'station';
    } else {
      q = q.where('district_code', '=', who.districtAdmins);
      role = 'admin';
    }
    const rows = await q.orderBy('id').execute();
    return rows.filter((r) => (JSON.parse(r.roles) as string[]).includes(role)).map((r) => r.id);
  },
};
