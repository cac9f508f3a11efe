/// <reference lib="dom" />
/**
 * The standards checklist (八有) as people use it: station staff of 马家河街道 write the evidence
 * for 有活动安排, upload a photo and submit; the district office finds it in the coverage matrix as
 * 待审核 and returns it with a reason; the station sees the reason, corrects and resubmits; the
 * office approves and the coverage cell turns 已通过.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { launchChromium, login, openDialog, type RunningServer, shotPath, startServer } from './support.ts';

// Ant Design puts a space between the two characters of a two-character button label.
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

const STATION = '马家河街道代表联系群众工作站';
const ITEM = '有活动安排';
const PHOTO = '年度活动安排公示栏.png';
const REASON = '照片中看不清月度接待安排，请补充本月接待日和值班代表名单。';

/** A small, valid PNG: red and cream stripes, 96×64. */
function photo(): Buffer {
  const png = new PNG({ width: 96, height: 64 });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (png.width * y + x) << 2;
      const stripe = Math.floor((x + y) / 12) % 2 === 0;
      png.data[i] = stripe ? 0xa6 : 0xf5;
      png.data[i + 1] = stripe ? 0x1b : 0xe6;
      png.data[i + 2] = stripe ? 0x29 : 0xc8;
      png.data[i + 3] = 0xff;
    }
  }
  return PNG.sync.write(png);
}

