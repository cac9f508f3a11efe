import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

/** A multipart body as a browser without JavaScript sends it (an untouched file input included when asked). */
function multipart(fields: Record<string, string | undefined>, files: Array<{ filename: string; type: string; bytes: Buffer }> = [], o: { emptyFileInput?: boolean } = {}) {
  const b = `----lianxinTest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="photos"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  }
  if (o.emptyFileInput) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="photos"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real 1×1 PNG (red pixel). */
function tinyPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const hiddenToken = (body: string) => /name="token" value="([^"]+)"/.exec(body)?.[1];

describe('public case pages: report, track, rate (no JavaScript)', () => {
  let t: TestApp;
  let station: Session;
  let dept: Session;
  let majiahe: string;
  let chengguan: string;

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    station = await t.login('station');
    dept = await t.login('dept');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/public/stations?limit=100' });
    majiahe = list.json().items.find((s: { name: string }) => s.name === '马家河街道代表联系群众工作站').id;
    const admin = await t.login('admin');
    const deps = (await t.as(admin, { method: 'GET', url: '/api/v1/departments?limit=100' })).json();
    chengguan = deps.items.find((d: { name: string }) => d.name === '区城市管理和综合执法局').id;
  });
  after(() => t.close());

  const report = (fields: Record<string, string | undefined>, files: Parameters<typeof multipart>[1] = [], o: Parameters<typeof multipart>[2] = {}) =>
    t.app.inject({ method: 'POST', url: `/stations/${majiahe}/report`, ...multipart(fields, files, o) });

  const codeOf = (res: LightMyRequestResponse) => {
    const m = /^\/track\/([0-9A-Z]{16})\?new=1$/.exec(String(res.headers.location));
    assert.ok(m, `redirect to the tracking page, got ${res.statusCode} ${res.headers.location} ${res.body.slice(0, 300)}`);
    return m[1]!;
  };

  async function caseRow(code: string) {
    return t.deps.db.selectFrom('cases').select(['id', 'status', 'title', 'channel', 'contact_phone', 'contact_name']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
  }

  async function act(who: Session, id: string, action: string, body: Record<string, unknown> = {}) {
    const current = (await t.as(who, { method: 'GET', url: `/api/v1/cases/${id}` })).json();
    const res = await t.as(who, { method: 'POST', url: `/api/v1/cases/${id}/${action}`, payload: { version: current.version, ...body } });
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
  }

  test('the station page leads to the form; the form renders with the district categories, a token and no script', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/stations/${majiahe}` });
    assert.match(page.body, new RegExp(`href="/stations/${majiahe}/report"[^>]*>我要反映问题`));
    assert.match(page.body, /href="\/track"/);
    const home = await t.app.inject({ method: 'GET', url: '/' });
    assert.match(home.body, /href="\/track"[^>]*>.*查询办理进展/s);

    const res = await t.app.inject({ method: 'GET', url: `/stations/${majiahe}/report` });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.ok(!res.body.includes('<script'));
    assert.match(res.body, /<form class="report" method="post" action="\/stations\/[^"]+\/report" enctype="multipart\/form-data"/);
    for (const name of ['title', 'content', 'category', 'photos', 'address', 'lat', 'lng', 'name', 'phone', 'anonymous']) assert.match(res.body, new RegExp(`name="${name}"`), name);
    assert.match(res.body, /<input id="f-photos" name="photos" type="file" accept="image\/\*" multiple/);
    assert.match(res.body, /<option value="市政设施">市政设施<\/option>/);
    assert.match(res.body, /只有办理这件事的工作人员能看到/);
    const token = hiddenToken(res.body);
    assert.ok(token && token.length >= 16);
    const again = await t.app.inject({ method: 'GET', url: `/stations/${majiahe}/report` });
    assert.notEqual(hiddenToken(again.body), token, 'a fresh token per rendering');

    const missing = await t.app.inject({ method: 'GET', url: '/stations/nope/report' });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /页面不存在/);
  });

  test('submitting creates an online case (photo kept, empty file input skipped) and redirects to its tracking page', async () => {
    const form = await t.app.inject({ method: 'GET', url: `/stations/${majiahe}/report` });
    const res = await report(
      { token: hiddenToken(form.body), title: '', content: '<script>alert(1)</script>新马路 88 号门前路灯不亮', category: '市政设施', address: '新马路 88 号', lat: '', lng: '', name: '', phone: '' },
      [{ filename: 'lamp.png', type: 'image/png', bytes: tinyPng() }],
      { emptyFileInput: true },
    );
    assert.equal(res.statusCode, 303);
    const code = codeOf(res);
    const row = await caseRow(code);
    assert.equal(row.channel, 'online');
    assert.equal(row.status, 'submitted');
    const detail = (await t.as(station, { method: 'GET', url: `/api/v1/cases/${row.id}` })).json();
    assert.equal(detail.attachments.length, 1);
    assert.equal(detail.category, '市政设施');

    const page = await t.app.inject({ method: 'GET', url: String(res.headers.location) });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /提交成功/);
    assert.match(page.body, new RegExp(code.slice(0, 4)));
    assert.match(page.body, /抄写下来或截图保存/);
    assert.match(page.body, /待受理/);
    assert.ok(!page.body.includes('<script>alert(1)'), 'the title is escaped');
    assert.match(page.body, /&lt;script&gt;alert\(1\)/);
    assert.equal(page.headers['cache-control'], 'no-store');
    // The code as people type it leads to the same page.
    const typed = await t.app.inject({ method: 'GET', url: `/track?code=${encodeURIComponent(`${code.slice(0, 4).toLowerCase()}-${code.slice(4, 8)} ${code.slice(8)}`)}` });
    assert.equal(typed.statusCode, 303);
    assert.equal(typed.headers.location, `/track/${code}`);
  });

  test('the same form token twice makes one case', async () => {
    const form = await t.app.inject({ method: 'GET', url: `/stations/${majiahe}/report` });
    const fields = { token: hiddenToken(form.body), content: `重复提交测试 ${Date.now()}`, phone: '13912340001' };
    const first = await report(fields);
    const second = await report(fields);
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.equal(second.headers.location, first.headers.location);
    const rows = await t.deps.db.selectFrom('cases').select('id').where('content', '=', fields.content).execute();
    assert.equal(rows.length, 1);
    // A double tap: both copies at once.
    const racing = { token: 'double-tap-token-0123456789', content: `并发提交测试 ${Date.now()}` };
    const [a, b] = await Promise.all([report(racing), report(racing)]);
    assert.equal(a.statusCode, 303);
    assert.equal(b.headers.location, a.headers.location);
    assert.equal((await t.deps.db.selectFrom('cases').select('id').where('content', '=', racing.content).execute()).length, 1);
    // The same token with changed content: told so, with a new token, and still one case.
    const changed = await report({ ...fields, content: `${fields.content}（补充）` });
    assert.equal(changed.statusCode, 409);
    assert.match(changed.body, /已经提交过一次/);
    assert.notEqual(hiddenToken(changed.body), fields.token);
  });

  test('an empty content re-renders the form with the error and what was typed', async () => {
    const res = await report({ token: 'abcdefghijklmnopqrstuv', title: '小区垃圾清运', content: '   ', category: '环境保护', address: '栗雨路', name: '李阿姨', phone: '13800001111', anonymous: '1' });
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /提交没有成功/);
    assert.match(res.body, /请填写您要反映的问题/);
    assert.match(res.body, /<a href="#f-content">/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.match(res.body, /value="小区垃圾清运"/);
    assert.match(res.body, /<option value="环境保护" selected>/);
    assert.match(res.body, /value="李阿姨"/);
    assert.match(res.body, /value="13800001111"/);
    assert.match(res.body, /name="anonymous" type="checkbox" value="1" checked/);
    assert.equal(hiddenToken(res.body), 'abcdefghijklmnopqrstuv', 'the same token: no case was made');
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('bad fields are named: a non-image photo, a bad phone, half a position, an unknown category', async () => {
    const notImage = await report({ content: '照片测试' }, [{ filename: 'notes.png', type: 'image/png', bytes: Buffer.from('just some text, not a picture') }]);
    assert.equal(notImage.statusCode, 400);
    assert.match(notImage.body, /“notes\.png”不是 JPEG、PNG、WebP 或 GIF 图片/);
    assert.match(notImage.body, /照片测试<\/textarea>/);
    assert.match(notImage.body, /您刚才选择的 1 张照片没有保存，请重新选择/);

    const phone = await report({ content: '电话测试', phone: '12ab' });
    assert.equal(phone.statusCode, 400);
    assert.match(phone.body, /<a href="#f-phone">手机号：电话号码格式不正确/);

    const half = await report({ content: '位置测试', lat: '27.79', lng: '' });
    assert.equal(half.statusCode, 400);
    assert.match(half.body, /纬度和经度须同时填写/);

    const category = await report({ content: '类别测试', category: '不存在的类别' });
    assert.equal(category.statusCode, 400);
    assert.match(category.body, /<a href="#f-category">类别：/);

    const tooMany = await report({ content: '太多照片' }, Array.from({ length: 7 }, (_, i) => ({ filename: `p${i}.png`, type: 'image/png', bytes: tinyPng() })));
    assert.equal(tooMany.statusCode, 400);
    assert.match(tooMany.body, /照片最多 6 张/);

    const notForm = await t.app.inject({ method: 'POST', url: `/stations/${majiahe}/report`, payload: 'content=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.ok(notForm.statusCode >= 400 && notForm.statusCode < 500, String(notForm.statusCode));
    assert.match(String(notForm.headers['content-type']), /text\/html/);
  });

  test('the tracking page shows the steps, never the name, phone or staff names; the rating form only in feedback_given, and a rating closes the case', async () => {
    const res = await report({ content: '马家河路口积水严重，下雨天无法通行', name: '张三丰', phone: '13812345678', address: '马家河路口' });
    const code = codeOf(res);
    const row = await caseRow(code);
    const page = async () => (await t.app.inject({ method: 'GET', url: `/track/${code}` })).body;

    const steps: Array<[Session, string, Record<string, unknown>]> = [
      [station, 'accept', {}],
      [station, 'assign', { departmentId: chengguan }],
      [dept, 'dept-accept', {}],
      [dept, 'reply', { content: '已安排疏通排水管道。' }],
    ];
    for (const [who, action, body] of steps) {
      assert.ok(!(await page()).includes('name="rating"'), `no rating form before ${action}`);
      await act(who, row.id, action, body);
    }
    assert.ok(!(await page()).includes('name="rating"'), 'no rating form when replied');
    // Rating now is refused politely.
    const early = await t.app.inject({ method: 'POST', url: `/track/${code}/rating`, ...multipart({ rating: 'satisfied', phoneLast4: '5678' }) });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /现在还不能评价/);

    await act(station, row.id, 'feedback', { content: '排水管道已疏通，路口不再积水。' });
    const body = await page();
    for (const label of ['提交诉求', '联络站受理', '交办承办单位', '承办单位签收', '承办单位答复', '联络站反馈办理结果']) assert.match(body, new RegExp(`<strong>${label}</strong>`), label);
    assert.match(body, /<ol class="timeline">/);
    assert.match(body, /排水管道已疏通，路口不再积水。/);
    assert.match(body, /已反馈/);
    assert.match(body, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    for (const secret of ['张三丰', '13812345678', '138****5678', '陈丽', '已安排疏通排水管道']) assert.ok(!body.includes(secret), secret);
    assert.match(body, /name="rating" value="satisfied"/);
    assert.match(body, /name="phoneLast4"/);

    const noChoice = await t.app.inject({ method: 'POST', url: `/track/${code}/rating`, ...multipart({ comment: '还行', phoneLast4: '5678' }) });
    assert.equal(noChoice.statusCode, 400);
    assert.match(noChoice.body, /请选择满意、基本满意或不满意/);
    assert.match(noChoice.body, /还行<\/textarea>/);

    const wrong = await t.app.inject({ method: 'POST', url: `/track/${code}/rating`, ...multipart({ rating: 'satisfied', comment: '很及时', phoneLast4: '0000' }) });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /手机号后四位不正确/);
    assert.match(wrong.body, /很及时<\/textarea>/);
    assert.ok(!wrong.body.includes('13812345678'));

    const ok = await t.app.inject({ method: 'POST', url: `/track/${code}/rating`, ...multipart({ rating: 'satisfied', comment: '很及时', phoneLast4: '5678' }) });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/track/${code}?rated=1`);
    assert.equal((await caseRow(code)).status, 'closed');
    const thanks = (await t.app.inject({ method: 'GET', url: String(ok.headers.location) })).body;
    assert.match(thanks, /感谢您的评价/);
    assert.match(thanks, /已办结/);
    assert.ok(!thanks.includes('name="rating"'));

    const twice = await t.app.inject({ method: 'POST', url: `/track/${code}/rating`, ...multipart({ rating: 'unsatisfied', phoneLast4: '5678' }) });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /已经评价过了/);
  });

  test('a merged case says it is handled together with a similar one, and offers no rating', async () => {
    const first = codeOf(await report({ content: '滨江路段夜间施工噪音扰民' }));
    const dup = codeOf(await report({ content: '滨江路晚上施工太吵，睡不着' }));
    const [a, b] = [await caseRow(first), await caseRow(dup)];
    await act(station, b.id, 'merge', { intoCaseId: a.id });
    const page = await t.app.inject({ method: 'GET', url: `/track/${dup}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /合并办理/);
    assert.ok(!page.body.includes('name="rating"'));
  });

  test('an unknown or malformed code is a friendly 404 page with the form again', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/track/0000000000000000' });
    assert.equal(unknown.statusCode, 404);
    assert.match(String(unknown.headers['content-type']), /text\/html/);
    assert.match(unknown.body, /没有找到这个查询码/);
    assert.match(unknown.body, /<form class="form-card lookup" method="get" action="\/track">/);
    const bad = await t.app.inject({ method: 'GET', url: `/track?code=${encodeURIComponent('<b>nope</b>')}` });
    assert.equal(bad.statusCode, 404);
    assert.ok(!bad.body.includes('<b>nope'));
    assert.match(bad.body, /value="&lt;b&gt;nope&lt;\/b&gt;"/);
    const empty = await t.app.inject({ method: 'GET', url: '/track' });
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /查询办理进展/);
    const rate = await t.app.inject({ method: 'POST', url: '/track/0000000000000000/rating', ...multipart({ rating: 'satisfied' }) });
    assert.equal(rate.statusCode, 404);
  });
});

