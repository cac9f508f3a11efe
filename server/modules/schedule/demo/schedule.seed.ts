import { principalForUser } from '../../../platform/auth/sessions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { shanghaiDate, toDayNumber, fromDayNumber } from '../../../platform/calendar/dates.ts';
import { systemContext, type ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { DemoSeed } from '../../../platform/module.ts';
import { orgLookups } from '../../org/index.ts';
import { scheduleRepository } from '../schedule.repository.ts';
import { insertRule } from '../rules.service.ts';
import { addBatch, closeSession, openSession } from '../sessions.service.ts';
import { DEMO_RULES, DEMO_SUMMARIES, DEMO_TOPICS } from './schedule.data.ts';

/** Reception days in the last this many days get a record. */
const HISTORY_DAYS = 75;

/** A wall-clock time in Shanghai on a date, as an instant. */
function shanghaiAt(date: string, hour: number, minute = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour - 8, minute));
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The demo district's schedule: a rule per station (valid from five months ago for a year), the
 * rota it generated, and the records of the reception days of the last months — most with a
 * few batches of visitors, some honestly empty. The latest 马家河街道 record is left for the
 * cases seed, which links the cases collected there (`reception-session:马家河街道:latest`).
 */
export async function seedScheduleDemo(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const id = (key: string) => {
    const v = demo.ids.get(key);
    if (!v) throw new Error(`demo id missing: ${key}`);
    return v;
  };
  const admin = (await principalForUser(deps.db, id('user:admin')))!;
  const staff = new Map<string, Principal>();
  for (const u of ['station', 'station2']) {
    const p = (await principalForUser(deps.db, id(`user:${u}`)))!;
    if (p.stationId) staff.set(p.stationId, p);
  }
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 - 5, 1));
  const validFrom = first.toISOString().slice(0, 10);
  const validUntil = fromDayNumber(toDayNumber(validFrom) + 364);
  const setup: ActionContext = { ...systemContext(shanghaiAt(validFrom, 8), 'demo-seed'), principal: admin };

  let sessions = 0;
  for (const [i, rule] of DEMO_RULES.entries()) {
    const stationId = id(`station:${rule.station}`);
    const deputies = await orgLookups.stationDeputies(deps.db, stationId);
    await deps.db.transaction().execute((trx) =>
      insertRule(trx, setup, {
        stationId, kind: rule.kind, days: rule.days, startTime: rule.startTime, endTime: rule.endTime, holidayPolicy: rule.holidayPolicy,
        validFrom, validUntil, rotaMode: 'rotate', deputiesPerDay: Math.min(rule.deputiesPerDay, Math.max(1, deputies.length)), place: rule.place, note: rule.note,
      }),
    );
    const parentId = (await orgLookups.station(deps.db, stationId))?.parentId ?? null;
    const recorder = staff.get(stationId) ?? (parentId ? staff.get(parentId) : undefined) ?? admin;
    const scope = { districtCode: admin.districtCode, stationIds: [stationId] };
    const from = fromDayNumber(toDayNumber(today) - HISTORY_DAYS);
    const past = (await scheduleRepository.receptions(deps.db, scope, { stationId, from, to: fromDayNumber(toDayNumber(today) - 1), status: 'scheduled' }));
    const duties = await scheduleRepository.duties(deps.db, past.map((r) => r.id));
    const topics = DEMO_TOPICS[rule.station.includes('镇') ? 'town' : rule.station === '园区' || rule.station.includes('园区') ? 'park' : 'street'];
    let latest: { id: string; date: string } | null = null;
    for (const [k, r] of past.entries()) {
      const onDuty = duties.filter((d) => d.reception_id === r.id).map((d) => d.deputy_id);
      if (!onDuty.length) continue;
      const seed = (i * 31 + k * 17) % 97;
      const isLatest = k === past.length - 1;
      // Now and then one deputy on duty could not come (illness, a meeting): the record says who was there.
      const present = onDuty.length > 1 && seed % 9 === 0 ? onDuty.slice(0, 1) : onDuty;
      const start = Number(r.start_time.slice(0, 2)) * 60 + Number(r.start_time.slice(3));
      const ctxAt = (minutes: number): ActionContext => ({ ...systemContext(shanghaiAt(r.date, 0, minutes), 'demo-seed'), principal: recorder });
      let s = await openSession(deps.db, ctxAt(start), { stationId, receptionId: r.id, date: r.date, startTime: r.start_time, deputyIds: present });
      const batches = isLatest && rule.station === '马家河街道' ? 2 : seed % 7 === 0 ? 0 : 1 + (seed % 3);
      for (let b = 0; b < batches; b++) {
        const minutes = start + 15 + b * 35;
        s = await addBatch(deps.db, ctxAt(minutes), s.id, { version: s.version, time: hhmm(minutes), visitors: 1 + ((seed + b * 5) % 5), topic: topics[(seed + b) % topics.length]! });
      }
      const end = Number(r.end_time.slice(0, 2)) * 60 + Number(r.end_time.slice(3));
      s = await closeSession(deps.db, ctxAt(end), s.id, {
        version: s.version, endTime: r.end_time,
        summary: batches === 0 ? '本次接待日无群众来访，值班代表在站内查阅了近期群众来信并研究了待办事项。' : DEMO_SUMMARIES[seed % DEMO_SUMMARIES.length]!,
      });
      sessions++;
      if (batches >= 2) latest = { id: s.id, date: r.date };
    }
    if (latest) {
      demo.ids.set(`reception-session:${rule.station}:latest`, latest.id);
      demo.ids.set(`reception-session-date:${rule.station}:latest`, latest.date);
    }
  }
  demo.log(`已载入演示接待规则 ${DEMO_RULES.length} 条、接待记录 ${sessions} 次 (demo reception schedule loaded)`);
}
