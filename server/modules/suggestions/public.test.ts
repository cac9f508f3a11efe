/**
 * The public compendium (汇编): only published suggestions that are answered, searchable on the
 * masked texts, and never a constituent's name, phone, ID number or a linked case's details.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PublicSuggestion } from '../../../shared/suggestions.ts';
import { getPublicSuggestion, listPublicSuggestions } from './index.ts';
import { driveTo, fixture, ok, refused, step, type Fixture } from './testing.ts';

let f: Fixture;
let district: string;
before(async () => {
  f = await fixture();
  district = f.t.deps.config.LIANXIN_DISTRICT;
});
after(() => f.t.close());

const PUBLISHED = ['关于加快天元区智慧停车建设的建议', '关于规范住宅小区电梯维保管理的建议', '关于建立小区僵尸车清理长效机制的建议', '关于加强新马工业园企业夜间噪音治理的建议', '关于加强群丰镇农田水利设施维护的建议'];

async function publicList(query = ''): Promise<PublicSuggestion[]> {
  const res = await f.api(null, 'GET', `/public/suggestions?limit=100${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: PublicSuggestion[] }).items;
}

/** Every constituent's name, phone and tracking code behind any linked case (decrypted here, in the test). */
async function constituentSecrets(): Promise<string[]> {
  const rows = await f.t.deps.db.selectFrom('cases as c').innerJoin('suggestion_cases as k', 'k.case_id', 'c.id').select(['c.contact_name', 'c.contact_phone', 'c.tracking_code']).execute();
  const out: string[] = [];
  for (const r of rows) {
    if (r.contact_name) out.push(f.t.deps.pii.decrypt(r.contact_name));
    if (r.contact_phone) out.push(f.t.deps.pii.decrypt(r.contact_phone));
    out.push(r.tracking_code);
  }
  return out;
}

test('only published, answered suggestions, newest registration first; no constituent data anywhere', async () => {
  const items = await publicList();
  assert.deepEqual(items.map((i) => i.title).sort(), [...PUBLISHED].sort());
  assert.ok(items.every((i) => ['replied', 'closed'].includes(i.status) && i.replies.length > 0 && i.number));
  const dates = items.map((i) => i.registeredAt);
  assert.deepEqual(dates, [...dates].sort().reverse());
  const secrets = await constituentSecrets();
  assert.ok(secrets.includes('周建华') && secrets.includes('刘桂兰'), 'the demo constituents behind linked cases');
  const json = JSON.stringify(items);
  for (const secret of secrets) assert.ok(!json.includes(secret), `the compendium never shows ${secret}`);
  // The text that named the constituent and her phone shows them masked.
  const lift = items.find((i) => i.title === '关于规范住宅小区电梯维保管理的建议')!;
  assert.match(lift.content, /居民某某（电话 \*\*\*）/, 'not a digit of the phone in public');
  assert.deepEqual(lift.departments, [{ name: '区住房和城乡建设局', role: 'lead' }]);
  assert.equal(lift.cosponsors.length, 1);
  assert.equal(lift.rating, 'basically_satisfied');
  assert.equal(lift.caseCount, 1);
  // The staff view keeps what the deputy wrote.
  const staff = ok(await f.api('deputy', 'GET', `/suggestions/${lift.id}`));
  assert.match(staff.content, /周建华/);
  // One by one, and the same through the portal's functions.
  const one = (await f.api(null, 'GET', `/public/suggestions/${lift.id}`)).json() as PublicSuggestion;
  assert.deepEqual(one, lift);
  assert.deepEqual(await getPublicSuggestion(f.t.deps.db, district, lift.id), lift);
  const page = await listPublicSuggestions(f.t.deps.db, district, { limit: 2 });
  assert.equal(page.items.length, 2);
  const next = await listPublicSuggestions(f.t.deps.db, district, { limit: 2, cursor: page.nextCursor! });
  assert.ok(next.items.every((i) => !page.items.some((p) => p.id === i.id)));
  assert.equal(await getPublicSuggestion(f.t.deps.db, '430102', lift.id), null, 'another district');
});

