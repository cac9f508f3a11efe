/**
 * The downloadable roster template: the columns the import reads, one example row,
 * drop-down lists, and a help sheet with the district's region codes and stations.
 */
import { loadExcel } from '../../../platform/http/excel.ts';
import { DEPUTY_LEVEL_LABELS, DEPUTY_LEVELS, GENDER_LABELS, GENDERS } from '../../../../shared/org.ts';
import { COLUMNS, HELP_SHEET, MAX_IMPORT_ROWS, ROSTER_SHEET, type ColumnKey } from './deputy-import.ts';

export interface TemplateInfo {
  districtName: string;
  regions: Array<{ code: string; name: string }>;
  stations: Array<{ name: string; kind: string; region_code: string }>;
}

const COLUMN_HELP: Record<ColumnKey, string> = {
  name: '必填。代表姓名，不超过 30 个字符。',
  gender: '选填。“男”或“女”。',
  level: `必填。可填：${DEPUTY_LEVELS.map((l) => DEPUTY_LEVEL_LABELS[l].zh).join('、')}（也可填英文代码）。`,
  occupation: '选填。如“××公司总经理”，不超过 100 个字符。',
  constituency: '选填。选举产生该代表的选区，不超过 100 个字符。',
  regionCode: '必填。代表所在街道（乡镇）的行政区划代码，须在本区范围内，见下方“本区行政区划代码”；也可填街道（乡镇）全称。',
  term: '选填。如“第十八届”，不超过 30 个字符。',
  termStart: '选填。四位年份，如 2021。',
  termEnd: '选填。四位年份，不早于任期开始年份。',
  expertise: '选填。如“法律、调解”，用顿号“、”分隔，最多 10 项，每项不超过 20 个字符。',
  publicPhone: '选填。可向群众公开的联系电话（手机或座机，如 0731-22831001）。',
  stationNames: '选填。代表驻站的联络站或工作室名称，须与下方“本区联络站”完全一致，多个用顿号“、”分隔，最多 10 个。',
};

/** The template: the roster sheet with its header and one example row, and a 说明 sheet listing the allowed values for the district. */
export async function buildTemplate(info: TemplateInfo): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = '连心桥';
  const ws = wb.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFDDEBF7' } };
    cell.note = COLUMN_HELP[c.key];
  });
  // Codes and phone numbers as text, so Excel keeps every digit.
  for (const key of ['regionCode', 'publicPhone'] as const) ws.getColumn(key).numFmt = '@';

  const region = info.regions[0];
  // The example's station: one in the example's region, if there is one.
  const station = info.stations.find((s) => s.kind === 'station' && s.region_code === region?.code) ?? info.stations.find((s) => s.kind === 'station') ?? info.stations[0];
  ws.addRow({
    name: '张三',
    gender: GENDER_LABELS.male.zh,
    level: DEPUTY_LEVEL_LABELS.county.zh,
    occupation: '××有限公司总经理',
    constituency: region ? `${region.name}第一选区` : '第一选区',
    regionCode: region?.code ?? '',
    term: '第十八届',
    termStart: 2021,
    termEnd: 2026,
    expertise: '企业经营、法律',
    publicPhone: '0731-22830000',
    stationNames: station?.name ?? '',
  });

  const levelList = `"${DEPUTY_LEVELS.map((l) => DEPUTY_LEVEL_LABELS[l].zh).join(',')}"`;
  const genderList = `"${GENDERS.map((g) => GENDER_LABELS[g].zh).join(',')}"`;
  const levelCol = COLUMNS.findIndex((c) => c.key === 'level') + 1;
  const genderCol = COLUMNS.findIndex((c) => c.key === 'gender') + 1;
  for (let r = 2; r <= MAX_IMPORT_ROWS + 1; r++) {
    const row = ws.getRow(r);
    row.getCell(levelCol).dataValidation = { type: 'list', allowBlank: false, formulae: [levelList], showErrorMessage: true, errorTitle: '代表层级', error: '请从下拉列表中选择代表层级' };
    row.getCell(genderCol).dataValidation = { type: 'list', allowBlank: true, formulae: [genderList], showErrorMessage: true, errorTitle: '性别', error: '请填“男”或“女”' };
  }

  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [{ width: 26 }, { width: 12 }, { width: 90 }];
  const title = (text: string) => {
    const r = help.addRow([text]);
    r.font = { bold: true, size: 12 };
  };
  title(`${info.districtName}人大代表花名册导入说明`);
  help.addRow(['在“代表花名册”工作表中每行填写一名代表，第 1 行为表头，请勿修改；第 2 行是示例，导入前请删除或改为真实数据。']);
  help.addRow([`一次最多导入 ${MAX_IMPORT_ROWS} 行。上传后系统先预览并逐行检查，确认后才会写入；同一区划下同名的代表不会重复导入。`]);
  help.addRow([]);
  const head = help.addRow(['列名', '是否必填', '说明与可填的值']);
  head.font = { bold: true };
  for (const c of COLUMNS) help.addRow([c.header, c.required ? '必填' : '选填', COLUMN_HELP[c.key]]).alignment = { wrapText: true, vertical: 'top' };
  help.addRow([]);
  title('代表层级（可填的值）');
  for (const l of DEPUTY_LEVELS) help.addRow([DEPUTY_LEVEL_LABELS[l].zh, l]);
  help.addRow([]);
  title(`本区行政区划代码（${info.districtName}）`);
  help.addRow(['代码', '名称']).font = { bold: true };
  for (const r of info.regions) help.addRow([r.code, r.name]);
  help.addRow([]);
  title('本区联络站、工作室（驻站联络站列填写这些名称）');
  for (const s of info.stations) help.addRow([s.name, s.kind === 'room' ? '工作室' : '联络站']);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
