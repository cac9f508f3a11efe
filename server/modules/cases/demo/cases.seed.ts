import type { Principal } from '../../../platform/auth/principal.ts';
import { principalForUser } from '../../../platform/auth/sessions.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { DemoSeed } from '../../../platform/module.ts';
import { systemContext } from '../../../platform/context.ts';
import { createCase } from '../commands/create-case.ts';
import { performAction, type ActionInput } from '../commands/perform-action.ts';
import { orgLookups } from '../../org/index.ts';
import { insertRoutingRule } from '../routing/routing-rules.service.ts';
import { DEMO_CASES, type DemoStep } from './cases.data.ts';
import { relaxSqliteSyncForDemo } from './seed-speed.ts';

/** The office's routing knowledge: each category to the unit that usually handles it, plus one local exception. */
const RULES: Array<{ category: string | null; region?: string; department: string; note: string }> = [
  { category: '市政设施', department: '城管', note: '路灯、道路、环卫设施' },
  { category: '城乡建设', department: '住建', note: '房屋、老旧小区改造、加装电梯' },
  { category: '城乡建设', region: '马家河街道', department: '城管', note: '马家河街道的市容和道路问题由城管局牵头' },
  { category: '物业管理', department: '住建', note: '' },
  { category: '环境保护', department: '生态', note: '' },
  { category: '教育文体', department: '教育', note: '' },
  { category: '卫生计生', department: '卫健', note: '' },
  { category: '劳动和社会保障', department: '人社', note: '' },
  { category: '民政', department: '民政', note: '' },
  { category: '交通运输', department: '交通', note: '' },
  { category: '商贸旅游', department: '市场', note: '' },
  { category: '农业农村', department: '农业', note: '' },
];

const DAY = 86_400_000;

export async function seedCasesDemo(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const now = deps.clock.now();
  const id = (key: string) => {
    const v = demo.ids.get(key);
    if (!v) throw new Error(`demo id missing: ${key}`);
    return v;
  };
  const admin = (await principalForUser(deps.db, id('user:admin')))!;
  const setupCtx: ActionContext = { ...systemContext(new Date(now.getTime() - 100 * DAY), 'demo-seed'), principal: admin };
  const stationRegion = async (key: string) => (await orgLookups.station(deps.db, id(`station:${key}`)))!.regionCode;
  const regions = new Map<string, string>();
  for (const r of RULES) if (r.region) regions.set(r.region, await stationRegion(r.region));
  await deps.db.transaction().execute(async (trx) => {
    for (const r of RULES) {
      await insertRoutingRule(trx, setupCtx, admin.districtCode, { category: r.category, regionCode: r.region ? regions.get(r.region)! : null, departmentId: id(`department:${r.department}`), note: r.note });
    }
  });

  const users = new Map<string, Principal>();
  for (const u of ['station', 'station2', 'admin', 'dept', 'dept2']) users.set(u, (await principalForUser(deps.db, id(`user:${u}`)))!);
  // Units without a demo account act through a stand-in handler, so every timeline is complete.
  const handlerFor = async (departmentId: string): Promise<Principal> => {
    for (const u of users.values()) if (u.departmentId === departmentId) return u;
    const d = (await orgLookups.department(deps.db, departmentId, admin.districtCode))!;
    return { ...admin, userId: `demo-handler:${departmentId}`, username: d.name, displayName: `${d.name}（经办人）`, roles: ['department'], departmentId, stationId: null, deputyId: null };
  };

  const restoreSync = await relaxSqliteSyncForDemo(deps);
  // Oldest first, so ids (time-sortable) follow the order the cases came in.
  for (const c of [...DEMO_CASES].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const stationId = id(`station:${c.station}`);
    // Collected at a reception record: on its day, mid-morning in Shanghai, linked to it (deputies present by default).
    const receptionId = c.atReception ? demo.ids.get(`reception-session:${c.station}:latest`) : undefined;
    const receptionDate = c.atReception ? demo.ids.get(`reception-session-date:${c.station}:latest`) : undefined;
    const createdAt = receptionDate ? Date.parse(`${receptionDate}T10:30:00+08:00`) : now.getTime() - c.daysAgo * DAY;
    const staff = users.get(c.station === '栗雨街道' ? 'station2' : 'station')!;
    const stationCanRecord = staff.stationId === stationId;
    const recorder = c.channel === 'online' ? null : stationCanRecord ? staff : admin;
    const ctxAt = (t: number, principal: Principal | null): ActionContext => ({ ...systemContext(new Date(t), 'demo-seed'), principal });
    const created = await createCase(deps, ctxAt(createdAt, recorder), {
      channel: c.channel, stationId, content: c.content, title: c.title, category: c.category, urgent: c.urgent, anonymous: c.anonymous, noPublish: c.noPublish,
      contact: c.contact, location: c.address ? { address: c.address } : undefined, deputyIds: c.deputies?.map((k) => id(`deputy:${k}`)), receptionId,
    });
    demo.ids.set(`case:${c.title}`, created.id);
    let version = 1;
    let departmentId: string | null = null;
    for (const step of c.steps) {
      let who: Principal;
      if (step.by === 'dept' || step.by === 'dept2' || step.by === 'other') who = await handlerFor(departmentId!);
      else who = step.by === 'admin' || !stationCanRecord ? admin : staff;
      const input = stepInput(step, id);
      if (step.action === 'assign') departmentId = input.departmentId!;
      const out = await performAction(deps, ctxAt(createdAt + step.at * DAY, who), created.id, step.action, { ...input, version });
      version = out.version;
    }
  }
  await restoreSync();
  demo.log(`已载入演示诉求 ${DEMO_CASES.length} 件 (demo cases loaded)`);
}

function stepInput(s: DemoStep, id: (k: string) => string): Omit<ActionInput, 'version'> {
  switch (s.action) {
    case 'assign':
      return { departmentId: id(`department:${s.department}`) };
    case 'reject':
      return { reason: s.reason };
    case 'resolve':
      return { reply: s.reply };
    case 'reply':
      return { content: s.content };
    case 'request-extension':
      return { workingDays: s.workingDays, reason: s.reason };
    case 'approve-extension':
      return { approve: s.approve };
    case 'feedback':
      return { content: s.content };
    case 'follow-up':
      return { rating: s.rating, note: s.note };
    case 'supervise':
    case 'close':
      return { note: s.note };
    case 'merge':
      return { intoCaseId: id(`case:${s.into}`) };
    default:
      return {};
  }
}
