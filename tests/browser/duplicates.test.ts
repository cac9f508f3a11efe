/// <reference lib="dom" />
/**
 * Duplicates in Chromium. Station staff type a near copy of an open case into 登记诉求 (traditional
 * characters, punctuation changed, words swapped): 可能重复的诉求 lists that case with the
 * similarity the API gives, linked to its page; saving is not blocked; on the new case's page
 * 相似诉求 offers 合并 (this case into that one), one click and a confirmation. On the older
 * case's page, 合并到此诉求 merges a third, similar case into it. The constituent's form (no
 * JavaScript) stops at 可能已有人反映过相同的问题 (no tracking codes, WCAG 2.1 AA by axe-core) and
 * 仍然提交 makes one case. Screenshots at 1280 and 390 px.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, login, shotPath, startServer, type RunningServer } from './support.ts';

const NOW = '2026-11-21T02:00:00Z';
/** 2 characters may be shown with a space between them (Ant Design's buttons). */
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
const TARGET = '新马路口早高峰拥堵，建议增设信号灯';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const NEAR_COPY = '新馬東路與新馬路交叉口沒有信號燈!早上7點半到8點半上班和上學的車輛交匯,經常堵成一團,很危險;建議增設信號燈,或安排交警疏導';

interface Similar { id: string; title: string; similarity: number; trackingCode: string }
interface CaseJson { id: string; status: string; version: number; mergedIntoId: string | null; trackingCode: string; mergedCases: Array<{ id: string; trackingCode: string }> }

