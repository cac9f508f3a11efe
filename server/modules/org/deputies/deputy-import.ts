/**
 * The deputies roster in Excel: reading an uploaded .xlsx into rows of cell texts, and
 * validating those rows against the district (regions, stations, deputies already on
 * record). Reading and validating are pure given an `ImportContext`; the service loads
 * the context from the database, both at preview and again at commit.
 */
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../../platform/http/excel.ts';
import { DEPUTY_LEVEL_LABELS, DEPUTY_LEVELS, GENDER_LABELS, GENDERS, type DeputyLevel, type Gender } from '../../../../shared/org.ts';
import { orgErrors } from '../org.errors.ts';
import { createDeputyBody, type CreateDeputyInput } from './deputies.schemas.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_ROWS = 2000;
/** Unpacked size a roster may have; a 10 MiB upload that inflates past this is not a roster. */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
export const ROSTER_SHEET = '代表花名册';
export const HELP_SHEET = '说明';

export const COLUMNS = [
  { key: 'name', label: '姓名', header: '姓名*', required: true, width: 12 },
  { key: 'gender', label: '性别', header: '性别', required: false, width: 8 },
  { key: 'level', label: '代表层级', header: '代表层级*', required: true, width: 16 },
  { key: 'occupation', label: '工作单位及职务', header: '工作单位及职务', required: false, width: 30 },
  { key: 'constituency', label: '选区', header: '选区', required: false, width: 16 },
  { key: 'regionCode', label: '行政区划代码', header: '行政区划代码*', required: true, width: 16 },
  { key: 'term', label: '届次', header: '届次', required: false, width: 12 },
  { key: 'termStart', label: '任期开始年份', header: '任期开始年份', required: false, width: 14 },
  { key: 'termEnd', label: '任期结束年份', header: '任期结束年份', required: false, width: 14 },
  { key: 'expertise', label: '专长', header: '专长（用、分隔）', required: false, width: 20 },
  { key: 'publicPhone', label: '公开联系电话', header: '公开联系电话', required: false, width: 16 },
  { key: 'stationNames', label: '驻站联络站', header: '驻站联络站（用、分隔）', required: false, width: 36 },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
const label = Object.fromEntries(COLUMNS.map((c) => [c.key, c.label])) as Record<ColumnKey, string>;

/** One data row as read from the sheet: the Excel row number and each column's text. Stored in the batch. */
export interface RawRow {
  row: number;
  cells: Record<ColumnKey, string>;
}

export interface RowData {
  name: string;
  gender: Gender | null;
  level: DeputyLevel | null;
  occupation: string;
  constituency: string;
  regionCode: string;
  term: string;
  termStart: number | null;
  termEnd: number | null;
  expertise: string[];
  publicPhone: string;
  stationNames: string[];
}

export interface RowError {
  /** The column's Chinese name, as in the header. */
  field: string;
  message: string;
}

export interface CheckedRow {
  row: number;
  data: RowData;
  errors: RowError[];
  /** What `insertDeputy` is given, when the row has no errors. */
  input: CreateDeputyInput | null;
}

/** What a row is checked against: the district as it is now. */
export interface ImportContext {
  districtCode: string;
  /** code → name, every region inside the district. */
  regions: Map<string, string>;
  /** code → name, codes named in the file that exist but lie outside the district. */
  outside: Map<string, string>;
  /** name → id, active stations and rooms of the district. */
  stations: Map<string, string>;
  /** `dupKey(name, regionCode)` of the district's active deputies. */
  existing: Set<string>;
}

export const dupKey = (name: string, regionCode: string): string => `${name}\u0000${regionCode}`;

const invalidFile = (message: string) => orgErrors.IMPORT_FILE_INVALID(message, { field: 'file' });

// ── reading cells ───────────────────────────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text, whatever exceljs made of it: numbers, dates, rich text, hyperlinks, formulas (their cached result). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    // 430211001 and 13800138000 stay as typed; 0.1+0.2-style float noise is rounded away.
    return Number.isInteger(v) ? v.toFixed(0) : String(Number(v.toPrecision(15)));
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return o.richText.map((r: unknown) => cellText((r as { text?: unknown })?.text)).join('');
    if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if ('hyperlink' in o || 'text' in o) return cellText(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return '';
}

/** Trimmed, NFC, one line: Alt+Enter line breaks inside a cell become spaces. */
const clean = (s: string): string => s.normalize('NFC').replace(/\s*[\r\n\t]+\s*/g, ' ').trim();

/** Header text reduced to the column's name: `专长（用、分隔）` → `专长`, `姓名*` → `姓名`. */
const headerName = (s: string): string => clean(s).replace(/[（(][^）)]*[）)]/g, '').replace(/[\s*＊]/g, '');

