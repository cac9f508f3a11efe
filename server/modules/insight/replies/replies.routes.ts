import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import { hasRole } from '../../../platform/auth/principal.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { MINED_COUNTS } from './patterns.ts';
import { checkReply } from './hints.ts';
import { replyHintsBody, replyHintsOut } from './replies.schemas.ts';

const tags = ['诉求办理 Cases'];
const share = (n: number) => `${Math.round((100 * n) / MINED_COUNTS.replies)}%`;

/** POST /api/v1/insight/reply-hints. Thin: who may ask, then the pure check. */
export function repliesRoutes(app: FastifyInstance, _deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/insight/reply-hints', {
    schema: {
      tags, summary: '答复质量提示：答复草稿缺少哪些要素（问候语、核查情况、处理措施、办理时限、联系方式）',
      description: [
        '只是建议，不影响答复的提交；不保存任何内容。草稿先经过规范化（全角转半角、繁体转简体，去掉表情符号），再与从真实答复中归纳的用语比对：',
        '- **greeting 问候语**：您好、你好、尊敬的…，或开头的称呼（王先生：）；',
        '- **facts 核查情况**：经查、经核实、经调查、现场查看、调查核实…；',
        '- **measure 处理措施**：已安排、责令、整改、督促、约谈、下一步将…；',
        '- **timeframe 办理时限**：日前、X月X日前、月底前、X个工作日内、预计…（“尽快”“近期”不算）；',
        '- **contact 联系方式**：联系电话、咨询电话、可致电、联系人，或电话号码（“您未留下联系电话”不算）。',
        `用语表由 2,816 条部门答复归纳（scripts/insight/mine-reply-patterns.ts）；这些答复中含各要素的比例：问候语 ${share(MINED_COUNTS.elements.greeting)}、核查情况 ${share(MINED_COUNTS.elements.facts)}、处理措施 ${share(MINED_COUNTS.elements.measure)}、办理时限 ${share(MINED_COUNTS.elements.timeframe)}、联系方式 ${share(MINED_COUNTS.elements.contact)}。`,
        '**权限**：承办单位、联络站工作人员和区人大常委会（代表工委）；其他角色 403。**错误**：缺少 `content`、超过 5000 个字符或含控制字符：400，`field` 为 `body.content`。',
      ].join('\n'),
      body: replyHintsBody, response: { 200: replyHintsOut },
    },
  }, async (req) => {
    const p = requirePrincipal(req);
    if (!hasRole(p, 'department', 'station', 'admin')) throw platformErrors.FORBIDDEN('只有承办单位、联络站工作人员和区人大常委会可以使用答复质量提示');
    return checkReply(req.body.content);
  });
}
