import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ACTIVITY_KIND_LABELS, ACTIVITY_MODE_LABELS, ACTIVITY_STATUS_LABELS, type ActivityListItemOut } from '../../../../shared/activities.ts';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { parseDayRange } from '../../../platform/calendar/day-range.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { EXPORT_PAGE_SIZE, exportFilename, exportQueryOf, pageThrough, sendExport, type ExportColumn } from '../../../platform/http/export.ts';
import { orgLookups } from '../../org/index.ts';
import { activityScopeFor } from '../activities.policy.ts';
import { listActivitiesQuery } from '../activities.schemas.ts';
import { listActivities } from '../queries/list-activities.ts';

const tags = ['代表活动 Activities'];

export const ACTIVITY_EXPORT_COLUMNS: ExportColumn<ActivityListItemOut>[] = [
  { header: '日期', width: 12, value: (a) => a.date },
  { header: '时间', width: 12, value: (a) => (a.startTime ? `${a.startTime}${a.endTime ? `–${a.endTime}` : ''}` : '') },
  { header: '类型', width: 12, value: (a) => ACTIVITY_KIND_LABELS[a.kind].zh },
  { header: '标题', width: 40, value: (a) => a.title },
  { header: '状态', width: 8, value: (a) => ACTIVITY_STATUS_LABELS[a.status].zh },
  { header: '形式', width: 8, value: (a) => ACTIVITY_MODE_LABELS[a.mode].zh },
  { header: '地点', width: 24, value: (a) => a.place },
  { header: '组织者', width: 20, value: (a) => a.organiser },
  { header: '联络站', width: 28, value: (a) => a.stationName ?? '区级活动' },
  { header: '参加代表', width: 30, value: (a) => a.deputies.map((d) => d.name).join('、') },
  { header: '参加人数', width: 8, value: (a) => a.participantCount },
  { header: '照片数', width: 8, value: (a) => a.photoCount },
  { header: '成果数', width: 8, value: (a) => a.outcomeCount },
];

/** A station, the district level or a deputy the caller cannot see in the activity list: 404. */
async function requireInView(db: Executor, p: Principal, f: { stationId?: string; deputyId?: string; from?: string; to?: string }): Promise<void> {
  // Reversed or absurd ranges are a question nobody meant: 400 naming the field.
  parseDayRange(f.from, f.to);
  const scope = await activityScopeFor(db, p);
  if (f.stationId === 'district') {
    if (!scope.all && !scope.districtLevel) throw platformErrors.NOT_FOUND('没有可查看的区级活动', { field: 'query.stationId' });
  } else if (f.stationId) {
    const s = await orgLookups.station(db, f.stationId);
    if (!s || s.districtCode !== p.districtCode || !(scope.all || scope.stationIds.includes(s.id))) throw platformErrors.NOT_FOUND('联络站不存在或不在您的管辖范围内', { field: 'query.stationId' });
  }
  if (f.deputyId && (await orgLookups.countDeputies(db, [f.deputyId], p.districtCode)) === 0) {
    throw platformErrors.NOT_FOUND('代表不存在或不在您的管辖范围内', { field: 'query.deputyId' });
  }
}

/** `GET /activities/export`: the activity list as a file, with the list's filters and scope. */
export function activityExportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/activities/export', {
    schema: {
      tags, summary: '导出代表活动列表（Excel / CSV，筛选条件同 GET /activities）',
      description: '不分页导出调用者查看范围内、符合筛选条件的全部活动（流式输出）；format=xlsx（默认）或 csv（UTF-8，带 BOM）。' +
        '列：日期、时间、类型、标题、状态、形式、地点、组织者、联络站、参加代表、参加人数、照片数、成果数。联络站或代表不在查看范围内返回 404；日期颠倒或不存在返回 400。',
      querystring: exportQueryOf(listActivitiesQuery),
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    await requireInView(deps.db, p, f);
    const rows = pageThrough((cursor) => listActivities(deps, p, { ...f, limit: EXPORT_PAGE_SIZE, cursor }));
    return sendExport(reply, { format, filename: exportFilename('代表活动列表', deps.clock.now()), sheetName: '代表活动', columns: ACTIVITY_EXPORT_COLUMNS, rows });
  });
}
