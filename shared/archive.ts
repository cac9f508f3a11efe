import type { AssessmentResult } from './assessment.ts';
/**
 * Deputies' performance archives (一人一档) and self-reports: vocabulary and wire shapes shared by
 * the server (server/modules/archive) and the console. Plain data and types, no imports.
 * The HTTP API is described in docs/plans/archive-api.md.
 *
 * The archive records facts with their sources, nothing else: no check-ins, no online time, no
 * click counts, never a ranking (the 2023 rules against 指尖上的形式主义).
 */

type Label = { zh: string; en: string };

/** What an archive entry records; each kind has one source type. */
export const ARCHIVE_KINDS = ['reception_duty', 'reception_people', 'case', 'suggestion', 'vote', 'project_score', 'activity', 'self_report'] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];
export const ARCHIVE_KIND_LABELS: Record<ArchiveKind, Label> = {
  reception_duty: { zh: '接待日值班', en: 'Reception days on duty' },
  reception_people: { zh: '接待群众', en: 'Constituents received' },
  case: { zh: '收集诉求', en: 'Cases collected' },
  suggestion: { zh: '代表建议', en: 'Suggestions' },
  vote: { zh: '民生实事票决', en: 'Livelihood project votes' },
  project_score: { zh: '民生实事测评', en: 'Project evaluations' },
  activity: { zh: '参加活动', en: 'Activities' },
  self_report: { zh: '补充履职材料', en: 'Self-reported activities' },
};

/** The source of each kind (the entity whose console page `link` opens). */
export const ARCHIVE_SOURCE_TYPES: Record<ArchiveKind, string> = {
  reception_duty: 'reception',
  reception_people: 'reception_session',
  case: 'case',
  suggestion: 'suggestion',
  vote: 'voting_session',
  project_score: 'project_evaluation_round',
  activity: 'activity',
  self_report: 'archive_self_report',
};

export const SELF_REPORT_KINDS = ['meeting', 'deliberation', 'recess_activity', 'inspection', 'research', 'training', 'contact', 'other'] as const;
export type SelfReportKind = (typeof SELF_REPORT_KINDS)[number];
export const SELF_REPORT_KIND_LABELS: Record<SelfReportKind, Label> = {
  meeting: { zh: '出席会议', en: 'Attending meetings' },
  deliberation: { zh: '审议发言', en: 'Deliberation' },
  recess_activity: { zh: '闭会期间活动', en: 'Activities between sessions' },
  inspection: { zh: '视察', en: 'Inspection' },
  research: { zh: '调研', en: 'Research' },
  training: { zh: '培训', en: 'Training' },
  contact: { zh: '联系群众', en: 'Contact with constituents' },
  other: { zh: '其他', en: 'Other' },
};

export const SELF_REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type SelfReportStatus = (typeof SELF_REPORT_STATUSES)[number];
export const SELF_REPORT_STATUS_LABELS: Record<SelfReportStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Awaiting review' },
  approved: { zh: '已通过', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
};

export const SELF_REPORT_DECISIONS = ['approve', 'return'] as const;
export type SelfReportDecision = (typeof SELF_REPORT_DECISIONS)[number];

export const SELF_REPORT_EVENT_TYPES = ['created', 'submitted', 'withdrawn', 'approved', 'returned'] as const;
export type SelfReportEventType = (typeof SELF_REPORT_EVENT_TYPES)[number];
export const SELF_REPORT_EVENT_LABELS: Record<SelfReportEventType, Label> = {
  created: { zh: '创建', en: 'Created' },
  submitted: { zh: '提交审核', en: 'Submitted' },
  withdrawn: { zh: '撤回', en: 'Withdrawn' },
  approved: { zh: '审核通过', en: 'Approved' },
  returned: { zh: '退回', en: 'Returned' },
};

// ── entry details, one shape per kind (type aliases: plain JSON objects) ──

