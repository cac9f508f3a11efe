/**
 * Assessment rounds of deputies' performance (代表履职考评): vocabulary and wire shapes shared by
 * the server (server/modules/archive/assessment) and the console (web/src/pages/assessment).
 * Plain data and types, no imports.
 */

type Label = { zh: string; en: string };

export const ASSESSMENT_ROUND_STATUSES = ['draft', 'open', 'closed'] as const;
export type AssessmentRoundStatus = (typeof ASSESSMENT_ROUND_STATUSES)[number];
export const ASSESSMENT_ROUND_STATUS_LABELS: Record<AssessmentRoundStatus, Label> = {
  draft: { zh: '筹备中', en: 'Draft' },
  open: { zh: '评分中', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
};

/** Who rates a deputy: the deputy (自评), the deputy group (代表小组), the township/street congress (乡镇（街道）人大), the office (区人大常委会代表工委). */
export const RATER_KINDS = ['self', 'group', 'township', 'office'] as const;
export type RaterKind = (typeof RATER_KINDS)[number];
export const RATER_KIND_LABELS: Record<RaterKind, Label> = {
  self: { zh: '自评', en: 'Self' },
  group: { zh: '代表小组', en: 'Deputy group' },
  township: { zh: '乡镇（街道）人大', en: 'Township congress' },
  office: { zh: '区人大常委会代表工委', en: 'District office' },
};

export const SHEET_STATUSES = ['draft', 'submitted'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];
export const SHEET_STATUS_LABELS: Record<SheetStatus, Label> = {
  draft: { zh: '暂存', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
};

/** Grades by the weighted total: 优秀 ≥ 90, 称职 ≥ 75, 基本称职 ≥ 60, otherwise 不称职. */
export const GRADES = ['excellent', 'competent', 'basic', 'incompetent'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, Label> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  competent: { zh: '称职', en: 'Competent' },
  basic: { zh: '基本称职', en: 'Basically competent' },
  incompetent: { zh: '不称职', en: 'Not competent' },
};
/** The lowest total of each grade (the last has none). */
export const GRADE_THRESHOLDS: ReadonlyArray<readonly [Grade, number]> = [['excellent', 90], ['competent', 75], ['basic', 60], ['incompetent', 0]];

export interface AssessmentCriterion { key: string; label: string; weight: number }
export interface RaterWeight { kind: RaterKind; weight: number }

/** The seven usual criteria of a year's assessment, weights summing to 100. */
export const DEFAULT_ASSESSMENT_CRITERIA: AssessmentCriterion[] = [
  { key: 'attendance', label: '出席会议', weight: 20 },
  { key: 'deliberation', label: '审议发言', weight: 15 },
  { key: 'suggestions', label: '代表建议', weight: 15 },
  { key: 'activities', label: '参加活动', weight: 10 },
  { key: 'inspections', label: '视察调研', weight: 10 },
  { key: 'group', label: '代表小组活动', weight: 10 },
  { key: 'contact', label: '联系群众', weight: 20 },
];
export const DEFAULT_RATER_WEIGHTS: RaterWeight[] = [
  { kind: 'self', weight: 10 },
  { kind: 'group', weight: 20 },
  { kind: 'township', weight: 30 },
  { kind: 'office', weight: 40 },
];

export interface SheetState { id: string | null; status: SheetStatus }

export interface AssessmentRoundDeputy {
  deputyId: string;
  name: string;
  stations: Array<{ id: string; name: string }>;
  /** Each rater kind of the round: the sheet's state (null: none yet); `id` only when the caller may read the sheet. */
  sheets: Partial<Record<RaterKind, SheetState | null>>;
  /** The rater kinds the caller may fill for this deputy now (round open, sheet not submitted). */
  fillable: RaterKind[];
  /** The stored result once the round is closed (when the caller may see it). */
  result: AssessmentResultSummary | null;
}

export interface AssessmentResultSummary { total: number | null; grade: Grade | null; missingKinds: RaterKind[] }

export interface AssessmentRound {
  id: string;
  year: number;
  name: string;
  status: AssessmentRoundStatus;
  criteria: AssessmentCriterion[];
  raters: RaterWeight[];
  /** How many deputies the round assesses (all of them, whoever asks). */
  deputyCount: number;
  /** The deputies the caller may see: the office all, station staff theirs, a deputy him/herself. */
  deputies: AssessmentRoundDeputy[];
  /** Per rater kind over the deputies the caller sees: sheets required, submitted, saved as drafts. */
  progress: Array<{ kind: RaterKind; weight: number; required: number; submitted: number; drafts: number }>;
  openedAt: string | null;
  closedAt: string | null;
  /** Closed with `allowIncomplete`: some results were computed without every rater. */
  closedIncomplete: boolean;
  version: number;
  abilities: { update: boolean; open: boolean; close: boolean; fill: boolean; results: boolean };
}

export interface AssessmentSheet {
  id: string;
  roundId: string;
  deputyId: string;
  deputyName: string;
  raterKind: RaterKind;
  scores: Record<string, number>;
  comment: string;
  status: SheetStatus;
  /** Σ weight × score / 100 (2 decimals), null until every criterion has a score. */
  total: number | null;
  raterName: string;
  submittedAt: string | null;
  updatedAt: string;
  version: number;
  abilities: { update: boolean; submit: boolean };
}

export interface AssessmentResult {
  roundId: string;
  year: number;
  deputyId: string;
  deputyName: string;
  stations: Array<{ id: string; name: string }>;
  /** Weighted total 0–100, 2 decimals; null when no rater submitted a sheet. */
  total: number | null;
  grade: Grade | null;
  /** Per criterion key: the raters' weighted average, 2 decimals. */
  criteria: Record<string, number>;
  /** Per rater kind: the submitted sheet's weighted total (2 decimals), null when missing. */
  byRater: Partial<Record<RaterKind, number | null>>;
  /** The rater weights the result used: the round's, re-weighted over the kinds present. */
  weightsUsed: Partial<Record<RaterKind, number>>;
  missingKinds: RaterKind[];
  computedAt: string;
}

/** 我的考评: a deputy's rounds (past draft), his/her self-assessment sheet and, once closed, the result. */
export interface MyAssessmentItem {
  round: Omit<AssessmentRound, 'deputies' | 'progress'>;
  selfSheet: SheetState | null;
  canFillSelf: boolean;
  result: AssessmentResult | null;
}
