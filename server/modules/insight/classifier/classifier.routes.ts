import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { KEEP_MODELS, MAX_SAMPLES, MIN_SAMPLES, RETRAIN_EVERY_MS, RETRAIN_GROWTH } from './classifier.service.ts';
import { modelOut, modelsOut, modelsQuery, suggestBody, suggestionOut } from './classifier.schemas.ts';
import { listModels, suggestCategory, trainForAdmin } from './classifier.service.ts';

const tags = ['诉求办理 Cases'];

const HOW = [
  '**分类模型**：从本区已分类的诉求（已交办、办理中、已答复、已反馈、已办结的，按其现在的类别；工作人员采纳或改正的类别就是下一次训练的依据）学习。',
  '标题和内容规范化（全角转半角、繁体转简体、去掉表情）后取单字和相邻两字（标题另计一份），TF-IDF 加权，每个类别一个线性支持向量机（按朴素贝叶斯对数比缩放特征，NB-SVM）。',
  `学习最新的已分类诉求（最多 ${MAX_SAMPLES.toLocaleString('en-US')} 件）：先留出五分之一测量质量（准确率、宏平均 F1、各类别的精确率和召回率）并校准置信度，再用全部这些诉求训练。已分类诉求不足 ${MIN_SAMPLES} 件时没有模型；`,
  `后台每 ${RETRAIN_EVERY_MS / 60_000} 分钟（和服务启动时）检查一次，已分类诉求比当前模型多 ${RETRAIN_GROWTH * 100}% 时训练新版本。保存最新 ${KEEP_MODELS} 个版本的模型，更早的只保留数字。`,
].join('');

/** /api/v1/insight/models and /api/v1/insight/suggest-category. Thin: parse, one call. */
export function classifierRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/insight/models', {
    schema: {
      tags, summary: '诉求分类模型的各个版本：训练时间、件数、质量（区人大常委会）',
      description: `${HOW}\n\n新版本在前。只有区人大常委会（admin）可以查看（其他角色 403）。`,
      querystring: modelsQuery, response: { 200: modelsOut },
    },
  }, async (req) => listModels(deps, requirePrincipal(req), req.query));

  r.post('/insight/models/train', {
    schema: {
      tags, summary: '立即训练新版本的分类模型（区人大常委会）',
      description: `${HOW}\n\n训练完成后返回 201 和新版本（已启用）。已分类诉求不足 ${MIN_SAMPLES} 件或只有一个类别：409 \`NOT_ENOUGH_CASES\`。只有区人大常委会（admin）可以训练（其他角色 403）。`,
      response: { 201: modelOut },
    },
  }, async (req, reply) => {
    requirePrincipal(req); // without a session 401, not the 403 of a signed-in non-admin
    return reply.code(201).send(await trainForAdmin(deps, actionContext(req, deps)));
  });

  r.post('/insight/suggest-category', {
    schema: {
      tags, summary: '登记时的类别和承办单位建议',
      description: `${HOW}\n\n返回建议类别、置信度、其次可能的类别，以及按分办规则该类别应交办的承办单位；只建议本区启用的类别。只作建议，不改变任何数据。` +
        '区人大常委会、联络站工作人员、联络员和代表可用（其他角色 403）。`content` 为空：400（`body.content`）；`stationId` 不在调用者可登记的范围内：400（`body.stationId`）。' +
        '本区还没有模型：409 `NO_MODEL`。',
      body: suggestBody, response: { 200: suggestionOut },
    },
  }, async (req) => suggestCategory(deps, requirePrincipal(req), req.body));
}
