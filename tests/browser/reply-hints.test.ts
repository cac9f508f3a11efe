/// <reference lib="dom" />
/**
 * Reply-quality hints in Chromium (POST /api/v1/insight/reply-hints): `dept` opens a case of
 * theirs in 办理中, opens 答复 and types a reply with a greeting, the facts and the measure but no
 * time frame and no contact — the box under the text lists 问候语/核查情况/处理措施 as included
 * and hints 办理时限 and 联系方式; once both are added the hints go (五项要素都已包含) and the
 * reply is sent. A second case is answered while hints still show: the reply goes through all
 * the same (advice, never blocking). Screenshot of the half-written reply at 1280 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, login, openDialog, type RunningServer, shotPath, startServer } from './support.ts';

const NOW = '2026-11-21T02:00:00Z';
// Ant Design puts a space between the two characters of a two-character button label.
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

const HALF = '您好！您反映的问题已收悉。经现场核实，该路段有 6 块人行道砖松动破损，雨后积水。我局已安排养护单位更换破损路砖并疏通排水口。';
const REST = '预计于 11 月 30 日前完成修复。如有疑问，请致电 0731-28888888（联系人：王科长）。';

describe('reply hints in the department\'s reply dialog', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startServer({ LIANXIN_NOW: NOW });
    browser = await launchChromium();
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page = await ctx.newPage();
    await login(page, server, 'dept');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The department's cases in 办理中 (the console's session). */
  const inProgress = () =>
    page.evaluate(async () => {
      const res = await fetch('/api/v1/cases?status=in_progress&limit=10');
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
      return ((await res.json()) as { items: Array<{ id: string; trackingCode: string }> }).items;
    });

  /** Opens the case page and its 答复 dialog; returns the dialog. */
  async function openReply(id: string, code: string): Promise<Locator> {
    await page.goto(`${server.url}/console/cases/${id}`);
    await page.getByText(code).first().waitFor();
    await page.locator('main').getByRole('button', { name: label('答复') }).first().click();
    const modal = await openDialog(page);
    return modal;
  }

  /** Types into the reply box and waits for the check of exactly that text. */
  async function typeAndCheck(modal: Locator, text: string): Promise<{ present: string[]; missing: string[] }> {
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/insight/reply-hints') && r.request().method() === 'POST' && (JSON.parse(r.request().postData() ?? '{}') as { content?: string }).content === text.trim());
    await modal.locator('textarea').first().fill(text);
    const res = await answer;
    assert.equal(res.status(), 200, await res.text());
    const body = (await res.json()) as { present: string[]; missing: { key: string }[] };
    await page.waitForFunction(
      (want) => {
        const keys = (sel: string) => [...document.querySelectorAll(`.ant-modal [data-testid="reply-hints"] ${sel} [data-key]`)].map((e) => e.getAttribute('data-key'));
        return JSON.stringify(keys('[data-testid="reply-hints-present"]')) === JSON.stringify(want.present) && JSON.stringify(keys('[data-testid="reply-hints-missing"]')) === JSON.stringify(want.missing);
      },
      { present: body.present, missing: body.missing.map((m) => m.key) },
    );
    return { present: body.present, missing: body.missing.map((m) => m.key) };
  }

  async function send(modal: Locator): Promise<void> {
    await modal.getByRole('button', { name: label('答复') }).click();
    await modal.waitFor({ state: 'hidden', timeout: 15_000 });
    await page.locator('.ant-tag', { hasText: '已答复' }).first().waitFor();
  }

  test('a reply without a time frame and a contact is hinted; adding them clears the hints; it is sent', async () => {
    const cases = await inProgress();
    assert.ok(cases.length >= 2, 'the demo gives dept cases in 办理中');
    const { id, trackingCode } = cases[0]!;
    const modal = await openReply(id, trackingCode);
    const hints = modal.locator('[data-testid="reply-hints"]');
    await hints.getByText('好的答复通常包含').waitFor();

    const half = await typeAndCheck(modal, HALF);
    assert.deepEqual(half, { present: ['greeting', 'facts', 'measure'], missing: ['timeframe', 'contact'] });
    const shown = await hints.innerText();
    for (const s of ['已包含', '问候语', '核查情况', '处理措施', '建议补充', '办理时限', '联系方式', '仅供参考，不影响提交']) assert.match(shown, new RegExp(s), `the hints show ${s}`);
    assert.match(await hints.locator('[data-key="contact"]').innerText(), /例如/);
    await page.screenshot({ path: shotPath('reply-hints-1280') });

    const full = await typeAndCheck(modal, `${HALF}${REST}`);
    assert.deepEqual(full, { present: ['greeting', 'facts', 'measure', 'timeframe', 'contact'], missing: [] });
    await hints.getByText('五项要素都已包含').waitFor();
    assert.equal(await hints.locator('[data-testid="reply-hints-missing"]').count(), 0, 'no hint left');

    await send(modal);
  });

  test('hints never block: a reply still missing elements is sent all the same', async () => {
    const { id, trackingCode } = (await inProgress())[0]!;
    const modal = await openReply(id, trackingCode);
    const missing = await typeAndCheck(modal, '经查，该处垃圾桶确已破损，已安排更换。');
    assert.deepEqual(missing.missing, ['greeting', 'timeframe', 'contact']);
    await send(modal);
  });
});
