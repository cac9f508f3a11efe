import { createHash } from 'node:crypto';
import type { ActivityOut, RoundtablePostOut } from '../../../../shared/activities.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import { publicBaseUrl } from '../../../platform/config.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId, randomToken } from '../../../platform/ids.ts';
import { activitiesErrors } from '../activities.errors.ts';
import { isOnlineRoundtable } from '../activities.policy.ts';
import { presentPost } from '../activities.presenter.ts';
import { activitiesRepository, type ActivityListRow } from '../activities.repository.ts';
import { getActivity, loadForWrite } from '../queries/get-activity.ts';
import { roundtableRepository, type InvitationRow } from './roundtable.repository.ts';

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

function requireOnline(a: ActivityListRow): void {
  if (!isOnlineRoundtable(a)) throw activitiesErrors.NOT_ONLINE_ROUNDTABLE();
}

function requireOpen(a: ActivityListRow): void {
  if (a.status === 'cancelled' || a.thread_status !== 'open') throw activitiesErrors.ROUNDTABLE_CLOSED();
}

export interface InviteInput {
  version: number;
  userIds?: string[];
  invitees?: Array<{ type: string; name: string; organisation?: string }>;
}

export interface InviteResult {
  activity: ActivityOut;
  /** The raw tokens, shown once: only their SHA-256 is kept. */
  tokens: Array<{ invitationId: string; name: string; token: string; url: string }>;
}

/** Invites accounts of the district and people without one (each gets a personal link) to an open online roundtable. */
export async function invite(deps: AppDeps, ctx: ActionContext, activityId: string, input: InviteInput): Promise<InviteResult> {
  const p = ctx.principal!;
  const { row: a } = await loadForWrite(deps.db, p, activityId);
  requireOnline(a);
  requireOpen(a);
  const userIds = [...new Set(input.userIds ?? [])];
  const users = await roundtableRepository.activeUsers(deps.db, userIds, a.district_code);
  if (users.length !== userIds.length) {
    const missing = userIds.filter((id) => !users.some((u) => u.id === id));
    throw activitiesErrors.USER_INVALID(`所邀请的账号不存在、已停用或不属于本区：${missing.join('、')}`, { field: 'body.userIds' });
  }
  const now = ctx.now.toISOString();
  const already = new Set((await roundtableRepository.invitations(deps.db, activityId)).filter((i) => i.user_id && !i.revoked_at).map((i) => i.user_id));
  const rows: InvitationRow[] = userIds.filter((id) => !already.has(id)).map((userId) => ({
    id: newId(), activity_id: activityId, user_id: userId, type: null, name: '', organisation: '', token_hash: null, revoked_at: null, created_by: p.userId, created_at: now,
  }));
  const tokens: InviteResult['tokens'] = [];
  for (const x of input.invitees ?? []) {
    const token = randomToken(32);
    const row: InvitationRow = {
      id: newId(), activity_id: activityId, user_id: null, type: x.type, name: deps.pii.encrypt(x.name), organisation: x.organisation ?? '',
      token_hash: tokenHash(token), revoked_at: null, created_by: p.userId, created_at: now,
    };
    rows.push(row);
    tokens.push({ invitationId: row.id, name: x.name, token, url: `${publicBaseUrl(deps.config)}/roundtables/${token}` });
  }
  await deps.db.transaction().execute(async (trx) => {
    if (!(await activitiesRepository.update(trx, activityId, input.version, { updated_at: now }))) throw platformErrors.CONFLICT();
    for (const r of rows) await roundtableRepository.insertInvitation(trx, r);
    await recordChange(trx, ctx, {
      action: 'activity.invite', entityType: 'activity', entityId: activityId,
      data: { invitationIds: rows.map((r) => r.id), accounts: rows.filter((r) => r.user_id).map((r) => r.user_id), invitees: tokens.length },
    });
  });
  return { activity: await getActivity(deps, p, activityId), tokens };
}

/** Withdraws an invitation: the account no longer sees the roundtable, the link stops working. Posts stay. */
export async function revokeInvitation(deps: AppDeps, ctx: ActionContext, activityId: string, invitationId: string, version: number): Promise<ActivityOut> {
  const p = ctx.principal!;
  const { row: a } = await loadForWrite(deps.db, p, activityId);
  requireOnline(a);
  const inv = await roundtableRepository.invitation(deps.db, activityId, invitationId);
  if (!inv) throw activitiesErrors.INVITATION_NOT_FOUND();
  if (inv.revoked_at) throw platformErrors.INVALID_TRANSITION('邀请已撤销');
  const now = ctx.now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await activitiesRepository.update(trx, activityId, version, { updated_at: now }))) throw platformErrors.CONFLICT();
    await roundtableRepository.revoke(trx, invitationId, now);
    await recordChange(trx, ctx, { action: 'activity.invite.revoke', entityType: 'activity', entityId: activityId, data: { invitationId } });
  });
  return getActivity(deps, p, activityId);
}

/** Ends the thread with the closing summary: no further posts; the roundtable counts as held. */
export async function closeRoundtable(deps: AppDeps, ctx: ActionContext, activityId: string, input: { version: number; summary: string }): Promise<ActivityOut> {
  const p = ctx.principal!;
  const { row: a } = await loadForWrite(deps.db, p, activityId);
  requireOnline(a);
  requireOpen(a);
  if (a.date > shanghaiDate(ctx.now)) throw platformErrors.INVALID_TRANSITION('圆桌会日期在今天之后，不能结束；如已提前举行，请先修改日期');
  const now = ctx.now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const patch = { thread_status: 'closed', status: 'held', summary: input.summary, closed_at: now, closed_by: p.userId, updated_at: now };
    if (!(await activitiesRepository.update(trx, activityId, input.version, patch))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, { action: 'activity.close', entityType: 'activity', entityId: activityId, data: { summaryLength: input.summary.length } });
  });
  return getActivity(deps, p, activityId);
}

/** Moderation by the station's staff or the office: hide a post (with a reason) or show it again. Also after the close. */
export async function moderatePost(deps: AppDeps, ctx: ActionContext, activityId: string, postId: string, action: 'hide' | 'restore', reason?: string): Promise<RoundtablePostOut> {
  const p = ctx.principal!;
  const { row: a } = await loadForWrite(deps.db, p, activityId);
  requireOnline(a);
  const post = await roundtableRepository.post(deps.db, activityId, postId);
  if (!post) throw activitiesErrors.POST_NOT_FOUND();
  const now = ctx.now.toISOString();
  const patch = action === 'hide'
    ? { status: 'hidden', hidden_by: p.userId, hidden_reason: reason ?? '', hidden_at: now }
    : { status: 'visible', hidden_by: null, hidden_reason: null, hidden_at: null };
  await deps.db.transaction().execute(async (trx) => {
    if (!(await roundtableRepository.setPostStatus(trx, postId, action === 'hide' ? 'visible' : 'hidden', patch))) {
      throw platformErrors.INVALID_TRANSITION(action === 'hide' ? '该发言已被隐藏' : '该发言没有被隐藏');
    }
    await recordChange(trx, ctx, { action: `activity.post.${action}`, entityType: 'activity', entityId: activityId, data: { postId, reason: reason ?? null } });
  });
  return presentPost({ ...post, ...patch }, deps.pii, { userId: p.userId });
}
