/**
 * The issue's “done when”: a deputy turns two cases into a suggestion, the office registers and
 * assigns it, a department replies, the deputy evaluates it, and both constituents see the
 * outcome on their tracking pages and get messages on their phones.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixture, ok, step, type Fixture } from './testing.ts';

let f: Fixture;
before(async () => (f = await fixture()));
after(() => f.t.close());

const publicCase = async (code: string) => {
  const res = await f.api(null, 'GET', `/public/cases/${code}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { timeline: Array<{ type: string; label: string; note?: string }> };
};

test('case → suggestion → reply → evaluation, told to each constituent', async () => {
  const [a, b] = f.maCases;
  assert.ok(a && b, 'two 马家河 cases with phones');
  let s = ok(await f.api('deputy', 'POST', '/suggestions', {
    title: '关于加快新马片区公共设施维修的建议', content: '群众反映路灯不亮、人行道破损，影响出行安全。', proposals: '列入年度维修计划。', caseIds: [a.id, b.id],
  }), 201);
  assert.equal(s.status, 'draft');
  assert.equal(s.caseCount, 2);
  assert.deepEqual(s.cases.map((c) => c.id).sort(), [a.id, b.id].sort());
  assert.ok(s.cases.every((c) => c.visible && c.trackingCode));
  assert.equal(s.abilities.submit, true);
  assert.equal(s.abilities.register, false);

  const outboxBefore = await f.t.deps.db.selectFrom('messages').select('id').where('channel', '=', 'sms').execute();
  s = await step(f, s, 'submit');
  assert.equal(s.status, 'submitted');
  for (const c of [a, b]) {
    const pub = await publicCase(c.trackingCode);
    const stepEntry = pub.timeline.find((e) => e.type === 'suggestion');
    assert.ok(stepEntry, 'the case shows it went into a suggestion');
    assert.equal(stepEntry.label, '已转为代表建议');
    assert.match(stepEntry.note ?? '', /代表建议《关于加快新马片区公共设施维修的建议》/);
  }

  s = await step(f, s, 'register', { period: 'session', congress: '天元区第十八届人民代表大会第六次会议' });
  assert.match(s.number ?? '', /^2026大第\d{3}号$/);
  s = await step(f, s, 'assign');
  assert.equal(s.status, 'assigned');
  assert.equal(s.leadDepartment?.id, f.deptId);
  assert.equal(s.dueAt, '2027-02-20T15:59:59.999Z', 'end of day (Shanghai), 3 calendar months after assignment');

  s = await step(f, s, 'reply', { category: 'resolved', content: '已更换新马社区东门路灯 6 盏，修复人行道 120 平方米。' }, 'dept');
  assert.equal(s.status, 'replied');
  assert.equal(s.replies.length, 1);
  for (const c of [a, b]) {
    const pub = await publicCase(c.trackingCode);
    const replied = pub.timeline.find((e) => e.type === 'suggestion-replied');
    assert.ok(replied, 'the reply is on the tracking page');
    assert.match(replied.note ?? '', /区城市管理和综合执法局.*已解决.*已更换新马社区东门路灯 6 盏/);
  }

  s = await step(f, s, 'evaluate', { rating: 'basically_satisfied' });
  assert.equal(s.status, 'closed');
  for (const c of [a, b]) {
    const pub = await publicCase(c.trackingCode);
    const closed = pub.timeline.find((e) => e.type === 'suggestion-closed');
    assert.ok(closed);
    assert.match(closed.note ?? '', /基本满意/);
    // The tracking page the constituent opens from the SMS shows the three steps.
    const html = await f.t.app.inject({ method: 'GET', url: `/track/${c.trackingCode}` });
    assert.equal(html.statusCode, 200);
    for (const label of ['已转为代表建议', '代表建议已答复', '代表建议已办结']) assert.ok(html.body.includes(label), label);
    assert.ok(html.body.includes('已更换新马社区东门路灯 6 盏'));
  }

  // Three messages (submit, reply, close) for each case's phone.
  const sms = await f.t.deps.db.selectFrom('messages').select(['entity_id', 'subject', 'body']).where('channel', '=', 'sms').where('id', 'not in', outboxBefore.map((m) => m.id).concat('-')).orderBy('id').execute();
  for (const c of [a, b]) {
    const mine = sms.filter((m) => m.entity_id === c.id);
    assert.deepEqual(mine.map((m) => m.subject), ['您反映的问题已转为代表建议', '代表建议已答复', '代表建议已办结']);
    assert.match(mine[1]!.body, /已由区城市管理和综合执法局答复：已解决/);
  }
});
