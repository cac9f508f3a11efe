import type { Executor } from '../../../platform/db/database.ts';
import { likeContains } from '../../../platform/db/like.ts';
import type { CursorValue } from '../../../platform/http/pagination.ts';
import type { ProjectsTables } from '../projects.tables.ts';
import { IMPLEMENTING_STATUSES } from './milestones.ts';

export type ProjectRow = ProjectsTables['projects'];
export type MilestoneRow = ProjectsTables['project_milestones'];
export type MilestoneFileRow = ProjectsTables['project_milestone_files'];
export type UpdateRow = ProjectsTables['project_updates'];

/** A project with what every view of it shows: its department's name, and its session's close and stored results (the vote totals). */
export type ProjectViewRow = ProjectRow & { department_name: string | null; session_closed_at: string | null; session_status: string; session_results: string | null };

export interface ProjectFilters {
  year?: number;
  /** Any of these statuses (the console's list; the public views: the implementing ones). */
  status?: readonly string[];
  departmentId?: string;
  /** true: with an overdue milestone; false: without. Needs `today`. */
  overdue?: boolean;
  q?: string;
}

const viewed = (db: Executor) =>
  db
    .selectFrom('projects as p')
    .innerJoin('voting_sessions as vs', 'vs.id', 'p.session_id')
    .leftJoin('departments as d', 'd.id', 'p.department_id')
    .selectAll('p')
    .select(['d.name as department_name', 'vs.closed_at as session_closed_at', 'vs.status as session_status', 'vs.results as session_results']);

