import type { SelfReportAbilities, SelfReportEventType, SelfReportKind, SelfReportListItem, SelfReportOut, SelfReportStatus } from '../../../../shared/archive.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { ReportEventRow, ReportFileRow, ReportListRow } from './self-reports.repository.ts';

const EDITABLE = ['draft', 'returned'];
export const isEditable = (status: string): boolean => EDITABLE.includes(status);

export const fileUrl = (f: Pick<ReportFileRow, 'report_id' | 'id'>): string => `/api/v1/archive/self-reports/${f.report_id}/attachments/${f.id}`;

export function abilities(p: Principal, r: Pick<ReportListRow, 'deputy_id' | 'status'>, reviewer: boolean): SelfReportAbilities {
  const own = p.deputyId !== null && p.deputyId === r.deputy_id && p.roles.includes('deputy');
  return {
    update: own && isEditable(r.status),
    upload: own && isEditable(r.status),
    submit: own && isEditable(r.status),
    withdraw: own && r.status === 'submitted',
    review: reviewer && r.status === 'submitted',
  };
}

export function presentListItem(p: Principal, r: ReportListRow, reviewer: boolean): SelfReportListItem {
  return {
    id: r.id, deputy: { id: r.deputy_id, name: r.deputy_name }, kind: r.kind as SelfReportKind, title: r.title, date: r.occurred_on, status: r.status as SelfReportStatus,
    returnReason: r.return_reason, submittedAt: r.submitted_at, reviewedAt: r.reviewed_at, attachmentCount: r.attachment_count,
    createdAt: r.created_at, updatedAt: r.updated_at, version: Number(r.version), abilities: abilities(p, r, reviewer),
  };
}

export function presentFile(f: ReportFileRow) {
  return { id: f.id, filename: f.filename, mime: f.mime, size: Number(f.size), url: fileUrl(f), uploadedAt: f.created_at };
}

export function presentReport(p: Principal, r: ReportListRow, reviewer: boolean, files: ReportFileRow[], events: ReportEventRow[]): SelfReportOut {
  return {
    ...presentListItem(p, r, reviewer),
    description: r.description,
    reviewedBy: r.reviewed_at ? { id: r.reviewed_by, name: r.reviewed_by_name ?? '' } : null,
    attachments: files.map(presentFile),
    history: events.map((e) => ({ type: e.type as SelfReportEventType, at: e.at, actorName: e.actor_name, note: e.note })),
  };
}
