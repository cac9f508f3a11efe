import type { CaseOut, CaseStatus } from '../../../../shared/cases.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { TRANSITIONS } from '../case-status.ts';
import { casesErrors } from '../cases.errors.ts';
import { caseScopeFor, mayHandle } from '../cases.policy.ts';
import { caseFacts, presentCase } from '../cases.presenter.ts';
import { casesRepository, type CaseListRow, type CaseScope } from '../cases.repository.ts';
import { suggestDepartment } from '../routing/routing-rules.service.ts';
import { loadWorkingCalendar } from '../../../platform/calendar/office-days.ts';

async function loadScoped(db: Executor, p: Principal, id: string, given?: CaseScope): Promise<{ row: CaseListRow; scope: CaseScope }> {
  const scope = given ?? (await caseScopeFor(db, p));
  const row = await casesRepository.getScoped(db, scope, id);
  if (!row) throw casesErrors.CASE_NOT_FOUND();
  return { row, scope };
}

/** `scope`: the caller's jurisdiction as it was before an action that took the case out of it (a department's return). */
export async function getCase(deps: AppDeps, p: Principal, id: string, scope?: CaseScope): Promise<CaseOut> {
  const { db, pii } = deps;
  const { row, scope: seen } = await loadScoped(db, p, id, scope);
  const [events, attachments, deputies, mergedCases, cal] = await Promise.all([
    casesRepository.events(db, id, false),
    casesRepository.attachments(db, id),
    casesRepository.deputies(db, id),
    casesRepository.mergedInto(db, id),
    loadWorkingCalendar(db, row.district_code),
  ]);
  // The console suggests a department wherever the case can be assigned.
  const assignable = TRANSITIONS.assign.from.includes(row.status as CaseStatus);
  const suggestedDepartment = assignable ? await suggestDepartment(db, row.district_code, { category: row.category, regionCode: row.region_code }) : null;
  return presentCase(p, seen, row, { events, attachments, deputies, mergedCases, suggestedDepartment }, cal, deps.clock.now(), pii);
}

/** The full contact details, for those who must call back; every view is in the audit log (PIPL). */
export async function revealContact(deps: AppDeps, ctx: ActionContext, id: string): Promise<{ name: string | null; phone: string | null; email: string | null }> {
  const p = ctx.principal!;
  const { row, scope } = await loadScoped(deps.db, p, id);
  if (!mayHandle(p, caseFacts(row), scope)) throw platformErrors.FORBIDDEN('您的角色不能查看群众的完整联系方式');
  const dec = (v: string | null) => (v ? deps.pii.decrypt(v) : null);
  const out = { name: row.anonymous === 1 ? null : dec(row.contact_name), phone: dec(row.contact_phone), email: dec(row.contact_email) };
  await deps.db.transaction().execute((trx) => recordChange(trx, ctx, { action: 'case.view-contact', entityType: 'case', entityId: id, data: { fields: Object.keys(out).filter((k) => out[k as keyof typeof out]) } }));
  return out;
}

export async function getAttachment(deps: AppDeps, p: Principal, caseId: string, attachmentId: string): Promise<{ bytes: Buffer; mime: string; filename: string }> {
  await loadScoped(deps.db, p, caseId);
  const a = await casesRepository.attachment(deps.db, caseId, attachmentId);
  const bytes = a ? await deps.files.get(a.storage_key) : null;
  if (!a || !bytes) throw platformErrors.NOT_FOUND('附件不存在');
  return { bytes, mime: a.mime, filename: a.filename };
}
