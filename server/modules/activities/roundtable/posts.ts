import type { RoundtablePostOut, RoundtableView, ThreadStatus, ActivityStatus } from '../../../../shared/activities.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { orgLookups } from '../../org/index.ts';
import { activitiesErrors } from '../activities.errors.ts';
import { isOnlineRoundtable, mayPost, mayWrite } from '../activities.policy.ts';
import { activityFacts, postAuthor, presentPost } from '../activities.presenter.ts';
import { activitiesRepository, type ActivityRow } from '../activities.repository.ts';
import { loadScoped, membershipOf } from '../queries/get-activity.ts';
import { roundtableRepository, type InvitationRow, type PostRow } from './roundtable.repository.ts';
import { tokenHash } from './roundtable.service.ts';

/** The thread as the caller may read it: moderators everything, others visible posts and their own hidden ones. */
export async function listPosts(deps: AppDeps, p: Principal, activityId: string, q: { limit: number; cursor?: string }): Promise<Page<RoundtablePostOut>> {
  const { row, scope } = await loadScoped(deps.db, p, activityId);
  if (!isOnlineRoundtable(row)) throw activitiesErrors.NOT_ONLINE_ROUNDTABLE();
  const all = mayWrite(scope, { stationId: row.station_id });
  const rows = await roundtableRepository.posts(deps.db, activityId, { all, ownUserId: p.userId }, q.limit, decodeCursor(q.cursor, 2));
  return toPage(rows, q.limit, (r) => [r.id, r.id], (r) => presentPost(r, deps.pii, { userId: p.userId }));
}

/** Writes a post into an open thread, under the activity's row lock so a concurrent close wins cleanly. */
async function writePost(deps: AppDeps, ctx: ActionContext, row: PostRow, audit: Record<string, unknown>): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await activitiesRepository.lockOpenThread(trx, row.activity_id))) throw activitiesErrors.ROUNDTABLE_CLOSED();
    await roundtableRepository.insertPost(trx, row);
    await recordChange(trx, ctx, { action: 'activity.post', entityType: 'activity', entityId: row.activity_id, data: { postId: row.id, ...audit } });
  });
}

const newPost = (activityId: string, body: string, at: string, who: Pick<PostRow, 'user_id' | 'invitation_id' | 'author_kind'>): PostRow => ({
  id: newId(), activity_id: activityId, body, status: 'visible', hidden_by: null, hidden_reason: null, hidden_at: null, created_at: at, ...who,
});

/** A post by an account: an invited one, a deputy taking part, or the host (the station's staff, the office). */
export async function postAsAccount(deps: AppDeps, ctx: ActionContext, activityId: string, body: string): Promise<RoundtablePostOut> {
  const p = ctx.principal!;
  const { row: a, scope } = await loadScoped(deps.db, p, activityId);
  if (!isOnlineRoundtable(a)) throw activitiesErrors.NOT_ONLINE_ROUNDTABLE();
  const m = await membershipOf(deps.db, p, activityId);
  if (!mayPost(scope, activityFacts(a), m)) throw activitiesErrors.NOT_POSTING_MEMBER();
  if (a.status === 'cancelled' || a.thread_status !== 'open') throw activitiesErrors.ROUNDTABLE_CLOSED();
  const kind = mayWrite(scope, { stationId: a.station_id }) ? 'staff' : hasRole(p, 'deputy') ? 'deputy' : hasRole(p, 'department') ? 'department' : 'staff';
  const row = newPost(activityId, body, ctx.now.toISOString(), { user_id: p.userId, invitation_id: null, author_kind: kind });
  await writePost(deps, ctx, row, { authorKind: kind });
  const saved = (await roundtableRepository.post(deps.db, activityId, row.id))!;
  return presentPost(saved, deps.pii, { userId: p.userId });
}

// Tokens are 32 random bytes in base64url (43 characters); anything else is not worth a query.
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The invitation a personal link stands for, with its roundtable; 404 for an unknown, revoked or malformed token. */
async function byToken(deps: AppDeps, token: string): Promise<{ inv: InvitationRow; a: ActivityRow }> {
  const inv = TOKEN.test(token) ? await roundtableRepository.byTokenHash(deps.db, tokenHash(token)) : undefined;
  const a = inv ? await activitiesRepository.get(deps.db, inv.activity_id) : undefined;
  if (!inv || !a || !isOnlineRoundtable(a)) throw activitiesErrors.INVITE_NOT_FOUND();
  return { inv, a };
}

/** What an invitee sees through the personal link: the roundtable, the visible posts (the latest 500), who they are. */
export async function getRoundtableByToken(deps: AppDeps, token: string): Promise<RoundtableView> {
  const { inv, a } = await byToken(deps, token);
  const station = a.station_id ? await orgLookups.station(deps.db, a.station_id) : undefined;
  const rows = (await roundtableRepository.posts(deps.db, a.id, { all: false }, 500, null, 'desc')).slice(0, 500).reverse();
  return {
    activity: {
      id: a.id, title: a.title, date: a.date, startTime: a.start_time, endTime: a.end_time, agenda: a.agenda, stationName: station?.name ?? null,
      status: a.status as ActivityStatus, threadStatus: (a.thread_status ?? 'closed') as ThreadStatus, summary: a.thread_status === 'closed' ? a.summary : '',
    },
    me: { name: inv.name ? deps.pii.decrypt(inv.name) : '', organisation: inv.organisation },
    posts: rows.map((r) => ({ id: r.id, author: postAuthor(r, deps.pii), body: r.body, createdAt: r.created_at, mine: r.invitation_id === inv.id })),
  };
}

/** A post through the personal link (no account). */
export async function postByToken(deps: AppDeps, ctx: ActionContext, token: string, body: string): Promise<{ id: string; body: string; createdAt: string }> {
  const { inv, a } = await byToken(deps, token);
  if (a.status === 'cancelled' || a.thread_status !== 'open') throw activitiesErrors.ROUNDTABLE_CLOSED();
  const row = newPost(a.id, body, ctx.now.toISOString(), { user_id: null, invitation_id: inv.id, author_kind: 'invitee' });
  await writePost(deps, { ...ctx, principal: null }, row, { invitationId: inv.id });
  return { id: row.id, body: row.body, createdAt: row.created_at };
}
