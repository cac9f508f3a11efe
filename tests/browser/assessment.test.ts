/// <reference lib="dom" />
/**
 * An assessment round (履职考评) in the console, end to end: the office creates the 2027 round (the
 * dialog refuses weights that do not sum to 100) and opens it; the demo deputy fills the self sheet,
 * the station's staff the group (saved as a draft first) and township sheets, the office its own;
 * closing asks again because the other deputies' sheets are missing and then closes with the sheets
 * submitted; the result shown equals the pure computation (result.ts) of the scores typed, the
 * Excel export holds the same figures, and 我的考评 shows the deputy his/her own result.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_ASSESSMENT_CRITERIA, DEFAULT_RATER_WEIGHTS, type AssessmentResult, type AssessmentRound, type MyAssessmentItem, type RaterKind } from '../../shared/assessment.ts';
import { computeResult, sheetTotal } from '../../server/modules/archive/index.ts';
import { launchChromium, type RunningServer, shotPath, signedIn, startServer } from './support.ts';

const NOW = '2026-11-21T02:00:00Z';
// Ant Design puts a space between the two characters of a two-character button label.
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

/** The scores each rater types for the demo deputy, criterion by criterion (the seven defaults). */
const TYPED: Record<RaterKind, number[]> = {
  self: [95, 92, 90.5, 88, 86, 93, 96],
  group: [90, 88, 86, 84, 82.5, 91, 89],
  township: [88, 85, 87, 80, 79, 86, 90],
  office: [86, 84, 88.5, 82, 78, 85, 87],
};
const scoresOf = (kind: RaterKind) => Object.fromEntries(DEFAULT_ASSESSMENT_CRITERIA.map((c, i) => [c.key, TYPED[kind][i]!]));

