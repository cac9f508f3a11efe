/**
 * What the project pages share: the status tag, the progress bar, the cost as people read it
 * (万元), today's date in Beijing (milestones are done on or before it) and the years to filter by.
 */
import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PROJECT_STATUS_LABELS, type ProjectStatus } from '../../../../shared/projects.ts';
import { useLabel } from '../../i18n/labels.ts';

const STATUS_COLORS: Record<ProjectStatus, string> = {
  candidate: 'default',
  not_passed: 'default',
  passed: 'gold',
  in_progress: 'processing',
  completed: 'success',
};

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const L = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(PROJECT_STATUS_LABELS, status)}
    </Tag>
  );
}

/** A thin bar with the percentage; red while a milestone is overdue, green when complete. */
export function ProgressBar({ value, overdue, size }: { value: number; overdue?: boolean; size?: 'small' | 'default' }) {
  const status = value >= 100 ? 'success' : overdue ? 'exception' : 'normal';
  return (
    <Progress
      percent={value}
      status={status}
      size={size === 'small' ? 'small' : undefined}
      format={(p) => `${p ?? 0}%`}
      strokeColor={status === 'normal' ? '#a61b29' : undefined}
      aria-label={`${value}%`}
    />
  );
}

/** 1280 → "1,280 万元"; null → "—". */
export function useCost(): (wan: number | null | undefined) => string {
  const { t, i18n } = useTranslation();
  return (wan) => (wan === null || wan === undefined ? '—' : t('projects.common.costValue', { value: wan.toLocaleString(i18n.language) }));
}

/** Today in Beijing as YYYY-MM-DD. */
export function todayInBeijing(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Years offered by the filters and forms: two back, this one, the next. */
export function yearOptions(): { value: number; label: string }[] {
  const now = Number(todayInBeijing().slice(0, 4));
  return [now + 1, now, now - 1, now - 2].map((y) => ({ value: y, label: String(y) }));
}
