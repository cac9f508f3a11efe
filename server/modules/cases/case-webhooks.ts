import type { CaseAction, CaseStatus } from '../../../shared/cases.ts';
import { publicBaseUrl } from '../../platform/config.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { queueDepartmentWebhook, type DepartmentWebhookEvent } from '../org/index.ts';
import type { CaseRow } from './cases.repository.ts';
import { formatTrackingCode } from './tracking-code.ts';

/** Which workflow steps a department's own system hears about (decision: what it must act on). */
export function webhookEventFor(action: CaseAction | 'rating', to: CaseStatus): DepartmentWebhookEvent | null {
  if (action === 'assign') return 'case.assigned';
  if (action === 'supervise') return 'case.supervised';
  if (action === 'approve-extension') return 'case.extension_decided';
  if ((action === 'rating' || action === 'follow-up') && to === 'in_progress') return 'case.reopened';
  return null;
}

/**
 * Queues the step for the case's department (after the step: `c` is the updated row), in the
 * step's transaction; nothing when the step is not one of those or the department has no
 * webhook. The case as a department needs it to find it: no constituent's name, phone,
 * address or words (the handlers read them in the console, where access is checked and logged).
 */
export async function queueCaseWebhook(trx: Executor, deps: AppDeps, c: CaseRow, action: CaseAction | 'rating', to: CaseStatus, extra: { approve?: boolean; workingDays?: number }, now: Date): Promise<void> {
  const event = webhookEventFor(action, to);
  if (!event || !c.department_id) return;
  const data: Record<string, unknown> = {
    case: {
      id: c.id,
      trackingCode: formatTrackingCode(c.tracking_code),
      title: c.title,
      category: c.category,
      status: c.status,
      dueAt: c.due_at,
      supervisionLevel: c.supervision_level,
      link: `${publicBaseUrl(deps.config)}/console/cases/${c.id}`,
    },
  };
  if (event === 'case.extension_decided') data.extension = { approved: extra.approve === true, workingDays: extra.approve ? (extra.workingDays ?? null) : null };
  await queueDepartmentWebhook(trx, deps, c.department_id, event, { occurredAt: now.toISOString(), data }, now);
}
