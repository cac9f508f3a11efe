/// <reference lib="dom" />
/**
 * WCAG 2.1 AA on every public page, checked by axe-core in Chromium: the home page, a station
 * page and its printable notice, the report form (empty and with errors), the thank-you page, the
 * tracking pages (lookup and a case awaiting its rating), an invited participant's roundtable page,
 * the suggestions and projects with a detail each, a call for proposals with its form and thank-you
 * page, the statistics, the monthly reports, the published results, and a "not found" page — in
 * normal and large-text mode, on a phone (390 px) and a desktop (1280 px). Zero violations.
 *
 * The pages keep their strict CSP; only this test's browser context bypasses it, so that axe's
 * script (node_modules/axe-core/axe.min.js) can be added to the page.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchChromium, startServer, type RunningServer } from './support.ts';

const NOW = '2026-11-21T02:00:00Z';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> }
interface Target { name: string; path: string; status?: number; /** Prepares the page after loading it (e.g. sends a form with errors). */ prepare?: (page: Page) => Promise<void> }

describe('the public pages meet WCAG 2.1 AA (axe-core)', () => {
  let server: RunningServer;
  let browser: Browser;
  const targets: Target[] = [];
  const checked: string[] = [];

  async function json<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await fetch(`${server.url}${path}`, init);
    assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
    return (await res.json()) as T;
  }

  before(async () => {
    server = await startServer({ LIANXIN_NOW: NOW });
    browser = await launchChromium();
    const stations = (await json<{ items: Array<{ id: string; name: string }> }>('/api/v1/public/stations?limit=100')).items;
    const ma = stations.find((s) => s.name === '马家河街道代表联系群众工作站')!.id;

    // A constituent's fresh report: its thank-you page.
    const created = await json<{ trackingCode: string }>('/api/v1/public/cases', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stationId: ma, content: '新马社区北门的下水道堵了一周，污水漫到路上。', category: '城乡建设', contact: { name: '钱玉珍', phone: '13755501234' } }),
    });

    // Staff: a demo case answered by its department, fed back to the constituent (so it awaits the rating),
    // and an online roundtable with a personal invitation.
    async function signIn(username: string) {
      const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      assert.equal(res.status, 200);
      const cookie = /lianxin_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
      const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: { stationId: string } };
      return { headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, user };
    }
    const admin = await signIn('admin');
    const replied = (await json<{ items: Array<{ id: string; version: number; trackingCode: string }> }>('/api/v1/cases?status=replied&limit=1', { headers: admin.headers })).items[0];
    assert.ok(replied, 'the demo has a case its department has answered');
    await json(`/api/v1/cases/${replied.id}/feedback`, { method: 'POST', headers: admin.headers, body: JSON.stringify({ version: replied.version, content: '承办部门已答复，请您评价办理结果。' }) });
    const station = await signIn('station');
    const activity = await json<{ id: string; version: number }>('/api/v1/activities', {
      method: 'POST', headers: station.headers,
      body: JSON.stringify({ kind: 'roundtable', mode: 'online', title: '线上圆桌会：北门下水道怎么改造', stationId: station.user.stationId, date: '2026-11-20', status: 'held', agenda: '雨污分流改造的时间和施工安排' }),
    });
    const invited = await json<{ tokens: Array<{ token: string }> }>(`/api/v1/activities/${activity.id}/invitations`, {
      method: 'POST', headers: station.headers, body: JSON.stringify({ version: activity.version, invitees: [{ type: 'resident', name: '龚新民', organisation: '新马小区 5 栋' }] }),
    });

    const suggestion = (await json<{ items: Array<{ id: string }> }>('/api/v1/public/suggestions?limit=1')).items[0]!;
    const project = (await json<{ items: Array<{ id: string }> }>('/api/v1/public/projects')).items[0]!;
    // The demo has a closed call (2027, with its screened proposals) and one taking proposals now.
    const calls = (await json<{ items: Array<{ id: string; accepting: boolean }> }>('/api/v1/public/project-calls')).items;
    const closedCall = calls.find((c) => !c.accepting)!;
    const call = calls.find((c) => c.accepting)!;
    const month = '2026-10';

    targets.push(
      { name: 'home', path: '/' },
      { name: 'station', path: `/stations/${ma}` },
      { name: 'station notice', path: `/stations/${ma}/notice` },
      { name: 'report form', path: `/stations/${ma}/report` },
      {
        name: 'report form with errors', path: `/stations/${ma}/report`,
        prepare: async (page) => {
          await Promise.all([page.waitForURL(/\/report$/), page.waitForLoadState('load'), page.locator('form').first().evaluate((f: HTMLFormElement) => { f.noValidate = true; f.submit(); })]);
          await page.locator('.error-summary').waitFor();
        },
      },
      { name: 'thanks', path: `/track/${created.trackingCode}?new=1` },
      { name: 'tracking lookup', path: '/track' },
      { name: 'tracking + rating form', path: `/track/${replied.trackingCode}`, prepare: async (page) => void (await page.locator('form[action*="/rating"]').waitFor()) },
      { name: 'roundtable invitation', path: `/roundtables/${invited.tokens[0]!.token}` },
      { name: 'suggestions', path: '/suggestions' },
      { name: 'suggestion', path: `/suggestions/${suggestion.id}` },
      { name: 'projects', path: '/projects' },
      { name: 'project', path: `/projects/${project.id}` },
      { name: 'call', path: `/projects/calls/${call.id}` },
      { name: 'proposal form', path: `/projects/calls/${call.id}/propose` },
      {
        name: 'proposal form with errors', path: `/projects/calls/${call.id}/propose`,
        prepare: async (page) => {
          await Promise.all([page.waitForLoadState('load'), page.locator('main form').first().evaluate((f: HTMLFormElement) => { f.noValidate = true; f.submit(); })]);
          await page.locator('.error-summary').waitFor();
        },
      },
      { name: 'proposal thanks', path: `/projects/calls/${call.id}/thanks` },
      { name: 'closed call form', path: `/projects/calls/${closedCall.id}/propose`, status: 409 },
      { name: 'stats', path: '/stats' },
      { name: 'stats of a station and month', path: `/stats?stationId=${ma}&period=${month}` },
      { name: 'stats with a reversed range', path: '/stats?from=2026-11-10&to=2026-09-15', status: 400 },
      { name: 'reports', path: '/reports' },
      { name: 'district report', path: `/reports/${month}` },
      { name: 'station reports', path: `/stations/${ma}/reports` },
      { name: 'station report', path: `/stations/${ma}/reports/${month}` },
      { name: 'bad month', path: '/reports/2026-13', status: 400 },
      { name: 'not found', path: '/stations/none', status: 404 },
    );
    // The published results (when the portal has them).
    const results = await fetch(`${server.url}/api/v1/public/results`);
    if (results.ok) {
      targets.push({ name: 'results', path: '/results' });
      const first = ((await results.json()) as { items: Array<{ id: string }> }).items[0];
      if (first) targets.push({ name: 'result', path: `/results/${first.id}` });
    }
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const large of [false, true]) {
    for (const width of [390, 1280]) {
      test(`${large ? 'large text' : 'normal text'}, ${width} px: zero violations`, async () => {
        const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', bypassCSP: true, isMobile: width < 500 });
        if (large) await ctx.addCookies([{ name: 'lianxin_text', value: 'large', url: server.url }]);
        const failures: string[] = [];
        const check = async (tg: Target) => {
          const page = await ctx.newPage();
          try {
            const res = await page.goto(`${server.url}${tg.path}`);
            assert.ok(res, tg.path);
            if (res.status() !== (tg.status ?? 200)) {
              failures.push(`${tg.name} (${tg.path}): HTTP ${res.status()}`);
              return;
            }
            // The strict CSP is still sent: only this context ignores it.
            assert.match(String(res.headers()['content-security-policy']), /script-src 'self'/, `${tg.name}: CSP`);
            if (tg.prepare) await tg.prepare(page);
            if (large && tg.name !== 'station notice') assert.equal(await page.locator('html.large').count(), 1, `${tg.name}: large-text mode`);
            await page.addScriptTag({ content: axeSource });
            const violations = await page.evaluate(async (tags) => {
              const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } }).axe;
              return (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations;
            }, TAGS) as AxeViolation[];
            for (const v of violations) {
              failures.push(`${tg.name} (${tg.path}): ${v.id} [${v.impact}] ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`).join('\n')}`);
            }
            checked.push(`${large ? 'L' : 'N'}${width} ${tg.name}`);
          } finally {
            await page.close();
          }
        };
        try {
          // Two pages at a time (the machines have two cores): each page is checked on its own.
          const queue = [...targets];
          await Promise.all([0, 1].map(async () => {
            for (let tg = queue.shift(); tg; tg = queue.shift()) await check(tg);
          }));
        } finally {
          await ctx.close();
        }
        assert.deepEqual(failures, [], `axe found violations:\n${failures.join('\n')}`);
      });
    }
  }

  test('axe runs and reports what it finds (a page stripped of its language and a label)', async () => {
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/track`);
    await page.evaluate(() => {
      document.documentElement.removeAttribute('lang');
      for (const l of document.querySelectorAll('label')) l.remove();
    });
    await page.addScriptTag({ content: axeSource });
    const ids = await page.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string }> }> } }).axe;
      return (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations.map((v) => v.id);
    }, TAGS);
    await ctx.close();
    assert.ok(ids.includes('html-has-lang'), ids.join(', '));
    assert.ok(ids.includes('label'), ids.join(', '));
  });

  test('every page was checked in both modes at both widths', () => {
    assert.equal(checked.length, targets.length * 4);
  });
});
