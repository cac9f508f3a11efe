/// <reference lib="dom" />
/**
 * The case list's keyword search in Chromium (GET /api/v1/cases/search). As `admin` on 全部:
 * typing 路灯 lists the cases the API finds, by relevance — every row shows 路灯 marked (in the
 * title or the snippet under it, <mark> elements rendered from the server's escaped text, never
 * HTML), the line above the table gives the API's count, and paging through the API gives as
 * many cases. A reply's words find their case with a “办理记录：” snippet. Clearing the box
 * goes back to the plain list. As `station2`: only 栗雨街道's cases. Screenshots at 1280 and
 * 390 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, login, shotPath, startServer, type RunningServer } from './support.ts';

const NOW = '2026-11-21T02:00:00Z';

interface SearchPage {
  items: Array<{ id: string; title: string; stationName: string; category: string | null; highlights: { title?: string; snippet?: string; snippetFrom?: string } }>;
  nextCursor: string | null;
  total: number | null;
}

/** Every page of a search as the signed-in page's user (the console's cookie and filters). */
async function apiSearch(page: Page, query: Record<string, string>): Promise<{ ids: string[]; total: number | null; categories: string[] }> {
  return page.evaluate(async (q) => {
    const ids: string[] = [];
    const categories: string[] = [];
    let cursor: string | null = null;
    let total: number | null;
    do {
      const params = new URLSearchParams({ ...q, limit: '100', ...(cursor ? { cursor } : {}) });
      const res = await fetch(`/api/v1/cases/search?${params}`);
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
      const body = (await res.json()) as SearchPage;
      ids.push(...body.items.map((i) => i.id));
      categories.push(...body.items.map((i) => i.category ?? ''));
      total = body.total;
      cursor = body.nextCursor;
    } while (cursor);
    return { ids, total, categories };
  }, query);
}

/** The list's own search request (not the one-row count of every status) whose query passes `match`. */
const listSearch = (page: Page, match: (params: URLSearchParams) => boolean) =>
  page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === '/api/v1/cases/search' && u.searchParams.get('limit') !== '1' && match(u.searchParams);
  });