describe('possible duplicates in the console and on the public form', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let targetId = '';

  before(async () => {
    server = await startServer({ LIANXIN_NOW: NOW });
    browser = await launchChromium();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function open(username: string, width: number): Promise<Page> {
    const phone = width < 600;
    const context = await browser.newContext({ viewport: { width, height: phone ? 844 : 900 }, locale: 'zh-CN', isMobile: phone, hasTouch: phone });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.status() >= 400 && path.startsWith('/api/') && !(r.status() === 401 && path === '/api/v1/me')) errors.push(`${username}: ${r.status()} ${r.request().method()} ${path}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`${username}: ${m.text()}`);
    });
    await login(page, server, username);
    if (phone) await page.evaluate(() => localStorage.setItem('lianxin.console.siderCollapsed', '1'));
    return page;
  }
  /** Records a case at the user's station through the API (as 登记诉求 does). */
  async function record(page: Page, content: string): Promise<{ id: string; trackingCode: string }> {
    const me = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as { csrfToken: string; user: { stationId: string } };
    const made = await page.request.post(`${server.url}/api/v1/cases`, {
      headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      data: { channel: 'visit', stationId: me.user.stationId, content },
    });
    assert.equal(made.status(), 201, await made.text());
    return (await made.json()) as { id: string; trackingCode: string };
  }
  const getCase = async (page: Page, id: string) => (await (await page.request.get(`${server.url}/api/v1/cases/${id}`)).json()) as CaseJson;

  /** Fills 登记诉求's content and waits for the check's answer (the panel's source). */
  async function typeContent(page: Page, text: string): Promise<Similar[]> {
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases/similar') && r.request().method() === 'POST' && (r.request().postData() ?? '').includes(text.slice(0, 10)));
    await page.getByLabel('诉求内容').fill(text);
    const res = await answer;
    assert.equal(res.status(), 200, await res.text());
    return ((await res.json()) as { items: Similar[] }).items;
  }

  test('登记诉求: a near copy lists the open case it repeats; saving goes on; the new case merges into it with one click', async () => {
    const page = await open('station', 1280);
    await page.goto(`${server.url}/console/cases/new`);
    await page.locator('.channel-radios').getByText('电话', { exact: true }).click();
    const items = await typeContent(page, NEAR_COPY);
    const hit = items.find((i) => i.title === TARGET);
    assert.ok(hit && hit.similarity >= 0.5, JSON.stringify(items));
    targetId = hit.id;

    const panel = page.locator('.similar-panel');
    await panel.waitFor();
    assert.equal(await panel.locator('.ant-alert-title').textContent(), `可能重复的诉求（${items.length} 件）`);
    const row = panel.locator('.similar-case', { hasText: TARGET });
    assert.equal(await row.getByRole('link').getAttribute('href'), `/console/cases/${hit.id}`);
    assert.equal(await row.getByRole('link').getAttribute('target'), '_blank', 'the form stays open');
    await row.getByText(`相似度 ${Math.round(hit.similarity * 100)}%`).waitFor();
    await row.getByText(hit.trackingCode).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('duplicates-new-case-1280') });

    // Not blocking: the case is saved as usual.
    await page.getByRole('button', { name: '提交登记' }).last().click();
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const newId = /cases\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    assert.equal((await getCase(page, newId)).status, 'submitted');

    // Its page: 相似诉求 lists the case it repeats (not itself); 合并 merges it there.
    const card = page.locator('.similar-card');
    await card.waitFor({ timeout: 15_000 });
    const targetRow = card.locator('.similar-case', { hasText: TARGET });
    await targetRow.waitFor();
    assert.equal(await card.locator(`a[href="/console/cases/${newId}"]`).count(), 0, 'not itself');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('duplicates-case-card-1280') });
    const merged = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${newId}/merge`) && r.request().method() === 'POST');
    await targetRow.getByRole('button', { name: label('合并') }).click();
    await page.locator('.ant-popover:visible .ant-popconfirm-buttons').getByRole('button', { name: label('合并') }).click();
    assert.equal((await merged).status(), 200);
    await page.getByText('本诉求已作为重复诉求合并，后续在合并后的诉求中一并办理。').waitFor();
    const after = await getCase(page, newId);
    assert.deepEqual([after.status, after.mergedIntoId], ['merged', hit.id]);
    assert.equal(await page.locator('.similar-card').count(), 0, 'an ended case offers no merging');
    assert.ok((await getCase(page, hit.id)).mergedCases.some((m) => m.id === newId));
  });

  test('合并到此诉求: on the older case\'s page, a similar case recorded since is merged into it', async () => {
    const page = await open('station', 1280);
    const third = await record(page, '新马路和新马东路交叉口没有信号灯，早上7点半到8点半上学、上班的车辆交汇，经常堵成一团，很危险，建议增设信号灯。');

    await page.goto(`${server.url}/console/cases/${targetId}`);
    const card = page.locator('.similar-card');
    const row = card.locator('.similar-case', { hasText: third.trackingCode });
    await row.waitFor({ timeout: 15_000 });
    const merged = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${third.id}/merge`) && r.request().method() === 'POST');
    await row.getByRole('button', { name: '合并到此诉求' }).click();
    const pop = page.locator('.ant-popover:visible');
    await pop.getByText('该诉求将结束').waitFor();
    await page.screenshot({ path: shotPath('duplicates-merge-confirm-1280') });
    await pop.locator('.ant-popconfirm-buttons').getByRole('button', { name: label('合并') }).click();
    assert.equal((await merged).status(), 200);
    await row.waitFor({ state: 'detached' });
    // The case page's list of duplicates merged in now holds it.
    await page.locator('.side-card', { hasText: '已并入的重复诉求' }).getByText(third.trackingCode).waitFor();
    const t = await getCase(page, third.id);
    assert.deepEqual([t.status, t.mergedIntoId], ['merged', targetId]);
    assert.equal((await getCase(page, targetId)).status, 'submitted', 'the older case stays open');
  });

  test('phone: the panel on 登记诉求 and the card on a case page fit a 390 px screen', async () => {
    const page = await open('station', 390);
    await page.goto(`${server.url}/console/cases/new`);
    const items = await typeContent(page, '新馬路與新馬東路交叉口沒有信號燈,早上上學上班的車輛交匯,經常堵成一團,很危險,建議增設信號燈或者安排交警疏導。');
    assert.ok(items.some((i) => i.id === targetId), JSON.stringify(items));
    await page.locator('.similar-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('duplicates-new-case-390') });
    let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
    // The older case's page, with one more similar case recorded: its 相似诉求 card.
    await record(page, '新马路与新马东路的交叉口没有信号灯，早上上学和上班的车辆交汇，经常堵成一团，很危险，建议增设信号灯或安排交警疏导。');
    await page.goto(`${server.url}/console/cases/${targetId}`);
    const card = page.locator('.similar-card');
    await card.waitFor({ timeout: 15_000 });
    await card.locator('.similar-case').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('duplicates-case-card-390') });
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  });

  test('the public form (no JavaScript): the step lists the case without personal data; 仍然提交 makes exactly one case', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    const stations = (await (await page.request.get(`${server.url}/api/v1/public/stations?limit=100`)).json()) as { items: Array<{ id: string; name: string }> };
    const ma = stations.items.find((s) => s.name === '马家河街道代表联系群众工作站')!.id;
    await page.goto(`${server.url}/stations/${ma}/report`);
    const text = '新馬路與新馬東路交叉口沒有信號燈，早上七點半到八點半上學上班的車輛交匯，經常堵成一團，也很危險，建議增設信號燈或者安排交警疏導。';
    await page.locator('textarea[name="content"]').fill(text);
    await page.locator('input[name="name"]').fill('钱玉珍');
    await page.locator('input[name="phone"]').fill('13755501234');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByRole('heading', { name: '可能已有人反映过相同的问题' }).waitFor();
    await page.getByRole('heading', { name: TARGET }).waitFor();
    const body = await page.content();
    assert.ok(!/href="\/track\//.test(body), 'no link to anyone\'s tracking page');
    assert.ok(!/[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}/.test(body.replace(/<[^>]+>/g, ' ')), 'no tracking code');
    await page.screenshot({ path: shotPath('duplicates-public-step-390'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px on a phone`);

    // WCAG 2.1 AA (as a11y.test.ts checks every public page): the same step in a context whose CSP is bypassed so axe can run.
    const axeContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', bypassCSP: true });
    contexts.push(axeContext);
    const axePage = await axeContext.newPage();
    await axePage.goto(`${server.url}/stations/${ma}/report`);
    await axePage.locator('textarea[name="content"]').fill(text);
    await axePage.getByRole('button', { name: '提交', exact: true }).click();
    await axePage.getByRole('heading', { name: '可能已有人反映过相同的问题' }).waitFor();
    await axePage.addScriptTag({ content: axeSource });
    const violations = await axePage.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; help: string }> }> } }).axe;
      return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations.map((v) => `${v.id}: ${v.help}`);
    });
    assert.deepEqual(violations, []);

    await page.getByRole('button', { name: '仍然提交' }).click();
    await page.waitForURL(/\/track\/[0-9A-Z]{16}\?new=1/);
    await page.getByText('提交成功').waitFor();
    const admin = await open('admin', 1280);
    const found = (await (await admin.request.get(`${server.url}/api/v1/cases?q=${encodeURIComponent('上學上班的車輛交匯')}&limit=100`)).json()) as { items: unknown[] };
    assert.equal(found.items.length, 1, 'exactly one case');
  });

  test('no page errors, no failed API calls', () => {
    assert.deepEqual(errors, []);
  });
});
