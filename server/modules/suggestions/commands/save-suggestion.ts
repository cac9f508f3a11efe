import type { SuggestionDetail } from '../../../../shared/suggestions.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { casesVisibleTo } from '../../cases/index.ts';
import { notifyAccounts } from '../notices.ts';
import { suggestionsErrors } from '../suggestions.errors.ts';
import { requireDrafter, requireEditor, suggestionScopeFor } from '../suggestions.policy.ts';
import { suggestionFacts } from '../suggestions.presenter.ts';
import { suggestionsRepository, type SuggestionRow } from '../suggestions.repository.ts';
import type { CreateSuggestionInput, UpdateSuggestionInput } from '../suggestions.schemas.ts';
import { getSuggestion } from '../queries/get-suggestion.ts';

/** An active deputy of the district, or the error naming `field`. */
async function activeDeputies(db: Executor, ids: string[], districtCode: string): Promise<Map<string, { name: string }>> {
  const rows = await suggestionsRepository.deputies(db, ids);
  return new Map(rows.filter((d) => d.active === 1 && d.district_code === districtCode).map((d) => [d.id, { name: d.name }]));
}

/** Co-sponsors and linked cases against the database; each refusal names its field. */
async function validateLinks(db: Executor, p: Principal, leadDeputyId: string, cosponsorIds: string[] | undefined, caseIds: string[] | undefined): Promise<void> {
  if (cosponsorIds?.length) {
    if (cosponsorIds.includes(leadDeputyId)) throw suggestionsErrors.LEAD_AMONG_COSPONSORS(undefined, { field: 'body.cosponsorIds' });
    const found = await activeDeputies(db, cosponsorIds, p.districtCode);
    const bad = cosponsorIds.findIndex((d) => !found.has(d));
    if (bad >= 0) throw suggestionsErrors.COSPONSOR_INVALID(undefined, { field: `body.cosponsorIds.${bad}` });
  }
  if (caseIds?.length) {
    // Only cases the author may see: a deputy those of his/her stations, the office the district's.
    const visible = await casesVisibleTo(db, p, caseIds);
    const bad = caseIds.findIndex((c) => !visible.has(c));
    if (bad >= 0) throw suggestionsErrors.CASE_INVALID(undefined, { field: `body.caseIds.${bad}` });
  }
}

/** Invites the new co-sponsors (their accounts are told) and removes the ones no longer listed. */
async function applyCosponsors(trx: Executor, s: Pick<SuggestionRow, 'id' | 'title' | 'number'>, wanted: string[], now: Date, exceptUserId: string): Promise<{ added: string[]; removed: string[] }> {
  const have = (await suggestionsRepository.cosponsors(trx, s.id)).map((c) => c.deputy_id);
  const added = wanted.filter((d) => !have.includes(d));
  const removed = have.filter((d) => !wanted.includes(d));
  await suggestionsRepository.removeCosponsors(trx, s.id, removed);
  await suggestionsRepository.addCosponsors(trx, added.map((deputy_id) => ({ suggestion_id: s.id, deputy_id, status: 'invited', invited_at: now.toISOString(), responded_at: null })));
  if (added.length) await notifyAccounts(trx, { deputyIds: added }, s, '联名邀请', '有代表邀请您联名提出一件代表建议，请查看后选择联名附议或谢绝。', now, exceptUserId);
  return { added, removed };
}

/**
 * A new draft. A deputy is always the lead of his/her own; the office drafts for a deputy it
 * names (`leadDeputyId`, required). Co-sponsors are invited at once; linked cases must be in the
 * author's case jurisdiction. One transaction: nothing is written when anything is refused.
 */
