/// <reference lib="dom" />
/**
 * Publishing a closed case's result as people do it: the station's staff open a closed case, click
 * 申请公开, find the text pre-filled without the constituent's data, edit the title and 保存并提交审核;
 * a leak typed into the text is refused on its field. The office finds it under 待审核, reads it in the
 * approve dialog and publishes it; a phone (390 px, no JavaScript) finds it on /results and opens it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, login, shotPath, startServer, type RunningServer } from './support.ts';

const CASE_TITLE = '咨询灵活就业人员医保缴费';
const PUBLIC_TITLE = '咨询：灵活就业人员怎样缴纳医保';

describe('a closed case’s result: prepared by the station, approved by the office, seen on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  const pages = new Map<string, Page>();

  before(async () => {
    server = await startServer();
    browser = await launchChromium();
    for (const user of ['station', 'admin']) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const page = await ctx.newPage();
      await login(page, server, user);
      pages.set(user, page);
    }
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('prepare → submit → approve → visible on /results at 390 px', async () => {
    const station = pages.get('station')!;
    const found = await station.request.get(`${server.url}/api/v1/cases?q=${encodeURIComponent(CASE_TITLE)}&status=ended`);
    const caseRow = ((await found.json()) as { items: Array<{ id: string; title: string; status: string }> }).items.find((c) => c.title === CASE_TITLE)!;
    assert.equal(caseRow.status, 'closed');
    const contact = await station.request.get(`${server.url}/api/v1/cases/${caseRow.id}`);
    const detail = (await contact.json()) as { trackingCode: string };

    // ── the station opens the closed case and asks to publish its result ──
    await station.goto(`${server.url}/console/cases/${caseRow.id}`);
    const apply = station.locator('.pub-case-card').getByRole('button', { name: '申请公开' });
    await apply.waitFor();
    await apply.click();
    await station.waitForURL(/\/console\/publications\/new\?caseId=/);
    const title = station.locator('.pub-editor input#title');
    await title.waitFor();
    assert.equal(await title.inputValue(), CASE_TITLE, 'pre-filled from the case');
    const summary = station.locator('.pub-editor textarea#summary');
    assert.match(await summary.inputValue(), /灵活就业人员怎么缴纳医保/);
    assert.match(await station.locator('.pub-editor textarea#result').inputValue(), /湘医保/, 'the answer given on the spot');
    await title.fill(PUBLIC_TITLE);
    // A tracking code typed into the text is refused on the field, nothing is submitted.
    await summary.fill(`群众咨询灵活就业人员怎么缴纳医保（查询码 ${detail.trackingCode}）。`);
    await station.getByRole('button', { name: '保存并提交审核' }).click();
    await station.locator('.ant-form-item-explain-error', { hasText: '查询码' }).waitFor();
    await summary.fill('群众咨询：今年从厂里离职，灵活就业人员怎么缴纳医保、在哪里办理。');
    await station.getByRole('button', { name: '保存并提交审核' }).click();
    await station.waitForURL(/\/console\/publications\/[0-9a-f-]{36}$/);
    await station.locator('.page-header .ant-tag', { hasText: '待审核' }).first().waitFor();
    const pubId = new URL(station.url()).pathname.split('/').pop()!;
    await station.screenshot({ path: shotPath('publication-submitted-station'), fullPage: true });

    // ── the office reviews it in the queue and publishes it ──
    const admin = pages.get('admin')!;
    await admin.goto(`${server.url}/console/publications`);
    const row = admin.locator('tr.ant-table-row', { hasText: PUBLIC_TITLE });
    await row.waitFor();
    await row.getByRole('button', { name: '审核通过并公开' }).click();
    const modal = admin.locator('.ant-modal').last();
    await modal.locator('.pub-preview', { hasText: '灵活就业人员怎么缴纳医保' }).waitFor();
    await admin.screenshot({ path: shotPath('publication-approve-dialog') });
    await modal.getByRole('button', { name: '审核通过并公开' }).click();
    await modal.waitFor({ state: 'hidden' });
    const check = await admin.request.get(`${server.url}/api/v1/case-publications/${pubId}`);
    assert.equal(((await check.json()) as { status: string }).status, 'published');

    // ── anyone on a phone finds it on /results (no JavaScript) ──
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', javaScriptEnabled: false, isMobile: true });
    const p = await phone.newPage();
    await p.goto(`${server.url}/`);
    await p.locator('header.site nav').getByRole('link', { name: '办理结果' }).click();
    await p.waitForURL(/\/results$/);
    const card = p.locator('article.card.result', { hasText: PUBLIC_TITLE });
    await card.waitFor();
    assert.equal(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling at 390 px');
    await p.screenshot({ path: shotPath('publication-results-phone'), fullPage: true });
    await card.getByRole('link', { name: PUBLIC_TITLE }).click();
    await p.waitForURL(new RegExp(`/results/${pubId}$`));
    const text = await p.locator('main').innerText();
    assert.match(text, /群众咨询：今年从厂里离职/);
    assert.match(text, /湘医保/);
    assert.ok(!text.includes(detail.trackingCode), 'no tracking code');
    assert.ok(!text.includes('谢冬梅') && !text.includes('18874123456'), 'no constituent name or phone');
    await p.screenshot({ path: shotPath('publication-result-phone'), fullPage: true });
    // Large text for the elderly.
    await p.getByRole('link', { name: '大字模式' }).click();
    await p.waitForURL(new RegExp(`/results/${pubId}$`));
    assert.equal(await p.evaluate(() => document.documentElement.classList.contains('large')), true);
    assert.equal(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'large text fits too');
    await phone.close();
  });
});
