import type { BallotChoice, PaperEntry, TallyRow, VotingResults, VotingSessionStatus, VotingSessionSummary } from '../../../../shared/projects.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { projectsErrors } from '../projects.errors.ts';
import { projectsActor, requireOffice } from '../projects.policy.ts';
import { tallyOf } from './tally.ts';
import { votingRepository, type PaperEntryNamed, type SessionRow } from './voting.repository.ts';
import type { z } from 'zod';
import type { detailOut } from './voting.schemas.ts';

export type SessionDetailOut = z.infer<typeof detailOut>;

export function presentSummary(r: SessionRow & { member_count: number; project_count: number }): VotingSessionSummary {
  return {
    id: r.id, title: r.title, status: r.status as VotingSessionStatus, year: r.year, congress: r.congress,
    memberCount: r.member_count, projectCount: r.project_count, openedAt: r.opened_at, closedAt: r.closed_at,
  };
}

export function presentPaper(e: PaperEntryNamed): PaperEntry {
  return {
    id: e.id, deputyId: e.deputy_id, deputyName: e.deputy_name, choices: JSON.parse(e.choices) as PaperEntry['choices'], status: e.status as PaperEntry['status'],
    enteredByName: e.entered_by_name ?? '', enteredAt: e.entered_at, confirmedByName: e.confirmed_by_name, confirmedAt: e.confirmed_at, reason: e.reason,
  };
}

/** The session's counted ballots per project, in ballot order (never per deputy). */
export async function liveTally(db: Executor, sessionId: string, projectIds: string[]): Promise<TallyRow[]> {
  const rows = tallyOf(projectIds, []);
  const byId = new Map(rows.map((r) => [r.projectId, r]));
  for (const c of await votingRepository.tallyCounts(db, sessionId)) {
    const r = byId.get(c.project_id);
    if (r && (c.choice === 'for' || c.choice === 'against' || c.choice === 'abstain')) r[c.choice] = c.n;
  }
  return rows;
}

export async function listSessions(db: Executor, p: Principal, status?: string): Promise<{ items: VotingSessionSummary[] }> {
  return { items: (await votingRepository.list(db, p.districtCode, status)).map(presentSummary) };
}

/** A session of the caller's district (404 otherwise). */
export async function loadSession(db: Executor, p: Principal, id: string): Promise<SessionRow> {
  const s = await votingRepository.get(db, p.districtCode, id);
  if (!s) throw projectsErrors.VOTING_SESSION_NOT_FOUND();
  return s;
}

/**
 * The session as the caller may see it: rules, candidates, the live tally of counted ballots,
 * turnout, the results once closed, and the caller's own ballots. Nobody else's choices are read.
 * Members with whether they have voted (participation, not choices) only for the office.
 */
export async function getSession(db: Executor, p: Principal, id: string): Promise<SessionDetailOut> {
  const a = projectsActor(p);
  const s = await loadSession(db, p, id);
  const [candidates, members, turnout, pending] = await Promise.all([
    votingRepository.candidates(db, s.id), votingRepository.members(db, s.id), votingRepository.turnout(db, s.id), votingRepository.pendingPaper(db, s.id),
  ]);
  const tally = await liveTally(db, s.id, candidates.map((c) => c.id));
  const voted = a.admin ? await votingRepository.votedDeputies(db, s.id) : null;
  const isMember = a.deputyId !== null && members.some((m) => m.id === a.deputyId);
  const mine = isMember ? await votingRepository.ballotsOf(db, s.id, a.deputyId!) : [];
  const open = s.status === 'open';
  const draft = s.status === 'draft';
  return {
    id: s.id, title: s.title, status: s.status as VotingSessionStatus, year: s.year, congress: s.congress,
    memberCount: members.length, projectCount: candidates.length, openedAt: s.opened_at, closedAt: s.closed_at,
    version: s.version, description: s.description, quorum: s.quorum, passThreshold: s.pass_threshold, maxApprovals: s.max_approvals, seats: s.seats,
    projects: candidates.map((c) => ({
      id: c.id, title: c.title, description: c.description, departmentName: c.department_name, costWan: c.cost_wan, proposalId: c.proposal_id, sort: c.sort,
      status: c.status, departmentId: c.department_id, category: c.category,
    })),
    tally,
    turnout,
    pendingPaperEntries: pending,
    myBallots: mine.map((b) => ({ projectId: b.project_id, choice: b.choice as BallotChoice, at: b.created_at, counted: b.counted === 1 })),
    isMember,
    members: members.map((m) => ({ id: m.id, name: m.name, voted: voted ? voted.has(m.id) : null })),
    memberDeputyIds: members.map((m) => m.id),
    results: s.results ? (JSON.parse(s.results) as VotingResults) : null,
    abilities: {
      update: a.admin && draft,
      open: a.admin && draft,
      close: a.admin && open,
      vote: isMember && open && mine.length < candidates.length,
      enterPaper: a.admin && open,
      confirmPaper: a.admin && open && pending > 0,
    },
  };
}

export async function listPaper(db: Executor, p: Principal, sessionId: string): Promise<{ items: PaperEntry[] }> {
  const s = await loadSession(db, p, sessionId);
  requireOffice(projectsActor(p), '查看纸质选票录入');
  return { items: (await votingRepository.paperEntries(db, s.id)).map(presentPaper) };
}
