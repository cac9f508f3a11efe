import { createHash } from 'node:crypto';
import { ACTIVITY_KIND_LABELS, type ActivityKind } from '../../../../shared/activities.ts';
import type {
  ActivityEntryDetail, ArchiveEntryDetail, ArchiveKind, CaseEntryDetail, EvaluationTally, ProjectScoreEntryDetail, ReceptionDutyDetail, ReceptionPeopleDetail,
  SelfReportEntryDetail, SelfReportKind, SuggestionEntryDetail, VoteEntryDetail,
} from '../../../../shared/archive.ts';
import { ARCHIVE_SOURCE_TYPES, SELF_REPORT_KIND_LABELS } from '../../../../shared/archive.ts';
import { CASE_STATUS_LABELS, RATING_LABELS, type CaseStatus, type Rating } from '../../../../shared/cases.ts';
import { EVALUATION_RATING_LABELS, REPLY_CATEGORY_LABELS, SUGGESTION_STATUS_LABELS, type EvaluationRating, type ReplyCategory, type SuggestionStatus } from '../../../../shared/suggestions.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { ActivityDeputyFact } from '../../activities/index.ts';
import type { CaseFact } from '../../cases/index.ts';
import type { EvaluationParticipationFact, VotingParticipationFact } from '../../projects/index.ts';
import type { ReceptionDutyFact, ReceptionSessionFact } from '../../schedule/index.ts';
import type { SuggestionDeputyFact } from '../../suggestions/index.ts';
import type { ArchiveEntryTables } from '../archive.tables.ts';

/**
 * Source facts → archive entries: pure functions, one per source type. Each returns every entry
 * its source yields now (possibly none), so the projection can replace what it derived before.
 * What counts (docs/plans/archive-api.md):
 * - reception_duty: a scheduled (not cancelled) reception day, one entry per deputy on duty;
 *   `attended` when the day's record names the deputy;
 * - reception_people: a reception record, one entry per deputy it names, with the people received;
 * - case: every case the deputy received (接待代表), with its status and the constituent's rating;
 * - suggestion: led or co-signed (signed), once submitted (not a draft, not withdrawn);
 * - vote: a voting session where the deputy has counted ballots — how many, never the choice;
 * - project_score: an evaluation round where the deputy handed in score sheets — how many, never the scores;
 * - activity: a held activity the deputy took part in; report-back (述职) with its evaluation;
 * - self_report: an approved self-report.
 */
export type EntryRow = ArchiveEntryTables['archive_entries'];
export type NewEntry = Omit<EntryRow, 'updated_seq'>;

/** Stable across rebuilds: the same deputy, kind and source always get the same id. */
export function entryId(deputyId: string, kind: ArchiveKind, sourceId: string): string {
  return createHash('sha256').update(`${deputyId}|${kind}|${ARCHIVE_SOURCE_TYPES[kind]}|${sourceId}`).digest('hex').slice(0, 32);
}

function entry(kind: ArchiveKind, deputyId: string, f: { sourceId: string; districtCode: string; occurredOn: string; title: string; link: string; group?: string | null; detail: ArchiveEntryDetail }): NewEntry {
  return {
    id: entryId(deputyId, kind, f.sourceId), deputy_id: deputyId, district_code: f.districtCode, kind, source_type: ARCHIVE_SOURCE_TYPES[kind], source_id: f.sourceId,
    source_group: f.group ?? null, year: Number(f.occurredOn.slice(0, 4)), occurred_on: f.occurredOn, title: f.title, detail: JSON.stringify(f.detail), link: f.link,
  };
}

const dayOf = (iso: string): string => shanghaiDate(new Date(iso));

export function receptionDutyEntries(f: ReceptionDutyFact): NewEntry[] {
  if (f.status !== 'scheduled') return [];
  const link = f.sessionId ? `/schedule/sessions/${f.sessionId}` : `/schedule/calendar?station=${f.stationId}&month=${f.date.slice(0, 7)}`;
  return f.dutyDeputyIds.map((d) => {
    const detail: ReceptionDutyDetail = { stationId: f.stationId, stationName: f.stationName, startTime: f.startTime, endTime: f.endTime, attended: f.sessionDeputyIds.includes(d), sessionId: f.sessionId };
    return entry('reception_duty', d, { sourceId: f.id, districtCode: f.districtCode, occurredOn: f.date, title: `${f.stationName}接待日`, link, group: f.ruleId, detail });
  });
}

