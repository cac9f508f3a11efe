import type { Executor } from '../../platform/db/database.ts';

/**
 * What deputies did in the livelihood-project process, for read-side modules (the performance
 * archive): who took part in a voting session and who scored in an evaluation round. Never a
 * deputy's choice on a ballot, never a deputy's scores. Loaded by id after an event.
 */
export interface VotingParticipationFact {
  sessionId: string;
  districtCode: string;
  title: string;
  year: number;
  congress: string;
  /** VotingSessionStatus. */
  status: string;
  /** Deputies with counted ballots (online, or paper sheets confirmed by a second person). */
  deputies: Array<{ deputyId: string; projects: number; firstAt: string; sources: string[] }>;
}

export interface EvaluationParticipationFact {
  roundId: string;
  districtCode: string;
  title: string;
  year: number;
  /** EvaluationRoundStatus. */
  status: string;
  /** Deputies who handed in score sheets: how many projects, the first sheet's time. */
  deputies: Array<{ deputyId: string; projects: number; firstAt: string }>;
}

export async function votingParticipationFacts(db: Executor, sessionIds: readonly string[]): Promise<VotingParticipationFact[]> {
  const unique = [...new Set(sessionIds)];
  if (!unique.length) return [];
  const sessions = await db.selectFrom('voting_sessions').select(['id', 'district_code', 'title', 'year', 'congress', 'status']).where('id', 'in', unique).execute();
  // Only who voted, on how many projects, when and how: the choice column is never read.
  const ballots = await db.selectFrom('ballots').select(['session_id', 'deputy_id', 'created_at', 'source'])
    .where('session_id', 'in', unique).where('counted', '=', 1).orderBy('created_at').execute();
  const by = new Map<string, Map<string, { projects: number; firstAt: string; sources: Set<string> }>>();
  for (const b of ballots) {
    const s = by.get(b.session_id) ?? by.set(b.session_id, new Map()).get(b.session_id)!;
    const d = s.get(b.deputy_id) ?? s.set(b.deputy_id, { projects: 0, firstAt: b.created_at, sources: new Set() }).get(b.deputy_id)!;
    d.projects++;
    if (b.created_at < d.firstAt) d.firstAt = b.created_at;
    d.sources.add(b.source);
  }
  return sessions.map((s) => ({
    sessionId: s.id, districtCode: s.district_code, title: s.title, year: Number(s.year), congress: s.congress, status: s.status,
    deputies: [...(by.get(s.id) ?? new Map()).entries()].sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([deputyId, d]) => ({ deputyId, projects: d.projects, firstAt: d.firstAt, sources: [...d.sources].sort() })),
  }));
}

export async function evaluationParticipationFacts(db: Executor, roundIds: readonly string[]): Promise<EvaluationParticipationFact[]> {
  const unique = [...new Set(roundIds)];
  if (!unique.length) return [];
  const rounds = await db.selectFrom('project_evaluation_rounds').select(['id', 'district_code', 'title', 'year', 'status']).where('id', 'in', unique).execute();
  const sheets = await db.selectFrom('project_scores').select(['round_id', 'deputy_id', 'created_at']).where('round_id', 'in', unique).execute();
  const by = new Map<string, Map<string, { projects: number; firstAt: string }>>();
  for (const r of sheets) {
    const m = by.get(r.round_id) ?? by.set(r.round_id, new Map()).get(r.round_id)!;
    const d = m.get(r.deputy_id) ?? m.set(r.deputy_id, { projects: 0, firstAt: r.created_at }).get(r.deputy_id)!;
    d.projects++;
    if (r.created_at < d.firstAt) d.firstAt = r.created_at;
  }
  return rounds.map((r) => ({
    roundId: r.id, districtCode: r.district_code, title: r.title, year: Number(r.year), status: r.status,
    deputies: [...(by.get(r.id) ?? new Map()).entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([deputyId, d]) => ({ deputyId, ...d })),
  }));
}