/** Types a keyword into the list's search box and waits for the search's answer and its rows. */
async function searchFor(page: Page, text: string): Promise<SearchPage> {
  const box = page.getByRole('searchbox', { name: '搜索' }).or(page.locator('input[aria-label="搜索"]')).first();
  await box.fill(text);
  const answer = listSearch(page, () => true);
  await box.press('Enter');
  const res = await answer;
  assert.equal(res.status(), 200, await res.text());
  const body = (await res.json()) as SearchPage;
  const keys = body.items.map((i) => i.id);
  await page.waitForFunction(
    (want) => JSON.stringify([...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')].map((tr) => tr.getAttribute('data-row-key'))) === JSON.stringify(want) && !document.querySelector('.ant-spin-spinning'),
    keys,
  );
  return body;
}

/** The rows shown: their text and the text of their <mark> elements. */
const rowsShown = (page: Page) =>
  page.locator('.ant-table-tbody tr.ant-table-row').evaluateAll((rows) =>
    rows.map((r) => ({ text: r.textContent ?? '', marks: [...r.querySelectorAll('mark')].map((m) => m.textContent ?? ''), html: r.querySelector('.case-cell')?.innerHTML ?? '' })),
  );

describe('case search in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

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
    // failed API calls are listed with their address (the login page's session probe is a 401)
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

  test('admin: 路灯 lists what the API finds, each row with 路灯 marked, the count the API\'s', async () => {
    const page = await open('admin', 1280);
    await page.goto(`${server.url}/console/cases?status=all`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const first = await searchFor(page, '路灯');
    assert.ok(first.items.length >= 3, `found ${first.items.length}`);
    assert.match(page.url(), /q=%E8%B7%AF%E7%81%AF/, 'the keyword is in the URL');

    const api = await apiSearch(page, { q: '路灯' });
    assert.equal(api.total, api.ids.length);
    assert.equal(first.total, api.total);
    const summary = await page.locator('.case-search-summary').textContent();
    assert.equal(summary, `找到 ${api.total} 件相关诉求，按相关度排序`);

    const rows = await rowsShown(page);
    assert.equal(rows.length, Math.min(20, api.ids.length));
    assert.deepEqual(
      await page.locator('.ant-table-tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key'))),
      api.ids.slice(0, rows.length),
      'rows in the API\'s (relevance) order',
    );
    for (const r of rows) {
      assert.ok(r.text.includes('路灯'), r.text);
      assert.ok(r.marks.some((m) => m === '路灯'), `路灯 is marked in ${r.text}`);
      assert.doesNotMatch(r.html, /&lt;mark|&lt;\/mark/, 'no escaped tags on screen');
    }
    await page.screenshot({ path: shotPath('search-1280'), fullPage: true });

    // Words of a reply find their case, with the snippet from the timeline.
    const reply = await searchFor(page, '更换电缆');
    assert.ok(reply.items.length >= 1);
    const snippet = page.locator('.case-cell-snippet').first();
    assert.match((await snippet.textContent()) ?? '', /^(办理记录：)?.*更换电缆/);
    assert.deepEqual((await rowsShown(page)).map((r) => r.marks.includes('更换电缆')), reply.items.map(() => true));

    // Cleared: the plain list again (GET /cases), no count line, no marks.
    const plain = page.waitForResponse((r) => /\/api\/v1\/cases\?/.test(r.url()));
    const box = page.locator('input[aria-label="搜索"]').first();
    await box.fill('');
    await box.press('Enter');
    await plain;
    await page.waitForFunction(() => !document.querySelector('.case-search-summary') && !document.querySelector('.ant-table-tbody mark'));
    assert.doesNotMatch(page.url(), /[?&]q=/);
    assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 20);
  });

  test('station2 finds only 栗雨街道\'s cases; a word nobody wrote finds none; narrow screen', async () => {
    const page = await open('station2', 390);
    await page.goto(`${server.url}/console/cases?status=all`);
    await page.locator('.ant-table-tbody tr.ant-table-row, .ant-empty').first().waitFor();
    const found = await searchFor(page, '灯');
    const api = await apiSearch(page, { q: '灯' });
    assert.equal(found.total, api.ids.length);
    assert.ok(found.items.every((i) => !i.stationName.startsWith('马家河')), found.items.map((i) => i.stationName).join(','));
    await page.screenshot({ path: shotPath('search-390'), fullPage: true });
    const none = await searchFor(page, '不存在的词语组合');
    assert.equal(none.total, 0);
    await page.locator('.ant-table-tbody .ant-empty').waitFor();
    assert.equal(await page.locator('.case-search-summary').textContent(), '找到 0 件相关诉求，按相关度排序');
  });

  test('admin on 全部在办: 路灯 says how many cases of every status match, one click shows them; the tabs keep the keyword and the other filters', async () => {
    const page = await open('admin', 1280);
    await page.goto(`${server.url}/console/cases`);
    await page.waitForURL(/[?&]status=open/);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const box = page.locator('input[aria-label="搜索"]').first();
    const activeTab = () => page.locator('.cases-card .ant-tabs-tab-active').textContent();
    assert.equal(await activeTab(), '全部在办');

    const inOpen = await searchFor(page, '路灯');
    const inOpenApi = await apiSearch(page, { q: '路灯', status: 'open' });
    const all = await apiSearch(page, { q: '路灯' });
    assert.equal(inOpen.total, inOpenApi.total);
    assert.ok(all.total !== null && inOpenApi.total !== null && all.total > inOpenApi.total, `open ${inOpenApi.total}, all ${all.total}`);
    // Nothing (or few) here: the line says how many there are in every status, with a way to them.
    const summary = page.locator('.case-search-summary');
    const seeAll = summary.getByRole('button', { name: '查看全部' });
    await seeAll.waitFor();
    const here = inOpenApi.total === 0 ? '在办诉求中没有找到“路灯”' : `在办诉求中找到 ${inOpenApi.total} 件相关诉求`;
    assert.equal(await summary.locator('.case-search-summary-text').textContent(), `${here}；全部诉求中有 ${all.total} 件`);
    await page.screenshot({ path: shotPath('search-elsewhere-1280'), fullPage: true });

    // 查看全部: the 全部 tab, the same keyword, every match.
    let answer = listSearch(page, (params) => !params.has('status'));
    await seeAll.click();
    let body = (await (await answer).json()) as SearchPage;
    assert.equal(body.total, all.total);
    await page.waitForFunction((n) => document.querySelector('.case-search-summary')?.textContent === `找到 ${n} 件相关诉求，按相关度排序`, all.total);
    assert.equal(await activeTab(), '全部');
    assert.equal(await box.inputValue(), '路灯');
    assert.equal(new URL(page.url()).searchParams.get('q'), '路灯');
    assert.equal(new URL(page.url()).searchParams.get('status'), 'all');

    // Another tab searches again there, the keyword kept (box and URL).
    const ended = await apiSearch(page, { q: '路灯', status: 'ended' });
    answer = listSearch(page, (params) => params.get('status') === 'ended');
    await page.locator('.cases-card .ant-tabs-tab').getByText('已结束', { exact: true }).click();
    body = (await (await answer).json()) as SearchPage;
    assert.equal(body.total, ended.total);
    assert.equal(await activeTab(), '已结束');
    assert.equal(await box.inputValue(), '路灯');
    assert.equal(new URL(page.url()).searchParams.get('q'), '路灯');

    // A reload (or a shared link) keeps it.
    answer = listSearch(page, (params) => params.get('status') === 'ended');
    await page.reload();
    await answer;
    assert.equal(await box.inputValue(), '路灯');
    assert.equal(await activeTab(), '已结束');

    // The other filters stay too: a category chosen on 已结束 is kept on 全部.
    const category = ended.categories.find(Boolean)!;
    answer = listSearch(page, (params) => params.get('category') === category);
    await page.goto(`${server.url}/console/cases?status=ended&q=${encodeURIComponent('路灯')}&category=${encodeURIComponent(category)}`);
    await answer;
    answer = listSearch(page, (params) => !params.has('status'));
    await page.locator('.cases-card .ant-tabs-tab').getByText('全部', { exact: true }).click();
    const params = new URL((await answer).url()).searchParams;
    assert.equal(params.get('q'), '路灯');
    assert.equal(params.get('category'), category);
    assert.equal(await activeTab(), '全部');
    assert.equal(await box.inputValue(), '路灯');
  });

  test('English: the same line in English', async () => {
    const page = await open('admin', 1280);
    await page.evaluate(() => localStorage.setItem('lianxin.console.lang', 'en'));
    await page.goto(`${server.url}/console/cases?status=open&q=${encodeURIComponent('路灯')}`);
    const summary = page.locator('.case-search-summary');
    await summary.getByRole('button', { name: 'Show all' }).waitFor();
    assert.match((await summary.locator('.case-search-summary-text').textContent()) ?? '', /^(No matches for “路灯” among open cases|\d+ matching cases among open cases); \d+ in all cases$/);
    await page.screenshot({ path: shotPath('search-elsewhere-en'), fullPage: true });
  });

  test('no page errors', () => {
    assert.deepEqual(errors, []);
  });
});
