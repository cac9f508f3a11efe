/**
 * The case workflow's vocabulary and wire shapes, shared by the server and the console.
 * Plain data and types, no imports. The transition rules themselves live in
 * server/modules/cases/case-status.ts; this file only names things.
 */

export const CASE_STATUSES = ['submitted', 'accepted', 'rejected', 'assigned', 'in_progress', 'replied', 'feedback_given', 'closed', 'merged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  submitted: { zh: '待受理', en: 'Submitted' },
  accepted: { zh: '已受理', en: 'Accepted' },
  rejected: { zh: '不予受理', en: 'Rejected' },
  assigned: { zh: '已交办', en: 'Assigned' },
  in_progress: { zh: '办理中', en: 'In progress' },
  replied: { zh: '已答复', en: 'Replied' },
  feedback_given: { zh: '已反馈', en: 'Feedback given' },
  closed: { zh: '已办结', en: 'Closed' },
  merged: { zh: '已合并', en: 'Merged' },
};

/** State groups (FixMyStreet's open / fixed / closed): code asks "is it open?", never lists statuses. */
export const CASE_STATUS_GROUPS = {
  open: ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'feedback_given'],
  handling: ['assigned', 'in_progress'],
  ended: ['rejected', 'closed', 'merged'],
} as const satisfies Record<string, readonly CaseStatus[]>;

