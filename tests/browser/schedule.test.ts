/// <reference lib="dom" />
/**
 * A station's reception month as its staff keep it: 马家河街道 receives on the 10th, 20th and 30th
 * (逢十); on the morning of 10 November 2026 the staff open the calendar, see the three days with
 * their deputies, swap two deputies by dragging one onto the other, start the record of today's
 * reception, add a batch of visitors and register the problem they brought, which is then listed
 * among the cases collected there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchChromium, shotPath, startServer, type RunningServer } from './support.ts';

// Ant Design puts a space between the two characters of a two-character button label.
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

/** 09:30 in Beijing on a reception day: the 10th is today (recordable), the 20th and the 30th still to come. */
const NOW = '2026-11-10T01:30:00.000Z';

describe('reception calendar, rota and record', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startServer({ LIANXIN_NOW: NOW });
    browser = await launchChromium();
    // Tall enough for the whole month: a drag must not scroll the page on its way.
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 1250 }, locale: 'zh-CN' });
    page = await ctx.newPage();
    // The browser's "today" agrees with the server's pinned clock.
    await page.clock.setFixedTime(new Date(NOW));
    await signIn('station');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /**
   * Signs in through the API. The session cookie expires a week after the server's pinned "now",
   * which by the browser's real clock may already be past (it would be dropped on arrival), so
   * it is given to the browser as a cookie for the browser session.
   */
  async function signIn(username: string): Promise<void> {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    assert.equal(res.status, 200, await res.text());
    const token = /lianxin_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    assert.ok(token, 'login sets the session cookie');
    await page.context().addCookies([{ name: 'lianxin_session', value: token, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
  }

  const duties = (date: string) => page.locator(`[data-date="${date}"] .sched-duty`).allInnerTexts();

  test('the calendar shows 11-10, 11-20 and 11-30 with deputies; a drag swaps two of them', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/console/schedule/calendar?month=2026-11`);
    await page.getByRole('heading', { name: '接待日历' }).waitFor();
    await page.locator('.sched-toolbar').getByText('马家河街道代表联系群众工作站').waitFor();
    await page.locator('[data-date="2026-11-30"] .sched-duty').first().waitFor({ timeout: 15_000 });

    const before: Record<string, string[]> = {};
    for (const date of ['2026-11-10', '2026-11-20', '2026-11-30']) {
      before[date] = await duties(date);
      assert.ok(before[date]!.length >= 1, `${date} has deputies on duty: ${before[date]!.join(',')}`);
      assert.match(await page.locator(`[data-date="${date}"]`).innerText(), /9:00–11:30/);
      assert.match(await page.locator(`[data-date="${date}"]`).innerText(), /十月/, `${date} shows its lunar date`);
    }
    await page.screenshot({ path: shotPath('schedule-calendar') });

    const [a] = before['2026-11-20']!;
    const [b] = before['2026-11-30']!;
    assert.ok(a && b && a !== b);
    await page.locator('[data-date="2026-11-20"] .sched-duty', { hasText: a }).dragTo(page.locator('[data-date="2026-11-30"] .sched-duty', { hasText: b }));
    const modal = page.locator('.ant-modal', { hasText: '代表调班' });
    await modal.waitFor();
    assert.match(await modal.innerText(), new RegExp(`${a}.*11月20日`));
    // The swap's answer, then the calendar redrawn (the 调班成功 toast lasts 3 s: on a loaded machine it can be gone before it is looked for).
    const swapped = page.waitForResponse((r) => r.url().endsWith('/api/v1/receptions/swap') && r.request().method() === 'POST', { timeout: 30_000 });
    await modal.getByRole('button', { name: '确认调班' }).click();
    const res = await swapped;
    assert.equal(res.status(), 200, await res.text());
    await page.locator('[data-date="2026-11-20"] .sched-duty-swap', { hasText: b }).waitFor();
    await page.locator('[data-date="2026-11-30"] .sched-duty-swap', { hasText: a }).waitFor();
    assert.ok(!(await duties('2026-11-20')).includes(a), `${a} left the 20th`);
    assert.ok(!(await duties('2026-11-30')).includes(b), `${b} left the 30th`);
    await page.screenshot({ path: shotPath('schedule-swapped') });
    assert.deepEqual(errors, []);
  });

  test("today's reception is recorded: a batch of visitors and a case registered at it", async () => {
    await page.goto(`${server.url}/console/schedule/calendar?month=2026-11`);
    await page.locator('[data-date="2026-11-10"] .sched-duty').first().waitFor({ timeout: 15_000 });
    const onDuty = await duties('2026-11-10');
    await page.locator('[data-date="2026-11-10"]').click();
    const drawer = page.locator('.sched-drawer .ant-drawer-body');
    await drawer.getByRole('button', { name: '开始接待记录' }).click();

    await page.waitForURL(/\/console\/schedule\/sessions\/new\?reception=/);
    await page.getByRole('heading', { name: '开始接待记录' }).waitFor();
    // The day and its deputies on duty come filled in.
    await page.getByText(/11月10日 周二 · 十月初二 · 9:00–11:30/).first().waitFor();
    for (const name of onDuty) assert.ok(await page.getByRole('checkbox', { name }).isChecked(), `${name} ticked as present`);
    await page.getByRole('button', { name: '开始记录' }).click();

    await page.waitForURL(/\/console\/schedule\/sessions\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /接待记录 · 11月10日/ }).waitFor();
    assert.match(await page.locator('main').innerText(), /进行中/);

    const batch = page.locator('.sched-batch-form');
    await batch.locator('#visitors').fill('3');
    await batch.locator('#topic').fill('小区停车难');
    await batch.getByRole('button', { name: /添\s*加$/ }).click();
    await page.locator('tr.ant-table-row', { hasText: '小区停车难' }).waitFor();
    assert.match(await page.locator('tr.ant-table-row', { hasText: '小区停车难' }).innerText(), /第 1 批[\s\S]*3 人/);
    await page.locator('.ant-statistic', { hasText: '接待人数' }).locator('.ant-statistic-content-value').filter({ hasText: /^3$/ }).waitFor();

    await page.getByRole('button', { name: '登记问题' }).click();
    const modal = page.locator('.ant-modal', { hasText: '登记接待中收集的问题' });
    await modal.waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter'));
    const content = '新马社区东区小区停车位不足，晚上车辆停满消防通道，希望规划增设停车位并加强管理。';
    await modal.locator('#content').fill(content);
    assert.equal(await modal.locator('#content').inputValue(), content);
    await modal.locator('#contactName').fill('李建华');
    // Received by the deputies present, unless narrowed.
    for (const name of onDuty) assert.ok(await modal.getByRole('checkbox', { name }).isChecked(), `${name} receives the case`);
    await modal.getByRole('button', { name: label('提交') }).click();
    await modal.waitFor({ state: 'hidden', timeout: 15_000 });

    const row = page.locator('.ant-card', { hasText: '收集的问题' }).locator('tr.ant-table-row').first();
    await row.waitFor();
    assert.match(await row.innerText(), /新马社区东区小区停车位不足/);
    assert.match(await row.innerText(), /待受理/);
    assert.match((await row.locator('a').first().getAttribute('href')) ?? '', /\/console\/cases\/[0-9a-f-]{36}$/);
    await page.getByText('收集的问题（1）').waitFor();
    await page.screenshot({ path: shotPath('schedule-session'), fullPage: true });

    // The case is linked to the record and received by the deputies present.
    const sessionId = new URL(page.url()).pathname.split('/').pop()!;
    const cases = await (await page.request.get(`${server.url}/api/v1/cases?receptionId=${sessionId}`)).json();
    assert.equal(cases.items.length, 1);
    assert.equal(cases.items[0].channel, 'reception');
  });
});
