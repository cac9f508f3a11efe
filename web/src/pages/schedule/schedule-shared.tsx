/**
 * What the reception-scheduling pages share: the stations the user may pick (stations with their
 * rooms), the deputies serving at a station, who may keep a station's schedule, dates and months.
 */
import { Select, Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { clockLabel, DUTY_SOURCE_LABELS, type DutySource } from '../../../../shared/schedule.ts';
import { fetchAll } from '../../api/client.ts';
import type { Deputy, SessionUser, Station } from '../../api/types.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { daysInMonth, todayInBeijing, weekdayIndex, weekdayName, ymd } from '../settings/calendar-dates.ts';

export { daysInMonth, todayInBeijing, weekdayIndex, weekdayName, ymd };

/** The "all stations" choice of the district office's calendar (a Select cannot hold null). */
export const ALL_STATIONS = '__all__';

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM' of a date or of today in Beijing. */
export const monthOf = (date: string): string => date.slice(0, 7);

export const isMonth = (v: string | null | undefined): v is string => !!v && /^20\d{2}-(0[1-9]|1[0-2])$/.test(v);

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + by;
  return `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}`;
}

export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: ymd(y, m, 1), to: ymd(y, m, daysInMonth(y, m)) };
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** '11月10日 周二' / 'Tue 10 Nov'. */
export function dayTitle(date: string, en: boolean): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (en) return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(Date.UTC(y, m - 1, d)));
  return `${m}月${d}日 ${weekdayName(date, false)}`;
}

/** '2026年11月' / 'November 2026'. */
export function monthTitle(month: string, en: boolean): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (en) return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, 1)));
  return `${y}年${m}月`;
}

/** 9:00 rather than 09:00, as the notices print it. */
export const clock = clockLabel;

export const hours = (start: string, end: string | null | undefined): string => (end ? `${clock(start)}–${clock(end)}` : clock(start));

/** Now in Beijing as HH:MM (a batch's default time). */
export function nowInBeijing(): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
}

/** The short name a crowded calendar cell has room for: 马家河街道代表联系群众工作站 → 马家河街道. */
export function shortStationName(name: string): string {
  const short = name.replace(/(人大)?代表(联系群众)?(工作站|联络站|工作室)$/, '').replace(/(人大代表)?联络站$/, '');
  return short || name;
}

/** The office keeps every station's schedule; station staff their station and its rooms. */
export function canKeepSchedule(user: SessionUser, station: Pick<Station, 'id' | 'parentId'> | undefined): boolean {
  if (user.roles.includes('admin')) return true;
  if (!station || !user.stationId || !user.roles.includes('station')) return false;
  return station.id === user.stationId || station.parentId === user.stationId;
}

/** Reception records: those who keep the schedule and the station's liaison officers. */
export function canRecordSession(user: SessionUser, station: Pick<Station, 'id' | 'parentId'> | undefined): boolean {
  if (canKeepSchedule(user, station)) return true;
  if (!station || !user.stationId || !user.roles.includes('liaison')) return false;
  return station.id === user.stationId || station.parentId === user.stationId;
}

/** Stations in the user's scope, each station followed by its rooms. */
export function useScheduleStations() {
  const state = useAsync((signal) => fetchAll<Station>('/stations', { active: true }, 500, signal).then((r) => orderStations(r.items)), []);
  const stations = useMemo(() => state.data ?? [], [state.data]);
  const byId = useMemo(() => new Map(stations.map((s) => [s.id, s])), [stations]);
  return { ...state, stations, byId };
}

function orderStations(items: Station[]): Station[] {
  const tops = items.filter((s) => !s.parentId || !items.some((p) => p.id === s.parentId));
  const out: Station[] = [];
  for (const s of tops) {
    out.push(s);
    out.push(...items.filter((r) => r.parentId === s.id));
  }
  return out;
}

