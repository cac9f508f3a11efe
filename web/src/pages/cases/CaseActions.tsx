/** The buttons of what the caller may do to the case now (`abilities`), in the workflow's order; the main next step is the primary one. */
import { Button, Space } from 'antd';
import { CASE_ACTIONS, CASE_ACTION_LABELS, type CaseAbilities, type CaseAction } from '../../../../shared/cases.ts';
import { useLabel } from '../../i18n/labels.ts';

/** The step that moves the case forward, when several are offered. */
const FORWARD: CaseAction[] = ['accept', 'assign', 'dept-accept', 'reply', 'feedback', 'follow-up', 'approve-extension'];
const DANGER: CaseAction[] = ['reject', 'return'];

export function allowedActions(abilities: CaseAbilities): CaseAction[] {
  return CASE_ACTIONS.filter((a) => abilities[a]);
}

export function CaseActions({ abilities, onAction }: { abilities: CaseAbilities; onAction: (a: CaseAction) => void }) {
  const L = useLabel();
  const allowed = allowedActions(abilities);
  if (!allowed.length) return null;
  const primary = FORWARD.find((a) => allowed.includes(a));
  const ordered = primary ? [primary, ...allowed.filter((a) => a !== primary)] : allowed;
  return (
    <Space wrap size={8} className="case-actions">
      {ordered.map((a) => (
        <Button key={a} type={a === primary ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => onAction(a)}>
          {L(CASE_ACTION_LABELS, a)}
        </Button>
      ))}
    </Space>
  );
}
