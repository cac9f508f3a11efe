/// <reference lib="dom" />
/**
 * A deputy's suggestion as people make it in the console: the deputy ticks two constituents' cases
 * on the case list and turns them into a suggestion (转为代表建议), writes and submits it; the office
 * registers it and assigns it to 区城市管理和综合执法局; the department replies with a class; the
 * deputy rates the reply 满意. Both constituents then see the reply on their public tracking pages
 * (a phone without JavaScript).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, login, openDialog, type RunningServer, shotPath, startServer } from './support.ts';

// Ant Design puts a space between the two characters of a two-character button label.
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

interface SuggestionApi {
  id: string;
  status: string;
  number: string | null;
  cases: { id: string; trackingCode: string; title: string }[];
  replies: { category: string; content: string; departmentName: string }[];
  evaluations: { rating: string }[];
}

describe('a deputy turns two cases into a suggestion; the department replies; the constituents see it', () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  const pages = new Map<string, Page>();

  before(async () => {
    server = await startServer();
    browser = await launchChromium();
    phone = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', javaScriptEnabled: false, isMobile: true });
    for (const user of ['deputy', 'admin', 'dept']) {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      const page = await ctx.newPage();
      await login(page, server, user);
      pages.set(user, page);
    }
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const as = (user: string) => pages.get(user)!;

  async function read(page: Page, id: string): Promise<SuggestionApi> {
    const res = await page.request.get(`${server.url}/api/v1/suggestions/${id}`);
    assert.equal(res.status(), 200);
    return (await res.json()) as SuggestionApi;
  }

  /** Clicks an action and returns its dialog once it has opened. */
  async function openAction(page: Page, action: string): Promise<Locator> {
    const button = page.locator('.sug-actions').getByRole('button', { name: label(action) });
    try {
      await button.waitFor({ timeout: 15_000 });
    } catch (e) {
      await page.screenshot({ path: shotPath(`suggestion-no-${action}`), fullPage: true });
      throw new Error(`no ${action} button on ${page.url()}`, { cause: e });
    }
    await button.click();
    return openDialog(page);
  }

  /** Confirms the dialog with its action's button and waits for the status the action leads to. */
  async function confirm(page: Page, modal: Locator, action: string, status: string): Promise<void> {
    await modal.getByRole('button', { name: label(action) }).click();
    try {
      await modal.waitFor({ state: 'hidden', timeout: 15_000 });
    } catch (e) {
      await page.screenshot({ path: shotPath(`suggestion-stuck-${action}`) });
      throw new Error(`the ${action} dialog stayed open: ${await modal.innerText()}`, { cause: e });
    }
    await page.locator('.page-header .ant-tag', { hasText: status }).first().waitFor();
  }

  /** Picks an option of an Ant Design select after typing into its search. */
  async function choose(page: Page, select: Locator, search: string, option: string): Promise<void> {
    await select.click();
    await select.locator('input').fill(search);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
  }

  test('from two cases to an evaluated suggestion, seen on both tracking pages', async () => {
    // ── the deputy ticks two of the cases he received and turns them into a suggestion ──
    const deputy = as('deputy');
    await deputy.goto(`${server.url}/console/cases?status=all`);
    const rows = deputy.locator('tr.ant-table-row');
    await rows.nth(1).waitFor();
    const convert = deputy.getByRole('button', { name: /转为代表建议/ });
    assert.equal(await convert.isDisabled(), true, 'nothing ticked yet');
    for (const i of [0, 1]) await rows.nth(i).locator('.ant-checkbox-input').check();
    await deputy.getByRole('button', { name: /转为代表建议（2）/ }).click();
    await deputy.waitForURL(/\/console\/suggestions\/new\?cases=/);
    // the two cases arrive linked (by tracking code and title)
    const linked = deputy.locator('.sug-block', { hasText: '来源：群众诉求' }).locator('.ant-select-selection-item');
    await linked.nth(1).waitFor();
    assert.equal(await linked.count(), 2);
    assert.match(await deputy.locator('main').innerText(), /由 2 件群众诉求转为代表建议/);

    await deputy.locator('#title').fill('关于加快马家河街道老旧小区路灯和道路修缮的建议');
    await deputy.locator('#content').fill('马家河街道多个社区群众反映，小区路灯损坏后长期无人维修，夜间出行不便，存在安全隐患。');
    await deputy.locator('#proposals').fill('一、由区城管局牵头对老旧小区路灯开展全面排查；二、建立路灯报修快速响应机制。');
    await deputy.screenshot({ path: shotPath('suggestion-form-deputy'), fullPage: true });
    await deputy.getByRole('button', { name: '保存并提交' }).click();
    await deputy.waitForURL(/\/console\/suggestions\/[0-9a-f-]{36}$/);
    await deputy.locator('.page-header .ant-tag', { hasText: '已提交' }).first().waitFor();
    const id = new URL(deputy.url()).pathname.split('/').pop()!;
    const submitted = await read(deputy, id);
    assert.equal(submitted.status, 'submitted');
    assert.equal(submitted.cases.length, 2);
    const codes = submitted.cases.map((c) => c.trackingCode);
    assert.ok(codes.every((c) => /^[0-9A-Z]{16}$/.test(c)), `tracking codes: ${codes.join(', ')}`);
    // the suggestion's page lists both cases, each linking to its case page
    for (const c of submitted.cases) await deputy.locator(`.sug-cases a[href="/console/cases/${c.id}"]`).waitFor();

    // ── the office registers it (闭会期间) and assigns it to 城管 ──
    const admin = as('admin');
    await admin.goto(`${server.url}/console/suggestions/${id}`);
    let modal = await openAction(admin, '立案');
    await modal.getByText('闭会期间').click();
    await confirm(admin, modal, '立案', '已立案');
    const registered = await read(admin, id);
    assert.match(registered.number ?? '', /^\d{4}闭第\d{3}号$/);
    await admin.getByText(registered.number!).first().waitFor();

    modal = await openAction(admin, '交办');
    await choose(admin, modal.locator('.ant-select').first(), '城市管理', '区城市管理和综合执法局');
    await admin.screenshot({ path: shotPath('suggestion-assign-admin') });
    await confirm(admin, modal, '交办', '已交办');
    await admin.screenshot({ path: shotPath('suggestion-assigned-admin'), fullPage: true });

    // ── the department finds it in its list and replies with a class ──
    const dept = as('dept');
    await dept.goto(`${server.url}/console/suggestions`);
    await dept.locator('tr.ant-table-row', { hasText: '老旧小区路灯和道路修缮' }).first().locator('a').first().click();
    await dept.waitForURL(new RegExp(`/console/suggestions/${id}$`));
    modal = await openAction(dept, '答复');
    await modal.getByText('已解决', { exact: true }).click();
    const reply = '经排查，马家河街道老旧小区损坏路灯 23 盏已全部修复，并开通路灯报修热线，48 小时内修复。';
    await modal.locator('textarea').fill(reply);
    await confirm(dept, modal, '答复', '已答复');
    await dept.screenshot({ path: shotPath('suggestion-replied-dept'), fullPage: true });

    // ── the deputy rates the reply 满意: closed ──
    await deputy.reload();
    modal = await openAction(deputy, '代表评价');
    await modal.getByText('满意', { exact: true }).click();
    await confirm(deputy, modal, '代表评价', '已办结');
    const closed = await read(deputy, id);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.replies[0]?.category, 'resolved');
    assert.equal(closed.evaluations[0]?.rating, 'satisfied');
    const timeline = await deputy.locator('main').innerText();
    for (const step of ['起草', '提交建议', '立案', '交办', '答复', '代表评价']) assert.match(timeline, new RegExp(step), `timeline lacks ${step}`);
    await deputy.screenshot({ path: shotPath('suggestion-closed-deputy'), fullPage: true });

    // ── each case's page links the suggestion; each constituent sees the reply on the tracking page ──
    await deputy.goto(`${server.url}/console/cases/${submitted.cases[0]!.id}`);
    await deputy.locator('.sug-case-card').getByRole('link', { name: /老旧小区路灯和道路修缮/ }).waitFor();
    for (const code of codes) {
      const track = await phone.newPage();
      await track.goto(`${server.url}/track/${code}`);
      const text = await track.locator('main').innerText();
      assert.match(text, /已转为代表建议/, `track ${code}: no suggestion step`);
      assert.match(text, /代表建议已答复/, `track ${code}: no reply step`);
      assert.match(text, /区城市管理和综合执法局/, `track ${code}: the department is not named`);
      assert.match(text, /已解决/, `track ${code}: the reply class is not shown`);
      await track.screenshot({ path: shotPath(`suggestion-track-${code}`), fullPage: true });
      await track.close();
    }
  });
});
