/**
 * A month of reception days, Monday first: each day shows its holiday mark, and each reception its
 * hours, lunar date, deputies on duty and whether it was moved, cancelled or recorded. In a station's
 * view the deputies can be dragged between days (a swap) and from the station's list onto a day (an
 * addition); in the district view each day lists its stations.
 */
import { CheckCircleFilled, EditOutlined, StopOutlined, SwapRightOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { DragEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceptionOut } from '../../../../shared/schedule.ts';
import { daysInMonth, hours, shortStationName, weekdayIndex, ymd } from './schedule-shared.tsx';

/** What is being dragged: a deputy on a day's duty, or a deputy from the station's list. */
export type DragItem = { kind: 'duty'; receptionId: string; deputyId: string; name: string } | { kind: 'deputy'; deputyId: string; name: string };

export interface HolidayMark {
  kind: 'holiday' | 'workday';
  name: string;
}

interface Props {
  month: string;
  today: string;
  receptions: ReceptionOut[];
  holidays: Map<string, HolidayMark>;
  /** Every station's days (the district office's overview): names, not deputies. */
  district: boolean;
  drag: DragItem | null;
  onDragStart: (item: DragItem) => void;
  onDragEnd: () => void;
  /** A deputy dropped on a day (onto one of its deputies: `deputyId`, to trade with them). */
  onDrop: (reception: ReceptionOut, deputyId?: string) => void;
  onOpenDay: (date: string) => void;
}

const DRAG_TYPE = 'application/x-lianxin-deputy';

/** May the dragged deputy land on this reception day? */
export function acceptsDrop(drag: DragItem | null, r: ReceptionOut): boolean {
  if (!drag || !r.abilities.update) return false;
  if (drag.kind === 'duty' && drag.receptionId === r.id) return false;
  return true;
}

export function MonthGrid({ month, today, receptions, holidays, district, drag, onDragStart, onDragEnd, onDrop, onOpenDay }: Props) {
  const { t } = useTranslation();
  const [y, m] = month.split('-').map(Number) as [number, number];
  const count = daysInMonth(y, m);
  const lead = weekdayIndex(ymd(y, m, 1));
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: count }, (_, i) => ymd(y, m, i + 1))];
  while (cells.length % 7) cells.push(null);
  const byDate = new Map<string, ReceptionOut[]>();
  for (const r of receptions) (byDate.get(r.date) ?? byDate.set(r.date, []).get(r.date)!).push(r);
  const weekdays = t('schedule.calendar.weekdays').split(',');

  return (
    <div className="sched-month" aria-label={month}>
      {weekdays.map((w, i) => (
        <div key={`h${i}`} className={`sched-wd${i >= 5 ? ' sched-wd-weekend' : ''}`} aria-hidden>
          {w}
        </div>
      ))}
      {cells.map((date, i) => {
        if (!date) return <div key={`e${i}`} className="sched-cell sched-cell-empty" aria-hidden />;
        const day = byDate.get(date) ?? [];
        const holiday = holidays.get(date);
        const past = date < today;
        const droppable = !district && day.some((r) => acceptsDrop(drag, r));
        const open = () => onOpenDay(date);
        const cls = ['sched-cell', date === today ? 'sched-today' : '', past ? 'sched-past' : '', day.length ? 'sched-has' : '', droppable ? 'sched-droppable' : '', i % 7 >= 5 ? 'sched-weekend' : '']
          .filter(Boolean)
          .join(' ');
        return (
          <div
            key={date}
            className={cls}
            role="button"
            tabIndex={0}
            data-date={date}
            aria-label={`${date} ${weekdays[i % 7] ?? ''}${day.length ? ` · ${day.map((r) => (district ? shortStationName(r.stationName) : r.deputies.map((d) => d.name).join('、'))).join('；')}` : ''}`}
            onClick={open}
            onKeyDown={(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                open();
              }
            }}
            onDragOver={(e: DragEvent) => {
              if (droppable) {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
              }
            }}
            onDrop={(e: DragEvent) => {
              const target = day.find((r) => acceptsDrop(drag, r));
              if (!droppable || !target) return;
              e.preventDefault();
              onDrop(target);
            }}
          >
            <div className="sched-day-head">
              <span className="sched-day-num">{Number(date.slice(8))}</span>
              {holiday ? (
                <Tooltip title={holiday.name}>
                  <span className={holiday.kind === 'holiday' ? 'sched-hol' : 'sched-work'}>{holiday.kind === 'holiday' ? t('schedule.calendar.holidayMark') : t('schedule.calendar.workdayMark')}</span>
                </Tooltip>
              ) : null}
              {day.length === 1 && !district ? <span className="sched-lunar">{day[0]!.lunar}</span> : null}
            </div>
            {district ? (
              <DistrictDay day={day} />
            ) : (
              day.map((r) => (
                <ReceptionBlock key={r.id} r={r} showLunar={day.length > 1} drag={drag} onDragStart={onDragStart} onDragEnd={onDragEnd} onDrop={onDrop} />
              ))
            )}
          </div>
        );
      })}
    </div>
  );
}

