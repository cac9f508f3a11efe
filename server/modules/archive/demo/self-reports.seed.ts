import { principalForUser } from '../../../platform/auth/sessions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import { systemContext, type ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import type { DemoSeed } from '../../../platform/module.ts';
import { orgLookups } from '../../org/index.ts';
import { selfReportsRepository as repo } from '../self-reports/self-reports.repository.ts';
import { addAttachment, createSelfReport, reviewSelfReports, submitSelfReport } from '../self-reports/self-reports.service.ts';
import { DEMO_SELF_REPORTS, type DemoSelfReport } from './self-reports.data.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The demo's self-reports: the demo deputy's through the same service functions as the API (so
 * versions, history, audit entries, notifications and archive entries are real); other deputies'
 * were handed in on paper, so the system enters and submits them (audit actor: system), and
 * station staff or the office review them through the API's batch review.
 */
export async function seedSelfReportsDemo(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const key = (k: string) => {
    const v = demo.ids.get(k);
    if (!v) throw new Error(`demo id missing: ${k}`);
    return v;
  };
  const users = new Map<string, Principal>();
  for (const u of ['deputy', 'station', 'station2', 'admin']) users.set(u, (await principalForUser(deps.db, key(`user:${u}`)))!);
  const now = deps.clock.now().getTime();
  const at = (t: number, principal: Principal | null): ActionContext => ({ ...systemContext(new Date(t), 'demo-seed'), principal });
  const deputyAccount = users.get('deputy')!;
  const roster = async (station: string) => (await orgLookups.stationDeputies(deps.db, key(`station:${station}`))).filter((d) => d.id !== deputyAccount.deputyId);

  let n = 0;
  for (const d of [...DEMO_SELF_REPORTS].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const day = now - d.daysAgo * DAY;
    const date = shanghaiDate(new Date(day));
    // Written up that evening (18:00), submitted the next morning, reviewed two days later.
    let t = day + 10 * HOUR;
    let id: string;
    if (d.who === 'deputy') {
      const r = await createSelfReport(deps, at(t, deputyAccount), { kind: d.kind, title: d.title, date, description: d.description });
      id = r.id;
      if (d.attachment) await addAttachment(deps, at((t += 10 * 60_000), deputyAccount), id, { bytes: Buffer.from(d.attachment.text, 'utf8'), filename: d.attachment.filename });
      if (d.end !== 'draft') await submitSelfReport(deps, at((t += 12 * HOUR), deputyAccount), id, { version: r.version });
    } else {
      const list = await roster(d.who.station);
      const deputy = list[d.who.index % list.length]!;
      id = await enterFromPaper(deps, at(t, null), deputy.id, deputyAccount.districtCode, d, date, d.end !== 'draft');
    }
    if (d.end === 'approved' || d.end === 'returned') {
      await reviewSelfReports(deps, at(t + 2 * DAY, users.get(d.reviewer ?? 'admin')!), { ids: [id], decision: d.end === 'approved' ? 'approve' : 'return', reason: d.reason });
    }
    n++;
  }
  demo.log(`已载入演示补充履职材料 ${n} 份 (demo self-reports loaded)`);
}

/** A paper self-report entered by the system for a deputy without an account, then submitted. */
async function enterFromPaper(deps: AppDeps, ctx: ActionContext, deputyId: string, districtCode: string, d: DemoSelfReport, date: string, submit: boolean): Promise<string> {
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const at = ctx.now.toISOString();
    await repo.insert(trx, {
      id, district_code: districtCode, deputy_id: deputyId, kind: d.kind, title: d.title, occurred_on: date, description: d.description,
      status: submit ? 'submitted' : 'draft', return_reason: null, submitted_at: submit ? at : null, reviewed_by: null, reviewed_by_name: null, reviewed_at: null,
      created_by: 'system', version: submit ? 2 : 1, created_at: at, updated_at: at,
    });
    await repo.insertEvent(trx, { id: newId(), report_id: id, type: 'created', actor_id: null, actor_name: '系统（纸质材料录入）', at, note: '' });
    await recordChange(trx, ctx, { action: 'archive.self-report.create', entityType: 'archive_self_report', entityId: id, data: { kind: d.kind, date, paper: true } });
    if (submit) {
      await repo.insertEvent(trx, { id: newId(), report_id: id, type: 'submitted', actor_id: null, actor_name: '系统（纸质材料录入）', at, note: '' });
      await recordChange(trx, ctx, { action: 'archive.self-report.submit', entityType: 'archive_self_report', entityId: id, data: { from: 'draft', paper: true } });
    }
  });
  return id;
}
