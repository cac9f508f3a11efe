import { createHash } from 'node:crypto';
import type { BallotChoice, TallyRow, VotingResultRow, VotingResults } from '../../../../shared/projects.ts';

/**
 * The vote's arithmetic, pure: the same members, projects, ballots and rules always give the same
 * results (the close stores them, `verify` recomputes them from the ballots).
 *
 * - Only counted ballots of members on the session's projects count (a pending paper sheet does not).
 * - turnout = members with at least one counted ballot; quorumMet = turnout ≥ quorum, otherwise
 *   nothing passes (`no_quorum`).
 * - A project is eligible with for ≥ passThreshold (`below_threshold` otherwise).
 * - With `seats`, the eligible projects are ranked by for-votes and only the first `seats` pass
 *   (`beyond_seats`); when projects tie on for-votes across the boundary, none of the tied ones
 *   passes (`tie_at_seats`): the vote did not decide between them.
 * - rank: 1 + the number of projects with more for-votes (standard competition ranking, 1 2 2 4).
 */

export interface TallyBallot {
  projectId: string;
  deputyId: string;
  choice: BallotChoice;
}

export interface TallyRules {
  quorum: number;
  passThreshold: number;
  seats: number | null;
}

/** Per-project counts, one row per project in the given (ballot) order, zeros included. */
export function tallyOf(projectIds: readonly string[], ballots: readonly TallyBallot[]): TallyRow[] {
  const rows = new Map<string, TallyRow>(projectIds.map((id) => [id, { projectId: id, for: 0, against: 0, abstain: 0 }]));
  for (const b of ballots) {
    const r = rows.get(b.projectId);
    if (r) r[b.choice] += 1;
  }
  return [...rows.values()];
}

/** sha256 of the canonical ballot list (sorted by project, deputy): what the results were computed from. */
export function ballotsDigest(ballots: readonly TallyBallot[]): string {
  const canonical = ballots.map((b) => [b.projectId, b.deputyId, b.choice]).sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : a.join('\u0000') > b.join('\u0000') ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export function computeResults(
  members: readonly string[],
  projectIds: readonly string[],
  ballots: readonly TallyBallot[],
  rules: TallyRules,
  computedAt: string,
): VotingResults {
  const memberSet = new Set(members);
  const projectSet = new Set(projectIds);
  const valid = ballots.filter((b) => memberSet.has(b.deputyId) && projectSet.has(b.projectId));
  const turnout = new Set(valid.map((b) => b.deputyId)).size;
  const quorumMet = turnout >= rules.quorum;
  const tally = tallyOf(projectIds, valid);
  const rankOf = (n: number) => 1 + tally.filter((t) => t.for > n).length;

  const eligible = tally.filter((t) => t.for >= rules.passThreshold);
  const reason = new Map<string, VotingResultRow['reason']>();
  for (const t of tally) reason.set(t.projectId, !quorumMet ? 'no_quorum' : t.for >= rules.passThreshold ? 'passed' : 'below_threshold');
  if (quorumMet && rules.seats !== null && eligible.length > rules.seats) {
    const sorted = [...eligible].sort((a, b) => b.for - a.for);
    const boundary = sorted[rules.seats - 1]!.for;
    const above = sorted.filter((t) => t.for > boundary).length;
    const atBoundary = sorted.filter((t) => t.for === boundary).length;
    const tiedFit = above + atBoundary <= rules.seats;
    for (const t of eligible) {
      if (t.for > boundary) continue;
      if (t.for < boundary) reason.set(t.projectId, 'beyond_seats');
      else if (!tiedFit) reason.set(t.projectId, 'tie_at_seats');
    }
  }
  const rows: VotingResultRow[] = tally.map((t) => {
    const r = reason.get(t.projectId)!;
    return { projectId: t.projectId, for: t.for, against: t.against, abstain: t.abstain, rank: rankOf(t.for), passed: r === 'passed', reason: r };
  });
  return { quorumMet, turnout, memberCount: members.length, passThreshold: rules.passThreshold, rows, ballotsDigest: ballotsDigest(valid), computedAt };
}

/** The default quorum and pass threshold: more than half of all members. */
export const majorityOf = (members: number): number => Math.floor(members / 2) + 1;
