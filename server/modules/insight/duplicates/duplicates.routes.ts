import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { MAX_RESULTS, MIN_TOKENS, THRESHOLD, WINDOW_DAYS } from './fingerprint.ts';
import { similarBody, similarOut } from './duplicates.schemas.ts';
import { findSimilarCases } from './duplicates.service.ts';

const tags = ['诉求办理 Cases'];

/** POST /api/v1/cases/similar. Thin: parse, one query. */
export function duplicatesRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/cases/similar', {
    schema: {
      tags, summary: '登记前查重：可能重复的在办诉求',
      description: [
        '登记诉求时（保存之前）查找可能重复的诉求，只作提示，不阻止登记。区人大常委会、联络站工作人员、联络员和代表可用（其他角色 403）；`stationId` 须是调用者可以登记的联络站（否则 400，`field` 为 `body.stationId`）。',
        `**范围**：调用者管辖范围内、未结束（不是已办结、不予受理、已合并）、近 ${WINDOW_DAYS} 天内登记、与该联络站同一街道（乡镇，区划代码前 9 位）的诉求（同一联络站的自然包括在内）。`,
        `**相似度**：标题和内容规范化（全角转半角、繁体转简体、去掉表情和标点）后，取相邻两个字（英文单词、数字各算一个）组成的集合，计算 Jaccard 相似度（交集 / 并集）。候选由 MinHash（64 个哈希）的 21 个 LSH 分段（每段 3 个值）找出，再逐一精确计算；相似度不低于 ${THRESHOLD} 的按相似度从高到低最多返回 ${MAX_RESULTS} 件。阈值在真实留言数据上测定：改动标点、调换几个词、改为繁体的“近似复制”，短文本（标题＋第一句）召回 97.7%，整条留言 100%。`,
        `内容为空或少于 ${MIN_TOKENS} 个字/词时不查重，返回空列表。缺少 \`content\`：400，\`field\` 为 \`body.content\`。`,
      ].join('\n\n'),
      body: similarBody, response: { 200: similarOut },
    },
  }, async (req) => findSimilarCases(deps, requirePrincipal(req), req.body));
}
