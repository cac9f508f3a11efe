import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import { systemContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { newId } from '../../../platform/ids.ts';
import { notifyAccounts } from '../notices.ts';
import { suggestionsRepository } from '../suggestions.repository.ts';

/**
 * 超期督办: records one `overdue` event per suggestion and round once its reply is late, and tells
 * the office and the lead department (console inbox). Idempotent: the row is written at the
 * version read (a second process skips it) and `overdue_round` marks the round as done.
 */
export async function sweepOverdueSuggestions(deps: AppDeps, opts: { batch?: number } = {}): Promise<{ marked: number }> {
  const now = deps.clock.now();
  const ctx = systemContext(now, 'job:suggestion-sweep');
  const rows = await suggestionsRepository.overdue(deps.db, now.toISOString(), opts.batch ?? 500);
  let marked = 0;
  for (const s of rows) {
    const done = await deps.db.transaction().execute(async (trx) => {
      if (!(await suggestionsRepository.update(trx, s.id, s.version, { overdue_round: s.round, updated_at: now.toISOString() }))) return false;
      const due = shanghaiDate(new Date(s.due_at!));
      const note = `${s.round > 1 ? '重新办理' : '答复'}期限 ${due} 已过，尚未答复`;
      await suggestionsRepository.insertEvent(trx, {
        id: newId(), suggestion_id: s.id, at: now.toISOString(), type: 'overdue', actor_id: null, actor_name: '系统', from_status: s.status, to_status: s.status, note,
        data: JSON.stringify({ round: s.round, dueAt: s.due_at }),
      });
      const lead = (await suggestionsRepository.departments(trx, s.id)).filter((d) => d.role === 'lead').map((d) => d.department_id);
      await notifyAccounts(trx, { departmentIds: lead }, s, '代表建议超期未答复', `${note}，请尽快答复代表。`, now);
      await notifyAccounts(trx, { districtAdmins: s.district_code }, s, '代表建议超期未答复', `${note}，可以督办。`, now);
      await recordChange(trx, ctx, { action: 'suggestion.overdue', entityType: 'suggestion', entityId: s.id, data: { round: s.round, dueAt: s.due_at } });
      return true;
    });
    if (done) marked++;
  }
  return { marked };
}
