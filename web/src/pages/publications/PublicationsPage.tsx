/**
 * 公开办理结果: the publication queue (the server scopes it: the district for the office, the station's
 * cases for its staff) by status tabs kept in the URL, with search; the office reviews from the row
 * (approve shows the text first, return asks a reason, withdraw) or opens a publication's page.
 */
import { App, Card, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { PUBLICATION_ACTION_LABELS, type CasePublicationOut, type PublicationAction, type PublicationStatus } from '../../../../shared/case-publications.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useLabel } from '../../i18n/labels.ts';
import { formatDateTime } from '../../utils/format.ts';
import { PublicationActionDialog, PublicationActions, PublicationStatusTag } from './publication-shared.tsx';
import { publicationsApi } from './publications-api.ts';
import './publications.css';

type Tab = PublicationStatus | 'all';
const TABS: Tab[] = ['pending', 'published', 'returned', 'draft', 'withdrawn', 'all'];

export function PublicationsPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const L = useLabel();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as string[]).includes(params.get('status') ?? '') ? (params.get('status') as Tab) : 'pending';
  const q = params.get('q') ?? '';
  const query = useMemo(() => ({ ...(tab === 'all' ? {} : { status: tab }), ...(q ? { q } : {}) }), [tab, q]);
  const list = useCursorList<CasePublicationOut>(publicationsApi.base, query);
  const [acting, setActing] = useState<{ p: CasePublicationOut; action: PublicationAction } | null>(null);

  const set = (next: { status?: Tab; q?: string }) => {
    const s = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) s.set(k, v);
      else s.delete(k);
    }
    setParams(s, { replace: true });
  };

  const columns = useMemo<ColumnsType<CasePublicationOut>>(
    () => [
      {
        title: t('publications.list.publication'),
        key: 'title',
        render: (_: unknown, p) => (
          <div className="cell-two-lines pub-list-cell">
            <Link to={`/publications/${p.id}`} className="cell-strong" title={p.title}>
              {p.title}
            </Link>
            <Typography.Text type="secondary" className="cell-sub">
              <Link to={`/cases/${p.caseId}`} className="tracking-code">
                {p.trackingCode}
              </Link>{' '}
              · {p.caseTitle}
            </Typography.Text>
          </div>
        ),
      },
      {
        title: t('publications.list.station'),
        key: 'station',
        width: 200,
        ellipsis: { showTitle: true },
        render: (_: unknown, p) => (
          <div className="cell-two-lines">
            <span title={p.stationName}>{p.stationName}</span>
            <Typography.Text type="secondary" className="cell-sub">
              {p.category ?? '\u00a0'}
            </Typography.Text>
          </div>
        ),
      },
      { title: t('publications.list.status'), key: 'status', width: en ? 140 : 92, render: (_: unknown, p) => <PublicationStatusTag status={p.status} /> },
      {
        title: t('publications.list.updated'),
        key: 'updated',
        width: 150,
        render: (_: unknown, p) => (
          <div className="cell-two-lines">
            <span>{formatDateTime(p.updatedAt)}</span>
            <Typography.Text type="secondary" className="cell-sub">
              {p.preparedBy ?? '\u00a0'}
            </Typography.Text>
          </div>
        ),
      },
      {
        title: t('publications.list.actions'),
        key: 'actions',
        width: en ? 300 : 250,
        render: (_: unknown, p) => <PublicationActions p={p} size="small" onAction={(action) => setActing({ p, action })} />,
      },
    ],
    [t, en],
  );

  return (
    <div className="page pub-page">
      <PageHeader title={t('publications.list.title')} subtitle={hasRole('admin') ? t('publications.list.subtitleAdmin') : t('publications.list.subtitleStation')} />
      <Card
        variant="borderless"
        className="pub-list-card"
        tabList={TABS.map((key) => ({ key, label: t(`publications.list.tabs.${key}`) }))}
        activeTabKey={tab}
        onTabChange={(key) => set({ status: key as Tab })}
        tabProps={{ size: 'middle' }}
      >
        <ListToolbar searchPlaceholder={t('publications.list.search')} searchWidth={240} search={q} onSearch={(v) => set({ q: v })} onRefresh={list.reload} />
        <CursorTable<CasePublicationOut> list={list} columns={columns} scrollX={900} emptyText={t('publications.list.empty')} />
        <Typography.Paragraph type="secondary" className="pub-howto">
          {t('publications.list.howTo')}
        </Typography.Paragraph>
      </Card>
      {acting ? (
        <PublicationActionDialog
          p={acting.p}
          action={acting.action}
          onClose={() => setActing(null)}
          onStale={() => {
            setActing(null);
            list.reload();
          }}
          onDone={(_out, a) => {
            setActing(null);
            list.reload();
            void message.success(t('publications.dialog.done', { action: L(PUBLICATION_ACTION_LABELS, a) }));
          }}
        />
      ) : null}
    </div>
  );
}
