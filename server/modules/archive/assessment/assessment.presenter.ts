import { RATER_KINDS, type AssessmentResult, type AssessmentRound, type AssessmentSheet, type Grade, type RaterKind, type SheetStatus } from '../../../../shared/assessment.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { chineseSortKey } from '../../../platform/text/sort-key.ts';
import { orgLookups } from '../../org/index.ts';
import { mayFill, seesDeputy, seesSheet, type AssessmentActor } from './assessment.policy.ts';
import { assessmentRepository as repo, criteriaOf, ratersOf, scoresOf, type ResultRow, type RoundRow, type SheetRow } from './assessment.repository.ts';
import { requiredKinds, sheetTotal, type ComputedResult } from './result.ts';

/**
 * The wire format of rounds, sheets and results, with the caller's abilities; what the caller may
 * not see is left out (other deputies, sheets of kinds he/she does not fill).
 */

export interface DeputyInfo {
  id: string;
  name: string;
  stations: Array<{ id: string; name: string; parentId: string | null }>;
}

/** Names and stations of deputies, in name order (pinyin). */
export async function deputyInfo(db: Executor, ids: readonly string[]): Promise<DeputyInfo[]> {
  const [names, stations] = await Promise.all([orgLookups.deputyNames(db, ids), orgLookups.deputyStations(db, ids)]);
  return [...new Set(ids)]
    .map((id) => ({ id, name: names.get(id)?.name ?? '', stations: stations.get(id) ?? [] }))
    .map((d) => ({ d, key: chineseSortKey(d.name) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.d.id < y.d.id ? -1 : 1))
    .map((x) => x.d);
}

const stationsOut = (d: DeputyInfo) => d.stations.map((s) => ({ id: s.id, name: s.name }));

type StoredDetail = Omit<ComputedResult, 'total' | 'grade'>;

export function presentResult(round: Pick<RoundRow, 'id' | 'year'>, d: DeputyInfo, r: ResultRow): AssessmentResult {
  const detail = JSON.parse(r.detail) as StoredDetail;
  return {
    roundId: round.id, year: round.year, deputyId: d.id, deputyName: d.name, stations: stationsOut(d),
    total: r.total_x100 === null ? null : Number(r.total_x100) / 100, grade: (r.grade as Grade | null) ?? null,
    criteria: detail.criteria, byRater: detail.byRater, weightsUsed: detail.weightsUsed, missingKinds: detail.missingKinds,
    computedAt: r.computed_at,
  };
}

export function presentSheet(a: AssessmentActor, round: RoundRow, s: SheetRow, d: DeputyInfo): AssessmentSheet {
  const scores = scoresOf(s);
  const editable = s.status === 'draft' && round.status === 'open' && mayFill(a, s.rater_kind as RaterKind, s.deputy_id, d.stations);
  return {
    id: s.id, roundId: s.round_id, deputyId: s.deputy_id, deputyName: d.name, raterKind: s.rater_kind as RaterKind,
    scores, comment: s.comment, status: s.status as SheetStatus, total: sheetTotal(criteriaOf(round), scores),
    raterName: s.updated_by_name, submittedAt: s.submitted_at, updatedAt: s.updated_at, version: s.version,
    abilities: { update: editable, submit: editable },
  };
}

/** A round as the caller sees it: the deputies he/she may see, each with sheet states, what he/she may fill and the result. */
export async function presentRound(db: Executor, a: AssessmentActor, r: RoundRow): Promise<AssessmentRound> {
  const raters = ratersOf(r);
  const kinds = requiredKinds(raters);
  const [ids, sheets, results] = await Promise.all([repo.deputyIds(db, r.id), repo.sheets(db, r.id), r.status === 'closed' ? repo.results(db, r.id) : Promise.resolve([])]);
  const all = await deputyInfo(db, ids);
  const visible = all.filter((d) => seesDeputy(a, d.id, d.stations));
  const sheetOf = new Map(sheets.map((s) => [`${s.deputy_id}:${s.rater_kind}`, s]));
  const resultOf = new Map(results.map((x) => [x.deputy_id, x]));
  const progress = kinds.map((kind) => ({ kind, weight: raters.find((x) => x.kind === kind)!.weight, required: visible.length, submitted: 0, drafts: 0 }));
  const deputies = visible.map((d) => {
    const states: AssessmentRound['deputies'][number]['sheets'] = {};
    const fillable: RaterKind[] = [];
    for (const [i, kind] of kinds.entries()) {
      const s = sheetOf.get(`${d.id}:${kind}`);
      states[kind] = s ? { id: seesSheet(a, kind, d.id, d.stations) ? s.id : null, status: s.status as SheetStatus } : null;
      if (s?.status === 'submitted') progress[i]!.submitted++;
      else if (s) progress[i]!.drafts++;
      if (r.status === 'open' && s?.status !== 'submitted' && mayFill(a, kind, d.id, d.stations)) fillable.push(kind);
    }
    const res = resultOf.get(d.id);
    const detail = res ? (JSON.parse(res.detail) as StoredDetail) : null;
    return {
      deputyId: d.id, name: d.name, stations: stationsOut(d), sheets: states, fillable,
      result: res && detail ? { total: res.total_x100 === null ? null : Number(res.total_x100) / 100, grade: (res.grade as Grade | null) ?? null, missingKinds: detail.missingKinds } : null,
    };
  });
  const draft = r.status === 'draft';
  return {
    id: r.id, year: r.year, name: r.name, status: r.status as AssessmentRound['status'], criteria: criteriaOf(r), raters,
    deputyCount: ids.length, deputies, progress,
    openedAt: r.opened_at, closedAt: r.closed_at, closedIncomplete: r.closed_incomplete === 1, version: r.version,
    abilities: {
      update: a.admin && draft, open: a.admin && draft, close: a.admin && r.status === 'open',
      fill: deputies.some((d) => d.fillable.length > 0), results: r.status === 'closed' && deputies.length > 0,
    },
  };
}

/** Rater kinds in their fixed order (exports, columns). */
export const kindsInOrder = (kinds: readonly RaterKind[]): RaterKind[] => RATER_KINDS.filter((k) => kinds.includes(k));
