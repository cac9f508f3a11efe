/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, login, shotPath, startServer, type RunningServer } from './support.ts';

const HEADER = ['姓名*', '性别', '代表层级*', '工作单位及职务', '选区', '行政区划代码*', '届次', '任期开始年份', '任期结束年份', '专长（用、分隔）', '公开联系电话', '驻站联络站（用、分隔）'];

async function roster(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('代表花名册');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('district office in the console: edit a station, import a roster', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  before(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(page, server, 'admin');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('admin edits a station: the new opening hours are saved', async () => {
    await page.goto(`${server.url}/console/stations`);
    const row = page.locator('tr.ant-table-row', { hasText: '嵩山路街道人大代表联络站' });
    await row.getByRole('button', { name: '编辑' }).click();
    const field = page.locator('.ant-modal').getByLabel('接待时间');
    await field.fill('工作日 9:00–17:00；每月 5 日代表集中接待');
    await page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').first().waitFor({ timeout: 10_000 });
    const list = await (await page.request.get(`${server.url}/api/v1/stations?q=${encodeURIComponent('嵩山路')}`)).json();
    assert.equal(list.items[0].openingHours, '工作日 9:00–17:00；每月 5 日代表集中接待');
  });

  test('admin imports a roster with one bad row: the row and its error are shown, the good rows are imported', async () => {
    const file = await roster([
      ['欧阳明', '男', '区人大代表', '社区卫生服务站医生', '嵩山路街道第6选区', '430211001', '第十八届', 2021, 2026, '医疗卫生', '', '嵩山路街道人大代表联络站'],
      ['钟晓岚', '女', '乡镇人大代表', '村党支部书记', '三门镇第5选区', '430211103', '第十九届', 2021, 2026, '农业农村、调解', '', '三门镇人大代表联络站'],
      ['错行代表', '男', '村级代表', '', '', '430211001', '', '', '', '', '', ''],
    ]);
    await page.goto(`${server.url}/console/deputies`);
    await page.getByRole('button', { name: '导入花名册' }).click();
    await page.locator('.ant-modal input[type="file"]').setInputFiles({ name: '天元区代表花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    const modal = page.locator('.ant-modal');
    await modal.getByText('错行代表').first().waitFor({ timeout: 15_000 });
    const badRow = modal.locator('tr', { hasText: '错行代表' });
    assert.match(await badRow.innerText(), /层级/);
    await page.screenshot({ path: shotPath('console-roster-preview') });
    await modal.getByRole('button', { name: /确认导入 2 条有效记录/ }).click();
    await modal.getByText('成功导入 2 位代表').waitFor({ timeout: 15_000 });
    const deputies = await (await page.request.get(`${server.url}/api/v1/deputies?q=${encodeURIComponent('欧阳明')}`)).json();
    assert.equal(deputies.items.length, 1);
    assert.deepEqual(deputies.items[0].stations.map((s: { name: string }) => s.name), ['嵩山路街道人大代表联络站']);
    const bad = await (await page.request.get(`${server.url}/api/v1/deputies?q=${encodeURIComponent('错行代表')}`)).json();
    assert.equal(bad.items.length, 0);
  });

  test('the deputies table lists the demo deputies in Chinese', async () => {
    await page.goto(`${server.url}/console/deputies`);
    await page.locator('tr.ant-table-row').first().waitFor();
    assert.ok((await page.locator('tr.ant-table-row').count()) >= 10);
    assert.ok(await page.getByText('区人大代表').first().isVisible());
    await page.screenshot({ path: shotPath('console-deputies'), fullPage: true });
  });
});
