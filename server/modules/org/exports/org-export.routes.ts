import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEPUTY_LEVEL_LABELS, GENDER_LABELS, ROLE_LABELS, STATION_KIND_LABELS } from '../../../../shared/org.ts';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { EXPORT_PAGE_SIZE, exportDay, exportFilename, exportQueryOf, exportTime, pageThrough, sendExport, type ExportColumn } from '../../../platform/http/export.ts';
import { orgLookups } from '../lookups.ts';
import { inStationScope, stationScopeFor } from '../org.policy.ts';
import { listDepartmentsQuery, type DepartmentOut } from '../departments/departments.schemas.ts';
import { listDepartments } from '../departments/departments.service.ts';
import { listDeputiesQuery, type DeputyOut } from '../deputies/deputies.schemas.ts';
import { listDeputies } from '../deputies/deputies.service.ts';
import { listStationsQuery, type StationOut } from '../stations/stations.schemas.ts';
import { listStations } from '../stations/stations.service.ts';
import { listUsersQuery, type UserOut } from '../users/users.schemas.ts';
import { listUsers } from '../users/users.service.ts';

const tags = ['组织 Organisation'];
const active = (a: boolean) => (a ? '启用' : '停用');
const COMMON = '不分页导出符合筛选条件的全部记录（流式输出）；format=xlsx（默认）或 csv（UTF-8，带 BOM）。筛选条件与列表相同，未知参数、分页参数返回 400；';

/** A station the caller cannot see is "not found", as it would be on its own page. */
async function requireStation(db: Executor, p: Principal, id: string, field: string): Promise<void> {
  const s = await orgLookups.station(db, id);
  if (!s || !inStationScope(await stationScopeFor(db, p), s.id, s.districtCode)) throw platformErrors.NOT_FOUND('联络站不存在或不在您的管辖范围内', { field });
}

export const DEPUTY_EXPORT_COLUMNS: ExportColumn<DeputyOut>[] = [
  { header: '姓名', width: 10, value: (d) => d.name },
  { header: '性别', width: 6, value: (d) => (d.gender ? GENDER_LABELS[d.gender].zh : '') },
  { header: '代表层级', width: 14, value: (d) => DEPUTY_LEVEL_LABELS[d.level].zh },
  { header: '届次', width: 10, value: (d) => d.term },
  { header: '任期', width: 12, value: (d) => (d.termStart ? `${d.termStart}–${d.termEnd ?? ''}` : '') },
  { header: '职业', width: 28, value: (d) => d.occupation },
  { header: '选区', width: 16, value: (d) => d.constituency },
  { header: '所在区划', width: 16, value: (d) => d.regionName ?? d.regionCode },
  { header: '进站（联络站）', width: 30, value: (d) => d.stations.map((s) => s.name).join('、') },
  { header: '专长', width: 20, value: (d) => d.expertise.join('、') },
  { header: '公开电话', width: 16, value: (d) => d.publicPhone },
  { header: '状态', width: 6, value: (d) => active(d.active) },
];

export const STATION_EXPORT_COLUMNS: ExportColumn<StationOut>[] = [
  { header: '名称', width: 30, value: (s) => s.name },
  { header: '类型', width: 8, value: (s) => STATION_KIND_LABELS[s.kind].zh },
  { header: '上级联络站', width: 30, value: (s) => s.parentName },
  { header: '所在区划', width: 16, value: (s) => s.regionName ?? s.regionCode },
  { header: '区划代码', width: 14, value: (s) => s.regionCode },
  { header: '地址', width: 30, value: (s) => s.address },
  { header: '开放时间', width: 24, value: (s) => s.openingHours },
  { header: '联系人', width: 10, value: (s) => s.contactName },
  { header: '联系电话', width: 16, value: (s) => s.contactPhone },
  { header: '工作室数', width: 8, value: (s) => s.roomCount },
  { header: '进站代表数', width: 10, value: (s) => s.deputyCount },
  { header: '状态', width: 6, value: (s) => active(s.active) },
  { header: '创建日期', width: 12, value: (s) => exportDay(s.createdAt) },
];

export const DEPARTMENT_EXPORT_COLUMNS: ExportColumn<DepartmentOut>[] = [
  { header: '名称', width: 30, value: (d) => d.name },
  { header: '简称', width: 12, value: (d) => d.shortName },
  { header: '管辖区划', width: 16, value: (d) => d.regionName ?? d.regionCode },
  { header: '承办类别', width: 30, value: (d) => d.categories.join('、') },
  { header: '联系人', width: 10, value: (d) => d.contactName },
  { header: '联系电话', width: 16, value: (d) => d.contactPhone },
  { header: '地址', width: 30, value: (d) => d.address },
  { header: '状态', width: 6, value: (d) => active(d.active) },
  { header: '创建日期', width: 12, value: (d) => exportDay(d.createdAt) },
];

