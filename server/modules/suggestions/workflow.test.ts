/**
 * Every action over HTTP: the right account from the right status moves the suggestion (and
 * writes its timeline entry and audit record); a wrong account is refused (403) and a wrong status
 * is 409 INVALID_TRANSITION, with nothing written; the console's abilities agree; stale versions
 * are 409 CONFLICT.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SUGGESTION_ACTIONS, SUGGESTION_STATUSES, type SuggestionAction, type SuggestionDetail, type SuggestionStatus } from '../../../shared/suggestions.ts';
import { SUGGESTION_TRANSITIONS } from './suggestion-status.ts';
import { act, ACTOR, driveTo, fixture, ok, refused, step, type Fixture, type User } from './testing.ts';

let f: Fixture;
before(async () => (f = await fixture()));
after(() => f.t.close());

/** Accounts that can see a suggestion of the demo deputy (by status) but are not the action's actor. */
function wrongUsers(action: SuggestionAction, status: SuggestionStatus): User[] {
  const assignedOrLater = ['assigned', 'replied', 'rehandling', 'closed'].includes(status);
  const all: User[] = ['admin', 'admin2', 'deputy', 'station', ...(assignedOrLater ? (['dept', 'dept2'] as User[]) : [])];
  const right: Record<string, User[]> = {
    author: ['deputy'], 'lead-deputy': ['deputy'], admin: ['admin', 'admin2'], 'lead-department': ['dept'], 'co-department': ['dept2'], cosponsor: [],
  };
  return all.filter((u) => !right[SUGGESTION_TRANSITIONS[action].actor]!.includes(u) && !(status === 'draft' && u === 'station'));
}

