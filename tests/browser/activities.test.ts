/// <reference lib="dom" />
/**
 * 代表活动 in the console: station staff record a 视察 with deputies and a participant, add an
 * outcome that becomes a new case (which then shows in 诉求办理); the host of the demo online
 * roundtable reads its thread and hides a post with a reason; the district office invites someone
 * without an account to an open roundtable and is shown the personal link once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, openDialog, type RunningServer, shotPath, signedIn, startServer } from './support.ts';

// Ant Design puts a space between the two characters of a two-character button label.
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

describe('deputy activities in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(user: string): Promise<Page> {
    const page = await signedIn(browser, server, user, errors, { viewport: { width: 1366, height: 768 } });
    contexts.push(page.context());
    return page;
  }

  /** Opens an Ant Design select and picks the option with this text. */
  async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
    await select.click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    await item.waitFor();
    await item.click();
  }


  async function openActivity(page: Page, title: string): Promise<void> {
    await page.goto(`${server.url}/console/activities?q=${encodeURIComponent(title)}`);
    await page.locator('tr.ant-table-row', { hasText: title }).first().getByRole('link', { name: title }).click();
    await page.waitForURL(/\/console\/activities\/[0-9a-f-]{36}$/);
    await page.locator('.page-title', { hasText: title }).waitFor();
  }

  test('station staff record an inspection with deputies; its outcome becomes a case in 诉求办理', async () => {
    const page = await signIn('station');
    await page.goto(`${server.url}/console/activities`);
    await page.locator('tr.ant-table-row').first().waitFor();
    await page.screenshot({ path: shotPath('activities-list') });
    await page.getByRole('button', { name: /登记活动/ }).click();
    await page.waitForURL(/\/console\/activities\/new$/);

    // 视察 is the default kind; the station is the user's own.
    await page.locator('.ant-form-item', { hasText: '联络站（室）' }).getByText('马家河街道代表联系群众工作站').waitFor();
    await choose(page, page.locator('.ant-form-item', { has: page.locator('#kind') }).locator('.ant-select'), '视察');
    const title = '视察新马社区老旧小区加装电梯进展';
    await page.locator('#title').fill(title);
    await page.getByText('已举行', { exact: true }).click();
    await page.locator('#place').fill('新马社区 3 栋、7 栋');
    await page.locator('#organiser').fill('马家河街道人大工委');
    const deputies = page.locator('.ant-form-item', { has: page.locator('#deputyIds') }).locator('.ant-select');
    await deputies.click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    const picked = [(await options.nth(0).innerText()).trim(), (await options.nth(1).innerText()).trim()];
    await options.nth(0).click();
    await options.nth(1).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /添加参加人/ }).click();
    await choose(page, page.locator('.ant-form-item', { has: page.locator('#participants_0_type') }).locator('.ant-select'), '物业公司');
    await page.locator('#participants_0_name').fill('易志强');
    await page.locator('#participants_0_organisation').fill('某物业服务公司');
    await page.locator('#minutes').fill('3 栋电梯已完成井道施工，7 栋因一楼住户意见未开工。');
    await page.screenshot({ path: shotPath('activities-form'), fullPage: true });
    await page.getByRole('button', { name: label('登记') }).click();
    await page.waitForURL(/\/console\/activities\/[0-9a-f-]{36}$/);
    await page.locator('.page-title', { hasText: title }).waitFor();
    const main = page.locator('main');
    for (const name of picked) await main.getByRole('link', { name, exact: true }).first().waitFor();
    assert.match(await main.innerText(), /易志强/, 'station staff see the participant in full');

    // An outcome that creates a case.
    await page.getByRole('button', { name: /记录成果/ }).click();
    const modal = await openDialog(page);
    const outcome = '7 栋加装电梯：协调一楼住户意见，尽快开工';
    await modal.locator('textarea').first().fill(outcome);
    await modal.getByText('新建诉求', { exact: true }).click();
    await modal.locator('#newCase_title').fill('新马社区 7 栋加装电梯未开工');
    assert.equal(await modal.locator('#newCase_content').inputValue(), outcome, 'the case content starts as the outcome text');
    await choose(page, modal.locator('.ant-form-item', { has: page.locator('#newCase_category') }).locator('.ant-select'), '城乡建设');
    await modal.getByRole('button', { name: label('保存') }).click();
    await modal.waitFor({ state: 'hidden', timeout: 15_000 });
    const code = (await page.locator('.act-outcome .tracking-code').first().innerText()).trim();
    assert.match(code, /^[0-9A-Z]{16}$/);
    await page.screenshot({ path: shotPath('activities-inspection'), fullPage: true });

    // The case is in 诉求办理, and its page opens from the outcome.
    await page.goto(`${server.url}/console/cases?status=open&q=${code}`);
    await page.locator('tr.ant-table-row', { hasText: '7 栋加装电梯' }).first().waitFor();
    await page.goBack();
    await page.locator('.act-outcome').getByRole('link', { name: code }).click();
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
    await page.getByText(code).first().waitFor();
  });

  test('the host reads the demo online roundtable and hides a post with a reason', async () => {
    const page = await signIn('station');
    await openActivity(page, '线上圆桌会：新马社区停车难和电动车充电桩');
    const thread = page.locator('.act-posts');
    await thread.locator('.act-post').first().waitFor();
    // Hosts see every post, the one hidden in the demo with its reason.
    assert.equal(await thread.locator('.act-post').count(), 8);
    await thread.locator('.act-post-hidden', { hasText: '含广告和个人联系方式' }).waitFor();
    await page.locator('.act-closing', { hasText: '经协商' }).waitFor();

    const post = thread.locator('.act-post', { hasText: '园区企业员工很多住在新马社区' });
    await post.getByRole('button', { name: /隐藏/ }).click();
    const modal = await openDialog(page);
    await modal.locator('input').fill('与本次议题无关');
    await modal.getByRole('button', { name: label('隐藏') }).click();
    await modal.waitFor({ state: 'hidden', timeout: 15_000 });
    await thread.locator('.act-post-hidden', { hasText: '与本次议题无关' }).waitFor();
    assert.equal(await thread.locator('.act-post-hidden').count(), 2);
    await page.screenshot({ path: shotPath('activities-roundtable-thread'), fullPage: true });

    // What the API says to someone else: the deputy taking part no longer sees it.
    const deputy = await signIn('deputy');
    const id = page.url().split('/').pop()!;
    const posts = (await (await deputy.request.get(`${server.url}/api/v1/activities/${id}/posts`)).json()) as { items: Array<{ body: string }> };
    assert.ok(!posts.items.some((p) => p.body.includes('园区企业员工很多住在新马社区')), 'a hidden post reaches only hosts and its author');
  });

  test('the office invites someone without an account to an open roundtable and sees the personal link once', async () => {
    const page = await signIn('admin');
    await openActivity(page, '线上圆桌会：栗雨公园健身器材维护和管理');
    await page.locator('.act-post').first().waitFor();

    // The host posts into the open thread.
    await page.locator('.act-post-box textarea').fill('请各位在周五前说明器材损坏情况和报修渠道。');
    await page.locator('.act-post-box').getByRole('button', { name: /发\s*言$/ }).click();
    await page.locator('.act-post', { hasText: '周五前说明器材损坏情况' }).waitFor();

    await page.getByRole('button', { name: /邀请参加/ }).click();
    const modal = await openDialog(page);
    await modal.getByRole('button', { name: /添加参加人/ }).click();
    await modal.locator('#invitees_0_name').fill('谭建国');
    await modal.locator('#invitees_0_organisation').fill('栗雨公园管理处');
    await modal.getByRole('button', { name: /发送邀请/ }).click();

    const links = page.locator('.act-links-modal');
    await links.waitFor();
    await links.getByText('这些链接只显示这一次').waitFor();
    const url = await links.locator('input').first().inputValue();
    assert.match(url, /\/roundtables\/[A-Za-z0-9_-]{20,}$/);
    await links.getByRole('button', { name: /复\s*制$/ }).first().click();
    await page.screenshot({ path: shotPath('activities-roundtable-link') });
    await links.getByRole('button', { name: /我已复制保存/ }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: label('确定') }).click();
    await links.waitFor({ state: 'hidden' });
    await page.locator('.ant-table-row', { hasText: '谭建国' }).waitFor();
    assert.ok(!(await page.locator('main').innerText()).includes(url), 'the link is not shown again');

    // The link works on the portal, as the invitee.
    const res = await fetch(`${server.url}/api/v1/public/roundtables/${url.split('/').pop()}`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { me: { name: string } }).me.name, '谭建国');
  });

  test('no errors in the browser console', () => {
    assert.deepEqual(errors, []);
  });
});
