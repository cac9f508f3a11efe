/**
 * The public pages of published case results (/results, /results/:id): list, search, filters, pages,
 * large-text mode, 404s; the report form's 不同意公开 choice reaching the case; and no demo
 * constituent's name, phone, address or tracking code on any of these pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { PublicResult } from '../../../shared/case-publications.ts';
import { formatTrackingCode } from '../cases/index.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';

function multipart(fields: Record<string, string>) {
  const b = `----lianxinTest${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

const TITLES = ['社区东门至公交站路段路灯不亮', '小区电梯频繁停运，物业推诿维修', '工业园夜间噪音扰民', '村里灌溉渠堵塞，晚稻灌不上水'];

describe('public pages of published case results', () => {
  let t: TestApp;
  let results: PublicResult[];
  const get = (url: string, cookie?: string): Promise<LightMyRequestResponse> => t.app.inject({ method: 'GET', url, ...(cookie ? { headers: { cookie } } : {}) });
  /** The visible text of a page's main part, tags removed, entities decoded. */
  const mainText = (body: string) =>
    (/<main id="main">([\s\S]*)<\/main>/.exec(body)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  const cards = (body: string) => [...body.matchAll(/<article class="card result">[\s\S]*?<h3>([^<]+)<\/h3>/g)].map((m) => m[1]!);

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    results = (await get('/api/v1/public/results?limit=100')).json().items as PublicResult[];
  });
  after(() => t.close());

  test('the list: every published result as a card linking to its page, the nav link, no script', async () => {
    const res = await get('/results');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.ok(!res.body.includes('<script'));
    assert.match(res.body, /<h1>办理结果公开<\/h1>/);
    assert.deepEqual(cards(res.body).sort(), [...TITLES].sort());
    for (const r of results) assert.match(res.body, new RegExp(`href="/results/${r.id}"`));
    assert.match(res.body, /<nav aria-label="站点导航">[\s\S]*<a href="\/results">办理结果<\/a>/, 'every page’s nav leads here');
    const home = await get('/');
    assert.match(home.body, /<a href="\/results">办理结果<\/a>/);
    // The filters offer the categories and stations that have results.
    assert.match(res.body, /<option value="市政设施">市政设施<\/option>/);
    assert.match(res.body, /<option value="农业农村">农业农村<\/option>/);
    assert.ok(!res.body.includes('<option value="劳动和社会保障">'), 'no category without results');
    assert.match(res.body, /<select id="r-station" name="stationId">[\s\S]*马家河街道代表联系群众工作站/);
  });

  test('search, filters, pages; odd links fall back instead of failing', async () => {
    const q = await get(`/results?q=${encodeURIComponent('路灯')}`);
    assert.deepEqual(cards(q.body), ['社区东门至公交站路段路灯不亮']);
    assert.match(q.body, /value="路灯"/);
    assert.match(q.body, /href="\/results">清除条件/);
    const cat = await get(`/results?category=${encodeURIComponent('农业农村')}`);
    assert.deepEqual(cards(cat.body), ['村里灌溉渠堵塞，晚稻灌不上水']);
    assert.match(cat.body, /<option value="农业农村" selected>/);
    const lamp = results.find((r) => r.title === TITLES[0])!;
    const st = await get(`/results?stationId=${lamp.stationId}`);
    assert.deepEqual(cards(st.body).sort(), TITLES.slice(0, 3).sort());
    assert.match(st.body, new RegExp(`<option value="${lamp.stationId}" selected>`));
    const none = await get(`/results?q=${encodeURIComponent('刘桂兰')}`);
    assert.equal(none.statusCode, 200);
    assert.deepEqual(cards(none.body), []);
    assert.match(none.body, /没有找到符合条件的办理结果/);
    const bad = await get('/results?cursor=garbage&category=');
    assert.equal(bad.statusCode, 200);
    assert.equal(cards(bad.body).length, 4);
    const long = await get(`/results?q=${'长'.repeat(300)}`);
    assert.equal(long.statusCode, 200, 'an over-long query is ignored, not an error page');
    // 20 per page: with 4 results there is no next page.
    assert.ok(!(await get('/results')).body.includes('下一页'));
  });

  test('a result’s page; 404 for one awaiting review or unknown', async () => {
    const lamp = results.find((r) => r.title === TITLES[0])!;
    const res = await get(`/results/${lamp.id}`);
    assert.equal(res.statusCode, 200);
    const text = mainText(res.body);
    for (const s of [lamp.title, lamp.summary, lamp.result, '区城市管理和综合执法局', '2026 年 9 月', '2026 年 9 月 10 日', '反映的问题', '办理结果']) assert.ok(text.includes(s), s);
    assert.match(res.body, new RegExp(`href="/stations/${lamp.stationId}"`));
    const pending = await t.deps.db.selectFrom('case_publications').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow();
    for (const url of [`/results/${pending.id}`, '/results/01900000-0000-7000-8000-000000000000', `/results/${'x'.repeat(80)}`]) {
      const miss = await get(url);
      assert.equal(miss.statusCode, 404, url);
      assert.match(miss.body, /没有找到这条办理结果/);
    }
  });

  test('large-text mode works on both pages', async () => {
    const lamp = results.find((r) => r.title === TITLES[0])!;
    for (const url of ['/results', `/results/${lamp.id}`]) {
      const normal = await get(url);
      assert.match(normal.body, /<html lang="zh-CN">/);
      assert.match(normal.body, new RegExp(`href="/prefs/text-size\\?size=large&amp;back=${encodeURIComponent(url).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
      const large = await get(url, 'lianxin_text=large');
      assert.match(large.body, /<html lang="zh-CN" class="large">/);
      assert.match(large.body, />标准字体</);
    }
    const toggle = await get(`/prefs/text-size?size=large&back=${encodeURIComponent('/results')}`);
    assert.equal(toggle.statusCode, 303);
    assert.equal(toggle.headers.location, '/results');
  });

  test('the report form asks 不同意公开我的诉求及办理结果 and the case keeps the answer', async () => {
    const stations = (await get('/api/v1/public/stations?limit=100')).json().items as Array<{ id: string; name: string }>;
    const majiahe = stations.find((s) => s.name === '马家河街道代表联系群众工作站')!.id;
    const form = await get(`/stations/${majiahe}/report`);
    assert.match(form.body, /<input id="f-noPublish" name="noPublish" type="checkbox" value="1"[^>]*>\s*<label for="f-noPublish">不同意公开我的诉求及办理结果<\/label>/);
    const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
    const sent = await t.app.inject({ method: 'POST', url: `/stations/${majiahe}/report`, ...multipart({ token, content: '楼下广场舞音响太吵，晚上十点还没停。', noPublish: '1' }) });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    const code = /\/track\/([0-9A-Z]{16})/.exec(String(sent.headers.location))![1]!;
    const row = await t.deps.db.selectFrom('cases').select('no_publish').where('tracking_code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.no_publish, 1);
    const token2 = /name="token" value="([^"]+)"/.exec((await get(`/stations/${majiahe}/report`)).body)![1]!;
    const plain = await t.app.inject({ method: 'POST', url: `/stations/${majiahe}/report`, ...multipart({ token: token2, content: '小区门口路面有坑。' }) });
    const code2 = /\/track\/([0-9A-Z]{16})/.exec(String(plain.headers.location))![1]!;
    assert.equal((await t.deps.db.selectFrom('cases').select('no_publish').where('tracking_code', '=', code2).executeTakeFirstOrThrow()).no_publish, 0);
  });

  test('no demo constituent’s name, phone, address or tracking code on any results page, in either text size', async () => {
    const rows = await t.deps.db.selectFrom('cases').select(['contact_name', 'contact_phone', 'location_address', 'tracking_code']).execute();
    const secrets = new Set<string>(['新马社区东门', '新马小区 3 栋', '某小区 7 栋']);
    for (const r of rows) {
      if (r.contact_name) secrets.add(t.deps.pii.decrypt(r.contact_name));
      if (r.contact_phone) secrets.add(t.deps.pii.decrypt(r.contact_phone));
      if (r.location_address) secrets.add(r.location_address);
      secrets.add(r.tracking_code).add(formatTrackingCode(r.tracking_code));
    }
    for (const s of ['刘桂兰', '周建华', '罗大伯', '13807331234', '马家河街道某小区 7 栋']) assert.ok(secrets.has(s), `the scan looks for ${s}`);
    const urls = ['/results', `/results?q=${encodeURIComponent('电梯')}`, ...results.map((r) => `/results/${r.id}`), ...results.map((r) => `/results?stationId=${r.stationId}`)];
    for (const url of urls) {
      for (const cookie of [undefined, 'lianxin_text=large']) {
        const res = await get(url, cookie);
        assert.equal(res.statusCode, 200, url);
        for (const s of secrets) assert.ok(!res.body.includes(s), `${url} shows ${s}`);
        assert.doesNotMatch(res.body, /(?<!\d)1[3-9]\d{9}(?!\d)/, `${url}: a mobile number`);
        assert.doesNotMatch(res.body, /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/, `${url}: an ID card number`);
      }
    }
  });
});
