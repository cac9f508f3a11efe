/**
 * Reading labelled messages from JSON Lines files (the evaluation command's input): one object
 * per line with `title`, `detail` (or `content`), `label` and optionally `segmented_text`; either
 * text may be missing or null. Blank lines are skipped. Every problem is a DataFileError whose
 * zh-CN message names the file and the line.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Sample } from './model.ts';

export class DataFileError extends Error {}

export interface Row {
  /** 1-based line number in the file. */
  line: number;
  /** The line as it was (the split command writes it back unchanged). */
  raw: string;
  sample: Sample;
}

const TEXT_FIELDS = ['title', 'detail', 'content', 'segmented_text'] as const;

/** The file's rows; `label` is required on every row (training and test files alike). */
export function readRows(file: string): Row[] {
  if (!existsSync(file) || !statSync(file).isFile()) throw new DataFileError(`找不到文件：${file}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataFileError(`无法读取文件 ${file}：${err instanceof Error ? err.message : String(err)}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: Row[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (!raw.trim()) continue;
    const where = `${file} 第 ${i + 1} 行`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new DataFileError(`${where}不是有效的 JSON：${err instanceof Error ? err.message : String(err)}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DataFileError(`${where}应是一个 JSON 对象`);
    const o = value as Record<string, unknown>;
    for (const f of TEXT_FIELDS) {
      if (o[f] !== undefined && o[f] !== null && typeof o[f] !== 'string') throw new DataFileError(`${where}的 ${f} 应是文本或 null`);
    }
    const label = o.label;
    if (label === undefined || label === null || (typeof label === 'string' && !label.trim())) throw new DataFileError(`${where}缺少 label（类别）`);
    if (typeof label !== 'string') throw new DataFileError(`${where}的 label 应是文本`);
    rows.push({
      line: i + 1,
      raw,
      sample: {
        label: label.trim(),
        title: (o.title as string | null | undefined) ?? null,
        content: ((o.detail ?? o.content) as string | null | undefined) ?? null,
        segmented: (o.segmented_text as string | null | undefined) ?? null,
      },
    });
  }
  if (!rows.length) throw new DataFileError(`${file} 没有数据行`);
  return rows;
}
