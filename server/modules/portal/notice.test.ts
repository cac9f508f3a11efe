import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { createTestApp, type TestApp } from '../../testing/harness.ts';

// jsqr is CommonJS: Node hands over module.exports (the function), TypeScript sees the ES default.
const jsQR = ((jsqr as unknown as { default?: unknown }).default ?? jsqr) as unknown as typeof jsqr.default;

/** Decodes the QR code in a PNG image (the same decoder phones' scanning libraries are built on). */
function decodeQr(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null;
}

describe('the station QR code and the printable monthly notice (公示牌)', () => {
  let t: TestApp;
  let leidashi: string;
  let majiahe: string;
  const base = 'https://lianxin.example.gov.cn';
  before(async () => {
    t = await createTestApp({ env: { LIANXIN_PUBLIC_URL: `${base}/` } });
    const items: Array<{ id: string; name: string }> = (await t.app.inject({ url: '/api/v1/public/stations?limit=100' })).json().items;
    leidashi = items.find((s) => s.name === '雷打石镇人大代表联络站')!.id;
    majiahe = items.find((s) => s.name === '马家河街道代表联系群众工作站')!.id;
  });
  after(() => t.close());

  test('qr.png is a real QR code that decodes to the station page at the public address', async () => {
    for (const size of [undefined, 256, 1024]) {
      const res = await t.app.inject({ url: `/stations/${leidashi}/qr.png${size ? `?size=${size}` : ''}` });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'image/png');
      const img = PNG.sync.read(res.rawPayload);
      assert.equal(img.width, size ?? 512);
      assert.equal(decodeQr(res.rawPayload), `${base}/stations/${leidashi}`);
    }
  });

  test('qr.svg is an SVG of the same code; an unknown station is 404 for both', async () => {
    const res = await t.app.inject({ url: `/stations/${leidashi}/qr.svg` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/svg+xml');
    assert.match(res.body, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.doesNotMatch(res.body, /<script/i);
    for (const ext of ['png', 'svg']) assert.equal((await t.app.inject({ url: `/stations/00000000-0000-7000-8000-000000000000/qr.${ext}` })).statusCode, 404);
  });

  test('the notice lists the month’s reception days with weekday, lunar date, hours and deputies, the station’s details and its QR code', async () => {
    const res = await t.app.inject({ url: `/stations/${leidashi}/notice?month=2027-03` });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.headers['content-security-policy'] as string, /script-src 'self'/);
    const body = res.body;
    assert.match(body, /雷打石镇人大代表联络站/);
    assert.match(body, /2027 年 3 月接待日安排/);
    const days = [...body.matchAll(/<td class="date">(\d+) 月 (\d+) 日<\/td>/g)].map((m) => `${m[1]}-${m[2]}`);
    assert.deepEqual(days, ['3-3', '3-8', '3-13', '3-18', '3-23', '3-28']);
    assert.match(body, /二月初一/); // 2027-03-08 is the first day of the second lunar month
    assert.match(body, /8:30–11:30/);
    assert.match(body, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(body.includes(`${base}/stations/${leidashi}`));
    // Every day's deputies are the station's own (the API's list, checked against the public station page).
    const station = (await t.app.inject({ url: `/api/v1/public/stations/${leidashi}` })).json();
    const names = new Set(station.deputies.map((d: { name: string }) => d.name));
    const onDuty = [...body.matchAll(/<span class="deputy">([^<]+)<small>/g)].map((m) => m[1]);
    assert.equal(onDuty.length, 12); // 2 a day
    for (const n of onDuty) assert.ok(names.has(n), n);
  });

  test('the notice defaults to the current month; a malformed month falls back to it; an unknown station is a 404 page', async () => {
    const res = await t.app.inject({ url: `/stations/${majiahe}/notice` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /2026 年 11 月接待日安排/);
    assert.deepEqual([...res.body.matchAll(/<td class="date">(\d+) 月 (\d+) 日<\/td>/g)].map((m) => m[2]), ['10', '20', '30']);
    assert.match((await t.app.inject({ url: `/stations/${majiahe}/notice?month=2026-13` })).body, /2026 年 11 月/);
    const missing = await t.app.inject({ url: '/stations/00000000-0000-7000-8000-000000000000/notice' });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /页面不存在/);
  });

  test('the station page shows the next reception days with deputies and lunar dates, and links the notice, the feed and the QR code', async () => {
    const res = await t.app.inject({ url: `/stations/${majiahe}` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /11 月 20 日（周五）<\/strong> 9:00–11:30/);
    assert.match(res.body, /11 月 30 日（周一）/);
    assert.match(res.body, /接待代表：<strong>/);
    assert.ok(res.body.includes(`/stations/${majiahe}/notice`));
    assert.ok(res.body.includes(`/api/v1/public/stations/${majiahe}/receptions.ics`));
    assert.ok(res.body.includes(`/stations/${majiahe}/qr.png`));
    const api = (await t.app.inject({ url: `/api/v1/public/stations/${majiahe}` })).json();
    assert.equal(api.upcomingReceptions[0].date, '2026-11-20');
    assert.ok(api.upcomingReceptions.length >= 3);
    for (const r of api.upcomingReceptions) assert.ok(r.deputies.length >= 1 && r.start === '09:00' && r.end === '11:30');
  });
});
