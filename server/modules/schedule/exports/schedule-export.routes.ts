import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { parseDayRange } from '../../../platform/calendar/day-range.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { EXPORT_PAGE_SIZE, exportFilename, exportQueryOf, exportTime, pageThrough, sendExport, yesNo, type ExportColumn } from '../../../platform/http/export.ts';
import { inStationScope, orgLookups } from '../../org/index.ts';
import { listReceptions } from '../receptions.service.ts';
import { scheduleScopeFor } from '../schedule.policy.ts';
import { listReceptionsQuery, listSessionsQuery, type receptionOut, type sessionOut } from '../schedule.schemas.ts';
import { listSessions } from '../sessions.service.ts';

type Reception = z.infer<typeof receptionOut>;
type Session = z.infer<typeof sessionOut>;

const tags = ['接待日与值班 Receptions'];
const COMMON = '不分页导出符合筛选条件的全部记录（流式输出）；format=xlsx（默认）或 csv（UTF-8，带 BOM）；筛选条件与列表相同，未知参数、分页参数、颠倒的日期返回 400，联络站或代表不在管辖范围内返回 404。';

export const RECEPTION_EXPORT_COLUMNS: ExportColumn<Reception>[] = [
  { header: '日期', width: 12, value: (r) => r.date },
  { header: '农历', width: 12, value: (r) => r.lunar },
  { header: '时间', width: 12, value: (r) => `${r.start}–${r.end}` },
  { header: '联络站', width: 28, value: (r) => r.stationName },
  { header: '地点', width: 24, value: (r) => r.place },
  { header: '状态', width: 8, value: (r) => (r.status === 'cancelled' ? '已取消' : '照常') },
  { header: '值班代表', width: 30, value: (r) => r.deputies.map((d) => d.name).join('、') },
  { header: '节假日顺延', width: 10, value: (r) => (r.moved ? `是（原定 ${r.plannedDate}）` : '否') },
  { header: '取消原因', width: 24, value: (r) => r.cancelReason },
  { header: '已有接待记录', width: 12, value: (r) => yesNo(r.sessionId !== null) },
];

export const SESSION_EXPORT_COLUMNS: ExportColumn<Session>[] = [
  { header: '日期', width: 12, value: (s) => s.date },
  { header: '时间', width: 12, value: (s) => `${s.start}${s.end ? `–${s.end}` : ''}` },
  { header: '联络站', width: 28, value: (s) => s.stationName },
  { header: '状态', width: 8, value: (s) => (s.status === 'closed' ? '已结束' : '进行中') },
  { header: '接待代表', width: 30, value: (s) => s.deputies.map((d) => d.name).join('、') },
  { header: '接待人次', width: 8, value: (s) => s.peopleReceived },
  { header: '批次', width: 6, value: (s) => s.batches.length },
  { header: '反映主题', width: 40, value: (s) => s.batches.map((b) => b.topic).filter(Boolean).join('；') },
  { header: '小结', width: 40, value: (s) => s.summary },
  { header: '记录人', width: 10, value: (s) => s.recordedBy.name },
  { header: '结束时间', width: 17, value: (s) => exportTime(s.closedAt) },
];

async function requireInView(db: Executor, p: Principal, f: { stationId?: string; deputyId?: string }): Promise<void> {
  // Department handlers do not read stations' schedules (the list's 403 comes first).
  const scope = await scheduleScopeFor(db, p);
  if (f.stationId) {
    const s = await orgLookups.station(db, f.stationId);
    if (!s || !inStationScope(scope, s.id, s.districtCode)) throw platformErrors.NOT_FOUND('联络站不存在或不在您的管辖范围内', { field: 'query.stationId' });
  }
  if (f.deputyId && (await orgLookups.countDeputies(db, [f.deputyId], p.districtCode)) === 0) {
    throw platformErrors.NOT_FOUND('代表不存在或不在您的管辖范围内', { field: 'query.deputyId' });
  }
}

/** Exports of the schedule's lists: reception days with the deputies on duty, and reception records. */
export function scheduleExportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/receptions/export', {
    schema: {
      tags, summary: '导出接待日与值班代表（Excel / CSV，筛选条件同 GET /receptions）',
      description: `${COMMON}与列表一样须给出 from 和 to（一次最多 370 天）。`,
      querystring: exportQueryOf(listReceptionsQuery),
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    parseDayRange(f.from, f.to);
    await requireInView(db, p, f);
    const rows = pageThrough(async () => ({ ...(await listReceptions(db, p, deps.clock.now(), f)), nextCursor: null }));
    return sendExport(reply, { format, filename: exportFilename('接待日安排', deps.clock.now()), sheetName: '接待日', columns: RECEPTION_EXPORT_COLUMNS, rows });
  });

  r.get('/reception-sessions/export', {
    schema: { tags: ['接待记录 Reception records'], summary: '导出接待记录（Excel / CSV，筛选条件同 GET /reception-sessions）', description: COMMON, querystring: exportQueryOf(listSessionsQuery) },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    parseDayRange(f.from, f.to);
    await requireInView(db, p, f);
    const rows = pageThrough((cursor) => listSessions(db, p, { ...f, limit: EXPORT_PAGE_SIZE, cursor }));
    return sendExport(reply, { format, filename: exportFilename('接待记录', deps.clock.now()), sheetName: '接待记录', columns: SESSION_EXPORT_COLUMNS, rows });
  });
}
