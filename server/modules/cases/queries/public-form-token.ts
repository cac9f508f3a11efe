import type { Executor } from '../../../platform/db/database.ts';
import { casesRepository } from '../cases.repository.ts';

/**
 * Whether a public form's token (its Idempotency-Key, commands/create-case.ts) already made a
 * case: sending that form again returns that case, so the portal asks nothing before it
 * (its possible-duplicates step would otherwise show the case the form itself made).
 */
export async function publicFormTokenUsed(db: Executor, token: string): Promise<boolean> {
  return (await casesRepository.idempotent(db, 'public', token)) !== undefined;
}
