/// <reference lib="dom" />
/**
 * The liaison officer records cases on a round without network (390 px): the network is
 * switched off (context.setOffline), two cases are recorded → both wait in 草稿箱, nothing
 * reaches the server; the network comes back → both are sent, each exactly once (one case per
 * draft, one `submitted` step each). Then a lost answer: the server makes the case but the
 * browser never hears back (the route fetches the request and aborts the answer) → the form keeps
 * it as a draft with the same Idempotency-Key, and sending the draft gives that very case, not a
 * second one. A draft the server refuses (4xx) stays with the server's message.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, login, shotPath, startServer, type RunningServer } from './support.ts';

const RUN = Date.now().toString(36);
const FIRST = `离线登记一${RUN}：新马村三组的路灯坏了半个月，晚上村民出行不便。`;
const SECOND = `离线登记二${RUN}：马家河中学门口早晚接送车辆乱停，堵住了消防通道。`;
const LOST = `回执丢失${RUN}：栗雨路公交站的候车亭顶棚漏雨，老人等车淋雨。`;

interface CaseRow { id: string; title: string }
interface CaseDetail { id: string; timeline: Array<{ type: string }> }

describe('the liaison officer’s form works offline: drafts, sent once when back online', () => {
  let server: RunningServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const posts: string[] = [];

  async function casesMatching(text: string): Promise<CaseRow[]> {
    const res = await page.request.get(`${server.url}/api/v1/cases?q=${encodeURIComponent(text)}&limit=100`);
    assert.equal(res.status(), 200);
    return ((await res.json()) as { items: CaseRow[] }).items;
  }
  async function submittedSteps(id: string): Promise<number> {
    const res = await page.request.get(`${server.url}/api/v1/cases/${id}`);
    return ((await res.json()) as CaseDetail).timeline.filter((e) => e.type === 'submitted').length;
  }
  async function record(content: string): Promise<void> {
    await page.getByLabel('诉求内容').fill(content);
    await page.getByRole('button', { name: '提交登记' }).last().click();
  }
  const marker = (s: string) => s.slice(0, s.indexOf('：'));

  before(async () => {
    server = await startServer();
    browser = await launchChromium();
    ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    page = await ctx.newPage();
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/cases') posts.push(r.headers()['idempotency-key'] ?? '');
    });
    await login(page, server, 'liaison');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('offline: two drafts, nothing sent; online: both sent, each once', async () => {
    await page.goto(`${server.url}/console/cases/new`);
    await page.getByLabel('诉求内容').waitFor();
    // the officer's own station is filled in once the page has loaded it
    await page.locator('.record-form').getByText(/马家河街道/).first().waitFor();
    await ctx.setOffline(true);
    await page.locator('.draft-offline').waitFor();

    await record(FIRST);
    await page.getByText('没有网络，已存入草稿箱').first().waitFor();
    await record(SECOND);
    const drafts = page.locator('.case-drafts');
    await drafts.getByText('草稿箱（待发送 2 件）').waitFor();
    await drafts.locator('.case-draft', { hasText: marker(FIRST) }).waitFor();
    await drafts.locator('.case-draft', { hasText: marker(SECOND) }).waitFor();
    assert.equal(posts.length, 0, 'nothing was sent while offline');
    assert.equal(await page.getByLabel('诉求内容').inputValue(), '', 'a new, empty form for the next case');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling at 390 px');
    await page.screenshot({ path: shotPath('offline-drafts-390'), fullPage: true });

    // The drafts outlive a reload (still offline they stay put; nothing is sent).
    const keys = await drafts.locator('.case-draft').evaluateAll((els) => els.map((e) => e.getAttribute('data-draft-key')));
    assert.equal(new Set(keys).size, 2, 'each draft has its own key');

    await ctx.setOffline(false);
    await drafts.waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByText(/草稿已发送，受理编号/).first().waitFor();
    await page.screenshot({ path: shotPath('offline-sent-390'), fullPage: true });
    assert.deepEqual([...posts].sort(), [...keys].sort(), 'one request per draft, with the draft’s key');
    for (const content of [FIRST, SECOND]) {
      const found = await casesMatching(marker(content));
      assert.equal(found.length, 1, `${marker(content)}: exactly one case`);
      assert.equal(await submittedSteps(found[0]!.id), 1, 'one submitted step');
    }
  });

  test('a lost answer: the draft is sent again with the same key and gives the same case', async () => {
    posts.length = 0;
    let aborted = 0;
    await page.route('**/api/v1/cases', async (route) => {
      if (route.request().method() !== 'POST' || aborted > 0) return route.fallback();
      aborted++;
      // The server handles the request; the browser never hears back.
      const res = await route.fetch();
      assert.equal(res.status(), 201);
      await route.abort('connectionreset');
    });
    await page.goto(`${server.url}/console/cases/new`);
    await page.locator('.record-form').getByText(/马家河街道/).first().waitFor();
    await record(LOST);
    await page.getByText('网络中断，未能确认是否已提交').first().waitFor();
    const drafts = page.locator('.case-drafts');
    await drafts.locator('.case-draft', { hasText: marker(LOST) }).waitFor();
    assert.equal((await casesMatching(marker(LOST))).length, 1, 'the server made the case');
    await page.screenshot({ path: shotPath('offline-lost-answer-390'), fullPage: true });

    await drafts.getByRole('button', { name: /立即发送/ }).click();
    await drafts.waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByText(/草稿已发送，受理编号/).first().waitFor();
    await page.unroute('**/api/v1/cases');
    assert.equal(posts.length, 2, 'sent twice');
    assert.equal(posts[0], posts[1], 'with the same Idempotency-Key');
    const found = await casesMatching(marker(LOST));
    assert.equal(found.length, 1, 'still exactly one case');
    assert.equal(await submittedSteps(found[0]!.id), 1);
  });

  test('a draft the server refuses stays with its message; deleting it removes it', async () => {
    // A draft saved by an older page for a station the officer may not record for.
    const user = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as { user: { id: string } };
    await page.evaluate(({ userId, run }) => {
      const draft = {
        key: crypto.randomUUID(), savedAt: new Date().toISOString(), values: {},
        input: { channel: 'visit', stationId: `no-such-station-${run}`, content: `站点无效${run}：测试被拒绝的草稿`, kind: 'problem', urgent: false, anonymous: false },
      };
      localStorage.setItem(`lianxin.caseDrafts.v1:${userId}`, JSON.stringify([draft]));
    }, { userId: user.user.id, run: RUN });
    await page.goto(`${server.url}/console/cases/new`);
    const row = page.locator('.case-draft.is-refused');
    await row.waitFor({ timeout: 20_000 });
    await row.getByText('未能登记').waitFor();
    const text = await row.locator('.case-draft-error').innerText();
    assert.ok(text.trim().length > 0, 'the server’s message is shown');
    await page.getByText('草稿箱（1 件）').waitFor();
    await page.screenshot({ path: shotPath('offline-refused-390'), fullPage: true });
    // Not sent again: reloading leaves it refused, no new request.
    posts.length = 0;
    await page.reload();
    await row.waitFor();
    await page.waitForTimeout(500);
    assert.equal(posts.length, 0, 'a refused draft is not sent again until edited');
    await row.getByRole('button', { name: /删除/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
    await row.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate((id) => localStorage.getItem(`lianxin.caseDrafts.v1:${id}`), user.user.id), null);
  });
});
