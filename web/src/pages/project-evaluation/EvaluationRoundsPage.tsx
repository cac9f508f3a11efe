/**
 * 项目测评: the year-end evaluation rounds of the district's livelihood projects, newest year
 * first; the office creates one per year (criteria with weights summing to 100, by default
 * DEFAULT_EVALUATION_CRITERIA) and runs it from the round's page.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { evaluationApi } from '../../api/projects.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { RoundDialog } from './RoundDialog.tsx';
import type { EvaluationRound } from '../../../../shared/projects.ts';
import { criteriaLine, RoundStatusTag } from './evaluation-shared.tsx';
import '../projects/projects.css';

export function EvaluationRoundsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useUser();
  const admin = user.roles.includes('admin');
  const [creating, setCreating] = useState(false);
  const loaded = useAsync((signal) => evaluationApi.list(signal), []);
  const rounds = useMemo(() => [...(loaded.data?.items ?? [])].sort((a, b) => b.year - a.year), [loaded.data]);

  const columns = useMemo<ColumnsType<EvaluationRound>>(
    () => [
      {
        title: t('projectEvaluation.common.round'),
        key: 'title',
        render: (_: unknown, r) => (
          <div className="cell-two-lines">
            <Link to={`/project-evaluation/${r.id}`} className="cell-strong">
              {r.title}
            </Link>
            {r.criteria.length ? (
              <Typography.Text type="secondary" className="cell-sub">
                {criteriaLine(r.criteria)}
              </Typography.Text>
            ) : null}
          </div>
        ),
      },
      { title: t('projectEvaluation.common.year'), dataIndex: 'year', width: 90 },
      { title: t('projectEvaluation.common.status'), key: 'status', width: 110, render: (_: unknown, r) => <RoundStatusTag status={r.status} /> },
      {
        title: t('projectEvaluation.common.projects'),
        key: 'projects',
        width: 100,
        align: 'right',
        render: (_: unknown, r) => <span className="prj-num">{r.projects.length}</span>,
      },
      {
        title: t('projectEvaluation.common.raters'),
        key: 'raters',
        width: 110,
        align: 'right',
        render: (_: unknown, r) => <span className="prj-num">{r.raterCount}</span>,
      },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 80,
        render: (_: unknown, r) => (
          <Button type="link" size="small" onClick={() => navigate(`/project-evaluation/${r.id}`)}>
            {t('common.view')}
          </Button>
        ),
      },
    ],
    [t, navigate],
  );

  return (
    <div className="page prj-page">
      <PageHeader
        title={t('projectEvaluation.list.title')}
        subtitle={t('projectEvaluation.list.subtitle')}
        extra={
          <Space wrap>
            <ExportButton path="/evaluation-rounds" query={{}} />
            {admin ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('projectEvaluation.list.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card variant="borderless">
        {loaded.error ? (
          <LoadError error={loaded.error} onRetry={loaded.reload} />
        ) : (
          <Table<EvaluationRound>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rounds}
            loading={loaded.loading}
            pagination={false}
            scroll={{ x: 760 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projectEvaluation.list.empty')} /> }}
          />
        )}
      </Card>
      <RoundDialog
        open={creating}
        round={null}
        onClose={() => setCreating(false)}
        onSaved={(r) => {
          setCreating(false);
          navigate(`/project-evaluation/${r.id}`);
        }}
      />
    </div>
  );
}
