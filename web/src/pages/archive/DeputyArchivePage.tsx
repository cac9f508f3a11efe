/**
 * 一位代表的履职档案 (also 我的履职档案 for a deputy): the period (all, this term, a year — in the
 * URL), the summary per kind, and a section per kind listing each entry with its date, title (a
 * link to its source page in the console) and outcome. 打印 opens the print view of the same
 * period; 导出 downloads the same entries as Excel or CSV.
 */
import { FileAddOutlined, PrinterOutlined, ProfileOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Segmented, Select, Skeleton, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ARCHIVE_KIND_LABELS, type ArchiveEntryOut, type ArchiveSection, type DeputyArchive } from '../../../../shared/archive.ts';
import type { AssessmentResult } from '../../../../shared/assessment.ts';
import { archiveApi, type ArchivePeriodQuery } from '../../api/archive.ts';
import { fetchAll, isApiError } from '../../api/client.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { GradeTag } from '../assessment/assessment-shared.tsx';
import { LevelTag, periodSearch, periodText, summaryFigures, termText, usePeriod, useRaterScores, yearOptions, type PeriodChoice } from './archive-shared.tsx';
import './archive.css';

/** `/archive/me`: the signed-in deputy's own archive. */
export function MyArchivePage() {
  const { t } = useTranslation();
  const user = useUser();
  if (!user.deputyId) {
    return (
      <div className="page">
        <PageHeader title={t('archive.menu.mine')} />
        <Alert type="warning" showIcon title={t('archive.detail.noDeputy')} />
      </div>
    );
  }
  return <ArchiveView deputyId={user.deputyId} mine />;
}

/** `/archive/deputies/:deputyId`. */
export function DeputyArchivePage() {
  const { deputyId = '' } = useParams();
  const user = useUser();
  return <ArchiveView deputyId={deputyId} mine={user.deputyId === deputyId} />;
}

function ArchiveView({ deputyId, mine }: { deputyId: string; mine: boolean }) {
  const { t } = useTranslation();
  const L = useLabel();
  const navigate = useNavigate();
  const { choice, query, setChoice } = usePeriod();
  const loaded = useAsync((signal) => archiveApi.get(deputyId, query, signal), [deputyId, query]);
  const a = loaded.data;

  if (loaded.error) {
    // a period the deputy's record cannot give (no term years, a year to come): say so and offer everything
    if (isApiError(loaded.error) && loaded.error.status === 400) {
      return (
        <div className="page arc-page">
          <PageHeader title={mine ? t('archive.menu.mine') : t('archive.menu.list')} />
          <Alert
            type="warning"
            showIcon
            title={errorText(loaded.error)}
            action={
              <Button size="small" onClick={() => setChoice({ kind: 'all' })}>
                {t('archive.period.showAll')}
              </Button>
            }
          />
        </div>
      );
    }
    return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  }
  if (!a) return <Skeleton active className="page" />;

  const stations = a.deputy.stations.map((s) => s.name).join('、');
  const term = termText(a.deputy);
  const figures = summaryFigures(t, a.summary, L);

  return (
    <div className="page arc-page">
      <PageHeader
        crumbs={mine ? [{ title: t('archive.menu.mine') }] : [{ title: t('archive.menu.list'), to: '/archive' }, { title: a.deputy.name }]}
        title={
          <Space size={8} wrap>
            {mine ? t('archive.menu.mine') : t('archive.detail.title', { name: a.deputy.name })}
            <LevelTag level={a.deputy.level} />
          </Space>
        }
        subtitle={[mine ? a.deputy.name : null, stations || null, term || null].filter(Boolean).join(' · ')}
        extra={
          <Space wrap>
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/archive/deputies/${a.deputy.id}/print${periodSearch(query)}`)}>
              {t('archive.detail.print')}
            </Button>
            {a.abilities.export ? <ExportButton path={archiveApi.deputyPath(a.deputy.id)} query={query} /> : null}
          </Space>
        }
      />

      <Card variant="borderless" className="arc-period-card">
        <div className="arc-period">
          <Space wrap size={12}>
            <Segmented<PeriodChoice['kind']>
              aria-label={t('archive.period.label')}
              value={choice.kind}
              onChange={(k) => setChoice(k === 'year' ? { kind: 'year', year: String(a.years[0] ?? new Date().getFullYear()) } : k === 'term' ? { kind: 'term' } : { kind: 'all' })}
              options={[
                { value: 'all', label: t('archive.period.all') },
                { value: 'term', label: t('archive.period.term') },
                { value: 'year', label: t('archive.period.byYear') },
              ]}
            />
            {choice.kind === 'year' ? (
              <Select
                aria-label={t('archive.period.year')}
                value={choice.year}
                onChange={(y: string) => setChoice({ kind: 'year', year: y })}
                options={yearOptions(a.years, choice.year)}
                style={{ width: 110 }}
              />
            ) : null}
          </Space>
          <Typography.Text type="secondary" className="arc-period-text">
            {periodText(t, a.period, a.deputy)} · {t('archive.detail.asOf', { at: formatDateTime(a.asOf) })}
          </Typography.Text>
        </div>
      </Card>

      <div className="arc-figures">
        {figures.map((f) => (
          <a key={f.kind} className="arc-figure" href={`#arc-${f.kind}`} onClick={(e) => scrollToSection(e, f.kind)}>
            <span className="arc-figure-label">{L(ARCHIVE_KIND_LABELS, f.kind)}</span>
            <span className="arc-figure-value">
              {f.value}
              <small>{f.unit}</small>
            </span>
            {f.sub.map((s) => (
              <span key={s} className="arc-figure-sub">
                {s}
              </span>
            ))}
          </a>
        ))}
      </div>

      {mine && a.abilities.selfReport ? (
        <Alert
          type="info"
          showIcon
          className="arc-self-note"
          title={t('archive.detail.selfReportNote')}
          description={
            <Space wrap className="arc-self-note-actions">
              <Button size="small" type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/archive/self-reports/new')}>
                {t('archive.selfReports.create')}
              </Button>
              <Button size="small" icon={<ProfileOutlined />} onClick={() => navigate('/archive/self-reports')}>
                {t('archive.menu.selfReports')}
              </Button>
            </Space>
          }
        />
      ) : null}

      {a.sections.map((s) => (
        <SectionCard key={`${s.kind}|${JSON.stringify(query)}`} archive={a} section={s} query={query} />
      ))}

      {a.assessments.length ? <AssessmentCard results={a.assessments} mine={mine} /> : null}

      <Typography.Paragraph type="secondary" className="arc-rules-text">
        {t('archive.rules')}
      </Typography.Paragraph>
    </div>
  );
}

