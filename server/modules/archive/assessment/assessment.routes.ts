import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { sendExport } from '../../../platform/http/export.ts';
import { resultColumns } from './assessment.export.ts';
import {
  closeBody, createRoundBody, createSheetBody, exportQuery, myAssessmentOut, resultListOut, resultOut, resultParams, roundListOut, roundOut, roundParams,
  sheetListOut, sheetOut, sheetParams, sheetsQuery, updateRoundBody, updateSheetBody, versionBody,
} from './assessment.schemas.ts';
import {
  closeRound, createRound, createSheet, getResult, getRound, getSheet, listResults, listRounds, listSheets, myAssessments, openRound, updateRound, updateSheet,
} from './assessment.service.ts';

const tags = ['履职考评 Assessment'];

const WHO = '可见范围：代表工委（admin）看本区全部；联络站工作人员看本站（含工作室）代表；代表只看本人。承办单位和联络员无权查看（403）；他区的考评不存在（404）。';
const RESULT_RULES =
  '计算方法：各评价主体（自评、代表小组、乡镇（街道）人大、区人大常委会代表工委）按权重对每项指标取加权平均，' +
  '综合得分 = Σ 指标权重 × 指标加权平均分 ÷ 100，四舍五入保留 2 位小数（由精确值计算，各指标平均分另行四舍五入显示）；' +
  '等次：优秀 ≥ 90，称职 ≥ 75，基本称职 ≥ 60，其余不称职。只计已提交的评分表；以 allowIncomplete 结束时，缺评的评价主体的权重按比例分给已评的主体' +
  '（如缺代表小组 20：自评 10/80、乡镇 30/80、工委 40/80），一张评分表都没有的代表不评定（total、grade 为 null）。';