test('search reads the masked texts only, with LIKE characters taken literally; year and category filters', async () => {
  assert.deepEqual((await publicList(`&q=${encodeURIComponent('电梯维保')}`)).map((i) => i.title), ['关于规范住宅小区电梯维保管理的建议']);
  assert.deepEqual((await publicList(`&q=${encodeURIComponent('噪声在线监测')}`)).map((i) => i.title), ['关于加强新马工业园企业夜间噪音治理的建议'], 'replies are searched');
  assert.equal((await publicList(`&q=${encodeURIComponent('周建华')}`)).length, 0, 'a hidden name cannot be found');
  assert.equal((await publicList(`&q=${encodeURIComponent('13973312345')}`)).length, 0);
  assert.equal((await publicList(`&q=${encodeURIComponent('%')}`)).length, 0);
  assert.equal((await publicList(`&q=${encodeURIComponent('_')}`)).length, 0);
  assert.deepEqual((await publicList(`&q=${encodeURIComponent('2026大第001号')}`)).map((i) => i.title), ['关于加快天元区智慧停车建设的建议']);
  assert.deepEqual((await publicList(`&category=${encodeURIComponent('农业农村')}`)).map((i) => i.title), ['关于加强群丰镇农田水利设施维护的建议']);
  assert.equal((await publicList('&year=2025')).length, 0);
  refused(await f.api(null, 'GET', '/public/suggestions?year=abc'), 400, 'VALIDATION_FAILED', 'query.year');
  refused(await f.api(null, 'GET', '/public/suggestions?cursor=xyz'), 400, 'VALIDATION_FAILED', 'query.cursor');
});

test('publishing: not before an answer; unpublished and re-handled ones drop out; replies masked', async () => {
  const a = f.maCases[0]!;
  const name = f.t.deps.pii.decrypt((await f.t.deps.db.selectFrom('cases').select('contact_name').where('id', '=', a.id).executeTakeFirstOrThrow()).contact_name!);
  const phone = f.t.deps.pii.decrypt((await f.t.deps.db.selectFrom('cases').select('contact_phone').where('id', '=', a.id).executeTakeFirstOrThrow()).contact_phone!);
  let s = await driveTo(f, 'assigned', { caseIds: [a.id], content: `群众${name}（${phone}，身份证 430211198001011234）反映路灯问题。` });
  refused(await f.api(null, 'GET', `/public/suggestions/${s.id}`), 404, 'NOT_PUBLISHED');
  refused(await f.api('admin', 'POST', `/suggestions/${s.id}/publish`, { version: s.version, published: true }), 409, 'INVALID_TRANSITION');
  s = await step(f, s, 'reply', { category: 'resolved', content: `已联系${name}，路灯已修复。` });
  s = await step(f, s, 'publish', { published: true });
  assert.equal(s.published, true);
  const shown = (await f.api(null, 'GET', `/public/suggestions/${s.id}`)).json() as PublicSuggestion;
  assert.equal(shown.content, '群众某某（***，身份证 ***）反映路灯问题。');
  assert.equal(shown.replies[0]!.content, '已联系某某，路灯已修复。');
  // The tracking page shows the reply masked too.
  const track = (await f.api(null, 'GET', `/public/cases/${a.trackingCode}`)).json() as { timeline: Array<{ type: string; note?: string }> };
  const note = track.timeline.filter((e) => e.type === 'suggestion-replied').at(-1)!.note!;
  assert.ok(note.includes('已联系某某') && !note.includes(name));
  // 不满意: re-handled, out of the compendium until answered again.
  s = await step(f, s, 'evaluate', { rating: 'unsatisfied', comment: '只修了一盏' });
  refused(await f.api(null, 'GET', `/public/suggestions/${s.id}`), 404, 'NOT_PUBLISHED');
  s = await step(f, ok(await f.api('dept', 'GET', `/suggestions/${s.id}`)), 'reply', {}, 'dept');
  ok(await f.api(null, 'GET', `/public/suggestions/${s.id}`));
  s = await step(f, s, 'publish', { published: false });
  refused(await f.api(null, 'GET', `/public/suggestions/${s.id}`), 404, 'NOT_PUBLISHED');
  assert.ok(!(await publicList()).some((i) => i.id === s.id));
});