describe('an assessment round produces a result and an exported archive', () => {
  let server: RunningServer;
  let browser: Browser;
  const errors: string[] = [];
  /** API refusals the test provokes on purpose. */
  const expected = new Set<string>();
  const pages: Record<string, Page> = {};
  let roundId = '';
  let deputyId = '';

  before(async () => {
    server = await startServer({ LIANXIN_NOW: NOW });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = (user: string, viewport = { width: 1280, height: 900 }) => signedIn(browser, server, user, errors, { viewport, now: NOW, expected, context: { acceptDownloads: true } });

  async function get<T>(page: Page, path: string): Promise<T> {
    const res = await page.request.get(`${server.url}/api/v1${path}`);
    assert.equal(res.status(), 200, `GET ${path}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  async function confirm(page: Page, ok: RegExp): Promise<void> {
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: ok }).click();
  }

  /** Opens the sheet of the demo deputy for `kind` from the round page and types the scores. */
  async function fill(page: Page, kind: RaterKind, kindLabel: string, action: '暂存' | '提交'): Promise<void> {
    await page.goto(`${server.url}/console/assessment/${roundId}`);
    const row = page.locator('tr.ant-table-row', { hasText: await deputyName(page) });
    await row.getByRole('link', { name: new RegExp(`${kindLabel} · (填写|继续填写)$`) }).click();
    await page.waitForURL(new RegExp(`/assessment/${roundId}/sheet/${deputyId}/${kind}$`));
    const form = page.locator('.asm-sheet-layout');
    for (const [i, c] of DEFAULT_ASSESSMENT_CRITERIA.entries()) await form.locator(`#score-${c.key}`).fill(String(TYPED[kind][i]));
    await form.locator('textarea').fill(`${kindLabel}意见`);
    assert.equal(await form.locator('.asm-sheet-total strong').innerText(), sheetTotal(DEFAULT_ASSESSMENT_CRITERIA, scoresOf(kind))!.toFixed(2), 'the sheet total as typed');
    if (action === '暂存') {
      await form.getByRole('button', { name: /暂\s*存/ }).click();
      await page.getByText('评分表已暂存', { exact: true }).waitFor();
    } else {
      await form.getByRole('button', { name: /提\s*交/ }).click();
      await confirm(page, label('提交'));
      await page.getByText('评分表已提交', { exact: true }).waitFor();
      await form.getByText('该评分表已提交，不能再修改').waitFor();
    }
  }

  let name = '';
  async function deputyName(page: Page): Promise<string> {
    if (!name) name = (await get<{ user: { displayName: string } }>(page, '/me')).user.displayName.replace(/（.*$/, '');
    return name;
  }

  test('the office creates and opens the 2027 round; weights that do not add up are refused in the dialog', async () => {
    const admin = (pages.admin = await signIn('admin'));
    await admin.goto(`${server.url}/console/assessment`);
    await admin.getByRole('button', { name: /新建考评/ }).click();
    const modal = admin.locator('.ant-modal:visible').last();
    await modal.waitFor();
    await modal.locator('#year').fill('2027');
    assert.equal(await modal.locator('#name').inputValue(), '2027年度代表履职考评', 'the default name follows the year');
    // the deputies picker fills with every serving district deputy
    await admin.waitForFunction(() => document.querySelectorAll('.ant-modal .ant-select-selection-item').length > 0);
    await modal.getByLabel('区人大常委会代表工委 权重').fill('50');
    await modal.getByRole('button', { name: label('保存') }).click();
    await modal.getByText('权重合计应为 100%，现为 110%').waitFor();
    await modal.getByLabel('区人大常委会代表工委 权重').fill('40');
    await modal.getByRole('button', { name: label('保存') }).click();
    await admin.waitForURL(/\/console\/assessment\/[^/]+$/);
    roundId = admin.url().split('/').pop()!;
    const draft = await get<AssessmentRound>(admin, `/assessment-rounds/${roundId}`);
    assert.deepEqual([draft.year, draft.status, draft.criteria, draft.raters], [2027, 'draft', DEFAULT_ASSESSMENT_CRITERIA, DEFAULT_RATER_WEIGHTS]);
    await admin.getByRole('button', { name: /开始考评/ }).click();
    await confirm(admin, label('确定'));
    await admin.getByText('考评已开始').waitFor();
    await admin.locator('.ant-tag', { hasText: '评分中' }).first().waitFor();
    deputyId = (await get<{ user: { deputyId: string } }>(await (pages.deputy = await signIn('deputy')), '/me')).user.deputyId;
    assert.ok(draft.deputies.some((d) => d.deputyId === deputyId), 'the demo deputy is assessed');
  });

  test('each rater kind fills its sheet: the deputy, the station staff (a draft, then submitted), the office', async () => {
    const deputy = pages.deputy!;
    await deputy.goto(`${server.url}/console/assessment/mine`);
    // the demo's open 2026 round waits for the deputy's self-assessment; the archive of the year stands beside the sheet
    const demoCard = deputy.locator('.asm-mine-card', { hasText: '2026年度代表履职考评' });
    await demoCard.getByRole('link', { name: '填写自评' }).click();
    await deputy.waitForURL(new RegExp(`/sheet/${deputyId}/self$`));
    await deputy.locator('.asm-archive').getByText('接待日值班').waitFor();
    await deputy.screenshot({ path: shotPath('assessment-sheet-deputy'), fullPage: true });
    await deputy.goto(`${server.url}/console/assessment/mine`);
    const card = deputy.locator('.asm-mine-card', { hasText: '2027年度代表履职考评' });
    await card.getByRole('link', { name: '填写自评' }).click();
    await deputy.waitForURL(new RegExp(`/assessment/${roundId}/sheet/${deputyId}/self$`));
    await fill(deputy, 'self', '自评', '提交');

    const station = (pages.station = await signIn('station'));
    await fill(station, 'group', '代表小组', '暂存');
    await fill(station, 'group', '代表小组', '提交');
    await fill(station, 'township', '乡镇（街道）人大', '提交');
    const byStation = await get<AssessmentRound>(station, `/assessment-rounds/${roundId}`);
    assert.ok(byStation.deputies.length < byStation.deputyCount, 'station staff see their own deputies only');
    await station.goto(`${server.url}/console/assessment/${roundId}`);
    await station.locator('tr.ant-table-row').first().waitFor();
    await station.screenshot({ path: shotPath('assessment-round-station'), fullPage: true });

    await fill(pages.admin!, 'office', '区人大常委会代表工委', '提交');
  });

  test('closing asks again while sheets are missing, then closes; the result equals the pure computation, in the table, the export and 我的考评', async () => {
    const admin = pages.admin!;
    await admin.goto(`${server.url}/console/assessment/${roundId}`);
    expected.add(`409 POST /api/v1/assessment-rounds/${roundId}/close`);
    await admin.getByRole('button', { name: /结束考评/ }).click();
    await confirm(admin, label('确定'));
    const closeAnyway = admin.getByRole('button', { name: '按已提交的评分结束' });
    await closeAnyway.waitFor();
    assert.match(await admin.locator('.ant-modal-confirm-content').last().innerText(), /张评分表未提交（自评 \d+ 张/, 'the server names what is missing');
    await closeAnyway.click();
    await admin.getByText('考评已结束，结果已生成').waitFor();
    await admin.getByRole('tab', { name: '考评结果' }).waitFor();

    const want = computeResult(DEFAULT_ASSESSMENT_CRITERIA, DEFAULT_RATER_WEIGHTS, (['self', 'group', 'township', 'office'] as const).map((kind) => ({ kind, scores: scoresOf(kind) })));
    const results = (await get<{ items: AssessmentResult[] }>(admin, `/assessment-rounds/${roundId}/results`)).items;
    const mine = results.find((r) => r.deputyId === deputyId)!;
    assert.deepEqual({ total: mine.total, grade: mine.grade, criteria: mine.criteria, byRater: mine.byRater }, { total: want.total, grade: want.grade, criteria: want.criteria, byRater: want.byRater });
    assert.ok(results.filter((r) => r.deputyId !== deputyId).every((r) => r.total === null && r.grade === null), 'the others had no sheet: not graded');
    // the results tab opens by itself once the round is closed
    const resultsTab = admin.getByRole('tabpanel', { name: '考评结果' });
    const row = resultsTab.locator('tr.ant-table-row', { hasText: await deputyName(admin) });
    assert.equal(await row.locator('.asm-total').innerText(), want.total!.toFixed(2));
    await row.getByText(want.grade === 'excellent' ? '优秀' : want.grade === 'competent' ? '称职' : '基本称职').waitFor();
    await admin.screenshot({ path: shotPath('assessment-results-admin'), fullPage: true });

    const download = admin.waitForEvent('download');
    await resultsTab.getByRole('button', { name: /导出/ }).click();
    await admin.getByRole('menuitem', { name: '导出 Excel' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^2027年度代表履职考评结果\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await file.path())!);
    const ws = wb.worksheets[0]!;
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => (ws.getRow(i + 2).values as unknown[]).slice(1));
    assert.equal(rows.length, results.length);
    const line = rows.find((r) => r[0] === mine.deputyName)!;
    assert.equal(line[2], want.total);
    assert.deepEqual(line.slice(4, 11), DEFAULT_ASSESSMENT_CRITERIA.map((c) => want.criteria[c.key]));
    assert.deepEqual(line.slice(11, 15), (['self', 'group', 'township', 'office'] as const).map((k) => want.byRater[k]));

    const deputy = pages.deputy!;
    const own = (await get<{ items: MyAssessmentItem[] }>(deputy, '/assessment-rounds/mine')).items.find((x) => x.round.id === roundId)!;
    assert.equal(own.result!.total, want.total);
    await deputy.goto(`${server.url}/console/assessment/mine`);
    const card = deputy.locator('.asm-mine-card', { hasText: '2027年度代表履职考评' });
    assert.equal(await card.locator('.asm-mine-score strong').innerText(), want.total!.toFixed(2));
    await deputy.screenshot({ path: shotPath('assessment-mine-deputy'), fullPage: true });
    // a deputy's results list holds his/her own row only
    assert.deepEqual((await get<{ items: AssessmentResult[] }>(deputy, `/assessment-rounds/${roundId}/results`)).items.map((r) => r.deputyId), [deputyId]);

    // a phone-sized window: 我的考评 still reads
    const phone = await signIn('deputy', { width: 390, height: 844 });
    await phone.goto(`${server.url}/console/assessment/mine`);
    await phone.locator('.asm-mine-card').first().waitFor();
    await phone.screenshot({ path: shotPath('assessment-mine-phone'), fullPage: true });
    assert.deepEqual(errors, []);
  });
});
