/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, login, shotPath, startServer, type RunningServer } from './support.ts';

/** Chinese renders as glyphs, not boxes: a CJK font is installed and used. */
async function cjkWidth(page: Page): Promise<number> {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `40px ${getComputedStyle(document.body).fontFamily}`;
    return ctx.measureText('人大代表').width;
  });
}

describe('console in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('admin logs in, opens the stations table, sees the 天元区 stations in Chinese glyphs', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
    await login(page, server, 'admin');
    await page.goto(`${server.url}/console/stations`);
    await page.getByText('马家河街道代表联系群众工作站').first().waitFor({ timeout: 15_000 });
    const rows = await page.locator('.ant-table-tbody tr.ant-table-row').count();
    assert.ok(rows >= 8, `stations table rows: ${rows}`);
    for (const name of ['嵩山路街道人大代表联络站', '雷打石镇人大代表联络站', '三门镇人大代表联络站']) {
      assert.ok(await page.getByText(name).first().isVisible(), name);
    }
    const width = await cjkWidth(page);
    assert.ok(width > 120, `measureText('人大代表') at 40px = ${width}: Chinese would render as boxes`);
    await page.screenshot({ path: shotPath('console-stations'), fullPage: true });
    await page.close();
  });

  test('a wrong password shows the zh-CN error and stays on the login page', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${server.url}/console/login`);
    await page.locator('input[autocomplete="username"]').fill('admin');
    await page.locator('input[autocomplete="current-password"]').fill('not-the-password');
    await page.locator('button[type="submit"]').click();
    await page.getByText('用户名或密码错误').first().waitFor({ timeout: 10_000 });
    assert.ok(new URL(page.url()).pathname.endsWith('/login'));
    await page.close();
  });

  test('station2 cannot open 马家河街道 station data in the console or the API', async () => {
    const ctx = await browser.newContext({ locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, server, 'station2');
    const stations = await (await page.request.get(`${server.url}/api/v1/stations?limit=100`)).json();
    assert.ok(stations.items.every((s: { name: string }) => !s.name.includes('马家河')));
    const pub = await (await page.request.get(`${server.url}/api/v1/public/stations?limit=100`)).json();
    const majiahe = pub.items.find((s: { name: string }) => s.name === '马家河街道代表联系群众工作站').id;
    const res = await page.request.get(`${server.url}/api/v1/stations/${majiahe}`);
    assert.equal(res.status(), 404);
    await ctx.close();
  });

  test('station staff record a phone call whose caller does not agree to publication: the case keeps 不同意公开', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, server, 'station');
    await page.goto(`${server.url}/console/cases/new`);
    await page.locator('.channel-radios').getByText('电话', { exact: true }).click();
    await page.getByLabel('诉求内容').fill('来电反映：小区东门外的排水沟堵塞，下雨就漫到路面。来电人不同意公开。');
    const box = page.getByRole('checkbox', { name: '群众不同意公开其诉求及办理结果' });
    await box.check();
    await page.getByText('办结后，联络站可把问题和办理结果隐去个人信息后').waitFor();
    await page.screenshot({ path: shotPath('console-new-case-no-publish'), fullPage: true });
    await page.getByRole('button', { name: '提交登记' }).last().click();
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const id = /cases\/([0-9a-f-]{36})$/.exec(page.url())![1];
    const state = await (await page.request.get(`${server.url}/api/v1/cases/${id}/publication`)).json();
    assert.equal(state.noPublish, true, JSON.stringify(state));
    await ctx.close();
  });

  test('the console honours 减少动态效果: with it a dialog opens and closes without animating; without it, it zooms', async () => {
    for (const [reducedMotion, animates] of [['reduce', false], ['no-preference', true]] as const) {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', reducedMotion });
      const page = await ctx.newPage();
      await login(page, server, 'admin');
      await page.goto(`${server.url}/console/stations`);
      await page.locator('.ant-table-row').first().waitFor();
      // every class an .ant-modal ever had, from before the click to after it closed
      await page.evaluate(() => {
        const seen = new Set<string>();
        (window as unknown as { __modalClasses: Set<string> }).__modalClasses = seen;
        const note = (el: Element) => el.classList.forEach((c) => seen.add(c));
        new MutationObserver((records) => {
          for (const r of records) {
            const el = r.target as Element;
            if (el.classList?.contains('ant-modal')) note(el);
            for (const n of r.addedNodes) if (n instanceof Element) n.querySelectorAll('.ant-modal').forEach(note);
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
      });
      await page.getByRole('button', { name: '新增联络站' }).click();
      const modal = page.locator('.ant-modal').last();
      await modal.waitFor();
      await modal.getByRole('button', { name: /取\s*消/ }).click();
      await modal.waitFor({ state: 'hidden' });
      const classes = await page.evaluate(() => [...(window as unknown as { __modalClasses: Set<string> }).__modalClasses]);
      // the animating phases (a "prepare" step that only sets the zoom's origin may still flash by)
      const zoomed = classes.filter((c) => /^ant-zoom-(appear|enter|leave)-active$/.test(c));
      if (animates) assert.deepEqual(zoomed.sort(), ['ant-zoom-appear-active', 'ant-zoom-leave-active'], `without 减少动态效果 the dialog zooms: ${classes.join(' ')}`);
      else assert.deepEqual(zoomed, [], `with 减少动态效果 the dialog does not zoom: ${classes.join(' ')}`);
      await ctx.close();
    }
  });

  test('public station page on a phone-sized screen, without JavaScript', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/`);
    await page.getByText('马家河街道代表联系群众工作站').click();
    await page.getByText('驻站人大代表').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px on a phone`);
    await page.screenshot({ path: shotPath('public-station-phone'), fullPage: true });
    await ctx.close();
  });
});
