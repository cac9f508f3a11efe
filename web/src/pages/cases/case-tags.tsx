/** The small marks a case carries everywhere: status, urgency, supervision level and its due date coloured by the time-limit state. */
import { FlagOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_STATUS_LABELS, SLA_STAGE_LABELS, SUPERVISION_LEVEL_LABELS, type CaseStatus, type DueState, type SlaStage } from '../../../../shared/cases.ts';
import { pickLabel, useLabel } from '../../i18n/labels.ts';
import { formatDate, formatDateTime } from '../../utils/format.ts';

const STATUS_COLORS: Record<CaseStatus, string> = {
  submitted: 'orange',
  accepted: 'blue',
  rejected: 'default',
  assigned: 'geekblue',
  in_progress: 'processing',
  replied: 'cyan',
  feedback_given: 'purple',
  closed: 'success',
  merged: 'default',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const L = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(CASE_STATUS_LABELS, status)}
    </Tag>
  );
}

export function UrgentTag() {
  const { t } = useTranslation();
  return (
    <Tag color="red" variant="filled" style={{ marginInlineEnd: 0 }}>
      {t('cases.urgent')}
    </Tag>
  );
}

const SUPERVISION_COLORS: Record<number, string> = { 1: 'gold', 2: 'orange', 3: 'red' };

/** Nothing for level 0 unless `showNone`. */
export function SupervisionTag({ level, showNone = false }: { level: number; showNone?: boolean }) {
  const { i18n } = useTranslation();
  if (level <= 0) return showNone ? <Typography.Text type="secondary">—</Typography.Text> : null;
  return (
    <Tag color={SUPERVISION_COLORS[level] ?? 'red'} icon={level >= 3 ? <FlagOutlined /> : undefined} style={{ marginInlineEnd: 0 }}>
      {pickLabel(SUPERVISION_LEVEL_LABELS[level], i18n.language, String(level))}
    </Tag>
  );
}

export function OverdueTag() {
  const { t } = useTranslation();
  return (
    <Tag color="error" variant="solid" style={{ marginInlineEnd: 0 }}>
      {t('cases.overdue')}
    </Tag>
  );
}

interface DueProps {
  dueAt: string | null;
  dueState: DueState | null;
  dueStage: SlaStage | null;
  overdue: boolean;
  /** table: the date, the stage below; header: the date and time after the stage label. */
  variant?: 'table' | 'header';
}

/** The running time limit: green on time, orange within 2 working days, red overdue (with 超期). */
export function DueDate({ dueAt, dueState, dueStage, overdue, variant = 'table' }: DueProps) {
  const { t } = useTranslation();
  const L = useLabel();
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const state: DueState = overdue ? 'red' : (dueState ?? 'green');
  const stage = L(SLA_STAGE_LABELS, dueStage);
  const hint = t(`cases.dueStates.${state}`);
  if (variant === 'header') {
    return (
      <Space size={6} wrap>
        {stage ? <Typography.Text type="secondary">{stage}</Typography.Text> : null}
        <Tooltip title={hint}>
          <span className={`due-date due-${state}`}>{formatDateTime(dueAt)}</span>
        </Tooltip>
        {overdue ? <OverdueTag /> : null}
      </Space>
    );
  }
  return (
    <div className="due-cell">
      <Tooltip title={hint}>
        <span className={`due-date due-${state}`}>{formatDate(dueAt)}</span>
      </Tooltip>
      <div className="due-cell-sub">
        {stage ? <Typography.Text type="secondary">{stage}</Typography.Text> : null}
        {overdue ? <OverdueTag /> : null}
      </div>
    </div>
  );
}
