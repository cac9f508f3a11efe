/// <reference lib="dom" />
/**
 * Stored XSS, everywhere: the usual payloads (`<script>`, `<img onerror>`, `"><svg onload>`,
 * `javascript:` URLs, template injection `{{…}}` / `${…}`, `</textarea>` and `</style>` breakers,
 * attribute breakers, markdown-ish links, `<iframe srcdoc>`) are written through the API into every
 * text field staff and the public can write — a case's title, content, contact name, address, notes,
 * reply, feedback, reject reason and rating comment; a station's, a department's and a deputy's names
 * and texts; an activity and its participants; an online roundtable's invitee and posts (staff and
 * public); a suggestion; a call for projects and its proposals (console and public form); a
 * project's progress note and milestone; a checklist item and a station's evidence and the return
 * reason; a deputy's self-report and the return reason — then every page that shows them is opened
 * once, in the console (as the roles that see them) and on the public pages. Each payload calls
 * `window.__xss(n)`, which the test defines in every page: no call, no dialog, no page error, no
 * element or attribute the payloads would have made, and the payload is there as text.
 *
 * The public pages' strict CSP would stop an inline script even if escaping failed: the public
 * context bypasses CSP so that escaping itself is tested.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchChromium, shotPath, startServer, type RunningServer } from './support.ts';

const NOW = '2026-11-21T02:00:00Z';

const PAYLOADS = [
  '<script>__xss(1)</script>',
  '<img src=x onerror=__xss(2)>',
  '"><svg onload=__xss(3)>',
  "'><details open ontoggle=__xss(4)>",
  'javascript:__xss(5)',
  '[点此](javascript:__xss(6))',
  '{{__xss(7)}}${__xss(7)}',
  '</textarea><svg onload=__xss(8)>',
  '</style><svg onload=__xss(9)>',
  "' onfocus=__xss(10) autofocus x='",
  '<a href="javascript:__xss(11)">链接</a>',
  '<iframe srcdoc="<script>parent.__xss(12)</script>">',
  '</title><script>__xss(13)</script>',
];

let rotation = 0;
/**
 * A field's value: its tag (to find it on the page), then as many payloads as the field holds,
 * starting at a different one each time (skipping those too long) so the short fields share the list.
 */
function value(tag: string, max: number): string {
  const start = rotation++ % PAYLOADS.length;
  let out = tag;
  for (let i = 0; i < PAYLOADS.length; i++) {
    const p = PAYLOADS[(start + i) % PAYLOADS.length]!;
    if (out.length + 1 + p.length <= max) out += ` ${p}`;
  }
  if (out === tag) throw new Error(`${tag}: no payload fits in ${max} characters`);
  return out;
}

/** The values written, by tag: the page shows `tag payload…` as text. */
const written = new Map<string, string>();
function v(tag: string, max: number): string {
  const s = value(tag, max);
  written.set(tag, s);
  return s;
}

/** Elements or attributes a payload parsed as HTML would have made. */
const INJECTED = 'img[src="x"], [onerror], [onload], [onfocus], [ontoggle], iframe[srcdoc], [href*="__xss"], [src*="__xss"], script:not([src])';

/** Resolves once no request of the page has been under way for 400 ms (at most 15 s). */
async function quiet(inflight: () => number): Promise<void> {
  const deadline = Date.now() + 15_000;
  let calm = 0;
  await new Promise((r) => setTimeout(r, 150));
  while (calm < 4 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    calm = inflight() > 0 ? 0 : calm + 1;
  }
}

/** Which of `wanted` the page does not show, in its text or its form fields' values. Runs in the page (self-contained). */
function absentFrom(wanted: string[]): string[] {
  const text = [document.body.innerText, ...[...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value)].join('\n');
  return wanted.filter((w) => !text.includes(w));
}

/** The contact card's 查看完整号码 (audited) shows the full name: the payload in it stays text. */
function reveal(tag: string): (page: Page) => Promise<void> {
  return async (page) => {
    await page.getByRole('button', { name: '查看完整号码' }).click();
    await page.waitForFunction((s) => document.body.innerText.includes(s), written.get(tag)!.slice(0, tag.length + 12), { timeout: 10_000 });
  };
}

