/// <reference lib="dom" />
/**
 * A livelihood project after the vote, in the console and on the public site: the district office
 * gives a passed project of the demo two new milestones in date order (a third dated before the
 * previous one is refused, the server's message on the date field); the responsible department
 * reports progress with a note and uploads evidence; the public page shows the milestones and the
 * new progress. A deputy scores a project in the open year-end evaluation round.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { EvaluationRound, ProjectDetail, ProjectSummary } from '../../shared/projects.ts';
import { launchChromium, openDialog, type RunningServer, shotPath, signedIn, startServer } from './support.ts';

const NOW = '2026-11-21T02:00:00Z';
/** A 2×2 PNG (the server checks the bytes, not the name). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGNYJq0JRAwQCgAbmgOpmr5xjAAAAABJRU5ErkJggg==', 'base64');
// Ant Design puts a space between the two characters of a two-character button label.
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

/** YYYY-MM-DD plus n days. */
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe('a passed project gets milestones and progress, shown on the public page', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  /** API refusals the test provokes on purpose. */
  const expected = new Set<string>();

  before(async () => {
    server = await startServer({ LIANXIN_NOW: NOW });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(user: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
    // the browser's "today" agrees with the server's pinned clock
    const page = await signedIn(browser, server, user, errors, { viewport, now: NOW, expected });
    contexts.push(page.context());
    return page;
  }


  async function api<T>(page: Page, path: string): Promise<T> {
    const res = await page.request.get(`${server.url}/api/v1${path}`);
    assert.equal(res.status(), 200, `GET ${path}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Fills the milestone dialog and saves; the date is typed into the picker. */
  async function fillMilestone(page: Page, modal: Locator, title: string, dueOn: string): Promise<void> {
    await modal.locator('#title').fill(title);
    const date = modal.locator('#dueOn');
    await date.click();
    await date.fill(dueOn);
    await date.press('Enter');
    // Enter normally closes the picker; Escape only if it is still open (pressed with no picker, it would close the dialog)
    const picker = page.locator('.ant-picker-dropdown:visible');
    if (await picker.count()) {
      await page.keyboard.press('Escape');
      await picker.waitFor({ state: 'hidden' });
    }
    await modal.getByRole('button', { name: label('保存') }).click();
  }

  test('the office adds two milestones in order, a date out of order is refused; the department reports progress; the public page shows both', async () => {
    const admin = await signIn('admin');
    const dept = await signIn('dept');

    // A passed project the demo account `dept` (区城管局) is responsible for, not yet complete.
    const me = await api<{ user: { departmentId: string } }>(dept, '/me');
    const { items } = await api<{ items: ProjectSummary[] }>(admin, '/projects?limit=100');
    const project = items.find((p) => (p.status === 'passed' || p.status === 'in_progress') && p.department?.id === me.user.departmentId && p.progress < 90);
    assert.ok(project, 'the demo has a passed project of 区城管局 under way');
    const before = await api<ProjectDetail>(admin, `/projects/${project.id}`);
    const lastDue = before.milestones.reduce((d, m) => (m.dueOn > d ? m.dueOn : d), '2026-11-21');
    const first = { title: '完成项目竣工验收资料整理', dueOn: addDays(lastDue, 20) };
    const second = { title: '项目竣工验收并向代表通报', dueOn: addDays(lastDue, 45) };

    // The office finds it in the list and opens it.
    await admin.goto(`${server.url}/console/projects?q=${encodeURIComponent(project.title)}`);
    const row = admin.locator('tr.ant-table-row', { hasText: project.title }).first();
    await row.waitFor();
    await admin.screenshot({ path: shotPath('projects-list-admin') });
    await row.getByRole('link', { name: project.title }).click();
    await admin.waitForURL(new RegExp(`/console/projects/${project.id}$`));
    await admin.locator('.page-title', { hasText: project.title }).waitFor();

    for (const m of [first, second]) {
      await admin.getByRole('button', { name: /添加节点/ }).click();
      const modal = await openDialog(admin);
      await fillMilestone(admin, modal, m.title, m.dueOn);
      await modal.waitFor({ state: 'hidden', timeout: 15_000 });
      await admin.locator('.prj-ms', { hasText: m.title }).getByText(`计划 ${m.dueOn}`).waitFor();
    }

    // A third dated before the second: the server refuses it and says so on the date field.
    expected.add(`400 POST /api/v1/projects/${project.id}/milestones`);
    await admin.getByRole('button', { name: /添加节点/ }).click();
    const modal = await openDialog(admin);
    await fillMilestone(admin, modal, '补充节点（日期早于上一节点）', addDays(second.dueOn, -5));
    const fieldError = modal.locator('.ant-form-item', { has: admin.locator('#dueOn') }).locator('.ant-form-item-explain-error');
    await fieldError.waitFor({ timeout: 15_000 });
    assert.match(await fieldError.innerText(), /顺序|早于/);
    await admin.screenshot({ path: shotPath('projects-milestone-refused') });
    await modal.getByRole('button', { name: label('取消') }).click();
    await modal.waitFor({ state: 'hidden' });
    assert.equal(await admin.locator('.prj-ms', { hasText: '补充节点' }).count(), 0, 'nothing was added');
    const afterAdmin = await api<ProjectDetail>(admin, `/projects/${project.id}`);
    assert.deepEqual(
      afterAdmin.milestones.slice(-2).map((m) => [m.title, m.dueOn]),
      [[first.title, first.dueOn], [second.title, second.dueOn]],
      'the two new milestones come last, in order',
    );
    assert.equal(afterAdmin.milestones.length, before.milestones.length + 2);
    await admin.screenshot({ path: shotPath('projects-detail-admin'), fullPage: true });

    // The responsible department reports progress with a note.
    const progress = Math.min(99, afterAdmin.progress + 7);
    const note = `施工单位已完成主体工程，进入验收准备（${progress}%）`;
    await dept.goto(`${server.url}/console/projects`);
    await dept.getByText('我单位的项目').waitFor();
    await dept.locator('tr.ant-table-row', { hasText: project.title }).first().getByRole('link', { name: project.title }).click();
    await dept.waitForURL(new RegExp(`/console/projects/${project.id}$`));
    await dept.getByRole('button', { name: /报告进度/ }).first().click();
    const report = await openDialog(dept);
    const number = report.getByRole('spinbutton', { name: '完成进度（百分比）' });
    await number.fill(String(progress));
    await report.locator('#note').fill(note);
    await dept.screenshot({ path: shotPath('projects-progress-dialog') });
    await report.getByRole('button', { name: label('提交') }).click();
    await report.waitFor({ state: 'hidden', timeout: 15_000 });
    await dept.locator('.prj-update', { hasText: note }).waitFor();
    await dept.locator('.prj-progress-big', { hasText: `${progress}%` }).waitFor();

    // …and uploads a photo as evidence of the first new milestone.
    const milestone = dept.locator('.prj-ms', { hasText: first.title });
    await milestone.locator('input[type="file"]').setInputFiles({ name: '验收资料.png', mimeType: 'image/png', buffer: PNG });
    await milestone.locator('.attachment-link', { hasText: '验收资料.png' }).waitFor({ timeout: 15_000 });
    await dept.screenshot({ path: shotPath('projects-detail-dept'), fullPage: true });
    const afterDept = await api<ProjectDetail>(dept, `/projects/${project.id}`);
    assert.equal(afterDept.progress, progress);
    assert.equal(afterDept.status, 'in_progress');
    assert.deepEqual(afterDept.milestones.find((m) => m.title === first.title)?.files.map((f) => f.filename), ['验收资料.png']);

    // The public page (server-rendered, no JavaScript needed) shows the milestones and the new progress.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', javaScriptEnabled: false, isMobile: true });
    contexts.push(phone);
    const pub = await phone.newPage();
    const res = await pub.goto(`${server.url}/projects/${project.id}`);
    assert.equal(res?.status(), 200);
    const text = await pub.locator('body').innerText();
    for (const m of [first, second]) {
      assert.ok(text.includes(m.title), `the public page lists the milestone ${m.title}`);
    }
    assert.ok(text.includes(note), 'the public page shows the progress note');
    assert.ok(text.includes(`${progress}%`), 'the public page shows the new progress');
    await pub.screenshot({ path: shotPath('projects-public-phone'), fullPage: true });
  });

  test('a deputy scores a project in the open evaluation round; the sheet becomes read-only', async () => {
    const deputy = await signIn('deputy');
    const { items } = await api<{ items: EvaluationRound[] }>(deputy, '/evaluation-rounds');
    const round = items.find((r) => r.status === 'open');
    assert.ok(round, 'the demo has an open evaluation round');
    const target = round.projects.find((p) => !p.myScore);
    assert.ok(target, 'the demo deputy has a project still to score');

    await deputy.goto(`${server.url}/console/project-evaluation`);
    await deputy.locator('tr.ant-table-row', { hasText: round.title }).getByRole('link', { name: round.title }).click();
    await deputy.waitForURL(new RegExp(`/console/project-evaluation/${round.id}$`));
    const row = deputy.locator('.prj-sheet tr.ant-table-row', { hasText: target.title });
    const scores = [90, 80, 70, 60];
    for (const [i, c] of round.criteria.entries()) await row.getByRole('spinbutton', { name: `${target.title} · ${c.label}` }).fill(String(scores[i % scores.length]));
    const expectedTotal = round.criteria.reduce((sum, c, i) => sum + (scores[i % scores.length]! * c.weight) / 100, 0);
    await row.locator('.prj-total', { hasText: expectedTotal.toFixed(1) }).waitFor();
    await row.getByRole('textbox').fill('进度总体符合计划，群众比较满意');
    await row.getByRole('button', { name: /提\s*交/ }).click();
    await deputy.locator('.ant-popconfirm:visible').getByRole('button', { name: label('提交') }).click();
    await row.getByText('已提交').waitFor({ timeout: 15_000 });
    assert.equal(await row.getByRole('spinbutton').count(), 0, 'a submitted sheet is read-only');
    await deputy.screenshot({ path: shotPath('projects-evaluation-deputy'), fullPage: true });
    const after = await api<EvaluationRound>(deputy, `/evaluation-rounds/${round.id}`);
    assert.deepEqual(
      after.projects.find((p) => p.id === target.id)?.myScore,
      Object.fromEntries(round.criteria.map((c, i) => [c.key, scores[i % scores.length]])),
    );
  });

  test('no errors in the browser console', () => {
    assert.deepEqual(errors, []);
  });
});