/** 履职考评: the deputy's results in the closed assessment rounds of the period's years. */
function AssessmentCard({ results, mine }: { results: AssessmentResult[]; mine: boolean }) {
  const { t } = useTranslation();
  const raters = useRaterScores();
  const columns: ColumnsType<AssessmentResult> = [
    { title: t('archive.assessment.year'), dataIndex: 'year', width: 90, render: (y: number) => t('archive.assessment.yearN', { year: y }) },
    { title: t('archive.assessment.total'), dataIndex: 'total', width: 90, align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
    { title: t('archive.assessment.grade'), dataIndex: 'grade', width: 100, render: (g: AssessmentResult['grade']) => <GradeTag grade={g} /> },
    { title: t('archive.assessment.byRater'), key: 'raters', render: (_: unknown, r) => raters(r) },
    {
      title: '', key: 'open', width: 110,
      render: (_: unknown, r) => <Link to={mine ? '/assessment/mine' : `/assessment/${r.roundId}`}>{t('archive.assessment.open')}</Link>,
    },
  ];
  return (
    <Card variant="borderless" id="arc-assessment" className="arc-section-card" title={t('archive.assessment.title')}>
      <Table<AssessmentResult> rowKey="roundId" size="small" pagination={false} columns={columns} dataSource={results} scroll={{ x: 560 }} />
    </Card>
  );
}

function scrollToSection(e: MouseEvent, kind: string) {
  const el = document.getElementById(`arc-${kind}`);
  if (!el) return;
  e.preventDefault();
  el.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function SectionCard({ archive, section, query }: { archive: DeputyArchive; section: ArchiveSection; query: ArchivePeriodQuery }) {
  const { t } = useTranslation();
  const L = useLabel();
  const [all, setAll] = useState<ArchiveEntryOut[] | null>(null);
  const [loadingAll, setLoadingAll] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const items = all ?? section.items;

  const showAll = async () => {
    setLoadingAll(true);
    setError(null);
    try {
      const res = await fetchAll<ArchiveEntryOut>(`${archiveApi.deputyPath(archive.deputy.id)}/entries`, { ...query, kind: section.kind }, 20_000);
      setAll(res.items);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoadingAll(false);
    }
  };

  const columns = useMemo<ColumnsType<ArchiveEntryOut>>(
    () => [
      { title: t('archive.entry.date'), dataIndex: 'occurredOn', key: 'date', width: 96 },
      {
        title: t('archive.entry.title'),
        key: 'title',
        render: (_: unknown, e) => (
          <>
            <Link to={e.link} title={t('archive.entry.openSource')}>
              {e.title}
            </Link>
            {/* narrow screens: the outcome under the title instead of its own column */}
            <div className="arc-entry-note-xs">{e.note}</div>
          </>
        ),
      },
      { title: t('archive.entry.outcome'), dataIndex: 'note', key: 'note', width: '38%', responsive: ['md'], render: (v: string) => v || '—' },
    ],
    [t],
  );

  return (
    <Card
      variant="borderless"
      id={`arc-${section.kind}`}
      className="arc-section"
      data-kind={section.kind}
      title={
        <Space size={8}>
          {L(ARCHIVE_KIND_LABELS, section.kind)}
          <Typography.Text type="secondary" className="arc-section-count">
            {t('archive.detail.count', { count: section.count })}
          </Typography.Text>
        </Space>
      }
    >
      {items.length ? (
        <Table<ArchiveEntryOut> rowKey="id" size="small" columns={columns} dataSource={items} pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false} className="arc-entries" />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.detail.noneInPeriod')} />
      )}
      {section.more && !all ? (
        <div className="arc-more">
          <Typography.Text type="secondary">{t('archive.detail.showing', { shown: section.items.length, count: section.count })}</Typography.Text>
          <Button size="small" loading={loadingAll} onClick={() => void showAll()}>
            {t('archive.detail.showAll')}
          </Button>
          {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
        </div>
      ) : null}
    </Card>
  );
}