const EXCEL_ERROR = /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/;

// ── the file ────────────────────────────────────────────────────────────────

/**
 * Checks the bytes are an OOXML workbook before exceljs sees them: a zip (by its central
 * directory) holding xl/workbook.xml, not inflating past MAX_UNPACKED_BYTES.
 */
export function checkXlsxContainer(buf: Buffer): void {
  if (buf.length === 0) throw invalidFile('上传的文件是空的');
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw invalidFile('这是旧版 Excel 97–2003（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再上传');
  }
  const notXlsx = () => invalidFile('上传的文件不是 Excel（.xlsx）文件，请使用导入模板填写后上传');
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
  // End of central directory: the last 22 bytes plus at most a 64 KiB comment.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let unpacked = 0;
  const names = new Set<string>();
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw notXlsx();
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (size === 0xffffffff) throw invalidFile('Excel 文件解压后过大，请只保留代表花名册一个工作表后再上传');
    unpacked += size;
    names.add(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (!names.has('xl/workbook.xml')) throw notXlsx();
  if (unpacked > MAX_UNPACKED_BYTES) throw invalidFile('Excel 文件解压后过大，请只保留代表花名册一个工作表后再上传');
}

/** The roster sheet: the one named 代表花名册, else the first sheet that is not 说明. */
function rosterSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheets = wb.worksheets.filter((ws) => ws.state === undefined || ws.state === 'visible');
  const ws = sheets.find((s) => s.name.trim() === ROSTER_SHEET) ?? sheets.find((s) => s.name.trim() !== HELP_SHEET) ?? wb.worksheets[0];
  if (!ws) throw invalidFile('Excel 文件中没有工作表');
  return ws;
}

/** Reads the roster from an uploaded workbook: finds the header row, maps the columns by name, returns the non-blank rows. */
export async function readRoster(buf: Buffer): Promise<RawRow[]> {
  checkXlsxContainer(buf);
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw invalidFile('无法读取上传的 Excel 文件，文件可能已损坏；请用 Excel 或 WPS 打开后另存为 .xlsx 再上传');
  }
  const ws = rosterSheet(wb);

  const rows: Array<{ number: number; values: string[] }> = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      values[col] = cellText(cell.value);
    });
    if (values.some((v) => v !== undefined && clean(v) !== '')) rows.push({ number: row.number, values });
  });
  if (!rows.length) throw invalidFile(`工作表“${ws.name}”是空的，请按导入模板填写代表信息`);

  // The header is the first row naming 姓名 among the first ten (a title row above it is allowed).
  const headerAt = rows.slice(0, 10).findIndex((r) => r.values.some((v) => v !== undefined && headerName(v) === '姓名'));
  const columnOf = new Map<ColumnKey, number>();
  if (headerAt >= 0) {
    const byName = new Map<string, ColumnKey>(COLUMNS.map((c) => [c.label, c.key]));
    for (const [col, v] of rows[headerAt]!.values.entries()) {
      const key = v === undefined ? undefined : byName.get(headerName(v));
      if (!key) continue;
      if (columnOf.has(key)) throw invalidFile(`表头“${label[key]}”出现了不止一次，请使用导入模板`);
      columnOf.set(key, col);
    }
  }
  const missing = COLUMNS.filter((c) => !columnOf.has(c.key)).map((c) => c.label);
  if (missing.length) throw invalidFile(`工作表“${ws.name}”缺少表头列：${missing.join('、')}。请使用导入模板，第一行为表头`);

  // Rows with text only outside the template's columns (a 备注 column, a total line) are not data.
  const data = rows.slice(headerAt + 1).filter((r) => COLUMNS.some((c) => clean(r.values[columnOf.get(c.key)!] ?? '') !== ''));
  if (!data.length) throw invalidFile(`工作表“${ws.name}”只有表头，没有代表数据`);
  if (data.length > MAX_IMPORT_ROWS) throw invalidFile(`一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${data.length} 行，请分批导入`);
  return data.map((r) => ({
    row: r.number,
    cells: Object.fromEntries(COLUMNS.map((c) => [c.key, r.values[columnOf.get(c.key)!] ?? ''])) as Record<ColumnKey, string>,
  }));
}

