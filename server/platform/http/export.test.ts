/**
 * The streaming export helper on a bare Fastify app (no database): CSV with BOM, CRLF, quoting
 * and the formula-injection guard; xlsx readable by exceljs with the same cells; a refusal
 * raised by the first page is an ordinary JSON 4xx; a client that goes away stops the producer;
 * the export query is the list's own schema (strict, refinements kept) plus `format`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request as httpRequest } from 'node:http';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { platformErrors } from '../errors.ts';
import { errorHandler } from './error-handler.ts';
import { contentDisposition, csvCell, exportDay, exportFilename, exportQueryOf, exportTime, pageThrough, safeText, sendExport, sheetBacklog, yesNo, type ExportColumn } from './export.ts';
import { pageQuery } from './pagination.ts';
import { parseCsv } from './export.testing.ts';

interface Row { n: number; title: string; note: string | null; ok: boolean }

const columns: ExportColumn<Row>[] = [
  { header: '序号', value: (r) => r.n },
  { header: '标题', width: 30, value: (r) => r.title },
  { header: '备注', value: (r) => r.note },
  { header: '是否', value: (r) => yesNo(r.ok) },
];

const listQuery = z.strictObject({
  q: z.string().max(20).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  ...pageQuery,
}).superRefine((v, ctx) => {
  if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['from'], message: '开始日期晚于结束日期' });
});

const tricky: Row[] = [
  { n: 1, title: '=HYPERLINK("http://evil","点我")', note: '+86 138', ok: true },
  { n: 2, title: '-1+2', note: '@SUM(A1)', ok: false },
  { n: 3, title: '含,逗号与"引号"', note: '第一行\r\n第二行', ok: true },
  { n: 4, title: '\t制表符开头', note: null, ok: true },
  { n: 5, title: '正常标题 马家河街道', note: '', ok: false },
];

/** Rows 1..total in pages of `size`; counts the pages read so a test can see the producer stop. */
function source(total: number, size = 100) {
  const stats = { pages: 0 };
  const rows = pageThrough<Row>(async (cursor) => {
    stats.pages++;
    const start = cursor ? Number(cursor) : 0;
    const items: Row[] = [];
    for (let i = start; i < Math.min(total, start + size); i++) items.push({ n: i + 1, title: `第${i + 1}件 关于小区路灯不亮的诉求，已转交承办部门处理`, note: null, ok: i % 2 === 0 });
    const next = start + size < total ? String(start + size) : null;
    return { items, nextCursor: next };
  });
  return { rows, stats };
}

let app: FastifyInstance;
let base: string;
let lastStats: { pages: number } = { pages: 0 };

before(async () => {
  app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/tricky/export', { schema: { querystring: exportQueryOf(listQuery) } }, async (req, reply) => {
    async function* rows() {
      yield* tricky;
    }
    return sendExport(reply, { format: req.query.format, filename: exportFilename('测试列表', new Date('2026-11-20T17:00:00Z')), columns, rows: rows() });
  });
  r.get('/many/export', { schema: { querystring: z.strictObject({ n: z.coerce.number(), ...exportQuery() }) } }, async (req, reply) => {
    const s = source(req.query.n);
    lastStats = s.stats;
    return sendExport(reply, { format: req.query.format, filename: '大量', columns, rows: s.rows });
  });
  r.get('/refused/export', { schema: { querystring: z.strictObject(exportQuery()) } }, async (req, reply) => {
    const rows = pageThrough<Row>(async () => {
      throw platformErrors.NOT_FOUND('联络站不存在', { field: 'query.stationId' });
    });
    return sendExport(reply, { format: req.query.format, filename: 'x', columns, rows });
  });
  r.get('/empty/export', { schema: { querystring: z.strictObject(exportQuery()) } }, async (req, reply) =>
    sendExport(reply, { format: req.query.format, filename: '空列表', columns, rows: pageThrough<Row>(async () => ({ items: [], nextCursor: null })) }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
after(() => app.close());

function exportQuery() {
  return { format: z.enum(['xlsx', 'csv']).default('xlsx') };
}

async function xlsxRows(buf: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    out.push(values.slice(1));
  });
  return out;
}

