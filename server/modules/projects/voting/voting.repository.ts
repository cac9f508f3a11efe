import { isPostgres, type Executor } from '../../../platform/db/database.ts';
import type { ProjectsTables } from '../projects.tables.ts';

export type SessionRow = ProjectsTables['voting_sessions'];
export type BallotRow = ProjectsTables['ballots'];
export type PaperEntryRow = ProjectsTables['paper_ballot_entries'];
export type ProjectRow = ProjectsTables['projects'];
export type CandidateRow = ProjectRow & { department_name: string | null };
export type PaperEntryNamed = PaperEntryRow & { deputy_name: string; entered_by_name: string | null; confirmed_by_name: string | null };

const n = (v: unknown) => Number(v ?? 0);

/** Voting sessions, their members, candidates, ballots and paper entries: the only SQL of the vote. */
export const votingRepository = {
  async list(db: Executor, districtCode: string, status?: string): Promise<Array<SessionRow & { member_count: number; project_count: number }>> {
    let q = db
      .selectFrom('voting_sessions as s')
      .selectAll('s')
      .select((eb) => [
        eb.selectFrom('voting_session_members as m').select(eb.fn.countAll<number>().as('n')).whereRef('m.session_id', '=', 's.id').as('member_count'),
        eb.selectFrom('projects as p').select(eb.fn.countAll<number>().as('n')).whereRef('p.session_id', '=', 's.id').as('project_count'),
      ])
      .where('s.district_code', '=', districtCode);
    if (status) q = q.where('s.status', '=', status);
    const rows = await q.orderBy('s.year', 'desc').orderBy('s.id', 'desc').limit(500).execute();
    return rows.map((r) => ({ ...r, member_count: n(r.member_count), project_count: n(r.project_count) }));
  },
  async get(db: Executor, districtCode: string, id: string): Promise<SessionRow | undefined> {
    return db.selectFrom('voting_sessions').selectAll().where('id', '=', id).where('district_code', '=', districtCode).executeTakeFirst();
  },
  /**
   * The session row, locked for the rest of the transaction on PostgreSQL (SELECT … FOR UPDATE):
   * ballots, paper entries and the close of one session take their turns, so a count made after
   * it (approvals, pending sheets) stays true until the commit. SQLite has one writer anyway.
   */
  async lock(db: Executor, districtCode: string, id: string): Promise<SessionRow | undefined> {
    let q = db.selectFrom('voting_sessions').selectAll().where('id', '=', id).where('district_code', '=', districtCode);
    if (isPostgres(db)) q = q.forUpdate();
    return q.executeTakeFirst();
  },
  async insert(db: Executor, row: SessionRow): Promise<void> {
    await db.insertInto('voting_sessions').values(row).execute();
  },
  /** Optimistic concurrency: the write happens only at the version the caller saw. */
  async update(db: Executor, id: string, version: number, patch: Partial<SessionRow>): Promise<boolean> {
    const res = await db.updateTable('voting_sessions').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async stamp(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('voting_sessions').set({ updated_at: at }).where('id', '=', id).execute();
  },

  // ── members ──
  async members(db: Executor, sessionId: string): Promise<Array<{ id: string; name: string }>> {
    return db
      .selectFrom('voting_session_members as m').innerJoin('deputies as d', 'd.id', 'm.deputy_id')
      .select(['d.id', 'd.name']).where('m.session_id', '=', sessionId).orderBy('d.name_key').orderBy('d.id').execute();
  },
  async isMember(db: Executor, sessionId: string, deputyId: string): Promise<boolean> {
    return (await db.selectFrom('voting_session_members').select('deputy_id').where('session_id', '=', sessionId).where('deputy_id', '=', deputyId).executeTakeFirst()) !== undefined;
  },
  async setMembers(db: Executor, sessionId: string, deputyIds: readonly string[]): Promise<void> {
    await db.deleteFrom('voting_session_members').where('session_id', '=', sessionId).execute();
    if (deputyIds.length) await db.insertInto('voting_session_members').values(deputyIds.map((deputy_id) => ({ session_id: sessionId, deputy_id }))).execute();
  },
  /** Active deputies of the district among `ids`. */
  async activeDistrictDeputies(db: Executor, districtCode: string, ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await db.selectFrom('deputies').select('id').where('id', 'in', [...ids]).where('district_code', '=', districtCode).where('active', '=', 1).execute();
    return rows.map((r) => r.id);
  },
  /** The district's active deputies of the county-level congress (区人大代表), in name order: a session's default members. */
  async countyDeputies(db: Executor, districtCode: string): Promise<string[]> {
    const rows = await db.selectFrom('deputies').select('id').where('district_code', '=', districtCode).where('level', '=', 'county').where('active', '=', 1).orderBy('name_key').orderBy('id').execute();
    return rows.map((r) => r.id);
  },
  async deputyName(db: Executor, id: string): Promise<string | undefined> {
    return (await db.selectFrom('deputies').select('name').where('id', '=', id).executeTakeFirst())?.name;
  },

  // ── candidates ──
  async candidates(db: Executor, sessionId: string): Promise<CandidateRow[]> {
    return db
      .selectFrom('projects as p').leftJoin('departments as d', 'd.id', 'p.department_id')
      .selectAll('p').select('d.name as department_name')
      .where('p.session_id', '=', sessionId).orderBy('p.sort').orderBy('p.id').execute();
  },
  async candidate(db: Executor, sessionId: string, projectId: string): Promise<ProjectRow | undefined> {
    return db.selectFrom('projects').selectAll().where('session_id', '=', sessionId).where('id', '=', projectId).executeTakeFirst();
  },
  async insertCandidate(db: Executor, row: ProjectRow): Promise<void> {
    await db.insertInto('projects').values(row).execute();
  },
  async deleteCandidate(db: Executor, projectId: string): Promise<void> {
    await db.deleteFrom('project_case_links').where('owner_type', '=', 'project').where('owner_id', '=', projectId).execute();
    await db.deleteFrom('projects').where('id', '=', projectId).execute();
  },
  async projectForProposal(db: Executor, proposalId: string): Promise<{ id: string; session_id: string } | undefined> {
    return db.selectFrom('projects').select(['id', 'session_id']).where('proposal_id', '=', proposalId).executeTakeFirst();
  },
  async setProjectStatus(db: Executor, projectId: string, status: string, at: string): Promise<void> {
    await db.updateTable('projects').set((eb) => ({ status, updated_at: at, version: eb('version', '+', 1) })).where('id', '=', projectId).execute();
  },
  async linkCases(db: Executor, ownerType: string, ownerId: string, caseIds: readonly string[]): Promise<void> {
    if (caseIds.length) await db.insertInto('project_case_links').values([...new Set(caseIds)].map((case_id) => ({ owner_type: ownerType, owner_id: ownerId, case_id }))).execute();
  },

  // ── ballots ──
  async insertBallots(db: Executor, rows: BallotRow[]): Promise<void> {
    if (rows.length) await db.insertInto('ballots').values(rows).execute();
  },
  /** Counted ballots of a session (what the tally and the results are computed from). */
  async countedBallots(db: Executor, sessionId: string): Promise<Array<{ project_id: string; deputy_id: string; choice: string }>> {
    return db.selectFrom('ballots').select(['project_id', 'deputy_id', 'choice']).where('session_id', '=', sessionId).where('counted', '=', 1).orderBy('project_id').orderBy('deputy_id').execute();
  },
  /** Counted ballots per project and choice (never per deputy). */
  async tallyCounts(db: Executor, sessionId: string): Promise<Array<{ project_id: string; choice: string; n: number }>> {
    const rows = await db
      .selectFrom('ballots').select(['project_id', 'choice']).select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', sessionId).where('counted', '=', 1).groupBy(['project_id', 'choice']).execute();
    return rows.map((r) => ({ ...r, n: n(r.n) }));
  },
  async turnout(db: Executor, sessionId: string): Promise<number> {
    const r = await db.selectFrom('ballots').select((eb) => eb.fn.count<number>('deputy_id').distinct().as('n')).where('session_id', '=', sessionId).where('counted', '=', 1).executeTakeFirstOrThrow();
    return n(r.n);
  },
  /** Who has at least one ballot (counted or pending) in the session: participation, never the choices. */
  async votedDeputies(db: Executor, sessionId: string): Promise<Set<string>> {
    const rows = await db.selectFrom('ballots').select('deputy_id').distinct().where('session_id', '=', sessionId).execute();
    return new Set(rows.map((r) => r.deputy_id));
  },
  /** One deputy's own ballots (myBallots). */
  async ballotsOf(db: Executor, sessionId: string, deputyId: string): Promise<BallotRow[]> {
    return db.selectFrom('ballots').selectAll().where('session_id', '=', sessionId).where('deputy_id', '=', deputyId).orderBy('created_at').orderBy('id').execute();
  },
  /** For-ballots of a deputy in the session, counted or awaiting confirmation (maxApprovals). */
  async approvalsOf(db: Executor, sessionId: string, deputyId: string): Promise<number> {
    const r = await db.selectFrom('ballots').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', sessionId).where('deputy_id', '=', deputyId).where('choice', '=', 'for').executeTakeFirstOrThrow();
    return n(r.n);
  },
  async countBallots(db: Executor, sessionId: string): Promise<number> {
    const r = await db.selectFrom('ballots').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    return n(r.n);
  },

  // ── paper entries ──
  async insertPaper(db: Executor, row: PaperEntryRow): Promise<void> {
    await db.insertInto('paper_ballot_entries').values(row).execute();
  },
  async paperEntries(db: Executor, sessionId: string): Promise<PaperEntryNamed[]> {
    return namedPaper(db).where('e.session_id', '=', sessionId).orderBy('e.entered_at').orderBy('e.id').execute() as Promise<PaperEntryNamed[]>;
  },
  async paperEntry(db: Executor, districtCode: string, id: string): Promise<PaperEntryNamed | undefined> {
    return namedPaper(db).innerJoin('voting_sessions as s', 's.id', 'e.session_id').where('s.district_code', '=', districtCode).where('e.id', '=', id).executeTakeFirst() as Promise<PaperEntryNamed | undefined>;
  },
  async pendingPaper(db: Executor, sessionId: string): Promise<number> {
    const r = await db.selectFrom('paper_ballot_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', sessionId).where('status', '=', 'pending').executeTakeFirstOrThrow();
    return n(r.n);
  },
  /** Moves a pending entry on; false when another request confirmed or rejected it first. */
  async settlePaper(db: Executor, id: string, patch: Partial<PaperEntryRow>): Promise<boolean> {
    const res = await db.updateTable('paper_ballot_entries').set(patch).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async countPaperBallots(db: Executor, entryId: string): Promise<void> {
    await db.updateTable('ballots').set({ counted: 1 }).where('paper_entry_id', '=', entryId).execute();
  },
  async deletePaperBallots(db: Executor, entryId: string): Promise<number> {
    const res = await db.deleteFrom('ballots').where('paper_entry_id', '=', entryId).where('counted', '=', 0).executeTakeFirst();
    return Number(res.numDeletedRows);
  },

  // ── public ──
  async closedSessions(db: Executor, districtCode: string, year?: number): Promise<SessionRow[]> {
    let q = db.selectFrom('voting_sessions').selectAll().where('district_code', '=', districtCode).where('status', '=', 'closed');
    if (year !== undefined) q = q.where('year', '=', year);
    return q.orderBy('year', 'desc').orderBy('id', 'desc').execute();
  },
};

const namedPaper = (db: Executor) =>
  db
    .selectFrom('paper_ballot_entries as e')
    .innerJoin('deputies as d', 'd.id', 'e.deputy_id')
    .leftJoin('users as ue', 'ue.id', 'e.entered_by')
    .leftJoin('users as uc', 'uc.id', 'e.confirmed_by')
    .selectAll('e')
    .select(['d.name as deputy_name', 'ue.display_name as entered_by_name', 'uc.display_name as confirmed_by_name']);
