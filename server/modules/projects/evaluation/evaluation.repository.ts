import type { EvaluationCriterion } from '../../../../shared/projects.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { ProjectsTables } from '../projects.tables.ts';
import { IMPLEMENTING_STATUSES } from '../implementation/milestones.ts';

export type RoundRow = ProjectsTables['project_evaluation_rounds'];
export type ScoreRow = ProjectsTables['project_scores'];

export const criteriaOf = (r: Pick<RoundRow, 'criteria'>): EvaluationCriterion[] => JSON.parse(r.criteria) as EvaluationCriterion[];

export const evaluationRepository = {
  async list(db: Executor, districtCode: string): Promise<RoundRow[]> {
    return db.selectFrom('project_evaluation_rounds').selectAll().where('district_code', '=', districtCode).orderBy('year', 'desc').orderBy('id', 'desc').execute();
  },
  async get(db: Executor, districtCode: string, id: string): Promise<RoundRow | undefined> {
    return db.selectFrom('project_evaluation_rounds').selectAll().where('district_code', '=', districtCode).where('id', '=', id).executeTakeFirst();
  },
  async byYear(db: Executor, districtCode: string, year: number): Promise<RoundRow | undefined> {
    return db.selectFrom('project_evaluation_rounds').selectAll().where('district_code', '=', districtCode).where('year', '=', year).executeTakeFirst();
  },
  /** The unique index (district, year) decides a race between two creates: the loser's insert throws a unique violation. */
  async insert(db: Executor, row: RoundRow): Promise<void> {
    await db.insertInto('project_evaluation_rounds').values(row).execute();
  },
  async update(db: Executor, id: string, version: number, patch: Partial<RoundRow>): Promise<boolean> {
    const res = await db.updateTable('project_evaluation_rounds').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  /** The projects a round scores: the district's passed, in-progress and completed projects of its year, in ballot order. */
  async roundProjects(db: Executor, districtCode: string, year: number): Promise<Array<{ id: string; title: string }>> {
    return db.selectFrom('projects').select(['id', 'title']).where('district_code', '=', districtCode).where('year', '=', year)
      .where('status', 'in', [...IMPLEMENTING_STATUSES]).orderBy('sort').orderBy('id').execute();
  },
  async scores(db: Executor, roundId: string): Promise<ScoreRow[]> {
    return db.selectFrom('project_scores').selectAll().where('round_id', '=', roundId).orderBy('project_id').orderBy('id').execute();
  },
  async scoresOfProject(db: Executor, roundId: string, projectId: string): Promise<ScoreRow[]> {
    return db.selectFrom('project_scores').selectAll().where('round_id', '=', roundId).where('project_id', '=', projectId).orderBy('id').execute();
  },
  /** One sheet per deputy per project per round is the unique index: a parallel second insert throws a unique violation. */
  async insertScore(db: Executor, row: ScoreRow): Promise<void> {
    await db.insertInto('project_scores').values(row).execute();
  },
  /** Takes the round's row lock while it is open (PostgreSQL: a concurrent close waits or wins): a sheet is written only into an open round. */
  async lockOpen(db: Executor, id: string): Promise<boolean> {
    const res = await db.updateTable('project_evaluation_rounds').set({ status: 'open' }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  /** Whether a deputy may score: an active 区人大代表 (level county) of the district. */
  async isRater(db: Executor, deputyId: string, districtCode: string): Promise<boolean> {
    const r = await db.selectFrom('deputies').select('id').where('id', '=', deputyId).where('district_code', '=', districtCode)
      .where('level', '=', 'county').where('active', '=', 1).executeTakeFirst();
    return r !== undefined;
  },
  /** The published round of a district and year, if any. */
  async publishedOfYear(db: Executor, districtCode: string, year: number): Promise<RoundRow | undefined> {
    return db.selectFrom('project_evaluation_rounds').selectAll().where('district_code', '=', districtCode).where('year', '=', year).where('status', '=', 'published').executeTakeFirst();
  },
};
