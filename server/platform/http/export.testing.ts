/**
 * Reading export files back in tests: CSV (RFC 4180, with the BOM checked) and xlsx (exceljs),
 * both as rows of strings, so a test compares an export with what the list returned page by page.
 */
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; rows end with CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const asText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** An xlsx file's first sheet as rows of strings (empty cells ''), every row as wide as the header. */
export async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  assert.ok(ws, 'the workbook has a sheet');
  const width = ws.getRow(1).cellCount;
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    out.push(Array.from({ length: width }, (_, i) => asText(row.getCell(i + 1).value)));
  });
  return out;
}

export interface ExportFile {
  format: 'csv' | 'xlsx';
  filename: string;
  header: string[];
  rows: string[][];
}

/** A 200 export response read back: checks type, attachment name and (CSV) the BOM. */
export async function readExport(res: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer; body: string }): Promise<ExportFile> {
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  const type = String(res.headers['content-type']);
  const disposition = String(res.headers['content-disposition']);
  const star = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  assert.ok(star, `attachment with a UTF-8 name: ${disposition}`);
  const filename = decodeURIComponent(star[1]!);
  if (type.startsWith('text/csv')) {
    assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with the UTF-8 BOM');
    const all = parseCsv(res.rawPayload.subarray(3).toString('utf8'));
    return { format: 'csv', filename, header: all[0] ?? [], rows: all.slice(1) };
  }
  assert.match(type, /spreadsheetml/);
  const all = await xlsxRows(res.rawPayload);
  return { format: 'xlsx', filename, header: all[0] ?? [], rows: all.slice(1) };
}

type Requester = (url: string) => Promise<{ statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer; body: string }>;

/** Every item of a list endpoint as the console pages through it (limit 100; unpaged lists in one go). */
export async function listAll<T>(get: Requester, path: string, query: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  const sep = query ? `&${query}` : '';
  for (let page = 0; page < 1000; page++) {
    const res = await get(`${path}?limit=100${sep}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const body = JSON.parse(res.body) as { items: T[]; nextCursor?: string | null };
    items.push(...body.items);
    cursor = body.nextCursor ?? null;
    if (!cursor) return items;
  }
  throw new Error('list does not end');
}

/**
 * The export of `path` with `query` holds exactly the list's rows in the list's order, in both
 * formats: `cells(item)` gives the cells a reader checks, by header.
 */
export async function expectExportMatchesList<T>(opts: {
  get: Requester; path: string; query?: string; paged?: boolean; header: string[]; cells: (item: T) => Record<string, string>; label?: string;
}): Promise<T[]> {
  const query = opts.query ?? '';
  const items = opts.paged === false
    ? (JSON.parse((await opts.get(`${opts.path}${query ? `?${query}` : ''}`)).body) as { items: T[] }).items
    : await listAll<T>(opts.get, opts.path, query);
  for (const format of ['csv', 'xlsx'] as const) {
    const label = `${opts.label ?? opts.path} ${format}`;
    const file = await readExport(await opts.get(`${opts.path}/export?format=${format}${query ? `&${query}` : ''}`));
    assert.deepEqual(file.header, opts.header, `${label}: headers`);
    assert.equal(file.rows.length, items.length, `${label}: as many rows as the list`);
    for (const [i, item] of items.entries()) {
      const row = Object.fromEntries(file.header.map((h, k) => [h, file.rows[i]![k]]));
      for (const [h, v] of Object.entries(opts.cells(item))) assert.equal(row[h], v, `${label} row ${i} ${h}`);
    }
  }
  return items;
}
