import type { CaseAttachmentOut, CaseStatus } from '../../../../shared/cases.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { isOpen } from '../case-status.ts';
import { casesErrors } from '../cases.errors.ts';
import { caseScopeFor, mayHandle } from '../cases.policy.ts';
import { caseFacts, presentAttachment } from '../cases.presenter.ts';
import { casesRepository } from '../cases.repository.ts';
import { prepareAttachment } from './photos.ts';

/**
 * A file for a reply or the record (the department's letter, a site photo). It stays
 * unlinked until an action (a reply) names it; the people who act on the case may upload.
 */
export async function addAttachment(deps: AppDeps, ctx: ActionContext, caseId: string, file: { bytes: Uint8Array; filename: string }): Promise<CaseAttachmentOut> {
  const p = ctx.principal!;
  const scope = await caseScopeFor(deps.db, p);
  const c = await casesRepository.getScoped(deps.db, scope, caseId);
  if (!c) throw casesErrors.CASE_NOT_FOUND();
  if (!mayHandle(p, caseFacts(c), scope)) throw platformErrors.FORBIDDEN('您不能为该诉求上传附件');
  if (!isOpen(c.status as CaseStatus)) throw platformErrors.INVALID_TRANSITION('诉求已办结，不能再上传附件');
  const prepared = await prepareAttachment(deps, file.bytes, file.filename);
  const row = {
    id: newId(), case_id: caseId, event_id: null, filename: prepared.filename, mime: prepared.mime, size: prepared.stored.size, sha256: prepared.stored.sha256,
    storage_key: prepared.stored.key, source: 'staff', uploaded_by: p.userId, created_at: ctx.now.toISOString(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await casesRepository.insertAttachment(trx, row);
    await recordChange(trx, ctx, { action: 'case.attach', entityType: 'case', entityId: caseId, data: { attachmentId: row.id, mime: row.mime, size: row.size } });
  });
  return presentAttachment(row);
}
