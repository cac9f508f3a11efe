import type { BallotChoice } from '../../../../shared/projects.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { DemoSeed } from '../../../platform/module.ts';
import { orgLookups } from '../../org/index.ts';
import { votingRepository } from '../voting/voting.repository.ts';
import { addCandidate, castBallot, closeSession, createSession, enterPaper, openSession, settlePaper } from '../voting/voting.service.ts';
import { demoAt, demoDeputyPrincipal, demoId, demoUsers } from './demo-actors.ts';
import { DEMO_PROPOSALS } from './solicitation.data.ts';
import { DEMO_CLOSED_SESSIONS, DEMO_OPEN_SESSION } from './voting.data.ts';

const MINUTE = 60_000;

/**
 * Voter `i` of `voters` on candidate `j`: for, against or abstain, spread so that candidate `j`
 * gets exactly `forN` for-votes and `againstN` against-votes (each voter's position rotates per
 * candidate, so nobody votes the same way on everything).
 */
export function spread(i: number, j: number, voters: number, forN: number, againstN: number): BallotChoice {
  const pos = (i + j * 5) % voters;
  return pos < forN ? 'for' : pos < forN + againstN ? 'against' : 'abstain';
}

/**
 * The demo district's votes, replayed through the service at the times the data gives: the closed
 * 2025 and 2026 sessions (online ballots, paper sheets entered by `admin` and confirmed by `admin2`,
 * the close that computes and stores the results) and the open 2027 session whose candidates are
 * the 2027 call's shortlisted proposals, with some ballots in, one paper sheet confirmed and one
 * awaiting its second person. The demo account `deputy` has not voted in 2027 (the contract).
 * Sets `voting-session:<year>` and `project:<title>` in the demo ids.
 */
export async function seedVotingDemo(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const users = await demoUsers(deps, demo, ['admin', 'admin2', 'deputy']);
  const admin = users.get('admin')!;
  const admin2 = users.get('admin2')!;
  const account = users.get('deputy')!;
  const district = admin.districtCode;
  const members = await votingRepository.countyDeputies(deps.db, district);
  const names = await orgLookups.deputyNames(deps.db, members);
  if (!members.includes(account.deputyId!)) throw new Error('demo: the deputy account is not a county deputy');
  const principalOf = (deputyId: string): Principal => (deputyId === account.deputyId ? account : demoDeputyPrincipal(deputyId, names.get(deputyId)!.name, district));
  const sessionVersion = async (id: string) => (await votingRepository.get(deps.db, district, id))!.version;
  let ballots = 0;

  for (const d of DEMO_CLOSED_SESSIONS) {
    const opened = new Date(d.openedAt).getTime();
    let s = await createSession(deps, demoAt(opened - 20 * 86_400_000, admin), { title: d.title, year: d.year, congress: d.congress, description: d.description, seats: d.seats });
    const projectIds: string[] = [];
    for (const [j, c] of d.candidates.entries()) {
      const p = await addCandidate(deps, demoAt(opened - 20 * 86_400_000 + (j + 1) * MINUTE, admin), s.id, {
        title: c.title, description: c.description, departmentId: demoId(demo, `department:${c.department}`), costWan: c.costWan, category: c.category,
      });
      projectIds.push(p.id);
      demo.ids.set(`project:${c.title}`, p.id);
    }
    s = await openSession(deps, demoAt(opened, admin), s.id, s.version);
    // The demo account votes online; the others in name order; the last few of them on paper.
    const voters = [account.deputyId!, ...members.filter((m) => m !== account.deputyId)].slice(0, d.voters);
    const online = voters.slice(0, d.voters - d.paper);
    const paper = voters.slice(d.voters - d.paper);
    const choice = (i: number, j: number) => spread(i, j, d.voters, d.candidates[j]!.votes.for, d.candidates[j]!.votes.against);
    let t = opened + 10 * MINUTE;
    for (const [i, deputyId] of online.entries()) {
      const who = principalOf(deputyId);
      t += 3 * MINUTE;
      for (const [j, projectId] of projectIds.entries()) {
        await castBallot(deps, demoAt(t + j * 5_000, who), s.id, { projectId, choice: choice(i, j) });
        ballots++;
      }
    }
    for (const [k, deputyId] of paper.entries()) {
      const i = online.length + k;
      t += 4 * MINUTE;
      const entry = await enterPaper(deps, demoAt(t, admin), s.id, { deputyId, choices: projectIds.map((projectId, j) => ({ projectId, choice: choice(i, j) })) });
      await settlePaper(deps, demoAt(t + 2 * MINUTE, admin2), entry.id, { confirm: true });
      ballots += projectIds.length;
    }
    await closeSession(deps, demoAt(d.closedAt, admin), s.id, await sessionVersion(s.id));
    demo.ids.set(`voting-session:${d.year}`, s.id);
  }

  // 2027: the candidates are the call's shortlisted proposals; voting has begun.
  const o = DEMO_OPEN_SESSION;
  const created = new Date(o.createdAt).getTime();
  const s = await createSession(deps, demoAt(created, admin), { title: o.title, year: o.year, congress: o.congress, description: o.description, seats: o.seats });
  const projectIds: string[] = [];
  for (const [j, key] of o.candidates.entries()) {
    const p = await addCandidate(deps, demoAt(created + (j + 1) * MINUTE, admin), s.id, { proposalId: demoId(demo, `proposal:${key}`) });
    projectIds.push(p.id);
    demo.ids.set(`project:${DEMO_PROPOSALS.find((x) => x.key === key)!.title}`, p.id);
  }
  await openSession(deps, demoAt(o.openedAt, admin), s.id, await sessionVersion(s.id));
  const others = members.filter((m) => m !== account.deputyId);
  const counted = o.onlineVoters + 1;
  const choice = (i: number, j: number) => {
    const f = o.forSoFar[j]!;
    return spread(i, j, counted, f, Math.floor((counted - f) / 2));
  };
  let t = new Date(o.openedAt).getTime() + 30 * MINUTE;
  for (const [i, deputyId] of others.slice(0, o.onlineVoters).entries()) {
    t += 47 * MINUTE;
    for (const [j, projectId] of projectIds.entries()) {
      await castBallot(deps, demoAt(t + j * 20_000, principalOf(deputyId)), s.id, { projectId, choice: choice(i, j) });
      ballots++;
    }
  }
  const [confirmedBy, pendingBy] = [others[o.onlineVoters]!, others[o.onlineVoters + 1]!];
  const confirmed = await enterPaper(deps, demoAt((t += 30 * MINUTE), admin), s.id, {
    deputyId: confirmedBy, choices: projectIds.map((projectId, j) => ({ projectId, choice: choice(o.onlineVoters, j) })),
  });
  await settlePaper(deps, demoAt((t += 15 * MINUTE), admin2), confirmed.id, { confirm: true });
  await enterPaper(deps, demoAt(t + 40 * MINUTE, admin), s.id, {
    deputyId: pendingBy, choices: projectIds.map((projectId, j) => ({ projectId, choice: j < 6 ? 'for' : 'against' })),
  });
  ballots += 2 * projectIds.length;
  demo.ids.set('voting-session:2027', s.id);
  demo.log(`已载入演示票决会议 ${DEMO_CLOSED_SESSIONS.length + 1} 次、选票 ${ballots} 张 (demo voting sessions loaded)`);
}
