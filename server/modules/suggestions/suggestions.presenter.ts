import type {
  CosponsorStatus, EvaluationRating, HandlerRole, PublicSuggestion, ReplyCategory, SuggestionDetail, SuggestionEventType, SuggestionPeriod, SuggestionStatus, SuggestionSummary,
} from '../../../shared/suggestions.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { LinkedCase } from '../cases/index.ts';
import { isHandling } from './suggestion-status.ts';
import { suggestionAbilities, type SuggestionFacts } from './suggestions.policy.ts';
import type { CosponsorRow, EvaluationRow, HandlerRow, ReplyRow, SuggestionEventRow, SuggestionListRow, SuggestionRow } from './suggestions.repository.ts';

/** Overdue: being handled and past the due date. */
export const isOverdue = (s: Pick<SuggestionRow, 'status' | 'due_at'>, now: Date): boolean =>
  isHandling(s.status as SuggestionStatus) && s.due_at !== null && s.due_at < now.toISOString();

export function presentSummary(r: SuggestionListRow, now: Date): SuggestionSummary {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    status: r.status as SuggestionStatus,
    category: r.category,
    year: r.year,
    period: r.period as SuggestionPeriod | null,
    leadDeputy: { id: r.lead_deputy_id, name: r.deputy_name, level: r.deputy_level },
    cosponsorCount: r.cosponsor_count,
    caseCount: r.case_count,
    leadDepartment: r.lead_department_id && r.lead_department_name ? { id: r.lead_department_id, name: r.lead_department_name } : null,
    dueAt: r.due_at,
    overdue: isOverdue(r, now),
    replyCategory: r.reply_category as ReplyCategory | null,
    rating: r.rating as EvaluationRating | null,
    published: r.published === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface DetailParts {
  cosponsors: Array<CosponsorRow & { name: string; level: string }>;
  cases: LinkedCase[];
  visibleCaseIds: Set<string>;
  departments: Array<HandlerRow & { name: string }>;
  replies: Array<ReplyRow & { department_name: string }>;
  evaluations: EvaluationRow[];
  events: SuggestionEventRow[];
}

export function suggestionFacts(r: SuggestionRow, departments: HandlerRow[], cosponsors: CosponsorRow[], p: Principal | null): SuggestionFacts {
  return {
    status: r.status as SuggestionStatus,
    leadDeputyId: r.lead_deputy_id,
    createdBy: r.created_by,
    leadDepartmentId: departments.find((d) => d.role === 'lead')?.department_id ?? null,
    coDepartmentIds: departments.filter((d) => d.role === 'co').map((d) => d.department_id),
    myCosponsorStatus: (p?.deputyId ? (cosponsors.find((c) => c.deputy_id === p.deputyId)?.status ?? null) : null) as CosponsorStatus | null,
    extensionPending: r.ext_months !== null,
  };
}

export function presentDetail(p: Principal, r: SuggestionListRow, x: DetailParts, now: Date): SuggestionDetail {
  return {
    ...presentSummary(r, now),
    version: r.version,
    content: r.content,
    proposals: r.proposals,
    congress: r.congress,
    round: r.round,
    supervisionLevel: r.supervision_level,
    returnReason: r.return_reason,
    cosponsors: x.cosponsors.map((c) => ({ deputyId: c.deputy_id, name: c.name, level: c.level, status: c.status as CosponsorStatus, at: c.responded_at })),
    cases: x.cases.map((c) => {
      const visible = x.visibleCaseIds.has(c.id);
      return { id: c.id, trackingCode: visible ? c.trackingCode : '', title: c.title, status: c.status, stationName: c.stationName, category: c.category, visible };
    }),
    departments: x.departments.map((d) => ({ departmentId: d.department_id, name: d.name, role: d.role as HandlerRole, opinion: d.opinion, opinionAt: d.opinion_at })),
    extensionRequest: r.ext_months !== null ? { months: r.ext_months, reason: r.ext_reason ?? '', at: r.ext_requested_at ?? r.updated_at } : null,
    extendedMonths: r.extended_months,
    replies: x.replies.map((y) => ({ id: y.id, round: y.round, departmentId: y.department_id, departmentName: y.department_name, category: y.category as ReplyCategory, content: y.content, at: y.at, byName: y.by_name })),
    evaluations: x.evaluations.map((e) => ({ round: e.round, rating: e.rating as EvaluationRating, comment: e.comment, at: e.at })),
    timeline: x.events.map((e) => ({ at: e.at, type: e.type as SuggestionEventType, actorName: e.actor_name, note: e.note })),
    submittedAt: r.submitted_at,
    registeredAt: r.registered_at,
    assignedAt: r.assigned_at,
    repliedAt: r.replied_at,
    closedAt: r.closed_at,
    abilities: suggestionAbilities(p, suggestionFacts(r, x.departments, x.cosponsors, p)),
  };
}

/** The compendium's view: masked texts only, signed co-sponsors' names, no cases beyond their number. */
export function presentPublic(
  r: SuggestionListRow,
  x: { cosponsors: Array<CosponsorRow & { name: string }>; departments: Array<HandlerRow & { name: string }>; replies: Array<ReplyRow & { department_name: string }> },
): PublicSuggestion {
  return {
    id: r.id,
    number: r.number ?? '',
    title: r.public_title ?? '',
    content: r.public_content ?? '',
    proposals: r.public_proposals ?? '',
    category: r.category,
    year: r.year,
    period: r.period as SuggestionPeriod,
    congress: r.congress,
    leadDeputy: { name: r.deputy_name, level: r.deputy_level },
    cosponsors: x.cosponsors.filter((c) => c.status === 'signed').map((c) => c.name),
    caseCount: r.case_count,
    departments: x.departments.map((d) => ({ name: d.name, role: d.role as HandlerRole })),
    replies: x.replies.map((y) => ({ round: y.round, departmentName: y.department_name, category: y.category as ReplyCategory, content: y.public_content, at: y.at })),
    rating: r.rating as EvaluationRating | null,
    status: r.status as SuggestionStatus,
    registeredAt: r.registered_at ?? '',
  };
}
