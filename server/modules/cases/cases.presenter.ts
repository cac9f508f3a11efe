import type {
  CaseAttachmentOut, CaseChannel, CaseEventType, CaseKind, CaseListItemOut, CaseOut, CaseStatus, CaseTimelineEntry, DueState, Rating, SlaStage,
} from '../../../shared/cases.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import { maskEmail, maskName, maskPhone, type PiiCipher } from '../../platform/crypto/pii.ts';
import { caseAbilities, type CaseFacts } from './cases.policy.ts';
import type { CaseAttachmentRow, CaseEventRow, CaseListRow, CaseRow, CaseScope } from './cases.repository.ts';

export const caseFacts = (r: CaseRow): CaseFacts => ({
  status: r.status as CaseStatus,
  stationId: r.station_id,
  departmentId: r.department_id,
  extensionPending: r.extension_days !== null,
});

export function dueStateOf(r: Pick<CaseRow, 'due_at'>, cal: WorkingCalendar, now: Date): DueState | null {
  return r.due_at ? cal.dueState(new Date(r.due_at), now) : null;
}

/** The list's wire format: no personal data at all. */
export function presentCaseListItem(r: CaseListRow, cal: WorkingCalendar, now: Date): CaseListItemOut {
  return {
    id: r.id,
    trackingCode: r.tracking_code,
    title: r.title,
    status: r.status as CaseStatus,
    channel: r.channel as CaseChannel,
    kind: r.kind as CaseKind,
    category: r.category,
    stationId: r.station_id,
    stationName: r.station_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    dueAt: r.due_at,
    dueStage: r.due_stage as SlaStage | null,
    dueState: dueStateOf(r, cal, now),
    overdue: r.due_at !== null && r.due_at < now.toISOString(),
    supervisionLevel: r.supervision_level,
    urgent: r.urgent === 1,
    rating: r.rating as Rating | null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export const attachmentUrl = (caseId: string, id: string) => `/api/v1/cases/${caseId}/attachments/${id}`;

export const presentAttachment = (a: CaseAttachmentRow): CaseAttachmentOut => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size, url: attachmentUrl(a.case_id, a.id) });

export function presentTimeline(events: CaseEventRow[], attachments: CaseAttachmentRow[]): CaseTimelineEntry[] {
  return events.map((e) => ({
    id: e.id,
    at: e.at,
    type: e.type as CaseEventType,
    actor: e.actor_name ? { userId: e.actor_id, name: e.actor_name, role: e.actor_role } : null,
    fromStatus: e.from_status as CaseStatus | null,
    toStatus: e.to_status as CaseStatus | null,
    note: e.note,
    internalNote: e.internal_note,
    data: JSON.parse(e.data) as Record<string, unknown>,
    attachments: attachments.filter((a) => a.event_id === e.id).map(presentAttachment),
  }));
}

/** Contact details are always masked here; `GET /cases/:id/contact` reveals them, audited. */
export function maskedContact(r: CaseRow, pii: PiiCipher): CaseOut['contact'] {
  if (r.anonymous === 1 || (!r.contact_name && !r.contact_phone && !r.contact_email)) return null;
  return {
    name: r.contact_name ? maskName(pii.decrypt(r.contact_name)) : null,
    phone: r.contact_phone ? maskPhone(pii.decrypt(r.contact_phone)) : null,
    email: r.contact_email ? maskEmail(pii.decrypt(r.contact_email)) : null,
    masked: true,
  };
}

export interface CaseDetails {
  events: CaseEventRow[];
  attachments: CaseAttachmentRow[];
  deputies: { id: string; name: string }[];
  mergedCases: { id: string; tracking_code: string; title: string }[];
  suggestedDepartment: CaseOut['suggestedDepartment'];
}

export function presentCase(p: Principal, scope: CaseScope, r: CaseListRow, d: CaseDetails, cal: WorkingCalendar, now: Date, pii: PiiCipher): CaseOut {
  return {
    ...presentCaseListItem(r, cal, now),
    content: r.content,
    regionCode: r.region_code,
    anonymous: r.anonymous === 1,
    contact: maskedContact(r, pii),
    location: r.location_address || r.location_lat !== null ? { address: r.location_address, lat: r.location_lat, lng: r.location_lng } : null,
    deputies: d.deputies,
    receptionId: r.reception_id,
    mergedIntoId: r.merged_into_id,
    mergedCases: d.mergedCases.map((m) => ({ id: m.id, trackingCode: m.tracking_code, title: m.title })),
    extension: r.extension_days !== null ? { workingDays: r.extension_days, reason: r.extension_reason ?? '', requestedAt: r.extension_requested_at ?? '' } : null,
    suggestedDepartment: d.suggestedDepartment,
    attachments: d.attachments.map(presentAttachment),
    timeline: presentTimeline(d.events, d.attachments),
    abilities: caseAbilities(p, caseFacts(r), scope),
  };
}