function DistrictDay({ day }: { day: ReceptionOut[] }) {
  const { t } = useTranslation();
  const shown = day.slice(0, 4);
  return (
    <div className="sched-district">
      {shown.map((r) => (
        <div key={r.id} className={`sched-district-row${r.status === 'cancelled' ? ' sched-cancelled' : ''}`} title={`${r.stationName} ${hours(r.start, r.end)}`}>
          <span className="sched-dot" />
          <span className="sched-district-time">{hours(r.start, null)}</span>
          <span className="sched-district-name">{shortStationName(r.stationName)}</span>
        </div>
      ))}
      {day.length > shown.length ? <div className="sched-more">{t('schedule.calendar.more', { count: day.length - shown.length })}</div> : null}
    </div>
  );
}

interface BlockProps {
  r: ReceptionOut;
  showLunar: boolean;
  drag: DragItem | null;
  onDragStart: (item: DragItem) => void;
  onDragEnd: () => void;
  onDrop: (reception: ReceptionOut, deputyId?: string) => void;
}

function ReceptionBlock({ r, showLunar, drag, onDragStart, onDragEnd, onDrop }: BlockProps) {
  const { t } = useTranslation();
  const cancelled = r.status === 'cancelled';
  return (
    <div className={`sched-rec${cancelled ? ' sched-cancelled' : ''}`} data-reception={r.id}>
      <div className="sched-rec-time">
        <span className="sched-rec-hours">{hours(r.start, r.end)}</span>
        <span className="sched-marks">
          {r.moved ? (
            <Tooltip title={t('schedule.common.movedFrom', { date: r.plannedDate })}>
              <Tag color="gold" className="sched-mark" icon={<SwapRightOutlined />}>
                {t('schedule.common.moved')}
              </Tag>
            </Tooltip>
          ) : null}
          {cancelled ? (
            <Tooltip title={r.cancelReason ? t('schedule.common.cancelReason', { reason: r.cancelReason }) : undefined}>
              <Tag color="default" className="sched-mark" icon={<StopOutlined />}>
                {t('schedule.common.cancelled')}
              </Tag>
            </Tooltip>
          ) : null}
          {r.sessionId ? (
            <Tooltip title={t('schedule.calendar.recorded')}>
              <CheckCircleFilled className="sched-recorded" aria-label={t('schedule.calendar.recorded')} />
            </Tooltip>
          ) : r.abilities.record ? (
            <Tooltip title={t('schedule.calendar.recordable')}>
              <EditOutlined className="sched-recordable" aria-label={t('schedule.calendar.recordable')} />
            </Tooltip>
          ) : null}
        </span>
      </div>
      {showLunar ? <div className="sched-lunar">{r.lunar}</div> : null}
      <div className="sched-duties">
        {r.deputies.length === 0 && !cancelled ? <span className="sched-none">{t('schedule.common.noDeputies')}</span> : null}
        {r.deputies.map((d) => {
          const draggable = r.abilities.update;
          const target = acceptsDrop(drag, r) && drag?.kind === 'duty' && drag.deputyId !== d.id;
          return (
            <span
              key={d.id}
              className={`sched-duty sched-duty-${d.source}${draggable ? ' sched-draggable' : ''}${target ? ' sched-duty-target' : ''}`}
              draggable={draggable}
              data-deputy={d.id}
              title={draggable ? t('schedule.calendar.dragHint') : undefined}
              onDragStart={(e: DragEvent) => {
                e.stopPropagation();
                e.dataTransfer.setData(DRAG_TYPE, d.id);
                e.dataTransfer.effectAllowed = 'move';
                onDragStart({ kind: 'duty', receptionId: r.id, deputyId: d.id, name: d.name });
              }}
              onDragEnd={onDragEnd}
              onDragOver={(e: DragEvent) => {
                if (target) {
                  e.preventDefault();
                  e.stopPropagation();
                }
              }}
              onDrop={(e: DragEvent) => {
                if (!target) return;
                e.preventDefault();
                e.stopPropagation();
                onDrop(r, d.id);
              }}
            >
              {d.name}
            </span>
          );
        })}
      </div>
    </div>
  );
}

/** Sets the drag payload of a deputy dragged from the station's list. */
export function startDeputyDrag(e: DragEvent, deputyId: string): void {
  e.dataTransfer.setData(DRAG_TYPE, deputyId);
  e.dataTransfer.effectAllowed = 'copyMove';
}
