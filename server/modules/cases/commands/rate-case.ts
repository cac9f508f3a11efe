import type { Rating } from '../../../../shared/cases.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { canBeRated, nextStatus } from '../case-status.ts';
import { casesErrors } from '../cases.errors.ts';
import { casesRepository } from '../cases.repository.ts';
import type { CaseStatus } from '../../../../shared/cases.ts';
import { getPublicCase, type PublicCase } from '../queries/public-case.ts';
import { normaliseTrackingCode } from '../tracking-code.ts';
import { applyTransition, rated } from './perform-action.ts';

/**
 * The constituent's own rating through the tracking code: what a follow-up visit does. When
 * the case has a phone, its last four digits must match, so a leaked code alone cannot rate.
 */
export async function rateCase(deps: AppDeps, ctx: ActionContext, rawCode: string, input: { rating: Rating; comment?: string; phoneLast4?: string }): Promise<PublicCase> {
  const code = normaliseTrackingCode(rawCode);
  await deps.db.transaction().execute(async (trx) => {
    const c = code ? await casesRepository.byTrackingCode(trx, code) : undefined;
    if (!c) throw casesErrors.TRACKING_CODE_NOT_FOUND();
    if (c.merged_into_id || !canBeRated(c.status as CaseStatus)) throw casesErrors.RATING_NOT_ALLOWED();
    if (c.contact_phone) {
      const phone = deps.pii.decrypt(c.contact_phone);
      if (!input.phoneLast4 || phone.slice(-4) !== input.phoneLast4) throw casesErrors.PHONE_CHECK_FAILED(undefined, { field: 'body.phoneLast4' });
    }
    const to = nextStatus('follow-up', c.status as CaseStatus, { rating: input.rating })!;
    const effect = rated(ctx, c, input.rating, to, null);
    effect.note = input.comment ?? null;
    await applyTransition(trx, deps, ctx, c, 'rating', to, c.version, effect, { userId: null, name: null, role: 'constituent' });
  });
  return getPublicCase(deps.db, code!);
}