interface Visit { who: string; path: string; tags: string[]; then?: (page: Page) => Promise<void>; shot?: string }

describe('stored XSS: every text field, rendered in the console and the public pages, stays text', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts = new Map<string, { ctx: BrowserContext; page: Page; idle: () => Promise<void> }>();
  const calls: string[] = [];
  const visits: Visit[] = [];

  interface Session { headers: Record<string, string>; user: { id: string; stationId: string | null; departmentId: string | null; deputyId: string | null } }
  const sessions = new Map<string, Session>();

  async function signIn(username: string): Promise<Session> {
    const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    assert.equal(res.status, 200, `login ${username}`);
    const cookie = /lianxin_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
    const body = (await res.json()) as { csrfToken: string; user: Session['user'] };
    const s = { headers: { cookie, 'x-csrf-token': body.csrfToken }, user: body.user };
    sessions.set(username, s);
    return s;
  }

  /** One API call as `who` (null: the public); asserts success and returns the JSON. */
  async function call<T>(who: string | null, method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { ...(who ? sessions.get(who)!.headers : {}) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    assert.ok(res.ok, `${who ?? 'public'} ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  before(async () => {
    server = await startServer({ LIANXIN_NOW: NOW });
    browser = await launchChromium();
    for (const u of ['admin', 'station', 'deputy', 'dept']) await signIn(u);
    const stationId = sessions.get('station')!.user.stationId!;
    const departmentId = sessions.get('dept')!.user.departmentId!;
    const deputyId = sessions.get('deputy')!.user.deputyId!;

    // ── organisation: the station, the deputy, the department (names appear on most pages) ──
    const st = await call<{ version: number }>('admin', 'GET', `/stations/${stationId}`);
    await call('admin', 'PATCH', `/stations/${stationId}`, {
      version: st.version, name: v('S1', 100), address: v('S2', 200), openingHours: v('S3', 200), contactName: v('S4', 50), description: v('S5', 2000),
    });
    const dep = await call<{ version: number }>('admin', 'GET', `/deputies/${deputyId}`);
    await call('admin', 'PATCH', `/deputies/${deputyId}`, { version: dep.version, name: v('D1', 30), occupation: v('D2', 100), constituency: v('D3', 100), bio: v('D4', 2000) });
    const dp = await call<{ version: number }>('admin', 'GET', `/departments/${departmentId}`);
    await call('admin', 'PATCH', `/departments/${departmentId}`, { version: dp.version, name: v('P1', 60), shortName: v('P2', 30), contactName: v('P3', 50), address: v('P4', 200) });

    // ── a case through its loop: every note, the reply, the feedback, the rating ──
    type CaseOut = { id: string; version: number; trackingCode: string };
    const created = await call<CaseOut>('station', 'POST', '/cases', {
      channel: 'phone', stationId, title: v('C1', 100), content: v('C2', 5000), contact: { name: v('C3', 50) }, location: { address: v('C4', 200) },
    });
    let c = await call<CaseOut>('station', 'POST', `/cases/${created.id}/accept`, { version: 1, note: v('C5', 2000) });
    c = await call<CaseOut>('station', 'POST', `/cases/${c.id}/assign`, { version: c.version, departmentId, note: v('C6', 2000) });
    c = await call<CaseOut>('admin', 'POST', `/cases/${c.id}/supervise`, { version: c.version, note: v('C7', 2000) });
    c = await call<CaseOut>('dept', 'POST', `/cases/${c.id}/dept-accept`, { version: c.version });
    c = await call<CaseOut>('dept', 'POST', `/cases/${c.id}/reply`, { version: c.version, content: v('C8', 5000) });
    await call<CaseOut>('station', 'POST', `/cases/${c.id}/feedback`, { version: c.version, content: v('C9', 5000) });
    await call(null, 'POST', `/public/cases/${created.trackingCode}/rating`, { rating: 'basically_satisfied', comment: v('C10', 1000) });
    const rejected = await call<CaseOut>('station', 'POST', '/cases', { channel: 'letter', stationId, content: '来信反映的问题不属于人大代表联络站受理范围。' });
    await call('station', 'POST', `/cases/${rejected.id}/reject`, { version: 1, reason: v('C11', 2000) });
    // a constituent's own report from the public form
    const pub = await call<{ trackingCode: string }>(null, 'POST', '/public/cases', { stationId, title: v('C12', 100), content: v('C13', 5000), contact: { name: v('C14', 50) }, location: { address: v('C15', 200) } });
    const pubCase = (await call<{ items: Array<{ id: string }> }>('station', 'GET', `/cases?q=${encodeURIComponent(pub.trackingCode)}`)).items[0]!;
    // one waiting in the department's inbox
    const waiting = await call<CaseOut>('station', 'POST', '/cases', { channel: 'visit', stationId, title: v('C16', 100), content: '走访中群众反映的问题，待承办单位签收。' });
    const accepted = await call<CaseOut>('station', 'POST', `/cases/${waiting.id}/accept`, { version: 1 });
    await call('station', 'POST', `/cases/${waiting.id}/assign`, { version: accepted.version, departmentId });

    // ── activities and an online roundtable ──
    const activity = await call<{ id: string }>('station', 'POST', '/activities', {
      kind: 'forum', title: v('A1', 100), stationId, date: '2026-11-18', status: 'held', place: v('A2', 200), organiser: v('A3', 100),
      agenda: v('A4', 5000), minutes: v('A5', 20000), summary: v('A6', 5000), deputyIds: [deputyId],
      participants: [{ type: 'resident', name: v('A7', 50), organisation: v('A8', 100), note: v('A9', 200) }],
    });
    const rt = await call<{ id: string; version: number }>('station', 'POST', '/activities', { kind: 'roundtable', mode: 'online', title: v('A10', 100), stationId, date: '2026-11-20', status: 'held' });
    const invited = await call<{ tokens: Array<{ token: string }> }>('station', 'POST', `/activities/${rt.id}/invitations`, { version: rt.version, invitees: [{ type: 'resident', name: v('A11', 50), organisation: v('A12', 100) }] });
    const token = invited.tokens[0]!.token;
    await call('station', 'POST', `/activities/${rt.id}/posts`, { body: v('A13', 2000) });
    await call(null, 'POST', `/public/roundtables/${token}/posts`, { body: v('A14', 2000) });

    // ── a deputy's suggestion and self-report (returned with a reason by the station) ──
    const suggestion = await call<{ id: string }>('deputy', 'POST', '/suggestions', { title: v('G1', 100), content: v('G2', 20000), proposals: v('G3', 10000) });
    const report = await call<{ id: string; version: number }>('deputy', 'POST', '/archive/self-reports', { title: v('R1', 100), kind: 'other', date: '2026-11-10', description: v('R2', 5000) });
    await call('deputy', 'POST', `/archive/self-reports/${report.id}/submit`, { version: report.version });
    await call('station', 'POST', '/archive/self-reports/review', { ids: [report.id], decision: 'return', reason: v('R3', 500) });

    // ── a call for projects, proposals from the console and the public form; a project's progress ──
    const pcall = await call<{ id: string }>('admin', 'POST', '/project-calls', { title: v('K1', 100), year: 2028, description: v('K2', 5000), opensOn: '2026-11-01', closesOn: '2026-12-31' });
    await call('admin', 'POST', `/project-calls/${pcall.id}/proposals`, { title: v('K3', 100), description: v('K4', 2000), location: v('K5', 200) });
    await call(null, 'POST', `/public/project-calls/${pcall.id}/proposals`, { title: v('K6', 100), description: v('K7', 2000), location: v('K8', 200), name: v('K9', 50) });
    const projects = await call<{ items: Array<{ id: string; status: string }> }>('admin', 'GET', '/projects?status=in_progress');
    const projectId = projects.items[0]!.id;
    const project = await call<{ version: number }>('admin', 'GET', `/projects/${projectId}`);
    await call('admin', 'POST', `/projects/${projectId}/updates`, { version: project.version, progress: 60, note: v('J1', 2000) });
    await call('admin', 'POST', `/projects/${projectId}/milestones`, { title: v('J2', 100), dueOn: '2026-12-20' });

    // ── the standards checklist: an item, the station's evidence, the office's return reason ──
    const item = await call<{ id: string }>('admin', 'POST', '/standard-items', { code: 'xss_check', name: v('T1', 50), description: v('T2', 500), appliesTo: ['station'] });
    const ev = await call<{ version: number }>('station', 'PUT', `/stations/${stationId}/standards/${item.id}`, { version: 0, text: v('T3', 2000) });
    const sub = await call<{ version: number }>('station', 'POST', `/stations/${stationId}/standards/${item.id}/submit`, { version: ev.version });
    await call('admin', 'POST', `/stations/${stationId}/standards/${item.id}/return`, { version: sub.version, reason: v('T4', 500) });
    visits.push(
      // console, as the roles that see each record
      { who: 'station', path: '/console/cases', tags: ['C12', 'C16'] },
      { who: 'station', path: `/console/cases/${created.id}`, tags: ['C1', 'C2', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'P1', 'S1'], then: reveal('C3'), shot: 'xss-case-page' },
      { who: 'station', path: `/console/cases/${rejected.id}`, tags: ['C11'] },
      { who: 'station', path: `/console/cases/${pubCase.id}`, tags: ['C12', 'C13', 'C15'], then: reveal('C14') },
      { who: 'station', path: `/console/activities/${activity.id}`, tags: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'D1'] },
      { who: 'station', path: `/console/activities/${rt.id}`, tags: ['A10', 'A11', 'A13', 'A14'] },
      { who: 'station', path: `/console/stations/${stationId}/standards/${item.id}`, tags: ['T1', 'T3', 'T4'] },
      { who: 'station', path: `/console/archive/self-reports/${report.id}`, tags: ['R1', 'R2', 'R3'] },
      // the dashboard filtered by the station, which names it in the filter (its hot issues card
      // named it too while the demo gave the station a cluster; merged cases no longer count)
      { who: 'station', path: `/console/?stationId=${stationId}`, tags: ['S1'] },
      { who: 'dept', path: '/console/inbox', tags: ['C16'] },
      { who: 'dept', path: `/console/cases/${created.id}`, tags: ['C1', 'C2', 'C8'] },
      { who: 'deputy', path: `/console/suggestions/${suggestion.id}`, tags: ['G1', 'G2', 'G3'] },
      { who: 'deputy', path: '/console/archive/me', tags: ['D1'] },
      { who: 'admin', path: `/console/stations/${stationId}`, tags: ['S1', 'S2', 'S3', 'S4', 'S5', 'D1'] },
      { who: 'admin', path: `/console/deputies/${deputyId}`, tags: ['D1', 'D2', 'D3', 'D4'] },
      { who: 'admin', path: `/console/departments/${departmentId}`, tags: ['P1', 'P2', 'P3', 'P4'] },
      { who: 'admin', path: `/console/project-calls/${pcall.id}`, tags: ['K1', 'K2', 'K3', 'K6'] },
      { who: 'admin', path: `/console/projects/${projectId}`, tags: ['J1', 'J2'] },
      { who: 'admin', path: '/console/standards/items', tags: ['T1', 'T2'] },
      {
        who: 'admin', path: '/console/standards', tags: ['S1'], shot: 'xss-standards-tooltip',
        // The chart's tooltip is HTML: hover each bar (the new item is the last, at the bottom).
        then: async (page) => {
          const chart = page.locator('[role="img"] canvas').first();
          await chart.waitFor();
          await chart.scrollIntoViewIfNeeded();
          const box = (await chart.boundingBox())!;
          for (let y = box.y + 40; y < box.y + box.height - 4; y += 12) await page.mouse.move(box.x + box.width * 0.6, y);
          const tip = await page.evaluate(() => [...document.querySelectorAll('div')].filter((d) => d.style.position === 'absolute' && d.textContent?.includes('T1 ')).map((d) => d.textContent));
          assert.ok(tip.some((t) => t?.includes(written.get('T1')!.slice(0, 20))), `the tooltip shows the item's name as text: ${JSON.stringify(tip)}`);
        },
      },
      // the public pages
      { who: 'public', path: '/', tags: ['S1'] },
      { who: 'public', path: `/stations/${stationId}`, tags: ['S1', 'S2', 'S3', 'S5', 'D1', 'A1'], shot: 'xss-public-station' },
      { who: 'public', path: `/track/${created.trackingCode}`, tags: ['S1'] },
      { who: 'public', path: `/track/${pub.trackingCode}`, tags: ['C12'] },
      { who: 'public', path: `/roundtables/${token}`, tags: ['A10', 'A13', 'A14'] },
      { who: 'public', path: `/projects/calls/${pcall.id}`, tags: ['K1', 'K2'] },
      { who: 'public', path: `/projects/${projectId}`, tags: ['J1', 'J2'] },
    );

    // One context per role; __xss, dialogs and page errors are recorded in every page.
    for (const who of ['station', 'dept', 'deputy', 'admin', 'public']) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', bypassCSP: who === 'public' });
      await ctx.exposeFunction('__xssReport', (n: unknown, where: string) => calls.push(`${who} ${where}: __xss(${String(n)})`));
      await ctx.addInitScript(() => {
        const w = window as unknown as { __xss: (n: unknown) => void; __xssReport: (n: unknown, where: string) => void };
        w.__xss = (n) => void w.__xssReport(n, location.pathname);
      });
      const page = await ctx.newPage();
      page.on('dialog', (d) => {
        calls.push(`${who} ${page.url()}: dialog ${d.message()}`);
        void d.dismiss();
      });
      page.on('pageerror', (e) => calls.push(`${who} ${page.url()}: page error ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /xss|Content Security Policy/i.test(m.text())) calls.push(`${who} ${page.url()}: console ${m.text()}`);
      });
      // signed in with the session made above (the console reads its CSRF token from GET /me)
      if (who !== 'public') {
        const [name, value] = sessions.get(who)!.headers.cookie!.split('=') as [string, string];
        await ctx.addCookies([{ name, value, url: server.url }]);
      }
      let inflight = 0;
      page.on('request', () => void inflight++);
      page.on('requestfinished', () => void inflight--);
      page.on('requestfailed', () => void inflight--);
      contexts.set(who, { ctx, page, idle: () => quiet(() => inflight) });
    }
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('every page that shows the payloads shows them as text, and nothing executes', async () => {
    const missing: string[] = [];
    for (const visit of visits) {
      const { page, idle } = contexts.get(visit.who)!;
      if (visit.path.startsWith('/console/') && new URL(page.url()).pathname.startsWith('/console/')) {
        // within the console: the router's navigation (a full load of the app per page costs seconds)
        await page.evaluate((path) => {
          history.pushState(null, '', path);
          window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
        }, visit.path);
      } else await page.goto(`${server.url}${visit.path}`);
      if (visit.path.startsWith('/console')) await page.locator('.app-content').waitFor();
      // the page's data has arrived and been rendered
      await idle();
      // The payloads' text, tag first, as the first characters of each field show it (in a form's field: its value).
      const wanted = visit.tags.map((t) => written.get(t)!.slice(0, t.length + 12));
      const absent = await page
        .waitForFunction(`(${absentFrom.toString()})(${JSON.stringify(wanted)}).length === 0`, undefined, { timeout: 10_000 })
        .then(() => [], () => page.evaluate(absentFrom, wanted));
      for (const w of absent) missing.push(`${visit.who} ${visit.path}: "${w}"`);
      await visit.then?.(page);
      if (visit.shot) await page.screenshot({ path: shotPath(visit.shot), fullPage: true });
      const injected = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => e.outerHTML.slice(0, 120)), INJECTED);
      assert.deepEqual(injected, [], `${visit.who} ${visit.path}: markup from a payload`);
      // a focus-triggered payload would need focus: move it through the page once
      for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    }
    assert.deepEqual(calls, [], 'no payload executed');
    assert.deepEqual(missing, [], 'every payload is shown as text where its field is shown');
  });
});
