import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ARCHIVE_KIND_LABELS, ARCHIVE_KINDS, type ArchiveEntryOut, type ArchiveListItem } from '../../../shared/archive.ts';
import { DEPUTY_LEVEL_LABELS, type DeputyLevel } from '../../../shared/org.ts';
import { requirePrincipal } from '../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { pageThrough, sendExport, type ExportColumn } from '../../platform/http/export.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { presentEntry } from './archive.presenter.ts';
import { archiveRepository } from './archive.repository.ts';
import {
  archiveEntryOut, archiveExportQuery, archiveListItemOut, deputyArchiveOut, deputyParams, entriesQuery, listArchivesExportQuery, listArchivesQuery, periodQuery,
} from './archive.schemas.ts';
import { exportTarget, getDeputyArchive, listArchives, listEntries } from './archive.service.ts';
import { periodLabel } from './period.ts';

const tags = ['履职档案 Archives'];

const RULES = '档案只记录有来源的履职事实（每条可追溯到接待记录、诉求、建议、票决、测评、活动或审核通过的补充材料），不做打卡、不统计在线时长或点击量、不按数量排名（落实 2023 年整治“指尖上的形式主义”要求）。';
const SCOPE = '区人大常委会（admin）：全区代表；联络站工作人员：本站及所属工作室履职的代表；代表：仅本人；承办单位、联络员：403。范围外的代表：404。';
const KINDS = `kind：${ARCHIVE_KINDS.map((k) => `${k} ${ARCHIVE_KIND_LABELS[k].zh}`).join('；')}。`;
const DEFINITIONS = [
  'reception_duty 接待日值班：排班表中本人值班、未取消的接待日（今天及以前）；attended = 当天接待记录列明本人到场。',
  'reception_people 接待群众：接待记录列明本人到场的每次接待，peopleReceived 为该次接待的群众人次（各批次之和）。',
  'case 收集诉求：本人作为接待代表的诉求，附当前状态与群众评价；resolved = 已答复/已反馈/已办结，closed = 已办结。',
  'suggestion 代表建议：本人领衔（role=lead）或已联名（role=cosponsor）且已提交（非草稿、非撤回）的建议，附状态、答复类别与领衔代表评价。',
  'vote 民生实事票决：本人有计入选票的票决会议，projects = 投票的项目数；从不包含投票选择。',
  'project_score 民生实事测评：本人提交测评表的测评轮次，projects = 测评的项目数；不包含分数。',
  'activity 参加活动：本人参加且已举行的活动（按活动类别，培训 training、述职 report_back 附群众评议结果）。',
  'self_report 补充履职材料：经联络站或区人大常委会审核通过的代表自报材料。',
  '日期按北京时间；年份为发生日期所在年份；届期为 org 登记的代表 term_start–term_end 年份。',
].join('\n');

/** The performance archive (一人一档): docs/plans/archive-api.md. */
export function archiveRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/archive/deputies', {
    schema: {
      tags, summary: '履职档案：代表列表（按姓名拼音排序，附各类履职记录条数）',
      description: `${SCOPE}\n列表按姓名排序，从不按数量排名。counts：所选年份（不传为全部）各类记录条数。${KINDS}\n${RULES}`,
      querystring: listArchivesQuery, response: { 200: z.object({ items: z.array(archiveListItemOut), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listArchives(deps, requirePrincipal(req), req.query));

  r.get('/archive/deputies/export', {
    schema: { tags, summary: '导出代表履职档案列表（Excel/CSV，与列表相同的范围和筛选）', description: `${SCOPE}\n${RULES}`, querystring: listArchivesExportQuery },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    const columns: ExportColumn<ArchiveListItem>[] = [
      { header: '代表', width: 12, value: (x) => x.deputy.name },
      { header: '层级', width: 14, value: (x) => DEPUTY_LEVEL_LABELS[x.deputy.level as DeputyLevel]?.zh ?? x.deputy.level },
      { header: '届次', width: 10, value: (x) => x.deputy.term },
      { header: '联络站', width: 30, value: (x) => x.deputy.stations.map((s) => s.name).join('、') },
      ...ARCHIVE_KINDS.map((k): ExportColumn<ArchiveListItem> => ({ header: ARCHIVE_KIND_LABELS[k].zh, width: 12, value: (x) => x.counts[k] })),
    ];
    const rows = pageThrough((cursor) => listArchives(deps, p, { ...f, limit: 100, cursor }));
    return sendExport(reply, { format, filename: `履职档案-${f.year ? `${f.year}年` : '全部'}-${shanghaiDate(deps.clock.now())}`, sheetName: '履职档案', columns, rows });
  });

  r.get('/archive/deputies/:deputyId', {
    schema: {
      tags, summary: '一位代表的履职档案：汇总与分类记录（每条附来源链接）',
      description: `${SCOPE}\nyear（自然年）或 term（届期）二选一，都不传为全部；今天以后的日期不计。sections 按固定类别顺序，每类最新的 200 条（more=true 时用 …/entries 翻页）。\n${DEFINITIONS}\n${RULES}`,
      params: deputyParams, querystring: periodQuery, response: { 200: deputyArchiveOut },
    },
  }, async (req) => getDeputyArchive(deps, requirePrincipal(req), req.params.deputyId, req.query));

  r.get('/archive/deputies/:deputyId/entries', {
    schema: {
      tags, summary: '一位代表的履职记录（按日期从新到旧，游标分页）',
      description: `${SCOPE}\n${KINDS}\n${DEFINITIONS}`,
      params: deputyParams, querystring: entriesQuery, response: { 200: z.object({ items: z.array(archiveEntryOut), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listEntries(deps, requirePrincipal(req), req.params.deputyId, req.query));

  r.get('/archive/deputies/:deputyId/export', {
    schema: { tags, summary: '导出一位代表的履职档案（Excel/CSV，流式）', description: `${SCOPE}\n${DEFINITIONS}\n${RULES}`, params: deputyParams, querystring: archiveExportQuery },
  }, async (req, reply) => {
    const { format, ...q } = req.query;
    const { deputy, period } = await exportTarget(deps, requirePrincipal(req), req.params.deputyId, q);
    async function* rows(): AsyncGenerator<ArchiveEntryOut> {
      let after: [string, string] | null = null;
      for (;;) {
        const page = await archiveRepository.entries(deps.db, deputy.id, period.entries, {}, 500, after);
        for (const e of page.slice(0, 500)) yield presentEntry(e);
        if (page.length <= 500) return;
        const last = page[499]!;
        after = [last.occurred_on, last.id];
      }
    }
    const columns: ExportColumn<ArchiveEntryOut>[] = [
      { header: '类别', width: 14, value: (e) => ARCHIVE_KIND_LABELS[e.kind].zh },
      { header: '日期', width: 12, value: (e) => e.occurredOn },
      { header: '事项', width: 40, value: (e) => e.title },
      { header: '情况', width: 50, value: (e) => e.note },
      { header: '来源', width: 50, value: (e) => `/console${e.link}` },
    ];
    return sendExport(reply, { format, filename: `履职档案-${deputy.name}-${periodLabel(period.period)}`, sheetName: deputy.name, columns, rows: rows() });
  });
}
