/// <reference lib="dom" />
/**
 * Insight in Chromium, as the office uses it:
 * - a case sent from the public form without a category (不确定): station staff open 受理, the
 *   dialog's 类别 is empty and the category model's suggestion (建议类别) sits under it; 采用 fills
 *   it, 受理 saves it and the timeline says 类别：（未分类） → …; then 交办 opens with that
 *   category and the routing rules' department for it already chosen;
 * - the dashboard's 群众集中反映的问题 lists the demo district's hot issues; one opens on its own
 *   page with its cases, and 起草代表建议 starts a suggestion linked to them;
 * - 分类模型 shows the district's model with its measured quality.
 * Screenshots at 1280 px go to test-results/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, openDialog, type RunningServer, shotPath, signedIn, startServer } from './support.ts';

const NOW = '2026-11-21T02:00:00Z';
// Ant Design puts a space between the two characters of a two-character button label.
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

interface CaseJson {
  id: string;
  trackingCode: string;
  status: string;
  category: string | null;
  departmentId: string | null;
  timeline: Array<{ type: string; data: Record<string, unknown> }>;
}

describe('insight in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  const errors: string[] = [];

  before(async () => {
    server = await startServer({ LIANXIN_NOW: NOW });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = (username: string) => signedIn(browser, server, username, errors);
  const getCase = async (page: Page, id: string) => (await (await page.request.get(`${server.url}/api/v1/cases/${id}`)).json()) as CaseJson;

  /** The text a select of the dialog shows (its value's label, or its placeholder), by the field's label. */
  const selectText = (modal: Locator, field: string) => modal.locator('.ant-form-item', { has: modal.page().locator(`label[title="${field}"]`) }).locator('.ant-select').first().innerText();
  /** Waits until the select shows `want`. */
  async function selectShows(modal: Locator, field: string, want: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if ((await selectText(modal, field)).trim() === want) return;
      await modal.page().waitForTimeout(100);
    }
    assert.equal((await selectText(modal, field)).trim(), want, field);
  }

  /** Opens an action's dialog on the case page; returns the dialog once it has settled. */
  async function openAction(page: Page, action: string): Promise<Locator> {
    await page.locator('main').getByRole('button', { name: label(action) }).first().click();
    const modal = await openDialog(page);
    return modal;
  }

  test('a public case without a category: 受理 suggests one, 采用 + 受理 saves it, 交办 follows it', async () => {
    const page = await signIn('station');
    const me = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as { user: { stationId: string } };
    // The constituent's report, as the public form sends it: no category.
    const sent = await page.request.post(`${server.url}/api/v1/public/cases`, {
      headers: { 'content-type': 'application/json' },
      data: { stationId: me.user.stationId, title: '小区门口路灯不亮', content: '我们小区北门外的两盏路灯已经坏了一个多星期，晚上出门一片漆黑，老人孩子走路很不安全，请尽快安排维修。' },
    });
    assert.equal(sent.status(), 201, await sent.text());
    const { trackingCode } = (await sent.json()) as { trackingCode: string };
    const found = (await (await page.request.get(`${server.url}/api/v1/cases?q=${trackingCode}`)).json()) as { items: Array<{ id: string }> };
    const id = found.items[0]!.id;
    assert.equal((await getCase(page, id)).category, null);

    await page.goto(`${server.url}/console/cases/${id}`);
    await page.getByText(trackingCode).first().waitFor();
    const suggestion = page.waitForResponse((r) => r.url().endsWith('/api/v1/insight/suggest-category') && r.request().method() === 'POST');
    const modal = await openAction(page, '受理');
    const res = await suggestion;
    assert.equal(res.status(), 200, await res.text());
    const suggested = (await res.json()) as { category: string; confidence: number };
    const box = modal.locator('.category-suggestion');
    await box.waitFor();
    assert.match(await box.innerText(), new RegExp(`建议类别[\\s\\S]*${suggested.category}（置信度 \\d+%）`));
    assert.equal((await selectText(modal, '类别')).trim(), '选择类别', '类别 starts empty: nothing chosen for staff');
    await box.getByRole('button', { name: label('采用') }).click();
    await selectShows(modal, '类别', suggested.category);
    await box.getByText('已采用').waitFor();
    await page.screenshot({ path: shotPath('insight-accept-category') });
    await modal.locator('.ant-modal-footer').getByRole('button', { name: label('受理') }).click();
    await modal.waitFor({ state: 'hidden', timeout: 15_000 });
    await page.locator('.timeline-facts .ant-tag', { hasText: `类别：（未分类） → ${suggested.category}` }).waitFor();
    const accepted = await getCase(page, id);
    assert.deepEqual([accepted.status, accepted.category], ['accepted', suggested.category]);

    // 交办: the category as saved, the department the routing rules name for it.
    const routed = (await (await page.request.get(`${server.url}/api/v1/cases/${id}`)).json()) as { suggestedDepartment: { id: string; name: string } | null };
    const assign = await openAction(page, '交办');
    await selectShows(assign, '类别', suggested.category);
    assert.equal(await assign.locator('.category-suggestion').count(), 0, 'a categorised case needs no suggestion');
    if (routed.suggestedDepartment) {
      await selectShows(assign, '承办单位', routed.suggestedDepartment.name);
      await assign.getByText(`建议交由“${routed.suggestedDepartment.name}”办理`).waitFor();
    }
    await page.screenshot({ path: shotPath('insight-assign-category') });
    await assign.locator('.ant-modal-footer').getByRole('button', { name: label('交办') }).click();
    await assign.waitFor({ state: 'hidden', timeout: 15_000 });
    const assigned = await getCase(page, id);
    assert.equal(assigned.status, 'assigned');
    assert.equal(assigned.category, suggested.category);
    if (routed.suggestedDepartment) assert.equal(assigned.departmentId, routed.suggestedDepartment.id);
    assert.deepEqual(errors, []);
  });

  test('hot issues on the dashboard; one opens with its cases; 起草代表建议 links them', async () => {
    const page = await signIn('admin');
    await page.goto(`${server.url}/console/`);
    const card = page.locator('[data-testid="hot-issues"]');
    await card.waitFor();
    await card.locator('.hot-row').first().waitFor({ timeout: 30_000 });
    const rows = await card.locator('.hot-row').count();
    assert.ok(rows >= 3, `the demo district has hot issues (${rows})`);
    const first = card.locator('.hot-row').first();
    const name = (await first.locator('.hot-label').innerText()).trim();
    const size = Number(/(\d+) 件/.exec(await first.innerText())?.[1]);
    assert.ok(size >= 3, `${name}: ${size} cases`);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('insight-hot-card') });
    await first.locator('.hot-label').click();
    await page.waitForURL(/\/console\/hot-issues\//);
    await page.getByText(`其中的诉求（${size}）`).waitFor();
    const caseRows = page.locator('.ant-table-tbody tr.ant-table-row');
    await caseRows.first().waitFor();
    assert.equal(await caseRows.count(), size > 20 ? 20 : size, 'the page lists the cases (20 a page)');
    await page.screenshot({ path: shotPath('insight-hot-issue'), fullPage: true });
    const closest = (await caseRows.first().locator('td').first().innerText()).trim();
    await page.getByRole('button', { name: '起草代表建议' }).click();
    await page.waitForURL(/\/console\/suggestions\/new\?cases=/);
    const linked = new URL(page.url()).searchParams.get('cases')!.split(',');
    assert.equal(linked.length, Math.min(size, 50), 'every case of the hot issue is linked (at most 50)');
    // The draft starts from the hot issue: its title names the matter in the closest case's words,
    // its content says how many reports came, where and when, and lists them.
    const title = page.locator('#title');
    await title.waitFor();
    assert.match(await title.inputValue(), /^关于.+问题的建议$/);
    const content = await page.locator('#content').inputValue();
    assert.match(content, new RegExp(`共收到群众反映 ${size} 件`));
    assert.match(content, /^1\. /m, 'the cases are listed');
    assert.ok(content.includes(closest), `${closest} listed in the draft`);
    assert.ok((await title.inputValue()).includes(closest.replace(/[（(][^（()）]*[）)]$/, '')), `${closest} names the matter in the title`);
    await page.screenshot({ path: shotPath('insight-hot-draft'), fullPage: true });
    assert.deepEqual(errors, []);
  });

  test('分类模型: the district\'s model with its measured quality', async () => {
    const page = await signIn('admin');
    await page.goto(`${server.url}/console/insight/models`);
    await page.getByText('宏平均 F1').first().waitFor();
    const models = (await (await page.request.get(`${server.url}/api/v1/insight/models`)).json()) as { items: Array<{ version: number; quality: { macroF1: number } | null }> };
    const current = models.items[0]!;
    assert.ok(current.quality && current.quality.macroF1 > 0.8, JSON.stringify(current.quality));
    await page.getByText(current.quality.macroF1.toFixed(3)).first().waitFor();
    await page.screenshot({ path: shotPath('insight-models'), fullPage: true });
    assert.deepEqual(errors, []);
  });
});
