import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.ts';
import type { ActionContext } from '../context.ts';
import { platformErrors } from '../errors.ts';
import { hasRole, type Principal, type Role } from './principal.ts';
import { resolveSession, SESSION_COOKIE } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Routes that act for nobody (public intake, login): the session cookie gives them no authority, so no CSRF check. */
    csrfExempt?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Resolves the session cookie into `request.principal` and enforces the CSRF header on writes made with it. */
export function registerAuth(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('principal', null);
  const policy = { idleMinutes: deps.config.SESSION_IDLE_MINUTES, maxHours: deps.config.SESSION_MAX_HOURS };
  // onRequest: before the body is read, so a forged write is refused before anything else looks at it.
  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    const principal = await resolveSession(deps.db, token, deps.clock.now(), policy);
    if (!principal) return;
    if (!SAFE_METHODS.has(req.method) && !req.routeOptions.config?.csrfExempt) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, principal.csrfToken)) {
        throw platformErrors.CSRF_INVALID(undefined, { field: 'headers.x-csrf-token' });
      }
    }
    req.principal = principal;
  });
}

export function requirePrincipal(req: FastifyRequest, ...roles: Role[]): Principal {
  const p = req.principal;
  if (!p) throw platformErrors.UNAUTHENTICATED();
  if (roles.length && !hasRole(p, ...roles)) throw platformErrors.FORBIDDEN();
  return p;
}

export function actionContext(req: FastifyRequest, deps: AppDeps): ActionContext {
  const ua = req.headers['user-agent'];
  return {
    principal: req.principal,
    requestId: String(req.id),
    ip: req.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null,
    now: deps.clock.now(),
  };
}
