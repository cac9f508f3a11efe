/** The month as a list of reception days: what a narrow window (a phone) shows instead of the grid. */
import { CheckCircleFilled, RightOutlined, StopOutlined, SwapRightOutlined } from '@ant-design/icons';
import { Empty, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReceptionOut } from '../../../../shared/schedule.ts';
import { isEnglish } from '../../i18n/index.ts';
import { DutyTag, dayTitle, hours, shortStationName } from './schedule-shared.tsx';

interface Props {
  receptions: ReceptionOut[];
  today: string;
  district: boolean;
  onOpenDay: (date: string) => void;
}

export function AgendaList({ receptions, today, district, onOpenDay }: Props) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  if (!receptions.length) return <Empty description={t('schedule.calendar.emptyMonth')} />;
  const dates = [...new Set(receptions.map((r) => r.date))];
  return (
    <div className="sched-agenda">
      {dates.map((date) => {
        const day = receptions.filter((r) => r.date === date);
        return (
          <button type="button" key={date} className={`sched-agenda-day${date === today ? ' sched-today' : ''}${date < today ? ' sched-past' : ''}`} onClick={() => onOpenDay(date)}>
            <div className="sched-agenda-date">
              <span className="sched-agenda-title">{dayTitle(date, en)}</span>
              <span className="sched-lunar">{day[0]!.lunar}</span>
              <RightOutlined className="sched-agenda-arrow" />
            </div>
            {day.map((r) => (
              <div key={r.id} className={`sched-agenda-rec${r.status === 'cancelled' ? ' sched-cancelled' : ''}`}>
                <span className="sched-agenda-time">{hours(r.start, r.end)}</span>
                {district ? <span className="sched-agenda-station">{shortStationName(r.stationName)}</span> : null}
                {r.moved ? (
                  <Tag color="gold" icon={<SwapRightOutlined />}>
                    {t('schedule.common.moved')}
                  </Tag>
                ) : null}
                {r.status === 'cancelled' ? <Tag icon={<StopOutlined />}>{t('schedule.common.cancelled')}</Tag> : null}
                {r.sessionId ? <CheckCircleFilled className="sched-recorded" aria-label={t('schedule.calendar.recorded')} /> : null}
                <span className="sched-agenda-duties">
                  {r.deputies.length ? r.deputies.map((d) => <DutyTag key={d.id} name={d.name} source={d.source} />) : <span className="sched-none">{t('schedule.common.noDeputies')}</span>}
                </span>
              </div>
            ))}
          </button>
        );
      })}
    </div>
  );
}
