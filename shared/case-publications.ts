/**
 * Published results of closed cases (办理结果公开): vocabulary and wire shapes shared by the server
 * and the console. Plain data and types, no imports. The workflow lives in
 * server/modules/cases/publication/.
 */

type Label = { zh: string; en: string };

/**
 * draft → pending (submitted for review) → published (approved) → withdrawn; pending → returned (with a
 * reason). Returned and withdrawn ones are edited and submitted again.
 */
export const PUBLICATION_STATUSES = ['draft', 'pending', 'published', 'returned', 'withdrawn'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
export const PUBLICATION_STATUS_LABELS: Record<PublicationStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  pending: { zh: '待审核', en: 'Awaiting review' },
  published: { zh: '已公开', en: 'Published' },
  returned: { zh: '已退回', en: 'Returned' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const PUBLICATION_ACTIONS = ['submit', 'approve', 'return', 'withdraw'] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];
export const PUBLICATION_ACTION_LABELS: Record<PublicationAction, Label> = {
  submit: { zh: '提交审核', en: 'Submit for review' },
  approve: { zh: '审核通过并公开', en: 'Approve and publish' },
  return: { zh: '退回修改', en: 'Return' },
  withdraw: { zh: '撤回公开', en: 'Withdraw' },
};

export interface PublicationAbilities {
  update: boolean;
  submit: boolean;
  approve: boolean;
  return: boolean;
  withdraw: boolean;
}

/** The console's view of a publication: the public text and its case (staff see the tracking code). */
export interface CasePublicationOut {
  id: string;
  caseId: string;
  trackingCode: string;
  caseTitle: string;
  stationId: string;
  stationName: string;
  category: string | null;
  departmentName: string | null;
  status: PublicationStatus;
  title: string;
  summary: string;
  result: string;
  /** YYYY-MM (Beijing) the case came in. */
  receivedMonth: string;
  /** YYYY-MM-DD (Beijing) the case was closed. */
  closedOn: string | null;
  preparedBy: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  abilities: PublicationAbilities;
}

/** A case page's view: whether its result may be published and what exists. */
export interface CasePublicationState {
  caseId: string;
  /** The constituent asked at intake that the case not be published (不同意公开). */
  noPublish: boolean;
  closed: boolean;
  publication: CasePublicationOut | null;
  /** The caller may prepare a publication now. */
  canPrepare: boolean;
  /** Why no publication can be prepared (zh-CN), when one cannot. */
  blockedReason: string | null;
  /** What the public page would show of the case besides the texts. */
  facts: PublicFacts;
}

export interface PublicFacts {
  stationName: string;
  category: string | null;
  departmentName: string | null;
  /** YYYY-MM (Beijing) the case came in. */
  receivedMonth: string;
  /** YYYY-MM-DD (Beijing) the case was closed. */
  closedOn: string | null;
}

/** The pre-filled public text of a case (masked), before it is saved. */
export interface PublicationDraft {
  title: string;
  summary: string;
  result: string;
}

/** What the public sees: no tracking code, contact, address or staff name. */
export interface PublicResult {
  id: string;
  title: string;
  summary: string;
  result: string;
  category: string | null;
  stationId: string;
  stationName: string;
  departmentName: string | null;
  receivedMonth: string;
  closedOn: string | null;
}
