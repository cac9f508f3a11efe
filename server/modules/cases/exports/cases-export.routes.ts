import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CASE_CHANNEL_LABELS, CASE_KIND_LABELS, CASE_STATUS_LABELS, RATING_LABELS, SLA_STAGE_LABELS, SUPERVISION_LEVEL_LABELS, type CaseListItemOut } from '../../../../shared/cases.ts';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { EXPORT_PAGE_SIZE, exportFilename, exportQueryOf, exportTime, pageThrough, sendExport, yesNo, type ExportColumn } from '../../../platform/http/export.ts';
import { orgLookups } from '../../org/index.ts';
import { caseScopeFor } from '../cases.policy.ts';
import { listCasesQuery } from '../cases.schemas.ts';
import { listCases } from '../queries/list-cases.ts';

const tags = ['诉求办理 Cases'];

/** What the case list shows, in its order, as the list presents it (no personal data: the list carries none). */
export const CASE_EXPORT_COLUMNS: ExportColumn<CaseListItemOut>[] = [
  { header: '查询码', width: 18, value: (c) => c.trackingCode },
  { header: '标题', width: 40, value: (c) => c.title },
  { header: '状态', width: 10, value: (c) => CASE_STATUS_LABELS[c.status].zh },
  { header: '类型', width: 10, value: (c) => CASE_KIND_LABELS[c.kind].zh },
  { header: '类别', width: 12, value: (c) => c.category },
  { header: '渠道', width: 12, value: (c) => CASE_CHANNEL_LABELS[c.channel].zh },
  { header: '联络站', width: 22, value: (c) => c.stationName },
  { header: '承办部门', width: 22, value: (c) => c.departmentName },
  { header: '登记时间', width: 17, value: (c) => exportTime(c.createdAt) },
  { header: '期限', width: 17, value: (c) => exportTime(c.dueAt) },
  { header: '期限类别', width: 10, value: (c) => (c.dueStage ? SLA_STAGE_LABELS[c.dueStage].zh : '') },
  { header: '超期', width: 6, value: (c) => yesNo(c.overdue) },
  { header: '督办级别', width: 10, value: (c) => SUPERVISION_LEVEL_LABELS[c.supervisionLevel]?.zh ?? String(c.supervisionLevel) },
  { header: '紧急', width: 6, value: (c) => yesNo(c.urgent) },
  { header: '满意度', width: 10, value: (c) => (c.rating ? RATING_LABELS[c.rating].zh : '') },
];

/**
 * A filter naming something outside the caller's jurisdiction is "not found", as the thing
 * itself would be: a station the caller does not serve (department handlers filter their own
 * cases by any station of the district), another department (for a handler who sees only
 * their unit's cases), a deputy of another district.
 */
export async function requireCaseFiltersInScope(db: Executor, p: Principal, f: { stationId?: string; departmentId?: string; deputyId?: string }): Promise<void> {
  const scope = await caseScopeFor(db, p);
  if (f.stationId) {
    const s = await orgLookups.station(db, f.stationId);
    const visible = s !== undefined && s.districtCode === p.districtCode && (scope.all || scope.departmentId !== null || scope.stationIds.includes(s.id));
    if (!visible) throw platformErrors.NOT_FOUND('联络站不存在或不在您的管辖范围内', { field: 'query.stationId' });
  }
  if (f.departmentId) {
    const d = await orgLookups.department(db, f.departmentId, p.districtCode);
    const visible = d !== undefined && (scope.all || scope.stationIds.length > 0 || scope.departmentId === d.id);
    if (!visible) throw platformErrors.NOT_FOUND('承办部门不存在或不在您的管辖范围内', { field: 'query.departmentId' });
  }
  if (f.deputyId && (await orgLookups.countDeputies(db, [f.deputyId], p.districtCode)) === 0) {
    throw platformErrors.NOT_FOUND('代表不存在或不在您的管辖范围内', { field: 'query.deputyId' });
  }
}

/** `GET /cases/export`: the staff case list as a file, the same filters and jurisdiction as `GET /cases`. */
export function caseExportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/cases/export', {
    schema: {
      tags, summary: '导出诉求列表（Excel 或 CSV，筛选条件与 GET /cases 相同）',
      description: '导出调用者管辖范围内、符合筛选条件的全部诉求（不分页，按列表顺序流式输出，百万行不占满内存）。' +
        '列：查询码、标题、状态、类型、类别、渠道、联络站、承办部门、登记时间、期限、期限类别、超期、督办级别、紧急、满意度（时间为北京时间）；不含群众个人信息。' +
        '筛选条件中的联络站、承办部门或代表不在管辖范围内时返回 404；日期颠倒等错误返回 400。CSV 为 UTF-8（带 BOM），以 =、+、-、@ 开头的文字前加 \'，防止表格软件当作公式执行。',
      querystring: exportQueryOf(listCasesQuery),
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...filters } = req.query;
    await requireCaseFiltersInScope(deps.db, p, filters);
    const rows = pageThrough((cursor) => listCases(deps, p, { ...filters, limit: EXPORT_PAGE_SIZE, cursor }));
    return sendExport(reply, { format, filename: exportFilename('诉求列表', deps.clock.now()), sheetName: '诉求列表', columns: CASE_EXPORT_COLUMNS, rows });
  });
}