describe('export helper', () => {
  test('CSV: UTF-8 BOM, Chinese headers, CRLF, quoting, formula cells prefixed with an apostrophe', async () => {
    const res = await fetch(`${base}/tricky/export?format=csv`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const disp = res.headers.get('content-disposition') ?? '';
    assert.match(disp, /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    assert.equal(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disp)![1]!), '测试列表-2026-11-21.csv', 'named after the Shanghai day');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
    const text = bytes.toString('utf8').slice(1);
    assert.ok(text.startsWith('序号,标题,备注,是否\r\n'));
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], ['序号', '标题', '备注', '是否']);
    assert.deepEqual(rows.slice(1), [
      ['1', `'=HYPERLINK("http://evil","点我")`, `'+86 138`, '是'],
      ['2', `'-1+2`, `'@SUM(A1)`, '否'],
      ['3', '含,逗号与"引号"', '第一行\r\n第二行', '是'],
      ['4', `'\t制表符开头`, '', '是'],
      ['5', '正常标题 马家河街道', '', '否'],
    ]);
  });

  test('xlsx: the same cells, header row first, formulas neutralised, numbers stay numbers', async () => {
    const res = await fetch(`${base}/tricky/export?format=xlsx`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(res.headers.get('content-disposition') ?? '', /filename\*=UTF-8''%E6%B5%8B%E8%AF%95%E5%88%97%E8%A1%A8-2026-11-21\.xlsx/);
    const rows = await xlsxRows(Buffer.from(await res.arrayBuffer()));
    assert.deepEqual(rows[0], ['序号', '标题', '备注', '是否']);
    assert.equal(rows.length, 1 + tricky.length);
    assert.deepEqual(rows[1], [1, `'=HYPERLINK("http://evil","点我")`, `'+86 138`, '是']);
    assert.deepEqual(rows[2], [2, `'-1+2`, `'@SUM(A1)`, '否']);
    assert.match(String(rows[3]![2]), /^第一行\r?\n第二行$/);
    for (const r of rows) for (const v of r) assert.ok(typeof v !== 'object' || v === null || v === undefined, 'no formula objects in any cell');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (await fetch(`${base}/tricky/export?format=xlsx`)).arrayBuffer()) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.name, '数据');
    assert.equal(ws.getRow(1).getCell(1).font?.bold, true, 'the header row is bold');
    assert.notEqual(ws.getRow(2).getCell(2).font?.bold, true, 'data rows are not');
    assert.equal(ws.views[0]?.state, 'frozen', 'the header row stays in view');
    assert.equal(ws.getColumn(2).width, 30);
  });

  test('the default format is xlsx; a bad format, an unknown key and the list refinement are 400 naming the field', async () => {
    assert.match((await fetch(`${base}/tricky/export`)).headers.get('content-type') ?? '', /spreadsheetml/);
    const bad = await fetch(`${base}/tricky/export?format=pdf`);
    assert.equal(bad.status, 400);
    const body = (await bad.json()) as { error: { code: string; field: string; message: string } };
    assert.equal(body.error.field, 'query.format');
    assert.match(body.error.message, /xlsx|csv/);
    const limit = await fetch(`${base}/tricky/export?format=csv&limit=10`);
    assert.equal(limit.status, 400, 'paging is not an export filter');
    assert.equal(((await limit.json()) as { error: { field: string } }).error.field, 'query.limit');
    const reversed = await fetch(`${base}/tricky/export?format=csv&from=2026-12-01&to=2026-11-01`);
    assert.equal(reversed.status, 400);
    assert.equal(((await reversed.json()) as { error: { field: string } }).error.field, 'query.from');
    const long = await fetch(`${base}/tricky/export?format=csv&q=${'长'.repeat(21)}`);
    assert.equal(long.status, 400);
    assert.equal(((await long.json()) as { error: { field: string } }).error.field, 'query.q');
  });

  test('a refusal from the first page is a JSON 4xx, not a broken download', async () => {
    for (const format of ['csv', 'xlsx']) {
      const res = await fetch(`${base}/refused/export?format=${format}`);
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(res.headers.get('content-disposition'), null);
      const body = (await res.json()) as { error: { code: string; field: string } };
      assert.equal(body.error.code, 'NOT_FOUND');
      assert.equal(body.error.field, 'query.stationId');
    }
  });

  test('an empty list is a file with the header row only', async () => {
    const csv = await fetch(`${base}/empty/export?format=csv`);
    assert.equal(Buffer.from(await csv.arrayBuffer()).toString('utf8'), '\uFEFF序号,标题,备注,是否\r\n');
    const rows = await xlsxRows(Buffer.from(await (await fetch(`${base}/empty/export?format=xlsx`)).arrayBuffer()));
    assert.deepEqual(rows, [['序号', '标题', '备注', '是否']]);
  });

  test('many pages stream through whole: every row once, in order, in both formats', async () => {
    const csv = parseCsv(Buffer.from(await (await fetch(`${base}/many/export?format=csv&n=12000`)).arrayBuffer()).toString('utf8').slice(1));
    assert.equal(csv.length, 12_001);
    assert.deepEqual(csv.slice(1).map((r) => Number(r[0])), Array.from({ length: 12_000 }, (_, i) => i + 1));
    assert.equal(lastStats.pages, 120);
    const xlsx = await xlsxRows(Buffer.from(await (await fetch(`${base}/many/export?format=xlsx&n=12000`)).arrayBuffer()));
    assert.equal(xlsx.length, 12_001);
    assert.equal(xlsx[12_000]![0], 12_000);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    test(`${format}: a client that goes away stops the producer (no more pages read)`, async () => {
      const total = 2_000_000;
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(`${base}/many/export?format=${format}&n=${total}`, (res) => {
          let got = 0;
          res.on('data', (c: Buffer) => {
            got += c.length;
            if (got > 200_000) req.destroy();
          });
          res.on('error', () => undefined);
          res.on('close', () => resolve());
        });
        req.on('error', (e) => (e.message.includes('socket hang up') || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
        req.end();
      });
      await new Promise((r) => setTimeout(r, 300));
      const pagesAtStop = lastStats.pages;
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(lastStats.pages, pagesAtStop, 'no page read after the client left');
      assert.ok(pagesAtStop < total / 100 / 10, `stopped early (${pagesAtStop} pages of ${total / 100})`);
    });
  }
});

