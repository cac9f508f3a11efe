import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { systemContext } from '../../../platform/context.ts';
import { createTestApp, DEMO_PASSWORD, type Session, type TestApp } from '../../../testing/harness.ts';
import { insertUser } from '../users/users.service.ts';
import { cellText, checkRows, COLUMNS, dupKey, XLSX_MIME, type ColumnKey, type ImportContext, type RawRow } from './deputy-import.ts';

const HEADERS = COLUMNS.map((c) => c.header);
const S1 = '嵩山路街道人大代表联络站';
const ROOM = '新马社区代表工作室';

/** An .xlsx in memory: a header row (the template's unless given) and the rows as given (exceljs cell values). */
async function workbook(rows: ExcelJS.CellValue[][], opts: { header?: string[] | null; sheet?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? 'Sheet1');
  if (opts.header !== null) ws.addRow(opts.header ?? HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body as a browser would send it, via the platform's FormData. */
async function multipart(bytes: Buffer, fileName = '代表花名册.xlsx', field = 'file', type = XLSX_MIME) {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), fileName);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

interface PreviewBody {
  batchId: string;
  fileName: string;
  rows: Array<{ row: number; data: Record<string, unknown>; errors: Array<{ field: string; message: string }> }>;
  validCount: number;
  errorCount: number;
  expiresAt: string;
}

describe('deputies roster import (Excel)', () => {
  let t: TestApp;
  let admin: Session;
  let station: Session;

  const preview = async (s: Session, bytes: Buffer, fileName?: string) =>
    t.as(s, { method: 'POST', url: '/api/v1/deputies/import/preview', ...(await multipart(bytes, fileName)) });
  const commit = (s: Session, batchId: string) => t.as(s, { method: 'POST', url: `/api/v1/deputies/import/${batchId}/commit` });
  const countDeputies = async () => Number((await t.deps.db.selectFrom('deputies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const expectInvalidFile = async (bytes: Buffer, message: RegExp, fileName?: string) => {
    const res = await preview(admin, bytes, fileName);
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, 'IMPORT_FILE_INVALID');
    assert.match(res.json().error.message, message);
  };

  before(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    station = await t.login('station');
  });
  after(() => t.close());

  test('5 good rows and 1 bad: preview shows only the bad row\'s error and writes nothing; commit imports the 5 with their stations', async () => {
    const before = await countDeputies();
    const bytes = await workbook([
      // cells as exceljs returns them from real files: numbers, rich text, hyperlinks, formulas
      ['欧阳明', '男', '区人大代表', '株洲某机械有限公司总经理', '嵩山路街道第1选区', 430211001, '第十八届', 2021, 2026, '企业经营、法律', 13800138000, S1],
      [{ richText: [{ text: '司马' }, { text: '红', font: { bold: true } }] }, '女', 'county', '天元区第一中学教师', '泰山路街道第2选区', '430211002', '第十八届', '2021年', { formula: 'H3+5', result: 2026 }, '教育', { text: '0731-22830001', hyperlink: 'tel:0731-22830001' }, ''],
      ['诸葛亮', '', '乡镇人大代表', '群丰镇某村党支部书记', '', 430211101, '', '', '', '', '', `${S1}、${ROOM}`],
      ['上官燕', '女', '市人大代表', '  律师事务所\n主任律师 ', '', { formula: 'TEXT(430211003,"0")', result: '430211003' }, '', 2022, 2027, '法律，调解', '', ROOM],
      ['慕容雪', '女', '议政代表', '', '', 430211004, '', '', '', '', '', ''],
      ['错区划', '男', '区人大代表', '', '', 430211999, '', '', '', '', '', ''],
    ]);

    const res = await preview(admin, bytes, '天元区代表花名册.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as PreviewBody;
    assert.equal(body.fileName, '天元区代表花名册.xlsx');
    assert.equal(body.validCount, 5);
    assert.equal(body.errorCount, 1);
    assert.equal(Date.parse(body.expiresAt) - t.clock.now().getTime(), 30 * 60_000);
    assert.deepEqual(body.rows.map((r) => r.row), [2, 3, 4, 5, 6, 7]);
    for (const r of body.rows.slice(0, 5)) assert.deepEqual(r.errors, [], `row ${r.row}`);
    assert.deepEqual(body.rows[5]!.errors, [{ field: '行政区划代码', message: '行政区划代码 430211999 不存在' }]);
    assert.deepEqual(body.rows[0]!.data, {
      name: '欧阳明', gender: 'male', level: 'county', occupation: '株洲某机械有限公司总经理', constituency: '嵩山路街道第1选区', regionCode: '430211001',
      term: '第十八届', termStart: 2021, termEnd: 2026, expertise: ['企业经营', '法律'], publicPhone: '13800138000', stationNames: [S1],
    });
    assert.equal(body.rows[1]!.data.name, '司马红');
    assert.equal(body.rows[1]!.data.termEnd, 2026);
    assert.equal(body.rows[1]!.data.publicPhone, '0731-22830001');
    assert.equal(body.rows[3]!.data.occupation, '律师事务所 主任律师');
    assert.equal(body.rows[3]!.data.regionCode, '430211003');
    assert.deepEqual(body.rows[3]!.data.expertise, ['法律', '调解']);
    assert.equal(await countDeputies(), before, 'nothing written at preview');

    const done = await commit(admin, body.batchId);
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json(), { imported: 5, skipped: 1 });
    assert.equal(await countDeputies(), before + 5);

    const list = await t.as(admin, { method: 'GET', url: `/api/v1/deputies?q=${encodeURIComponent('诸葛亮')}` });
    const [zg] = list.json().items;
    assert.equal(zg.level, 'township');
    assert.deepEqual(zg.stations.map((s: { name: string }) => s.name).sort(), [S1, ROOM].sort());
    const oy = (await t.as(admin, { method: 'GET', url: `/api/v1/deputies?q=${encodeURIComponent('欧阳明')}` })).json().items[0];
    assert.deepEqual(oy.stations.map((s: { name: string }) => s.name), [S1]);
    assert.equal(oy.publicPhone, '13800138000');
    assert.deepEqual(oy.expertise, ['企业经营', '法律']);
    const none = await t.as(admin, { method: 'GET', url: `/api/v1/deputies?q=${encodeURIComponent('错区划')}` });
    assert.equal(none.json().items.length, 0);

    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'data', 'entity_id']).where('action', '=', 'deputy.import').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.entity_id, body.batchId);
    assert.deepEqual(JSON.parse(audit[0]!.data), { fileName: '天元区代表花名册.xlsx', rows: 6, imported: 5, skipped: 1, skippedRows: [7] });
    const created = await t.deps.db.selectFrom('audit_log').select('data').where('action', '=', 'deputy.create').execute();
    assert.equal(created.filter((r) => JSON.parse(r.data).source === 'import').length, 5);

    const again = await commit(admin, body.batchId);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'IMPORT_ALREADY_COMMITTED');
    assert.equal(await countDeputies(), before + 5);
  });

  test('per-row errors name the column, in Chinese', async () => {
    const existing = await t.deps.db.selectFrom('deputies').select(['name', 'region_code']).where('active', '=', 1).where('region_code', '=', '430211004').executeTakeFirstOrThrow();
    const bytes = await workbook([
      ['', '男', '区人大代表', '', '', 430211001, '', '', '', '', '', ''],
      ['甲', '男', '镇长', '', '', 430211001, '', '', '', '', '', ''],
      ['乙', '男', '区人大代表', '', '', 110101001, '', '', '', '', '', ''],
      ['丙', '男', '区人大代表', '', '', 430211001, '', '', '', '', '', '不存在的联络站'],
      ['丁', '男', '区人大代表', '', '', 430211001, '', 2026, 2021, '', '', ''],
      ['戊', '男', '区人大代表', '很'.repeat(101), '', 430211001, '', '', '', '', '', ''],
      ['己', '男', '区人大代表', '', '', 430211002, '', '', '', '', '', ''],
      ['己', '女', '区人大代表', '', '', 430211002, '', '', '', '', '', ''],
      [existing.name, '', '区人大代表', '', '', existing.region_code, '', '', '', '', '', ''],
      ['庚', '未知', '区人大代表', '', '', 430211001, '', '二〇二一', '', '', '12', ''],
      ['辛', '', '区人大代表', '', '', { error: '#N/A' }, '', '', '', '', '', ''],
    ]);
    const res = await preview(admin, bytes);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as PreviewBody;
    assert.equal(body.validCount, 1);
    assert.equal(body.errorCount, 10);
    const errs = (row: number) => body.rows.find((r) => r.row === row)!.errors;
    assert.deepEqual(errs(2), [{ field: '姓名', message: '姓名不能为空' }]);
    assert.equal(errs(3)[0]!.field, '代表层级');
    assert.match(errs(3)[0]!.message, /代表层级“镇长”不正确，应为：全国人大代表、省人大代表、市人大代表、区人大代表、乡镇人大代表、议政代表/);
    assert.deepEqual(errs(4), [{ field: '行政区划代码', message: '行政区划 东华门街道（110101001）不在本区范围内' }]);
    assert.equal(errs(5)[0]!.field, '驻站联络站');
    assert.match(errs(5)[0]!.message, /“不存在的联络站”不存在或已停用/);
    assert.deepEqual(errs(6), [{ field: '任期结束年份', message: '任期结束年份 2021 早于开始年份 2026' }]);
    assert.deepEqual(errs(7), [{ field: '工作单位及职务', message: '工作单位及职务：不能超过 100 个字符' }]);
    assert.deepEqual(errs(8), []);
    assert.deepEqual(errs(9), [{ field: '姓名', message: '与第 8 行重复（姓名和行政区划代码相同）' }]);
    assert.equal(errs(10)[0]!.field, '姓名');
    assert.match(errs(10)[0]!.message, /本区已有代表/);
    assert.deepEqual(errs(11).map((e) => e.field), ['性别', '任期开始年份', '公开联系电话']);
    assert.match(errs(12)[0]!.message, /#N\/A/);
  });

  test('rows that became invalid between preview and commit are skipped and counted', async () => {
    const bytes = await workbook([
      ['变化一', '男', '区人大代表', '', '', 430211001, '', '', '', '', '', ''],
      ['变化二', '女', '区人大代表', '', '', 430211002, '', '', '', '', '', ''],
    ]);
    const body = (await preview(admin, bytes)).json() as PreviewBody;
    assert.equal(body.validCount, 2);
    // Meanwhile someone enters 变化一 by hand.
    const form = await t.as(admin, { method: 'POST', url: '/api/v1/deputies', payload: { name: '变化一', level: 'county', regionCode: '430211001' } });
    assert.equal(form.statusCode, 201, form.body);
    const res = await commit(admin, body.batchId);
    assert.deepEqual(res.json(), { imported: 1, skipped: 1 });
    const named = await t.as(admin, { method: 'GET', url: `/api/v1/deputies?q=${encodeURIComponent('变化一')}` });
    assert.equal(named.json().items.length, 1);
  });

  test('two commits of the same batch at once: one imports, the other gets 409', async () => {
    const body = (await preview(admin, await workbook([['并发甲', '', '区人大代表', '', '', 430211001, '', '', '', '', '', '']]))).json() as PreviewBody;
    const before = await countDeputies();
    const both = await Promise.all([commit(admin, body.batchId), commit(admin, body.batchId)]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 409]);
    assert.equal(await countDeputies(), before + 1);
  });

  test('the template downloads with its Chinese name, explains the columns, and re-uploads as a valid file', async () => {
    const res = await t.as(admin, { method: 'GET', url: '/api/v1/deputies/import/template' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], XLSX_MIME);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    assert.ok(String(res.headers['content-disposition']).endsWith(`filename*=UTF-8''${encodeURIComponent('代表花名册模板.xlsx')}`));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['代表花名册', '说明']);
    const header = (wb.getWorksheet('代表花名册')!.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    assert.deepEqual(header, HEADERS);
    const help: string[] = [];
    wb.getWorksheet('说明')!.eachRow((row) => row.eachCell((c) => void help.push(cellText(c.value))));
    for (const expected of ['区人大代表', '议政代表', '430211001', '嵩山路街道', '430211103', S1, ROOM, '任期结束年份']) {
      assert.ok(help.includes(expected) || help.some((h) => h.includes(expected)), `说明 mentions ${expected}`);
    }

    const up = await preview(admin, res.rawPayload, '代表花名册模板.xlsx');
    assert.equal(up.statusCode, 200, up.body);
    const body = up.json() as PreviewBody;
    assert.equal(body.validCount, 1);
    assert.equal(body.errorCount, 0);
    assert.equal(body.rows[0]!.row, 2);
    assert.equal(body.rows[0]!.data.level, 'county');
    assert.equal(body.rows[0]!.data.regionCode, '430211001');
    assert.deepEqual(body.rows[0]!.data.stationNames, [S1]);
  });

  test('a title row above the header, columns in another order, and 12-digit codes or street names are understood', async () => {
    const order = [...HEADERS].reverse();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['天元区人大代表花名册（2026 年）']);
    ws.addRow(order);
    const row = (cells: Partial<Record<string, ExcelJS.CellValue>>) => order.map((h) => cells[h] ?? null);
    ws.addRow(row({ '姓名*': '排序甲', '代表层级*': '省人大代表', '行政区划代码*': '430211001000' }));
    ws.addRow(row({ '姓名*': '排序乙', '代表层级*': 'provincial', '行政区划代码*': '栗雨街道', '任期开始年份': new Date(Date.UTC(2022, 0, 1)) }));
    ws.addRow([...row({}), '备注：以上 2 人']);
    const body = (await preview(admin, Buffer.from(await wb.xlsx.writeBuffer()))).json() as PreviewBody;
    assert.deepEqual(body.rows.map((r) => [r.row, r.data.regionCode, r.errors]), [[3, '430211001', []], [4, '430211003', []]]);
    assert.equal(body.rows[1]!.data.termStart, 2022);
  });

  test('files that are not a readable roster → 400 IMPORT_FILE_INVALID with a clear message', async () => {
    await expectInvalidFile(Buffer.from('姓名,性别\n张三,男\n'), /不是 Excel/, '伪装.xlsx');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await expectInvalidFile(png, /不是 Excel/, 'photo.xlsx');
    await expectInvalidFile(Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex'), /97–2003（\.xls）/, 'old.xls');
    await expectInvalidFile(Buffer.alloc(0), /空的/);
    await expectInvalidFile(await workbook([], { header: null }), /是空的/);
    await expectInvalidFile(await workbook([]), /只有表头/);
    const noPhone = HEADERS.filter((h) => h !== '公开联系电话' && h !== '届次');
    await expectInvalidFile(await workbook([['张三']], { header: noPhone }), /缺少表头列：届次、公开联系电话/);
    const many = Array.from({ length: 2001 }, (_, i) => [`代表${i}`, '', '区人大代表', '', '', 430211001, '', '', '', '', '', '']);
    await expectInvalidFile(await workbook(many), /最多导入 2000 行，本文件有 2001 行/);
  });

  test('uploads without the file field, or not multipart → 400; over 10 MiB → 413', async () => {
    const wrongField = await t.as(admin, { method: 'POST', url: '/api/v1/deputies/import/preview', ...(await multipart(await workbook([]), 'a.xlsx', 'upload')) });
    assert.equal(wrongField.statusCode, 400);
    assert.equal(wrongField.json().error.code, 'IMPORT_FILE_INVALID');
    const json = await t.as(admin, { method: 'POST', url: '/api/v1/deputies/import/preview', payload: { file: 'x' } });
    assert.equal(json.statusCode, 400);
    const big = await t.as(admin, { method: 'POST', url: '/api/v1/deputies/import/preview', ...(await multipart(Buffer.alloc(10 * 1024 * 1024 + 1, 1))) });
    assert.equal(big.statusCode, 413, big.body);
    assert.equal(big.json().error.code, 'PAYLOAD_TOO_LARGE');
  });

  test('only the district office: station staff get 403 on template, preview and commit', async () => {
    const ok = (await preview(admin, await workbook([['权限测', '', '区人大代表', '', '', 430211001, '', '', '', '', '', '']]))).json() as PreviewBody;
    const tpl = await t.as(station, { method: 'GET', url: '/api/v1/deputies/import/template' });
    assert.equal(tpl.statusCode, 403);
    const up = await preview(station, await workbook([['权限测', '', '区人大代表', '', '', 430211001, '', '', '', '', '', '']]));
    assert.equal(up.statusCode, 403);
    assert.equal(up.json().error.code, 'FORBIDDEN');
    const c = await commit(station, ok.batchId);
    assert.equal(c.statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/deputies/import/template' })).statusCode, 401);
  });

  test('a batch of another district, an unknown batch, or an expired one → 404 IMPORT_BATCH_GONE', async () => {
    // An office of another district (荷塘区), with its own upload.
    const ctx = systemContext(t.clock.now());
    await t.deps.db.transaction().execute((trx) =>
      insertUser(trx, ctx, '430202', { username: 'hetang-admin', displayName: '荷塘区人大常委会', password: DEMO_PASSWORD, roles: ['admin'] }),
    );
    const other = await t.login('hetang-admin');
    const theirs = await preview(other, await workbook([['荷塘甲', '', '区人大代表', '', '', 430202001, '', '', '', '', '', '']]));
    assert.equal(theirs.statusCode, 200, theirs.body);
    const theirBody = theirs.json() as PreviewBody;
    assert.equal(theirBody.validCount, 1, JSON.stringify(theirBody.rows[0]!.errors));
    const cross = await commit(admin, theirBody.batchId);
    assert.equal(cross.statusCode, 404);
    assert.equal(cross.json().error.code, 'IMPORT_BATCH_GONE');

    const unknown = await commit(admin, '0192e4a0-0000-7000-8000-000000000000');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'IMPORT_BATCH_GONE');

    const before = await countDeputies();
    const mine = (await preview(admin, await workbook([['过期甲', '', '区人大代表', '', '', 430211001, '', '', '', '', '', '']]))).json() as PreviewBody;
    t.clock.advance(31 * 60_000);
    const late = await commit(admin, mine.batchId);
    assert.equal(late.statusCode, 404);
    assert.equal(late.json().error.code, 'IMPORT_BATCH_GONE');
    assert.equal(await countDeputies(), before);
    // Theirs still works for them (their batch expired too, so a fresh one).
    const fresh = (await preview(other, await workbook([['荷塘乙', '', '区人大代表', '', '', 430202001, '', '', '', '', '', '']]))).json() as PreviewBody;
    assert.deepEqual((await commit(other, fresh.batchId)).json(), { imported: 1, skipped: 0 });
  });

  test('the static import paths are not shadowed by /deputies/:id, and OpenAPI documents them', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    assert.ok(doc.paths['/api/v1/deputies/import/template']?.get);
    const pv = doc.paths['/api/v1/deputies/import/preview']?.post;
    assert.ok(pv?.requestBody?.content?.['multipart/form-data'], JSON.stringify(pv?.requestBody));
    assert.ok(pv.responses['200'].content['application/json'].schema.properties.rows);
    assert.ok(doc.paths['/api/v1/deputies/import/{batchId}/commit']?.post);
    assert.ok(doc.paths['/api/v1/deputies/{id}']?.get);
  });
});

