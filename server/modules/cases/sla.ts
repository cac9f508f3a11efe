import type { CaseAction, SlaStage } from '../../../shared/cases.ts';
import { endOfShanghaiDayNumber, fromDayNumber, toDayNumber } from '../../platform/calendar/dates.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-days.ts';

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

/** Working days late at which levels 2 and 3 begin (level 1 begins when the clock runs out). */
const LEVEL_STARTS: ReadonlyArray<readonly [level: number, workingDaysLate: number]> = [[2, 2], [3, 5]];

/**
 * Automatic escalation (督办) of an overdue case by how many working days it is late:
 * 1 reminder on the first day, 2 district supervision after 2 working days, 3 挂牌督办 after 5.
 */
export function escalationLevel(workingDaysLate: number): number {
  let level = 1;
  for (const [next, days] of LEVEL_STARTS) if (workingDaysLate >= days) level = next;
  return level;
}

/**
 * The latest due instant whose case must be at least at `level` on `today` (a Shanghai date): a
 * case at a lower level due at or before it must rise. The SLA sweep asks the database for
 * exactly those cases instead of reading every overdue case to find them. The end of the last
 * Shanghai day that is that many working days before today (due instants are ends of days; any
 * instant of that day counts as due that day, as `escalationLevel` counts).
 */
export function mustReachBy(cal: Pick<WorkingCalendar, 'workingDaysBetween'>, today: string, level: 2 | 3): Date {
  const days = LEVEL_STARTS.find(([l]) => l === level)![1];
  let day = toDayNumber(today);
  // A year without that many working days (a calendar of holidays only) has no such case.
  for (let back = 0; back <= 366 && cal.workingDaysBetween(fromDayNumber(day), today) < days; back++) day--;
  return cal.workingDaysBetween(fromDayNumber(day), today) < days ? new Date(0) : endOfShanghaiDayNumber(day);
}
