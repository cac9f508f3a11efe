/// <reference lib="dom" />
/**
 * The whole loop as people live it: a constituent on a phone (no JavaScript) reports a
 * problem at a station and follows it by tracking code; station staff accept and assign it
 * in the console; the department accepts and replies; the station feeds back; the
 * constituent rates it and the case closes with a complete timeline. Then the same loop
 * with "unsatisfied" sends it back to the department.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, login, openDialog, type RunningServer, shotPath, startServer } from './support.ts';

// Ant Design puts a space between the two characters of a two-character button label.
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

describe('a case from a QR scan to a rated, closed case', () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  const staff = new Map<string, Page>();

  before(async () => {
    server = await startServer();
    browser = await launchChromium();
    // A cheap phone with JavaScript off: the public pages must work without it.
    phone = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', javaScriptEnabled: false, isMobile: true });
    for (const user of ['station', 'dept']) {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      const page = await ctx.newPage();
      await login(page, server, user);
      staff.set(user, page);
    }
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The constituent reports at 马家河街道's station page (what its QR code opens); returns the tracking code. */
  async function report(content: string): Promise<string> {
    const page = await phone.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: /马家河街道代表联系群众工作站/ }).first().click();
    await page.getByRole('link', { name: '我要反映问题' }).click();
    await page.locator('textarea[name="content"]').fill(content);
    await page.locator('select[name="category"]').selectOption('市政设施');
    await page.locator('input[name="name"]').fill('张国强');
    await page.locator('input[name="phone"]').fill('13812345678');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/track\/[0-9A-Z]{16}\?new=1/);
    const code = new URL(page.url()).pathname.split('/').pop()!;
    await page.screenshot({ path: shotPath('case-loop-submitted-phone'), fullPage: true });
    await page.close();
    return code;
  }

  async function openCase(user: string, code: string): Promise<Page> {
    const page = staff.get(user)!;
    await page.goto(`${server.url}/console/cases?status=open&q=${code}`);
    await page.locator('tr.ant-table-row').first().locator('a').first().click();
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
    await page.getByText(code).first().waitFor();
    return page;
  }

  /** Clicks an action on the case page, fills its dialog's text box if given, confirms, waits for the new status. */
  async function act(page: Page, action: string, status: string, fill?: (modal: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
    await page.locator('.case-actions, main').getByRole('button', { name: label(action) }).first().click();
    const modal = await openDialog(page);
    if (fill) await fill(modal);
    await modal.getByRole('button', { name: label(action) }).click();
    try {
      await modal.waitFor({ state: 'hidden', timeout: 15_000 });
    } catch (e) {
      await page.screenshot({ path: shotPath(`case-loop-stuck-${action}`) });
      throw new Error(`the ${action} dialog stayed open: ${await modal.innerText()}`, { cause: e });
    }
    await page.locator('.ant-tag', { hasText: status }).first().waitFor();
  }

  /** Types into the dialog's first text box and checks the text stayed there. */
  async function type(modal: ReturnType<Page['locator']>, text: string): Promise<void> {
    const box = modal.locator('textarea').first();
    await box.fill(text);
    assert.equal(await box.inputValue(), text);
  }

  async function rate(code: string, rating: '满意' | '不满意'): Promise<Page> {
    const page = await phone.newPage();
    await page.goto(`${server.url}/track/${code}`);
    await page.locator('label.choice', { hasText: new RegExp(`^\\s*${rating}\\s*$`) }).click();
    await page.locator('input[name="phoneLast4"]').fill('5678');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForURL(new RegExp(`/track/${code}`));
    return page;
  }

  async function handle(code: string): Promise<Page> {
    const station = await openCase('station', code);
    await act(station, '受理', '已受理');
    // The routing rules suggest 城管 for 市政设施: the assign dialog comes with it chosen.
    await act(station, '交办', '已交办', async (modal) => {
      await modal.getByText('区城市管理和综合执法局').first().waitFor();
    });
    const dept = await openCase('dept', code);
    await act(dept, '签收', '办理中');
    await act(dept, '答复', '已答复', (modal) => type(modal, '经现场核查，该路段 6 盏路灯线路老化，已更换线路和灯具，照明已恢复。'));
    await station.reload();
    await act(station, '反馈群众', '已反馈', (modal) => type(modal, '区城管局已更换线路和灯具，路灯已恢复照明，感谢您的监督。'));
    return station;
  }

  test('submit on a phone, follow it, handle it in the console, rate it satisfied: closed with a complete timeline', async () => {
    const code = await report('马家河街道新马社区东门到公交站的路灯坏了两个星期，晚上走路很不安全，希望尽快修好。');

    const track = await phone.newPage();
    await track.goto(`${server.url}/track/${code}`);
    assert.match(await track.locator('main').innerText(), /待受理/);
    await track.close();

    const station = await handle(code);

    const rated = await rate(code, '满意');
    const publicText = await rated.locator('main').innerText();
    assert.match(publicText, /已办结/);
    for (const step of ['提交', '受理', '交办', '答复', '反馈']) assert.match(publicText, new RegExp(step));
    // The public never sees staff names or the constituent's contact details.
    for (const secret of ['陈丽', '13812345678', '张国强', '138****5678']) assert.ok(!publicText.includes(secret), `public page shows ${secret}`);
    await rated.screenshot({ path: shotPath('case-loop-closed-phone'), fullPage: true });
    await rated.close();

    await station.reload();
    await station.locator('.ant-tag', { hasText: '已办结' }).first().waitFor();
    const timeline = await station.locator('main').innerText();
    for (const step of ['提交诉求', '受理', '交办', '签收', '答复', '反馈群众', '群众评价']) assert.match(timeline, new RegExp(step), `timeline lacks ${step}`);
    assert.match(timeline, /陈丽/, 'staff see who acted');
    await station.screenshot({ path: shotPath('case-loop-closed-console'), fullPage: true });

    const api = await (await station.request.get(`${server.url}/api/v1/cases?q=${code}`)).json();
    assert.equal(api.items[0].status, 'closed');
    assert.equal(api.items[0].rating, 'satisfied');
  });

  test('the same loop rated unsatisfied goes back to the department (重办)', async () => {
    const code = await report('新马社区南门的路灯晚上一直闪，时亮时灭，请派人检修。');
    await handle(code);
    const rated = await rate(code, '不满意');
    assert.match(await rated.locator('main').innerText(), /办理中/);
    await rated.close();

    const dept = staff.get('dept')!;
    await dept.goto(`${server.url}/console/inbox`);
    // The inbox opens on 待签收; the reopened case is under 办理中.
    await dept.getByRole('tab', { name: /办理中/ }).click();
    await dept.locator('tr.ant-table-row', { hasText: '南门的路灯' }).first().waitFor();
    const page = await openCase('dept', code);
    // The department can reply again.
    await page.locator('main').getByRole('button', { name: label('答复') }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: shotPath('case-loop-reopened-console'), fullPage: true });
  });
});
