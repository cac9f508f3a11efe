import type { Principal } from './auth/principal.ts';

/** Who is acting and from where: carried from the request into every command and audit entry. */
export interface ActionContext {
  principal: Principal | null;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  now: Date;
}

export function systemContext(now: Date, requestId = 'system'): ActionContext {
  return { principal: null, requestId, ip: null, userAgent: null, now };
}
