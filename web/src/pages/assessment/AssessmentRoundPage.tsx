/**
 * One assessment round: criteria and rater weights, the progress of the sheets per rater kind, the
 * deputies the user sees with each sheet's state and a link to fill or open it, the office's steps
 * (edit in draft, open, close — closing with sheets missing asks again and closes with
 * `allowIncomplete`) and, once closed, the results with their export.
 */
import { EditOutlined, LockOutlined, PlayCircleOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Input, Popconfirm, Progress, Skeleton, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { AssessmentRound, AssessmentRoundDeputy, RaterKind } from '../../../../shared/assessment.ts';
import { isApiError } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { errorText } from '../../utils/errors.ts';
import { assessmentApi } from './api.ts';
import { fmt2, GradeTag, RoundStatusTag, SheetStateTag, sheetPath, useRaterLabel } from './assessment-shared.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { RoundDialog } from './RoundDialog.tsx';

export function AssessmentRoundPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const loaded = useAsync((signal) => assessmentApi.get(id, signal), [id]);
  const [state, setState] = useState<{ src: AssessmentRound | undefined; r: AssessmentRound | undefined }>({ src: undefined, r: undefined });
  if (loaded.data && loaded.data !== state.src) setState({ src: loaded.data, r: loaded.data });
  const r = state.r && state.r.id === id ? state.r : undefined;
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<'open' | 'close' | null>(null);
  const [tab, setTab] = useState<string | undefined>(undefined);
  const raterLabel = useRaterLabel();

  if (loaded.error && !r) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!r) return <Skeleton active className="page" />;
  const ab = r.abilities;
  const replace = (out: AssessmentRound) => setState((x) => ({ ...x, r: out }));

  const open = async () => {
    setBusy('open');
    try {
      replace(await assessmentApi.open(r.id, r.version));
      void message.success(t('assessment.detail.openDone'));
    } catch (err) {
      void message.error(errorText(err));
      if (isApiError(err) && err.status === 409) loaded.reload();
    } finally {
      setBusy(null);
    }
  };

  const close = async (allowIncomplete: boolean) => {
    setBusy('close');
    try {
      replace(await assessmentApi.close(r.id, r.version, allowIncomplete));
      void message.success(t('assessment.detail.closeDone'));
      setTab('results');
    } catch (err) {
      if (isApiError(err) && err.code === 'SHEETS_MISSING') {
        modal.confirm({
          title: t('assessment.detail.closeIncompleteTitle'),
          content: <div style={{ whiteSpace: 'pre-line' }}>{t('assessment.detail.closeIncomplete', { message: err.message })}</div>,
          okText: t('assessment.detail.closeAnyway'),
          cancelText: t('common.cancel'),
          okButtonProps: { danger: true },
          onOk: () => close(true),
        });
      } else {
        void message.error(errorText(err));
        if (isApiError(err) && err.status === 409) loaded.reload();
      }
    } finally {
      setBusy(null);
    }
  };

  const note = r.status === 'draft' ? t('assessment.detail.draftNote') : r.status === 'open' ? (ab.fill ? t('assessment.detail.openNoteFill') : t('assessment.detail.openNote')) : t('assessment.detail.closedNote');

  return (
    <div className="page asm-page">
      <PageHeader
        crumbs={[{ title: t('assessment.crumb'), to: '/assessment' }, { title: r.name }]}
        title={
          <Space wrap size={[8, 4]}>
            <span>{r.name}</span>
            <RoundStatusTag status={r.status} />
          </Space>
        }
        subtitle={`${t('assessment.common.year')} ${r.year} · ${t('assessment.list.deputyCount', { count: r.deputyCount })}`}
        extra={
          <Space wrap>
            {ab.update ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            ) : null}
            {ab.open ? (
              <Popconfirm title={t('assessment.detail.openConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={open}>
                <Button type="primary" icon={<PlayCircleOutlined />} loading={busy === 'open'}>
                  {t('assessment.detail.open')}
                </Button>
              </Popconfirm>
            ) : null}
            {ab.close ? (
              <Popconfirm title={t('assessment.detail.closeConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => close(false)}>
                <Button icon={<LockOutlined />} loading={busy === 'close'}>
                  {t('assessment.detail.close')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        }
      />
      <Alert className="asm-block" type={r.status === 'open' ? 'info' : r.status === 'closed' ? 'success' : 'warning'} showIcon title={note} />
      {r.closedIncomplete ? <Alert className="asm-block" type="warning" showIcon title={t('assessment.detail.closedIncomplete')} /> : null}

      <div className="asm-facts asm-block">
        <Card variant="borderless" size="small" title={t('assessment.common.criteria')}>
          <div className="asm-weights">
            {r.criteria.map((c) => (
              <Tag key={c.key}>
                {c.label} <span className="asm-num">{c.weight}%</span>
              </Tag>
            ))}
          </div>
        </Card>
        <Card variant="borderless" size="small" title={t('assessment.common.raters')}>
          <div className="asm-weights">
            {r.raters.filter((x) => x.weight > 0).map((x) => (
              <Tag key={x.kind}>
                {raterLabel(x.kind)} <span className="asm-num">{x.weight}%</span>
              </Tag>
            ))}
          </div>
        </Card>
      </div>

      {r.status !== 'draft' ? (
        <Card variant="borderless" size="small" className="asm-block" title={t('assessment.common.progress')}>
          <div className="asm-progress">
            {r.progress.map((p) => (
              <div key={p.kind} className="asm-progress-item">
                <div className="asm-progress-head">
                  <span>{raterLabel(p.kind)}</span>
                  <span className="asm-num">
                    {t('assessment.list.submitted', { done: p.submitted, total: p.required })}
                    {p.drafts ? ` · ${t('assessment.detail.drafts', { count: p.drafts })}` : ''}
                  </span>
                </div>
                <Progress percent={p.required ? Math.round((p.submitted / p.required) * 100) : 0} size="small" showInfo={false} />
              </div>
            ))}
          </div>
        </Card>
      ) : null}

      <Card variant="borderless" className="asm-block">
        <Tabs
          activeKey={tab ?? (r.status === 'closed' ? 'results' : 'deputies')}
          onChange={setTab}
          items={[
            { key: 'deputies', label: r.status === 'draft' ? t('assessment.common.deputies') : t('assessment.detail.tabDeputies'), children: <DeputiesTable r={r} /> },
            ...(r.status === 'closed' ? [{ key: 'results', label: t('assessment.detail.tabResults'), children: <ResultsPanel round={r} /> }] : []),
          ]}
        />
      </Card>

      <RoundDialog
        open={editing}
        round={r}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          replace(saved);
        }}
      />
    </div>
  );
}

/** The deputies the user sees: each rater kind's sheet state, with 填写 / 继续填写 / 查看 where the user may. */
function DeputiesTable({ r }: { r: AssessmentRound }) {
  const { t } = useTranslation();
  const raterLabel = useRaterLabel();
  const [q, setQ] = useState('');
  const [onlyMine, setOnlyMine] = useState(false);
  // in draft there are no sheets yet: the deputies only
  const kinds = r.status === 'draft' ? [] : r.progress.map((p) => p.kind);
  const rows = useMemo(
    () => r.deputies.filter((d) => (!q.trim() || d.name.includes(q.trim())) && (!onlyMine || d.fillable.length > 0)),
    [r.deputies, q, onlyMine],
  );

  const kindCell = (d: AssessmentRoundDeputy, kind: RaterKind) => {
    const s = d.sheets[kind];
    const canFill = d.fillable.includes(kind);
    const label = canFill ? (s ? t('assessment.detail.continue') : t('assessment.detail.fill')) : s?.id ? t('assessment.detail.view') : null;
    return (
      <div className="asm-cell-kind">
        <SheetStateTag state={s} />
        {label ? (
          <Link to={sheetPath(r.id, d.deputyId, kind)} aria-label={`${d.name} · ${raterLabel(kind)} · ${label}`}>
            {label}
          </Link>
        ) : null}
      </div>
    );
  };

  const columns: ColumnsType<AssessmentRoundDeputy> = [
    {
      title: t('assessment.common.deputy'),
      key: 'name',
      fixed: 'left',
      width: 170,
      render: (_: unknown, d) => (
        <div>
          <span className="cell-strong">{d.name}</span>
          <Typography.Text type="secondary" className="asm-sub">
            {d.stations.map((s) => s.name).join('、') || '—'}
          </Typography.Text>
        </div>
      ),
    },
    ...kinds.map((kind) => ({ title: raterLabel(kind), key: kind, width: 130, render: (_: unknown, d: AssessmentRoundDeputy) => kindCell(d, kind) })),
    ...(r.status === 'closed'
      ? [
          {
            title: t('assessment.common.total'),
            key: 'total',
            width: 110,
            align: 'right' as const,
            render: (_: unknown, d: AssessmentRoundDeputy) => <span className="asm-total">{fmt2(d.result?.total)}</span>,
          },
          { title: t('assessment.common.grade'), key: 'grade', width: 100, render: (_: unknown, d: AssessmentRoundDeputy) => (d.result ? <GradeTag grade={d.result.grade} /> : '—') },
        ]
      : []),
  ];

  return (
    <>
      <div className="asm-toolbar">
        <Input allowClear prefix={<SearchOutlined />} placeholder={t('assessment.detail.searchDeputy')} value={q} onChange={(e) => setQ(e.target.value)} aria-label={t('assessment.detail.searchDeputy')} />
        {r.status === 'open' && r.abilities.fill ? (
          <Space size={6}>
            <Switch size="small" checked={onlyMine} onChange={setOnlyMine} aria-label={t('assessment.detail.onlyMine')} />
            <span>{t('assessment.detail.onlyMine')}</span>
          </Space>
        ) : null}
      </div>
      <Table<AssessmentRoundDeputy>
        rowKey="deputyId"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 170 + kinds.length * 130 + (r.status === 'closed' ? 210 : 0) }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessment.detail.noDeputies')} /> }}
      />
    </>
  );
}
