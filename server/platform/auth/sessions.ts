import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { randomToken } from '../ids.ts';
import { toUser } from './users.repository.ts';
import type { Principal } from './principal.ts';

export const SESSION_COOKIE = 'lianxin_session';

/** The database keeps only a hash of the cookie value: a leaked table cannot be replayed. */
export const sessionIdFor = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export async function createSession(
  db: Executor,
  userId: string,
  now: Date,
  policy: SessionPolicy,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + policy.maxHours * 3600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: sessionIdFor(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The principal behind a cookie, or null when the session is unknown, revoked, idle too long or past its end. */
export async function resolveSession(db: Executor, token: string, now: Date, policy: SessionPolicy): Promise<Principal | null> {
  const id = sessionIdFor(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at', 'sessions.revoked_at'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.active !== 1) return null;
  const t = now.getTime();
  if (Date.parse(row.expires_at) <= t) return null;
  if (Date.parse(row.last_seen_at) + policy.idleMinutes * 60_000 <= t) return null;
  // Touch at most once a minute: a write per request would cost more than the session is worth.
  if (t - Date.parse(row.last_seen_at) > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  const user = toUser(row);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    districtCode: user.districtCode,
    stationId: user.stationId,
    departmentId: user.departmentId,
    deputyId: user.deputyId,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
  };
}

export async function revokeSession(db: Executor, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeUserSessions(db: Executor, userId: string, now: Date, exceptSessionId?: string): Promise<number> {
  let q = db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function listUserSessions(db: Executor, userId: string, now: Date) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}

/** A user acting without a session (demo seeding, scripted imports): the same principal a login would give. */
export async function principalForUser(db: Executor, userId: string): Promise<Principal | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row || row.active !== 1) return null;
  const user = toUser(row);
  return {
    userId: user.id, username: user.username, displayName: user.displayName, roles: user.roles, districtCode: user.districtCode,
    stationId: user.stationId, departmentId: user.departmentId, deputyId: user.deputyId, sessionId: 'none', csrfToken: 'none',
  };
}
