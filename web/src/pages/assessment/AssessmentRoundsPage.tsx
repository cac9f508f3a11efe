/**
 * 履职考评: the district's yearly assessment rounds, newest year first, with each rater kind's
 * progress over the deputies the user sees. The office creates a round (RoundDialog); station staff
 * open a round to fill the sheets of their deputies. Deputies use 我的考评 instead.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Progress, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { assessmentApi, type RoundSummary } from './api.ts';
import { criteriaLine, RoundStatusTag, useRaterLabel } from './assessment-shared.tsx';
import { RoundDialog } from './RoundDialog.tsx';

export function AssessmentRoundsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useUser();
  const admin = user.roles.includes('admin');
  const raterLabel = useRaterLabel();
  const [creating, setCreating] = useState(false);
  const loaded = useAsync((signal) => assessmentApi.list(signal), []);
  const rounds = loaded.data?.items ?? [];

  const columns = useMemo<ColumnsType<RoundSummary>>(
    () => [
      {
        title: t('assessment.common.round'),
        key: 'name',
        render: (_: unknown, r) => (
          <div>
            <Link to={`/assessment/${r.id}`} className="cell-strong">
              {r.name}
            </Link>
            <Typography.Text type="secondary" className="asm-sub">
              {criteriaLine(r.criteria)}
            </Typography.Text>
          </div>
        ),
      },
      { title: t('assessment.common.year'), dataIndex: 'year', width: 80 },
      { title: t('assessment.common.status'), key: 'status', width: 100, render: (_: unknown, r) => <RoundStatusTag status={r.status} /> },
      {
        title: t('assessment.common.deputies'),
        key: 'deputies',
        width: 100,
        align: 'right',
        render: (_: unknown, r) => <span className="asm-num">{t('assessment.list.deputyCount', { count: r.deputyCount })}</span>,
      },
      {
        title: t('assessment.common.progress'),
        key: 'progress',
        width: 260,
        render: (_: unknown, r) =>
          r.status === 'draft' ? (
            <span className="asm-muted">—</span>
          ) : (
            <div className="asm-list-progress">
              {r.progress.map((p) => (
                <Tooltip key={p.kind} title={`${raterLabel(p.kind)}：${t('assessment.list.submitted', { done: p.submitted, total: p.required })}`}>
                  <div className="asm-progress-head">
                    <span>{raterLabel(p.kind)}</span>
                    <span className="asm-num">
                      {p.submitted}/{p.required}
                    </span>
                  </div>
                  <Progress percent={p.required ? Math.round((p.submitted / p.required) * 100) : 0} size="small" showInfo={false} />
                </Tooltip>
              ))}
            </div>
          ),
      },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 80,
        render: (_: unknown, r) => (
          <Button type="link" size="small" onClick={() => navigate(`/assessment/${r.id}`)}>
            {t('common.view')}
          </Button>
        ),
      },
    ],
    [t, navigate, raterLabel],
  );

  return (
    <div className="page asm-page">
      <PageHeader
        title={t('assessment.list.title')}
        subtitle={t('assessment.list.subtitle')}
        extra={
          admin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('assessment.list.create')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        {loaded.error ? (
          <LoadError error={loaded.error} onRetry={loaded.reload} />
        ) : (
          <Table<RoundSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rounds}
            loading={loaded.loading}
            pagination={false}
            scroll={{ x: 860 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessment.list.empty')} /> }}
          />
        )}
      </Card>
      <RoundDialog
        open={creating}
        round={null}
        onClose={() => setCreating(false)}
        onSaved={(r) => {
          setCreating(false);
          navigate(`/assessment/${r.id}`);
        }}
      />
    </div>
  );
}
