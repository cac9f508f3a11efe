/**
 * The printable archive (打印): one A4 document, no side menu — a header with the deputy's name,
 * level, stations, term and the period, the summary per kind, then every section with all of its
 * entries (sections longer than the archive's first page are fetched in full). 打印 calls the
 * browser's print dialog; the print style sheet hides the toolbar and sets A4 margins.
 */
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Skeleton, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ARCHIVE_KIND_LABELS, type ArchiveEntryOut, type DeputyArchive } from '../../../../shared/archive.ts';
import { GRADE_LABELS } from '../../../../shared/assessment.ts';
import { DEPUTY_LEVEL_LABELS } from '../../../../shared/org.ts';
import { archiveApi } from '../../api/archive.ts';
import { fetchAll } from '../../api/client.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { formatDateTime } from '../../utils/format.ts';
import { periodSearch, periodText, summaryFigures, termText, usePeriod, useRaterScores } from './archive-shared.tsx';
import './archive-print.css';

interface Printable {
  archive: DeputyArchive;
  entries: Map<string, ArchiveEntryOut[]>;
}

export function ArchivePrintPage() {
  const { deputyId = '' } = useParams();
  const { t } = useTranslation();
  const L = useLabel();
  const user = useUser();
  const navigate = useNavigate();
  const { query } = usePeriod();
  const raters = useRaterScores();
  const loaded = useAsync<Printable>(
    async (signal) => {
      const archive = await archiveApi.get(deputyId, query, signal);
      const entries = new Map<string, ArchiveEntryOut[]>();
      for (const s of archive.sections) {
        entries.set(s.kind, s.more ? (await fetchAll<ArchiveEntryOut>(`${archiveApi.deputyPath(deputyId)}/entries`, { ...query, kind: s.kind }, 20_000, signal)).items : s.items);
      }
      return { archive, entries };
    },
    [deputyId, query],
  );

  const name = loaded.data?.archive.deputy.name;
  useEffect(() => {
    if (!name) return;
    const before = document.title;
    // the browser offers the title as the PDF's file name
    document.title = t('archive.print.docTitle', { name });
    return () => {
      document.title = before;
    };
  }, [name, t]);

  if (loaded.error) {
    return (
      <div className="arc-print-shell">
        <LoadError error={loaded.error} onRetry={loaded.reload} />
      </div>
    );
  }
  if (!loaded.data) {
    return (
      <div className="arc-print-shell">
        <div className="arc-sheet">
          <Skeleton active paragraph={{ rows: 12 }} />
        </div>
      </div>
    );
  }
  const { archive: a, entries } = loaded.data;
  const back = user.deputyId === a.deputy.id ? `/archive/me${periodSearch(query)}` : `/archive/deputies/${a.deputy.id}${periodSearch(query)}`;
  const figures = summaryFigures(t, a.summary, L);

  return (
    <div className="arc-print-shell">
      <div className="arc-print-toolbar">
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
            {t('archive.print.back')}
          </Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('archive.print.print')}
          </Button>
          <span className="arc-print-hint">{t('archive.print.hint')}</span>
        </Space>
      </div>
      <article className="arc-sheet" aria-label={t('archive.print.docTitle', { name: a.deputy.name })}>
        <header className="arc-doc-head">
          <h1>{t('archive.print.heading')}</h1>
          <table className="arc-doc-facts">
            <tbody>
              <tr>
                <th>{t('archive.print.name')}</th>
                <td className="arc-doc-name">{a.deputy.name}</td>
                <th>{t('archive.print.level')}</th>
                <td>{L(DEPUTY_LEVEL_LABELS, a.deputy.level)}</td>
              </tr>
              <tr>
                <th>{t('archive.print.stations')}</th>
                <td>{a.deputy.stations.map((s) => s.name).join('、') || '—'}</td>
                <th>{t('archive.print.term')}</th>
                <td>{termText(a.deputy) || '—'}</td>
              </tr>
              <tr>
                <th>{t('archive.print.period')}</th>
                <td colSpan={3}>{periodText(t, a.period, a.deputy)}</td>
              </tr>
            </tbody>
          </table>
        </header>

        <section className="arc-doc-section">
          <h2>{t('archive.print.summary')}</h2>
          <table className="arc-doc-table arc-doc-summary">
            <thead>
              <tr>
                <th>{t('archive.print.kind')}</th>
                <th className="num">{t('archive.print.figure')}</th>
                <th>{t('archive.print.details')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((f) => (
                <tr key={f.kind}>
                  <td>{L(ARCHIVE_KIND_LABELS, f.kind)}</td>
                  <td className="num">
                    {f.value} {f.unit}
                  </td>
                  <td>{f.sub.join('；') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        {a.sections.map((s, i) => {
          const rows = entries.get(s.kind) ?? [];
          return (
            <section key={s.kind} className="arc-doc-section" data-kind={s.kind}>
              <h2>
                {t('archive.print.sectionN', { n: i + 1, label: L(ARCHIVE_KIND_LABELS, s.kind) })}
                <small>{t('archive.detail.count', { count: s.count })}</small>
              </h2>
              {rows.length ? (
                <table className="arc-doc-table">
                  <thead>
                    <tr>
                      <th className="date">{t('archive.entry.date')}</th>
                      <th>{t('archive.entry.title')}</th>
                      <th className="note">{t('archive.entry.outcome')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((e) => (
                      <tr key={e.id}>
                        <td className="date">{e.occurredOn}</td>
                        <td>
                          <a href={`/console${e.link}`}>{e.title}</a>
                        </td>
                        <td className="note">{e.note || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p className="arc-doc-none">{t('archive.detail.noneInPeriod')}</p>
              )}
            </section>
          );
        })}

        {a.assessments.length ? (
          <section className="arc-doc-section" data-kind="assessment">
            <h2>{t('archive.assessment.title')}</h2>
            <table className="arc-doc-table">
              <thead>
                <tr>
                  <th className="date">{t('archive.assessment.year')}</th>
                  <th className="num">{t('archive.assessment.total')}</th>
                  <th>{t('archive.assessment.grade')}</th>
                  <th>{t('archive.assessment.byRater')}</th>
                </tr>
              </thead>
              <tbody>
                {a.assessments.map((r) => (
                  <tr key={r.roundId}>
                    <td className="date">{t('archive.assessment.yearN', { year: r.year })}</td>
                    <td className="num">{r.total === null ? '—' : r.total.toFixed(2)}</td>
                    <td>{r.grade ? L(GRADE_LABELS, r.grade) : t('archive.assessment.notGraded')}</td>
                    <td>{raters(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}

        <footer className="arc-doc-foot">
          <p>{t('archive.rules')}</p>
          <p>{t('archive.print.generated', { at: formatDateTime(a.asOf), by: user.displayName })}</p>
        </footer>
      </article>
    </div>
  );
}
