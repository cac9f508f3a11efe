import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import {
  createMilestoneBody, listProjectsQuery, milestoneFileOut, milestoneFileParams, milestoneParams, progressBody, projectDetailOut, projectParams,
  projectSummaryOut, updateMilestoneBody, updateProjectBody, versionQuery,
} from './implementation.schemas.ts';
import { getProject, listProjects, reportProgress, setFollowing, updateProject } from './implementation.service.ts';
import { addMilestoneFile, createMilestone, deleteMilestone, getMilestoneFile, removeMilestoneFile, updateMilestone } from './milestones.service.ts';

const tags = ['民生实事 Projects'];

/** One multipart file in the field `file`. */
async function oneFile(req: FastifyRequest): Promise<{ bytes: Buffer; filename: string }> {
  if (!req.isMultipart()) throw platformErrors.UNSUPPORTED_MEDIA_TYPE('请以 multipart/form-data 上传，文件字段名为 file');
  const file = await req.file();
  if (!file || file.fieldname !== 'file') throw platformErrors.VALIDATION_FAILED('缺少文件字段 file', { field: 'file' });
  return { bytes: await file.toBuffer(), filename: file.filename };
}

/** Projects after the vote: the list, a project, progress reports, milestones and their evidence, followers. Thin: parse, one service call. */
export function implementationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => {
    requirePrincipal(req);
    return actionContext(req, deps);
  };

  r.get('/projects', {
    schema: {
      tags, summary: '民生实事项目列表（本区，按年度从新到旧、票决顺序）',
      description: '所有状态（候选、未通过、已通过、实施中、已完成），`status` 筛选；`overdue=true` 只列有逾期节点的项目；`q` 搜索名称和说明。',
      querystring: listProjectsQuery, response: { 200: z.object({ items: z.array(projectSummaryOut), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listProjects(deps, requirePrincipal(req), req.query));

  r.get('/projects/:id', { schema: { tags, summary: '项目详情（节点、进度报告、关注、测评结果、可执行的操作）', params: projectParams, response: { 200: projectDetailOut } } },
    async (req) => getProject(deps, requirePrincipal(req), req.params.id));

  r.patch('/projects/:id', {
    schema: { tags, summary: '修改已通过项目的责任单位、说明、投资额（代表工委，带 version）', params: projectParams, body: updateProjectBody, response: { 200: projectDetailOut } },
  }, async (req) => updateProject(deps, ctx(req), req.params.id, req.body));

  r.post('/projects/:id/updates', {
    schema: {
      tags, summary: '报告进度（代表工委或责任单位，带 version）',
      description: '`progress` 为 0–100 的整数：0 已通过（未开工），1–99 实施中，100 已完成（须所有节点已完成）。关注者收到站内消息。',
      params: projectParams, body: progressBody, response: { 201: projectDetailOut },
    },
  }, async (req, reply) => reply.status(201).send(await reportProgress(deps, ctx(req), req.params.id, req.body)));

  r.post('/projects/:id/milestones', {
    schema: {
      tags, summary: '新增实施节点（默认排在最后；每个节点的计划日期不早于前一个）', params: projectParams, body: createMilestoneBody, response: { 201: projectDetailOut },
    },
  }, async (req, reply) => reply.status(201).send(await createMilestone(deps, ctx(req), req.params.id, req.body)));

  r.patch('/projects/:id/milestones/:mid', {
    schema: {
      tags, summary: '修改实施节点：名称、计划日期、完成日期（不晚于今天、不早于票决）、佐证说明（带 version）',
      params: milestoneParams, body: updateMilestoneBody, response: { 200: projectDetailOut },
    },
  }, async (req) => updateMilestone(deps, ctx(req), req.params.id, req.params.mid, req.body));

  r.delete('/projects/:id/milestones/:mid', {
    schema: { tags, summary: '删除未完成的实施节点（?version=）', params: milestoneParams, querystring: versionQuery, response: { 200: projectDetailOut } },
  }, async (req) => deleteMilestone(deps, ctx(req), req.params.id, req.params.mid, req.query.version));

  r.post('/projects/:id/milestones/:mid/files', {
    schema: {
      tags, summary: '上传节点佐证文件（multipart，字段 file）', description: '图片（JPEG、PNG、WebP、GIF，拍摄位置会被去除）、PDF、Word、Excel、纯文本。图片会在公开页面展示。',
      params: milestoneParams, consumes: ['multipart/form-data'], response: { 201: milestoneFileOut },
    },
  }, async (req, reply) => {
    const c = ctx(req);
    const file = await oneFile(req);
    return reply.status(201).send(await addMilestoneFile(deps, c, req.params.id, req.params.mid, file));
  });

  r.get('/projects/:id/milestones/:mid/files/:fileId', { schema: { tags, summary: '下载节点佐证文件', params: milestoneFileParams } }, async (req, reply) => {
    const f = await getMilestoneFile(deps, requirePrincipal(req), req.params.id, req.params.mid, req.params.fileId);
    return reply
      .header('content-type', f.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(f.bytes);
  });

  r.delete('/projects/:id/milestones/:mid/files/:fileId', { schema: { tags, summary: '删除节点佐证文件', params: milestoneFileParams } }, async (req, reply) => {
    await removeMilestoneFile(deps, ctx(req), req.params.id, req.params.mid, req.params.fileId);
    return reply.status(204).send();
  });

  r.post('/projects/:id/follow', { schema: { tags, summary: '关注项目（进度报告发到站内消息）', params: projectParams, response: { 200: projectDetailOut } } },
    async (req) => setFollowing(deps, ctx(req), req.params.id, true));
  r.delete('/projects/:id/follow', { schema: { tags, summary: '取消关注', params: projectParams, response: { 200: projectDetailOut } } },
    async (req) => setFollowing(deps, ctx(req), req.params.id, false));
}
