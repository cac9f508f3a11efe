/// <reference lib="dom" />
/**
 * The performance archive (一人一档) as a deputy and the station use it:
 *  - `deputy` opens 我的履职档案: every section lists exactly the entries the archive API returns
 *    (date, title, outcome, link) and the source modules' own lists agree (held activities, the
 *    deputy's submitted suggestions, cases, approved self-reports); each entry's link opens its
 *    source page; 打印 opens the A4 print view, 导出 downloads Excel;
 *  - the deputy reports an activity with an attachment (a 50 MB file beside it is refused with the
 *    limit named, the draft keeps the small one) and submits it; `station` approves it together with
 *    another report in one batch, and it appears in the deputy's archive; a second report returned
 *    with a reason shows the reason to the deputy, who changes it and submits it again;
 *  - the office's list is in name order, never ranked.
 * Screenshots at 1280 and 390 px and of the print view (print media) go to test-results/.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, login, shotPath, startServer, type RunningServer } from './support.ts';

// Ant Design puts a space between the two characters of a two-character button label.
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

interface Entry {
  id: string;
  kind: string;
  sourceId: string;
  title: string;
  occurredOn: string;
  note: string;
  link: string;
  detail: Record<string, unknown>;
}
interface Archive {
  deputy: { id: string; name: string; level: string; term: string; stations: { id: string; name: string }[] };
  sections: { kind: string; count: number; more: boolean; items: Entry[] }[];
  summary: {
    receptionDuty: { days: number };
    receptionPeople: { people: number };
    cases: { collected: number };
    suggestions: { total: number };
    votes: { sessions: number };
    projectScores: { rounds: number };
    activities: { total: number };
    selfReports: { approved: number };
  };
}
interface Report {
  id: string;
  title: string;
  status: string;
  returnReason: string | null;
  attachments: { filename: string }[];
}

const TITLE_A = '参加区人大常委会代表专题视察新马工业园安全生产';
const TITLE_B = '走访新马工业园企业了解用工需求'; // the demo's report awaiting review
const TITLE_C = '调研新马社区老年食堂运营情况';
const REASON = '请补充调研日期对应的签到表或照片，并写明本人提出的意见。';

describe('performance archive: my archive with its sources, self-reports reviewed in a batch', () => {
  let server: RunningServer;
  let browser: Browser;
  let dir: string;
  const pages = new Map<string, Page>();
  let deputyId = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lianxin-archive-'));
    server = await startServer();
    browser = await launchChromium();
    for (const user of ['deputy', 'station', 'admin']) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
      const page = await ctx.newPage();
      await login(page, server, user);
      pages.set(user, page);
    }
    const me = (await (await as('deputy').request.get(`${server.url}/api/v1/me`)).json()) as { user: { deputyId: string } };
    deputyId = me.user.deputyId;
    assert.ok(deputyId, 'the demo deputy account is linked to a deputy');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const as = (user: string) => pages.get(user)!;

  /** A test whose failure leaves a screenshot of every signed-in page (test-results/archive-failed-…). */
  function step(name: string, fn: () => Promise<void>): void {
    test(name, async () => {
      try {
        await fn();
      } catch (e) {
        for (const [user, page] of pages) await page.screenshot({ path: shotPath(`archive-failed-${user}`), fullPage: true }).catch(() => undefined);
        throw e;
      }
    });
  }

  async function get<T>(page: Page, path: string): Promise<T> {
    const res = await page.request.get(`${server.url}/api/v1${path}`);
    assert.equal(res.status(), 200, `GET ${path}: ${await res.text()}`);
    return (await res.json()) as T;
  }
  async function all<T>(page: Page, path: string): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res: { items: T[]; nextCursor: string | null } = await get(page, `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      out.push(...res.items);
      cursor = res.nextCursor;
    } while (cursor);
    return out;
  }
  const sorted = (xs: string[]) => [...xs].sort();

  async function openMyArchive(page: Page): Promise<void> {
    await page.goto(`${server.url}/console/archive/me`);
    await page.locator('.arc-section').first().waitFor();
  }

  /** Every section of the page against the API: same kinds in the same order, same rows. */
  async function assertPageMatchesApi(page: Page, a: Archive): Promise<void> {
    const kinds = await page.locator('.arc-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    assert.deepEqual(kinds, a.sections.map((s) => s.kind));
    for (const s of a.sections) {
      assert.equal(s.more, false, `${s.kind}: the demo fits in one section page`);
      assert.equal(s.items.length, s.count);
      const rows = page.locator(`.arc-section[data-kind="${s.kind}"] tr.ant-table-row`);
      assert.equal(await rows.count(), s.items.length, `${s.kind}: rows on the page`);
      for (let i = 0; i < s.items.length; i++) {
        const e = s.items[i]!;
        const cells = rows.nth(i).locator('td');
        assert.equal((await cells.nth(0).innerText()).trim(), e.occurredOn, `${s.kind} #${i} date`);
        const link = cells.nth(1).locator('a');
        assert.equal((await link.innerText()).trim(), e.title, `${s.kind} #${i} title`);
        assert.equal(await link.getAttribute('href'), `/console${e.link}`, `${s.kind} #${i} link`);
        assert.equal((await cells.nth(2).innerText()).trim(), e.note || '—', `${s.kind} #${i} outcome`);
      }
    }
    // the figures are the summary's
    const figures = await page.locator('.arc-figure-value').evaluateAll((els) => els.map((e) => Number(e.childNodes[0]?.textContent ?? 'NaN')));
    const s = a.summary;
    assert.deepEqual(figures, [
      s.receptionDuty.days, s.receptionPeople.people, s.cases.collected, s.suggestions.total, s.votes.sessions, s.projectScores.rounds, s.activities.total, s.selfReports.approved,
    ]);
  }

  step('我的履职档案 lists exactly what the archive API returns, and the source lists agree', async () => {
    const deputy = as('deputy');
    await openMyArchive(deputy);
    await deputy.screenshot({ path: shotPath('archive-mine-1280'), fullPage: true });
    const a = await get<Archive>(deputy, `/archive/deputies/${deputyId}`);
    assert.ok(a.sections.every((s) => s.count > 0), `the demo deputy has entries of every kind: ${a.sections.map((s) => `${s.kind}=${s.count}`).join(' ')}`);
    await assertPageMatchesApi(deputy, a);
    assert.match(await deputy.locator('.page-header').innerText(), new RegExp(`${a.deputy.name}[\\s\\S]*${a.deputy.stations[0]!.name}[\\s\\S]*${a.deputy.term}`));

    // the source modules' own lists, read as the deputy, give the same records
    const ids = (kind: string) => sorted(a.sections.find((s) => s.kind === kind)!.items.map((e) => e.sourceId));
    const held = await all<{ id: string }>(deputy, `/activities?deputyId=${deputyId}&status=held`);
    assert.deepEqual(ids('activity'), sorted(held.map((x) => x.id)), 'activities: held ones the deputy took part in');
    const lead = await all<{ id: string; status: string }>(deputy, '/suggestions?role=lead');
    const signed = await all<{ id: string; status: string }>(deputy, '/suggestions?role=cosponsor&cosponsorStatus=signed');
    const submitted = [...lead, ...signed].filter((x) => x.status !== 'draft' && x.status !== 'withdrawn');
    assert.deepEqual(ids('suggestion'), sorted(submitted.map((x) => x.id)), 'suggestions: led or co-signed, submitted');
    const cases = await all<{ id: string }>(deputy, `/cases?deputyId=${deputyId}`);
    assert.deepEqual(ids('case'), sorted(cases.map((x) => x.id)), 'cases: those the deputy took, as the case list shows them');
    const approved = await all<{ id: string }>(deputy, '/archive/self-reports?status=approved');
    assert.deepEqual(ids('self_report'), sorted(approved.map((x) => x.id)), 'self-reports: the approved ones');
  });

  step("each entry's link opens its source page", async () => {
    const deputy = as('deputy');
    await openMyArchive(deputy);
    const a = await get<Archive>(deputy, `/archive/deputies/${deputyId}`);
    const failures: string[] = [];
    let opened = 0;
    for (const s of a.sections) {
      for (let i = 0; i < s.items.length; i++) {
        const e = s.items[i]!;
        const row = deputy.locator(`.arc-section[data-kind="${s.kind}"] tr.ant-table-row`).nth(i);
        await row.locator('td').nth(1).locator('a').click();
        const [path, search = ''] = e.link.split('?');
        await deputy.waitForURL((u) => u.pathname === `/console${path}` && u.search === (search ? `?${search}` : ''), { timeout: 15_000 });
        await deputy.locator('.arc-section').first().waitFor({ state: 'detached' });
        // the page names the record (a reception day: its station), or says it cannot be shown
        const expected = s.kind === 'reception_duty' || s.kind === 'reception_people' ? String(e.detail.stationName) : e.title;
        await deputy.waitForFunction(
          (text) => !!document.querySelector('.ant-result') || (document.querySelector('.app-content')?.textContent ?? '').includes(text),
          expected,
          { timeout: 15_000 },
        );
        if (await deputy.locator('.app-content .ant-result').count()) {
          await deputy.screenshot({ path: shotPath(`archive-source-${s.kind}-${i}`) });
          failures.push(`${s.kind} “${e.title}” → ${e.link}: ${(await deputy.locator('.app-content .ant-result').innerText()).replace(/\s+/g, ' ')}`);
        } else opened += 1;
        await deputy.goBack();
        await deputy.locator(`.arc-section[data-kind="${s.kind}"] tr.ant-table-row`).nth(i).waitFor();
      }
    }
    assert.deepEqual(failures, [], `${opened} sources opened; these did not:\n${failures.join('\n')}`);
  });

  step('打印 opens the A4 print view (打印 calls the browser\'s print); 导出 downloads the archive as Excel', async () => {
    const deputy = as('deputy');
    await openMyArchive(deputy);
    const a = await get<Archive & { assessments: Array<{ year: number; total: number | null }> }>(deputy, `/archive/deputies/${deputyId}`);
    // 履职考评: the demo's closed 2025 round, on the page (and, below, in the print view).
    assert.ok(a.assessments.some((r) => r.year === 2025), 'the archive carries the 2025 assessment result');
    const card = deputy.locator('#arc-assessment');
    assert.equal(await card.locator('tbody tr.ant-table-row').count(), a.assessments.length);
    assert.ok((await card.innerText()).includes(a.assessments[0]!.total!.toFixed(2)), 'the total is shown');
    await card.screenshot({ path: shotPath('archive-assessment-card') });

    await deputy.locator('.page-header').getByRole('button', { name: /打\s*印/ }).click();
    await deputy.waitForURL(new RegExp(`/console/archive/deputies/${deputyId}/print$`));
    await deputy.locator('.arc-doc-section').first().waitFor();
    await deputy.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await deputy.locator('.arc-print-toolbar').getByRole('button', { name: /打\s*印/ }).click();
    assert.equal(await deputy.evaluate(() => (window as unknown as { printed: number }).printed), 1, '打印 calls window.print');

    const head = await deputy.locator('.arc-doc-facts').innerText();
    for (const text of [a.deputy.name, '区人大代表', a.deputy.stations[0]!.name, a.deputy.term]) assert.ok(head.includes(text), `the header names ${text}: ${head}`);
    // every section with all of its entries
    for (const s of a.sections) {
      assert.equal(await deputy.locator(`.arc-doc-section[data-kind="${s.kind}"] tbody tr`).count(), s.count, `print: ${s.kind}`);
    }
    assert.equal(await deputy.locator('.arc-doc-section[data-kind="assessment"] tbody tr').count(), a.assessments.length, 'print: the assessment results');
    await deputy.screenshot({ path: shotPath('archive-print-screen'), fullPage: true });
    // on paper: A4's printable width at 96 dpi, print styles
    await deputy.setViewportSize({ width: 718, height: 1000 });
    await deputy.emulateMedia({ media: 'print' });
    assert.equal(await deputy.locator('.arc-print-toolbar').isVisible(), false, 'the toolbar is not printed');
    await deputy.screenshot({ path: shotPath('archive-print'), fullPage: true });
    await deputy.emulateMedia({ media: 'screen' });
    await deputy.setViewportSize({ width: 1280, height: 900 });

    await deputy.locator('.arc-print-toolbar').getByRole('button', { name: /返\s*回/ }).click();
    await deputy.waitForURL(/\/console\/archive\/me$/);
    await deputy.locator('.arc-section').first().waitFor();
    const download = deputy.waitForEvent('download');
    await deputy.locator('.page-header').getByRole('button', { name: /导出/ }).click();
    await deputy.getByRole('menuitem', { name: '导出 Excel' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), new RegExp(`^履职档案-${a.deputy.name}.*\\.xlsx$`));
  });

  step('a self-report with an attachment is approved in a batch and joins the archive; a returned one shows the reason', async () => {
    const deputy = as('deputy');
    const station = as('station');
    const small = join(dir, '专题视察签到表.txt');
    writeFileSync(small, '区人大常委会代表专题视察签到表\n日期：2026年11月\n人大代表：唐承志\n');
    const big = join(dir, '现场录像.pdf');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024));

    // ── the deputy fills the form with two files: the 50 MB one is refused, the draft keeps the other ──
    await deputy.goto(`${server.url}/console/archive/self-reports/new`);
    await deputy.locator('#title').fill(TITLE_A);
    await deputy.locator('#kind').click();
    await deputy.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: /^视察$/ }).click();
    await deputy.locator('#description').fill('随区人大常委会专题视察组检查新马工业园 5 家企业的安全生产措施，就危化品仓储提出整改意见。');
    await deputy.locator('input[type="file"]').setInputFiles([small, big]);
    assert.equal(await deputy.locator('.arc-file-queued').count(), 2);
    await deputy.getByRole('button', { name: '保存并提交' }).click();
    await deputy.waitForURL(/\/console\/archive\/self-reports\/[0-9a-f-]{36}\/edit$/, { timeout: 60_000 });
    const refused = deputy.locator('.arc-refused');
    await refused.waitFor();
    assert.match(await refused.innerText(), /现场录像\.pdf[\s\S]*附件太大：每个文件不能超过 10 MB/);
    const idA = new URL(deputy.url()).pathname.split('/').at(-2)!;
    let a = await get<Report>(deputy, `/archive/self-reports/${idA}`);
    assert.equal(a.status, 'draft', 'nothing is submitted while a file was refused');
    assert.deepEqual(a.attachments.map((f) => f.filename), ['专题视察签到表.txt']);
    await deputy.screenshot({ path: shotPath('archive-self-report-refused-1280'), fullPage: true });

    await deputy.getByRole('button', { name: '保存并提交' }).click();
    await deputy.waitForURL(new RegExp(`/console/archive/self-reports/${idA}$`));
    await deputy.locator('.page-header .ant-tag', { hasText: '待审核' }).waitFor();
    a = await get<Report>(deputy, `/archive/self-reports/${idA}`);
    assert.equal(a.status, 'submitted');

    // ── a second report, to be returned ──
    await deputy.goto(`${server.url}/console/archive/self-reports/new`);
    await deputy.locator('#title').fill(TITLE_C);
    await deputy.locator('#kind').click();
    await deputy.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: /^调研$/ }).click();
    await deputy.getByRole('button', { name: '保存并提交' }).click();
    await deputy.waitForURL(/\/console\/archive\/self-reports\/[0-9a-f-]{36}$/);
    await deputy.locator('.page-header .ant-tag', { hasText: '待审核' }).waitFor();
    const idC = new URL(deputy.url()).pathname.split('/').pop()!;

    // ── the station approves A together with the demo's report B in one batch ──
    await station.goto(`${server.url}/console/archive/review`);
    const row = (title: string) => station.locator('tr.ant-table-row', { hasText: title });
    await row(TITLE_A).waitFor();
    await row(TITLE_A).locator('.ant-checkbox-input').check();
    await row(TITLE_B).locator('.ant-checkbox-input').check();
    await station.screenshot({ path: shotPath('archive-review-1280'), fullPage: true });
    await station.getByRole('button', { name: '通过（2）' }).click();
    let modal = station.locator('.ant-modal').last();
    await modal.waitFor();
    const listed = await modal.innerText();
    assert.ok(listed.includes(TITLE_A) && listed.includes(TITLE_B), `the dialog lists both reports: ${listed}`);
    await modal.getByRole('button', { name: label('通过') }).click();
    await modal.waitFor({ state: 'hidden' });
    await station.getByText('已通过 2 份材料').waitFor();
    await row(TITLE_A).waitFor({ state: 'detached' });
    const reviewed = await all<{ id: string; title: string; status: string }>(station, '/archive/self-reports?status=approved');
    for (const title of [TITLE_A, TITLE_B]) assert.ok(reviewed.some((r) => r.title === title), `${title} approved`);

    // ── and returns C with a reason ──
    await row(TITLE_C).locator('.ant-checkbox-input').check();
    await station.getByRole('button', { name: '退回（1）' }).click();
    modal = station.locator('.ant-modal').last();
    await modal.waitFor();
    await modal.getByRole('button', { name: label('退回') }).click();
    await modal.getByText('请填写退回理由').waitFor(); // a reason is required
    await modal.locator('#reason').fill(REASON);
    await modal.getByRole('button', { name: label('退回') }).click();
    await modal.waitFor({ state: 'hidden' });
    await station.getByText('已退回 1 份材料').waitFor();
    const c = await get<Report>(station, `/archive/self-reports/${idC}`);
    assert.equal(c.status, 'returned');
    assert.equal(c.returnReason, REASON);

    // ── A is in the deputy's archive, linking to the report; the page still matches the API ──
    await openMyArchive(deputy);
    const archive = await get<Archive>(deputy, `/archive/deputies/${deputyId}`);
    const selfReports = archive.sections.find((s) => s.kind === 'self_report')!;
    assert.ok(selfReports.items.some((e) => e.sourceId === idA && e.title === TITLE_A), 'A is an archive entry');
    await assertPageMatchesApi(deputy, archive);
    await deputy.locator('.arc-section[data-kind="self_report"]').getByRole('link', { name: TITLE_A }).click();
    await deputy.waitForURL(new RegExp(`/console/archive/self-reports/${idA}$`));
    await deputy.locator('.page-header .ant-tag', { hasText: '已通过' }).waitFor();

    // ── the deputy sees C returned with the reason, changes it and submits it again ──
    await deputy.goto(`${server.url}/console/archive/self-reports?tab=returned`);
    const returned = deputy.locator('tr.ant-table-row', { hasText: TITLE_C });
    await returned.waitFor();
    assert.match(await returned.innerText(), /已退回[\s\S]*退回理由：请补充调研日期对应的签到表或照片/);
    await deputy.screenshot({ path: shotPath('archive-self-reports-1280'), fullPage: true });
    await returned.getByRole('button', { name: '修改后重新提交' }).click();
    await deputy.waitForURL(new RegExp(`/console/archive/self-reports/${idC}/edit$`));
    assert.ok((await deputy.locator('.arc-return-alert').innerText()).includes(REASON), 'the edit page shows the reason');
    await deputy.locator('#description').fill('2026年11月到新马社区老年食堂调研，了解就餐人数和补贴发放情况；签到表见附件。');
    await deputy.locator('input[type="file"]').setInputFiles(small);
    await deputy.locator('.arc-file', { hasText: '专题视察签到表.txt' }).waitFor();
    await deputy.getByRole('button', { name: '保存并重新提交' }).click();
    await deputy.waitForURL(new RegExp(`/console/archive/self-reports/${idC}$`));
    await deputy.locator('.page-header .ant-tag', { hasText: '待审核' }).waitFor();
    const again = await get<Report>(deputy, `/archive/self-reports/${idC}`);
    assert.equal(again.status, 'submitted');
    assert.equal(again.attachments.length, 1);
  });

  step('the office lists the deputies by name, never ranked', async () => {
    const admin = as('admin');
    await admin.goto(`${server.url}/console/archive`);
    await admin.locator('tr.ant-table-row').first().waitFor();
    const api = await get<{ items: { deputy: { name: string } }[] }>(admin, '/archive/deputies?limit=20');
    const names = await admin.locator('tr.ant-table-row td:first-child a').allInnerTexts();
    assert.deepEqual(names, api.items.map((x) => x.deputy.name));
    assert.equal(await admin.locator('.ant-table-column-sorters').count(), 0, 'no column sorts by counts');
    await admin.screenshot({ path: shotPath('archive-list-1280') });
  });

  step('narrow screens (390 px): my archive, my reports, the review queue', async () => {
    for (const [user, paths] of [
      ['deputy', ['/archive/me', '/archive/self-reports', '/archive/self-reports/new']],
      ['station', ['/archive/review']],
    ] as const) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
      const page = await ctx.newPage();
      await login(page, server, user);
      await page.evaluate(() => localStorage.setItem('lianxin.console.siderCollapsed', '1'));
      for (const path of paths) {
        await page.goto(`${server.url}/console${path}`);
        await page.locator('.arc-section, tr.ant-table-row, .arc-form').first().waitFor();
        // nothing of the page itself runs off the right edge
        const overflow = await page.locator('.app-content .page').evaluate((el) => el.scrollWidth - el.clientWidth);
        assert.ok(overflow <= 1, `${path}: the page is ${overflow}px wider than the screen`);
        await page.screenshot({ path: shotPath(`archive-390-${path.split('/').slice(2).join('-')}`), fullPage: true });
      }
      await ctx.close();
    }
  });
});
