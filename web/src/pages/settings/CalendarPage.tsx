/** 节假日与调休: the year's holidays and make-up working days that time limits count with, and a due-date calculator. */
import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Popconfirm, Row, Segmented, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDayOut } from '../../../../shared/cases.ts';
import { calendarApi, slaDefaultsApi } from '../../api/settings.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { isEnglish } from '../../i18n/index.ts';
import { errorText } from '../../utils/errors.ts';
import { CalendarDayForm, type DayDialogTarget } from './CalendarDayForm.tsx';
import { daysInMonth, effectiveDays, isWorkingDay, todayInBeijing, weekdayName, ymd } from './calendar-dates.ts';
import { DueCalculator } from './DueCalculator.tsx';
import { YearGrid } from './YearGrid.tsx';
import './settings.css';
// Date pickers (day dialog, calculator) name months and weekdays in Chinese only with this locale loaded.
import 'dayjs/locale/zh-cn';

type View = 'grid' | 'list';

/** A list row: the days are grouped by name (国庆节: its holidays and make-up days), as the State Council's notice reads. */
interface DayRow extends CalendarDayOut {
  /** Rows the name cell spans (0 below the group's first row). */
  span: number;
  holidays: number;
  workdays: number;
}

function groupByName(days: Iterable<CalendarDayOut>): DayRow[] {
  const groups = new Map<string, CalendarDayOut[]>();
  for (const d of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const g = groups.get(d.name);
    if (g) g.push(d);
    else groups.set(d.name, [d]);
  }
  return [...groups.values()].flatMap((g) => {
    const holidays = g.filter((d) => d.kind === 'holiday').length;
    return g.map((d, i) => ({ ...d, span: i === 0 ? g.length : 0, holidays, workdays: g.length - holidays }));
  });
}

