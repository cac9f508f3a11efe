import type { EvidenceAction, EvidenceStatus } from '../../../../shared/standards.ts';

/**
 * The evidence workflow (pure): who takes each action, from which statuses, to which status.
 * Station staff write and submit; the district office reviews. docs/plans/standards-api.md.
 */
export const EVIDENCE_TRANSITIONS: Record<EvidenceAction, { by: 'station' | 'admin'; from: readonly EvidenceStatus[]; to: EvidenceStatus }> = {
  submit: { by: 'station', from: ['missing', 'returned'], to: 'submitted' },
  withdraw: { by: 'station', from: ['submitted', 'approved'], to: 'missing' },
  approve: { by: 'admin', from: ['submitted'], to: 'approved' },
  return: { by: 'admin', from: ['submitted', 'approved'], to: 'returned' },
};

/** Text and files change only while the evidence is with the station (not under review, not approved). */
export const EDITABLE: readonly EvidenceStatus[] = ['missing', 'returned'];

export const isEditable = (s: EvidenceStatus): boolean => EDITABLE.includes(s);

export const allows = (action: EvidenceAction, from: EvidenceStatus): boolean => EVIDENCE_TRANSITIONS[action].from.includes(from);
