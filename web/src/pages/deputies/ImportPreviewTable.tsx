/** The rows of an uploaded roster, each cell red where the server found a problem. */
import { WarningFilled } from '@ant-design/icons';
import { Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEPUTY_LEVEL_LABELS, GENDER_LABELS } from '../../../../shared/org.ts';
import type { ImportRow } from '../../api/types.ts';
import { useLabel } from '../../i18n/labels.ts';

const FIELDS = ['name', 'gender', 'level', 'occupation', 'constituency', 'regionCode', 'term', 'termStart', 'termEnd', 'expertise', 'publicPhone', 'stationNames'] as const;
type Field = (typeof FIELDS)[number];

const WIDTHS: Partial<Record<Field, number>> = { name: 90, gender: 60, level: 120, regionCode: 120, term: 90, termStart: 80, termEnd: 80, publicPhone: 130 };

/** The server names a row error's field by the template's Chinese column name (header without "*" and notes). */
const COLUMN_NAMES: Record<Field, string> = {
  name: '姓名',
  gender: '性别',
  level: '代表层级',
  occupation: '工作单位及职务',
  constituency: '选区',
  regionCode: '行政区划代码',
  term: '届次',
  termStart: '任期开始年份',
  termEnd: '任期结束年份',
  expertise: '专长',
  publicPhone: '公开联系电话',
  stationNames: '驻站联络站',
};

/** `姓名`, `姓名*`, `专长（用、分隔）`, `name` or `data.name` all name the column `name`. */
function columnOf(field: string): Field | undefined {
  const plain = field.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s*＊]/g, '');
  const last = plain.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? plain;
  return FIELDS.find((f) => f === last || COLUMN_NAMES[f] === last);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  return Array.isArray(value) ? value.join('、') : String(value);
}

export function PreviewTable({ rows }: { rows: ImportRow[] }) {
  const { t } = useTranslation();
  const L = useLabel();
  const display = (field: Field, value: unknown): string => {
    const s = show(value);
    if (field === 'level') return L(DEPUTY_LEVEL_LABELS, s);
    if (field === 'gender') return L(GENDER_LABELS, s);
    return s;
  };

  const columns: ColumnsType<ImportRow> = [
    { title: t('import.row'), dataIndex: 'row', width: 64, fixed: 'left' },
    ...FIELDS.map((field) => ({
      title: t(`import.fields.${field}`),
      key: field,
      width: WIDTHS[field],
      ellipsis: false,
      render: (_: unknown, r: ImportRow): ReactNode => {
        const errs = r.errors.filter((e) => columnOf(e.field) === field);
        const text = display(field, r.data[field]) || '—';
        if (!errs.length) return text;
        return (
          <Tooltip title={errs.map((e) => e.message).join('；')}>
            <span className="cell-error">
              <WarningFilled /> {text}
            </span>
          </Tooltip>
        );
      },
    })),
    {
      title: t('import.check'),
      key: 'errors',
      width: 240,
      fixed: 'right',
      render: (_: unknown, r: ImportRow) =>
        r.errors.length ? (
          <ul className="row-errors">
            {r.errors.map((e, i) => {
              const col = columnOf(e.field);
              // the server's messages usually name the column already
              const named = !col || e.message.includes(COLUMN_NAMES[col]) || e.message.includes(t(`import.fields.${col}`));
              return (
                <li key={i}>
                  {named ? '' : `${col ? t(`import.fields.${col}`) : e.field}：`}
                  {e.message}
                </li>
              );
            })}
          </ul>
        ) : (
          <span className="row-ok">{t('import.ok')}</span>
        ),
    },
  ];

  return (
    <Table<ImportRow>
      rowKey="row"
      size="small"
      bordered
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 1650, y: 420 }}
      rowClassName={(r) => (r.errors.length ? 'import-row-error' : '')}
    />
  );
}