export const implementationRepository = {
  /**
   * A district's projects, newest year first, then in ballot order: keyset on (year desc, sort asc, id asc),
   * cursor [year, sort, id]. Fetches `limit + 1`.
   */
  async list(db: Executor, districtCode: string, f: ProjectFilters, today: string, limit: number, after: CursorValue[] | null): Promise<ProjectViewRow[]> {
    let q = viewed(db).where('p.district_code', '=', districtCode);
    if (f.year !== undefined) q = q.where('p.year', '=', f.year);
    if (f.status?.length) q = q.where('p.status', 'in', [...f.status]);
    if (f.departmentId) q = q.where('p.department_id', '=', f.departmentId);
    if (f.overdue !== undefined) {
      const want = f.overdue;
      q = q.where((eb) => {
        const late = eb.exists(
          eb.selectFrom('project_milestones as m').select('m.id').whereRef('m.project_id', '=', 'p.id').where('m.done_on', 'is', null).where('m.due_on', '<', today),
        );
        return want ? late : eb.not(late);
      });
    }
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([likeContains('p.title', text), likeContains('p.description', text)]));
    }
    if (after) {
      const [year, sort, id] = after as [number, number, string];
      q = q.where((eb) =>
        eb.or([
          eb('p.year', '<', year),
          eb.and([eb('p.year', '=', year), eb.or([eb('p.sort', '>', sort), eb.and([eb('p.sort', '=', sort), eb('p.id', '>', id)])])]),
        ]),
      );
    }
    return q.orderBy('p.year', 'desc').orderBy('p.sort', 'asc').orderBy('p.id', 'asc').limit(limit + 1).execute();
  },
  async get(db: Executor, districtCode: string, id: string): Promise<ProjectViewRow | undefined> {
    return viewed(db).where('p.district_code', '=', districtCode).where('p.id', '=', id).executeTakeFirst();
  },
  /** The implementing projects of a district and year (the demo seed finds the vote's passed projects by this). */
  async implementing(db: Executor, districtCode: string, year: number): Promise<ProjectRow[]> {
    return db.selectFrom('projects').selectAll().where('district_code', '=', districtCode).where('year', '=', year)
      .where('status', 'in', [...IMPLEMENTING_STATUSES]).orderBy('sort').orderBy('id').execute();
  },
  /** Optimistic concurrency: the write happens only at the version the caller saw. */
  async update(db: Executor, id: string, version: number, patch: Partial<ProjectRow>): Promise<boolean> {
    const res = await db.updateTable('projects').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  /** A milestone change moves the project's time, not its version (an open edit form of the project stays valid). */
  async stamp(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('projects').set({ updated_at: at }).where('id', '=', id).execute();
  },
  async caseIds(db: Executor, projectId: string): Promise<string[]> {
    const rows = await db.selectFrom('project_case_links').select('case_id').where('owner_type', '=', 'project').where('owner_id', '=', projectId).orderBy('case_id').execute();
    return rows.map((r) => r.case_id);
  },

  // ── milestones ──
  async milestonesOf(db: Executor, projectIds: readonly string[]): Promise<MilestoneRow[]> {
    if (!projectIds.length) return [];
    return db.selectFrom('project_milestones').selectAll().where('project_id', 'in', [...projectIds]).orderBy('project_id').orderBy('sort').orderBy('id').execute();
  },
  async milestone(db: Executor, projectId: string, id: string): Promise<MilestoneRow | undefined> {
    return db.selectFrom('project_milestones').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
  },
  async insertMilestone(db: Executor, row: MilestoneRow): Promise<void> {
    await db.insertInto('project_milestones').values(row).execute();
  },
  async updateMilestone(db: Executor, id: string, version: number, patch: Partial<MilestoneRow>): Promise<boolean> {
    const res = await db.updateTable('project_milestones').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  /** Moves a milestone down the list when a new one is put before it (its version stays: its own fields did not change). */
  async setMilestoneSort(db: Executor, id: string, sort: number): Promise<void> {
    await db.updateTable('project_milestones').set({ sort }).where('id', '=', id).execute();
  },
  async deleteMilestone(db: Executor, id: string, version: number): Promise<boolean> {
    await db.deleteFrom('project_milestone_files').where('milestone_id', '=', id).execute();
    const res = await db.deleteFrom('project_milestones').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  },

  // ── evidence files ──
  async filesOf(db: Executor, milestoneIds: readonly string[]): Promise<MilestoneFileRow[]> {
    if (!milestoneIds.length) return [];
    return db.selectFrom('project_milestone_files').selectAll().where('milestone_id', 'in', [...milestoneIds]).orderBy('milestone_id').orderBy('id').execute();
  },
  async file(db: Executor, milestoneId: string, fileId: string): Promise<MilestoneFileRow | undefined> {
    return db.selectFrom('project_milestone_files').selectAll().where('milestone_id', '=', milestoneId).where('id', '=', fileId).executeTakeFirst();
  },
  async countFiles(db: Executor, milestoneId: string): Promise<number> {
    const r = await db.selectFrom('project_milestone_files').select((eb) => eb.fn.countAll<number>().as('n')).where('milestone_id', '=', milestoneId).executeTakeFirstOrThrow();
    return Number(r.n);
  },
  async insertFile(db: Executor, row: MilestoneFileRow): Promise<void> {
    await db.insertInto('project_milestone_files').values(row).execute();
  },
  async deleteFile(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('project_milestone_files').where('id', '=', id).execute();
  },
  /** A file of a milestone of a project (any district: the caller has checked the project). */
  async projectFile(db: Executor, projectId: string, fileId: string): Promise<MilestoneFileRow | undefined> {
    return db.selectFrom('project_milestone_files as f').innerJoin('project_milestones as m', 'm.id', 'f.milestone_id')
      .selectAll('f').where('m.project_id', '=', projectId).where('f.id', '=', fileId).executeTakeFirst();
  },

  // ── progress reports ──
  async updatesOf(db: Executor, projectId: string): Promise<UpdateRow[]> {
    return db.selectFrom('project_updates').selectAll().where('project_id', '=', projectId).orderBy('at', 'desc').orderBy('id', 'desc').execute();
  },
  async insertUpdate(db: Executor, row: UpdateRow): Promise<void> {
    await db.insertInto('project_updates').values(row).execute();
  },

  // ── followers ──
  /** True when the caller was not following yet. */
  async follow(db: Executor, projectId: string, userId: string, at: string): Promise<boolean> {
    if (await implementationRepository.isFollowing(db, projectId, userId)) return false;
    // A parallel follow by the same account meets the primary key: nothing to add then.
    await db.insertInto('project_followers').values({ project_id: projectId, user_id: userId, created_at: at })
      .onConflict((oc) => oc.columns(['project_id', 'user_id']).doNothing()).execute();
    return true;
  },
  async unfollow(db: Executor, projectId: string, userId: string): Promise<boolean> {
    const res = await db.deleteFrom('project_followers').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  },
  async followerCount(db: Executor, projectId: string): Promise<number> {
    const r = await db.selectFrom('project_followers').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow();
    return Number(r.n);
  },
  async isFollowing(db: Executor, projectId: string, userId: string): Promise<boolean> {
    return (await db.selectFrom('project_followers').select('user_id').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
  },
  /** The active accounts following a project (the people a progress report is for). */
  async activeFollowerIds(db: Executor, projectId: string): Promise<string[]> {
    const rows = await db.selectFrom('project_followers as f').innerJoin('users as u', 'u.id', 'f.user_id')
      .select('f.user_id').where('f.project_id', '=', projectId).where('u.active', '=', 1).orderBy('f.user_id').execute();
    return rows.map((r) => r.user_id);
  },

  /** Active accounts of a department, or the district's office, by role (who hears of an overdue milestone). */
  async staffIds(db: Executor, who: { departmentId: string; districtCode: string } | { districtAdmins: string }): Promise<string[]> {
    let q = db.selectFrom('users').select(['id', 'roles']).where('active', '=', 1);
    q = 'departmentId' in who ? q.where('department_id', '=', who.departmentId).where('district_code', '=', who.districtCode) : q.where('district_code', '=', who.districtAdmins);
    const role = 'departmentId' in who ? 'department' : 'admin';
    const rows = await q.orderBy('id').execute();
    return rows.filter((r) => (JSON.parse(r.roles) as string[]).includes(role)).map((r) => r.id);
  },

  // ── the overdue sweep ──
  /** Overdue milestones of implementing projects nobody has been told about yet, oldest due first. */
  async unnotifiedOverdue(db: Executor, today: string, limit: number): Promise<Array<MilestoneRow & { district_code: string; department_id: string | null; project_title: string }>> {
    return db.selectFrom('project_milestones as m').innerJoin('projects as p', 'p.id', 'm.project_id')
      .selectAll('m').select(['p.district_code', 'p.department_id', 'p.title as project_title'])
      .where('m.done_on', 'is', null).where('m.due_on', '<', today).where('m.overdue_notified_at', 'is', null)
      .where('p.status', 'in', [...IMPLEMENTING_STATUSES])
      .orderBy('m.due_on').orderBy('m.id').limit(limit).execute();
  },
  /** Claims the notice of one milestone: true for the one process that sets the time (a second run or a racing process gets false). */
  async claimOverdueNotice(db: Executor, milestoneId: string, at: string): Promise<boolean> {
    const res = await db.updateTable('project_milestones').set({ overdue_notified_at: at })
      .where('id', '=', milestoneId).where('overdue_notified_at', 'is', null).where('done_on', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
};
