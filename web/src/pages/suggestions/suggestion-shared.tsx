/** The marks a suggestion carries everywhere: status, reply class, rating, co-sponsor state, the reply deadline with 超期. */
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  COSPONSOR_STATUS_LABELS,
  EVALUATION_RATING_LABELS,
  REPLY_CATEGORY_LABELS,
  SUGGESTION_PERIOD_LABELS,
  SUGGESTION_STATUS_LABELS,
  type CosponsorStatus,
  type EvaluationRating,
  type ReplyCategory,
  type SuggestionPeriod,
  type SuggestionStatus,
} from '../../../../shared/suggestions.ts';
import { useLabel } from '../../i18n/labels.ts';
import { formatDate, formatDateTime } from '../../utils/format.ts';
import { OverdueTag } from '../cases/case-tags.tsx';

const STATUS_COLORS: Record<SuggestionStatus, string> = {
  draft: 'default',
  submitted: 'orange',
  registered: 'blue',
  assigned: 'geekblue',
  replied: 'cyan',
  rehandling: 'volcano',
  closed: 'success',
  withdrawn: 'default',
};

export function SuggestionStatusTag({ status }: { status: SuggestionStatus }) {
  const L = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(SUGGESTION_STATUS_LABELS, status)}
    </Tag>
  );
}

const REPLY_COLORS: Record<ReplyCategory, string> = { resolved: 'green', in_progress: 'blue', planned: 'purple', constrained: 'orange' };

export function ReplyCategoryTag({ category }: { category: ReplyCategory | null }) {
  const L = useLabel();
  if (!category) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={REPLY_COLORS[category]} style={{ marginInlineEnd: 0 }}>
      {L(REPLY_CATEGORY_LABELS, category)}
    </Tag>
  );
}

const RATING_COLORS: Record<EvaluationRating, string> = { satisfied: 'success', basically_satisfied: 'gold', unsatisfied: 'error' };

export function RatingTag({ rating }: { rating: EvaluationRating | null }) {
  const L = useLabel();
  if (!rating) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={RATING_COLORS[rating]} style={{ marginInlineEnd: 0 }}>
      {L(EVALUATION_RATING_LABELS, rating)}
    </Tag>
  );
}

const COSPONSOR_COLORS: Record<CosponsorStatus, string> = { invited: 'orange', signed: 'success', declined: 'default' };

export function CosponsorTag({ status }: { status: CosponsorStatus }) {
  const L = useLabel();
  return (
    <Tag color={COSPONSOR_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(COSPONSOR_STATUS_LABELS, status)}
    </Tag>
  );
}

export function PeriodTag({ period }: { period: SuggestionPeriod | null }) {
  const L = useLabel();
  if (!period) return null;
  return (
    <Tag color={period === 'session' ? 'red' : 'default'} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(SUGGESTION_PERIOD_LABELS, period)}
    </Tag>
  );
}

/** Days before the deadline when it turns orange. */
const SOON_DAYS = 14;

/** The reply deadline: green on time, orange within two weeks, red overdue (with 超期). Only while it runs (assigned, rehandling). */
export function SuggestionDue({ dueAt, overdue, running, variant = 'table' }: { dueAt: string | null; overdue: boolean; running: boolean; variant?: 'table' | 'header' }) {
  const { t } = useTranslation();
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const soon = !overdue && new Date(dueAt).getTime() - Date.now() < SOON_DAYS * 86_400_000;
  const state = !running ? 'done' : overdue ? 'red' : soon ? 'yellow' : 'green';
  const text = variant === 'header' ? formatDateTime(dueAt) : formatDate(dueAt);
  const hint = t(`suggestions.due.${state}`);
  return (
    <Space size={4} wrap className="sug-due">
      <Tooltip title={hint}>
        <span className={`due-date sug-due-${state}`}>{text}</span>
      </Tooltip>
      {overdue ? <OverdueTag /> : null}
    </Space>
  );
}

/** A deadline runs while a department handles the suggestion. */
export const dueRunning = (status: SuggestionStatus) => status === 'assigned' || status === 'rehandling';