/** Assessment rounds (履职考评): thin routes, one service call each. */
export function assessmentRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => {
    requirePrincipal(req);
    return actionContext(req, deps);
  };

  r.get('/assessment-rounds', {
    schema: { tags, summary: '履职考评列表（本区，按年度从新到旧）', description: `筹备中的考评只有代表工委可见；代表只看到自己参评的考评。每轮附评分进度（按评价主体：应交、已提交、暂存，限于调用者可见的代表）。${WHO}`, response: { 200: roundListOut } },
  }, async (req) => listRounds(deps, requirePrincipal(req)));

  r.post('/assessment-rounds', {
    schema: {
      tags, summary: '新建年度履职考评（代表工委；每区每年一轮）',
      description: '缺省：七项指标（出席会议 20、审议发言 15、代表建议 15、参加活动 10、视察调研 10、代表小组活动 10、联系群众 20），评价主体 自评 10、代表小组 20、乡镇（街道）人大 30、区人大常委会代表工委 40，参评代表为本区全部在任的区人大代表。两组权重之和都须为 100（否则 400，field 为 body.criteria / body.raters）。同一年度已有考评：409 ROUND_EXISTS。',
      body: createRoundBody, response: { 201: roundOut },
    },
  }, async (req, reply) => reply.status(201).send(await createRound(deps, ctx(req), req.body)));

  r.get('/assessment-rounds/mine', {
    schema: { tags, summary: '我的考评（代表本人：参评的考评、自评表、考评结果）', description: '只对代表账号开放（其他 403）。结果只含本人。', response: { 200: myAssessmentOut } },
  }, async (req) => myAssessments(deps, requirePrincipal(req)));

  r.get('/assessment-rounds/:id', {
    schema: { tags, summary: '履职考评详情（指标、评价主体、参评代表及各自评分表状态、进度、结果）', description: `deputies[].fillable：调用者现在可为该代表填写的评价主体。${WHO}`, params: roundParams, response: { 200: roundOut } },
  }, async (req) => getRound(deps, requirePrincipal(req), req.params.id));

  r.patch('/assessment-rounds/:id', {
    schema: { tags, summary: '修改筹备中的考评（名称、指标、评价主体权重、参评代表；带 version）', description: '开始后不能再改（409 ROUND_NOT_DRAFT）。参评代表须为本区在任代表（400，field 为 body.deputyIds.<序号>）。', params: roundParams, body: updateRoundBody, response: { 200: roundOut } },
  }, async (req) => updateRound(deps, ctx(req), req.params.id, req.body));

  r.post('/assessment-rounds/:id/open', {
    schema: { tags, summary: '开始考评（代表工委，带 version）', description: '筹备中 → 评分中；至少一位参评代表。', params: roundParams, body: versionBody, response: { 200: roundOut } },
  }, async (req) => openRound(deps, ctx(req), req.params.id, req.body.version));

  r.post('/assessment-rounds/:id/close', {
    schema: {
      tags, summary: '结束考评并计算结果（代表工委，带 version）',
      description: `评分中 → 已结束，计算并保存每位参评代表的结果。应交评分表 = 每位参评代表 × 每个权重大于 0 的评价主体；有未提交的（暂存不算）时拒绝（409 SHEETS_MISSING，details.missing 按评价主体计数），除非 allowIncomplete 为 true。${RESULT_RULES}`,
      params: roundParams, body: closeBody, response: { 200: roundOut },
    },
  }, async (req) => closeRound(deps, ctx(req), req.params.id, req.body));

  r.get('/assessment-rounds/:id/sheets', {
    schema: { tags, summary: '评分表列表（调用者可看的）', description: '代表工委看全部；联络站工作人员看本站代表的代表小组、乡镇（街道）人大评分表；代表只看本人自评表。', params: roundParams, querystring: sheetsQuery, response: { 200: sheetListOut } },
  }, async (req) => listSheets(deps, requirePrincipal(req), req.params.id, req.query));

  r.post('/assessment-rounds/:id/sheets', {
    schema: {
      tags, summary: '新建评分表（每位代表每个评价主体一张；可暂存或直接提交）',
      description: '谁可以填：自评 = 该代表本人；代表小组、乡镇（街道）人大 = 该代表所在联络站（含工作室）的工作人员；区人大常委会代表工委 = admin；其他 403 NOT_A_RATER。' +
        '分数 0–100，最多一位小数（否则 400，field 为 body.scores.<指标 key>）；submit 为 true 时须各项齐全。同一代表同一评价主体已有评分表：409 SHEET_EXISTS（并发提交只保留一张）。考评不在评分中：409 ROUND_NOT_OPEN。',
      params: roundParams, body: createSheetBody, response: { 201: sheetOut },
    },
  }, async (req, reply) => reply.status(201).send(await createSheet(deps, ctx(req), req.params.id, req.body)));

  r.get('/assessment-rounds/:id/sheets/:sheetId', {
    schema: { tags, summary: '评分表详情', params: sheetParams, response: { 200: sheetOut } },
  }, async (req) => getSheet(deps, requirePrincipal(req), req.params.id, req.params.sheetId));

  r.patch('/assessment-rounds/:id/sheets/:sheetId', {
    schema: { tags, summary: '修改暂存的评分表（带 version；scores 按指标合并）', description: '已提交或考评已结束后不能修改（409）。', params: sheetParams, body: updateSheetBody, response: { 200: sheetOut } },
  }, async (req) => updateSheet(deps, ctx(req), req.params.id, req.params.sheetId, req.body, false));

  r.post('/assessment-rounds/:id/sheets/:sheetId/submit', {
    schema: { tags, summary: '提交评分表（带 version；可同时带上最后的 scores、comment）', description: '提交时各项指标须都有分数（400，field 为 body.scores.<指标 key>）；提交后不能再改。', params: sheetParams, body: updateSheetBody, response: { 200: sheetOut } },
  }, async (req) => updateSheet(deps, ctx(req), req.params.id, req.params.sheetId, req.body, true));

  r.get('/assessment-rounds/:id/results', {
    schema: { tags, summary: '考评结果（已结束的考评；按姓名排序，不排名）', description: `${RESULT_RULES}${WHO} 考评未结束：409 ROUND_NOT_CLOSED。`, params: roundParams, response: { 200: resultListOut } },
  }, async (req) => {
    const { items, nextCursor } = await listResults(deps, requirePrincipal(req), req.params.id);
    return { items, nextCursor };
  });

  r.get('/assessment-rounds/:id/results/export', {
    schema: { tags, summary: '导出考评结果（Excel 或 CSV）', description: `与结果列表相同的范围和数字：姓名、联络站、综合得分、等次、各项指标加权平均分、各评价主体评分、缺评的评价主体、计算所用权重。${WHO}`, params: roundParams, querystring: exportQuery },
  }, async (req, reply) => {
    const { round, items } = await listResults(deps, requirePrincipal(req), req.params.id);
    return sendExport(reply, {
      format: req.query.format,
      filename: `${round.year}年度代表履职考评结果`,
      sheetName: '考评结果',
      columns: resultColumns(round),
      rows: (async function* () {
        yield* items;
      })(),
    });
  });

  r.get('/assessment-rounds/:id/results/:deputyId', {
    schema: { tags, summary: '一位代表的考评结果', description: `代表只能看本人的（他人的 404）。${RESULT_RULES}`, params: resultParams, response: { 200: resultOut } },
  }, async (req) => getResult(deps, requirePrincipal(req), req.params.id, req.params.deputyId));
}
