/**
 * Livelihood projects (民生实事项目票决制): solicitation, screening, the deputies' vote, implementation
 * and year-end evaluation. Vocabulary and wire shapes shared by the server and the console.
 * Plain data and types, no imports. The HTTP API is described in docs/plans/projects-api.md.
 */

type Label = { zh: string; en: string };

// ---- solicitation (征集) and screening (筛选) ----

export const CALL_STATUSES = ['open', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const CALL_STATUS_LABELS: Record<CallStatus, Label> = {
  open: { zh: '征集中', en: 'Open' },
  closed: { zh: '已截止', en: 'Closed' },
};

export const PROPOSAL_SOURCES = ['public', 'deputy', 'staff'] as const;
export type ProposalSource = (typeof PROPOSAL_SOURCES)[number];
export const PROPOSAL_SOURCE_LABELS: Record<ProposalSource, Label> = {
  public: { zh: '群众建议', en: 'Public' },
  deputy: { zh: '代表征集', en: 'Deputy' },
  staff: { zh: '部门/工作人员', en: 'Staff' },
};

export const PROPOSAL_STATUSES = ['submitted', 'shortlisted', 'rejected', 'merged'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, Label> = {
  submitted: { zh: '待筛选', en: 'Awaiting screening' },
  shortlisted: { zh: '列入候选', en: 'Shortlisted' },
  rejected: { zh: '未采纳', en: 'Not taken' },
  merged: { zh: '已合并', en: 'Merged' },
};

/** Necessity and feasibility are scored 1–5 at screening. */
export const SCREENING_SCORE = { min: 1, max: 5 } as const;

// ---- the vote (票决) ----

export const VOTING_SESSION_STATUSES = ['draft', 'open', 'closed'] as const;
export type VotingSessionStatus = (typeof VOTING_SESSION_STATUSES)[number];
export const VOTING_SESSION_STATUS_LABELS: Record<VotingSessionStatus, Label> = {
  draft: { zh: '筹备中', en: 'Draft' },
  open: { zh: '投票中', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
};

export const BALLOT_CHOICES = ['for', 'against', 'abstain'] as const;
export type BallotChoice = (typeof BALLOT_CHOICES)[number];
export const BALLOT_CHOICE_LABELS: Record<BallotChoice, Label> = {
  for: { zh: '赞成', en: 'For' },
  against: { zh: '反对', en: 'Against' },
  abstain: { zh: '弃权', en: 'Abstain' },
};

export const BALLOT_SOURCES = ['online', 'paper'] as const;
export type BallotSource = (typeof BALLOT_SOURCES)[number];

export const PAPER_ENTRY_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type PaperEntryStatus = (typeof PAPER_ENTRY_STATUSES)[number];
export const PAPER_ENTRY_STATUS_LABELS: Record<PaperEntryStatus, Label> = {
  pending: { zh: '待复核', en: 'Awaiting confirmation' },
  confirmed: { zh: '已复核', en: 'Confirmed' },
  rejected: { zh: '已退回', en: 'Rejected' },
};

// ---- projects and implementation ----

export const PROJECT_STATUSES = ['candidate', 'not_passed', 'passed', 'in_progress', 'completed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, Label> = {
  candidate: { zh: '候选项目', en: 'Candidate' },
  not_passed: { zh: '未通过', en: 'Not passed' },
  passed: { zh: '已通过（未开工）', en: 'Passed, not started' },
  in_progress: { zh: '实施中', en: 'In progress' },
  completed: { zh: '已完成', en: 'Completed' },
};

// ---- year-end evaluation ----

export const EVALUATION_ROUND_STATUSES = ['draft', 'open', 'closed', 'published'] as const;
export type EvaluationRoundStatus = (typeof EVALUATION_ROUND_STATUSES)[number];
export const EVALUATION_ROUND_STATUS_LABELS: Record<EvaluationRoundStatus, Label> = {
  draft: { zh: '筹备中', en: 'Draft' },
  open: { zh: '测评中', en: 'Open' },
  closed: { zh: '已截止', en: 'Closed' },
  published: { zh: '已公布', en: 'Published' },
};

export interface EvaluationCriterion { key: string; label: string; weight: number }
/** Scores are 0–100 per criterion; weights sum to 100. */
export const DEFAULT_EVALUATION_CRITERIA: EvaluationCriterion[] = [
  { key: 'completion', label: '完成情况', weight: 30 },
  { key: 'quality', label: '质量效果', weight: 30 },
  { key: 'budget', label: '资金使用', weight: 20 },
  { key: 'satisfaction', label: '群众满意度', weight: 20 },
];

export const PROJECT_LIMITS = { maxMilestones: 30, maxProjectsPerSession: 50, maxProposalText: 2000, maxCostWan: 1_000_000 } as const;

// ---- wire shapes (JSON) ----

export interface TallyRow { projectId: string; for: number; against: number; abstain: number }

export interface VotingSessionSummary {
  id: string;
  title: string;
  status: VotingSessionStatus;
  year: number;
  congress: string;
  memberCount: number;
  projectCount: number;
  openedAt: string | null;
  closedAt: string | null;
}

export interface VotingResultRow {
  projectId: string;
  for: number;
  against: number;
  abstain: number;
  /** for-votes rank among the projects (1 = most). */
  rank: number;
  passed: boolean;
  /** Why not passed: below the threshold, beyond the seats, or the quorum not met. */
  reason: 'passed' | 'below_threshold' | 'beyond_seats' | 'tie_at_seats' | 'no_quorum';
}

export interface VotingResults {
  quorumMet: boolean;
  turnout: number;
  memberCount: number;
  passThreshold: number;
  rows: VotingResultRow[];
  /** sha256 of the canonical ballot list the results were computed from (reproducibility). */
  ballotsDigest: string;
  computedAt: string;
}

export interface VotingSessionDetail extends VotingSessionSummary {
  version: number;
  description: string;
  /** Deputies who must vote for ballots to count (default: more than half of the members). */
  quorum: number;
  /** A project passes with at least this many for-votes (default: more than half of all members). */
  passThreshold: number;
  /** At most this many for-votes per deputy in the session (差额), or null. */
  maxApprovals: number | null;
  /** At most this many projects pass (ranked by for-votes), or null. */
  seats: number | null;
  projects: Array<{ id: string; title: string; description: string; departmentName: string | null; costWan: number | null; proposalId: string | null; sort: number }>;
  tally: TallyRow[];
  /** Deputies who have at least one counted ballot. */
  turnout: number;
  pendingPaperEntries: number;
  /** The caller's own ballots (deputies only); nobody else's choices are ever returned. */
  myBallots: Array<{ projectId: string; choice: BallotChoice; at: string }>;
  isMember: boolean;
  results: VotingResults | null;
  abilities: { update: boolean; open: boolean; close: boolean; vote: boolean; enterPaper: boolean; confirmPaper: boolean };
}

export interface PaperEntry {
  id: string;
  deputyId: string;
  deputyName: string;
  choices: Array<{ projectId: string; choice: BallotChoice }>;
  status: PaperEntryStatus;
  enteredByName: string;
  enteredAt: string;
  confirmedByName: string | null;
  confirmedAt: string | null;
  reason: string | null;
}

export interface ProjectCall {
  id: string;
  title: string;
  year: number;
  description: string;
  opensOn: string;
  closesOn: string;
  status: CallStatus;
  proposalCount: number;
  version: number;
}

export interface ProposalItem {
  id: string;
  callId: string;
  title: string;
  description: string;
  location: string;
  category: string | null;
  source: ProposalSource;
  status: ProposalStatus;
  /** How many people raised the same need: the proposer, linked cases, merged proposals. */
  supportCount: number;
  caseIds: string[];
  deputyName: string | null;
  necessity: number | null;
  feasibility: number | null;
  costWan: number | null;
  department: { id: string; name: string } | null;
  screeningNote: string;
  mergedIntoId: string | null;
  /** Shown to staff only, masked (张**, 138****5678). */
  proposerMasked: string | null;
  createdAt: string;
  version: number;
}

export interface MilestoneItem {
  id: string;
  title: string;
  dueOn: string;
  doneOn: string | null;
  evidence: string;
  overdue: boolean;
  sort: number;
  files: Array<{ id: string; filename: string; mime: string; size: number }>;
  version: number;
}

export interface ProjectUpdateItem { id: string; at: string; progress: number; status: ProjectStatus; note: string; byName: string }

export interface ProjectSummary {
  id: string;
  title: string;
  year: number;
  status: ProjectStatus;
  progress: number;
  department: { id: string; name: string } | null;
  costWan: number | null;
  sessionId: string;
  overdueMilestones: number;
  nextMilestone: { title: string; dueOn: string } | null;
  votes: { for: number; against: number; abstain: number } | null;
}

export interface ProjectDetail extends ProjectSummary {
  version: number;
  description: string;
  proposalId: string | null;
  caseIds: string[];
  milestones: MilestoneItem[];
  updates: ProjectUpdateItem[];
  followerCount: number;
  following: boolean;
  evaluation: ProjectEvaluationSummary | null;
  abilities: { update: boolean; progress: boolean; milestones: boolean; follow: boolean };
}

export interface ProjectEvaluationSummary {
  roundId: string;
  raters: number;
  /** Mean score per criterion key. */
  means: Record<string, number>;
  /** Weighted total 0–100. */
  total: number;
}

export interface EvaluationRound {
  id: string;
  year: number;
  title: string;
  status: EvaluationRoundStatus;
  criteria: EvaluationCriterion[];
  projects: Array<{ id: string; title: string; summary: ProjectEvaluationSummary | null; myScore: Record<string, number> | null }>;
  raterCount: number;
  version: number;
  abilities: { update: boolean; open: boolean; close: boolean; publish: boolean; score: boolean };
}
