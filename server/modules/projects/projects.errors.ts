import { defineErrors } from '../../platform/errors.ts';

/** Error codes of the projects module (calls, proposals, voting, implementation, evaluation). Add codes here, grouped by part. */
export const projectsErrors = defineErrors({
  // voting
  VOTING_SESSION_NOT_FOUND: { status: 404, message: '票决会议不存在或不在您的管辖范围内' },
  NOT_A_MEMBER: { status: 403, message: '您不是本次票决会议的代表，不能投票' },
  ALREADY_VOTED: { status: 409, message: '您已对该项目投过票，每位代表每个项目只能投一票' },
  SESSION_NOT_OPEN: { status: 409, message: '票决会议未在投票中（尚未开始或已经结束），不能投票' },
  PROJECT_NOT_IN_SESSION: { status: 400, message: '所投项目不是本次票决会议的候选项目' },
  TOO_MANY_APPROVALS: { status: 409, message: '赞成票已达本次会议规定的上限' },
  // implementation
  PROJECT_NOT_FOUND: { status: 404, message: '项目不存在或不在您的管辖范围内' },
  PROGRESS_OUT_OF_RANGE: { status: 400, message: '进度应为 0 到 100 之间的整数' },
  MILESTONES_OUT_OF_ORDER: { status: 400, message: '节点日期顺序不对：每个节点的计划日期不能早于前一个节点' },
});
