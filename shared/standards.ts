/**
 * The standards checklist (八有 / 五有): evidence statuses, history entry types, labels and the
 * wire shapes of docs/plans/standards-api.md, shared by the server and the console.
 * Plain data and types; imports only shared/org.ts.
 */
import type { StationKind } from './org.ts';

export const EVIDENCE_STATUSES = ['missing', 'submitted', 'approved', 'returned'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];
export const EVIDENCE_STATUS_LABELS: Record<EvidenceStatus, { zh: string; en: string }> = {
  missing: { zh: '未提交', en: 'Not submitted' },
  submitted: { zh: '待审核', en: 'Awaiting review' },
  approved: { zh: '已通过', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
};

/** Workflow actions on evidence (POST /stations/:id/standards/:itemId/<action>). */
export const EVIDENCE_ACTIONS = ['submit', 'withdraw', 'approve', 'return'] as const;
export type EvidenceAction = (typeof EVIDENCE_ACTIONS)[number];
export const EVIDENCE_ACTION_LABELS: Record<EvidenceAction, { zh: string; en: string }> = {
  submit: { zh: '提交审核', en: 'Submit' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  approve: { zh: '审核通过', en: 'Approve' },
  return: { zh: '退回', en: 'Return' },
};

export const EVIDENCE_EVENT_TYPES = ['edited', 'file_added', 'file_removed', 'submitted', 'withdrawn', 'approved', 'returned'] as const;
export type EvidenceEventType = (typeof EVIDENCE_EVENT_TYPES)[number];
export const EVIDENCE_EVENT_LABELS: Record<EvidenceEventType, { zh: string; en: string }> = {
  edited: { zh: '修改说明', en: 'Text edited' },
  file_added: { zh: '上传材料', en: 'File added' },
  file_removed: { zh: '删除材料', en: 'File removed' },
  submitted: { zh: '提交审核', en: 'Submitted' },
  withdrawn: { zh: '撤回', en: 'Withdrawn' },
  approved: { zh: '审核通过', en: 'Approved' },
  returned: { zh: '退回修改', en: 'Returned' },
};

/** Which set a station kind is checked against: 八有 for stations, 五有 for rooms. */
export const STANDARD_SET_LABELS: Record<StationKind, { zh: string; en: string }> = {
  station: { zh: '八有', en: 'Eight standards (stations)' },
  room: { zh: '五有', en: 'Five standards (rooms)' },
};

export const EVIDENCE_FILE_KINDS = ['photo', 'document'] as const;
export type EvidenceFileKind = (typeof EVIDENCE_FILE_KINDS)[number];

export interface PersonRef {
  id: string;
  name: string;
}

export interface StandardItemOut {
  id: string;
  code: string;
  name: string;
  description: string;
  appliesTo: StationKind[];
  sort: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  abilities: { update: boolean; deactivate: boolean };
}

export interface EvidenceFileOut {
  id: string;
  filename: string;
  mime: string;
  size: number;
  kind: EvidenceFileKind;
  uploadedBy: PersonRef | null;
  createdAt: string;
}

export interface EvidenceAbilities {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  approve: boolean;
  return: boolean;
}

export interface EvidenceOut {
  stationId: string;
  itemId: string;
  status: EvidenceStatus;
  text: string;
  files: EvidenceFileOut[];
  submittedBy: PersonRef | null;
  submittedAt: string | null;
  reviewedBy: PersonRef | null;
  reviewedAt: string | null;
  reviewNote: string;
  updatedAt: string | null;
  version: number;
  abilities: EvidenceAbilities;
}

export interface EvidenceEventOut {
  id: string;
  type: EvidenceEventType;
  at: string;
  actor: PersonRef | null;
  note: string;
  snapshot: { text: string; files: Array<{ id: string; filename: string }> } | null;
  version: number;
}

export type EvidenceCounts = Record<EvidenceStatus, number>;

export interface StationStandardsOut {
  station: { id: string; name: string; kind: StationKind; parentId: string | null; active: boolean };
  items: Array<{ item: StandardItemOut; evidence: EvidenceOut }>;
  counts: EvidenceCounts;
  total: number;
  complete: boolean;
}

export interface EvidenceDetailOut {
  item: StandardItemOut;
  evidence: EvidenceOut;
  history: EvidenceEventOut[];
}

export interface CoverageOut {
  items: Array<{ id: string; code: string; name: string; appliesTo: StationKind[] }>;
  stations: Array<{
    id: string;
    name: string;
    kind: StationKind;
    parentId: string | null;
    statuses: Record<string, EvidenceStatus>;
    counts: EvidenceCounts;
    total: number;
    complete: boolean;
  }>;
  totals: {
    stations: number;
    complete: number;
    counts: EvidenceCounts;
    perItem: Array<{ itemId: string; applicable: number; approvedPercent: number | null } & EvidenceCounts>;
  };
}