describe('public case pages under rate limits and a small upload limit', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'on', LIANXIN_MAX_UPLOAD_MB: '0.1' } });
  });
  after(() => t.close());

  test('a photo over the limit is a 413 form page that keeps the text', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/public/stations?limit=100' });
    const id = list.json().items[0].id;
    const big = Buffer.concat([tinyPng(), Buffer.alloc(200 * 1024)]);
    const res = await t.app.inject({ method: 'POST', url: `/stations/${id}/report`, ...multipart({ content: '大照片测试', address: '某路口' }, [{ filename: 'big.png', type: 'image/png', bytes: big }]) });
    assert.equal(res.statusCode, 413);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /“big\.png”太大：每张照片不能超过 0\.1 MB/);
    assert.match(res.body, /大照片测试<\/textarea>/);
    assert.match(res.body, /value="某路口"/);
  });

  test('too many tracking look-ups get a 429 page, not JSON', async () => {
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 40; i++) {
      last = await t.app.inject({ method: 'GET', url: '/track/0000000000000000' });
      if (last.statusCode === 429) break;
    }
    assert.equal(last?.statusCode, 429);
    assert.match(String(last?.headers['content-type']), /text\/html/);
    assert.match(last!.body, /操作过于频繁/);
    assert.ok(last?.headers['retry-after']);
  });
});
