/**
 * 票决会议 (deputies: 我的投票): the district's voting sessions by status. The office creates them;
 * a deputy goes from an open session to the ballot; anyone may open the live tally screen.
 */
import { CheckSquareOutlined, FundProjectionScreenOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { VOTING_SESSION_STATUS_LABELS, VOTING_SESSION_STATUSES, type VotingSessionStatus, type VotingSessionSummary } from '../../../../shared/projects.ts';
import { votingApi } from '../../api/voting.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { formatDateTime } from '../../utils/format.ts';
import { SessionDialog } from './SessionDialog.tsx';
import { SessionStatusTag } from './voting-shared.tsx';
import './voting.css';

export function VotingSessionsPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const enumOptions = useEnumOptions();
  const navigate = useNavigate();
  const user = useUser();
  const office = user.roles.includes('admin');
  const deputy = user.roles.includes('deputy');
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? undefined) as VotingSessionStatus | undefined;
  const list = useAsync((signal) => votingApi.list({ status }, signal), [status]);
  const [creating, setCreating] = useState(false);
  const items = list.data?.items ?? [];

  const columns: ColumnsType<VotingSessionSummary> = [
    {
      title: t('voting.common.session'),
      key: 'title',
      render: (_: unknown, s) => (
        <div className="cell-two-lines">
          <Link to={`/voting/${s.id}`} className="cell-strong">
            {s.title}
          </Link>
          <Typography.Text type="secondary" className="cell-sub vt-ellipsis" title={s.congress}>
            {s.congress || '\u00a0'}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('voting.common.year'), dataIndex: 'year', width: 72 },
    { title: t('voting.common.members'), dataIndex: 'memberCount', width: en ? 90 : 80, align: 'right' },
    { title: t('voting.common.projects'), dataIndex: 'projectCount', width: en ? 90 : 90, align: 'right' },
    {
      title: t('voting.list.when'),
      key: 'when',
      width: 190,
      render: (_: unknown, s) => (
        <div className="cell-two-lines">
          <span>{s.openedAt ? t('voting.list.openedAt', { at: formatDateTime(s.openedAt) }) : '—'}</span>
          <Typography.Text type="secondary" className="cell-sub">
            {s.closedAt ? t('voting.list.closedAt', { at: formatDateTime(s.closedAt) }) : '\u00a0'}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (_: unknown, s) => <SessionStatusTag status={s.status} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: en ? 230 : 200,
      render: (_: unknown, s) => (
        <Space size={0} wrap>
          {deputy && s.status === 'open' ? (
            <Button type="primary" size="small" icon={<CheckSquareOutlined />} onClick={() => navigate(`/voting/${s.id}/ballot`)}>
              {t('voting.list.vote')}
            </Button>
          ) : null}
          <Button type="link" size="small" onClick={() => navigate(`/voting/${s.id}`)}>
            {t('common.view')}
          </Button>
          {s.status !== 'draft' ? (
            <Button type="link" size="small" icon={<FundProjectionScreenOutlined />} href={`/console/voting/${s.id}/screen`} target="_blank">
              {t('voting.list.screen')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div className="page vt-page">
      <PageHeader
        title={deputy && !office ? t('voting.list.titleDeputy') : t('voting.list.title')}
        subtitle={deputy && !office ? t('voting.list.subtitleDeputy') : t('voting.list.subtitle')}
        extra={
          <Space wrap>
            <ExportButton path="/voting-sessions" query={{ status }} />
            {office ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('voting.list.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card variant="borderless">
        <div className="toolbar">
          <Select
            allowClear
            placeholder={t('voting.list.statusFilter')}
            aria-label={t('voting.list.statusFilter')}
            value={status}
            onChange={(v: string | undefined) => setParams(v ? { status: v } : {}, { replace: true })}
            options={enumOptions(VOTING_SESSION_STATUSES, VOTING_SESSION_STATUS_LABELS)}
            style={{ width: 120 }}
          />
          <span className="toolbar-spacer" />
          <Button onClick={list.reload}>{t('common.refresh')}</Button>
        </div>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<VotingSessionSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.loading}
            pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
            tableLayout="fixed"
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('voting.list.empty')} /> }}
          />
        )}
      </Card>
      <SessionDialog
        session={null}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(s) => {
          setCreating(false);
          navigate(`/voting/${s.id}`);
        }}
      />
    </div>
  );
}
