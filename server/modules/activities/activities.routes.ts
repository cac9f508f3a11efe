import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { platformErrors } from '../../platform/errors.ts';
import { boolQuery } from '../../platform/http/fields.ts';
import {
  activityListItemOut, activityOut, activityParams, cancelBody, createActivityBody, evaluationBody, fileOut, fileParams, filePublicBody, listActivitiesQuery,
  outcomeBody, outcomeCaseBody, outcomeParams, updateActivityBody, versionQuery,
} from './activities.schemas.ts';
import { addFile, getFile, removeFile, setPhotoPublic, type FileKind } from './commands/files.ts';
import { addOutcome, deleteOutcome, setOutcomeCase } from './commands/outcomes.ts';
import { cancelActivity, createActivity, setEvaluation, updateActivity } from './commands/save-activity.ts';
import { getActivity } from './queries/get-activity.ts';
import { listActivities } from './queries/list-activities.ts';

const tags = ['活动 Activities'];

const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(8, 'Idempotency-Key 至少 8 个字符').max(100, 'Idempotency-Key 不能超过 100 个字符').regex(/^[\x21-\x7e]+$/, 'Idempotency-Key 只能包含可见 ASCII 字符').optional(),
});

/** One multipart file in the field `file`. */
async function oneFile(req: FastifyRequest): Promise<{ bytes: Buffer; filename: string }> {
  if (!req.isMultipart()) throw platformErrors.UNSUPPORTED_MEDIA_TYPE('请以 multipart/form-data 上传，文件字段名为 file');
  const file = await req.file();
  if (!file || file.fieldname !== 'file') throw platformErrors.VALIDATION_FAILED('缺少文件字段 file', { field: 'file' });
  return { bytes: await file.toBuffer(), filename: file.filename };
}

function sendFile(reply: FastifyReply, f: { bytes: Buffer; mime: string; filename: string }) {
  return reply
    .header('content-type', f.mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(f.bytes);
}

/** Staff routes: thin — parse, one command or query. */
export function activityRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => {
    requirePrincipal(req);
    return actionContext(req, deps);
  };

  r.get('/activities', {
    schema: {
      tags, summary: '活动列表（按角色和管辖范围，按日期从新到旧）',
      description: '`stationId=district` 只列区级活动；`deputyId` 列该代表参加的活动；`q` 搜索标题、地点、组织者。',
      querystring: listActivitiesQuery, response: { 200: z.object({ items: z.array(activityListItemOut), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listActivities(deps, requirePrincipal(req), req.query));

  r.post('/activities', {
    schema: { tags, summary: '登记活动（视察、调研、座谈会、代表小组活动、培训、述职、法律服务、调解、圆桌会）', body: createActivityBody, response: { 201: activityOut } },
  }, async (req, reply) => reply.status(201).send(await createActivity(deps, ctx(req), req.body)));

  r.get('/activities/:id', { schema: { tags, summary: '活动详情', params: activityParams, response: { 200: activityOut } } },
    async (req) => getActivity(deps, requirePrincipal(req), req.params.id));

  r.patch('/activities/:id', { schema: { tags, summary: '修改活动（带 version）', params: activityParams, body: updateActivityBody, response: { 200: activityOut } } },
    async (req) => updateActivity(deps, ctx(req), req.params.id, req.body));

  r.post('/activities/:id/cancel', { schema: { tags, summary: '取消计划中的活动', params: activityParams, body: cancelBody, response: { 200: activityOut } } },
    async (req) => cancelActivity(deps, ctx(req), req.params.id, req.body));

  r.put('/activities/:id/evaluation', {
    schema: { tags, summary: '录入述职活动的群众评议结果（满意、基本满意、不满意票数）', params: activityParams, body: evaluationBody, response: { 200: activityOut } },
  }, async (req) => setEvaluation(deps, ctx(req), req.params.id, req.body));

  r.post('/activities/:id/outcomes', {
    schema: {
      tags, summary: '记录活动成果（可关联已有诉求或新建诉求）',
      description: '`caseId` 关联已有诉求；`newCase` 通过诉求模块新建一件诉求（渠道：圆桌会、座谈会为 roundtable，视察、调研为 visit，其余为 reception）。可带 `Idempotency-Key`。',
      params: activityParams, headers: idempotencyHeaders, body: outcomeBody, response: { 201: activityOut },
    },
  }, async (req, reply) => reply.status(201).send(await addOutcome(deps, ctx(req), req.params.id, req.body, { idempotencyKey: req.headers['idempotency-key'] })));

  r.post('/activities/:id/outcomes/:outcomeId/case', {
    schema: { tags, summary: '为成果关联已有诉求或新建诉求（二选一）', params: outcomeParams, body: outcomeCaseBody, response: { 200: activityOut } },
  }, async (req) => setOutcomeCase(deps, ctx(req), req.params.id, req.params.outcomeId, req.body));

  r.delete('/activities/:id/outcomes/:outcomeId', {
    schema: { tags, summary: '删除成果（已关联的诉求不受影响）', params: outcomeParams, querystring: versionQuery, response: { 200: activityOut } },
  }, async (req) => deleteOutcome(deps, ctx(req), req.params.id, req.params.outcomeId, req.query.version));

  for (const [kind, path, label] of [['photo', 'photos', '照片'], ['attachment', 'attachments', '附件']] as const satisfies ReadonlyArray<readonly [FileKind, string, string]>) {
    r.post(`/activities/:id/${path}`, {
      schema: {
        tags, summary: `上传${label}（multipart，字段 file）`,
        description: kind === 'photo' ? 'JPEG、PNG、WebP、GIF，拍摄位置会被去除。`?public=true`：可在公开门户展示。' : '图片、PDF、Word、Excel、纯文本（会议纪要、签到表、评议表）。',
        params: activityParams, querystring: z.strictObject({ public: boolQuery() }), consumes: ['multipart/form-data'], response: { 201: fileOut },
      },
    }, async (req, reply) => {
      const c = ctx(req);
      const file = await oneFile(req);
      return reply.status(201).send(await addFile(deps, c, req.params.id, kind, { ...file, public: req.query.public === true }));
    });
    r.get(`/activities/:id/${path}/:fileId`, { schema: { tags, summary: `下载${label}`, params: fileParams } },
      async (req, reply) => sendFile(reply, await getFile(deps, requirePrincipal(req), req.params.id, kind, req.params.fileId)));
    r.delete(`/activities/:id/${path}/:fileId`, { schema: { tags, summary: `删除${label}`, params: fileParams } }, async (req, reply) => {
      await removeFile(deps, ctx(req), req.params.id, kind, req.params.fileId);
      return reply.status(204).send();
    });
  }

  r.patch('/activities/:id/photos/:fileId', {
    schema: { tags, summary: '设置照片是否在公开门户展示', params: fileParams, body: filePublicBody, response: { 200: fileOut } },
  }, async (req) => setPhotoPublic(deps, ctx(req), req.params.id, req.params.fileId, req.body.public));
}
