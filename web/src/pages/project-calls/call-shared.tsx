/** Tags and small pieces the solicitation pages share. */
import { Popover, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CALL_STATUS_LABELS, PROPOSAL_SOURCE_LABELS, PROPOSAL_STATUS_LABELS, type CallStatus, type ProposalSource, type ProposalStatus } from '../../../../shared/projects.ts';
import type { CaseOut } from '../../../../shared/cases.ts';
import type { SessionUser } from '../../api/types.ts';
import { casesApi } from '../../api/cases.ts';
import { useLabel } from '../../i18n/labels.ts';

const CALL_COLORS: Record<CallStatus, string> = { open: 'green', closed: 'default' };
const PROPOSAL_COLORS: Record<ProposalStatus, string> = { submitted: 'gold', shortlisted: 'red', rejected: 'default', merged: 'purple' };
const SOURCE_COLORS: Record<ProposalSource, string> = { public: 'blue', deputy: 'volcano', staff: 'cyan' };

export function CallStatusTag({ status }: { status: CallStatus }) {
  const L = useLabel();
  return (
    <Tag color={CALL_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(CALL_STATUS_LABELS, status)}
    </Tag>
  );
}

export function ProposalStatusTag({ status }: { status: ProposalStatus }) {
  const L = useLabel();
  return (
    <Tag color={PROPOSAL_COLORS[status]} variant={status === 'shortlisted' ? 'solid' : 'outlined'} style={{ marginInlineEnd: 0 }}>
      {L(PROPOSAL_STATUS_LABELS, status)}
    </Tag>
  );
}

export function SourceTag({ source }: { source: ProposalSource }) {
  const L = useLabel();
  return (
    <Tag color={SOURCE_COLORS[source]} style={{ marginInlineEnd: 0 }}>
      {L(PROPOSAL_SOURCE_LABELS, source)}
    </Tag>
  );
}

/** Who may propose in the console: the office, deputies and station staff. */
export const mayPropose = (u: SessionUser): boolean => u.roles.includes('admin') || u.roles.includes('deputy') || u.roles.includes('station');
export const isOffice = (u: SessionUser): boolean => u.roles.includes('admin');

/** Linked cases: their count; hovering loads each case's tracking code and title (the user may see). */
export function LinkedCases({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const [cases, setCases] = useState<Array<CaseOut | { id: string; missing: true }> | null>(null);
  if (!ids.length) return <Typography.Text type="secondary">—</Typography.Text>;
  const load = (open: boolean) => {
    if (!open || cases) return;
    void Promise.all(ids.map((id) => casesApi.get(id).catch(() => ({ id, missing: true as const })))).then(setCases);
  };
  return (
    <Popover
      title={t('projectCalls.proposals.linkedCases')}
      onOpenChange={load}
      content={
        cases ? (
          <Space orientation="vertical" size={4} className="pc-cases-pop">
            {cases.map((c) =>
              'missing' in c ? (
                <Typography.Text key={c.id} type="secondary">
                  {t('projectCalls.proposals.caseHidden')}
                </Typography.Text>
              ) : (
                <Link key={c.id} to={`/cases/${c.id}`}>
                  <Typography.Text className="tracking-code">{c.trackingCode}</Typography.Text> {c.title}
                </Link>
              ),
            )}
          </Space>
        ) : (
          <Spin size="small" />
        )
      }
    >
      <Tag color="blue" variant="outlined" className="pc-cases-tag">
        {t('projectCalls.proposals.casesN', { count: ids.length })}
      </Tag>
    </Popover>
  );
}
