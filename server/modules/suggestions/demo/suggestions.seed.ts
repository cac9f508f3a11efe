import type { SuggestionAction, SuggestionDetail } from '../../../../shared/suggestions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { principalForUser } from '../../../platform/auth/sessions.ts';
import { systemContext, type ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { DemoSeed } from '../../../platform/module.ts';
import { orgLookups } from '../../org/index.ts';
import { performAction } from '../commands/perform-action.ts';
import { createSuggestion } from '../commands/save-suggestion.ts';
import { sweepOverdueSuggestions } from '../jobs/suggestion-sweep.ts';
import type { ActionInput } from '../suggestions.schemas.ts';
import { DEMO_SUGGESTIONS, type DemoSuggestionStep } from './suggestions.data.ts';

const DAY = 86_400_000;

/**
 * The demo district's suggestions, replayed through the same commands as the API at the times the
 * data gives: numbers, due dates, the linked cases' public steps and messages, audit entries are
 * real. Deputies and units without a demo account act through stand-ins, as the cases seed does.
 */
export async function seedSuggestionsDemo(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const now = deps.clock.now().getTime();
  const id = (key: string) => {
    const v = demo.ids.get(key);
    if (!v) throw new Error(`demo id missing: ${key}`);
    return v;
  };
  const accounts = new Map<string, Principal>();
  for (const u of ['admin', 'deputy', 'dept', 'dept2']) accounts.set(u, (await principalForUser(deps.db, id(`user:${u}`)))!);
  const admin = accounts.get('admin')!;
  const names = await orgLookups.deputyNames(deps.db, [...demo.ids.entries()].filter(([k]) => k.startsWith('deputy:')).map(([, v]) => v));
  const deputy = (key: string): Principal => {
    const deputyId = id(`deputy:${key}`);
    const own = accounts.get('deputy')!;
    if (own.deputyId === deputyId) return own;
    const name = names.get(deputyId)?.name ?? key;
    return { ...admin, userId: `demo-deputy:${deputyId}`, username: name, displayName: `${name}（区人大代表）`, roles: ['deputy'], deputyId, stationId: null, departmentId: null };
  };
  const handler = async (key: string): Promise<Principal> => {
    const departmentId = id(`department:${key}`);
    for (const u of accounts.values()) if (u.departmentId === departmentId) return u;
    const d = (await orgLookups.department(deps.db, departmentId, admin.districtCode))!;
    return { ...admin, userId: `demo-handler:${departmentId}`, username: d.name, displayName: `${d.name}（经办人）`, roles: ['department'], departmentId, stationId: null, deputyId: null };
  };
  const at = (daysAgo: number, principal: Principal): ActionContext => ({ ...systemContext(new Date(now - daysAgo * DAY), 'demo-seed'), principal });

  // Oldest first, so ids (time-sortable) follow the order things happened.
  for (const d of [...DEMO_SUGGESTIONS].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const lead = deputy(d.lead);
    const author = d.byOffice ? admin : lead;
    let s: SuggestionDetail = await createSuggestion(deps, at(d.daysAgo, author), {
      title: d.title, content: d.content, proposals: d.proposals, category: d.category, leadDeputyId: d.byOffice ? lead.deputyId! : undefined,
      cosponsorIds: d.cosponsors?.map((k) => id(`deputy:${k}`)), caseIds: d.cases?.map((t) => id(`case:${t}`)),
    });
    let leadDepartment: string | null = null;
    const run = async (action: SuggestionAction, who: Principal, daysAgo: number, input: Omit<ActionInput, 'version'> = {}) =>
      (s = await performAction(deps, at(daysAgo, who), s.id, action, { ...input, version: s.version }));
    for (const st of d.steps) await replay(st);

    async function replay(st: DemoSuggestionStep): Promise<void> {
      switch (st.action) {
        case 'submit':
          await run('submit', author, st.at);
          return;
        case 'sign':
          await run('sign', deputy(st.deputy), st.at);
          return;
        case 'sign-all':
          for (const k of d.cosponsors ?? []) await run('sign', deputy(k), st.at);
          return;
        case 'register':
          await run('register', admin, st.at, { period: st.period, congress: st.congress, category: st.category });
          return;
        case 'assign':
          leadDepartment = st.lead;
          await run('assign', admin, st.at, { leadDepartmentId: id(`department:${st.lead}`), coDepartmentIds: (st.co ?? []).map((k) => id(`department:${k}`)) });
          return;
        case 'co-opinion':
          await run('co-opinion', await handler(st.department), st.at, { content: st.content });
          return;
        case 'reply':
          await run('reply', await handler(leadDepartment!), st.at, { category: st.category, content: st.content });
          return;
        case 'evaluate':
          await run('evaluate', lead, st.at, { rating: st.rating, comment: st.comment });
          return;
        case 'supervise':
          await run('supervise', admin, st.at, { note: st.note });
          return;
        case 'publish':
          await run('publish', admin, st.at, { published: true });
          return;
      }
    }
  }
  // What is late now is recorded as the job would (the demo starts with jobs possibly off).
  const { marked } = await sweepOverdueSuggestions(deps);
  demo.log(`已载入演示代表建议 ${DEMO_SUGGESTIONS.length} 件（超期 ${marked} 件） (demo suggestions loaded)`);
}
