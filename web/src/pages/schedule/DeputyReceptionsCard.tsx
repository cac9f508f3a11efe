/**
 * 接待记录 on a deputy's page: the receptions the deputy attended, newest first, with the people
 * received and the cases the deputy took in at each.
 */
import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ReceptionSessionOut } from '../../../../shared/schedule.ts';
import { casesApi } from '../../api/cases.ts';
import { CursorPager } from '../../components/CursorPager.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { isEnglish } from '../../i18n/index.ts';
import { dayTitle, hours, SessionStatusTag, shortStationName } from './schedule-shared.tsx';
import './schedule.css';

export function DeputyReceptionsCard({ deputyId }: { deputyId: string }) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const list = useCursorList<ReceptionSessionOut>('/reception-sessions', { deputyId }, 10);
  const ids = list.items.map((s) => s.id).join(',');
  // The cases this deputy took in at each reception on the page (a short list per record).
  const counts = useAsync(
    async (signal) => {
      const out = new Map<string, string>();
      await Promise.all(
        (ids ? ids.split(',') : []).map(async (receptionId) => {
          const page = await casesApi.list({ receptionId, deputyId, limit: 100 }, signal);
          out.set(receptionId, page.nextCursor ? `${page.items.length}+` : String(page.items.length));
        }),
      );
      return out;
    },
    [ids, deputyId],
  );
  const people = list.items.reduce((n, s) => n + s.peopleReceived, 0);

  const columns = useMemo<ColumnsType<ReceptionSessionOut>>(
    () => [
      {
        title: t('schedule.common.date'),
        key: 'date',
        width: 170,
        render: (_: unknown, s) => (
          <div className="cell-two-lines">
            <Link to={`/schedule/sessions/${s.id}`} className="cell-strong">
              {s.date}
            </Link>
            <Typography.Text type="secondary" className="cell-sub">
              {dayTitle(s.date, en).replace(/^\d+月\d+日 /, '')} · {hours(s.start, s.end)}
            </Typography.Text>
          </div>
        ),
      },
      { title: t('schedule.common.station'), dataIndex: 'stationName', ellipsis: true, render: (n: string) => <span title={n}>{shortStationName(n)}</span> },
      { title: t('schedule.sessions.people'), dataIndex: 'peopleReceived', width: en ? 130 : 90, align: 'right' },
      {
        title: t('schedule.deputyRecord.cases'),
        key: 'cases',
        width: en ? 120 : 100,
        align: 'right',
        render: (_: unknown, s) => {
          const n = counts.data?.get(s.id);
          return n === undefined ? (counts.loading ? '…' : '—') : n === '0' ? <Typography.Text type="secondary">0</Typography.Text> : <Tag color="red">{n}</Tag>;
        },
      },
      { title: t('common.status'), dataIndex: 'status', width: 90, render: (_: unknown, s) => <SessionStatusTag status={s.status} /> },
    ],
    [t, en, counts.data, counts.loading],
  );

  return (
    <Card
      variant="borderless"
      className="deputy-receptions"
      title={t('schedule.deputyRecord.title')}
      extra={<Link to={`/schedule/sessions?deputy=${deputyId}`}>{t('schedule.deputyRecord.all')}</Link>}
    >
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <>
          {list.items.length ? (
            <Typography.Paragraph type="secondary" className="cell-sub">
              {t(list.hasPrev || list.hasNext ? 'schedule.deputyRecord.pageSummary' : 'schedule.deputyRecord.summary', { count: list.items.length, people })}
            </Typography.Paragraph>
          ) : null}
          <Table<ReceptionSessionOut>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.items}
            loading={list.loading}
            pagination={false}
            scroll={{ x: 560 }}
            locale={{ emptyText: t('schedule.deputyRecord.empty') }}
          />
          {list.hasPrev || list.hasNext ? <CursorPager list={list} /> : null}
        </>
      )}
    </Card>
  );
}
