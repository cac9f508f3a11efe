import type { Trx } from '../../../platform/db/database.ts';
import type { Projection, StoredEvent } from '../../../platform/events/projector.ts';
import { activityDeputyFacts } from '../../activities/index.ts';
import { caseFactsFor } from '../../cases/index.ts';
import { evaluationParticipationFacts, votingParticipationFacts } from '../../projects/index.ts';
import { receptionDutyFacts, receptionIdsOfRule, receptionSessionFacts } from '../../schedule/index.ts';
import { suggestionDeputyFacts } from '../../suggestions/index.ts';
import { archiveRepository as repo } from '../archive.repository.ts';
import { selfReportFacts } from '../self-reports/self-report-facts.ts';
import {
  activityEntries, caseEntries, projectScoreEntries, receptionDutyEntries, receptionPeopleEntries, selfReportEntries, suggestionEntries, voteEntries,
} from './derive.ts';

/** The event entity types whose sources feed the archive. */
export const ARCHIVE_ENTITY_TYPES = [
  'case', 'suggestion', 'voting_session', 'project_evaluation_round', 'activity', 'reception', 'reception_rule', 'reception_session', 'archive_self_report',
] as const;

/** The entity ids a batch touches, by type. A swap (调班) changes two reception days; its event names the first. */
export function touched(events: readonly StoredEvent[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (type: string, id: unknown) => {
    if (typeof id === 'string' && id) (out.get(type) ?? out.set(type, new Set()).get(type)!).add(id);
  };
  for (const e of events) {
    add(e.entityType, e.entityId);
    if (e.type === 'reception.swap') {
      const b = e.payload.b as { receptionId?: unknown } | undefined;
      add('reception', b?.receptionId);
    }
  }
  return out;
}

/**
 * `archive.entries`: after events, each touched source is reloaded through its module's exported
 * query and the entries derived from it are replaced (delete by source, insert what it yields
 * now), so replaying any events, or all of them after a reset, gives the same archive.
 */
export const archiveProjection: Projection = {
  name: 'archive.entries',
  entityTypes: ARCHIVE_ENTITY_TYPES,
  async apply(trx: Trx, _deps, events) {
    const seq = events.reduce((m, e) => Math.max(m, e.seq), 0);
    const ids = touched(events);
    const of = (t: string) => [...(ids.get(t) ?? [])];
    const receptions = new Set(of('reception'));

    // A rule's change may generate, move or delete its days: replace all of them.
    for (const ruleId of of('reception_rule')) {
      await repo.deleteGroup(trx, 'reception', ruleId);
      for (const id of await receptionIdsOfRule(trx, ruleId)) receptions.add(id);
    }
    // A record names who was present: its own entries and the attendance of the day it records.
    const sessionIds = of('reception_session');
    const sessions = await receptionSessionFacts(trx, sessionIds);
    for (const s of sessions) if (s.receptionId) receptions.add(s.receptionId);
    await repo.replaceSources(trx, 'reception_session', sessionIds, sessions.flatMap(receptionPeopleEntries), seq);

    const dutyIds = [...receptions];
    await repo.replaceSources(trx, 'reception', dutyIds, (await receptionDutyFacts(trx, dutyIds)).flatMap(receptionDutyEntries), seq);

    const caseIds = of('case');
    await repo.replaceSources(trx, 'case', caseIds, (await caseFactsFor(trx, caseIds)).flatMap(caseEntries), seq);
    const suggestionIds = of('suggestion');
    await repo.replaceSources(trx, 'suggestion', suggestionIds, (await suggestionDeputyFacts(trx, suggestionIds)).flatMap(suggestionEntries), seq);
    const votingIds = of('voting_session');
    await repo.replaceSources(trx, 'voting_session', votingIds, (await votingParticipationFacts(trx, votingIds)).flatMap(voteEntries), seq);
    const roundIds = of('project_evaluation_round');
    await repo.replaceSources(trx, 'project_evaluation_round', roundIds, (await evaluationParticipationFacts(trx, roundIds)).flatMap(projectScoreEntries), seq);
    const activityIds = of('activity');
    await repo.replaceSources(trx, 'activity', activityIds, (await activityDeputyFacts(trx, activityIds)).flatMap(activityEntries), seq);
    const reportIds = of('archive_self_report');
    await repo.replaceSources(trx, 'archive_self_report', reportIds, (await selfReportFacts(trx, reportIds)).flatMap(selfReportEntries), seq);
  },
};
