import type { CaseStatus, Rating } from '../../../../shared/cases.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { canBeRated, nextStatus } from '../case-status.ts';
import { casesErrors } from '../cases.errors.ts';
import { casesRepository } from '../cases.repository.ts';
import { getPublicCase, type PublicCase } from '../queries/public-case.ts';
import { normaliseTrackingCode } from '../tracking-code.ts';
import { applyTransition, rated } from './perform-action.ts';

/** Wrong last-four guesses allowed per case: 10,000 possibilities, so five tries give a guesser 0.05 %. */
export const MAX_RATING_FAILURES = 5;

/**
 * The constituent's own rating through the tracking code: what a follow-up visit does. When
 * the case has a phone, its last four digits must match, so a leaked code alone cannot rate.
 */
export async function rateCase(deps: AppDeps, ctx: ActionContext, rawCode: string, input: { rating: Rating; comment?: string; phoneLast4?: string }): Promise<PublicCase> {
  const code = normaliseTrackingCode(rawCode);
  let failedCaseId: string | null = null;
  try {
    await rate(deps, ctx, code, input, (id) => (failedCaseId = id));
  } catch (e) {
    // The refusal rolled the transaction back; the failed attempt is counted on its own.
    if (failedCaseId) await casesRepository.countRatingFailure(deps.db, failedCaseId);
    throw e;
  }
  return getPublicCase(deps.db, code!);
}

async function rate(deps: AppDeps, ctx: ActionContext, code: string | null, input: { rating: Rating; comment?: string; phoneLast4?: string }, onWrongPhone: (id: string) => void): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const c = code ? await casesRepository.byTrackingCode(trx, code) : undefined;
    if (!c) throw casesErrors.TRACKING_CODE_NOT_FOUND();
    if (c.merged_into_id || !canBeRated(c.status as CaseStatus)) throw casesErrors.RATING_NOT_ALLOWED();
    if (c.contact_phone) {
      if (c.rating_failures >= MAX_RATING_FAILURES) throw casesErrors.RATING_LOCKED();
      const phone = deps.pii.decrypt(c.contact_phone);
      if (!input.phoneLast4 || phone.slice(-4) !== input.phoneLast4) {
        if (input.phoneLast4) onWrongPhone(c.id);
        throw casesErrors.PHONE_CHECK_FAILED(undefined, { field: 'body.phoneLast4' });
      }
    }
    const to = nextStatus('follow-up', c.status as CaseStatus, { rating: input.rating })!;
    const effect = rated(ctx, c, input.rating, to, null);
    effect.note = input.comment ?? null;
    await applyTransition(trx, deps, ctx, c, 'rating', to, c.version, effect, { userId: null, name: null, role: 'constituent' });
  });
}
