/// <reference lib="dom" />
/**
 * 民生实事项目票决 in the console, end to end: the office shortlists a proposal of the demo call
 * (screening dialog) and creates a voting session with the demo district's deputies as members; one
 * candidate comes from that proposal (加入票决), four are added by hand; the session is opened. The
 * demo deputy votes on the five on the ballot page; a second ballot is refused by the page (no
 * buttons left) and by the API (409 ALREADY_VOTED). The office enters paper ballots for other
 * members (one through the dialog, the rest through the API) and a second office account confirms
 * them (one through the page) until the quorum is met; the entering account is not offered the
 * confirmation. The session is closed from the page (the dialog shows the turnout against the
 * quorum) and the live tally screen shows the result of each project.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, login, openDialog, type RunningServer, shotPath, startServer } from './support.ts';

// Ant Design puts a space between the two characters of a two-character button label; an icon's
// name (e.g. "like") may come first.
const label = (text: string) => new RegExp(`(?:^|\\s)${[...text].join('\\s*')}$`);

const TITLE = '浏览器测试：2028年民生实事项目票决';
const PROPOSAL = '增开 T27 路早高峰班次';
const BY_HAND = ['云峰街道口袋公园建设', '泰山路慢行步道改造', '群丰镇卫生院改扩建', '马家河社区文化活动中心提质'];

interface SessionOut {
  id: string;
  status: string;
  quorum: number;
  projects: Array<{ id: string; title: string; proposalId: string | null }>;
  tally: Array<{ projectId: string; for: number; against: number; abstain: number }>;
  members: Array<{ id: string; name: string }>;
  turnout: number;
  results: { quorumMet: boolean; rows: Array<{ projectId: string; passed: boolean; for: number }> } | null;
}

describe('livelihood-project vote in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let sessionId = '';

  before(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** API statuses a step expects (shown as errors by the page, not failures of the test). */
  const expected = new Set<string>();

  async function signIn(user: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(`${user}: ${e.message}`));
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      const key = `${r.status()} ${r.request().method()} ${path}`;
      if (r.status() >= 400 && path.startsWith('/api/') && !(r.status() === 401 && path === '/api/v1/me') && !expected.has(key)) errors.push(`${user}: ${key}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`${user}: ${m.text()}`);
    });
    await login(page, server, user);
    return page;
  }

  /** A JSON call with the page's session and CSRF token. */
  async function call(page: Page, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const me = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as { csrfToken: string };
    const res = await page.request.fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { 'x-csrf-token': me.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status(), json: text ? JSON.parse(text) : null };
  }

  const session = async (page: Page): Promise<SessionOut> => (await call(page, 'GET', `/voting-sessions/${sessionId}`)).json as SessionOut;

  async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
    await select.click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    await item.waitFor();
    await item.click();
  }


  /** Confirms the Popconfirm now open. */
  async function popconfirm(page: Page, ok: string | RegExp): Promise<void> {
    const pop = page.locator('.ant-popover:visible .ant-popconfirm-buttons');
    await pop.waitFor();
    await pop.getByRole('button', { name: ok }).click();
  }

  test('the office shortlists a proposal, creates a session of five candidates with the district deputies and opens it', async () => {
    const admin = await signIn('admin');

    // screening in the demo's closed 2027 call: a proposal awaiting screening is shortlisted
    await admin.goto(`${server.url}/console/project-calls`);
    await admin.locator('tr.ant-table-row', { hasText: '天元区2027年民生实事项目征集' }).getByRole('link').click();
    await admin.waitForURL(/\/console\/project-calls\/[0-9a-f-]{36}$/);
    const row = admin.locator('tr.ant-table-row', { hasText: PROPOSAL });
    await row.waitFor();
    await admin.screenshot({ path: shotPath('voting-call'), fullPage: true });
    await row.getByRole('button', { name: label('筛选') }).click();
    let modal = await openDialog(admin);
    await modal.getByText('列入候选', { exact: true }).click();
    await modal.locator('.ant-form-item', { hasText: '必要性' }).locator('.ant-rate-star').nth(3).click();
    await modal.locator('.ant-form-item', { hasText: '可行性' }).locator('.ant-rate-star').nth(4).click();
    await modal.locator('.ant-form-item', { hasText: '估算投资' }).locator('input').fill('120');
    await choose(admin, modal.locator('.ant-form-item', { hasText: '责任单位' }).locator('.ant-select'), '交通运输');
    await modal.locator('textarea').fill('早高峰运力不足，可调配现有车辆，当年可实施。');
    await modal.getByRole('button', { name: label('保存') }).click();
    await modal.waitFor({ state: 'hidden' });
    await row.locator('.ant-tag', { hasText: '列入候选' }).waitFor();
    const callUrl = admin.url();

    // a new session: the district's county deputies are its members by default
    await admin.goto(`${server.url}/console/voting`);
    await admin.getByRole('button', { name: /新建票决会议/ }).click();
    modal = await openDialog(admin);
    await modal.getByLabel('会议名称').fill(TITLE);
    await modal.getByLabel('项目年度').fill('2028');
    await modal.getByLabel('会议届次').fill('天元区第十九届人民代表大会第一次会议');
    await modal.getByText(/已选 20 名（区人大代表共 20 名）/).waitFor();
    await admin.screenshot({ path: shotPath('voting-create') });
    await modal.getByRole('button', { name: label('保存') }).click();
    await admin.waitForURL(/\/console\/voting\/[0-9a-f-]{36}$/);
    sessionId = admin.url().split('/').pop()!;
    await admin.locator('.page-title', { hasText: TITLE }).waitFor();

    // 加入票决 from the call's page
    await admin.goto(callUrl);
    await row.getByRole('button', { name: /加入票决/ }).click();
    modal = await openDialog(admin);
    await choose(admin, modal.locator('.ant-select'), TITLE);
    await modal.getByRole('button', { name: label('加入') }).click();
    await modal.waitFor({ state: 'hidden' });
    await row.locator('.ant-tag', { hasText: '已加入票决' }).waitFor();

    // four more by hand
    await admin.goto(`${server.url}/console/voting/${sessionId}`);
    await admin.locator('.vt-block', { hasText: '候选项目（1）' }).waitFor();
    for (const [i, title] of BY_HAND.entries()) {
      await admin.getByRole('button', { name: /手动添加/ }).click();
      modal = await openDialog(admin);
      await modal.locator('.ant-form-item', { hasText: '项目名称' }).locator('input').fill(title);
      await modal.locator('.ant-form-item', { hasText: '项目内容' }).locator('textarea').fill(`${title}：惠及周边居民，当年完工。`);
      await modal.locator('.ant-form-item', { hasText: '估算投资' }).locator('input').fill(String(100 * (i + 2)));
      await modal.getByRole('button', { name: label('保存') }).click();
      await modal.waitFor({ state: 'hidden' });
      await admin.locator('.vt-block', { hasText: `候选项目（${i + 2}）` }).waitFor();
    }
    await admin.screenshot({ path: shotPath('voting-draft'), fullPage: true });

    await admin.getByRole('button', { name: /开始投票/ }).click();
    await popconfirm(admin, /开始投票/);
    await admin.locator('.page-title .ant-tag', { hasText: '投票中' }).waitFor();

    const s = await session(admin);
    assert.equal(s.status, 'open');
    assert.equal(s.projects.length, 5);
    assert.equal(s.members.length, 20);
    assert.equal(s.quorum, 11);
    assert.ok(s.projects.some((p) => p.title === PROPOSAL && p.proposalId), 'the shortlisted proposal is a candidate');
  });

  test('the deputy votes on the five; a second ballot is refused by the page and by the API (409 ALREADY_VOTED)', async () => {
    const deputy = await signIn('deputy');
    await deputy.goto(`${server.url}/console/voting`);
    await deputy.locator('.ant-menu-item-selected', { hasText: '我的投票' }).waitFor();
    await deputy.locator('tr.ant-table-row', { hasText: TITLE }).getByRole('button', { name: /去投票/ }).click();
    await deputy.waitForURL(new RegExp(`/console/voting/${sessionId}/ballot$`));
    const cards = deputy.locator('.vt-ballot-card');
    await cards.first().waitFor();
    assert.equal(await cards.count(), 5);
    const choices = ['赞成', '赞成', '反对', '弃权', '赞成'];
    for (let i = 0; i < 5; i++) {
      const card = cards.nth(i);
      await card.getByRole('button', { name: label(choices[i]!) }).click();
      await popconfirm(deputy, '确认投票');
      await card.locator('.ant-tag', { hasText: '已投票' }).waitFor();
      await card.getByText(`您的选择：`).waitFor();
    }
    await deputy.screenshot({ path: shotPath('voting-ballot'), fullPage: true });

    // the page offers no second ballot: the voted project shows the choice, no buttons
    const first = cards.first();
    assert.equal(await first.getByRole('button', { name: label('赞成') }).count(), 0);
    assert.equal(await first.getByRole('button', { name: label('反对') }).count(), 0);
    await deputy.reload();
    await cards.first().locator('.ant-tag', { hasText: '已投票' }).waitFor();
    assert.equal(await deputy.locator('.vt-ballot-buttons').count(), 0, 'no ballot buttons after voting on every project');

    // the API refuses a second ballot on the same project
    const s = await session(deputy);
    const projectId = s.projects[0]!.id;
    expected.add(`409 POST /api/v1/voting-sessions/${sessionId}/ballots`);
    const again = await call(deputy, 'POST', `/voting-sessions/${sessionId}/ballots`, { projectId, choice: 'against' });
    assert.equal(again.status, 409);
    const refusal = (again.json as { error: { code: string; message: string } }).error;
    assert.equal(refusal.code, 'ALREADY_VOTED');
    assert.match(refusal.message, /只能投一票/);
    const after = await session(deputy);
    assert.equal(after.tally.find((r) => r.projectId === projectId)?.for, 1, 'still one ballot');
  });

  test('paper ballots entered by one office account and confirmed by another until the quorum is met', async () => {
    const admin = await signIn('admin');
    const admin2 = await signIn('admin2');
    const s = await session(admin);
    const deputyMe = ((await (await (await signIn('deputy')).request.get(`${server.url}/api/v1/me`)).json()) as { user: { deputyId: string } }).user.deputyId;
    const others = s.members.filter((m) => m.id !== deputyMe);
    assert.ok(others.length >= s.quorum - 1);

    // one sheet through the dialog
    await admin.goto(`${server.url}/console/voting/${sessionId}`);
    await admin.getByRole('button', { name: /录入纸质选票/ }).click();
    const modal = await openDialog(admin);
    await choose(admin, modal.locator('.ant-form-item', { hasText: '代表' }).locator('.ant-select'), others[0]!.name);
    await modal.getByRole('button', { name: '全部赞成' }).click();
    await admin.screenshot({ path: shotPath('voting-paper-entry') });
    await modal.getByRole('button', { name: /提交复核/ }).click();
    await modal.waitFor({ state: 'hidden' });
    const entryRow = admin.locator('.vt-block', { hasText: '纸质选票' }).locator('tr.ant-table-row', { hasText: others[0]!.name });
    await entryRow.locator('.ant-tag', { hasText: '待复核' }).waitFor();
    // whoever entered it is not offered the confirmation
    await entryRow.getByText('待他人复核').waitFor();
    assert.equal(await entryRow.getByRole('button', { name: /复核通过/ }).count(), 0);

    // the rest through the API (enough for the quorum: the deputy online + 10 paper sheets)
    const needed = s.quorum - 1;
    for (const m of others.slice(1, needed)) {
      const r = await call(admin, 'POST', `/voting-sessions/${sessionId}/paper-ballots`, { deputyId: m.id, choices: s.projects.map((p) => ({ projectId: p.id, choice: 'for' })) });
      assert.equal(r.status, 201, JSON.stringify(r.json));
    }

    // the second account confirms one on the page, the others through the API
    await admin2.goto(`${server.url}/console/voting/${sessionId}`);
    const row2 = admin2.locator('.vt-block', { hasText: '纸质选票' }).locator('tr.ant-table-row', { hasText: others[0]!.name });
    await row2.getByRole('button', { name: /复核通过/ }).click();
    await popconfirm(admin2, /复核通过/);
    await row2.locator('.ant-tag', { hasText: '已复核' }).waitFor();
    await admin2.screenshot({ path: shotPath('voting-paper-confirmed'), fullPage: true });
    const entries = (await call(admin2, 'GET', `/voting-sessions/${sessionId}/paper-ballots`)).json as { items: Array<{ id: string; status: string }> };
    for (const e of entries.items.filter((x) => x.status === 'pending')) {
      const r = await call(admin2, 'POST', `/paper-ballots/${e.id}/confirm`, {});
      assert.equal(r.status, 200, JSON.stringify(r.json));
    }
    const now = await session(admin2);
    assert.equal(now.turnout, s.quorum);
  });

  test('the office closes the session (turnout against the quorum first) and the live tally screen shows the results', async () => {
    const admin = await signIn('admin');
    await admin.goto(`${server.url}/console/voting/${sessionId}`);
    await admin.getByRole('button', { name: /结束投票/ }).click();
    const modal = await openDialog(admin);
    await modal.getByText('已投票 11 人，达到法定人数 11 人。').waitFor();
    await admin.screenshot({ path: shotPath('voting-close') });
    await modal.getByRole('button', { name: /结束投票并计算结果/ }).click();
    await modal.waitFor({ state: 'hidden' });
    await admin.locator('.page-title .ant-tag', { hasText: '已结束' }).waitFor();
    await admin.locator('.vt-results').getByText(/通过 \d+ 项 \/ 共 5 项/).waitFor();
    await admin.screenshot({ path: shotPath('voting-results'), fullPage: true });

    const s = await session(admin);
    assert.ok(s.results?.quorumMet);
    // every member voted for each project except the deputy's against (3rd) and abstention (4th): 11 or 10 for
    const byTitle = new Map(s.projects.map((p) => [p.id, p.title]));
    const passed = s.results!.rows.filter((r) => r.passed).map((r) => byTitle.get(r.projectId));
    assert.equal(passed.length, 3);

    const screen = await signIn('admin', { width: 1920, height: 1080 });
    await screen.goto(`${server.url}/console/voting/${sessionId}/screen`);
    await screen.locator('.vt-screen-pill', { hasText: '投票已结束' }).waitFor();
    assert.match((await screen.locator('.vt-stat', { hasText: '通过项目' }).locator('.vt-stat-value').textContent()) ?? '', /^3\s*\/\s*5$/);
    const lines = screen.locator('.vt-sr-only li');
    assert.equal(await lines.count(), 5);
    for (const r of s.results!.rows) {
      const text = await screen.locator(`.vt-sr-only li[data-project="${byTitle.get(r.projectId)}"]`).textContent();
      assert.match(text ?? '', r.passed ? / 通过$/ : / 未通过（赞成票未达通过票数）$/);
      assert.match(text ?? '', new RegExp(`赞成 ${r.for}，`));
    }
    // no names on the screen: only totals
    const body = (await screen.locator('.vt-screen').textContent()) ?? '';
    for (const m of s.members) assert.ok(!body.includes(m.name), `${m.name} is not on the screen`);
    await screen.waitForTimeout(800);
    await screen.screenshot({ path: shotPath('voting-screen') });

    for (const ctx of contexts) await ctx.close();
    assert.deepEqual(errors, []);
  });
});