const auditCount = async () => Number((await f.t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

test('each status: abilities, wrong accounts 403, wrong statuses 409, the right one moves it', async () => {
  const DRIVEN: SuggestionStatus[] = ['draft', 'submitted', 'registered', 'assigned', 'replied', 'rehandling', 'closed', 'withdrawn'];
  assert.deepEqual([...DRIVEN].sort(), [...SUGGESTION_STATUSES].sort());
  for (const status of DRIVEN) {
    const s = await driveTo(f, status);
    assert.equal(s.status, status);
    for (const action of SUGGESTION_ACTIONS) {
      if (action === 'sign' || action === 'decline') continue; // the lead is not a co-sponsor: below
      const t = SUGGESTION_TRANSITIONS[action];
      const allowed = t.from.includes(status) && action !== 'approve-extension';
      const right = ACTOR[action];
      const before = await f.counts();
      const view = await f.api(right, 'GET', `/suggestions/${s.id}`);
      if (view.statusCode === 404) {
        // Departments see a suggestion only once it is assigned to them.
        assert.ok(['dept', 'dept2'].includes(right) && !allowed, `${right} at ${status}`);
        refused(await act(f, s, action, {}, right), 404, 'SUGGESTION_NOT_FOUND');
        continue;
      }
      assert.equal((view.json() as SuggestionDetail).abilities[action], allowed, `abilities.${action} for ${right} at ${status}`);
      for (const u of wrongUsers(action, status)) {
        const res = await act(f, s, action, {}, u);
        assert.equal(res.statusCode, 403, `${action} by ${u} at ${status}: ${res.body}`);
        const shown = ok(await f.api(u, 'GET', `/suggestions/${s.id}`));
        assert.equal(shown.abilities[action], false, `${u} is not offered ${action}`);
      }
      if (!allowed) {
        const res = await act(f, s, action, {}, right);
        if (action === 'approve-extension' && t.from.includes(status)) refused(res, 409, 'NO_EXTENSION_PENDING');
        else refused(res, 409, 'INVALID_TRANSITION');
      }
      assert.deepEqual(await f.counts(), before, `nothing written by refused ${action} at ${status}`);
      if (allowed) {
        const fresh = await driveTo(f, status);
        const audits = await auditCount();
        const done = await step(f, fresh, action, action === 'evaluate' ? { rating: 'satisfied' } : {}, right);
        const want = t.to === 'same' ? status : t.to === 'by-rating' ? 'closed' : t.to;
        assert.equal(done.status, want, `${action} from ${status}`);
        assert.equal(done.version, fresh.version + 1);
        assert.equal(done.timeline.at(-1)!.type, action);
        assert.ok((await auditCount()) > audits, 'audited');
        const entry = await f.t.deps.db.selectFrom('audit_log').select(['action', 'entity_id']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
        assert.deepEqual({ ...entry }, { action: `suggestion.${action}`, entity_id: fresh.id });
      }
    }
  }
});

test('co-sponsors: the invited deputy signs or declines, may change his mind, nobody else can', async () => {
  const other = f.maDeputies.find((d) => d !== f.deputyId)!;
  let s = ok(await f.api('admin', 'POST', '/suggestions', { title: '关于联名测试的建议', content: '内容', leadDeputyId: other, cosponsorIds: [f.deputyId] }), 201);
  assert.equal(s.cosponsors[0]!.status, 'invited');
  assert.equal(s.cosponsorCount, 0, 'only signed co-sponsors count');
  const inbox = await f.t.deps.db.selectFrom('messages').select(['subject']).where('recipient_user_id', '=', f.s.deputy.user.id).where('entity_id', '=', s.id).execute();
  assert.deepEqual(inbox.map((m) => m.subject), ['联名邀请']);
  let mine = ok(await f.api('deputy', 'GET', `/suggestions/${s.id}`));
  assert.equal(mine.abilities.sign, true);
  assert.equal(mine.abilities.decline, true);
  assert.equal(mine.abilities.submit, false, 'a co-sponsor does not submit');
  assert.equal(mine.abilities.edit, false);
  refused(await act(f, s, 'sign', {}, 'admin'), 403, 'FORBIDDEN');
  refused(await act(f, s, 'sign', {}, 'station'), 404, 'SUGGESTION_NOT_FOUND');
  mine = await step(f, mine, 'sign', {}, 'deputy');
  assert.equal(mine.cosponsors[0]!.status, 'signed');
  assert.equal(mine.cosponsorCount, 1);
  assert.equal(mine.abilities.sign, false);
  refused(await act(f, mine, 'sign', {}, 'deputy'), 409, 'ALREADY_SIGNED');
  mine = await step(f, mine, 'decline', {}, 'deputy');
  assert.equal(mine.cosponsors[0]!.status, 'declined');
  refused(await act(f, mine, 'decline', {}, 'deputy'), 409, 'ALREADY_DECLINED');
  // The office drafted it: the office submits it (the lead deputy has no account here).
  s = await step(f, mine, 'submit', {}, 'admin');
  assert.equal(s.status, 'submitted');
  mine = await step(f, s, 'sign', {}, 'deputy');
  assert.equal(mine.status, 'submitted');
  s = await step(f, mine, 'register', {}, 'admin');
  refused(await act(f, s, 'decline', {}, 'deputy'), 409, 'INVALID_TRANSITION');
});

test('return for revision: back to draft with the reason; edited and submitted again', async () => {
  let s = await driveTo(f, 'submitted');
  s = await step(f, s, 'return', { reason: '请补充具体的解决建议' });
  assert.equal(s.status, 'draft');
  assert.equal(s.returnReason, '请补充具体的解决建议');
  assert.equal(s.abilities.edit, false, 'the office does not edit the deputy’s draft');
  s = ok(await f.api('deputy', 'GET', `/suggestions/${s.id}`));
  assert.equal(s.abilities.edit, true);
  assert.equal(s.abilities.submit, true);
  s = ok(await f.api('deputy', 'PATCH', `/suggestions/${s.id}`, { version: s.version, proposals: '一、……；二、……' }));
  assert.equal(s.proposals, '一、……；二、……');
  s = await step(f, s, 'submit');
  assert.equal(s.status, 'submitted');
  assert.equal(s.returnReason, null);
  refused(await f.api('deputy', 'PATCH', `/suggestions/${s.id}`, { version: s.version, title: '改标题' }), 409, 'INVALID_TRANSITION');
});

test('a stale version is 409 CONFLICT and changes nothing', async () => {
  const s = await driveTo(f, 'submitted');
  const fresh = await step(f, s, 'register');
  const before = await f.counts();
  refused(await f.api('admin', 'POST', `/suggestions/${s.id}/assign`, { version: s.version, leadDepartmentId: f.deptId }), 409, 'CONFLICT', 'body.version');
  const d = await driveTo(f, 'draft');
  await f.api('deputy', 'PATCH', `/suggestions/${d.id}`, { version: d.version, title: '第一次修改' });
  const beforeEdit = await f.counts();
  refused(await f.api('deputy', 'PATCH', `/suggestions/${d.id}`, { version: d.version, title: '第二次修改' }), 409, 'CONFLICT', 'body.version');
  assert.deepEqual(await f.counts(), beforeEdit);
  assert.equal(ok(await f.api('admin', 'GET', `/suggestions/${fresh.id}`)).status, 'registered');
  void before;
});

test('registration numbers: per year and period, in order', async () => {
  const a = await step(f, await driveTo(f, 'submitted'), 'register', { period: 'session' });
  const b = await step(f, await driveTo(f, 'submitted'), 'register', { period: 'session' });
  const c = await step(f, await driveTo(f, 'submitted'), 'register', { period: 'recess' });
  const n = (s: SuggestionDetail) => Number(/第(\d{3})号/.exec(s.number!)![1]);
  assert.match(a.number!, /^2026大第\d{3}号$/);
  assert.equal(n(b), n(a) + 1);
  assert.match(c.number!, /^2026闭第\d{3}号$/);
  assert.equal(a.period, 'session');
});

test('registrations at the same time get distinct numbers (the unique index decides, the loser takes the next)', async () => {
  const subs = [];
  for (let i = 0; i < 4; i++) subs.push(await driveTo(f, 'submitted'));
  const done = await Promise.all(subs.map((s) => f.api('admin', 'POST', `/suggestions/${s.id}/register`, { version: s.version, period: 'recess' })));
  const numbers = done.map((r) => ok(r).number!);
  assert.equal(new Set(numbers).size, 4, numbers.join(' '));
  const seqs = numbers.map((n) => Number(/第(\d{3})号/.exec(n)![1])).sort((a, b) => a - b);
  assert.deepEqual(seqs, [seqs[0]!, seqs[0]! + 1, seqs[0]! + 2, seqs[0]! + 3]);
});