describe('standards: evidence written, returned with a reason, resubmitted and approved', () => {
  let server: RunningServer;
  let browser: Browser;
  let station: Page;
  let admin: Page;

  before(async () => {
    server = await startServer();
    browser = await launchChromium();
    for (const user of ['station', 'admin']) {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      const page = await ctx.newPage();
      await login(page, server, user);
      if (user === 'station') station = page;
      else admin = page;
    }
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const cell = (page: Page) => page.locator(`a.std-cell-link[data-station="${STATION}"][data-item="${ITEM}"]`);
  const titleStatus = (page: Page, text: string) => page.locator('.std-title-status', { hasText: text }).waitFor();

  async function openFromCoverage(page: Page, query = ''): Promise<void> {
    await page.goto(`${server.url}/console/standards${query}`);
    await cell(page).click();
    await page.waitForURL(/\/console\/stations\/[0-9a-f-]{36}\/standards\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: new RegExp(ITEM) }).waitFor();
  }

  /** Clicks "提交审核" and confirms it; waits for 待审核. */
  async function submit(page: Page): Promise<void> {
    await page.locator('.std-workflow-card').getByRole('button', { name: '提交审核' }).click();
    await page.locator('.ant-popover').getByRole('button', { name: '提交审核' }).click();
    await titleStatus(page, '待审核');
  }

  /** Opens a review dialog (审核通过 / 退回), types into it, confirms; waits for the new status. */
  async function review(page: Page, action: '审核通过' | '退回', text: string, status: string): Promise<void> {
    await page.locator('.std-workflow-card').getByRole('button', { name: label(action) }).click();
    const modal = await openDialog(page);
    const box = modal.locator('textarea');
    await box.fill(text);
    assert.equal(await box.inputValue(), text);
    await modal.getByRole('button', { name: label(action) }).click();
    await modal.waitFor({ state: 'hidden', timeout: 15_000 });
    await titleStatus(page, status);
  }

  test('the whole round: write, upload, submit, return, resubmit, approve', async () => {
    // The coverage matrix shows the station's own stations only; 有活动安排 is not submitted yet.
    await station.goto(`${server.url}/console/standards`);
    assert.equal(await cell(station).getAttribute('data-status'), 'missing');
    assert.equal((await cell(station).innerText()).trim(), '未提交');
    assert.equal(await station.locator('a.std-cell-link[data-station="栗雨街道人大代表联络站"]').count(), 0, 'station staff see only their stations');

    await openFromCoverage(station);
    // Nothing written yet: submitting waits for content.
    assert.ok(await station.locator('.std-workflow-card').getByRole('button', { name: '提交审核' }).isDisabled());

    await station.locator('.std-text-form textarea').fill('2026 年度活动计划已经站务会通过，按月制定接待安排，每月 10 日、20 日、30 日为接待日，安排表张贴在一楼公示栏。');
    await station.getByRole('button', { name: '保存说明' }).click();
    await station.getByText('说明已保存').waitFor();

    await station.locator('.std-files-card input[type="file"]').setInputFiles({ name: PHOTO, mimeType: 'image/png', buffer: photo() });
    const thumb = station.locator(`.std-photos img[alt="${PHOTO}"]`);
    await thumb.waitFor();
    // the thumbnail is the photo itself, shown inline with the session
    await station.waitForFunction((alt) => {
      const img = document.querySelector<HTMLImageElement>(`.std-photos img[alt="${alt}"]`);
      return !!img && img.complete && img.naturalWidth === 96;
    }, PHOTO);
    await station.screenshot({ path: shotPath('standards-evidence-draft'), fullPage: true });

    await submit(station);

    // The district office sees it waiting in the matrix (filtered to 待审核) and returns it.
    await admin.goto(`${server.url}/console/standards?focus=submitted`);
    assert.equal(await cell(admin).getAttribute('data-status'), 'submitted');
    assert.equal((await cell(admin).innerText()).trim(), '待审核');
    await admin.screenshot({ path: shotPath('standards-coverage-queue'), fullPage: true });
    await openFromCoverage(admin, '?focus=submitted');
    await admin.locator(`.std-photos img[alt="${PHOTO}"]`).waitFor();
    await review(admin, '退回', REASON, '已退回');

    // The station sees the reason at the top of the page, corrects the text and resubmits.
    await station.reload();
    await titleStatus(station, '已退回');
    assert.equal((await station.getByTestId('return-reason').innerText()).trim(), REASON);
    await station.screenshot({ path: shotPath('standards-evidence-returned'), fullPage: true });
    const box = station.locator('.std-text-form textarea');
    await box.fill(`${await box.inputValue()}本月接待日：11 月 10 日、20 日、30 日，值班代表高晓峰、黄海燕、廖小兰。`);
    // submitting saves the text being typed first
    await submit(station);
    assert.match(await station.locator('.std-text').innerText(), /值班代表高晓峰/);

    // The office approves; the history keeps the return and its reason.
    await admin.reload();
    await titleStatus(admin, '待审核');
    await review(admin, '审核通过', '材料齐全，符合要求。', '已通过');
    const history = await admin.locator('.std-history-card').innerText();
    for (const step of ['审核通过', '提交审核', '退回修改', '上传材料', '修改说明']) assert.match(history, new RegExp(step), `history lacks ${step}`);
    assert.ok(history.includes(REASON), 'the history keeps the reason');
    assert.ok(history.indexOf('审核通过') < history.indexOf('退回修改'), 'newest first');
    await admin.screenshot({ path: shotPath('standards-evidence-approved'), fullPage: true });

    // The coverage cell has turned approved.
    await admin.goto(`${server.url}/console/standards`);
    assert.equal(await cell(admin).getAttribute('data-status'), 'approved');
    assert.equal((await cell(admin).innerText()).trim(), '已通过');
    await admin.screenshot({ path: shotPath('standards-coverage'), fullPage: true });

    // And the station's checklist counts it.
    const api = await (await station.request.get(`${server.url}/api/v1/standards/coverage`)).json();
    const mjh = api.stations.find((s: { name: string }) => s.name === STATION);
    await station.goto(`${server.url}/console/stations/${mjh.id}/standards`);
    await station.locator('.std-row-status-approved', { hasText: ITEM }).waitFor();
    await station.screenshot({ path: shotPath('standards-checklist'), fullPage: true });
  });
});
