import type { VotingResultRow, VotingResults } from '../../../../shared/projects.ts';
import type { Db } from '../../../platform/db/database.ts';
import { votingRepository } from './voting.repository.ts';

export interface PublicVotingResults {
  sessionId: string;
  title: string;
  year: number;
  congress: string;
  closedAt: string | null;
  memberCount: number;
  turnout: number;
  quorumMet: boolean;
  passThreshold: number;
  seats: number | null;
  /** Per project in ballot order: totals and the result. Nothing per deputy. */
  projects: Array<{ id: string; title: string; departmentName: string | null; costWan: number | null; for: number; against: number; abstain: number; rank: number; passed: boolean; reason: VotingResultRow['reason'] }>;
}

/** The district's closed sessions of `year` (all years when omitted), newest first, with their stored results. */
export async function publicVotingResults(db: Db, districtCode: string, year?: number): Promise<PublicVotingResults[]> {
  const out: PublicVotingResults[] = [];
  for (const s of await votingRepository.closedSessions(db, districtCode, year)) {
    if (!s.results) continue;
    const results = JSON.parse(s.results) as VotingResults;
    const candidates = new Map((await votingRepository.candidates(db, s.id)).map((c) => [c.id, c]));
    out.push({
      sessionId: s.id, title: s.title, year: s.year, congress: s.congress, closedAt: s.closed_at,
      memberCount: results.memberCount, turnout: results.turnout, quorumMet: results.quorumMet, passThreshold: results.passThreshold, seats: s.seats,
      projects: results.rows.map((r) => {
        const c = candidates.get(r.projectId);
        return {
          id: r.projectId, title: c?.title ?? '', departmentName: c?.department_name ?? null, costWan: c?.cost_wan ?? null,
          for: r.for, against: r.against, abstain: r.abstain, rank: r.rank, passed: r.passed, reason: r.reason,
        };
      }),
    });
  }
  return out;
}
