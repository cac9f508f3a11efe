import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import type { OrgTables } from '../org.tables.ts';
import type { StationScope } from '../org.policy.ts';

export type ItemRow = OrgTables['standard_items'];
export type EvidenceRow = OrgTables['standard_evidence'];
export type EvidenceFileRow = OrgTables['standard_evidence_files'];
export type EvidenceEventRow = OrgTables['standard_evidence_events'];
export type StationRef = Pick<OrgTables['stations'], 'id' | 'name' | 'name_key' | 'kind' | 'parent_id' | 'active' | 'district_code'>;

const stationCols = ['s.id', 's.name', 's.name_key', 's.kind', 's.parent_id', 's.active', 's.district_code'] as const;

function scoped(db: Executor, scope: StationScope) {
  let q = db.selectFrom('stations as s').select(stationCols).where('s.district_code', '=', scope.districtCode);
  if (scope.stationIds !== null) q = scope.stationIds.length ? q.where('s.id', 'in', scope.stationIds) : q.where(sql<boolean>`1 = 0`);
  return q;
}

/** The only SQL of the standards checklist. */
export const standardsRepository = {
  // ---- items
  async items(db: Executor, districtCode: string): Promise<ItemRow[]> {
    return db.selectFrom('standard_items').selectAll().where('district_code', '=', districtCode).orderBy('sort').orderBy('code').execute();
  },

  async item(db: Executor, districtCode: string, id: string): Promise<ItemRow | undefined> {
    return db.selectFrom('standard_items').selectAll().where('district_code', '=', districtCode).where('id', '=', id).executeTakeFirst();
  },

  async itemTaken(db: Executor, districtCode: string, column: 'code' | 'name', value: string, exceptId?: string): Promise<boolean> {
    let q = db.selectFrom('standard_items').select('id').where('district_code', '=', districtCode).where(column, '=', value);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  },

  async insertItem(db: Executor, row: ItemRow): Promise<void> {
    await db.insertInto('standard_items').values(row).execute();
  },

  async updateItem(db: Executor, id: string, version: number, patch: Partial<ItemRow>): Promise<boolean> {
    const res = await db.updateTable('standard_items').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  // ---- stations
  async station(db: Executor, scope: StationScope, id: string): Promise<StationRef | undefined> {
    return scoped(db, scope).where('s.id', '=', id).executeTakeFirst();
  },

  /** Active stations and rooms in scope, in name order (the coverage rows). */
  async activeStations(db: Executor, scope: StationScope, kind?: string): Promise<StationRef[]> {
    let q = scoped(db, scope).where('s.active', '=', 1);
    if (kind) q = q.where('s.kind', '=', kind);
    return q.orderBy('s.name_key').orderBy('s.id').execute();
  },

  // ---- evidence
  async evidence(db: Executor, stationId: string, itemId: string): Promise<EvidenceRow | undefined> {
    return db.selectFrom('standard_evidence').selectAll().where('station_id', '=', stationId).where('item_id', '=', itemId).executeTakeFirst();
  },

  async evidenceOfStation(db: Executor, stationId: string): Promise<EvidenceRow[]> {
    return db.selectFrom('standard_evidence').selectAll().where('station_id', '=', stationId).execute();
  },

  /** (station, item, status) of the given stations: the coverage matrix. */
  async statuses(db: Executor, stationIds: string[]): Promise<Array<Pick<EvidenceRow, 'station_id' | 'item_id' | 'status'>>> {
    if (!stationIds.length) return [];
    return db.selectFrom('standard_evidence').select(['station_id', 'item_id', 'status']).where('station_id', 'in', stationIds).execute();
  },

  async insertEvidence(db: Executor, row: EvidenceRow): Promise<void> {
    await db.insertInto('standard_evidence').values(row).execute();
  },

  async updateEvidence(db: Executor, id: string, version: number, patch: Partial<EvidenceRow>): Promise<boolean> {
    const res = await db.updateTable('standard_evidence').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  // ---- files
  /** Files not removed, oldest first. */
  async files(db: Executor, evidenceIds: string[]): Promise<EvidenceFileRow[]> {
    if (!evidenceIds.length) return [];
    return db.selectFrom('standard_evidence_files').selectAll().where('evidence_id', 'in', evidenceIds).where('removed_at', 'is', null).orderBy('id').execute();
  },

  async file(db: Executor, evidenceId: string, fileId: string): Promise<EvidenceFileRow | undefined> {
    return db.selectFrom('standard_evidence_files').selectAll().where('evidence_id', '=', evidenceId).where('id', '=', fileId).where('removed_at', 'is', null).executeTakeFirst();
  },

  async insertFile(db: Executor, row: EvidenceFileRow): Promise<void> {
    await db.insertInto('standard_evidence_files').values(row).execute();
  },

  async removeFile(db: Executor, fileId: string, by: string | null, at: string): Promise<void> {
    await db.updateTable('standard_evidence_files').set({ removed_at: at, removed_by: by }).where('id', '=', fileId).execute();
  },

  // ---- history
  async events(db: Executor, evidenceId: string): Promise<EvidenceEventRow[]> {
    return db.selectFrom('standard_evidence_events').selectAll().where('evidence_id', '=', evidenceId).orderBy('id', 'desc').execute();
  },

  async insertEvent(db: Executor, row: EvidenceEventRow): Promise<void> {
    await db.insertInto('standard_evidence_events').values(row).execute();
  },

  /** Display names of the accounts named in evidence, files and history. */
  async userNames(db: Executor, ids: Array<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
    if (!wanted.length) return new Map();
    const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  },
};
