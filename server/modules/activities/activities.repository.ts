import type { Executor } from '../../platform/db/database.ts';
import { keyset } from '../../platform/db/keyset.ts';
import { likeContains } from '../../platform/db/like.ts';
import type { CursorValue } from '../../platform/http/pagination.ts';
import type { ActivitiesTables } from './activities.tables.ts';
import type { ActivityScope } from './activities.policy.ts';

export type ActivityRow = ActivitiesTables['activities'];
export type ParticipantRow = ActivitiesTables['activity_participants'];
export type FileRow = ActivitiesTables['activity_files'];
export type OutcomeRow = ActivitiesTables['activity_outcomes'];
export type ActivityListRow = ActivityRow & { station_name: string | null; participant_count: number; photo_count: number; outcome_count: number };
/** An outcome with its linked case's current state (a read join into the cases module's table, as decision 0003 allows). */
export type OutcomeWithCase = OutcomeRow & { tracking_code: string | null; case_title: string | null; case_status: string | null; case_channel: string | null };

export interface ActivityFilters {
  /** A station id, or 'district' for district-level activities. */
  stationId?: string;
  kind?: string;
  status?: string;
  deputyId?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** An activity with its station's name and the counts a list shows. */
const named = (db: Executor) =>
  db
    .selectFrom('activities as a')
    .leftJoin('stations as s', 's.id', 'a.station_id')
    .selectAll('a')
    .select((eb) => [
      's.name as station_name',
      eb.selectFrom('activity_participants as p').select(eb.fn.countAll<number>().as('n')).whereRef('p.activity_id', '=', 'a.id').as('participant_count'),
      eb.selectFrom('activity_files as f').select(eb.fn.countAll<number>().as('n')).whereRef('f.activity_id', '=', 'a.id').where('f.kind', '=', 'photo').as('photo_count'),
      eb.selectFrom('activity_outcomes as o').select(eb.fn.countAll<number>().as('n')).whereRef('o.activity_id', '=', 'a.id').as('outcome_count'),
    ]);

function scoped(db: Executor, scope: ActivityScope) {
  let q = named(db).where('a.district_code', '=', scope.districtCode);
  if (!scope.all) {
    q = q.where((eb) => {
      const ors = [
        eb.exists(eb.selectFrom('roundtable_invitations as i').select('i.id').whereRef('i.activity_id', '=', 'a.id').where('i.user_id', '=', scope.userId).where('i.revoked_at', 'is', null)),
      ];
      if (scope.stationIds.length) ors.push(eb('a.station_id', 'in', scope.stationIds));
      if (scope.districtLevel) ors.push(eb('a.station_id', 'is', null));
      if (scope.deputyId) ors.push(eb.exists(eb.selectFrom('activity_deputies as ad').select('ad.deputy_id').whereRef('ad.activity_id', '=', 'a.id').where('ad.deputy_id', '=', scope.deputyId)));
      return eb.or(ors);
    });
  }
  return q;
}

const counted = <T extends { participant_count: unknown; photo_count: unknown; outcome_count: unknown }>(r: T) => ({
  ...r, participant_count: Number(r.participant_count ?? 0), photo_count: Number(r.photo_count ?? 0), outcome_count: Number(r.outcome_count ?? 0),
});

export const activitiesRepository = {
  async list(db: Executor, scope: ActivityScope, f: ActivityFilters, limit: number, after: CursorValue[] | null): Promise<ActivityListRow[]> {
    let q = scoped(db, scope);
    if (f.stationId === 'district') q = q.where('a.station_id', 'is', null);
    else if (f.stationId) q = q.where('a.station_id', '=', f.stationId);
    if (f.kind) q = q.where('a.kind', '=', f.kind);
    if (f.status) q = q.where('a.status', '=', f.status);
    if (f.from) q = q.where('a.date', '>=', f.from);
    if (f.to) q = q.where('a.date', '<=', f.to);
    if (f.deputyId) {
      const deputyId = f.deputyId;
      q = q.where((eb) => eb.exists(eb.selectFrom('activity_deputies as fd').select('fd.deputy_id').whereRef('fd.activity_id', '=', 'a.id').where('fd.deputy_id', '=', deputyId)));
    }
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([likeContains('a.title', text), likeContains('a.place', text), likeContains('a.organiser', text)]));
    }
    const rows = await keyset(q, 'a.date', 'a.id', 'desc', after).limit(limit + 1).execute();
    return rows.map(counted);
  },
  async getScoped(db: Executor, scope: ActivityScope, id: string): Promise<ActivityListRow | undefined> {
    const r = await scoped(db, scope).where('a.id', '=', id).executeTakeFirst();
    return r && counted(r);
  },
  async get(db: Executor, id: string): Promise<ActivityRow | undefined> {
    return db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insert(db: Executor, row: ActivityRow): Promise<void> {
    await db.insertInto('activities').values(row).execute();
  },
  /** Optimistic concurrency: the write happens only at the version the caller saw. */
  async update(db: Executor, id: string, version: number, patch: Partial<ActivityRow>): Promise<boolean> {
    const res = await db.updateTable('activities').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  /** A change made after the caller's version was checked (a case just made for an outcome) still moves the version on. */
  async touch(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('activities').set((eb) => ({ version: eb('version', '+', 1), updated_at: at })).where('id', '=', id).execute();
  },

  /**
   * Takes the activity's row lock while its thread is open (PostgreSQL: a concurrent close waits or
   * wins; SQLite has one writer): a post is written only into an open thread. False when closed.
   */
  async lockOpenThread(db: Executor, id: string): Promise<boolean> {
    const res = await db.updateTable('activities').set({ thread_status: 'open' }).where('id', '=', id).where('thread_status', '=', 'open').where('status', '<>', 'cancelled').executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  /** Files change the record but not the form the version guards: only the time moves (an open edit form stays valid). */
  async stamp(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('activities').set({ updated_at: at }).where('id', '=', id).execute();
  },

  async setDeputies(db: Executor, activityId: string, deputyIds: string[]): Promise<void> {
    await db.deleteFrom('activity_deputies').where('activity_id', '=', activityId).execute();
    if (deputyIds.length) await db.insertInto('activity_deputies').values(deputyIds.map((deputy_id) => ({ activity_id: activityId, deputy_id }))).execute();
  },
  /** Deputies of several activities at once (a list page), by name order. */
  async deputiesOf(db: Executor, activityIds: string[]): Promise<Map<string, Array<{ id: string; name: string; level: string }>>> {
    const out = new Map<string, Array<{ id: string; name: string; level: string }>>();
    if (!activityIds.length) return out;
    const rows = await db
      .selectFrom('activity_deputies as ad').innerJoin('deputies as d', 'd.id', 'ad.deputy_id')
      .select(['ad.activity_id', 'd.id', 'd.name', 'd.level']).where('ad.activity_id', 'in', activityIds).orderBy('d.name_key').orderBy('d.id').execute();
    for (const r of rows) {
      const list = out.get(r.activity_id) ?? [];
      list.push({ id: r.id, name: r.name, level: r.level });
      out.set(r.activity_id, list);
    }
    return out;
  },
  async takesPart(db: Executor, activityId: string, deputyId: string): Promise<boolean> {
    return (await db.selectFrom('activity_deputies').select('deputy_id').where('activity_id', '=', activityId).where('deputy_id', '=', deputyId).executeTakeFirst()) !== undefined;
  },
  /** Held activities of a station and its rooms, newest first (the public "recent activities"). */
  heldAtStation(db: Executor, stationId: string, limit: number) {
    return db
      .selectFrom('activities as a')
      .innerJoin('stations as s', 's.id', 'a.station_id')
      .selectAll('a')
      .select('s.name as station_name')
      .where((eb) => eb.or([eb('s.id', '=', stationId), eb('s.parent_id', '=', stationId)]))
      .where('a.status', '=', 'held')
      .orderBy('a.date', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute();
  },

  async setParticipants(db: Executor, activityId: string, rows: ParticipantRow[]): Promise<void> {
    await db.deleteFrom('activity_participants').where('activity_id', '=', activityId).execute();
    if (rows.length) await db.insertInto('activity_participants').values(rows).execute();
  },
  async participants(db: Executor, activityIds: string[]): Promise<ParticipantRow[]> {
    if (!activityIds.length) return [];
    return db.selectFrom('activity_participants').selectAll().where('activity_id', 'in', activityIds).orderBy('activity_id').orderBy('sort').execute();
  },

  async insertFile(db: Executor, row: FileRow): Promise<void> {
    await db.insertInto('activity_files').values(row).execute();
  },
  async files(db: Executor, activityIds: string[], kind?: 'photo' | 'attachment'): Promise<FileRow[]> {
    if (!activityIds.length) return [];
    let q = db.selectFrom('activity_files').selectAll().where('activity_id', 'in', activityIds);
    if (kind) q = q.where('kind', '=', kind);
    return q.orderBy('id').execute();
  },
  async file(db: Executor, activityId: string, kind: string, id: string): Promise<FileRow | undefined> {
    return db.selectFrom('activity_files').selectAll().where('activity_id', '=', activityId).where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
  },
  async countFiles(db: Executor, activityId: string, kind: string): Promise<number> {
    const r = await db.selectFrom('activity_files').select((eb) => eb.fn.countAll<number>().as('n')).where('activity_id', '=', activityId).where('kind', '=', kind).executeTakeFirstOrThrow();
    return Number(r.n);
  },
  async setFilePublic(db: Executor, id: string, pub: boolean): Promise<void> {
    await db.updateTable('activity_files').set({ public: pub ? 1 : 0 }).where('id', '=', id).execute();
  },
  async deleteFile(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('activity_files').where('id', '=', id).execute();
  },
  async insertOutcome(db: Executor, row: OutcomeRow): Promise<void> {
    await db.insertInto('activity_outcomes').values(row).execute();
  },
  async outcomes(db: Executor, activityIds: string[]): Promise<OutcomeWithCase[]> {
    if (!activityIds.length) return [];
    return db
      .selectFrom('activity_outcomes as o').leftJoin('cases as c', 'c.id', 'o.case_id')
      .selectAll('o').select(['c.tracking_code', 'c.title as case_title', 'c.status as case_status', 'c.channel as case_channel'])
      .where('o.activity_id', 'in', activityIds).orderBy('o.activity_id').orderBy('o.id').execute();
  },
  async outcome(db: Executor, activityId: string, id: string): Promise<OutcomeRow | undefined> {
    return db.selectFrom('activity_outcomes').selectAll().where('activity_id', '=', activityId).where('id', '=', id).executeTakeFirst();
  },
  async outcomeByKey(db: Executor, activityId: string, key: string): Promise<OutcomeRow | undefined> {
    return db.selectFrom('activity_outcomes').selectAll().where('activity_id', '=', activityId).where('request_key', '=', key).executeTakeFirst();
  },
  /** Links a case to an outcome that has none; false when another request linked one first. */
  async linkOutcome(db: Executor, id: string, caseId: string): Promise<boolean> {
    const res = await db.updateTable('activity_outcomes').set({ case_id: caseId }).where('id', '=', id).where('case_id', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async deleteOutcome(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('activity_outcomes').where('id', '=', id).execute();
  },
};