// ── validating rows ─────────────────────────────────────────────────────────

const levelByText = new Map<string, DeputyLevel>();
for (const l of DEPUTY_LEVELS) {
  levelByText.set(l, l);
  levelByText.set(DEPUTY_LEVEL_LABELS[l].zh, l);
}
const genderByText = new Map<string, Gender>();
for (const g of GENDERS) {
  genderByText.set(g, g);
  genderByText.set(GENDER_LABELS[g].zh, g);
}

const splitList = (s: string): string[] => [...new Set(s.split(/[、，,；;]/).map((x) => x.trim()).filter(Boolean))];

/** `2021`, `2021年`, or a date cell (its year). */
function parseYear(s: string): number | null | undefined {
  if (s === '') return null;
  const m = /^(\d{4})(?:\s*年|-\d{2}-\d{2})?$/.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** The code as written, its 12-digit statistical form (430211001000 → 430211001), or the exact name of a region of the district. */
function resolveRegion(s: string, ctx: ImportContext): string {
  if (ctx.regions.has(s)) return s;
  if (/^\d{12}$/.test(s)) {
    for (const short of [s.slice(0, 9), s.slice(0, 6)]) {
      if (s.endsWith('0'.repeat(12 - short.length)) && ctx.regions.has(short)) return short;
    }
  }
  if (!/^\d+$/.test(s)) {
    const byName = [...ctx.regions].filter(([, name]) => name === s);
    if (byName.length === 1) return byName[0]![0];
  }
  return s;
}

/** Checks every row against the district and the rest of the file; rows without errors carry the input for insertDeputy. */
export function checkRows(raw: RawRow[], ctx: ImportContext): CheckedRow[] {
  const firstSeen = new Map<string, number>();
  return raw.map(({ row, cells }) => {
    const c = Object.fromEntries(COLUMNS.map((col) => [col.key, clean(cells[col.key] ?? '')])) as Record<ColumnKey, string>;
    const errors: RowError[] = [];
    const flagged = new Set<ColumnKey>();
    const fail = (key: ColumnKey, message: string) => {
      if (flagged.has(key)) return;
      flagged.add(key);
      errors.push({ field: label[key], message });
    };

    for (const col of COLUMNS) {
      if (EXCEL_ERROR.test(c[col.key])) fail(col.key, `${col.label}单元格是公式错误值 ${c[col.key]}，请填写实际内容`);
    }

    if (c.name === '') fail('name', '姓名不能为空');

    let level: DeputyLevel | null = null;
    if (c.level === '') fail('level', '代表层级不能为空');
    else {
      level = levelByText.get(c.level) ?? levelByText.get(c.level.toLowerCase()) ?? null;
      if (!level) fail('level', `代表层级“${c.level}”不正确，应为：${DEPUTY_LEVELS.map((l) => DEPUTY_LEVEL_LABELS[l].zh).join('、')}`);
    }

    let gender: Gender | null = null;
    if (c.gender !== '') {
      gender = genderByText.get(c.gender) ?? genderByText.get(c.gender.toLowerCase()) ?? null;
      if (!gender) fail('gender', `性别“${c.gender}”不正确，应为“男”或“女”，不清楚可留空`);
    }

    let regionCode = c.regionCode;
    if (regionCode === '') fail('regionCode', '行政区划代码不能为空');
    else {
      regionCode = resolveRegion(regionCode, ctx);
      if (!ctx.regions.has(regionCode)) {
        const outsideName = ctx.outside.get(regionCode);
        if (outsideName !== undefined) fail('regionCode', `行政区划 ${outsideName}（${regionCode}）不在本区范围内`);
        else if (!/^\d{2,12}$/.test(regionCode)) fail('regionCode', `行政区划代码“${regionCode}”不正确，应为本区街道（乡镇）的数字代码，见模板“说明”工作表`);
        else fail('regionCode', `行政区划代码 ${regionCode} 不存在`);
      }
    }

    const years: Record<'termStart' | 'termEnd', number | null> = { termStart: null, termEnd: null };
    for (const key of ['termStart', 'termEnd'] as const) {
      const y = parseYear(c[key]);
      if (y === undefined) fail(key, `${label[key]}“${c[key]}”不正确，应为四位年份，如 2021`);
      else years[key] = y;
    }
    if (years.termStart !== null && years.termEnd !== null && years.termEnd < years.termStart) {
      fail('termEnd', `任期结束年份 ${years.termEnd} 早于开始年份 ${years.termStart}`);
    }

    const stationNames = splitList(c.stationNames);
    const stationIds: string[] = [];
    const unknown = stationNames.filter((n) => !ctx.stations.has(n));
    if (unknown.length) fail('stationNames', `驻站联络站${unknown.map((n) => `“${n}”`).join('、')}不存在或已停用（应与系统中的联络站、工作室名称完全一致）`);
    else for (const n of stationNames) stationIds.push(ctx.stations.get(n)!);

    const expertise = splitList(c.expertise);

    // The same rules as the form (lengths, control characters, phone format, list sizes), so an
    // accepted row is exactly what insertDeputy accepts. Columns already in error are not re-reported.
    const candidate = {
      name: c.name,
      gender,
      level: level ?? 'county',
      occupation: c.occupation,
      constituency: c.constituency,
      regionCode: ctx.regions.has(regionCode) ? regionCode : ctx.districtCode,
      term: c.term,
      termStart: years.termStart,
      termEnd: years.termEnd,
      expertise,
      publicPhone: c.publicPhone,
      stationIds,
    };
    const parsed = createDeputyBody.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = (issue.path[0] === 'stationIds' ? 'stationNames' : issue.path[0]) as ColumnKey;
        if (!(key in label)) continue;
        const item = typeof issue.path[1] === 'number' && key === 'expertise' ? `“${expertise[issue.path[1]]}”` : '';
        fail(key, `${label[key]}${item}：${issue.message}`);
      }
    }

    if (c.name !== '' && ctx.regions.has(regionCode)) {
      const k = dupKey(parsed.success ? parsed.data.name : c.name, regionCode);
      const first = firstSeen.get(k);
      if (first !== undefined) fail('name', `与第 ${first} 行重复（姓名和行政区划代码相同）`);
      else {
        firstSeen.set(k, row);
        if (ctx.existing.has(k)) fail('name', `本区已有代表“${c.name}”（行政区划 ${ctx.regions.get(regionCode)}），请勿重复导入`);
      }
    }

    const data: RowData = {
      name: c.name,
      gender,
      level,
      occupation: c.occupation,
      constituency: c.constituency,
      regionCode,
      term: c.term,
      termStart: years.termStart,
      termEnd: years.termEnd,
      expertise,
      publicPhone: c.publicPhone,
      stationNames,
    };
    return { row, data, errors, input: errors.length === 0 && parsed.success ? parsed.data : null };
  });
}
