import type { Executor } from '../../platform/db/database.ts';
import { enqueueMessage } from '../../platform/notify/outbox.ts';
import { suggestionsRepository, type SuggestionRow } from './suggestions.repository.ts';

/** Who hears about a suggestion in the console inbox: the office, departments' handlers, deputies' own accounts. */
export type Audience = { districtAdmins: string } | { departmentIds: string[] } | { deputyIds: string[] } | { userIds: string[] };

/** Queues one inbox message per account in the caller's transaction; returns how many. */
export async function notifyAccounts(trx: Executor, who: Audience, s: Pick<SuggestionRow, 'id' | 'title' | 'number'>, subject: string, body: string, now: Date, exceptUserId?: string): Promise<number> {
  const ids = 'userIds' in who ? [...new Set(who.userIds)] : await suggestionsRepository.accounts(trx, who);
  let n = 0;
  for (const userId of ids) {
    if (userId === exceptUserId) continue;
    await enqueueMessage(trx, {
      channel: 'inbox', recipientUserId: userId, recipientMasked: '', subject,
      body: `${body}\n建议：《${s.title}》${s.number ? `（${s.number}）` : ''}`, entityType: 'suggestion', entityId: s.id,
    }, now);
    n++;
  }
  return n;
}
