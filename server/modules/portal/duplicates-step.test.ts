/**
 * The report form's possible-duplicates step (no JavaScript): a near copy of an open case of
 * the station shows 可能已有人反映过相同的问题 with titles, statuses and dates only; 仍然提交
 * makes exactly one case (the same form token: a second tap replays it); 不提交了 saves nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { DEMO_CASES, formatTrackingCode } from '../cases/index.ts';

function multipart(fields: Record<string, string | undefined>) {
  const b = `----lianxinDup${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** The hidden inputs of the page's form, as a browser sends them back. */
function hiddenFields(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) out[m[1]!] = unescape(m[2]!);
  return out;
}
const STEP = '可能已有人反映过相同的问题';

describe('the report form asks first when the problem looks already reported', () => {
  let t: TestApp;
  let ma: string;
  const report = (fields: Record<string, string | undefined>) => t.app.inject({ method: 'POST', url: `/stations/${ma}/report`, ...multipart(fields) });
  const token = async () => /name="token" value="([^"]+)"/.exec((await t.app.inject({ method: 'GET', url: `/stations/${ma}/report` })).body)![1]!;
  const countCases = async () => Number((await t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const trackedAt = (res: LightMyRequestResponse) => {
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    const m = /^\/track\/([0-9A-Z]{16})\?new=1$/.exec(String(res.headers.location));
    assert.ok(m, String(res.headers.location));
    return m[1]!;
  };

  // A near copy of the demo's open 新马路口 case: traditional characters, punctuation, words swapped.
  const copy = '新馬東路與新馬路交叉口沒有信號燈!早上7點半到8點半上班和上學的車輛交匯,經常堵成一團,很危險;建議增設信號燈,或安排交警疏導';
  const me = { name: '钱玉珍', phone: '13755501234' };

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    ma = (await t.deps.db.selectFrom('stations').select('id').where('name', '=', '马家河街道代表联系群众工作站').executeTakeFirstOrThrow()).id;
  });
  after(() => t?.close());

  test('a near copy shows the step (titles, statuses and dates only), nothing saved; 仍然提交 makes exactly one case', async () => {
    const before = await countCases();
    const form = { token: await token(), title: '', content: copy, category: '交通运输', address: '新马路口', name: me.name, phone: me.phone };
    const step = await report(form);
    assert.equal(step.statusCode, 200, step.body.slice(0, 300));
    assert.match(step.body, new RegExp(STEP));
    assert.match(step.body, /<h3>新马路口早高峰拥堵，建议增设信号灯<\/h3>/);
    assert.match(step.body, /<span class="status s-submitted">待受理<\/span><span class="muted">提交于 2026-11-1\d<\/span>/);
    assert.match(step.body, /<button type="submit" class="button primary">仍然提交<\/button>/);
    assert.match(step.body, new RegExp(`<a class="button secondary" href="/stations/${ma}">不提交了</a>`));
    assert.equal(String(step.headers['cache-control']), 'no-store');
    assert.equal(await countCases(), before, 'nothing saved yet');

    // No one else's data: no tracking code, no other constituent's name or phone, no other case's text, no link to a case.
    const other = await t.deps.db.selectFrom('cases').select(['tracking_code', 'content']).where('station_id', '=', ma).execute();
    for (const c of other) {
      assert.ok(!step.body.includes(c.tracking_code) && !step.body.includes(formatTrackingCode(c.tracking_code)), 'a tracking code');
      assert.ok(!step.body.includes(c.content), 'another case’s content');
    }
    for (const c of DEMO_CASES) {
      if (c.contact?.name) assert.ok(!step.body.includes(c.contact.name), c.contact.name);
      if (c.contact?.phone) assert.ok(!step.body.includes(c.contact.phone), c.contact.phone);
    }
    assert.ok(!/href="\/track\//.test(step.body), 'no link to a tracking page');

    // 仍然提交 with a mistake (a wrong phone): the form again with the error, still marked as confirmed, nothing saved.
    const wrong = await report({ ...hiddenFields(step.body), phone: '12ab' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /电话号码格式不正确/);
    assert.match(wrong.body, /<input type="hidden" name="confirmed" value="1">/);
    assert.equal(await countCases(), before);

    // 仍然提交: the form again, as the page holds it (the person's own entries, the same token).
    const again = hiddenFields(step.body);
    assert.deepEqual(again, { token: form.token, confirmed: '1', content: copy, category: '交通运输', address: '新马路口', name: me.name, phone: me.phone });
    const code = trackedAt(await report(again));
    assert.equal(await countCases(), before + 1);
    const row = await t.deps.db.selectFrom('cases').selectAll().where('tracking_code', '=', code).executeTakeFirstOrThrow();
    assert.deepEqual([row.content, row.category, row.location_address, row.channel, row.station_id], [copy, '交通运输', '新马路口', 'online', ma]);
    assert.equal(t.deps.pii.decrypt(row.contact_name!), me.name);
    // A second tap (or the form sent once more without 仍然提交): the same case, no second one.
    assert.equal(trackedAt(await report(again)), code);
    assert.equal(trackedAt(await report(form)), code);
    assert.equal(await countCases(), before + 1);
  });

  test('不提交了 leaves nothing behind; unrelated, too short or private cases show no step', async () => {
    const before = await countCases();
    const step = await report({ token: await token(), content: copy });
    assert.match(step.body, new RegExp(STEP));
    const back = await t.app.inject({ method: 'GET', url: `/stations/${ma}` });
    assert.equal(back.statusCode, 200);
    assert.equal(await countCases(), before);

    // Unrelated: straight to the tracking page.
    trackedAt(await report({ token: await token(), content: '东塘菜市场门口的公厕没有人打扫，气味很大，请安排保洁。' }));
    // Too short to compare.
    trackedAt(await report({ token: await token(), content: '信号灯' }));
    // The demo's 高龄津贴 case: open, but its constituent did not agree to publication — never shown.
    trackedAt(await report({ token: await token(), content: '我父亲今年满80岁,三个月前在社区申请高龄津贴,到现在还没到账,想问问进度' }));
    // Another station's case (栗雨公园) is not this station's business.
    trackedAt(await report({ token: await token(), content: '栗雨公园北侧的几件健身器材扶手断裂、螺丝松动，小孩子玩很危险！' }));
    assert.equal(await countCases(), before + 4);
  });

  test('a similar case’s title is shown without its constituent’s name, phone or address', async () => {
    const person = { name: '欧阳春兰', phone: '13907339876' };
    const made = await t.app.inject({
      method: 'POST', url: '/api/v1/public/cases',
      payload: {
        stationId: ma, title: `欧阳春兰 13907339876 新马小区 9 栋楼道灯坏了`, content: '新马小区 9 栋二单元楼道的声控灯坏了一个月，老人晚上上下楼摸黑，很危险，请物业尽快修好。',
        contact: person, location: { address: '新马小区 9 栋' },
      },
    });
    assert.equal(made.statusCode, 201, made.body);
    const step = await report({ token: await token(), content: '新马小区9栋二单元楼道的声控灯坏了一个月,老人晚上上下楼摸黑很危险,请物业尽快修好!' });
    assert.match(step.body, new RegExp(STEP));
    assert.match(step.body, /<h3>某某 \*\*\* 某处楼道灯坏了<\/h3>/);
    for (const secret of [person.name, person.phone, '9 栋', made.json().trackingCode]) assert.ok(!step.body.includes(secret), secret);
  });
});
