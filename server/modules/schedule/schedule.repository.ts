import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { StationScope } from '../org/index.ts';
import type { ScheduleTables } from './schedule.tables.ts';

export type RuleRow = ScheduleTables['reception_rules'];
export type ReceptionRow = ScheduleTables['receptions'];
export type SessionRow = ScheduleTables['reception_sessions'];
export type BatchRow = ScheduleTables['reception_batches'];
export type DutyRow = ScheduleTables['reception_duties'];

export type RuleListRow = RuleRow & { station_name: string; station_parent_id: string | null };
export type ReceptionListRow = ReceptionRow & { station_name: string; station_parent_id: string | null; session_id: string | null };
export type SessionListRow = SessionRow & { station_name: string; station_parent_id: string | null };

/** A station scope as a condition on a table with district_code and station_id columns. */
function inScope(t: 'reception_rules' | 'receptions' | 'reception_sessions', scope: StationScope) {
  const district = sql<SqlBool>`${sql.ref(`${t}.district_code`)} = ${scope.districtCode}`;
  if (scope.stationIds === null) return district;
  if (!scope.stationIds.length) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${district} and ${sql.ref(`${t}.station_id`)} in (${sql.join(scope.stationIds)})`;
}

/** The only SQL of the schedule module. */
export const scheduleRepository = {
  // ── rules ──
  rules(db: Executor, scope: StationScope, stationId?: string): Promise<RuleListRow[]> {
    let q = db.selectFrom('reception_rules').innerJoin('stations', 'stations.id', 'reception_rules.station_id')
      .selectAll('reception_rules').select(['stations.name as station_name', 'stations.parent_id as station_parent_id']);
    q = q.where(inScope('reception_rules', scope));
    if (stationId) q = q.where('reception_rules.station_id', '=', stationId);
    return q.orderBy('stations.name_key').orderBy('reception_rules.id').execute();
  },
  rule(db: Executor, scope: StationScope, id: string): Promise<RuleListRow | undefined> {
    const q = db.selectFrom('reception_rules').innerJoin('stations', 'stations.id', 'reception_rules.station_id')
      .selectAll('reception_rules').select(['stations.name as station_name', 'stations.parent_id as station_parent_id']).where('reception_rules.id', '=', id);
    return q.where(inScope('reception_rules', scope)).executeTakeFirst();
  },
  async insertRule(db: Executor, row: RuleRow): Promise<void> {
    await db.insertInto('reception_rules').values(row).execute();
  },
  async updateRule(db: Executor, id: string, version: number, patch: Partial<RuleRow>): Promise<boolean> {
    const r = await db.updateTable('reception_rules').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ── reception days ──
  receptions(db: Executor, scope: StationScope, f: { stationId?: string; from: string; to: string; status?: string }): Promise<ReceptionListRow[]> {
    let q = db.selectFrom('receptions').innerJoin('stations', 'stations.id', 'receptions.station_id')
      .leftJoin('reception_sessions', 'reception_sessions.reception_id', 'receptions.id')
      .selectAll('receptions').select(['stations.name as station_name', 'stations.parent_id as station_parent_id', 'reception_sessions.id as session_id'])
      .where('receptions.date', '>=', f.from).where('receptions.date', '<=', f.to);
    q = q.where(inScope('receptions', scope));
    if (f.stationId) q = q.where('receptions.station_id', '=', f.stationId);
    if (f.status) q = q.where('receptions.status', '=', f.status);
    return q.orderBy('receptions.date').orderBy('receptions.start_time').orderBy('stations.name_key').orderBy('receptions.id').execute();
  },
  reception(db: Executor, scope: StationScope, id: string): Promise<ReceptionListRow | undefined> {
    const q = db.selectFrom('receptions').innerJoin('stations', 'stations.id', 'receptions.station_id')
      .leftJoin('reception_sessions', 'reception_sessions.reception_id', 'receptions.id')
      .selectAll('receptions').select(['stations.name as station_name', 'stations.parent_id as station_parent_id', 'reception_sessions.id as session_id'])
      .where('receptions.id', '=', id);
    return q.where(inScope('receptions', scope)).executeTakeFirst();
  },
  /** A rule's days from `from` on, with whether a session records them. */
  ruleReceptions(db: Executor, ruleId: string, from: string): Promise<Array<ReceptionRow & { session_id: string | null }>> {
    return db.selectFrom('receptions').leftJoin('reception_sessions', 'reception_sessions.reception_id', 'receptions.id')
      .selectAll('receptions').select('reception_sessions.id as session_id')
      .where('receptions.rule_id', '=', ruleId).where('receptions.date', '>=', from).orderBy('receptions.date').execute();
  },
  async insertReceptions(db: Executor, rows: ReceptionRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('receptions').values(rows.slice(i, i + 200)).execute();
  },
  async updateReception(db: Executor, id: string, version: number, patch: Partial<ReceptionRow>): Promise<boolean> {
    const r = await db.updateTable('receptions').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async deleteReceptions(db: Executor, ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      await db.deleteFrom('reception_duties').where('reception_id', 'in', chunk).execute();
      await db.deleteFrom('receptions').where('id', 'in', chunk).execute();
    }
  },

  // ── duties ──
  async duties(db: Executor, receptionIds: readonly string[]): Promise<Array<DutyRow & { name: string; level: string; name_key: string }>> {
    if (!receptionIds.length) return [];
    const out: Array<DutyRow & { name: string; level: string; name_key: string }> = [];
    const ids = [...receptionIds];
    for (let i = 0; i < ids.length; i += 500) {
      out.push(...(await db.selectFrom('reception_duties').innerJoin('deputies', 'deputies.id', 'reception_duties.deputy_id')
        .select(['reception_duties.reception_id', 'reception_duties.deputy_id', 'reception_duties.source', 'deputies.name', 'deputies.level', 'deputies.name_key'])
        .where('reception_duties.reception_id', 'in', ids.slice(i, i + 500)).orderBy('deputies.name_key').execute()));
    }
    return out;
  },
  async insertDuties(db: Executor, rows: DutyRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 300) await db.insertInto('reception_duties').values(rows.slice(i, i + 300)).execute();
  },
  async replaceDuties(db: Executor, receptionId: string, rows: DutyRow[]): Promise<void> {
    await db.deleteFrom('reception_duties').where('reception_id', '=', receptionId).execute();
    if (rows.length) await db.insertInto('reception_duties').values(rows).execute();
  },

  // ── sessions ──
  sessions(db: Executor, scope: StationScope, f: { stationId?: string; deputyId?: string; from?: string; to?: string }, limit: number, after: [string, string] | null): Promise<SessionListRow[]> {
    let q = db.selectFrom('reception_sessions').innerJoin('stations', 'stations.id', 'reception_sessions.station_id')
      .selectAll('reception_sessions').select(['stations.name as station_name', 'stations.parent_id as station_parent_id']);
    q = q.where(inScope('reception_sessions', scope));
    if (f.stationId) q = q.where('reception_sessions.station_id', '=', f.stationId);
    if (f.from) q = q.where('reception_sessions.date', '>=', f.from);
    if (f.to) q = q.where('reception_sessions.date', '<=', f.to);
    if (f.deputyId) {
      const deputyId = f.deputyId;
      q = q.where((eb) => eb.exists(eb.selectFrom('reception_session_deputies').select('session_id')
        .whereRef('reception_session_deputies.session_id', '=', 'reception_sessions.id').where('reception_session_deputies.deputy_id', '=', deputyId)));
    }
    if (after) {
      const [d, id] = after;
      q = q.where((eb) => eb.or([eb('reception_sessions.date', '<', d), eb.and([eb('reception_sessions.date', '=', d), eb('reception_sessions.id', '<', id)])]));
    }
    return q.orderBy('reception_sessions.date', 'desc').orderBy('reception_sessions.id', 'desc').limit(limit + 1).execute();
  },
  session(db: Executor, scope: StationScope, id: string): Promise<SessionListRow | undefined> {
    const q = db.selectFrom('reception_sessions').innerJoin('stations', 'stations.id', 'reception_sessions.station_id')
      .selectAll('reception_sessions').select(['stations.name as station_name', 'stations.parent_id as station_parent_id']).where('reception_sessions.id', '=', id);
    return q.where(inScope('reception_sessions', scope)).executeTakeFirst();
  },
  /** For the case intake: a session by id, unscoped (the caller compares the station). */
  sessionById(db: Executor, id: string): Promise<SessionRow | undefined> {
    return db.selectFrom('reception_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertSession(db: Executor, row: SessionRow): Promise<void> {
    await db.insertInto('reception_sessions').values(row).execute();
  },
  async updateSession(db: Executor, id: string, version: number, patch: Partial<SessionRow>): Promise<boolean> {
    const r = await db.updateTable('reception_sessions').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async sessionDeputies(db: Executor, sessionIds: readonly string[]): Promise<Array<{ session_id: string; deputy_id: string; name: string }>> {
    if (!sessionIds.length) return [];
    return db.selectFrom('reception_session_deputies').innerJoin('deputies', 'deputies.id', 'reception_session_deputies.deputy_id')
      .select(['reception_session_deputies.session_id', 'reception_session_deputies.deputy_id', 'deputies.name'])
      .where('reception_session_deputies.session_id', 'in', [...sessionIds]).orderBy('deputies.name_key').execute();
  },
  async replaceSessionDeputies(db: Executor, sessionId: string, deputyIds: readonly string[]): Promise<void> {
    await db.deleteFrom('reception_session_deputies').where('session_id', '=', sessionId).execute();
    if (deputyIds.length) await db.insertInto('reception_session_deputies').values(deputyIds.map((deputy_id) => ({ session_id: sessionId, deputy_id }))).execute();
  },
  async batches(db: Executor, sessionIds: readonly string[]): Promise<BatchRow[]> {
    if (!sessionIds.length) return [];
    return db.selectFrom('reception_batches').selectAll().where('session_id', 'in', [...sessionIds]).orderBy('seq').execute();
  },
  async insertBatch(db: Executor, row: BatchRow): Promise<void> {
    await db.insertInto('reception_batches').values(row).execute();
  },
  async deleteBatch(db: Executor, sessionId: string, batchId: string): Promise<boolean> {
    const r = await db.deleteFrom('reception_batches').where('session_id', '=', sessionId).where('id', '=', batchId).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  },
};
