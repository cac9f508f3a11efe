import {
  ACTIVITY_KINDS,
} from '../../../shared/activities.ts';
import {
  ARCHIVE_KIND_LABELS, ARCHIVE_KINDS, SELF_REPORT_KINDS, type ActivityEntryDetail, type ArchiveCounts, type ArchiveDeputy, type ArchiveEntryDetail, type ArchiveEntryOut, type ArchiveKind,
  type ArchiveSection, type ArchiveSummary, type CaseEntryDetail, type EvaluationTally, type ProjectScoreEntryDetail, type ReceptionDutyDetail, type ReceptionPeopleDetail,
  type SelfReportEntryDetail, type SelfReportKind, type SuggestionEntryDetail, type VoteEntryDetail,
} from '../../../shared/archive.ts';
import type { DeputyRow } from './archive.repository.ts';
import { entryNote, tally, type EntryRow } from './entries/derive.ts';

export const SECTION_LIMIT = 200;

export function presentDeputy(d: DeputyRow, stations: Array<{ id: string; name: string }>): ArchiveDeputy {
  return {
    id: d.id, name: d.name, level: d.level, term: d.term, termStart: d.term_start === null ? null : Number(d.term_start), termEnd: d.term_end === null ? null : Number(d.term_end),
    active: Number(d.active) === 1, stations,
  };
}

export function presentEntry(r: EntryRow): ArchiveEntryOut {
  const kind = r.kind as ArchiveKind;
  const detail = JSON.parse(r.detail) as ArchiveEntryDetail;
  return { id: r.id, kind, sourceType: r.source_type, sourceId: r.source_id, title: r.title, occurredOn: r.occurred_on, year: Number(r.year), note: entryNote(kind, detail), link: r.link, detail };
}

export const emptyCounts = (): ArchiveCounts => Object.fromEntries(ARCHIVE_KINDS.map((k) => [k, 0])) as ArchiveCounts;

/**
 * The summary of a period's entries (definitions in docs/plans/archive-api.md). Counts of facts,
 * never a score or a rank.
 */
export function summarise(entries: readonly ArchiveEntryOut[]): ArchiveSummary {
  const s: ArchiveSummary = {
    receptionDuty: { days: 0, attended: 0 },
    receptionPeople: { sessions: 0, people: 0 },
    cases: { collected: 0, resolved: 0, closed: 0, rated: 0, satisfied: 0 },
    suggestions: { total: 0, lead: 0, cosigned: 0, replied: 0, evaluated: 0, satisfied: 0 },
    votes: { sessions: 0, projects: 0 },
    projectScores: { rounds: 0, projects: 0 },
    activities: { total: 0, byKind: Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0])), training: 0, reportBack: 0, reportBackEvaluation: null },
    selfReports: { approved: 0, byKind: Object.fromEntries(SELF_REPORT_KINDS.map((k) => [k, 0])) as Record<SelfReportKind, number> },
  };
  const evals: EvaluationTally[] = [];
  for (const e of entries) {
    switch (e.kind) {
      case 'reception_duty': {
        s.receptionDuty.days++;
        if ((e.detail as ReceptionDutyDetail).attended) s.receptionDuty.attended++;
        break;
      }
      case 'reception_people': {
        s.receptionPeople.sessions++;
        s.receptionPeople.people += (e.detail as ReceptionPeopleDetail).peopleReceived;
        break;
      }
      case 'case': {
        const d = e.detail as CaseEntryDetail;
        s.cases.collected++;
        if (d.resolved) s.cases.resolved++;
        if (d.closed) s.cases.closed++;
        if (d.rating) s.cases.rated++;
        if (d.rating === 'satisfied' || d.rating === 'basically_satisfied') s.cases.satisfied++;
        break;
      }
      case 'suggestion': {
        const d = e.detail as SuggestionEntryDetail;
        s.suggestions.total++;
        if (d.role === 'lead') s.suggestions.lead++;
        else s.suggestions.cosigned++;
        if (d.replyCategory !== null) s.suggestions.replied++;
        if (d.rating) s.suggestions.evaluated++;
        if (d.rating === 'satisfied' || d.rating === 'basically_satisfied') s.suggestions.satisfied++;
        break;
      }
      case 'vote': {
        s.votes.sessions++;
        s.votes.projects += (e.detail as VoteEntryDetail).projects;
        break;
      }
      case 'project_score': {
        s.projectScores.rounds++;
        s.projectScores.projects += (e.detail as ProjectScoreEntryDetail).projects;
        break;
      }
      case 'activity': {
        const d = e.detail as ActivityEntryDetail;
        s.activities.total++;
        s.activities.byKind[d.activityKind] = (s.activities.byKind[d.activityKind] ?? 0) + 1;
        if (d.activityKind === 'training') s.activities.training++;
        if (d.activityKind === 'report_back') {
          s.activities.reportBack++;
          if (d.evaluation) evals.push(d.evaluation);
        }
        break;
      }
      case 'self_report': {
        s.selfReports.approved++;
        s.selfReports.byKind[(e.detail as SelfReportEntryDetail).reportKind]++;
        break;
      }
    }
  }
  if (evals.length) {
    s.activities.reportBackEvaluation = tally({
      satisfied: evals.reduce((n, x) => n + x.satisfied, 0), basicallySatisfied: evals.reduce((n, x) => n + x.basicallySatisfied, 0), unsatisfied: evals.reduce((n, x) => n + x.unsatisfied, 0),
    });
  }
  return s;
}

/** Every kind in the fixed order, newest first within each, at most SECTION_LIMIT items shown. */
export function sections(entries: readonly ArchiveEntryOut[]): ArchiveSection[] {
  return ARCHIVE_KINDS.map((kind) => {
    const all = entries.filter((e) => e.kind === kind);
    return { kind, label: ARCHIVE_KIND_LABELS[kind].zh, count: all.length, items: all.slice(0, SECTION_LIMIT), more: all.length > SECTION_LIMIT };
  });
}