export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const admin = hasRole('admin');
  const today = useMemo(() => todayInBeijing(), []);
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [view, setView] = useState<View>('grid');
  const [dialog, setDialog] = useState<DayDialogTarget | null>(null);
  const { data, error, reload, loading } = useAsync((signal) => calendarApi.year(year, signal), [year]);
  // the district's limits as quick picks in the calculator; not needed to use the page
  const sla = useAsync((signal) => slaDefaultsApi.get(signal), []);

  const items = useMemo(() => data?.items ?? [], [data]);
  const days = useMemo(() => effectiveDays(items), [items]);
  const lookup = useCallback((date: string): DayDialogTarget => ({ date, day: days.get(date) }), [days]);

  const stats = useMemo(() => {
    let holidays = 0;
    let workdays = 0;
    let office = 0;
    for (const d of days.values()) {
      if (d.kind === 'holiday') holidays += 1;
      else workdays += 1;
      if (d.source === 'office') office += 1;
    }
    let working = 0;
    for (let m = 1; m <= 12; m += 1) for (let d = 1; d <= daysInMonth(year, m); d += 1) if (isWorkingDay(ymd(year, m, d), days)) working += 1;
    return { holidays, workdays, office, working };
  }, [days, year]);

  const rows = useMemo(() => groupByName(days.values()), [days]);

  const remove = useCallback(
    async (d: CalendarDayOut) => {
      try {
        await calendarApi.deleteDay(d.date);
        void message.success(t('settings.calendar.removedDay', { date: d.date }));
        reload();
      } catch (err) {
        void message.error(errorText(err));
      }
    },
    [message, t, reload],
  );

  const columns = useMemo<ColumnsType<DayRow>>(
    () => [
      {
        title: t('settings.calendar.name'),
        dataIndex: 'name',
        width: 200,
        onCell: (r) => ({ rowSpan: r.span }),
        render: (name: string, r) => (
          <div className="cell-two-lines">
            <span className="cell-strong">{name}</span>
            <Typography.Text type="secondary" className="cell-sub">
              {[
                r.holidays ? t('settings.calendar.groupHolidays', { count: r.holidays }) : '',
                r.workdays ? t('settings.calendar.groupWorkdays', { count: r.workdays }) : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </div>
        ),
      },
      {
        title: t('settings.calendar.date'),
        dataIndex: 'date',
        width: 170,
        render: (d: string) => (
          <span>
            <span className="cal-list-date">{d}</span>
            <Typography.Text type="secondary"> {weekdayName(d, en)}</Typography.Text>
          </span>
        ),
      },
      {
        title: t('settings.calendar.kind'),
        dataIndex: 'kind',
        width: 120,
        render: (k: CalendarDayOut['kind']) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(`settings.calendar.kinds.${k}`)}</Tag>,
      },
      {
        title: t('settings.calendar.source'),
        dataIndex: 'source',
        render: (s: CalendarDayOut['source']) => (
          <Tag color={s === 'office' ? 'gold' : 'default'} variant="outlined">
            {t(`settings.calendar.sources.${s}`)}
          </Tag>
        ),
      },
      ...(admin
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: en ? 170 : 130,
              render: (_: unknown, r: DayRow) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setDialog(lookup(r.date))}>
                    {r.source === 'builtin' ? t('settings.calendar.override') : t('common.edit')}
                  </Button>
                  {r.source === 'office' ? (
                    <Popconfirm
                      title={t('settings.calendar.removeTitle')}
                      description={t('settings.calendar.removeConfirm')}
                      okText={t('settings.calendar.remove')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove(r)}
                    >
                      <Button type="link" size="small" danger>
                        {t('settings.calendar.remove')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]
        : []),
    ],
    [t, en, admin, lookup, remove],
  );

  const yearOptions = [thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: t('settings.calendar.yearOption', { year: y }) }));

  return (
    <div className="page">
      <PageHeader
        crumbs={[{ title: t('settings.crumb') }, { title: t('settings.calendar.title') }]}
        title={t('settings.calendar.title')}
        subtitle={t('settings.calendar.subtitle')}
        extra={
          <Space>
            <Select value={year} onChange={setYear} options={yearOptions} style={{ width: 120 }} aria-label={t('settings.calendar.year')} />
            {admin ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
                {t('settings.calendar.add')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {data && !data.hasOfficialSchedule ? (
        <Alert
          type="warning"
          showIcon
          className="settings-alert"
          title={t('settings.calendar.noSchedule', { year: data.year })}
          description={admin ? t('settings.calendar.noScheduleHelp') : t('settings.calendar.noScheduleHelpReader')}
          action={
            admin ? (
              <Button size="small" onClick={() => setDialog({})}>
                {t('settings.calendar.addNow')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card
            variant="borderless"
            title={t('settings.calendar.yearTitle', { year })}
            extra={
              <Segmented<View>
                value={view}
                onChange={setView}
                options={[
                  { value: 'grid', icon: <AppstoreOutlined />, label: t('settings.calendar.viewGrid') },
                  { value: 'list', icon: <UnorderedListOutlined />, label: t('settings.calendar.viewList') },
                ]}
              />
            }
          >
            {error ? (
              <LoadError error={error} onRetry={reload} />
            ) : !data ? (
              <Skeleton active paragraph={{ rows: 10 }} />
            ) : (
              <>
                <div className="cal-summary">
                  <div className="cal-stats">
                    <span>
                      {t('settings.calendar.statHolidays')} <b className="cal-stat-red">{stats.holidays}</b> {t('settings.calendar.unitDays')}
                    </span>
                    <span>
                      {t('settings.calendar.statWorkdays')} <b className="cal-stat-blue">{stats.workdays}</b> {t('settings.calendar.unitDays')}
                    </span>
                    <span>
                      {t('settings.calendar.statWorking')} <b>{stats.working}</b> {t('settings.calendar.unitDays')}
                    </span>
                    <span>
                      {t('settings.calendar.statOffice')} <b>{stats.office}</b> {t('settings.calendar.unitEntries')}
                    </span>
                  </div>
                  <div className="cal-legend">
                    <span>
                      <i className="cal-swatch cal-swatch-holiday" />
                      {t('settings.calendar.kinds.holiday')}
                    </span>
                    <span>
                      <i className="cal-swatch cal-swatch-workday" />
                      {t('settings.calendar.kinds.workday')}
                    </span>
                    <span>
                      <i className="cal-swatch cal-swatch-weekend" />
                      {t('settings.calendar.legendWeekend')}
                    </span>
                    <span>
                      <i className="cal-swatch cal-swatch-office" />
                      {t('settings.calendar.sources.office')}
                    </span>
                  </div>
                </div>
                {view === 'grid' ? (
                  <>
                    <YearGrid year={year} days={days} today={today} onPick={admin ? (date) => setDialog(lookup(date)) : undefined} />
                    {admin ? (
                      <Typography.Text type="secondary" className="table-note">
                        {t('settings.calendar.gridHint')}
                      </Typography.Text>
                    ) : null}
                  </>
                ) : (
                  <Table<DayRow>
                    rowKey="date"
                    size="middle"
                    columns={columns}
                    dataSource={rows}
                    loading={loading}
                    pagination={false}
                    scroll={{ x: 760 }}
                    locale={{ emptyText: t('settings.calendar.emptyList', { year }) }}
                  />
                )}
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <DueCalculator today={today} sla={sla.data} />
            <Card variant="borderless" title={t('settings.calendar.aboutTitle')} className="settings-side-card">
              <ul className="settings-how settings-how-small">
                <li>{t('settings.calendar.about1')}</li>
                <li>{t('settings.calendar.about2')}</li>
                <li>{t('settings.calendar.about3')}</li>
              </ul>
            </Card>
          </Space>
        </Col>
      </Row>
      {admin ? (
        <CalendarDayForm
          target={dialog}
          year={year}
          lookup={lookup}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
