/**
 * Deputies' suggestions (代表建议): vocabulary and wire shapes shared by the server and the console.
 * Plain data and types, no imports. The HTTP API is described in docs/plans/suggestions-api.md.
 */

type Label = { zh: string; en: string };

export const SUGGESTION_STATUSES = ['draft', 'submitted', 'registered', 'assigned', 'replied', 'rehandling', 'closed', 'withdrawn'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
export const SUGGESTION_STATUS_LABELS: Record<SuggestionStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  registered: { zh: '已立案', en: 'Registered' },
  assigned: { zh: '已交办', en: 'Assigned' },
  replied: { zh: '已答复', en: 'Replied' },
  rehandling: { zh: '重新办理', en: 'Re-handling' },
  closed: { zh: '已办结', en: 'Closed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** Every workflow action; who may take it and from which status lives in server/modules/suggestions/suggestion-status.ts. */
export const SUGGESTION_ACTIONS = [
  'submit', 'withdraw', 'return', 'register', 'assign', 'co-opinion', 'request-extension', 'approve-extension',
  'reply', 'evaluate', 'supervise', 'publish', 'sign', 'decline',
] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];
export const SUGGESTION_ACTION_LABELS: Record<SuggestionAction, Label> = {
  submit: { zh: '提交建议', en: 'Submit' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  return: { zh: '退回修改', en: 'Return for revision' },
  register: { zh: '立案', en: 'Register' },
  assign: { zh: '交办', en: 'Assign' },
  'co-opinion': { zh: '协办意见', en: 'Co-handling opinion' },
  'request-extension': { zh: '申请延期', en: 'Request extension' },
  'approve-extension': { zh: '审批延期', en: 'Decide extension' },
  reply: { zh: '答复', en: 'Reply' },
  evaluate: { zh: '代表评价', en: 'Deputy evaluation' },
  supervise: { zh: '督办', en: 'Supervise' },
  publish: { zh: '公开', en: 'Publish' },
  sign: { zh: '联名附议', en: 'Co-sign' },
  decline: { zh: '谢绝联名', en: 'Decline to co-sign' },
};

/** 大会期间 / 闭会期间. */
export const SUGGESTION_PERIODS = ['session', 'recess'] as const;
export type SuggestionPeriod = (typeof SUGGESTION_PERIODS)[number];
export const SUGGESTION_PERIOD_LABELS: Record<SuggestionPeriod, Label> = {
  session: { zh: '大会期间', en: 'During the session' },
  recess: { zh: '闭会期间', en: 'Between sessions' },
};

/** The standard classes of a department's reply (A/B/C/D). */
export const REPLY_CATEGORIES = ['resolved', 'in_progress', 'planned', 'constrained'] as const;
export type ReplyCategory = (typeof REPLY_CATEGORIES)[number];
export const REPLY_CATEGORY_LABELS: Record<ReplyCategory, Label> = {
  resolved: { zh: '已解决', en: 'Resolved' },
  in_progress: { zh: '正在解决', en: 'Being resolved' },
  planned: { zh: '列入计划', en: 'Planned' },
  constrained: { zh: '因条件限制难以解决', en: 'Not feasible for now' },
};

export const EVALUATION_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type EvaluationRating = (typeof EVALUATION_RATINGS)[number];
export const EVALUATION_RATING_LABELS: Record<EvaluationRating, Label> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

export const COSPONSOR_STATUSES = ['invited', 'signed', 'declined'] as const;
export type CosponsorStatus = (typeof COSPONSOR_STATUSES)[number];
export const COSPONSOR_STATUS_LABELS: Record<CosponsorStatus, Label> = {
  invited: { zh: '待联名', en: 'Invited' },
  signed: { zh: '已联名', en: 'Signed' },
  declined: { zh: '已谢绝', en: 'Declined' },
};

export const HANDLER_ROLES = ['lead', 'co'] as const;
export type HandlerRole = (typeof HANDLER_ROLES)[number];
export const HANDLER_ROLE_LABELS: Record<HandlerRole, Label> = {
  lead: { zh: '主办', en: 'Lead' },
  co: { zh: '协办', en: 'Co-handling' },
};

/** Time limits (months from assignment): the reply within 3, extensions up to 6 in all; re-handling within 1. */
export const SUGGESTION_LIMITS = { replyMonths: 3, maxMonths: 6, rehandleMonths: 1, maxRounds: 2, maxCases: 50, maxCosponsors: 30 } as const;

export const SUGGESTION_EVENT_TYPES = ['created', ...SUGGESTION_ACTIONS, 'edited', 'overdue'] as const;
export type SuggestionEventType = (typeof SUGGESTION_EVENT_TYPES)[number];

// ---- wire shapes (JSON) ----

export interface SuggestionDeputyRef { id: string; name: string; level: string }

export interface SuggestionSummary {
  id: string;
  number: string | null;
  title: string;
  status: SuggestionStatus;
  category: string | null;
  year: number;
  period: SuggestionPeriod | null;
  leadDeputy: SuggestionDeputyRef;
  cosponsorCount: number;
  caseCount: number;
  leadDepartment: { id: string; name: string } | null;
  dueAt: string | null;
  overdue: boolean;
  replyCategory: ReplyCategory | null;
  rating: EvaluationRating | null;
  published: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SuggestionDetail extends SuggestionSummary {
  version: number;
  content: string;
  proposals: string;
  congress: string | null;
  round: number;
  supervisionLevel: number;
  returnReason: string | null;
  cosponsors: Array<{ deputyId: string; name: string; level: string; status: CosponsorStatus; at: string | null }>;
  /** The linked cases; `visible` false: outside the caller's case jurisdiction (tracking code then ''). Never contacts. */
  cases: Array<{ id: string; trackingCode: string; title: string; status: string; stationName: string; category: string | null; visible: boolean }>;
  departments: Array<{ departmentId: string; name: string; role: HandlerRole; opinion: string | null; opinionAt: string | null }>;
  extensionRequest: { months: number; reason: string; at: string } | null;
  extendedMonths: number;
  replies: Array<{ id: string; round: number; departmentId: string; departmentName: string; category: ReplyCategory; content: string; at: string; byName: string }>;
  evaluations: Array<{ round: number; rating: EvaluationRating; comment: string; at: string }>;
  timeline: Array<{ at: string; type: SuggestionEventType; actorName: string | null; note: string | null }>;
  submittedAt: string | null;
  registeredAt: string | null;
  assignedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  /** What the caller may do now (the console shows only these). */
  abilities: Record<SuggestionAction | 'edit', boolean>;
}

/** GET /suggestions/stats?year=: counts within the caller's scope (every status, reply class and rating present, 0 when none). */
export interface SuggestionStats {
  year: number | null;
  total: number;
  overdue: number;
  byStatus: Record<SuggestionStatus, number>;
  byReplyCategory: Record<ReplyCategory, number>;
  byRating: Record<EvaluationRating, number>;
}

/** The public compendium (汇编): never a constituent's name, phone or the linked cases' details. */
export interface PublicSuggestion {
  id: string;
  number: string;
  title: string;
  content: string;
  proposals: string;
  category: string | null;
  year: number;
  period: SuggestionPeriod;
  congress: string | null;
  leadDeputy: { name: string; level: string };
  cosponsors: string[];
  caseCount: number;
  departments: Array<{ name: string; role: HandlerRole }>;
  replies: Array<{ round: number; departmentName: string; category: ReplyCategory; content: string; at: string }>;
  rating: EvaluationRating | null;
  status: SuggestionStatus;
  registeredAt: string;
}
