import type { Principal } from '../../../platform/auth/principal.ts';
import { principalForUser } from '../../../platform/auth/sessions.ts';
import { usersRepository } from '../../../platform/auth/users.repository.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { DemoSeed } from '../../../platform/module.ts';
import { orgLookups } from '../../org/index.ts';
import { evaluationRepository } from '../evaluation/evaluation.repository.ts';
import { createRound, scoreProject, stepRound } from '../evaluation/evaluation.service.ts';
import { implementationRepository, type ProjectRow } from '../implementation/implementation.repository.ts';
import { reportProgress, setFollowing } from '../implementation/implementation.service.ts';
import { createMilestone, updateMilestone } from '../implementation/milestones.service.ts';
import { sweepOverdueMilestones } from '../jobs/milestone-sweep.ts';
import { votingRepository } from '../voting/voting.repository.ts';
import { demoAt, demoDeputyPrincipal } from './demo-actors.ts';
import { CURRENT_YEAR_PROFILES, DEMO_ROUNDS, profiles, SCORE_COMMENTS, type DemoProfile } from './implementation.data.ts';

/** The year being delivered now (its round is open) and the year before (delivered, its round published). */
const THIS_YEAR = 2026;
const LAST_YEAR = 2025;

/** A department of the demo district that has no console account, reporting through the same service functions (the audit names it `demo-department:<id>`). */
const departmentPrincipal = (departmentId: string, name: string, districtCode: string): Principal => ({
  userId: `demo-department:${departmentId}`, username: `demo-department:${name}`, displayName: name, roles: ['department'], districtCode,
  stationId: null, departmentId, deputyId: null, sessionId: 'demo-seed', csrfToken: '',
});

/** 'MM-DD' of `year`, `shift` days later, at hh:mm Asia/Shanghai, as an instant. */
function at(year: number, md: string, shift: number, hh = 10, mm = 0): number {
  const [m, d] = md.split('-').map(Number) as [number, number];
  return Date.UTC(year, m - 1, d + shift, hh - 8, mm);
}
const day = (t: number): string => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The delivery of the projects the demo votes passed (found by district, year and status — the
 * voting seed runs first) and the year-end evaluation, replayed through the services at the dates
 * the plans give: milestones, done dates with evidence, progress reports (followers notified),
 * followers (the demo `deputy` follows two projects), one milestone overdue; last year's projects
 * completed and their round published; this year's round open with some scores in, none by `deputy`.
 */
