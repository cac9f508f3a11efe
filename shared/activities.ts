/**
 * Activities and deliberation: vocabulary and wire shapes shared by the server and the console.
 * Plain data and types, no imports. The HTTP API is described in docs/plans/activities-api.md.
 */

type Label = { zh: string; en: string };

export const ACTIVITY_KINDS = ['inspection', 'research', 'forum', 'group_activity', 'training', 'report_back', 'legal_aid', 'mediation', 'roundtable'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, Label> = {
  inspection: { zh: '视察', en: 'Inspection' },
  research: { zh: '调研', en: 'Research' },
  forum: { zh: '座谈会', en: 'Forum' },
  group_activity: { zh: '代表小组活动', en: 'Deputy group activity' },
  training: { zh: '培训', en: 'Training' },
  report_back: { zh: '述职', en: 'Report-back to constituents' },
  legal_aid: { zh: '法律服务', en: 'Legal aid' },
  mediation: { zh: '调解', en: 'Mediation' },
  roundtable: { zh: '圆桌会', en: 'Roundtable' },
};

export const ACTIVITY_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, Label> = {
  planned: { zh: '计划中', en: 'Planned' },
  held: { zh: '已举行', en: 'Held' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** `online` is for roundtables only: an online roundtable is a thread with invited participants. */
export const ACTIVITY_MODES = ['offline', 'online'] as const;
export type ActivityMode = (typeof ACTIVITY_MODES)[number];
export const ACTIVITY_MODE_LABELS: Record<ActivityMode, Label> = {
  offline: { zh: '线下', en: 'In person' },
  online: { zh: '线上', en: 'Online' },
};

export const THREAD_STATUSES = ['open', 'closed'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];
export const THREAD_STATUS_LABELS: Record<ThreadStatus, Label> = {
  open: { zh: '进行中', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
};

export const PARTICIPANT_TYPES = ['resident', 'enterprise', 'property_company', 'official', 'lawyer', 'mediator', 'other'] as const;
export type ParticipantType = (typeof PARTICIPANT_TYPES)[number];
export const PARTICIPANT_TYPE_LABELS: Record<ParticipantType, Label> = {
  resident: { zh: '居民群众', en: 'Resident' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  property_company: { zh: '物业公司', en: 'Property company' },
  official: { zh: '部门/单位人员', en: 'Official' },
  lawyer: { zh: '律师', en: 'Lawyer' },
  mediator: { zh: '调解员', en: 'Mediator' },
  other: { zh: '其他', en: 'Other' },
};
/** Participant types whose organisation the portal may show (never a person's name). */
export const PUBLIC_ORGANISATION_TYPES: readonly ParticipantType[] = ['enterprise', 'property_company', 'official'];

export const POST_STATUSES = ['visible', 'hidden'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];
export const POST_STATUS_LABELS: Record<PostStatus, Label> = {
  visible: { zh: '显示', en: 'Visible' },
  hidden: { zh: '已隐藏', en: 'Hidden' },
};

export const POST_AUTHOR_KINDS = ['staff', 'deputy', 'department', 'invitee'] as const;
export type PostAuthorKind = (typeof POST_AUTHOR_KINDS)[number];
export const POST_AUTHOR_KIND_LABELS: Record<PostAuthorKind, Label> = {
  staff: { zh: '主持人', en: 'Host' },
  deputy: { zh: '人大代表', en: 'Deputy' },
  department: { zh: '承办单位', en: 'Department' },
  invitee: { zh: '受邀参加', en: 'Invitee' },
};

/** The case channel an outcome's new case is recorded under, by the activity's kind. */
export const OUTCOME_CASE_CHANNEL: Record<ActivityKind, 'roundtable' | 'visit' | 'reception'> = {
  roundtable: 'roundtable',
  forum: 'roundtable',
  inspection: 'visit',
  research: 'visit',
  group_activity: 'reception',
  training: 'reception',
  report_back: 'reception',
  legal_aid: 'reception',
  mediation: 'reception',
};

export interface ActivityAbilities {
  update: boolean;
  cancel: boolean;
  upload: boolean;
  outcomes: boolean;
  evaluate: boolean;
  invite: boolean;
  moderate: boolean;
  post: boolean;
  close: boolean;
}

export interface ActivityListItemOut {
  id: string;
  kind: ActivityKind;
  title: string;
  status: ActivityStatus;
  mode: ActivityMode;
  threadStatus: ThreadStatus | null;
  date: string;
  startTime: string | null;
  endTime: string | null;
  place: string;
  organiser: string;
  /** null: a district-level activity. */
  stationId: string | null;
  stationName: string | null;
  deputies: Array<{ id: string; name: string }>;
  participantCount: number;
  photoCount: number;
  outcomeCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ActivityParticipantOut {
  id: string;
  type: ParticipantType;
  /** In full for writers; masked for other readers. */
  name: string;
  organisation: string;
  note: string;
}

export interface ActivityFileOut {
  id: string;
  filename: string;
  mime: string;
  size: number;
  /** Photos only: may be shown on the portal. */
  public: boolean;
  /** GET with the session cookie. */
  url: string;
  uploadedAt: string;
}

export interface ActivityOutcomeOut {
  id: string;
  text: string;
  /** Whether a case is linked (also when it is outside the caller's case jurisdiction). */
  caseLinked: boolean;
  case: { id: string; trackingCode: string; title: string; status: string; channel: string } | null;
  createdAt: string;
}

export interface EvaluationOut {
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  total: number;
  /** (satisfied + basically satisfied) / total, 0–1; null when no forms. */
  satisfactionRate: number | null;
  note: string;
}

export interface InvitationOut {
  id: string;
  kind: 'account' | 'token';
  userId: string | null;
  name: string;
  organisation: string;
  type: ParticipantType | null;
  revoked: boolean;
  createdAt: string;
}

export interface ActivityOut extends ActivityListItemOut {
  agenda: string;
  minutes: string;
  summary: string;
  cancelReason: string | null;
  evaluation: EvaluationOut | null;
  participants: ActivityParticipantOut[];
  photos: ActivityFileOut[];
  attachments: ActivityFileOut[];
  outcomes: ActivityOutcomeOut[];
  /** Writers only; empty for other readers. */
  invitations: InvitationOut[];
  createdBy: { id: string; name: string } | null;
  abilities: ActivityAbilities;
}

export interface RoundtablePostOut {
  id: string;
  author: { kind: PostAuthorKind; name: string; organisation: string };
  /** Hidden posts reach only moderators and their author. */
  body: string;
  status: PostStatus;
  hiddenReason: string | null;
  hiddenAt: string | null;
  createdAt: string;
  /** Written by the caller. */
  mine: boolean;
}

export interface PublicActivity {
  id: string;
  kind: ActivityKind;
  kindLabel: string;
  title: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
  place: string;
  organiser: string;
  stationId: string | null;
  stationName: string | null;
  mode: ActivityMode;
  summary: string;
  deputies: Array<{ id: string; name: string; level: string }>;
  participants: Array<{ type: ParticipantType; label: string; count: number }>;
  organisations: string[];
  outcomes: Array<{ text: string; caseCreated: boolean }>;
  evaluation: EvaluationOut | null;
  photos: Array<{ id: string; url: string }>;
}

export interface RoundtableView {
  activity: {
    id: string;
    title: string;
    date: string;
    startTime: string | null;
    endTime: string | null;
    agenda: string;
    stationName: string | null;
    status: ActivityStatus;
    threadStatus: ThreadStatus;
    summary: string;
  };
  me: { name: string; organisation: string };
  posts: Array<{ id: string; author: { kind: PostAuthorKind; name: string; organisation: string }; body: string; createdAt: string; mine: boolean }>;
}
