import { clockLabel, ISO_WEEKDAY_LABELS, type DutySource, type HolidayPolicy, type ReceptionOut, type ReceptionRuleOut, type ReceptionSessionOut, type RecurrenceKind, type RotaMode } from '../../../shared/schedule.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { lunarDayName, lunarLabel } from '../../platform/calendar/lunar.ts';
import { mayKeepSchedule, mayRecordSession } from './schedule.policy.ts';
import type { BatchRow, ReceptionListRow, RuleListRow, SessionListRow } from './schedule.repository.ts';

/** '每月 10、20、30 日 9:00–11:30', '农历每月初一、初六… 8:30–11:30', '每周二、周四 …'. */
export function ruleSummary(r: { kind: RecurrenceKind; days: number[]; dates: string[]; startTime: string; endTime: string }): string {
  const hours = `${clockLabel(r.startTime)}–${clockLabel(r.endTime)}`;
  switch (r.kind) {
    case 'month_days':
      return `每月 ${r.days.join('、')} 日 ${hours}`;
    case 'lunar_days':
      return `农历每月${r.days.map((d) => lunarDayName(d)).join('、')} ${hours}`;
    case 'weekdays':
      return `每${r.days.map((d) => ISO_WEEKDAY_LABELS[d]).join('、')} ${hours}`;
    case 'dates':
      return `${r.dates.slice(0, 3).join('、')}${r.dates.length > 3 ? ` 等 ${r.dates.length} 天` : ''} ${hours}`;
  }
}

export function presentRule(p: Principal, r: RuleListRow, names: Map<string, { name: string }>): ReceptionRuleOut {
  const days = JSON.parse(r.days) as number[];
  const dates = JSON.parse(r.dates) as string[];
  const kind = r.kind as RecurrenceKind;
  const pool = JSON.parse(r.pool) as string[];
  return {
    id: r.id, stationId: r.station_id, stationName: r.station_name, kind, days, dates,
    startTime: r.start_time, endTime: r.end_time, holidayPolicy: r.holiday_policy as HolidayPolicy,
    validFrom: r.valid_from, validUntil: r.valid_until, rotaMode: r.rota_mode as RotaMode, deputiesPerDay: r.deputies_per_day,
    deputies: pool.map((id) => ({ id, name: names.get(id)?.name ?? '' })),
    place: r.place, note: r.note, active: r.active === 1,
    summary: ruleSummary({ kind, days, dates, startTime: r.start_time, endTime: r.end_time }),
    version: r.version, updatedAt: r.updated_at,
    abilities: { update: mayKeepSchedule(p, { id: r.station_id, parentId: r.station_parent_id }) },
  };
}

export type DutyOut = { deputy_id: string; name: string; source: string };

export function presentReception(p: Principal, r: ReceptionListRow, duties: readonly DutyOut[], today: string): ReceptionOut {
  const station = { id: r.station_id, parentId: r.station_parent_id };
  return {
    id: r.id, stationId: r.station_id, stationName: r.station_name, ruleId: r.rule_id,
    date: r.date, plannedDate: r.planned_date, moved: r.date !== r.planned_date, lunar: lunarLabel(r.date),
    start: r.start_time, end: r.end_time, place: r.place, status: r.status as ReceptionOut['status'], cancelReason: r.cancel_reason,
    deputies: duties.map((d) => ({ id: d.deputy_id, name: d.name, source: d.source as DutySource })),
    sessionId: r.session_id, version: r.version,
    abilities: {
      update: r.date >= today && r.status === 'scheduled' && mayKeepSchedule(p, station),
      record: r.date <= today && r.status === 'scheduled' && r.session_id === null && mayRecordSession(p, station),
    },
  };
}

export function presentSession(p: Principal, s: SessionListRow, deputies: Array<{ deputy_id: string; name: string }>, batches: BatchRow[]): ReceptionSessionOut {
  return {
    id: s.id, stationId: s.station_id, stationName: s.station_name, receptionId: s.reception_id, date: s.date,
    start: s.start_time, end: s.end_time, status: s.status as ReceptionSessionOut['status'],
    deputies: deputies.map((d) => ({ id: d.deputy_id, name: d.name })),
    batches: batches.map((b) => ({ id: b.id, seq: b.seq, time: b.time, visitors: b.visitors, topic: b.topic, note: b.note })),
    peopleReceived: s.people_received, summary: s.summary, note: s.note,
    recordedBy: { id: s.recorded_by, name: s.recorded_by_name }, closedAt: s.closed_at, version: s.version,
    abilities: { update: s.status === 'open' && mayRecordSession(p, { id: s.station_id, parentId: s.station_parent_id }) },
  };
}
