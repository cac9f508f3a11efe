import type { Executor } from '../../../platform/db/database.ts';
import type { AssessmentCriterion, RaterWeight } from '../../../../shared/assessment.ts';
import type { AssessmentTables } from './assessment.tables.ts';

export type RoundRow = AssessmentTables['assessment_rounds'];
export type SheetRow = AssessmentTables['assessment_sheets'];
export type ResultRow = AssessmentTables['assessment_results'];

export const criteriaOf = (r: Pick<RoundRow, 'criteria'>): AssessmentCriterion[] => JSON.parse(r.criteria) as AssessmentCriterion[];
export const ratersOf = (r: Pick<RoundRow, 'raters'>): RaterWeight[] => JSON.parse(r.raters) as RaterWeight[];
export const scoresOf = (s: Pick<SheetRow, 'scores'>): Record<string, number> => JSON.parse(s.scores) as Record<string, number>;

/** The only SQL of the assessment rounds. */
export const assessmentRepository = {
  async list(db: Executor, districtCode: string): Promise<RoundRow[]> {
    return db.selectFrom('assessment_rounds').selectAll().where('district_code', '=', districtCode).orderBy('year', 'desc').orderBy('id', 'desc').execute();
  },
  async get(db: Executor, districtCode: string, id: string): Promise<RoundRow | undefined> {
    return db.selectFrom('assessment_rounds').selectAll().where('district_code', '=', districtCode).where('id', '=', id).executeTakeFirst();
  },
  async byYear(db: Executor, districtCode: string, year: number): Promise<RoundRow | undefined> {
    return db.selectFrom('assessment_rounds').selectAll().where('district_code', '=', districtCode).where('year', '=', year).executeTakeFirst();
  },
  /** The unique index (district, year) decides a race between two creates. */
  async insert(db: Executor, row: RoundRow): Promise<void> {
    await db.insertInto('assessment_rounds').values(row).execute();
  },
  /** Writes at the version the caller saw; false when someone else wrote first. */
  async update(db: Executor, id: string, version: number, patch: Partial<RoundRow>): Promise<boolean> {
    const res = await db.updateTable('assessment_rounds').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  /**
   * Takes the round's row lock while it is open (PostgreSQL: a concurrent close waits, then this
   * finds it closed): a sheet is written only into an open round.
   */
  async lockOpen(db: Executor, id: string): Promise<boolean> {
    const res = await db.updateTable('assessment_rounds').set({ status: 'open' }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  /** Closed with missing sheets (allowIncomplete): inside the close's transaction, after its versioned update. */
  async markIncomplete(db: Executor, id: string): Promise<void> {
    await db.updateTable('assessment_rounds').set({ closed_incomplete: 1 }).where('id', '=', id).execute();
  },

  async deputyIds(db: Executor, roundId: string): Promise<string[]> {
    return (await db.selectFrom('assessment_round_deputies').select('deputy_id').where('round_id', '=', roundId).execute()).map((r) => r.deputy_id);
  },
  async deputyCounts(db: Executor, roundIds: string[]): Promise<Map<string, number>> {
    if (!roundIds.length) return new Map();
    const rows = await db.selectFrom('assessment_round_deputies').select(['round_id', (eb) => eb.fn.countAll<number>().as('n')]).where('round_id', 'in', roundIds).groupBy('round_id').execute();
    return new Map(rows.map((r) => [r.round_id, Number(r.n)]));
  },
  async isMember(db: Executor, roundId: string, deputyId: string): Promise<boolean> {
    return (await db.selectFrom('assessment_round_deputies').select('deputy_id').where('round_id', '=', roundId).where('deputy_id', '=', deputyId).executeTakeFirst()) !== undefined;
  },
  /** The rounds a deputy is assessed in. */
  async roundIdsOfDeputy(db: Executor, deputyId: string): Promise<string[]> {
    return (await db.selectFrom('assessment_round_deputies').select('round_id').where('deputy_id', '=', deputyId).execute()).map((r) => r.round_id);
  },
  async replaceDeputies(db: Executor, roundId: string, deputyIds: readonly string[]): Promise<void> {
    await db.deleteFrom('assessment_round_deputies').where('round_id', '=', roundId).execute();
    if (deputyIds.length) await db.insertInto('assessment_round_deputies').values(deputyIds.map((deputy_id) => ({ round_id: roundId, deputy_id }))).execute();
  },

  async sheets(db: Executor, roundId: string): Promise<SheetRow[]> {
    return db.selectFrom('assessment_sheets').selectAll().where('round_id', '=', roundId).orderBy('deputy_id').orderBy('rater_kind').execute();
  },
  async sheet(db: Executor, roundId: string, id: string): Promise<SheetRow | undefined> {
    return db.selectFrom('assessment_sheets').selectAll().where('round_id', '=', roundId).where('id', '=', id).executeTakeFirst();
  },
  /** The unique index (round, deputy, kind) decides a race: the second insert throws a unique violation. */
  async insertSheet(db: Executor, row: SheetRow): Promise<void> {
    await db.insertInto('assessment_sheets').values(row).execute();
  },
  /** Changes a draft at the version the caller saw; false when it was changed or submitted meanwhile. */
  async updateDraft(db: Executor, id: string, version: number, patch: Partial<SheetRow>): Promise<boolean> {
    const res = await db.updateTable('assessment_sheets').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).where('status', '=', 'draft').executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  async insertResults(db: Executor, rows: ResultRow[]): Promise<void> {
    // A few hundred deputies at most; chunks keep the statement under SQLite's parameter limit.
    for (let i = 0; i < rows.length; i += 100) await db.insertInto('assessment_results').values(rows.slice(i, i + 100)).execute();
  },
  async results(db: Executor, roundId: string): Promise<ResultRow[]> {
    return db.selectFrom('assessment_results').selectAll().where('round_id', '=', roundId).execute();
  },
  async result(db: Executor, roundId: string, deputyId: string): Promise<ResultRow | undefined> {
    return db.selectFrom('assessment_results').selectAll().where('round_id', '=', roundId).where('deputy_id', '=', deputyId).executeTakeFirst();
  },
  /** A deputy's results with their rounds (closed rounds of the district), newest year first. */
  async resultsOfDeputy(db: Executor, districtCode: string, deputyId: string): Promise<Array<ResultRow & { year: number; name: string }>> {
    return db.selectFrom('assessment_results').innerJoin('assessment_rounds', 'assessment_rounds.id', 'assessment_results.round_id')
      .selectAll('assessment_results').select(['assessment_rounds.year', 'assessment_rounds.name'])
      .where('assessment_rounds.district_code', '=', districtCode).where('assessment_results.deputy_id', '=', deputyId)
      .orderBy('assessment_rounds.year', 'desc').execute();
  },
};
