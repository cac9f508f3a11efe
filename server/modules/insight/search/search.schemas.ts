import { z } from 'zod';
import { caseListItemOut, listCasesQuery } from '../../cases/index.ts';
import { line } from '../../../platform/http/fields.ts';
import { MAX_QUERY_CHARS } from './search-text.ts';

/** The case list's filters (GET /cases), its page size, an offset cursor and the text; no `sort` (results come by relevance). */
export const searchCasesQuery = listCasesQuery.omit({ q: true, sort: true }).extend({
  q: line(MAX_QUERY_CHARS).describe(`搜索词，去掉首尾空白后 1–${MAX_QUERY_CHARS} 个字符；空格分开的几个词须同时出现`),
});

export const searchHighlights = z.object({
  title: z.string().optional().describe('标题中有命中时：整个标题，命中处以 <mark>…</mark> 标出，其余文字已做 HTML 转义'),
  snippet: z.string().optional().describe('内容（或答复、备注）中从第一处命中前几个字起约 80 个字，命中处以 <mark>…</mark> 标出，已做 HTML 转义，截断处为“…”'),
  snippetFrom: z.enum(['content', 'timeline']).optional().describe('snippet 取自诉求内容（content）还是办理记录中的答复或备注（timeline）'),
});

export const searchItemOut = caseListItemOut.extend({ highlights: searchHighlights });

export const searchCasesOut = z.object({
  items: z.array(searchItemOut),
  nextCursor: z.string().nullable(),
  total: z.number().int().nullable().describe('符合条件的件数；候选过多、未逐一核对范围与筛选条件时为 null'),
});