export function receptionPeopleEntries(f: ReceptionSessionFact): NewEntry[] {
  return f.deputyIds.map((d) => {
    const detail: ReceptionPeopleDetail = { stationId: f.stationId, stationName: f.stationName, peopleReceived: f.peopleReceived, batches: f.batches, status: f.status, onDuty: f.dutyDeputyIds.includes(d), receptionId: f.receptionId };
    return entry('reception_people', d, { sourceId: f.id, districtCode: f.districtCode, occurredOn: f.date, title: `${f.stationName}接待群众`, link: `/schedule/sessions/${f.id}`, detail });
  });
}

export function caseEntries(f: CaseFact): NewEntry[] {
  return f.deputyIds.map((d) => {
    const detail: CaseEntryDetail = { trackingCode: f.trackingCode, status: f.status, category: f.category, channel: f.channel, rating: f.rating, resolved: f.measures.resolved, closed: f.measures.closed };
    return entry('case', d, { sourceId: f.id, districtCode: f.districtCode, occurredOn: dayOf(f.createdAt), title: f.title, link: `/cases/${f.id}`, detail });
  });
}

const SUBMITTED_SUGGESTION = (status: string) => status !== 'draft' && status !== 'withdrawn';

export function suggestionEntries(f: SuggestionDeputyFact): NewEntry[] {
  if (!SUBMITTED_SUGGESTION(f.status)) return [];
  const occurredOn = dayOf(f.submittedAt ?? f.createdAt);
  const roles: Array<[string, 'lead' | 'cosponsor']> = [[f.leadDeputyId, 'lead'], ...f.signedCosponsorIds.filter((d) => d !== f.leadDeputyId).map((d) => [d, 'cosponsor'] as [string, 'cosponsor'])];
  return roles.map(([d, role]) => {
    const detail: SuggestionEntryDetail = { role, number: f.number, status: f.status, period: f.period, replyCategory: f.replyCategory, rating: f.rating };
    return entry('suggestion', d, { sourceId: f.id, districtCode: f.districtCode, occurredOn, title: f.title, link: `/suggestions/${f.id}`, detail });
  });
}

export function voteEntries(f: VotingParticipationFact): NewEntry[] {
  return f.deputies.map((d) => {
    const detail: VoteEntryDetail = { year: f.year, congress: f.congress, sessionStatus: f.status, projects: d.projects, sources: d.sources };
    return entry('vote', d.deputyId, { sourceId: f.sessionId, districtCode: f.districtCode, occurredOn: dayOf(d.firstAt), title: f.title, link: `/voting/${f.sessionId}`, detail });
  });
}

export function projectScoreEntries(f: EvaluationParticipationFact): NewEntry[] {
  return f.deputies.map((d) => {
    const detail: ProjectScoreEntryDetail = { year: f.year, roundStatus: f.status, projects: d.projects };
    return entry('project_score', d.deputyId, { sourceId: f.roundId, districtCode: f.districtCode, occurredOn: dayOf(d.firstAt), title: f.title, link: `/project-evaluation/${f.roundId}`, detail });
  });
}

/** The report-back tallies as the activity page shows them (rate = (满意 + 基本满意) ÷ forms, 3 decimals). */
export function tally(e: { satisfied: number; basicallySatisfied: number; unsatisfied: number }): EvaluationTally {
  const total = e.satisfied + e.basicallySatisfied + e.unsatisfied;
  return { ...e, total, satisfactionRate: total ? Math.round(((e.satisfied + e.basicallySatisfied) / total) * 1000) / 1000 : null };
}

