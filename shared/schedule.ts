/**
 * Reception scheduling vocabulary and wire types, shared by the server and the console
 * (docs/plans/stations-at-work.md).
 */

/**
 * month_days: days of the Gregorian month (1–31); lunar_days: days of the lunar month (1–30, any month
 * including leap months); weekdays: ISO weekdays (1 = Monday … 7 = Sunday); dates: the listed dates.
 */
export const RECURRENCE_KINDS = ['month_days', 'lunar_days', 'weekdays', 'dates'] as const;
export type RecurrenceKind = (typeof RECURRENCE_KINDS)[number];

export const RECURRENCE_KIND_LABELS: Record<RecurrenceKind, { zh: string; en: string }> = {
  month_days: { zh: '每月固定日（如逢十）', en: 'Days of the month' },
  lunar_days: { zh: '农历日（如赶集日逢一逢六）', en: 'Lunar days' },
  weekdays: { zh: '每周固定日', en: 'Days of the week' },
  dates: { zh: '指定日期', en: 'Single dates' },
};

/**
 * What a day that falls on a holiday (法定节假日, 调休 rest days, office holidays) becomes. Ordinary
 * weekends are not holidays: a market-day reception happens on whatever weekday the market falls.
 */
export const HOLIDAY_POLICIES = ['keep', 'skip', 'next_working_day'] as const;
export type HolidayPolicy = (typeof HOLIDAY_POLICIES)[number];

export const HOLIDAY_POLICY_LABELS: Record<HolidayPolicy, { zh: string; en: string }> = {
  keep: { zh: '节假日照常接待', en: 'Held on holidays too' },
  skip: { zh: '遇法定节假日取消', en: 'Skipped on statutory holidays' },
  next_working_day: { zh: '遇法定节假日顺延至下一个工作日', en: 'Moved to the next working day' },
};

export const ROTA_MODES = ['rotate', 'manual'] as const;
export type RotaMode = (typeof ROTA_MODES)[number];

export const ROTA_MODE_LABELS: Record<RotaMode, { zh: string; en: string }> = {
  rotate: { zh: '代表轮流值班', en: 'Deputies take turns' },
  manual: { zh: '逐日指定值班代表', en: 'Assigned day by day' },
};

export const RECEPTION_STATUSES = ['scheduled', 'cancelled'] as const;
export type ReceptionStatus = (typeof RECEPTION_STATUSES)[number];

export const DUTY_SOURCES = ['rota', 'manual', 'swap'] as const;
export type DutySource = (typeof DUTY_SOURCES)[number];

export const DUTY_SOURCE_LABELS: Record<DutySource, { zh: string; en: string }> = {
  rota: { zh: '轮值', en: 'Rota' },
  manual: { zh: '指定', en: 'Assigned' },
  swap: { zh: '调班', en: 'Swapped' },
};

export const SESSION_STATUSES = ['open', 'closed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const ISO_WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** 9:00 rather than 09:00, as notices print it; '' for no time. */
export const clockLabel = (hhmm: string | null | undefined): string => (hhmm ? hhmm.replace(/^0(\d)/, '$1') : '');

/** '周五' for a 'YYYY-MM-DD' date (the calendar date itself, whatever the reader's time zone). */
export function weekdayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return ISO_WEEKDAY_LABELS[w === 0 ? 7 : w]!;
}

/** A rule's fields as the console sends them. */
export interface ReceptionRuleBody {
  stationId: string;
  kind: RecurrenceKind;
  days?: number[];
  dates?: string[];
  startTime: string;
  endTime: string;
  holidayPolicy: HolidayPolicy;
  validFrom: string;
  validUntil: string;
  rotaMode: RotaMode;
  deputiesPerDay: number;
  deputyIds?: string[];
  place?: string;
  note?: string;
}

export interface ReceptionRuleOut {
  id: string;
  stationId: string;
  stationName: string;
  kind: RecurrenceKind;
  days: number[];
  dates: string[];
  startTime: string;
  endTime: string;
  holidayPolicy: HolidayPolicy;
  validFrom: string;
  validUntil: string;
  rotaMode: RotaMode;
  deputiesPerDay: number;
  deputies: Array<{ id: string; name: string }>;
  place: string;
  note: string;
  active: boolean;
  /** Human description: 每月 10、20、30 日 9:00–11:30. */
  summary: string;
  version: number;
  updatedAt: string;
  abilities: { update: boolean };
}

export interface ReceptionDeputyOut {
  id: string;
  name: string;
  source: DutySource;
}

export interface ReceptionOut {
  id: string;
  stationId: string;
  stationName: string;
  ruleId: string | null;
  date: string;
  plannedDate: string;
  moved: boolean;
  lunar: string;
  start: string;
  end: string;
  place: string;
  status: ReceptionStatus;
  cancelReason: string | null;
  deputies: ReceptionDeputyOut[];
  sessionId: string | null;
  version: number;
  abilities: { update: boolean; record: boolean };
}

export interface ReceptionBatchOut {
  id: string;
  seq: number;
  time: string;
  visitors: number;
  topic: string;
  note: string;
}

export interface ReceptionSessionOut {
  id: string;
  stationId: string;
  stationName: string;
  receptionId: string | null;
  date: string;
  start: string;
  end: string | null;
  status: SessionStatus;
  deputies: Array<{ id: string; name: string }>;
  batches: ReceptionBatchOut[];
  peopleReceived: number;
  summary: string;
  note: string;
  recordedBy: { id: string | null; name: string };
  closedAt: string | null;
  version: number;
  abilities: { update: boolean };
}

export interface PublicReceptionOut {
  date: string;
  start: string;
  end: string;
  place: string;
  lunar: string;
  deputies: Array<{ id: string; name: string; level: string }>;
}
