import { SUGGESTION_ACTIONS, type CosponsorStatus, type SuggestionAction, type SuggestionStatus } from '../../../shared/suggestions.ts';
import { hasRole, type Principal } from '../../platform/auth/principal.ts';
import type { Executor } from '../../platform/db/database.ts';
import { platformErrors } from '../../platform/errors.ts';
import { stationScopeFor } from '../org/index.ts';
import { SUGGESTION_TRANSITIONS, type SuggestionActor } from './suggestion-status.ts';
import type { SuggestionScope } from './suggestions.repository.ts';
import { suggestionsErrors } from './suggestions.errors.ts';

/**
 * Who sees which suggestions (outside: 404): the office the district; a deputy those he/she leads
 * or is invited to co-sign; department handlers those assigned to their unit; station staff those,
 * past the draft, of the deputies serving their stations (read only); liaison officers none.
 * An account with several roles sees the union.
 */
export async function suggestionScopeFor(db: Executor, p: Principal): Promise<SuggestionScope> {
  if (hasRole(p, 'admin')) return { districtCode: p.districtCode, all: true, deputyId: null, departmentId: null, stationIds: [] };
  const stationIds = hasRole(p, 'station') ? ((await stationScopeFor(db, { ...p, roles: ['station'] })).stationIds ?? []) : [];
  return {
    districtCode: p.districtCode,
    all: false,
    deputyId: hasRole(p, 'deputy') ? p.deputyId : null,
    departmentId: hasRole(p, 'department') ? p.departmentId : null,
    stationIds,
  };
}

/** What the actor checks need to know of a suggestion, and of the caller's co-sponsorship. */
export interface SuggestionFacts {
  status: SuggestionStatus;
  leadDeputyId: string;
  createdBy: string;
  leadDepartmentId: string | null;
  coDepartmentIds: string[];
  /** The caller's own co-sponsor invitation, if any. */
  myCosponsorStatus: CosponsorStatus | null;
  extensionPending: boolean;
}

export function isActor(p: Principal, actor: SuggestionActor, s: SuggestionFacts): boolean {
  const deputy = hasRole(p, 'deputy') && p.deputyId !== null;
  const dept = hasRole(p, 'department') && p.departmentId !== null;
  switch (actor) {
    case 'author':
      return (deputy && p.deputyId === s.leadDeputyId) || (hasRole(p, 'admin') && p.userId === s.createdBy);
    case 'lead-deputy':
      return deputy && p.deputyId === s.leadDeputyId;
    case 'cosponsor':
      return deputy && s.myCosponsorStatus !== null;
    case 'admin':
      return hasRole(p, 'admin');
    case 'lead-department':
      return dept && p.departmentId === s.leadDepartmentId;
    case 'co-department':
      return dept && s.coDepartmentIds.includes(p.departmentId!);
  }
}

/** Conditions beyond status and actor; the error when one fails. */
function precondition(action: SuggestionAction, s: SuggestionFacts): (() => Error) | null {
  if (action === 'request-extension' && s.extensionPending) return () => suggestionsErrors.EXTENSION_PENDING();
  if (action === 'approve-extension' && !s.extensionPending) return () => suggestionsErrors.NO_EXTENSION_PENDING();
  if (action === 'sign' && s.myCosponsorStatus === 'signed') return () => suggestionsErrors.ALREADY_SIGNED();
  if (action === 'decline' && s.myCosponsorStatus === 'declined') return () => suggestionsErrors.ALREADY_DECLINED();
  return null;
}

export function mayPerform(p: Principal, action: SuggestionAction, s: SuggestionFacts): boolean {
  const t = SUGGESTION_TRANSITIONS[action];
  return isActor(p, t.actor, s) && t.from.includes(s.status) && precondition(action, s) === null;
}

/** The author edits a draft. */
export const mayEdit = (p: Principal, s: SuggestionFacts): boolean => s.status === 'draft' && isActor(p, 'author', s);

export function suggestionAbilities(p: Principal, s: SuggestionFacts): Record<SuggestionAction | 'edit', boolean> {
  return { ...(Object.fromEntries(SUGGESTION_ACTIONS.map((a) => [a, mayPerform(p, a, s)])) as Record<SuggestionAction, boolean>), edit: mayEdit(p, s) };
}

const WHO: Record<SuggestionActor, string> = {
  author: '领衔代表（或代其起草的代表工委）',
  'lead-deputy': '领衔代表',
  cosponsor: '受邀联名的代表',
  admin: '区人大常委会（代表工委）',
  'lead-department': '主办单位',
  'co-department': '协办单位',
};

/** Role first (403), then the precondition's own error. Status is checked by the caller (409 INVALID_TRANSITION). */
export function requireActor(p: Principal, action: SuggestionAction, s: SuggestionFacts): void {
  const actor = SUGGESTION_TRANSITIONS[action].actor;
  if (!isActor(p, actor, s)) throw platformErrors.FORBIDDEN(`只有${WHO[actor]}可以执行此操作`);
}

export function requirePrecondition(action: SuggestionAction, s: SuggestionFacts): void {
  const fail = precondition(action, s);
  if (fail) throw fail();
}

/** Drafting: deputies (their own) and the office (for a deputy). */
export function requireDrafter(p: Principal): void {
  if (!hasRole(p, 'admin') && !(hasRole(p, 'deputy') && p.deputyId)) throw platformErrors.FORBIDDEN('只有代表和区人大常委会（代表工委）可以起草代表建议');
}

export function requireEditor(p: Principal, s: SuggestionFacts): void {
  if (!isActor(p, 'author', s)) throw platformErrors.FORBIDDEN(`只有${WHO.author}可以修改建议`);
}