describe('export pieces', () => {
  test('exportQueryOf: the list filters without paging, plus format; strict; refinements kept', () => {
    const q = exportQueryOf(listQuery);
    assert.deepEqual(Object.keys(q.shape).sort(), ['format', 'from', 'q', 'to']);
    assert.deepEqual(q.parse({ q: '路灯' }), { q: '路灯', format: 'xlsx' });
    assert.equal(q.safeParse({ cursor: 'x' }).success, false);
    const rev = q.safeParse({ from: '2026-12-01', to: '2026-11-01', format: 'csv' });
    assert.equal(rev.success, false);
    assert.deepEqual(rev.error?.issues[0]?.path, ['from']);
  });

  test('safeText, csvCell, contentDisposition, dates', () => {
    for (const s of ['=1+1', '+1', '-1', '@x', '\tx', '\rx']) assert.equal(safeText(s), `'${s}`);
    assert.equal(safeText('正常'), '正常');
    assert.equal(safeText('1-2'), '1-2');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(12.5), '12.5');
    assert.equal(csvCell(-3), '-3', 'numbers are not text formulas');
    assert.equal(csvCell('a"b'), '"a""b"');
    assert.equal(csvCell('=a,b'), `"'=a,b"`);
    assert.equal(contentDisposition('诉求列表-2026-11-21.csv'), `attachment; filename="____-2026-11-21.csv"; filename*=UTF-8''${encodeURIComponent('诉求列表-2026-11-21.csv')}`);
    assert.equal(exportTime('2026-11-20T16:05:00.000Z'), '2026-11-21 00:05');
    assert.equal(exportTime(null), '');
    assert.equal(exportDay('2026-11-20T16:05:00.000Z'), '2026-11-21');
    assert.equal(exportFilename('诉求列表', new Date('2026-11-20T15:59:59Z')), '诉求列表-2026-11-20');
    assert.equal(yesNo(true), '是');
    assert.equal(yesNo(undefined), '');
  });

  test("sheetBacklog still finds exceljs' zip entry stream (the xlsx backpressure depends on it)", async () => {
    const sink = new PassThrough();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('x');
    for (let i = 0; i < 20_000; i++) ws.addRow([i, `第${i}件 关于小区路灯不亮的诉求`]).commit();
    // Nothing consumed the archive yet: the rows wait in the entry stream.
    assert.ok(sheetBacklog(ws) > 100_000, `backlog ${sheetBacklog(ws)}`);
    sink.resume();
    ws.commit();
    await wb.commit();
    assert.equal(sheetBacklog(ws), 0);
  });

  test('pageThrough follows the cursors until null', async () => {
    const seen: (string | undefined)[] = [];
    const rows = pageThrough<number>(async (c) => {
      seen.push(c);
      return c === undefined ? { items: [1, 2], nextCursor: 'a' } : c === 'a' ? { items: [], nextCursor: 'b' } : { items: [3], nextCursor: null };
    });
    const out: number[] = [];
    for await (const r of rows) out.push(r);
    assert.deepEqual(out, [1, 2, 3]);
    assert.deepEqual(seen, [undefined, 'a', 'b']);
  });
});