export async function createSuggestion(deps: AppDeps, ctx: ActionContext, input: CreateSuggestionInput): Promise<SuggestionDetail> {
  const p = ctx.principal!;
  requireDrafter(p);
  let lead: string | undefined;
  if (hasRole(p, 'admin')) lead = input.leadDeputyId ?? (hasRole(p, 'deputy') ? (p.deputyId ?? undefined) : undefined);
  else {
    if (input.leadDeputyId && input.leadDeputyId !== p.deputyId) throw suggestionsErrors.DEPUTY_INVALID('代表只能以本人名义领衔提出建议', { field: 'body.leadDeputyId' });
    lead = p.deputyId ?? undefined;
  }
  if (!lead) throw suggestionsErrors.DEPUTY_REQUIRED(undefined, { field: 'body.leadDeputyId' });
  const leadDeputyId = lead;
  const cosponsorIds = [...new Set(input.cosponsorIds ?? [])];
  const caseIds = [...new Set(input.caseIds ?? [])];
  const now = ctx.now;
  const at = now.toISOString();
  const row: SuggestionRow = {
    id: newId(), district_code: p.districtCode, number: null, number_seq: null, year: Number(shanghaiDate(now).slice(0, 4)), period: null, congress: null,
    title: input.title, content: input.content, proposals: input.proposals ?? '', category: input.category || null, status: 'draft', lead_deputy_id: leadDeputyId,
    created_by: p.userId, round: 1, supervision_level: 0, return_reason: null, due_at: null, assigned_at: null, extended_months: 0, ext_months: null, ext_reason: null,
    ext_requested_at: null, reply_category: null, rating: null, published: 0, public_title: null, public_content: null, public_proposals: null, overdue_round: 0,
    submitted_at: null, registered_at: null, replied_at: null, closed_at: null, version: 1, created_at: at, updated_at: at,
  };
  await deps.db.transaction().execute(async (trx) => {
    if (!(await activeDeputies(trx, [leadDeputyId], p.districtCode)).has(leadDeputyId)) throw suggestionsErrors.DEPUTY_INVALID(undefined, { field: 'body.leadDeputyId' });
    await validateLinks(trx, p, leadDeputyId, cosponsorIds, caseIds);
    await suggestionsRepository.insert(trx, row);
    await suggestionsRepository.setCases(trx, row.id, caseIds);
    await applyCosponsors(trx, row, cosponsorIds, now, p.userId);
    await suggestionsRepository.insertEvent(trx, {
      id: newId(), suggestion_id: row.id, at, type: 'created', actor_id: p.userId, actor_name: p.displayName, from_status: null, to_status: 'draft', note: null,
      data: JSON.stringify({ cases: caseIds.length, cosponsors: cosponsorIds.length }),
    });
    await recordChange(trx, ctx, {
      action: 'suggestion.create', entityType: 'suggestion', entityId: row.id,
      data: { leadDeputyId, caseIds, cosponsorIds, byOffice: leadDeputyId !== p.deputyId },
    });
  });
  return getSuggestion(deps, p, row.id);
}

/** Edits a draft at the version the caller saw; `cosponsorIds` and `caseIds` replace the lists when given. */
export async function updateSuggestion(deps: AppDeps, ctx: ActionContext, id: string, input: UpdateSuggestionInput): Promise<SuggestionDetail> {
  const p = ctx.principal!;
  const scope = await suggestionScopeFor(deps.db, p);
  const now = ctx.now;
  await deps.db.transaction().execute(async (trx) => {
    const row = await suggestionsRepository.getScoped(trx, scope, id);
    if (!row) throw suggestionsErrors.SUGGESTION_NOT_FOUND();
    const facts = suggestionFacts(row, await suggestionsRepository.departments(trx, id), await suggestionsRepository.cosponsors(trx, id), p);
    requireEditor(p, facts);
    if (input.version !== row.version) throw platformErrors.CONFLICT('该建议已被他人更新，请刷新后重试', { field: 'body.version' });
    if (row.status !== 'draft') throw platformErrors.INVALID_TRANSITION('只有草稿可以修改');
    const cosponsorIds = input.cosponsorIds ? [...new Set(input.cosponsorIds)] : undefined;
    const caseIds = input.caseIds ? [...new Set(input.caseIds)] : undefined;
    await validateLinks(trx, p, row.lead_deputy_id, cosponsorIds, caseIds);
    const patch: Partial<SuggestionRow> = { updated_at: now.toISOString() };
    if (input.title !== undefined) patch.title = input.title;
    if (input.content !== undefined) patch.content = input.content;
    if (input.proposals !== undefined) patch.proposals = input.proposals;
    if (input.category !== undefined) patch.category = input.category || null;
    if (!(await suggestionsRepository.update(trx, id, row.version, patch))) throw platformErrors.CONFLICT('该建议已被他人更新，请刷新后重试', { field: 'body.version' });
    let cos: { added: string[]; removed: string[] } | undefined;
    if (cosponsorIds) cos = await applyCosponsors(trx, { ...row, ...patch }, cosponsorIds, now, p.userId);
    if (caseIds) await suggestionsRepository.setCases(trx, id, caseIds);
    const fields = Object.keys(input).filter((k) => k !== 'version');
    await suggestionsRepository.insertEvent(trx, {
      id: newId(), suggestion_id: id, at: now.toISOString(), type: 'edited', actor_id: p.userId, actor_name: p.displayName, from_status: 'draft', to_status: 'draft', note: null,
      data: JSON.stringify({ fields }),
    });
    await recordChange(trx, ctx, { action: 'suggestion.update', entityType: 'suggestion', entityId: id, data: { fields, caseIds, cosponsorsAdded: cos?.added, cosponsorsRemoved: cos?.removed } });
  });
  return getSuggestion(deps, p, id, scope);
}
