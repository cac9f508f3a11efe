import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * Streams a list as Excel (.xlsx) or CSV: rows are written as they come from the database
 * page by page, so a million rows never sit in memory (exceljs' streaming WorkbookWriter, no
 * shared strings). The first row is fetched before any header is sent: a bad filter or a
 * station outside the caller's jurisdiction is still an ordinary 400/404.
 */
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const exportFormatQuery = { format: z.enum(EXPORT_FORMATS).default('xlsx') };

export type Cell = string | number | boolean | null | undefined;
export interface ExportColumn<T> {
  header: string;
  /** Excel column width in characters. */
  width?: number;
  value(row: T): Cell;
}

export interface ExportSpec<T> {
  format: ExportFormat;
  /** Base of the file name without extension, in Chinese if you like: `诉求列表-2026-11-21`. */
  filename: string;
  sheetName?: string;
  columns: readonly ExportColumn<T>[];
  rows: AsyncIterable<T>;
}

/** Pages through a keyset-paginated list (`{ items, nextCursor }`) as one stream of rows. */
export async function* pageThrough<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncGenerator<T> {
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with ' (CSV injection). */
export function safeText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? safeText(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function xlsxCell(v: Cell): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? safeText(v) : v;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function writeWithBackpressure(out: PassThrough, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export async function sendExport<T>(reply: FastifyReply, spec: ExportSpec<T>): Promise<FastifyReply> {
  const it = spec.rows[Symbol.asyncIterator]();
  // Errors in the filters surface here, before the response starts.
  const first = await it.next();
  const out = new PassThrough({ highWaterMark: 1 << 16 });
  const file = `${spec.filename}.${spec.format}`;
  reply
    .header('content-type', spec.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', contentDisposition(file))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff');
  const produce = spec.format === 'csv' ? writeCsv(out, spec.columns, first, it) : writeXlsx(out, spec, first, it);
  produce.catch((err: unknown) => {
    reply.log.error({ err }, '导出中断 (export failed mid-stream)');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply.send(out);
}

async function writeCsv<T>(out: PassThrough, columns: readonly ExportColumn<T>[], first: IteratorResult<T>, it: AsyncIterator<T>): Promise<void> {
  // The BOM makes Excel read the file as UTF-8 (Chinese would otherwise be mojibake).
  await writeWithBackpressure(out, '\uFEFF' + columns.map((c) => csvCell(c.header)).join(',') + '\r\n');
  let buf = '';
  for (let r = first; !r.done; r = await it.next()) {
    buf += columns.map((c) => csvCell(c.value(r.value))).join(',') + '\r\n';
    if (buf.length > 32_768) {
      await writeWithBackpressure(out, buf);
      buf = '';
    }
  }
  if (buf) await writeWithBackpressure(out, buf);
  out.end();
}

async function writeXlsx<T>(out: PassThrough, spec: ExportSpec<T>, first: IteratorResult<T>, it: AsyncIterator<T>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(spec.sheetName ?? '数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for (let r = first; !r.done; r = await it.next()) {
    ws.addRow(spec.columns.map((c) => xlsxCell(c.value(r.value)))).commit();
    // exceljs does not wait for the socket: hold the producer while the client is behind.
    if (++n % 500 === 0 && out.writableNeedDrain) await once(out, 'drain');
  }
  ws.commit();
  await wb.commit();
}
