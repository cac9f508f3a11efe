import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SELF_REPORT_KIND_LABELS, SELF_REPORT_KINDS } from '../../../../shared/archive.ts';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { maxUploadBytes } from '../../../platform/files/limits.ts';
import { sizeText } from '../../../platform/files/uploads.ts';
import { archiveErrors } from '../archive.errors.ts';
import {
  createReportBody, listReportsQuery, reportFileOut, reportFileParams, reportListItemOut, reportOut, reportParams, reportVersionBody, reviewBody, updateReportBody,
} from '../archive.schemas.ts';
import {
  addAttachment, createSelfReport, getAttachment, getSelfReport, listSelfReports, MAX_ATTACHMENTS, removeAttachment, reviewSelfReports, submitSelfReport,
  updateSelfReport, withdrawSelfReport,
} from './self-reports.service.ts';

const tags = ['履职档案 Archives'];
const KINDS = SELF_REPORT_KINDS.map((k) => `${k} ${SELF_REPORT_KIND_LABELS[k].zh}`).join('；');
const WHO = '代表本人填报、修改（草稿或已退回时）、提交、撤回；审核：代表所在联络站（及所属工作室）的工作人员或区人大常委会（admin），不能审核本人的材料。代表可看本人全部材料；审核人看已提交过的（草稿不可见）。承办单位、联络员：403。';

/** One multipart file in the field `file`; an oversize file is a 413 naming the limit, never a crash. */
async function oneFile(req: FastifyRequest, deps: AppDeps): Promise<{ bytes: Buffer; filename: string }> {
  if (!req.isMultipart()) throw platformErrors.UNSUPPORTED_MEDIA_TYPE('请以 multipart/form-data 上传，文件字段名为 file');
  const file = await req.file();
  if (!file || file.fieldname !== 'file') throw platformErrors.VALIDATION_FAILED('缺少文件字段 file', { field: 'file' });
  try {
    return { bytes: await file.toBuffer(), filename: file.filename };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw archiveErrors.FILE_TOO_LARGE(`附件太大：每个文件不能超过 ${sizeText(maxUploadBytes(deps.config))}`, { field: 'file' });
    }
    throw e;
  }
}

/** Self-reports (补充履职材料) and their review: docs/plans/archive-api.md. */
export function selfReportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => {
    requirePrincipal(req);
    return actionContext(req, deps);
  };

  r.get('/archive/self-reports', {
    schema: {
      tags, summary: '补充履职材料列表（新的在前；审核队列用 status=submitted）', description: WHO,
      querystring: listReportsQuery, response: { 200: z.object({ items: z.array(reportListItemOut), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    const { status, ...q } = req.query;
    return listSelfReports(deps, requirePrincipal(req), { ...q, status });
  });

  r.post('/archive/self-reports', {
    schema: {
      tags, summary: '填报补充履职材料（代表本人，保存为草稿）',
      description: `类别 kind：${KINDS}。日期不晚于今天。附件另行上传。${WHO}`, body: createReportBody, response: { 201: reportOut },
    },
  }, async (req, reply) => reply.status(201).send(await createSelfReport(deps, ctx(req), req.body)));

  r.post('/archive/self-reports/review', {
    schema: {
      tags, summary: '批量审核补充履职材料（通过或退回，全部成功或全部不变）',
      description: `ids 1–100 份；decision=approve 通过（记入履职档案）或 return 退回（须填 reason）。任何一份不在范围内（404）、不由您审核（403）或不在待审核状态（409）时整批不变，field 指明 body.ids.N。代表收到站内消息。${WHO}`,
      body: reviewBody, response: { 200: z.object({ items: z.array(reportListItemOut) }) },
    },
  }, async (req) => reviewSelfReports(deps, ctx(req), req.body));

  r.get('/archive/self-reports/:id', {
    schema: { tags, summary: '补充履职材料详情（附件、审核记录）', description: WHO, params: reportParams, response: { 200: reportOut } },
  }, async (req) => getSelfReport(deps, requirePrincipal(req), req.params.id));

  r.patch('/archive/self-reports/:id', {
    schema: { tags, summary: '修改补充履职材料（草稿或已退回；带 version）', description: WHO, params: reportParams, body: updateReportBody, response: { 200: reportOut } },
  }, async (req) => updateSelfReport(deps, ctx(req), req.params.id, req.body));

  r.post('/archive/self-reports/:id/submit', {
    schema: { tags, summary: '提交审核（草稿或已退回 → 待审核；通知联络站工作人员）', description: WHO, params: reportParams, body: reportVersionBody, response: { 200: reportOut } },
  }, async (req) => submitSelfReport(deps, ctx(req), req.params.id, req.body));

  r.post('/archive/self-reports/:id/withdraw', {
    schema: { tags, summary: '撤回待审核的材料（→ 草稿）', description: WHO, params: reportParams, body: reportVersionBody, response: { 200: reportOut } },
  }, async (req) => withdrawSelfReport(deps, ctx(req), req.params.id, req.body));

  r.post('/archive/self-reports/:id/attachments', {
    schema: {
      tags, summary: '上传附件（multipart，字段 file；代表本人，草稿或已退回时）',
      description: `图片（去除拍摄位置）、PDF、Word、Excel、纯文本；文件内容须与扩展名相符；每个文件不超过上传上限（LIANXIN_MAX_UPLOAD_MB，默认 10 MB，超过为 413 FILE_TOO_LARGE）；每份材料最多 ${MAX_ATTACHMENTS} 个。`,
      params: reportParams, consumes: ['multipart/form-data'], response: { 201: reportFileOut },
    },
  }, async (req, reply) => {
    const c = ctx(req);
    const file = await oneFile(req, deps);
    return reply.status(201).send(await addAttachment(deps, c, req.params.id, file));
  });

  r.get('/archive/self-reports/:id/attachments/:fileId', { schema: { tags, summary: '下载附件', params: reportFileParams } }, async (req, reply) => {
    const f = await getAttachment(deps, requirePrincipal(req), req.params.id, req.params.fileId);
    return reply
      .header('content-type', f.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(f.bytes);
  });

  r.delete('/archive/self-reports/:id/attachments/:fileId', { schema: { tags, summary: '删除附件（代表本人，草稿或已退回时）', params: reportFileParams } }, async (req, reply) => {
    await removeAttachment(deps, ctx(req), req.params.id, req.params.fileId);
    return reply.status(204).send();
  });
}
