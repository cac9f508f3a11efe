import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVIDENCE_ACTIONS } from '../../../../shared/standards.ts';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { getCoverage } from './coverage.service.ts';
import { addEvidenceFile, evidenceAction, getEvidenceDetail, getEvidenceFile, getStationStandards, putEvidenceText, removeEvidenceFile } from './evidence.service.ts';
import { createItem, listItems, setItemActive, updateItem } from './items.service.ts';
import {
  approveBody, coverageOut, coverageQuery, createItemBody, deleteFileQuery, downloadQuery, evidenceDetailOut, evidenceOut, evidenceParams,
  evidenceVersionBody, fileParams, itemOut, itemParams, itemVersionBody, listItemsQuery, putEvidenceBody, returnBody, stationStandardsOut, updateItemBody,
} from './standards.schemas.ts';

const tags = ['标准化建设 Standards'];
const stationParams = z.strictObject({ id: itemParams.shape.id });
const ACTION_BODY = { submit: evidenceVersionBody, withdraw: evidenceVersionBody, approve: approveBody, return: returnBody } as const;
const ACTION_SUMMARY = {
  submit: '提交审核（本站工作人员）', withdraw: '撤回待审核或已通过的材料（本站工作人员）', approve: '审核通过（区人大常委会）', return: '退回并说明理由（区人大常委会）',
} as const;

/** The standards checklist (八有/五有): docs/plans/standards-api.md. */
export function standardsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/standard-items', {
    schema: { tags, summary: '标准项清单（八有/五有）', querystring: listItemsQuery, response: { 200: z.object({ items: z.array(itemOut) }) } },
  }, async (req) => ({ items: await listItems(db, requirePrincipal(req), req.query) }));

  r.post('/standard-items', {
    schema: { tags, summary: '新建标准项（区人大常委会）', body: createItemBody, response: { 201: itemOut } },
  }, async (req, reply) => {
    requirePrincipal(req);
    return reply.status(201).send(await createItem(db, actionContext(req, deps), req.body));
  });

  r.patch('/standard-items/:id', {
    schema: { tags, summary: '修改标准项（编码不可改）', params: itemParams, body: updateItemBody, response: { 200: itemOut } },
  }, async (req) => {
    requirePrincipal(req);
    return updateItem(db, actionContext(req, deps), req.params.id, req.body);
  });

  for (const [path, active] of [['deactivate', false], ['activate', true]] as const) {
    r.post(`/standard-items/:id/${path}`, {
      schema: { tags, summary: active ? '启用标准项' : '停用标准项', params: itemParams, body: itemVersionBody, response: { 200: itemOut } },
    }, async (req) => {
      requirePrincipal(req);
      return setItemActive(db, actionContext(req, deps), req.params.id, req.body.version, active);
    });
  }

  r.get('/standards/coverage', {
    schema: { tags, summary: '达标情况总览（按管辖范围）', querystring: coverageQuery, response: { 200: coverageOut } },
  }, async (req) => getCoverage(db, requirePrincipal(req), req.query));

  r.get('/stations/:id/standards', {
    schema: { tags, summary: '联络站（工作室）的标准项与材料', params: stationParams, response: { 200: stationStandardsOut } },
  }, async (req) => getStationStandards(db, requirePrincipal(req), req.params.id));

  r.get('/stations/:id/standards/:itemId', {
    schema: { tags, summary: '一项标准的材料与提交、审核记录', params: evidenceParams, response: { 200: evidenceDetailOut } },
  }, async (req) => getEvidenceDetail(db, requirePrincipal(req), req.params.id, req.params.itemId));

  r.put('/stations/:id/standards/:itemId', {
    schema: { tags, summary: '填写说明（本站工作人员；尚无材料时 version 为 0）', params: evidenceParams, body: putEvidenceBody, response: { 200: evidenceOut } },
  }, async (req) => {
    requirePrincipal(req);
    return putEvidenceText(db, actionContext(req, deps), req.params.id, req.params.itemId, req.body);
  });

  r.post('/stations/:id/standards/:itemId/files', {
    schema: { tags, summary: '上传照片或文件（multipart，字段 file）', params: evidenceParams, consumes: ['multipart/form-data'], response: { 201: evidenceOut } },
  }, async (req, reply) => {
    requirePrincipal(req);
    if (!req.isMultipart()) throw platformErrors.UNSUPPORTED_MEDIA_TYPE('请以 multipart/form-data 上传，文件字段名为 file');
    const file = await req.file();
    if (!file || file.fieldname !== 'file') throw platformErrors.VALIDATION_FAILED('缺少文件字段 file', { field: 'file' });
    const bytes = await file.toBuffer();
    return reply.status(201).send(await addEvidenceFile(deps, actionContext(req, deps), req.params.id, req.params.itemId, { bytes, filename: file.filename }));
  });

  r.get('/stations/:id/standards/:itemId/files/:fileId', {
    schema: { tags, summary: '下载材料文件（图片加 ?inline=1 可直接显示）', params: fileParams, querystring: downloadQuery },
  }, async (req, reply) => {
    const f = await getEvidenceFile(deps, requirePrincipal(req), req.params.id, req.params.itemId, req.params.fileId);
    const inline = req.query.inline === '1' && f.mime.startsWith('image/');
    return reply
      .header('content-type', f.mime)
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(f.bytes);
  });

  r.delete('/stations/:id/standards/:itemId/files/:fileId', {
    schema: { tags, summary: '删除材料文件（本站工作人员）', params: fileParams, querystring: deleteFileQuery, response: { 200: evidenceOut } },
  }, async (req) => {
    requirePrincipal(req);
    return removeEvidenceFile(db, actionContext(req, deps), req.params.id, req.params.itemId, req.params.fileId, req.query.version);
  });

  for (const action of EVIDENCE_ACTIONS) {
    r.post(`/stations/:id/standards/:itemId/${action}`, {
      schema: { tags, summary: ACTION_SUMMARY[action], params: evidenceParams, body: ACTION_BODY[action], response: { 200: evidenceOut } },
    }, async (req) => {
      requirePrincipal(req);
      const body = req.body as { version: number; note?: string; reason?: string };
      return evidenceAction(db, actionContext(req, deps), req.params.id, req.params.itemId, action, { version: body.version, note: body.note ?? body.reason });
    });
  }
}
