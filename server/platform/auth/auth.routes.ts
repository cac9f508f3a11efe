import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordChange } from '../audit/audit.ts';
import type { AppDeps } from '../deps.ts';
import { platformErrors } from '../errors.ts';
import { hasForbiddenChars } from '../http/fields.ts';
import { actionContext, requirePrincipal } from './auth.plugin.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { roleSchema, type Principal } from './principal.ts';
import { createSession, listUserSessions, revokeSession, revokeUserSessions, SESSION_COOKIE } from './sessions.ts';
import { toUser, usersRepository } from './users.repository.ts';

const userOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  districtCode: z.string(),
  stationId: z.string().nullable(),
  departmentId: z.string().nullable(),
  deputyId: z.string().nullable(),
});

const presentPrincipal = (p: Omit<Principal, 'sessionId' | 'csrfToken'>) => ({
  id: p.userId,
  username: p.username,
  displayName: p.displayName,
  roles: p.roles,
  districtCode: p.districtCode,
  stationId: p.stationId,
  departmentId: p.departmentId,
  deputyId: p.deputyId,
});

export const passwordSchema = z
  .string()
  .min(10, '密码至少 10 个字符')
  .max(200, '密码不能超过 200 个字符');

export async function authRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = deps.config.LIANXIN_RATE_LIMITS === 'on';
  const secure = deps.config.NODE_ENV === 'production';
  const policy = { idleMinutes: deps.config.SESSION_IDLE_MINUTES, maxHours: deps.config.SESSION_MAX_HOURS };

  r.post(
    '/auth/login',
    {
      schema: {
        tags: ['会话 Sessions'],
        summary: '登录：返回用户与 CSRF 令牌，并设置 HttpOnly 会话 Cookie',
        body: z.strictObject({
          username: z.string().trim().min(1, '请输入用户名').max(64, '用户名不能超过 64 个字符').refine((s) => !hasForbiddenChars(s), '用户名含有不允许的字符'),
          password: z.string().min(1, '请输入密码').max(200, '密码不能超过 200 个字符'),
        }),
        response: { 200: z.object({ user: userOut, csrfToken: z.string() }) },
      },
      config: {
        csrfExempt: true,
        // 10 tries a minute from one address; a second limit per username slows guessing from many addresses.
        rateLimit: limits ? { max: 10, timeWindow: '1 minute' } : false,
      },
    },
    async (req, reply) => {
      const ctx = actionContext(req, deps);
      const { username, password } = req.body;
      const row = await usersRepository.findByUsername(deps.db, username);
      const ok = row ? await verifyPassword(password, row.password_hash) : (await verifyPassword(password, await dummyPasswordHash()), false);
      if (!row || !ok || row.active !== 1) {
        await deps.db.transaction().execute((trx) =>
          recordChange(trx, ctx, { action: 'auth.login_failed', entityType: 'user', entityId: row?.id ?? null, data: { username } }),
        );
        throw platformErrors.INVALID_CREDENTIALS();
      }
      const session = await deps.db.transaction().execute(async (trx) => {
        const s = await createSession(trx, row.id, ctx.now, policy, { ip: ctx.ip, userAgent: ctx.userAgent });
        await recordChange(trx, ctx, { action: 'auth.login', entityType: 'user', entityId: row.id, data: { username: row.username } });
        return s;
      });
      void reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        // A relative lifetime (Max-Age), not an Expires date from the server's clock: a browser whose clock
        // differs from the server's (or a demo server with LIANXIN_NOW in the past) keeps the cookie.
        maxAge: Math.max(1, Math.floor((Date.parse(session.expiresAt) - ctx.now.getTime()) / 1000)),
      });
      const user = toUser(row);
      return {
        user: presentPrincipal({ ...user, userId: user.id }),
        csrfToken: session.csrfToken,
      };
    },
  );

  r.post(
    '/auth/logout',
    { schema: { tags: ['会话 Sessions'], summary: '退出登录（吊销当前会话）', response: { 204: z.null() } } },
    async (req, reply) => {
      const p = req.principal;
      if (p) {
        const ctx = actionContext(req, deps);
        await deps.db.transaction().execute(async (trx) => {
          await revokeSession(trx, p.sessionId, ctx.now);
          await recordChange(trx, ctx, { action: 'auth.logout', entityType: 'user', entityId: p.userId });
        });
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/me',
    {
      schema: {
        tags: ['会话 Sessions'],
        summary: '当前用户（含 CSRF 令牌，页面刷新后使用）',
        response: { 200: z.object({ user: userOut, csrfToken: z.string() }) },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      return { user: presentPrincipal(p), csrfToken: p.csrfToken };
    },
  );

  r.post(
    '/me/password',
    {
      schema: {
        tags: ['会话 Sessions'],
        summary: '修改密码（其他会话随之吊销）',
        body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const ctx = actionContext(req, deps);
      const row = await usersRepository.findById(deps.db, p.userId);
      if (!row || !(await verifyPassword(req.body.currentPassword, row.password_hash))) {
        throw platformErrors.VALIDATION_FAILED('当前密码不正确', { field: 'body.currentPassword' });
      }
      const hash = await hashPassword(req.body.newPassword);
      await deps.db.transaction().execute(async (trx) => {
        await usersRepository.setPassword(trx, p.userId, hash, ctx.now.toISOString());
        await revokeUserSessions(trx, p.userId, ctx.now, p.sessionId);
        await recordChange(trx, ctx, { action: 'user.password_change', entityType: 'user', entityId: p.userId });
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/me/sessions',
    {
      schema: {
        tags: ['会话 Sessions'],
        summary: '我的有效会话',
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), current: z.boolean(), createdAt: z.string(), lastSeenAt: z.string(), expiresAt: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable() })),
            nextCursor: z.null(),
          }),
        },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const rows = await listUserSessions(deps.db, p.userId, deps.clock.now());
      return {
        items: rows.map((s) => ({
          id: s.id.slice(0, 16),
          current: s.id === p.sessionId,
          createdAt: s.created_at,
          lastSeenAt: s.last_seen_at,
          expiresAt: s.expires_at,
          ip: s.ip,
          userAgent: s.user_agent,
        })),
        nextCursor: null,
      };
    },
  );

  r.post(
    '/me/sessions/revoke-others',
    { schema: { tags: ['会话 Sessions'], summary: '吊销我的其他所有会话', response: { 200: z.object({ revoked: z.number() }) } } },
    async (req) => {
      const p = requirePrincipal(req);
      const ctx = actionContext(req, deps);
      const revoked = await deps.db.transaction().execute(async (trx) => {
        const n = await revokeUserSessions(trx, p.userId, ctx.now, p.sessionId);
        await recordChange(trx, ctx, { action: 'auth.revoke_sessions', entityType: 'user', entityId: p.userId, data: { revoked: n } });
        return n;
      });
      return { revoked };
    },
  );
}
