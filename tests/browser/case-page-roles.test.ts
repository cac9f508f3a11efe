/// <reference lib="dom" />
/**
 * A case page asks the server only for what the user's role may read. Every demo account opens
 * one case of each status it can see; no API call on the page answers 4xx (nor does anything
 * reach the browser's console). The cards behind role-restricted endpoints are asked for only
 * by those roles: 相似诉求 (POST /cases/similar: the office, station staff, liaison officers and
 * deputies — those who record cases) and 公开办理结果 (GET /cases/:id/publication: the office
 * and station staff).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shotPath, signedIn, startServer, type RunningServer } from './support.ts';

const NOW = '2026-11-21T02:00:00Z';
const OPEN = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'feedback_given'];

/** Who may call what (duplicates.service `mayCheck`, publication.policy `requirePublicationStaff`). */
const MAY_CHECK = new Set(['admin', 'station', 'station2', 'liaison', 'deputy']);
const MAY_PUBLISH = new Set(['admin', 'station', 'station2']);

/** One case of each status the signed-in user can see (the newest of each). */
async function oneOfEachStatus(page: Page): Promise<Array<{ id: string; status: string; title: string }>> {
  return page.evaluate(async () => {
    const seen = new Map<string, { id: string; status: string; title: string }>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await fetch(`/api/v1/cases?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
      const body = (await res.json()) as { items: Array<{ id: string; status: string; title: string }>; nextCursor: string | null };
      for (const c of body.items) if (!seen.has(c.status)) seen.set(c.status, { id: c.id, status: c.status, title: c.title });
      cursor = body.nextCursor;
    } while (cursor && ++pages < 5);
    return [...seen.values()];
  });
}

describe('case pages by role', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({ LIANXIN_NOW: NOW });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const user of ['dept', 'dept2', 'deputy', 'station', 'station2', 'liaison', 'admin']) {
    test(`${user}: every call on a case page succeeds; the cards the role may not read are not asked for`, async () => {
      const errors: string[] = [];
      const page = await signedIn(browser, server, user, errors);
      const calls: string[] = [];
      page.on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (path === '/api/v1/cases/similar' || path.endsWith('/publication')) calls.push(`${r.method()} ${path.endsWith('/publication') ? 'publication' : 'similar'}`);
      });
      const cases = await oneOfEachStatus(page);
      assert.ok(cases.length >= 2, `${user} sees cases of ${cases.length} statuses`);
      for (const c of cases) {
        await page.goto(`${server.url}/console/cases/${c.id}`);
        await page.locator('.case-page .page-title').getByText(c.title, { exact: true }).waitFor();
        await page.waitForLoadState('networkidle');
      }
      if (user === 'dept') await page.screenshot({ path: shotPath('case-page-dept'), fullPage: true });

      assert.deepEqual(errors, []);
      const opened = cases.some((c) => OPEN.includes(c.status));
      assert.equal(calls.includes('POST similar'), MAY_CHECK.has(user) && opened, `${user}: POST /cases/similar ${calls.includes('POST similar') ? 'asked' : 'not asked'}`);
      assert.equal(calls.includes('GET publication'), MAY_PUBLISH.has(user), `${user}: GET /cases/:id/publication ${calls.includes('GET publication') ? 'asked' : 'not asked'}`);
      await page.context().close();
    });
  }
});