export type ReceptionDutyDetail = { stationId: string; stationName: string; startTime: string; endTime: string; attended: boolean; sessionId: string | null };
export type ReceptionPeopleDetail = { stationId: string; stationName: string; peopleReceived: number; batches: number; status: string; onDuty: boolean; receptionId: string | null };
export type CaseEntryDetail = { trackingCode: string; status: string; category: string | null; channel: string; rating: string | null; resolved: boolean; closed: boolean };
export type SuggestionEntryDetail = { role: 'lead' | 'cosponsor'; number: string | null; status: string; period: string | null; replyCategory: string | null; rating: string | null };
export type VoteEntryDetail = { year: number; congress: string; sessionStatus: string; projects: number; sources: string[] };
export type ProjectScoreEntryDetail = { year: number; roundStatus: string; projects: number };
export type EvaluationTally = { satisfied: number; basicallySatisfied: number; unsatisfied: number; total: number; satisfactionRate: number | null };
export type ActivityEntryDetail = { activityKind: string; stationId: string | null; stationName: string | null; mode: string; evaluation: EvaluationTally | null };
export type SelfReportEntryDetail = { reportKind: SelfReportKind; attachments: number; reviewedAt: string | null; reviewedByName: string | null };

export type ArchiveEntryDetail =
  | ReceptionDutyDetail | ReceptionPeopleDetail | CaseEntryDetail | SuggestionEntryDetail | VoteEntryDetail | ProjectScoreEntryDetail | ActivityEntryDetail | SelfReportEntryDetail;

export interface ArchiveEntryOut {
  id: string;
  kind: ArchiveKind;
  sourceType: string;
  sourceId: string;
  title: string;
  /** YYYY-MM-DD (Asia/Shanghai). */
  occurredOn: string;
  year: number;
  /** One line in Chinese: the outcome (状态、评价、人数…). */
  note: string;
  /** The console path of the source (`/cases/:id` …), under /console. */
  link: string;
  detail: ArchiveEntryDetail;
}

export interface ArchiveDeputy {
  id: string;
  name: string;
  level: string;
  term: string;
  termStart: number | null;
  termEnd: number | null;
  active: boolean;
  stations: Array<{ id: string; name: string }>;
}

export type ArchiveCounts = Record<ArchiveKind, number>;

export interface ArchiveListItem {
  deputy: ArchiveDeputy;
  /** Entries per kind in the period (never a ranking: the list is in name order). */
  counts: ArchiveCounts;
}

export interface ArchivePeriod {
  kind: 'all' | 'year' | 'term';
  year: number | null;
  term: string | null;
  /** First day covered (null: since the beginning). */
  from: string | null;
  /** Last day covered: the period's end or today, whichever is earlier. */
  to: string;
}

export interface ArchiveSummary {
  receptionDuty: { days: number; attended: number };
  receptionPeople: { sessions: number; people: number };
  cases: { collected: number; resolved: number; closed: number; rated: number; satisfied: number };
  suggestions: { total: number; lead: number; cosigned: number; replied: number; evaluated: number; satisfied: number };
  votes: { sessions: number; projects: number };
  projectScores: { rounds: number; projects: number };
  activities: { total: number; byKind: Record<string, number>; training: number; reportBack: number; reportBackEvaluation: EvaluationTally | null };
  selfReports: { approved: number; byKind: Record<SelfReportKind, number> };
}

export interface ArchiveSection {
  kind: ArchiveKind;
  label: string;
  count: number;
  /** Newest first, at most 200 (`more`: page the rest through …/entries?kind=). */
  items: ArchiveEntryOut[];
  more: boolean;
}

export interface DeputyArchive {
  deputy: ArchiveDeputy;
  period: ArchivePeriod;
  /** Years with entries (newest first), for the year picker. */
  years: number[];
  summary: ArchiveSummary;
  sections: ArchiveSection[];
  /** The deputy's results in closed assessment rounds of the period's years (newest first). */
  assessments: AssessmentResult[];
  asOf: string;
  abilities: { export: boolean; selfReport: boolean };
}

export interface SelfReportFileOut { id: string; filename: string; mime: string; size: number; url: string; uploadedAt: string }

export interface SelfReportAbilities { update: boolean; upload: boolean; submit: boolean; withdraw: boolean; review: boolean }

export interface SelfReportListItem {
  id: string;
  deputy: { id: string; name: string };
  kind: SelfReportKind;
  title: string;
  date: string;
  status: SelfReportStatus;
  returnReason: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  attachmentCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  abilities: SelfReportAbilities;
}

export interface SelfReportOut extends SelfReportListItem {
  description: string;
  reviewedBy: { id: string | null; name: string } | null;
  attachments: SelfReportFileOut[];
  history: Array<{ type: SelfReportEventType; at: string; actorName: string; note: string }>;
}
