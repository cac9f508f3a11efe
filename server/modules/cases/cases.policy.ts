import { CASE_ACTIONS, type CaseAbilities, type CaseAction, type CaseChannel, type CaseStatus } from '../../../shared/cases.ts';
import { hasRole, type Principal } from '../../platform/auth/principal.ts';
import type { Executor } from '../../platform/db/database.ts';
import { platformErrors } from '../../platform/errors.ts';
import { stationScopeFor } from '../org/index.ts';
import { TRANSITIONS, type CaseActor } from './case-status.ts';
import type { CaseScope } from './cases.repository.ts';

/**
 * Who sees which cases: the district office all of its district; station staff and liaison
 * officers their station and its rooms; deputies the stations they serve and every case naming
 * them as a receiving deputy (a case taken at a room of their station, or at another station's
 * reception day: PRODUCT, "the cases he/she received"); department handlers the cases assigned
 * to their unit. Outside that a case does not exist (404).
 */
export async function caseScopeFor(db: Executor, p: Principal): Promise<CaseScope> {
  if (hasRole(p, 'admin')) return { districtCode: p.districtCode, all: true, stationIds: [], departmentId: null, deputyId: null };
  let stationIds: string[] = [];
  if (hasRole(p, 'station', 'liaison', 'deputy')) {
    // org's station scope gives department handlers the whole district (for station pages); cases narrow them to their unit.
    const s = await stationScopeFor(db, { ...p, roles: p.roles.filter((r) => r !== 'department') });
    stationIds = s.stationIds ?? [];
  }
  return {
    districtCode: p.districtCode, all: false, stationIds,
    departmentId: hasRole(p, 'department') ? p.departmentId : null,
    deputyId: hasRole(p, 'deputy') ? p.deputyId : null,
  };
}

export interface CaseFacts {
  status: CaseStatus;
  stationId: string;
  departmentId: string | null;
  extensionPending: boolean;
}

/** Whether `p` is the kind of actor the transition table names, for this case. */
export function isActor(p: Principal, actor: CaseActor, c: CaseFacts, scope: CaseScope): boolean {
  switch (actor) {
    case 'admin':
      return hasRole(p, 'admin');
    case 'station':
      return hasRole(p, 'admin') || (hasRole(p, 'station') && scope.stationIds.includes(c.stationId));
    case 'department':
      return hasRole(p, 'department') && p.departmentId !== null && p.departmentId === c.departmentId;
  }
}

/** Extra conditions beyond status and actor: one extension request at a time. */
function preconditionHolds(action: CaseAction, c: CaseFacts): boolean {
  if (action === 'request-extension') return !c.extensionPending;
  if (action === 'approve-extension') return c.extensionPending;
  return true;
}

export function mayPerform(p: Principal, action: CaseAction, c: CaseFacts, scope: CaseScope): boolean {
  const t = TRANSITIONS[action];
  return isActor(p, t.actor, c, scope) && t.from.includes(c.status) && preconditionHolds(action, c);
}

/** What the console offers now: an action is possible when the role, the status and its precondition allow it. */
export function caseAbilities(p: Principal, c: CaseFacts, scope: CaseScope): CaseAbilities {
  return Object.fromEntries(CASE_ACTIONS.map((a) => [a, mayPerform(p, a, c, scope)])) as CaseAbilities;
}

/** Role first (403), then status (409): a department handler asking to accept a new case is refused, not told the status is wrong. */
export function requireActor(p: Principal, action: CaseAction, c: CaseFacts, scope: CaseScope): void {
  const t = TRANSITIONS[action];
  if (!isActor(p, t.actor, c, scope)) {
    const who = { station: '联络站工作人员或区人大常委会', department: '承办单位', admin: '区人大常委会（代表工委）' }[t.actor];
    throw platformErrors.FORBIDDEN(`只有${t.actor === 'department' ? '交办到的' : ''}${who}可以执行此操作`);
  }
}

/**
 * Those who act on the case — station staff in jurisdiction, the office, the assigned department:
 * they may see the constituent's full contact details (every view audited) and add files.
 */
export function mayHandle(p: Principal, c: CaseFacts, scope: CaseScope): boolean {
  return isActor(p, 'station', c, scope) || isActor(p, 'department', c, scope);
}

/** Staff intake: which roles may record a case, through which channels. */
export function mayRecord(p: Principal, channel: CaseChannel): boolean {
  if (hasRole(p, 'admin', 'station')) return true;
  if (hasRole(p, 'liaison')) return channel === 'visit' || channel === 'phone' || channel === 'wechat';
  if (hasRole(p, 'deputy')) return channel === 'reception' || channel === 'visit' || channel === 'roundtable';
  return false;
}

export function requireCaseAdmin(p: Principal): void {
  if (!hasRole(p, 'admin')) throw platformErrors.FORBIDDEN('只有区人大常委会（代表工委）可以修改此设置');
}

/** Routing rules are the office's and the stations' working knowledge; handlers and deputies do not need them. */
export function requireRoutingReader(p: Principal): void {
  if (!hasRole(p, 'admin', 'station')) throw platformErrors.FORBIDDEN('只有区人大常委会和联络站工作人员可以查看分办规则');
}
