/// <reference lib="dom" />
/**
 * The console dashboard against the lists behind it, in Chromium. As `admin` (the demo district):
 * each card opens the case list with the card's filters, and paging through the list counts
 * exactly the card's number (and its CSV export has as many rows); a station bar and a month bar open their cases (URL filters and the
 * row count match the bar's value). As `station`: the same for the station's own view. The
 * figures shown are also those of the API. Screenshots at 1280 and 390 px; the charts' font
 * renders Chinese.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, type RunningServer, shotPath, signedIn, startServer } from './support.ts';

const NOW = '2026-11-21T02:00:00Z';

interface Figures {
  received: number;
  accepted: number;
  resolved: number;
  closed: number;
  overdue: number;
  onTime: number;
  satisfied: number;
  rated: number;
  onTimeRate: number | null;
}

interface BreakdownRow {
  key: string;
  label: string;
  received: number;
  resolved: number;
  filter: Record<string, string> | null;
}

/** The chart canvases' font stack (web/src/pages/dashboard/charts.ts) draws Chinese as glyphs. */
async function chartFontWidth(page: Page): Promise<number> {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `40px -apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif`;
    return ctx.measureText('马家河街道').width;
  });
}

describe('the dashboard equals the case lists behind it', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  before(async () => {
    // LIANXIN_BROWSER_DATABASE_URL: run the same against another database (e.g. an empty PostgreSQL one)
    const db = process.env.LIANXIN_BROWSER_DATABASE_URL;
    server = await startServer({ LIANXIN_NOW: NOW, ...(db ? { DATABASE_URL: db } : {}) });
    browser = await launchChromium();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function signIn(user: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    // the browser's "today" (the presets 本月、今年) agrees with the server's pinned clock
    const page = await signedIn(browser, server, user, errors, { viewport, now: NOW });
    contexts.push(page.context());
    return page;
  }

  async function api<T>(page: Page, path: string): Promise<T> {
    const res = await page.request.get(`${server.url}/api/v1${path}`);
    assert.equal(res.status(), 200, `GET ${path}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Opens the dashboard with a URL query and waits for the cards. */
  async function openDashboard(page: Page, query: string): Promise<void> {
    await page.goto(`${server.url}/console/${query}`);
    await page.locator('a[data-figure="received"]').waitFor({ timeout: 30_000 });
  }

  /** Back from a list to the dashboard (inside the app: no reload). */
  async function backToDashboard(page: Page): Promise<void> {
    await page.goBack();
    // the dashboard is the console's root: /console/ (or /console once its filters are cleared)
    await page.waitForURL((u) => u.pathname === '/console/' || u.pathname === '/console');
    await page.locator('a[data-figure="received"]').waitFor({ timeout: 30_000 });
  }

  const cardNumber = async (page: Page, id: string) => Number((await page.locator(`a[data-figure="${id}"]`).innerText()).replace(/[^\d.]/g, ''));

  /** The next response of the case list endpoint that `match`es. */
  const listResponse = (page: Page, match: (u: URL) => boolean) =>
    page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/v1/cases' && r.request().method() === 'GET' && match(u);
    });

  /** The page the list shows now, once its rows are those of the last response: the rows counted (and the pager agrees). */
  async function rowsOnPage(page: Page, n: number): Promise<number> {
    const table = page.locator('.cases-card');
    await page.waitForFunction(() => !document.querySelector('.cases-card .ant-spin-spinning'));
    await table.locator('.cursor-pager').getByText(new RegExp(`^第 ${n} 页`)).waitFor();
    if (await table.locator('.ant-table-placeholder').count()) return 0;
    const rows = await table.locator('.ant-table-tbody tr.ant-table-row').count();
    await table.locator('.cursor-pager').getByText(`第 ${n} 页 · 本页 ${rows} 条`).waitFor();
    return rows;
  }

  /**
   * On the case list: `size` rows a page, then next page until there is none; the rows counted.
   * 10 (the smallest) pages a list through several pages — done once, on the first card; the
   * others count at 100 a page (the same rows, a fraction of the page loads: CI time).
   */
  async function countListRows(page: Page, size: 10 | 100 = 100): Promise<number> {
    await page.waitForURL((u) => u.pathname.endsWith('/console/cases'));
    await page.locator('.cases-card .ant-table').waitFor();
    await page.waitForFunction(() => !document.querySelector('.cases-card .ant-spin-spinning'));
    const limit = String(size);
    const sized = listResponse(page, (u) => u.searchParams.get('limit') === limit && !u.searchParams.has('cursor'));
    await page.getByRole('combobox', { name: '每页条数' }).click();
    await page.locator('.ant-select-item-option', { hasText: `${size} 条/页` }).click();
    await sized;
    let rows = 0;
    for (let n = 1; n <= 100; n++) {
      const onPage = await rowsOnPage(page, n);
      assert.ok(onPage <= size, `page ${n} shows ${onPage} rows`);
      rows += onPage;
      const next = page.getByRole('button', { name: /下一页/ });
      if (await next.isDisabled()) return rows;
      const more = listResponse(page, (u) => u.searchParams.get('limit') === limit && u.searchParams.has('cursor'));
      await next.click();
      await more;
    }
    throw new Error('the list did not end within 100 pages');
  }

  /** 导出 → CSV on the list page: the data rows of the file (quoted cells never span lines in the demo's titles). */
  async function exportedRows(page: Page): Promise<number> {
    await page.getByRole('button', { name: /导出/ }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: '导出 CSV' }).click();
    const file = await (await download).path();
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const lines = text.split('\r\n').filter((l) => l.length > 0);
    return lines.length - 1;
  }

  /** The case list URL's filters. */
  const listParams = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

  /**
   * Moves the mouse along a chart's category axis until the tooltip names `category`, and
   * returns the point and the tooltip's text.
   */
  async function findCategory(chart: Locator, axis: 'x' | 'y', category: (title: string) => boolean): Promise<{ x: number; y: number; text: string }> {
    const canvas = chart.locator('.drill-chart');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const page = chart.page();
    const tried: string[] = [];
    for (let f = 0.04; f < 1; f += 0.015) {
      const x = axis === 'x' ? box.x + box.width * f : box.x + box.width * 0.6;
      const y = axis === 'x' ? box.y + box.height * 0.55 : box.y + box.height * f;
      await page.mouse.move(x, y);
      const tip = await canvas.evaluate(async (el) => {
        await new Promise((r) => setTimeout(r, 60));
        const divs = [...el.querySelectorAll(':scope > div')].filter((d) => !d.querySelector('canvas')) as HTMLElement[];
        const shown = divs.find((d) => d.style.display !== 'none' && d.style.opacity !== '0' && d.innerText.trim());
        return shown?.innerText.trim() ?? '';
      });
      const title = tip.split('\n')[0]?.trim() ?? '';
      if (title && !tried.includes(title)) tried.push(title);
      if (title && category(title)) return { x, y, text: tip };
    }
    throw new Error(`no category found along the axis; tooltips seen: ${tried.join(' | ')}`);
  }

  /** The value a tooltip shows for a series (`收到\t7`). */
  const tooltipValue = (text: string, series: string) => {
    const m = new RegExp(`${series}\\s*([\\d.]+)`).exec(text);
    assert.ok(m, `tooltip has ${series}: ${text}`);
    return Number(m[1]);
  };

  test('admin: every card opens the list of its cases, counted by paging through', async () => {
    const page = await signIn('admin');
    // this year (the default): the cards and the API agree
    await openDashboard(page, '');
    const period = await page.getByTestId('dash-period').innerText();
    assert.match(period, /2026-01-01 至 2026-11-21/);
    const fig = await api<Figures>(page, '/stats/figures?from=2026-01-01&to=2026-11-21');
    assert.ok(fig.received >= 10, `the demo district has cases this year (${fig.received})`);
    for (const m of ['received', 'accepted', 'assigned', 'resolved', 'closed', 'overdue'] as const) {
      assert.equal(await cardNumber(page, m), (fig as unknown as Record<string, number>)[m], `card ${m}`);
    }
    assert.ok(fig.overdue > 0 && fig.resolved > 0 && fig.rated > 0, 'the demo has overdue, replied and rated cases');

    // the cards: click, the list's URL carries the card's filters, the rows counted page by page
    const cards: Array<{ card: string; measure: string; expected: number }> = [
      { card: 'received', measure: 'received', expected: fig.received },
      { card: 'resolved', measure: 'resolved', expected: fig.resolved },
      { card: 'overdue', measure: 'overdue', expected: fig.overdue },
      { card: 'onTimeRate', measure: 'onTime', expected: fig.onTime },
      { card: 'satisfactionRate', measure: 'satisfied', expected: fig.satisfied },
    ];
    for (const c of cards) {
      await page.locator(`a[data-figure="${c.card}"]`).click();
      const rows = await countListRows(page, c.card === 'received' ? 10 : 100);
      const q = listParams(page);
      assert.deepEqual({ measure: q.measure, from: q.from, to: q.to }, { measure: c.measure, from: '2026-01-01', to: '2026-11-21' }, `${c.card}: the list's filters`);
      assert.equal(rows, c.expected, `${c.card}: the list shows ${rows} cases, the card counts ${c.expected}`);
      // the statistics filters are shown as tags, the measure named in Chinese
      await page.locator('.case-filter-tags').getByText('登记日期：2026-01-01 至 2026-11-21').waitFor();
      if (c.card === 'received') assert.equal(await exportedRows(page), c.expected, 'the CSV export of the list has its rows');
      await backToDashboard(page);
    }
    // the card of received cases for all time equals the whole list (the overview contract)
    await page.getByText('全部', { exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('range') === 'all');
    await page.getByTestId('dash-period').getByText('全部时间').waitFor();
    const all = (await api<Figures>(page, '/stats/figures')).received;
    assert.ok(all >= fig.received);
    await page.waitForFunction((n) => document.querySelector('a[data-figure="received"]')?.textContent?.trim() === String(n), all);
    await page.locator('a[data-figure="received"]').click();
    assert.equal(await countListRows(page), all);
    assert.equal(listParams(page).from, undefined);
    // a tag removed leaves the list without that filter
    await page.locator('.case-filter-tags [data-filter="measure"] .anticon-close').click();
    await page.waitForURL((u) => !u.searchParams.has('measure'));
    assert.deepEqual(errors, []);
  });

  test('admin: a station bar and a month bar open their cases; the league opens a department', async () => {
    const page = await signIn('admin');
    await openDashboard(page, '?range=all');
    const stations = await api<{ items: BreakdownRow[] }>(page, '/stats/breakdown?by=station');
    const top = stations.items[0]!;
    assert.ok(top.received > 1, 'a station with several cases');

    // the station chart: the tooltip of the largest station's row, then a click on it
    const stationChart = page.getByTestId('chart-station');
    const bar = await findCategory(stationChart, 'y', (t) => t === top.label);
    await page.mouse.click(bar.x, bar.y);
    const rows = await countListRows(page);
    const q = listParams(page);
    assert.equal(q.stationId, top.key);
    const series = q.measure === 'resolved' ? '答复' : '收到';
    assert.ok(q.measure === 'received' || q.measure === 'resolved', `measure ${q.measure}`);
    const expected = tooltipValue(bar.text, series);
    assert.equal(expected, q.measure === 'resolved' ? top.resolved : top.received, 'the tooltip shows the API figure');
    assert.equal(rows, expected, `station ${top.label}: ${rows} listed, bar ${expected}`);

    // this year by month: October's bar opens 2026-10-01 … 2026-10-31
    await backToDashboard(page);
    await page.getByText('今年', { exact: true }).click();
    await page.waitForURL((u) => !u.searchParams.has('range'));
    await page.waitForLoadState('networkidle');
    const months = await api<{ items: BreakdownRow[] }>(page, '/stats/breakdown?by=month&from=2026-01-01&to=2026-11-21');
    const october = months.items.find((m) => m.key === '2026-10');
    assert.ok(october && october.received > 0, 'the demo has cases in October 2026');
    const monthBar = await findCategory(page.getByTestId('chart-month'), 'x', (t) => t === '10月');
    await page.mouse.click(monthBar.x, monthBar.y);
    const monthRows = await countListRows(page);
    const mq = listParams(page);
    assert.equal(mq.from, '2026-10-01');
    assert.equal(mq.to, '2026-10-31');
    const measure = mq.measure!;
    const monthSeries = { received: '收到', resolved: '答复', onTime: '按时答复率' }[measure];
    assert.ok(monthSeries && measure !== 'onTime', `measure ${measure}`);
    const monthExpected = tooltipValue(monthBar.text, monthSeries);
    assert.equal(monthExpected, (october as unknown as Record<string, number>)[measure]);
    assert.equal(monthRows, monthExpected, `October: ${monthRows} listed, bar ${monthExpected}`);

    // the department league: a department's 受理 number opens its accepted cases
    await backToDashboard(page);
    const depts = await api<{ items: Array<BreakdownRow & { accepted: number }> }>(page, '/stats/breakdown?by=department&from=2026-01-01&to=2026-11-21');
    const dept = depts.items.find((d) => d.key && d.accepted > 0)!;
    const cell = page.locator(`[data-testid="league"] a[data-dept="${dept.key}"][data-measure="accepted"]`);
    assert.equal(Number(await cell.innerText()), dept.accepted);
    await cell.click();
    assert.equal(await countListRows(page), dept.accepted);
    assert.equal(listParams(page).departmentId, dept.key);
    assert.deepEqual(errors, []);
  });

  test('station: the station view counts the station and its rooms, and its cards open its cases', async () => {
    const page = await signIn('station');
    await openDashboard(page, '?range=all');
    const fig = await api<Figures>(page, '/stats/figures');
    const mine = await api<{ items: unknown[]; nextCursor: string | null }>(page, '/cases?limit=100');
    assert.equal(mine.nextCursor, null);
    assert.equal(fig.received, mine.items.length, 'received (all time) = the station user\'s case list');
    assert.equal(await cardNumber(page, 'received'), fig.received);
    await page.getByText('诉求办理 · 本站').waitFor();
    for (const c of [
      { card: 'received', measure: 'received', expected: fig.received },
      { card: 'resolved', measure: 'resolved', expected: fig.resolved },
    ]) {
      await page.locator(`a[data-figure="${c.card}"]`).click();
      assert.equal(await countListRows(page), c.expected, c.card);
      assert.equal(listParams(page).measure, c.measure);
      await backToDashboard(page);
    }
    // its station chart lists its own station (and rooms) only
    const stations = await api<{ items: BreakdownRow[] }>(page, '/stats/breakdown?by=station');
    assert.ok(stations.items.every((s) => !s.label.includes('栗雨')));
    const bar = await findCategory(page.getByTestId('chart-station'), 'y', (t) => t === stations.items[0]!.label);
    await page.mouse.click(bar.x, bar.y);
    const rows = await countListRows(page);
    const q = listParams(page);
    assert.equal(q.stationId, stations.items[0]!.key);
    assert.equal(rows, tooltipValue(bar.text, q.measure === 'resolved' ? '答复' : '收到'));
    assert.deepEqual(errors, []);
  });

  test('screenshots at 1280 and 390 px (admin and station); the charts draw Chinese', async () => {
    for (const user of ['admin', 'station']) {
      const page = await signIn(user);
      for (const width of [1280, 390]) {
        if (width < 600) {
          // on a phone the side menu is folded (the user's choice, kept by the console)
          await page.evaluate(() => localStorage.setItem('lianxin.console.siderCollapsed', '1'));
          await page.setViewportSize({ width, height: 900 });
        }
        await openDashboard(page, '?range=all');
        await page.getByTestId('chart-month').locator('canvas').waitFor();
        await page.waitForFunction(() => !document.querySelector('.dashboard .ant-skeleton'));
        // the animations settle
        await page.waitForTimeout(600);
        // no card reaches past the page's content (a table may scroll inside its card)
        const overflow = await page.evaluate(() => {
          const right = document.querySelector('.dashboard')!.getBoundingClientRect().right;
          return Math.max(...[...document.querySelectorAll('.dashboard .ant-card')].map((c) => c.getBoundingClientRect().right - right));
        });
        assert.ok(overflow <= 1, `${user} at ${width}px: a card overflows by ${overflow}px`);
        await page.screenshot({ path: shotPath(`dashboard-${user}-${width}`), fullPage: true });
        if (user === 'admin' && width === 1280) {
          const w = await chartFontWidth(page);
          assert.ok(w > 150, `measureText('马家河街道') at 40px in the charts' font = ${w}: Chinese would be boxes`);
        }
      }
    }
    assert.deepEqual(errors, []);
  });
});