export async function seedImplementationDemo(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const users = new Map<string, Principal>();
  for (const name of ['admin', 'deputy', 'station', 'dept', 'dept2']) {
    const row = await usersRepository.findByUsername(deps.db, name);
    const p = row && (await principalForUser(deps.db, row.id));
    if (!p) throw new Error(`demo: account ${name} missing`);
    users.set(name, p);
  }
  const admin = users.get('admin')!;
  const district = admin.districtCode;
  const last = await implementationRepository.implementing(deps.db, district, LAST_YEAR);
  const current = await implementationRepository.implementing(deps.db, district, THIS_YEAR);
  if (!last.length || !current.length) {
    demo.log(`演示：${LAST_YEAR}/${THIS_YEAR} 年没有票决通过的项目，跳过项目实施和测评 (no passed demo projects)`);
    return;
  }

  const reporters = new Map<string, Principal>();
  const reporterOf = async (p: ProjectRow): Promise<Principal> => {
    if (!p.department_id) return admin;
    for (const u of ['dept', 'dept2']) if (users.get(u)!.departmentId === p.department_id) return users.get(u)!;
    let r = reporters.get(p.department_id);
    if (!r) {
      const d = await orgLookups.department(deps.db, p.department_id, district);
      reporters.set(p.department_id, (r = departmentPrincipal(p.department_id, d?.name ?? '责任单位', district)));
    }
    return r;
  };

  // This year: the demo `dept` account's project has the slipped milestone (or the fourth project when it has none).
  const deptProject = current.find((p) => p.department_id === users.get('dept')!.departmentId);
  const overdueId = (deptProject ?? current[Math.min(3, current.length - 1)]!).id;
  const thisYear = profiles(THIS_YEAR);
  let milestones = 0;
  let reports = 0;
  for (const [i, p] of current.entries()) {
    const profile = p.id === overdueId ? thisYear.overdue : thisYear[CURRENT_YEAR_PROFILES[i % CURRENT_YEAR_PROFILES.length]!];
    // Followers first, so the year's reports reach them: the demo deputy follows the first project and the late one; station staff the second.
    const follows = [...(i === 0 || p.id === overdueId ? ['deputy'] : []), ...(i === 1 ? ['station'] : [])];
    for (const u of follows) await setFollowing(deps, demoAt(at(THIS_YEAR, '02-10', 0, 9, i), users.get(u)!), p.id, true);
    const n = await deliver(deps, p, profile, THIS_YEAR, i % 4, await reporterOf(p));
    milestones += n.milestones;
    reports += n.reports;
  }
  const lastYear = profiles(LAST_YEAR).completed_last_year;
  for (const [i, p] of last.entries()) {
    const n = await deliver(deps, p, lastYear, LAST_YEAR, i % 4, await reporterOf(p));
    milestones += n.milestones;
    reports += n.reports;
  }

  // Evaluation: last year's round published, this year's open.
  const raters = await votingRepository.countyDeputies(deps.db, district);
  const names = await orgLookups.deputyNames(deps.db, raters);
  const account = users.get('deputy')!;
  const principalOf = (deputyId: string): Principal => (deputyId === account.deputyId ? account : demoDeputyPrincipal(deputyId, names.get(deputyId)!.name, district));
  const roundVersion = async (id: string) => (await evaluationRepository.get(deps.db, district, id))!.version;
  let sheets = 0;

  const pub = DEMO_ROUNDS.published;
  let r = await createRound(deps, demoAt(at(LAST_YEAR, pub.createdAt, 0, 9), admin), { year: LAST_YEAR, title: pub.title(LAST_YEAR) });
  r = await stepRound(deps, demoAt(at(LAST_YEAR, pub.openedAt, 0, 9), admin), r.id, 'open', r.version);
  for (const [k, deputyId] of raters.slice(0, pub.raters).entries()) {
    for (const [j, p] of last.entries()) {
      await scoreProject(deps, demoAt(at(LAST_YEAR, pub.openedAt, 1 + (k % 14), 15, j), principalOf(deputyId)), r.id, {
        projectId: p.id, scores: sheet(k, j), comment: SCORE_COMMENTS[(k + j) % SCORE_COMMENTS.length],
      });
      sheets++;
    }
  }
  r = await stepRound(deps, demoAt(at(LAST_YEAR, pub.closedAt, 0, 17), admin), r.id, 'close', await roundVersion(r.id));
  await stepRound(deps, demoAt(at(LAST_YEAR + 1, pub.publishedAt, 0, 10), admin), r.id, 'publish', await roundVersion(r.id));

  const open = DEMO_ROUNDS.open;
  r = await createRound(deps, demoAt(at(THIS_YEAR, open.createdAt, 0, 9), admin), { year: THIS_YEAR, title: open.title(THIS_YEAR) });
  r = await stepRound(deps, demoAt(at(THIS_YEAR, open.openedAt, 0, 9), admin), r.id, 'open', r.version);
  // Some deputies have scored, some projects only; never the demo account `deputy`.
  for (const [k, deputyId] of raters.filter((d) => d !== account.deputyId).slice(0, open.raters).entries()) {
    for (const [j, p] of current.entries()) {
      if ((k + j) % 3 === 2) continue;
      await scoreProject(deps, demoAt(at(THIS_YEAR, open.openedAt, k % 4, 14, j), principalOf(deputyId)), r.id, { projectId: p.id, scores: sheet(k + 3, j), comment: SCORE_COMMENTS[(k * 2 + j) % SCORE_COMMENTS.length] });
      sheets++;
    }
  }

  // The late milestone's notice to its department and the office, as the job would have sent it.
  const swept = await sweepOverdueMilestones(deps);
  demo.log(`已载入演示项目实施：项目 ${current.length + last.length} 个、节点 ${milestones} 个、进度报告 ${reports} 条、测评打分 ${sheets} 份、逾期提醒 ${swept.notified} 个 (demo project delivery and evaluation loaded)`);
}

/** Milestones planned in February, then the year's done dates and reports in date order (a done milestone before a report of the same day). */
async function deliver(deps: AppDeps, p: ProjectRow, profile: DemoProfile, year: number, shift: number, who: Principal): Promise<{ milestones: number; reports: number }> {
  const district = p.district_code;
  const department = who.roles.includes('department') ? (await orgLookups.department(deps.db, who.departmentId!, district))?.name ?? '责任单位' : '区人大常委会';
  const ids: string[] = [];
  for (const [k, m] of profile.milestones.entries()) {
    const d = await createMilestone(deps, demoAt(at(year, '02-20', 0, 9, k), who), p.id, { title: m.title, dueOn: day(at(year, m.due, shift)) });
    ids.push(d.milestones.find((x) => x.title === m.title)!.id);
  }
  type Step = { t: number; run: () => Promise<unknown> };
  const steps: Step[] = [];
  for (const [k, m] of profile.milestones.entries()) {
    if (!m.done) continue;
    const t = at(year, m.done, shift, 9);
    steps.push({
      t,
      run: async () => {
        const row = (await implementationRepository.milestone(deps.db, p.id, ids[k]!))!;
        return updateMilestone(deps, demoAt(t, who), p.id, row.id, { version: row.version, doneOn: day(t), evidence: m.evidence ?? '' });
      },
    });
  }
  for (const rep of profile.reports) {
    const t = at(year, rep.at, shift, 10);
    steps.push({
      t,
      run: async () => {
        const row = (await implementationRepository.get(deps.db, district, p.id))!;
        return reportProgress(deps, demoAt(t, who), p.id, { version: row.version, progress: rep.progress, note: rep.note.replaceAll('{t}', p.title).replaceAll('{d}', department) });
      },
    });
  }
  steps.sort((a, b) => a.t - b.t);
  for (const s of steps) await s.run();
  return { milestones: ids.length, reports: profile.reports.length };
}

/** Deputy `k`'s sheet for project `j`: a project's level with each deputy's own view, integers 55–100. */
function sheet(k: number, j: number): Record<string, number> {
  const base = [88, 84, 91, 79, 86, 82, 90, 77][j % 8]!;
  const v = (salt: number) => Math.max(55, Math.min(100, base + (((k * 7 + j * 3 + salt * 5) % 13) - 6)));
  return { completion: v(1), quality: v(2), budget: v(3), satisfaction: v(4) };
}
