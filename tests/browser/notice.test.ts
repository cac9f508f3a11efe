/// <reference lib="dom" />
/**
 * The printable monthly notice (公示牌) as Chromium renders and prints it: Chinese text in real
 * glyphs, one A4 page, and a QR code that — read off the rendered screenshot, as a phone camera
 * reads the printed sheet — opens the station's page. Also the station page a scan lands on.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { launchChromium, shotPath, startServer, type RunningServer } from './support.ts';

const jsQR = ((jsqr as unknown as { default?: unknown }).default ?? jsqr) as unknown as typeof jsqr.default;

describe('the station notice (公示牌) in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let station: { id: string; name: string };
  before(async () => {
    server = await startServer({ LIANXIN_NOW: '2026-11-21T02:00:00Z' });
    browser = await launchChromium();
    const items: Array<{ id: string; name: string }> = (await (await fetch(`${server.url}/api/v1/public/stations?limit=100`)).json()).items;
    station = items.find((s) => s.name === '雷打石镇人大代表联络站')!;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the December 2026 notice of 雷打石镇 shows the lunar market days with deputies, prints on one A4 page, and its QR code decodes to the station page', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1300 }, deviceScaleFactor: 2 });
    await page.goto(`${server.url}/stations/${station.id}/notice?month=2026-12`);
    await page.waitForLoadState('networkidle');
    const days = await page.locator('td.date').allTextContents();
    assert.deepEqual(days.map((d) => d.trim()), ['12 月 4 日', '12 月 9 日', '12 月 14 日', '12 月 19 日', '12 月 24 日', '12 月 29 日']);
    assert.equal(await page.locator('td.deputies .deputy').count(), 12);
    // Real glyphs, not boxes: the title renders wider than a missing-glyph fallback would, and the CJK font is in use.
    const title = page.locator('.sheet h1');
    assert.equal((await title.textContent())?.trim(), '雷打石镇人大代表联络站');
    const font = await title.evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(font, /Noto Sans CJK SC/);
    const sheet = page.locator('.sheet');
    const file = shotPath('notice-leidashi-2026-12');
    await sheet.screenshot({ path: file });

    // Read the QR code off the rendered sheet, as a phone reads the printed one.
    const png = PNG.sync.read(readFileSync(file));
    const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    assert.ok(code, 'a QR code is found in the screenshot of the notice');
    const target = new URL(code.data);
    assert.equal(target.pathname, `/stations/${station.id}`);

    // The print layout: exactly one A4 page.
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    assert.equal(pages.length, 1, 'the notice prints on one A4 page');

    // The scanned address opens the station page with the next reception days.
    const phone = await browser.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, javaScriptEnabled: false });
    await phone.goto(`${server.url}${target.pathname}`);
    await phone.getByRole('heading', { name: '近期接待安排' }).waitFor();
    assert.match(await phone.locator('ul.receptions li').first().textContent() ?? '', /11 月 24 日（周二）.*8:30–11:30/s);
    assert.match(await phone.locator('body').textContent() ?? '', /近期代表活动/);
    await phone.screenshot({ path: shotPath('station-page-leidashi'), fullPage: true });
  });
});
