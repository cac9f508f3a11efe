import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import { systemContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { enqueueMessage } from '../../../platform/notify/outbox.ts';
import { implementationRepository as repo } from '../implementation/implementation.repository.ts';

export const MILESTONE_SWEEP_JOB = 'project-milestone-sweep';

/**
 * Overdue milestones (planned before today, Asia/Shanghai, and not done) of projects being
 * delivered: the responsible department's accounts and the district office get one console
 * inbox message per milestone. Once: the notice is claimed by setting `overdue_notified_at`
 * where it is still empty, in the same transaction as the messages, so a second run or a
 * second process sends nothing. A new planned date clears the mark (the milestone may be late again).
 */
export async function sweepOverdueMilestones(deps: AppDeps, opts: { batch?: number } = {}): Promise<{ notified: number; messages: number }> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const ctx = systemContext(now, `job:${MILESTONE_SWEEP_JOB}`);
  const rows = await repo.unnotifiedOverdue(deps.db, today, opts.batch ?? 500);
  let notified = 0;
  let messages = 0;
  for (const m of rows) {
    const sent = await deps.db.transaction().execute(async (trx) => {
      if (!(await repo.claimOverdueNotice(trx, m.id, now.toISOString()))) return null;
      const recipients = new Set(await repo.staffIds(trx, { districtAdmins: m.district_code }));
      if (m.department_id) for (const id of await repo.staffIds(trx, { departmentId: m.department_id, districtCode: m.district_code })) recipients.add(id);
      for (const userId of recipients) {
        await enqueueMessage(trx, {
          channel: 'inbox', recipientUserId: userId, recipientMasked: '',
          subject: `实施节点逾期：${m.project_title}`,
          body: `节点“${m.title}”计划于 ${m.due_on} 完成，至今（${today}）尚未完成。请责任单位尽快推进并报告进度。`,
          entityType: 'project', entityId: m.project_id,
        }, now);
      }
      await recordChange(trx, ctx, { action: 'project.milestone.overdue', entityType: 'project', entityId: m.project_id, data: { milestoneId: m.id, dueOn: m.due_on, notified: recipients.size } });
      return recipients.size;
    });
    if (sent !== null) {
      notified++;
      messages += sent;
    }
  }
  return { notified, messages };
}
