import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CASE_MEASURES, CASE_MEASURE_LABELS } from '../../../shared/stats.ts';
import { z } from 'zod';
import { CASE_ACTION_LABELS, CASE_ACTIONS } from '../../../shared/cases.ts';
import { actionContext, requirePrincipal } from '../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { platformErrors } from '../../platform/errors.ts';
import { id } from '../../platform/http/fields.ts';
import { addAttachment } from './commands/add-attachment.ts';
import { createCase } from './commands/create-case.ts';
import { performAction, type ActionInput } from './commands/perform-action.ts';
import { actionBodies, caseListItemOut, caseOut, caseParams, createdOut, idempotencyHeaders, listCasesQuery, staffCaseBody } from './cases.schemas.ts';
import { getAttachment, getCase, revealContact } from './queries/get-case.ts';
import { listCases } from './queries/list-cases.ts';

const tags = ['诉求办理 Cases'];

/** Staff routes: thin — parse, one command or query, present. */
export function caseRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/cases', {
    schema: {
      tags, summary: '诉求列表（按角色和管辖范围）',
      description: '`status` 可为状态或分组：open（在办）、handling（已交办、办理中）、ended（已结束）。`overdue=true`：当前时限已过；`dueState`：green / yellow（2 个工作日内到期）/ red（超期）。`from`/`to`：登记日期（北京时间，含两端）。`regionCode`：诉求所在区划代码前缀。`measure`：统计口径（与 /stats 的数字一一对应）：' +
        CASE_MEASURES.map((m) => `${m}（${CASE_MEASURE_LABELS[m].zh}：${CASE_MEASURE_LABELS[m].definition}）`).join('；') + '。',
      querystring: listCasesQuery, response: { 200: z.object({ items: z.array(caseListItemOut), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listCases(deps, requirePrincipal(req), req.query));

  r.post('/cases', {
    schema: {
      tags, summary: '登记诉求（接待日、电话、来信、微信群、走访、圆桌会）',
      description: '可带 `Idempotency-Key` 请求头：同一键与同一内容的重试返回同一件诉求，不会重复登记。',
      headers: idempotencyHeaders, body: staffCaseBody, response: { 201: createdOut },
    },
  }, async (req, reply) => {
    requirePrincipal(req);
    const res = await createCase(deps, actionContext(req, deps), req.body, { idempotencyKey: req.headers['idempotency-key'] });
    // A replay answers exactly as the first request did.
    return reply.status(201).send({ id: res.id, trackingCode: res.trackingCode, status: res.status });
  });

  r.get('/cases/:id', { schema: { tags, summary: '诉求详情（含时间线与可执行操作）', params: caseParams, response: { 200: caseOut } } }, async (req) => getCase(deps, requirePrincipal(req), req.params.id));

  r.get('/cases/:id/contact', {
    schema: { tags, summary: '查看群众完整联系方式（记入审计日志）', params: caseParams, response: { 200: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }) } },
  }, async (req) => {
    requirePrincipal(req);
    return revealContact(deps, actionContext(req, deps), req.params.id);
  });

  for (const action of CASE_ACTIONS) {
    r.post(`/cases/:id/${action}`, {
      schema: { tags, summary: `${CASE_ACTION_LABELS[action].zh} (${action})`, params: caseParams, body: actionBodies[action], response: { 200: caseOut } },
    }, async (req) => {
      requirePrincipal(req);
      return performAction(deps, actionContext(req, deps), req.params.id, action, req.body as ActionInput);
    });
  }

  r.post('/cases/:id/attachments', {
    schema: { tags, summary: '上传附件（multipart，字段 file），答复时以 attachmentIds 引用', params: caseParams, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    requirePrincipal(req);
    if (!req.isMultipart()) throw platformErrors.UNSUPPORTED_MEDIA_TYPE('请以 multipart/form-data 上传，文件字段名为 file');
    const file = await req.file();
    if (!file || file.fieldname !== 'file') throw platformErrors.VALIDATION_FAILED('缺少文件字段 file', { field: 'file' });
    const bytes = await file.toBuffer();
    return reply.status(201).send(await addAttachment(deps, actionContext(req, deps), req.params.id, { bytes, filename: file.filename }));
  });

  r.get('/cases/:id/attachments/:attachmentId', {
    schema: { tags, summary: '下载附件', params: z.strictObject({ id: id(), attachmentId: id() }) },
  }, async (req, reply) => {
    const f = await getAttachment(deps, requirePrincipal(req), req.params.id, req.params.attachmentId);
    return reply
      .header('content-type', f.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(f.bytes);
  });
}
