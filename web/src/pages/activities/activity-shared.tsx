/**
 * What the activity pages share: the tags (kind, status, discussion), the stations the user may pick
 * (with "district level" as a choice of its own), dates and times as people read them.
 */
import { Select, Tag } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS, THREAD_STATUS_LABELS, type ActivityKind, type ActivityStatus, type ThreadStatus,
} from '../../../../shared/activities.ts';
import { clockLabel } from '../../../../shared/schedule.ts';
import { fetchAll } from '../../api/client.ts';
import type { SessionUser, Station } from '../../api/types.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';

/** A Select cannot hold null: the district-level choice (the API's `stationId=district` in the list filter). */
export const DISTRICT = 'district';

const KIND_COLORS: Record<ActivityKind, string> = {
  inspection: 'volcano',
  research: 'orange',
  forum: 'gold',
  group_activity: 'red',
  training: 'geekblue',
  report_back: 'purple',
  legal_aid: 'blue',
  mediation: 'cyan',
  roundtable: 'green',
};

export function KindTag({ kind }: { kind: ActivityKind }) {
  const L = useLabel();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {L(ACTIVITY_KIND_LABELS, kind)}
    </Tag>
  );
}

const STATUS_COLORS: Record<ActivityStatus, string> = { planned: 'processing', held: 'success', cancelled: 'default' };

export function ActivityStatusTag({ status }: { status: ActivityStatus }) {
  const L = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(ACTIVITY_STATUS_LABELS, status)}
    </Tag>
  );
}

export function ThreadTag({ status }: { status: ThreadStatus }) {
  const { t } = useTranslation();
  const L = useLabel();
  return (
    <Tag color={status === 'open' ? 'green' : 'default'} variant="filled" style={{ marginInlineEnd: 0 }} title={L(THREAD_STATUS_LABELS, status)}>
      {status === 'open' ? t('activities.common.threadOpen') : t('activities.common.threadClosed')}
    </Tag>
  );
}

/** 9:00 rather than 09:00; '14:30–16:30'; '' without a start. */
const clock = clockLabel;
export const timeSpan = (start: string | null, end: string | null): string => (start ? (end ? `${clock(start)}–${clock(end)}` : clock(start)) : '');

/** Today in Beijing as YYYY-MM-DD (a held activity cannot lie in the future). */
export function todayInBeijing(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The office writes everywhere (and alone at district level); station staff at their station and its rooms. */
export function mayRecord(user: SessionUser): boolean {
  return user.roles.includes('admin') || (user.roles.includes('station') && !!user.stationId);
}

/** Stations in the user's scope, each followed by its rooms. */
export function useActivityStations() {
  const state = useAsync((signal) => fetchAll<Station>('/stations', { active: true }, 500, signal).then((r) => orderStations(r.items)), []);
  const stations = useMemo(() => state.data ?? [], [state.data]);
  return { ...state, stations };
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

/** The stations where this user may record an activity (the server decides; this only narrows the choice). */
export function writableStations(user: SessionUser, stations: Station[]): Station[] {
  if (user.roles.includes('admin')) return stations;
  if (!user.roles.includes('station') || !user.stationId) return [];
  return stations.filter((s) => s.id === user.stationId || s.parentId === user.stationId);
}

interface StationPickerProps {
  stations: Station[];
  value?: string;
  onChange?: (v: string | undefined) => void;
  loading?: boolean;
  /** Offer "district level" (DISTRICT). */
  district?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
  disabled?: boolean;
}

export function StationPicker({ stations, value, onChange, loading, district, allowClear, placeholder, id, style, disabled }: StationPickerProps) {
  const { t } = useTranslation();
  const options = [
    ...(district ? [{ value: DISTRICT, label: t('activities.common.districtLevel'), title: t('activities.common.districtLevel'), room: false }] : []),
    ...stations.map((s) => ({ value: s.id, label: s.name, title: s.name, room: !!s.parentId })),
  ];
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      options={options}
      loading={loading}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('activities.form.stationPlaceholder')}
      showSearch={{ filterOption: (input, o) => String(o?.title ?? '').includes(input.trim()) }}
      style={style}
      popupMatchSelectWidth={false}
      aria-label={t('activities.common.station')}
      optionRender={(o) => <span className={(o.data as { room?: boolean }).room ? 'act-room-option' : undefined}>{o.label}</span>}
    />
  );
}