describe('deputy-import: cells and rows without a database', () => {
  test('cellText reads every kind of cell as text', () => {
    assert.equal(cellText(430211001), '430211001');
    assert.equal(cellText(13800138000), '13800138000');
    assert.equal(cellText(0.1 + 0.2), '0.3');
    assert.equal(cellText({ richText: [{ text: '张' }, { text: '三' }] }), '张三');
    assert.equal(cellText({ text: '0731-1', hyperlink: 'tel:0731-1' }), '0731-1');
    assert.equal(cellText({ text: { richText: [{ text: 'a' }] }, hyperlink: 'x' }), 'a');
    assert.equal(cellText({ formula: 'A1', result: 2026 }), '2026');
    assert.equal(cellText({ sharedFormula: 'A1', result: 'x' }), 'x');
    assert.equal(cellText({ formula: 'A1' }), '');
    assert.equal(cellText({ error: '#REF!' }), '#REF!');
    assert.equal(cellText(new Date(Date.UTC(2021, 4, 6))), '2021-05-06');
    assert.equal(cellText(null), '');
    assert.equal(cellText(true), 'TRUE');
  });

  test('checkRows: the same name in another region is no duplicate; stations resolve to ids', () => {
    const ctx: ImportContext = {
      districtCode: '430211',
      regions: new Map([['430211', '天元区'], ['430211001', '嵩山路街道'], ['430211002', '泰山路街道']]),
      outside: new Map(),
      stations: new Map([['甲站', 's1'], ['乙室', 's2']]),
      existing: new Set([dupKey('旧人', '430211001')]),
    };
    const blank = Object.fromEntries(COLUMNS.map((c) => [c.key, ''])) as Record<ColumnKey, string>;
    const raw = (row: number, cells: Partial<Record<ColumnKey, string>>): RawRow => ({ row, cells: { ...blank, ...cells } });
    const out = checkRows([
      raw(2, { name: '同名', level: '区人大代表', regionCode: '430211001', stationNames: '甲站、乙室、甲站' }),
      raw(3, { name: '同名', level: '区人大代表', regionCode: '430211002' }),
      raw(4, { name: '旧人', level: '区人大代表', regionCode: '430211002' }),
    ], ctx);
    assert.deepEqual(out.map((r) => r.errors), [[], [], []]);
    assert.deepEqual(out[0]!.input?.stationIds, ['s1', 's2']);
    assert.equal(out[0]!.input?.level, 'county');
  });
});