export const CASE_ACTIONS = [
  'accept', 'reject', 'assign', 'resolve', 'dept-accept', 'return', 'request-extension', 'approve-extension',
  'reply', 'feedback', 'follow-up', 'supervise', 'merge', 'close',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export const CASE_ACTION_LABELS: Record<CaseAction, { zh: string; en: string }> = {
  accept: { zh: '受理', en: 'Accept' },
  reject: { zh: '不予受理', en: 'Reject' },
  assign: { zh: '交办', en: 'Assign' },
  resolve: { zh: '当场答复', en: 'Resolve on the spot' },
  'dept-accept': { zh: '签收', en: 'Accept assignment' },
  return: { zh: '退回', en: 'Return' },
  'request-extension': { zh: '申请延期', en: 'Request extension' },
  'approve-extension': { zh: '审批延期', en: 'Decide extension' },
  reply: { zh: '答复', en: 'Reply' },
  feedback: { zh: '反馈群众', en: 'Feed back' },
  'follow-up': { zh: '回访评价', en: 'Follow-up visit' },
  supervise: { zh: '督办', en: 'Supervise' },
  merge: { zh: '合并', en: 'Merge' },
  close: { zh: '办结', en: 'Close' },
};

/** Timeline entry types: every action, plus what the system and the constituent do. */
export const CASE_EVENT_TYPES = [
  'submitted', ...CASE_ACTIONS, 'rating', 'overdue', 'merged-in', 'note', 'notified',
  // Steps of a deputy's suggestion the case went into (written by the suggestions module through cases/suggestion-steps.ts).
  'suggestion', 'suggestion-replied', 'suggestion-closed',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];
export const CASE_EVENT_LABELS: Record<CaseEventType, { zh: string; en: string }> = {
  submitted: { zh: '提交诉求', en: 'Submitted' },
  ...CASE_ACTION_LABELS,
  rating: { zh: '群众评价', en: 'Rated by the constituent' },
  overdue: { zh: '超期预警', en: 'Overdue' },
  'merged-in': { zh: '并入重复诉求', en: 'Duplicate merged in' },
  note: { zh: '内部备注', en: 'Internal note' },
  notified: { zh: '已通知群众', en: 'Constituent notified' },
  suggestion: { zh: '已转为代表建议', en: 'Taken up in a deputy\'s suggestion' },
  'suggestion-replied': { zh: '代表建议已答复', en: 'Suggestion answered' },
  'suggestion-closed': { zh: '代表建议已办结', en: 'Suggestion closed' },
};

export const CASE_CHANNELS = ['online', 'reception', 'phone', 'letter', 'wechat', 'visit', 'roundtable'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
export const CASE_CHANNEL_LABELS: Record<CaseChannel, { zh: string; en: string }> = {
  online: { zh: '扫码 / 网上', en: 'QR code / online' },
  reception: { zh: '接待日', en: 'Reception day' },
  phone: { zh: '电话', en: 'Phone' },
  letter: { zh: '来信 / 意见箱', en: 'Letter / mailbox' },
  wechat: { zh: '微信群', en: 'WeChat group' },
  visit: { zh: '联络员走访', en: 'Liaison officer visit' },
  roundtable: { zh: '圆桌会', en: 'Roundtable' },
};

export const CASE_KINDS = ['problem', 'opinion', 'consultation', 'dispute'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, { zh: string; en: string }> = {
  problem: { zh: '问题诉求', en: 'Problem' },
  opinion: { zh: '意见建议', en: 'Opinion' },
  consultation: { zh: '咨询', en: 'Consultation' },
  dispute: { zh: '矛盾纠纷', en: 'Dispute' },
};

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, { zh: string; en: string }> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

/** The running clock: which time limit the due date belongs to. */
export const SLA_STAGES = ['assign', 'handle', 'follow_up'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];
export const SLA_STAGE_LABELS: Record<SlaStage, { zh: string; en: string }> = {
  assign: { zh: '交办时限', en: 'Assign by' },
  handle: { zh: '办理时限', en: 'Handle by' },
  follow_up: { zh: '回访时限', en: 'Follow up by' },
};
/** green: on time; yellow: due within 2 working days; red: overdue. */
export type DueState = 'green' | 'yellow' | 'red';

/** 督办 levels: 0 none; 1 station reminder; 2 district office supervision; 3 挂牌督办 (named publicly in the office). */
export const SUPERVISION_LEVEL_LABELS: Record<number, { zh: string; en: string }> = {
  0: { zh: '无', en: 'None' },
  1: { zh: '提醒', en: 'Reminder' },
  2: { zh: '督办', en: 'Supervision' },
  3: { zh: '挂牌督办', en: 'Flagged supervision' },
};

export interface CaseContactOut {
  name: string | null;
  /** Full number only for roles that need it; masked (138****5678) otherwise. */
  phone: string | null;
  email: string | null;
  masked: boolean;
}

export interface CaseTimelineEntry {
  id: string;
  at: string;
  type: CaseEventType;
  actor: { userId: string | null; name: string; role: string | null } | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  /** What was said (reply, feedback, reason). */
  note: string | null;
  /** Staff-only remark. */
  internalNote: string | null;
  data: Record<string, unknown>;
  attachments: CaseAttachmentOut[];
}

export interface CaseAttachmentOut {
  id: string;
  filename: string;
  mime: string;
  size: number;
  /** GET this path (with the session cookie) to download. */
  url: string;
}

export type CaseAbilities = Record<CaseAction, boolean>;

export interface CaseListItemOut {
  id: string;
  trackingCode: string;
  title: string;
  status: CaseStatus;
  channel: CaseChannel;
  kind: CaseKind;
  category: string | null;
  stationId: string;
  stationName: string;
  departmentId: string | null;
  departmentName: string | null;
  dueAt: string | null;
  dueStage: SlaStage | null;
  dueState: DueState | null;
  overdue: boolean;
  supervisionLevel: number;
  urgent: boolean;
  rating: Rating | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CaseOut extends CaseListItemOut {
  content: string;
  regionCode: string;
  anonymous: boolean;
  contact: CaseContactOut | null;
  location: { address: string | null; lat: number | null; lng: number | null } | null;
  deputies: { id: string; name: string }[];
  receptionId: string | null;
  mergedIntoId: string | null;
  /** Cases merged into this one. */
  mergedCases: { id: string; trackingCode: string; title: string }[];
  extension: { workingDays: number; reason: string; requestedAt: string } | null;
  /** The department the routing rules suggest for this case (when it can be assigned). */
  suggestedDepartment: { id: string; name: string; ruleId: string } | null;
  attachments: CaseAttachmentOut[];
  timeline: CaseTimelineEntry[];
  abilities: CaseAbilities;
}

export interface RoutingRuleOut {
  id: string;
  /** null: any category. */
  category: string | null;
  /** null: the whole district; otherwise a region code prefix (street 9 digits, community 12). */
  regionCode: string | null;
  regionName: string | null;
  departmentId: string;
  departmentName: string;
  note: string;
  active: boolean;
  version: number;
  updatedAt: string;
}

export interface RoutingRuleRevisionOut {
  revision: number;
  action: 'create' | 'update' | 'deactivate' | 'activate';
  at: string;
  by: string;
  snapshot: { category: string | null; regionCode: string | null; departmentId: string; departmentName: string; note: string; active: boolean };
}

export interface CalendarDayOut {
  date: string;
  /** holiday: a day off (法定节假日); workday: a make-up working day (调休上班). */
  kind: 'holiday' | 'workday';
  name: string;
  /** builtin: the official schedule shipped with chinese-days; office: entered by the district office. */
  source: 'builtin' | 'office';
}

export interface CaseCategoryOut {
  id: string;
  name: string;
  /** null: the district default applies. */
  assignDays: number | null;
  handleDays: number | null;
  urgentHandleDays: number | null;
  followUpDays: number | null;
  active: boolean;
  version: number;
}

export interface SlaDefaultsOut {
  assignDays: number;
  handleDays: number;
  urgentHandleDays: number;
  followUpDays: number;
  version: number;
}

/** A case as staff record it (POST /cases); the public form sends the same without channel, urgent, deputies and reception. */
export interface CaseIntakeBody {
  channel: CaseChannel;
  stationId: string;
  content: string;
  title?: string;
  kind?: CaseKind;
  category?: string;
  urgent?: boolean;
  contact?: { name?: string; phone?: string; email?: string };
  location?: { address?: string; lat?: number; lng?: number };
  anonymous?: boolean;
  /** The constituent does not agree to the case and its result being published (不同意公开). */
  noPublish?: boolean;
  deputyIds?: string[];
  receptionId?: string;
}
