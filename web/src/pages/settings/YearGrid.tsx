/** A year at a glance: twelve small months, holidays marked 休 in red, make-up working days 班 in blue. */
import { Tooltip } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDayOut } from '../../../../shared/cases.ts';
import { isEnglish } from '../../i18n/index.ts';
import { daysInMonth, isWeekend, weekdayIndex, ymd } from './calendar-dates.ts';

interface Props {
  year: number;
  /** The effective special day of each date. */
  days: Map<string, CalendarDayOut>;
  today: string;
  /** Admins click a day to enter or change it. */
  onPick?: (date: string) => void;
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export function YearGrid({ year, days, today, onPick }: Props) {
  return (
    <div className="cal-year">
      {MONTHS.map((m) => (
        <Month key={m} year={year} month={m} days={days} today={today} onPick={onPick} />
      ))}
    </div>
  );
}

function Month({ year, month, days, today, onPick }: Props & { month: number }) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const count = daysInMonth(year, month);
  const lead = weekdayIndex(ymd(year, month, 1));
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: count }, (_, i) => ymd(year, month, i + 1))];
  while (cells.length % 7) cells.push(null);
  const weekdays = t('settings.calendar.weekdaysShort').split(',');
  const monthName = en ? new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1))) : t('settings.calendar.monthName', { m: month });
  // the month's holidays by name (国庆节, 中秋节…), shown beside its title
  const names = [...new Set(cells.map((c) => (c ? days.get(c) : undefined)).filter((d) => d?.kind === 'holiday').map((d) => d?.name ?? ''))].filter(Boolean);

  return (
    <div className="cal-month">
      <div className="cal-month-head">
        <span className="cal-month-name">{monthName}</span>
        {names.length ? <span className="cal-month-names">{names.join(' · ')}</span> : null}
      </div>
      <div className="cal-grid" role="grid" aria-label={monthName}>
        {weekdays.map((w, i) => (
          <div key={`h${i}`} className={`cal-wd${i >= 5 ? ' cal-wd-weekend' : ''}`} role="columnheader">
            {w}
          </div>
        ))}
        {cells.map((date, i) => {
          if (!date) return <div key={`e${i}`} className="cal-cell cal-empty" />;
          const special = days.get(date);
          const cls = [
            'cal-cell',
            special?.kind === 'holiday' ? 'cal-holiday' : special?.kind === 'workday' ? 'cal-workday' : isWeekend(date) ? 'cal-weekend' : '',
            special?.source === 'office' ? 'cal-office' : '',
            date === today ? 'cal-today' : '',
            onPick ? 'cal-clickable' : '',
          ]
            .filter(Boolean)
            .join(' ');
          const day = Number(date.slice(8));
          const pick = onPick ? () => onPick(date) : undefined;
          const onKeyDown = pick
            ? (e: KeyboardEvent) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  pick();
                }
              }
            : undefined;
          const cell = (
            <div key={date} className={cls} onClick={pick} onKeyDown={onKeyDown} role="gridcell" tabIndex={pick ? 0 : undefined} aria-label={special ? `${date} ${special.name}` : date}>
              {day}
              {special ? <span className="cal-mark">{special.kind === 'holiday' ? t('settings.calendar.markHoliday') : t('settings.calendar.markWorkday')}</span> : null}
            </div>
          );
          if (!special) return cell;
          return (
            <Tooltip
              key={date}
              title={
                <>
                  <div>
                    {date} {special.name}
                  </div>
                  <div>
                    {t(`settings.calendar.kinds.${special.kind}`)} · {t(`settings.calendar.sources.${special.source}`)}
                  </div>
                </>
              }
            >
              {cell}
            </Tooltip>
          );
        })}
      </div>
    </div>
  );
}
