import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import { expectPage } from '../../../testing/expect.ts';
import { TEST_NOW } from '../../../testing/harness.ts';
import { accepting } from '../solicitation/solicitation.service.ts';
import { fixture, ok, type Fixture } from '../voting/testing.ts';
import { DEMO_CALL, DEMO_OPEN_PROPOSALS, demoOpenCall, OPEN_CALL_OPENED_DAYS_AGO } from './solicitation.data.ts';

interface Call { id: string; title: string; year: number; status: string; accepting: boolean; opensOn: string; closesOn: string; proposalCount: number }
interface Proposal { id: string; title: string; status: string; source: string; supportCount: number; caseIds: string[]; deputyName: string | null; proposerMasked: string | null }

const DAY = 86_400_000;

describe('projects demo: the call open at the demo\'s "now"', () => {
  test('its dates follow the clock the demo is seeded with: open three weeks, taking proposals for 40 days more', () => {
    for (const now of [TEST_NOW, '2026-11-22T15:59:00.000Z', '2026-12-31T16:30:00.000Z', '2027-02-27T03:00:00.000Z', '2027-11-20T02:00:00.000Z', '2030-06-15T10:00:00.000Z']) {
      const c = demoOpenCall(new Date(now));
      const today = shanghaiDate(new Date(now));
      const row = { status: 'open', opens_on: c.opensOn, closes_on: c.closesOn };
      assert.equal(c.opensOn, shanghaiDate(new Date(Date.parse(`${today}T12:00:00+08:00`) - OPEN_CALL_OPENED_DAYS_AGO * DAY)), now);
      assert.ok(accepting(row, new Date(now)), `${now}: accepting (${c.opensOn} – ${c.closesOn})`);
      assert.ok(accepting(row, new Date(Date.parse(now) + 40 * DAY)), `${now}: still accepting 40 days later`);
      assert.ok(!accepting(row, new Date(Date.parse(`${c.closesOn}T12:00:00+08:00`) + DAY)), `${now}: closed after ${c.closesOn}`);
      assert.ok(c.year > DEMO_CALL.year && c.year > Number(today.slice(0, 4)), `${now}: a year to come (${c.year})`);
      assert.equal(c.title, `天元区${c.year}年民生实事项目征集`);
      assert.ok(c.description.includes(`${c.year}年`));
    }
    for (const p of DEMO_OPEN_PROPOSALS) {
      assert.ok(Number.isInteger(p.daysAgo) && p.daysAgo >= 1 && p.daysAgo < OPEN_CALL_OPENED_DAYS_AGO, `${p.key}: within the call, before today`);
      assert.match(p.at, /^([01]\d|2[0-3]):[0-5]\d$/, p.key);
    }
  });

  describe('in the seeded demo (2026-11-20)', () => {
    let f: Fixture;
    let open: Call;
    let proposals: Proposal[];
    before(async () => {
      f = await fixture();
      const calls = expectPage<Call>(await f.api('admin', 'GET', '/project-calls?status=open&limit=20')).items;
      assert.equal(calls.length, 1, 'one open call');
      open = calls[0]!;
      proposals = expectPage<Proposal>(await f.api('admin', 'GET', `/project-calls/${open.id}/proposals?limit=100`)).items;
    });
    after(() => f.t.close());

    test('it takes proposals today, for the year after the 2027 call; the 2027 call stays closed with its 14 proposals', async () => {
      assert.deepEqual([open.title, open.year, open.status, open.accepting], ['天元区2028年民生实事项目征集', 2028, 'open', true]);
      assert.ok(open.opensOn < '2026-11-20' && open.closesOn > '2026-12-20', `${open.opensOn} – ${open.closesOn}`);
      assert.equal(open.proposalCount, DEMO_OPEN_PROPOSALS.length);
      // What the console's hot issue page and the call list ask for: every role that may propose sees it accepting.
      for (const u of ['deputy', 'station', 'dept'] as const) {
        const items = expectPage<Call>(await f.api(u, 'GET', '/project-calls?status=open&limit=20')).items.filter((c) => c.accepting);
        assert.deepEqual(items.map((c) => c.id), [open.id], u);
      }
      const all = expectPage<Call>(await f.api('admin', 'GET', '/project-calls?limit=100')).items;
      const y2027 = all.find((c) => c.title === DEMO_CALL.title)!;
      assert.deepEqual([y2027.status, y2027.accepting, y2027.proposalCount], ['closed', false, 14]);
    });

    test('its proposals: from the public (proposer masked for the office), a deputy with the cases behind it, station staff; none screened yet', async () => {
      assert.deepEqual(new Set(proposals.map((p) => p.title)), new Set(DEMO_OPEN_PROPOSALS.map((p) => p.title)));
      assert.ok(proposals.every((p) => p.status === 'submitted'));
      const by = (source: string) => proposals.filter((p) => p.source === source);
      assert.equal(by('public').length, 4);
      assert.equal(by('staff').length, 1);
      assert.deepEqual(by('public').map((p) => p.proposerMasked !== null), [true, true, true, false], 'named, named, phone only, anonymous (in the order they came in)');
      assert.ok(by('public').every((p) => !JSON.stringify(p).includes('谭丽娟') && !JSON.stringify(p).includes('13787230456')));
      const [deputy] = by('deputy');
      assert.ok(deputy?.deputyName, 'a deputy\'s proposal names the deputy');
      assert.equal(deputy.caseIds.length, 3);
      assert.equal(deputy.supportCount, 4, 'the deputy and the three cases behind it');
      const cases = await f.t.deps.db.selectFrom('cases as c').innerJoin('stations as s', 's.id', 'c.station_id').select(['c.title', 's.name', 'c.created_at'])
        .where('c.id', 'in', deputy.caseIds).execute();
      assert.ok(cases.every((c) => c.name === '雷打石镇人大代表联络站' && c.title.includes('农村道路破损')), JSON.stringify(cases));
      const created = await f.t.deps.db.selectFrom('project_proposals').select('created_at').where('id', '=', deputy.id).executeTakeFirstOrThrow();
      assert.ok(cases.every((c) => c.created_at < created.created_at), 'the cases came in before the proposal');
      // Every proposal came in during the call, before now, at a waking hour in Shanghai.
      const rows = await f.t.deps.db.selectFrom('project_proposals').select(['created_at']).where('call_id', '=', open.id).execute();
      for (const r of rows) {
        assert.ok(shanghaiDate(new Date(r.created_at)) >= open.opensOn && r.created_at < TEST_NOW, r.created_at);
        const hour = Number(new Date(Date.parse(r.created_at) + 8 * 3_600_000).toISOString().slice(11, 13));
        assert.ok(hour >= 8 && hour <= 22, r.created_at);
      }
    });

    test('the public sees it accepting and proposes; a deputy proposes from the console with cases linked', async () => {
      const pub = ok<{ items: Call[] }>(await f.api(null, 'GET', '/public/project-calls')).items;
      assert.equal(pub[0]!.id, open.id, 'the open call comes first');
      assert.equal(pub[0]!.accepting, true);
      const home = await f.t.app.inject({ method: 'GET', url: '/projects' });
      assert.ok(home.body.includes(`href="/projects/calls/${open.id}/propose"`), 'the projects page links its form');
      assert.equal((await f.t.app.inject({ method: 'GET', url: `/projects/calls/${open.id}/propose` })).statusCode, 200);
      const mine = ok<{ id: string; status: string }>(await f.api(null, 'POST', `/public/project-calls/${open.id}/proposals`, { title: '小区门口增设公交站', description: '离最近的公交站要走 20 分钟。' }), 201);
      assert.equal(mine.status, 'submitted');
      // The demo deputy's own cases (their station), as the hot issue page's 作为民生实事候选 links them.
      const ma = f.s.station.user.stationId!;
      const caseIds = (await f.t.deps.db.selectFrom('cases').select('id').where('station_id', '=', ma).where('title', 'like', '%公交站台缺少遮雨棚%').where('status', '!=', 'merged').execute()).map((r) => r.id);
      assert.ok(caseIds.length >= 2);
      const p = ok<Proposal>(await f.api('deputy', 'POST', `/project-calls/${open.id}/proposals`, { title: '马家河路公交站台加装遮雨棚', description: '多位群众反映公交站台没有遮雨棚。', caseIds }), 201);
      assert.deepEqual([p.source, p.caseIds.length, p.supportCount], ['deputy', caseIds.length, 1 + caseIds.length]);
    });
  });
});
