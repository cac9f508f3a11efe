import { SLA_STAGE_LABELS, SUPERVISION_LEVEL_LABELS, type SlaStage } from '../../../../shared/cases.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import { systemContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import { casesRepository, type CaseRow } from '../cases.repository.ts';
import { notifyStaff } from '../case-notices.ts';
import { orgLookups } from '../../org/index.ts';
import { loadWorkingCalendar } from '../../../platform/calendar/office-days.ts';
import { escalationLevel, mustReachBy } from '../sla.ts';

/**
 * 督办: marks cases whose time limit has passed, raises their supervision level as they stay
 * late (1 on the first day, 2 after two working days, 3 after five) and tells the people who
 * must act. Idempotent: a case is touched only when its level for the current due date rises,
 * so running it every minute, or from two processes, notifies once per level (the version
 * check makes the second writer skip).
 */
export async function sweepOverdue(deps: AppDeps, opts: { batch?: number } = {}): Promise<{ escalated: number }> {
  const { db } = deps;
  const now = deps.clock.now();
  const ctx = systemContext(now, 'job:sla-sweep');
  // Cases that just ran out come first: their first notice must not wait behind marked cases that
  // stay at their level for days. Then, district by district, only marked cases whose next level
  // has come. (The case list's overdue page reads marked cases off their own index too,
  // cases.repository.ts `pageIds`.)
  const batch = opts.batch ?? 500;
  const rows: CaseRow[] = [];
  const calendars = new Map<string, Awaited<ReturnType<typeof loadWorkingCalendar>>>();
  const calendarOf = async (district: string) => calendars.get(district) ?? calendars.set(district, await loadWorkingCalendar(db, district)).get(district)!;
  const districts = await orgLookups.districts(db);
  for (const district of districts) {
    if (rows.length < batch) rows.push(...(await casesRepository.newlyOverdue(db, district, now.toISOString(), batch - rows.length)));
  }
  for (const district of districts) {
    for (const next of [2, 3] as const) {
      if (rows.length >= batch) break;
      const dueBy = mustReachBy(await calendarOf(district), shanghaiDate(now), next).toISOString();
      rows.push(...(await casesRepository.dueToRise(db, district, next === 2 ? 1 : 2, dueBy, batch - rows.length)));
    }
  }
  let escalated = 0;
  for (const c of rows) {
    if (!c.due_at || c.overdue_level >= 3) continue;
    const cal = await calendarOf(c.district_code);
    const late = cal.workingDaysBetween(shanghaiDate(new Date(c.due_at)), shanghaiDate(now));
    const level = escalationLevel(late);
    if (level <= c.overdue_level) continue;
    const stage = (c.due_stage ?? 'handle') as SlaStage;
    const done = await db.transaction().execute(async (trx) => {
      const ok = await casesRepository.update(trx, c.id, c.version, { overdue_level: level, supervision_level: Math.max(c.supervision_level, level), updated_at: now.toISOString() });
      if (!ok) return false;
      await casesRepository.insertEvent(trx, {
        id: newId(), case_id: c.id, at: now.toISOString(), type: 'overdue', actor_id: null, actor_name: '系统', actor_role: 'system',
        from_status: c.status, to_status: c.status, note: null, note_public: 0, internal_note: `${SLA_STAGE_LABELS[stage].zh}已过（逾期 ${late} 个工作日），${SUPERVISION_LEVEL_LABELS[level]!.zh}`,
        data: JSON.stringify({ level, stage, dueAt: c.due_at, workingDaysLate: late }), public: 0,
      });
      const subject = `超期${SUPERVISION_LEVEL_LABELS[level]!.zh}`;
      const body = `${SLA_STAGE_LABELS[stage].zh}已过，逾期 ${late} 个工作日。`;
      if (stage === 'handle' && c.department_id) await notifyStaff(trx, { departmentId: c.department_id }, c, subject, body, now);
      await notifyStaff(trx, { stationId: c.station_id }, c, subject, body, now);
      if (level >= 2) await notifyStaff(trx, { districtAdmins: c.district_code }, c, subject, body, now);
      await recordChange(trx, ctx, { action: 'case.overdue', entityType: 'case', entityId: c.id, data: { level, stage, workingDaysLate: late } });
      return true;
    });
    if (done) escalated++;
  }
  return { escalated };
}