/** The account list as the caller sees it: phones masked for station staff, as the list masks them. */
export const USER_EXPORT_COLUMNS: ExportColumn<UserOut>[] = [
  { header: '姓名', width: 12, value: (u) => u.displayName },
  { header: '用户名', width: 14, value: (u) => u.username },
  { header: '角色', width: 24, value: (u) => u.roles.map((r) => ROLE_LABELS[r].zh).join('、') },
  { header: '所属联络站', width: 28, value: (u) => u.stationName },
  { header: '所属承办单位', width: 28, value: (u) => u.departmentName },
  { header: '对应代表', width: 10, value: (u) => u.deputyName },
  { header: '手机', width: 14, value: (u) => u.phone },
  { header: '状态', width: 6, value: (u) => active(u.active) },
  { header: '创建时间', width: 17, value: (u) => exportTime(u.createdAt) },
];

/** Exports of the organisation's lists: deputies, stations, departments, accounts. */
export function orgExportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = () => deps.clock.now();

  r.get('/deputies/export', {
    schema: {
      tags, summary: '导出人大代表名单（Excel / CSV，筛选条件同 GET /deputies）',
      description: `${COMMON}stationId 不在管辖范围内返回 404。列：姓名、性别、代表层级、届次、任期、职业、选区、所在区划、进站、专长、公开电话、状态。`,
      querystring: exportQueryOf(listDeputiesQuery),
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    if (f.stationId) await requireStation(db, p, f.stationId, 'query.stationId');
    const rows = pageThrough((cursor) => listDeputies(db, p, { ...f, limit: EXPORT_PAGE_SIZE, cursor }));
    return sendExport(reply, { format, filename: exportFilename('人大代表名单', now()), sheetName: '人大代表', columns: DEPUTY_EXPORT_COLUMNS, rows });
  });

  r.get('/stations/export', {
    schema: {
      tags, summary: '导出联络站列表（Excel / CSV，筛选条件同 GET /stations）',
      description: `${COMMON}parentId 不在管辖范围内返回 404。`,
      querystring: exportQueryOf(listStationsQuery),
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    if (f.parentId) await requireStation(db, p, f.parentId, 'query.parentId');
    const rows = pageThrough((cursor) => listStations(db, p, { ...f, limit: EXPORT_PAGE_SIZE, cursor }));
    return sendExport(reply, { format, filename: exportFilename('联络站列表', now()), sheetName: '联络站', columns: STATION_EXPORT_COLUMNS, rows });
  });

  r.get('/departments/export', {
    schema: { tags, summary: '导出承办单位列表（Excel / CSV，筛选条件同 GET /departments）', description: COMMON, querystring: exportQueryOf(listDepartmentsQuery) },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    const rows = pageThrough((cursor) => listDepartments(db, p, { ...f, limit: EXPORT_PAGE_SIZE, cursor }));
    return sendExport(reply, { format, filename: exportFilename('承办单位列表', now()), sheetName: '承办单位', columns: DEPARTMENT_EXPORT_COLUMNS, rows });
  });

  r.get('/users/export', {
    schema: {
      tags, summary: '导出账号列表（Excel / CSV，筛选条件同 GET /users）',
      description: `${COMMON}联络站工作人员只能导出本站账号（手机号部分隐藏，与列表相同），筛选其他联络站返回 404；承办单位不在本区返回 404。`,
      querystring: exportQueryOf(listUsersQuery),
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    // Who may list accounts at all is the list's own rule (403 otherwise, from its first page).
    if (f.stationId && hasRole(p, 'admin', 'station')) {
      const s = await orgLookups.station(db, f.stationId);
      // Station staff see their own station's accounts only.
      if (!s || s.districtCode !== p.districtCode || !(hasRole(p, 'admin') || s.id === p.stationId)) throw platformErrors.NOT_FOUND('联络站不存在或不在您的管辖范围内', { field: 'query.stationId' });
    }
    if (f.departmentId && hasRole(p, 'admin', 'station') && !(await orgLookups.department(db, f.departmentId, p.districtCode))) throw platformErrors.NOT_FOUND('承办单位不存在或不在本区', { field: 'query.departmentId' });
    const rows = pageThrough((cursor) => listUsers(db, p, { ...f, limit: EXPORT_PAGE_SIZE, cursor }));
    return sendExport(reply, { format, filename: exportFilename('账号列表', now()), sheetName: '账号', columns: USER_EXPORT_COLUMNS, rows });
  });
}