/** The station the pages open on: the one asked for, else the user's own, else the first. */
export function defaultStationId(user: SessionUser, stations: Station[], wanted: string | null | undefined, allowAll: boolean): string | undefined {
  if (wanted === ALL_STATIONS && allowAll) return ALL_STATIONS;
  if (wanted && stations.some((s) => s.id === wanted)) return wanted;
  if (allowAll) return ALL_STATIONS;
  if (user.stationId && stations.some((s) => s.id === user.stationId)) return user.stationId;
  return stations[0]?.id;
}

interface StationSelectProps {
  stations: Station[];
  /** Given by the page, or by the Form.Item the select sits in. */
  value?: string;
  onChange?: (id: string) => void;
  loading?: boolean;
  /** Offer "all stations" (the district office's overview). */
  allowAll?: boolean;
  /** Offer "any station" as a cleared value (list filters). */
  allowClear?: boolean;
  width?: number | string;
  id?: string;
  disabled?: boolean;
}

export function StationSelect({ stations, value, onChange, loading, allowAll, allowClear, width = 300, id, disabled }: StationSelectProps) {
  const { t } = useTranslation();
  const options = [
    ...(allowAll ? [{ value: ALL_STATIONS, label: t('schedule.common.allStations'), title: t('schedule.common.allStations') }] : []),
    ...stations.map((s) => ({ value: s.id, label: s.name, title: s.name, room: !!s.parentId })),
  ];
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? '')}
      options={options}
      loading={loading}
      disabled={disabled}
      allowClear={allowClear}
      placeholder={t('schedule.common.chooseStation')}
      showSearch={{ filterOption: (input, o) => String(o?.title ?? '').includes(input.trim()) }}
      style={{ width, maxWidth: '100%' }}
      aria-label={t('schedule.common.station')}
      popupMatchSelectWidth={false}
      optionRender={(o) => <span className={(o.data as { room?: boolean }).room ? 'sched-room-option' : undefined}>{o.label}</span>}
    />
  );
}

/**
 * The deputies serving at a station, in the station's order: those listed at it, or for a room
 * without its own deputies, the parent station's (as the server decides who may be on duty).
 */
export function useStationDeputies(stationId: string | undefined, byId: Map<string, Station>) {
  const station = stationId ? byId.get(stationId) : undefined;
  const parentId = station?.parentId ?? null;
  const state = useAsync(
    async (signal) => {
      if (!stationId || stationId === ALL_STATIONS) return { stationId, items: [] as Deputy[] };
      const own = await fetchAll<Deputy>('/deputies', { stationId, active: true }, 300, signal);
      if (own.items.length || !parentId) return { stationId, items: own.items };
      return { stationId, items: (await fetchAll<Deputy>('/deputies', { stationId: parentId, active: true }, 300, signal)).items };
    },
    [stationId, parentId],
  );
  // only the deputies of the station asked for now (the previous station's stay in `data` while loading)
  const current = state.data && state.data.stationId === stationId ? state.data.items : undefined;
  const deputies = useMemo(() => current ?? [], [current]);
  return { ...state, data: current, deputies };
}

const SOURCE_COLORS: Record<DutySource, string> = { rota: 'red', manual: 'blue', swap: 'purple' };

/** A deputy on duty, coloured by how they came to be (rota, assigned, swapped). */
export function DutyTag({ name, source, className }: { name: string; source: DutySource; className?: string }) {
  const L = useLabel();
  return (
    <Tooltip title={L(DUTY_SOURCE_LABELS, source)} mouseEnterDelay={0.4}>
      <Tag color={SOURCE_COLORS[source]} variant="outlined" className={`duty-tag ${className ?? ''}`}>
        {name}
      </Tag>
    </Tooltip>
  );
}

export const dutyColor = (source: DutySource): string => SOURCE_COLORS[source];

/** A session's status: 进行中 (open, still being filled in) or 已结束 (closed). */
export function SessionStatusTag({ status }: { status: 'open' | 'closed' }) {
  const { t } = useTranslation();
  return status === 'open' ? <Tag color="processing">{t('schedule.sessions.statusOpen')}</Tag> : <Tag color="success">{t('schedule.sessions.statusClosed')}</Tag>;
}
