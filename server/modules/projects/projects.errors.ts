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
  SESSION_NOT_DRAFT: { status: 409, message: '票决会议已开始或已结束，不能再修改会议设置和候选项目' },
  SESSION_NOT_CLOSED: { status: 409, message: '票决会议尚未结束，还没有票决结果' },
  SESSION_EMPTY: { status: 409, message: '票决会议至少需要一个候选项目和一位参会代表才能开始' },
  PAPER_PENDING: { status: 409, message: '还有纸质选票录入未复核，请复核或退回后再结束会议' },
  PAPER_ENTRY_NOT_FOUND: { status: 404, message: '纸质选票录入不存在或不在您的管辖范围内' },
  PAPER_NOT_PENDING: { status: 409, message: '该纸质选票录入已复核或已退回' },
  SAME_PERSON: { status: 403, message: '纸质选票须由录入人以外的另一位工作人员复核' },
  MEMBER_INVALID: { status: 400, message: '参会代表须为本区在任的人大代表' },
  VOTING_RULES_INVALID: { status: 400, message: '票决规则设置不正确' },
  CANDIDATE_INVALID: { status: 400, message: '候选项目不正确' },
  CANDIDATE_LIMIT: { status: 409, message: '一次票决会议的候选项目数量已达上限' },
  // solicitation and screening
  CALL_NOT_FOUND: { status: 404, message: '项目征集不存在或不在您的管辖范围内' },
  CALL_CLOSED: { status: 409, message: '项目征集不在征集期内（尚未开始或已截止），不能提交建议项目' },
  CALL_DATES_INVALID: { status: 400, message: '征集截止日期不能早于开始日期' },
  PROPOSAL_NOT_FOUND: { status: 404, message: '建议项目不存在或不在您的管辖范围内' },
  PROPOSAL_MERGED: { status: 409, message: '该建议项目已合并到另一项，请在合并后的项目上操作' },
  MERGE_INVALID: { status: 400, message: '只能合并到同一征集中另一项未合并的建议项目' },
  DEPARTMENT_INVALID: { status: 400, message: '责任单位不存在、已停用或不属于本区' },
  CASE_INVALID: { status: 400, message: '关联的诉求不存在或不在您的管辖范围内' },
  PROPOSAL_IDEMPOTENCY_REUSED: { status: 409, message: 'Idempotency-Key 已用于另一份不同的提交' },
  // implementation
  PROJECT_NOT_FOUND: { status: 404, message: '项目不存在或不在您的管辖范围内' },
  PROGRESS_OUT_OF_RANGE: { status: 400, message: '进度应为 0 到 100 之间的整数' },
  MILESTONES_OUT_OF_ORDER: { status: 400, message: '节点日期顺序不对：每个节点的计划日期不能早于前一个节点' },
});
