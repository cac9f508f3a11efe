import type { CaseAction, SlaStage } from '../../../shared/cases.ts';

/**
 * Time limits (交办及时、办理限时、回访定时): which clock runs after an action and for how
 * many working days. Pure; the calendar turns working days into a due instant.
 */
export interface SlaPolicy {
  assignDays: number;
  handleDays: number;
  urgentHandleDays: number;
  followUpDays: number;
}

/** PRODUCT.md defaults: assign within 2 working days of acceptance, handle within 15 (urgent 3), follow up within 5. */
export const DEFAULT_SLA: SlaPolicy = { assignDays: 2, handleDays: 15, urgentHandleDays: 3, followUpDays: 5 };

export interface CategorySla {
  assignDays: number | null;
  handleDays: number | null;
  urgentHandleDays: number | null;
  followUpDays: number | null;
}

/** A category's own limits where it has them, the district's elsewhere. */
export function policyFor(district: SlaPolicy, category: CategorySla | null): SlaPolicy {
  return {
    assignDays: category?.assignDays ?? district.assignDays,
    handleDays: category?.handleDays ?? district.handleDays,
    urgentHandleDays: category?.urgentHandleDays ?? district.urgentHandleDays,
    followUpDays: category?.followUpDays ?? district.followUpDays,
  };
}

/** What happens to the clock: start a stage for N working days from today, keep it, extend it, or stop it. */
export type ClockChange = { kind: 'start'; stage: SlaStage; days: number } | { kind: 'keep' } | { kind: 'extend'; days: number } | { kind: 'stop' };

export function clockAfter(
  action: CaseAction | 'rating',
  o: { policy: SlaPolicy; urgent: boolean; workingDays?: number; approved?: boolean; reopened?: boolean },
): ClockChange {
  const handleDays = o.urgent ? o.policy.urgentHandleDays : o.policy.handleDays;
  switch (action) {
    case 'accept':
    case 'return':
      return { kind: 'start', stage: 'assign', days: o.policy.assignDays };
    case 'assign':
      return { kind: 'start', stage: 'handle', days: o.workingDays ?? handleDays };
    case 'approve-extension':
      return o.approved && o.workingDays ? { kind: 'extend', days: o.workingDays } : { kind: 'keep' };
    case 'feedback':
      return { kind: 'start', stage: 'follow_up', days: o.policy.followUpDays };
    case 'follow-up':
    case 'rating':
      // 不满意: the department handles it again under a fresh handling limit (重办).
      return o.reopened ? { kind: 'start', stage: 'handle', days: handleDays } : { kind: 'stop' };
    case 'resolve':
    case 'reply':
    case 'reject':
    case 'merge':
    case 'close':
      return { kind: 'stop' };
    case 'dept-accept':
    case 'request-extension':
    case 'supervise':
      return { kind: 'keep' };
  }
}

/**
 * Automatic escalation (督办) of an overdue case by how many working days it is late:
 * 1 reminder on the first day, 2 district supervision after 2 working days, 3 挂牌督办 after 5.
 */
export function escalationLevel(workingDaysLate: number): number {
  if (workingDaysLate >= 5) return 3;
  if (workingDaysLate >= 2) return 2;
  return 1;
}
