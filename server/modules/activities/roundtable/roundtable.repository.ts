import type { Executor } from '../../../platform/db/database.ts';
import { keyset } from '../../../platform/db/keyset.ts';
import type { CursorValue } from '../../../platform/http/pagination.ts';
import type { ActivitiesTables } from '../activities.tables.ts';

export type InvitationRow = ActivitiesTables['roundtable_invitations'];
export type PostRow = ActivitiesTables['roundtable_posts'];
/** A post with what its author looks like: the account's name and unit, or the invitee's (still encrypted) name. */
export type PostWithAuthor = PostRow & {
  user_name: string | null;
  department_name: string | null;
  station_name: string | null;
  invitee_name: string | null;
  invitee_organisation: string | null;
};

export interface PostVisibility {
  /** Moderators: hidden posts too. */
  all: boolean;
  /** Otherwise visible posts, plus the hidden ones of this author. */
  ownUserId?: string | null;
  ownInvitationId?: string | null;
}

export const roundtableRepository = {
  async insertInvitation(db: Executor, row: InvitationRow): Promise<void> {
    await db.insertInto('roundtable_invitations').values(row).execute();
  },
  async invitations(db: Executor, activityId: string): Promise<Array<InvitationRow & { user_name: string | null }>> {
    return db
      .selectFrom('roundtable_invitations as i').leftJoin('users as u', 'u.id', 'i.user_id')
      .selectAll('i').select('u.display_name as user_name')
      .where('i.activity_id', '=', activityId).orderBy('i.id').execute();
  },
  async invitation(db: Executor, activityId: string, id: string): Promise<InvitationRow | undefined> {
    return db.selectFrom('roundtable_invitations').selectAll().where('activity_id', '=', activityId).where('id', '=', id).executeTakeFirst();
  },
  async byTokenHash(db: Executor, hash: string): Promise<InvitationRow | undefined> {
    return db.selectFrom('roundtable_invitations').selectAll().where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
  },
  /** The account's live invitation to this roundtable. */
  async accountInvitation(db: Executor, activityId: string, userId: string): Promise<InvitationRow | undefined> {
    return db.selectFrom('roundtable_invitations').selectAll().where('activity_id', '=', activityId).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  },
  async revoke(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('roundtable_invitations').set({ revoked_at: at }).where('id', '=', id).execute();
  },
  async countInvitations(db: Executor, activityId: string): Promise<number> {
    const r = await db.selectFrom('roundtable_invitations').select((eb) => eb.fn.countAll<number>().as('n')).where('activity_id', '=', activityId).executeTakeFirstOrThrow();
    return Number(r.n);
  },
  /** Active accounts of the district among `ids`. */
  async activeUsers(db: Executor, ids: string[], districtCode: string): Promise<Array<{ id: string; display_name: string }>> {
    if (!ids.length) return [];
    return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).where('district_code', '=', districtCode).where('active', '=', 1).execute();
  },

  async insertPost(db: Executor, row: PostRow): Promise<void> {
    await db.insertInto('roundtable_posts').values(row).execute();
  },
  async posts(db: Executor, activityId: string, v: PostVisibility, limit: number, after: CursorValue[] | null, direction: 'asc' | 'desc' = 'asc'): Promise<PostWithAuthor[]> {
    let q = db
      .selectFrom('roundtable_posts as p')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .leftJoin('stations as s', 's.id', 'u.station_id')
      .leftJoin('roundtable_invitations as i', 'i.id', 'p.invitation_id')
      .selectAll('p')
      .select(['u.display_name as user_name', 'd.name as department_name', 's.name as station_name', 'i.name as invitee_name', 'i.organisation as invitee_organisation'])
      .where('p.activity_id', '=', activityId);
    if (!v.all) {
      q = q.where((eb) => {
        const ors = [eb('p.status', '=', 'visible')];
        if (v.ownUserId) ors.push(eb('p.user_id', '=', v.ownUserId));
        if (v.ownInvitationId) ors.push(eb('p.invitation_id', '=', v.ownInvitationId));
        return eb.or(ors);
      });
    }
    return keyset(q, 'p.id', 'p.id', direction, after).limit(limit + 1).execute();
  },
  async post(db: Executor, activityId: string, id: string): Promise<PostWithAuthor | undefined> {
    return db
      .selectFrom('roundtable_posts as p')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .leftJoin('stations as s', 's.id', 'u.station_id')
      .leftJoin('roundtable_invitations as i', 'i.id', 'p.invitation_id')
      .selectAll('p')
      .select(['u.display_name as user_name', 'd.name as department_name', 's.name as station_name', 'i.name as invitee_name', 'i.organisation as invitee_organisation'])
      .where('p.activity_id', '=', activityId).where('p.id', '=', id).executeTakeFirst();
  },
  /** Moves a post between visible and hidden; false when it was not in `from` (a concurrent moderator). */
  async setPostStatus(db: Executor, id: string, from: 'visible' | 'hidden', patch: Pick<PostRow, 'status' | 'hidden_by' | 'hidden_reason' | 'hidden_at'>): Promise<boolean> {
    const res = await db.updateTable('roundtable_posts').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async countPosts(db: Executor, activityId: string): Promise<number> {
    const r = await db.selectFrom('roundtable_posts').select((eb) => eb.fn.countAll<number>().as('n')).where('activity_id', '=', activityId).executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
