import type { Principal } from '../../../platform/auth/principal.ts';
import { principalForUser } from '../../../platform/auth/sessions.ts';
import { systemContext, type ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { DemoSeed } from '../../../platform/module.ts';

/** The demo's ids by key; a missing one is a seed-order bug. */
export const demoId = (demo: DemoSeed, key: string): string => {
  const v = demo.ids.get(key);
  if (!v) throw new Error(`demo id missing: ${key}`);
  return v;
};

export async function demoUsers(deps: AppDeps, demo: DemoSeed, names: readonly string[]): Promise<Map<string, Principal>> {
  const out = new Map<string, Principal>();
  for (const u of names) out.set(u, (await principalForUser(deps.db, demoId(demo, `user:${u}`)))!);
  return out;
}

/**
 * A deputy of the demo district who has no console account, acting through the same service
 * functions as a signed-in deputy (the demo's other deputies voting, proposing). The audit trail
 * names them `demo-deputy:<id>`.
 */
export const demoDeputyPrincipal = (deputyId: string, name: string, districtCode: string): Principal => ({
  userId: `demo-deputy:${deputyId}`, username: `demo-deputy:${name}`, displayName: name, roles: ['deputy'], districtCode,
  stationId: null, departmentId: null, deputyId, sessionId: 'demo-seed', csrfToken: '',
});

export const demoAt = (iso: string | number, principal: Principal | null): ActionContext => ({ ...systemContext(new Date(iso), 'demo-seed'), principal });