export function activityEntries(f: ActivityDeputyFact): NewEntry[] {
  if (f.status !== 'held') return [];
  return f.deputyIds.map((d) => {
    const detail: ActivityEntryDetail = { activityKind: f.kind, stationId: f.stationId, stationName: f.stationName, mode: f.mode, evaluation: f.kind === 'report_back' && f.evaluation ? tally(f.evaluation) : null };
    return entry('activity', d, { sourceId: f.id, districtCode: f.districtCode, occurredOn: f.date, title: f.title, link: `/activities/${f.id}`, detail });
  });
}

export interface SelfReportFact {
  id: string;
  districtCode: string;
  deputyId: string;
  kind: SelfReportKind;
  title: string;
  occurredOn: string;
  status: string;
  attachments: number;
  reviewedAt: string | null;
  reviewedByName: string | null;
}

export function selfReportEntries(f: SelfReportFact): NewEntry[] {
  if (f.status !== 'approved') return [];
  const detail: SelfReportEntryDetail = { reportKind: f.kind, attachments: f.attachments, reviewedAt: f.reviewedAt, reviewedByName: f.reviewedByName };
  return [entry('self_report', f.deputyId, { sourceId: f.id, districtCode: f.districtCode, occurredOn: f.occurredOn, title: f.title, link: `/archive/self-reports/${f.id}`, detail })];
}

// ── one line in Chinese per entry (the console's "情况" column and the export) ──

const label = <K extends string>(labels: Record<K, { zh: string }>, v: string | null): string | null => (v === null ? null : ((labels as Record<string, { zh: string }>)[v]?.zh ?? v));
const join = (parts: Array<string | null | false>): string => parts.filter(Boolean).join(' · ');
const percent = (r: number) => `${Math.round(r * 1000) / 10}%`;

export function entryNote(kind: ArchiveKind, detail: ArchiveEntryDetail): string {
  switch (kind) {
    case 'reception_duty': {
      const d = detail as ReceptionDutyDetail;
      return join([`${d.startTime}–${d.endTime}`, d.attended ? '已到岗接待' : d.sessionId ? '接待记录未列本人' : '无接待记录']);
    }
    case 'reception_people': {
      const d = detail as ReceptionPeopleDetail;
      return join([`接待群众 ${d.peopleReceived} 人次（${d.batches} 批）`, d.onDuty ? '值班' : null, d.status === 'open' ? '记录中' : null]);
    }
    case 'case': {
      const d = detail as CaseEntryDetail;
      return join([d.trackingCode, label<CaseStatus>(CASE_STATUS_LABELS, d.status), d.rating ? `群众评价：${label<Rating>(RATING_LABELS, d.rating)}` : null]);
    }
    case 'suggestion': {
      const d = detail as SuggestionEntryDetail;
      return join([d.role === 'lead' ? '领衔' : '联名', d.number, label<SuggestionStatus>(SUGGESTION_STATUS_LABELS, d.status),
        d.replyCategory ? `答复：${label<ReplyCategory>(REPLY_CATEGORY_LABELS, d.replyCategory)}` : null, d.rating ? `代表评价：${label<EvaluationRating>(EVALUATION_RATING_LABELS, d.rating)}` : null]);
    }
    case 'vote': {
      const d = detail as VoteEntryDetail;
      return join([`参加票决，对 ${d.projects} 个项目投票`, d.sources.includes('paper') ? '纸质选票' : null]);
    }
    case 'project_score': {
      const d = detail as ProjectScoreEntryDetail;
      return `测评 ${d.projects} 个项目`;
    }
    case 'activity': {
      const d = detail as ActivityEntryDetail;
      return join([label<ActivityKind>(ACTIVITY_KIND_LABELS, d.activityKind), d.stationName ?? '区级活动',
        d.evaluation && d.evaluation.satisfactionRate !== null ? `群众评议满意率 ${percent(d.evaluation.satisfactionRate)}（${d.evaluation.total} 份）` : null]);
    }
    case 'self_report': {
      const d = detail as SelfReportEntryDetail;
      return join([label<SelfReportKind>(SELF_REPORT_KIND_LABELS, d.reportKind), d.attachments ? `附件 ${d.attachments} 个` : null, '已审核']);
    }
  }
}
