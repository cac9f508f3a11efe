import type { Principal } from '../../../platform/auth/principal.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { DemoSeed } from '../../../platform/module.ts';
import { orgLookups } from '../../org/index.ts';
import { solicitationRepository } from '../solicitation/solicitation.repository.ts';
import { closeCall, createCall, createProposal, linkProposalCases, mergeProposal, proposeFromPublicWith, screenProposal } from '../solicitation/solicitation.service.ts';
import { demoAt, demoDeputyPrincipal, demoId, demoUsers } from './demo-actors.ts';
import { DEMO_CALL, DEMO_OPEN_PROPOSALS, DEMO_PROPOSALS, demoOpenCall, type DemoProposal } from './solicitation.data.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The 2027 call and its proposals, replayed through the service functions at the times the data
 * gives: proposals during the call (public ones through the public intake, with the proposer's
 * name and phone encrypted), the close, the cases linked, the screening and the merges. Then the
 * call open at the demo's "now" (dates relative to the clock) with its first proposals, not yet
 * screened: from the public, a deputy with the cases behind it, station staff.
 * Sets `proposal:<key>`, `project-call:2027`, `project-call:open` and `open-proposal:<key>` in the demo ids.
 */
export async function seedSolicitationDemo(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const users = await demoUsers(deps, demo, ['admin', 'station', 'station2', 'dept', 'dept2', 'deputy']);
  const admin = users.get('admin')!;
  const district = admin.districtCode;

  /** A county deputy serving at the station other than the demo account's own deputy. */
  const deputyAt = async (stationKey: string): Promise<Principal> => {
    const list = (await orgLookups.stationDeputies(deps.db, demoId(demo, `station:${stationKey}`))).filter((d) => d.level === 'county' && d.id !== users.get('deputy')!.deputyId);
    const d = list[0];
    if (!d) throw new Error(`demo: no county deputy at ${stationKey}`);
    return demoDeputyPrincipal(d.id, d.name, district);
  };
  const proposerOf = async (p: Pick<DemoProposal, 'by'>): Promise<Principal | null> => {
    if (p.by.kind === 'public') return null;
    if (p.by.kind === 'staff') return users.get(p.by.user)!;
    return p.by.account ? users.get('deputy')! : deputyAt(p.by.station!);
  };

  const call = await createCall(deps, demoAt('2026-08-25T02:00:00.000Z', admin), { ...DEMO_CALL });
  demo.ids.set('project-call:2027', call.id);

  const ids = new Map<string, string>();
  const byKey = new Map<string, { p: DemoProposal; who: Principal | null }>();
  const ordered = [...DEMO_PROPOSALS].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  for (const [i, p] of ordered.entries()) {
    const who = await proposerOf(p);
    const t = new Date(`${p.on}T02:00:00.000Z`).getTime() + i * 7 * MINUTE;
    let pid: string;
    if (who === null) {
      const by = p.by as Extract<DemoProposal['by'], { kind: 'public' }>;
      pid = (await proposeFromPublicWith(deps, demoAt(t, null), district, call.id, {
        title: p.title, description: p.description, location: p.location, name: by.name, phone: by.phone,
      }, `demo-proposal-${p.key}`)).id;
    } else {
      pid = (await createProposal(deps, demoAt(t, who), call.id, { title: p.title, description: p.description, location: p.location, category: p.category })).id;
    }
    ids.set(p.key, pid);
    byKey.set(p.key, { p, who });
    demo.ids.set(`proposal:${p.key}`, pid);
  }

  const version = async (pid: string) => (await solicitationRepository.getProposal(deps.db, district, pid))!.version;
  await closeCall(deps, demoAt('2026-11-01T01:00:00.000Z', admin), call.id, call.version);

  // The cases behind the proposals, linked by the deputy who proposed or by the office.
  let t = new Date('2026-11-05T02:00:00.000Z').getTime();
  for (const { p, who } of byKey.values()) {
    if (!p.cases?.length) continue;
    const linker = who && who.deputyId ? who : admin;
    const caseIds = p.cases.map((title) => demoId(demo, `case:${title}`));
    await linkProposalCases(deps, demoAt((t += 5 * MINUTE), linker), ids.get(p.key)!, { version: await version(ids.get(p.key)!), caseIds });
  }

  // Screening by the office, then the duplicates merged into the proposals they repeat.
  t = new Date('2026-11-06T01:30:00.000Z').getTime();
  for (const { p } of byKey.values()) {
    if (!p.screening) continue;
    const s = p.screening;
    await screenProposal(deps, demoAt((t += 6 * MINUTE), admin), ids.get(p.key)!, {
      version: await version(ids.get(p.key)!), decision: s.decision, necessity: s.necessity, feasibility: s.feasibility, costWan: s.costWan,
      departmentId: s.department ? demoId(demo, `department:${s.department}`) : undefined, note: s.note,
    });
  }
  for (const { p } of byKey.values()) {
    if (!p.mergeInto) continue;
    await mergeProposal(deps, demoAt((t += 6 * MINUTE), admin), ids.get(p.key)!, { version: await version(ids.get(p.key)!), intoId: ids.get(p.mergeInto)! });
  }

  // The call open now: opened by the office two days before its first day, proposals since.
  const now = deps.clock.now().getTime();
  const o = demoOpenCall(new Date(now));
  const open = await createCall(deps, demoAt(Date.parse(`${o.opensOn}T10:00:00+08:00`) - 2 * DAY, admin), o);
  demo.ids.set('project-call:open', open.id);
  for (const p of [...DEMO_OPEN_PROPOSALS].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const who = await proposerOf(p);
    const at = demoAt(Date.parse(`${shanghaiDate(new Date(now - p.daysAgo * DAY))}T${p.at}:00+08:00`), who);
    let pid: string;
    if (who === null) {
      const by = p.by as Extract<DemoProposal['by'], { kind: 'public' }>;
      pid = (await proposeFromPublicWith(deps, at, district, open.id, {
        title: p.title, description: p.description, location: p.location, name: by.name, phone: by.phone,
      }, `demo-open-proposal-${p.key}`)).id;
    } else {
      // A deputy links the cases behind the proposal as they propose it (as from a hot issue).
      const caseIds = p.cases?.map((title) => demoId(demo, `case:${title}`));
      pid = (await createProposal(deps, at, open.id, { title: p.title, description: p.description, location: p.location, category: p.category, caseIds })).id;
    }
    demo.ids.set(`open-proposal:${p.key}`, pid);
  }
  demo.log(`已载入演示民生实事项目征集 2 次（其中 1 次正在征集）、建议项目 ${DEMO_PROPOSALS.length + DEMO_OPEN_PROPOSALS.length} 件 (demo project calls and proposals loaded)`);
}
