import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EVALUATION_RATING_LABELS, REPLY_CATEGORY_LABELS, SUGGESTION_PERIOD_LABELS, SUGGESTION_STATUS_LABELS, type SuggestionSummary } from '../../../../shared/suggestions.ts';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { EXPORT_PAGE_SIZE, exportDay, exportFilename, exportQueryOf, exportTime, pageThrough, sendExport, yesNo, type ExportColumn } from '../../../platform/http/export.ts';
import { casesVisibleTo } from '../../cases/index.ts';
import { orgLookups } from '../../org/index.ts';
import { listSuggestions } from '../queries/list-suggestions.ts';
import { listSuggestionsQuery } from '../suggestions.schemas.ts';

const tags = ['代表建议 Suggestions'];

export const SUGGESTION_EXPORT_COLUMNS: ExportColumn<SuggestionSummary>[] = [
  { header: '建议编号', width: 14, value: (s) => s.number ?? '' },
  { header: '标题', width: 40, value: (s) => s.title },
  { header: '状态', width: 10, value: (s) => SUGGESTION_STATUS_LABELS[s.status].zh },
  { header: '类别', width: 12, value: (s) => s.category },
  { header: '年度', width: 6, value: (s) => s.year },
  { header: '提出时间', width: 10, value: (s) => (s.period ? SUGGESTION_PERIOD_LABELS[s.period].zh : '') },
  { header: '领衔代表', width: 10, value: (s) => s.leadDeputy.name },
  { header: '联名代表数', width: 10, value: (s) => s.cosponsorCount },
  { header: '关联诉求数', width: 10, value: (s) => s.caseCount },
  { header: '主办单位', width: 26, value: (s) => s.leadDepartment?.name ?? '' },
  { header: '答复期限', width: 12, value: (s) => exportDay(s.dueAt) },
  { header: '超期', width: 6, value: (s) => yesNo(s.overdue) },
  { header: '答复类别', width: 16, value: (s) => (s.replyCategory ? REPLY_CATEGORY_LABELS[s.replyCategory].zh : '') },
  { header: '代表评价', width: 10, value: (s) => (s.rating ? EVALUATION_RATING_LABELS[s.rating].zh : '') },
  { header: '已公开', width: 8, value: (s) => yesNo(s.published) },
  { header: '创建时间', width: 17, value: (s) => exportTime(s.createdAt) },
];

/** Filters naming a deputy, a department or a case outside the caller's view: 404, as that record would be. */
async function requireInView(db: Executor, p: Principal, f: { deputyId?: string; departmentId?: string; caseId?: string }): Promise<void> {
  if (f.deputyId && (await orgLookups.countDeputies(db, [f.deputyId], p.districtCode)) === 0) {
    throw platformErrors.NOT_FOUND('代表不存在或不在您的管辖范围内', { field: 'query.deputyId' });
  }
  if (f.departmentId) {
    const d = await orgLookups.department(db, f.departmentId, p.districtCode);
    // A handler of one department sees that department's suggestions only.
    const own = hasRole(p, 'admin', 'station', 'deputy') || p.departmentId === f.departmentId;
    if (!d || !own) throw platformErrors.NOT_FOUND('承办单位不存在或不在您的管辖范围内', { field: 'query.departmentId' });
  }
  if (f.caseId && !(await casesVisibleTo(db, p, [f.caseId])).has(f.caseId)) {
    throw platformErrors.NOT_FOUND('诉求不存在或不在您的管辖范围内', { field: 'query.caseId' });
  }
}

/** `GET /suggestions/export`: the suggestion list as a file, with the list's filters and scope. */
export function suggestionExportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/suggestions/export', {
    schema: {
      tags, summary: '导出代表建议列表（Excel / CSV，筛选条件同 GET /suggestions）',
      description: '不分页导出调用者查看范围内、符合筛选条件的全部建议（流式输出）。format=xlsx（默认）或 csv（UTF-8，带 BOM）。' +
        '列：建议编号、标题、状态、类别、年度、提出时间、领衔代表、联名代表数、关联诉求数、主办单位、答复期限、超期、答复类别、代表评价、已公开、创建时间。' +
        '筛选的代表、承办单位或诉求不在查看范围内返回 404；筛选条件错误返回 400。',
      querystring: exportQueryOf(listSuggestionsQuery),
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    await requireInView(deps.db, p, f);
    const rows = pageThrough((cursor) => listSuggestions(deps, p, { ...f, limit: EXPORT_PAGE_SIZE, cursor }));
    return sendExport(reply, { format, filename: exportFilename('代表建议列表', deps.clock.now()), sheetName: '代表建议', columns: SUGGESTION_EXPORT_COLUMNS, rows });
  });
}
