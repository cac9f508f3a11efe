import type { ArchivePeriod } from '../../../shared/archive.ts';
import type { EntryPeriod } from './archive.repository.ts';
import { archiveErrors } from './archive.errors.ts';

/**
 * The period an archive covers. `year`: that calendar year; `term`: the deputy's term as org
 * records it (`current`, or its name such as 第十八届; the years term_start–term_end); neither:
 * everything. Days after today are never included (a duty day ahead is a plan, not a fact).
 */
export function archivePeriod(q: { year?: number; term?: string }, deputy: { term: string; term_start: number | null; term_end: number | null }, today: string): { period: ArchivePeriod; entries: EntryPeriod } {
  const thisYear = Number(today.slice(0, 4));
  if (q.year !== undefined && q.term !== undefined) throw archiveErrors.PERIOD_INVALID('year 与 term 只能选一个', { field: 'query.term' });
  if (q.year !== undefined) {
    if (q.year > thisYear) throw archiveErrors.PERIOD_INVALID(`年份不能晚于今年（${thisYear}）`, { field: 'query.year' });
    const end = `${q.year}-12-31`;
    return { period: { kind: 'year', year: q.year, term: null, from: `${q.year}-01-01`, to: end < today ? end : today }, entries: { fromYear: q.year, toYear: q.year, today } };
  }
  if (q.term !== undefined) {
    if (q.term !== 'current' && q.term !== deputy.term) throw archiveErrors.PERIOD_INVALID(`届次“${q.term}”不是该代表的届次（${deputy.term || '未登记'}），可用 term=current`, { field: 'query.term' });
    if (deputy.term_start === null || deputy.term_end === null) throw archiveErrors.PERIOD_INVALID('该代表未登记届期起止年份，请按年份查询', { field: 'query.term' });
    const end = `${deputy.term_end}-12-31`;
    return {
      period: { kind: 'term', year: null, term: deputy.term, from: `${deputy.term_start}-01-01`, to: end < today ? end : today },
      entries: { fromYear: deputy.term_start, toYear: deputy.term_end, today },
    };
  }
  return { period: { kind: 'all', year: null, term: null, from: null, to: today }, entries: { fromYear: null, toYear: null, today } };
}

/** For file names and headings: 2026年, 第十八届, 全部. */
export const periodLabel = (p: ArchivePeriod): string => (p.kind === 'year' ? `${p.year}年` : p.kind === 'term' ? (p.term ?? '本届') : '全部');
