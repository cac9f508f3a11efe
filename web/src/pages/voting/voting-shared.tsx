/** Tags, labels and small helpers the voting pages share. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { BALLOT_CHOICE_LABELS, PAPER_ENTRY_STATUS_LABELS, VOTING_SESSION_STATUS_LABELS, type BallotChoice, type PaperEntryStatus, type VotingResultRow, type VotingSessionStatus } from '../../../../shared/projects.ts';
import { useLabel } from '../../i18n/labels.ts';

const STATUS_COLORS: Record<VotingSessionStatus, string> = { draft: 'default', open: 'red', closed: 'blue' };
export const CHOICE_COLORS: Record<BallotChoice, string> = { for: '#c4161c', against: '#1f5fa8', abstain: '#8c8c8c' };
const PAPER_COLORS: Record<PaperEntryStatus, string> = { pending: 'gold', confirmed: 'green', rejected: 'default' };

export function SessionStatusTag({ status }: { status: VotingSessionStatus }) {
  const L = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} variant={status === 'open' ? 'solid' : 'outlined'} style={{ marginInlineEnd: 0 }}>
      {L(VOTING_SESSION_STATUS_LABELS, status)}
    </Tag>
  );
}

export function ChoiceTag({ choice }: { choice: BallotChoice }) {
  const L = useLabel();
  return (
    <Tag color={CHOICE_COLORS[choice]} style={{ marginInlineEnd: 0 }}>
      {L(BALLOT_CHOICE_LABELS, choice)}
    </Tag>
  );
}

export function PaperStatusTag({ status }: { status: PaperEntryStatus }) {
  const L = useLabel();
  return (
    <Tag color={PAPER_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(PAPER_ENTRY_STATUS_LABELS, status)}
    </Tag>
  );
}

/** 通过 / 未通过 and why (below the threshold, beyond the seats, a tie at the last seat, no quorum). */
export function useResultText(): (row: VotingResultRow) => { label: string; reason: string } {
  const { t } = useTranslation();
  return (row) => ({
    label: row.passed ? t('voting.result.passed') : t('voting.result.notPassed'),
    reason: row.passed ? '' : t(`voting.result.reasons.${row.reason}`),
  });
}

export function ResultTag({ row }: { row: VotingResultRow }) {
  const text = useResultText()(row);
  return (
    <Tag color={row.passed ? 'green' : 'default'} variant={row.passed ? 'solid' : 'outlined'} style={{ marginInlineEnd: 0 }} title={text.reason || undefined}>
      {text.label}
    </Tag>
  );
}

/** The default quorum and pass threshold: more than half of the members. */
export const majorityOf = (members: number): number => Math.floor(members / 2) + 1;
