import { GRADE_THRESHOLDS, RATER_KINDS, type AssessmentCriterion, type Grade, type RaterKind, type RaterWeight } from '../../../../shared/assessment.ts';

/**
 * The assessment's rules as pure functions (tested directly in result.test.ts): which criteria and
 * rater weights a round may have, which scores a sheet may hold, a sheet's weighted total, and a
 * deputy's result over the submitted sheets.
 *
 * Arithmetic is exact: scores have at most one decimal and weights are integers, so every sum is
 * an integer count of tenths; only the final division rounds, half up, to 2 decimals.
 *
 * A deputy's result:
 * - the rater kinds that count are those with a weight above 0 and a submitted sheet ("present");
 * - their weights are re-weighted to the kinds present: w'ₖ = wₖ ÷ Σ present wₖ (all present: the
 *   round's weights unchanged; a missing kind's share is spread over the others in proportion);
 * - per criterion c: the raters' weighted average sᶜ = Σₖ w'ₖ × scoreₖᶜ;
 * - total = Σᶜ weightᶜ × sᶜ ÷ 100 (criteria weights sum to 100), from the exact averages, rounded
 *   to 2 decimals at the end (the per-criterion figures shown are rounded separately);
 * - grade from the rounded total: 优秀 ≥ 90, 称职 ≥ 75, 基本称职 ≥ 60, otherwise 不称职;
 * - no kind present: total and grade null (未评定).
 */

export const SCORE_MIN = 0;
export const SCORE_MAX = 100;
export const MAX_CRITERIA = 12;

export type Problem = { message: string; index?: number } | null;

/** Why a list of criteria is refused, or null: 1–12, keys unique and well-formed, labels unique, integer weights 1–100 summing to 100. */
export function criteriaProblem(criteria: readonly AssessmentCriterion[]): Problem {
  if (criteria.length === 0) return { message: '至少需要一项考评指标' };
  if (criteria.length > MAX_CRITERIA) return { message: `考评指标最多 ${MAX_CRITERIA} 项` };
  const keys = new Set<string>();
  const labels = new Set<string>();
  for (const [i, c] of criteria.entries()) {
    if (!/^[a-z][a-z0-9_]{0,29}$/.test(c.key)) return { message: `指标 key “${c.key}”只能由小写字母、数字和下划线组成（字母开头，最长 30 个字符）`, index: i };
    if (keys.has(c.key)) return { message: `指标 key “${c.key}”重复`, index: i };
    if (labels.has(c.label)) return { message: `指标“${c.label}”重复`, index: i };
    keys.add(c.key);
    labels.add(c.label);
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100) return { message: `指标“${c.label}”的权重应为 1–100 的整数`, index: i };
  }
  const sum = criteria.reduce((s, c) => s + c.weight, 0);
  if (sum !== 100) return { message: `各项考评指标的权重之和应为 100（现为 ${sum}）` };
  return null;
}

/** Why the rater weights are refused, or null: each kind at most once, integer weights 0–100 summing to 100. */
export function ratersProblem(raters: readonly RaterWeight[]): Problem {
  if (raters.length === 0) return { message: '至少需要一类评价主体' };
  const seen = new Set<RaterKind>();
  for (const [i, r] of raters.entries()) {
    if (!(RATER_KINDS as readonly string[]).includes(r.kind)) return { message: `评价主体“${r.kind}”不存在`, index: i };
    if (seen.has(r.kind)) return { message: `评价主体“${r.kind}”重复`, index: i };
    seen.add(r.kind);
    if (!Number.isInteger(r.weight) || r.weight < 0 || r.weight > 100) return { message: '评价主体的权重应为 0–100 的整数', index: i };
  }
  const sum = raters.reduce((s, r) => s + r.weight, 0);
  if (sum !== 100) return { message: `各评价主体的权重之和应为 100（现为 ${sum}）` };
  return null;
}

/** The rater kinds whose sheets a round needs: those with a weight above 0, in the round's order. */
export const requiredKinds = (raters: readonly RaterWeight[]): RaterKind[] => raters.filter((r) => r.weight > 0).map((r) => r.kind);

/** A score in tenths when it is a number 0–100 with at most one decimal, else null. */
export function tenths(v: unknown): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < SCORE_MIN || v > SCORE_MAX) return null;
  const t = Math.round(v * 10);
  return Math.abs(v * 10 - t) < 1e-6 ? t : null;
}

/**
 * Why a sheet's scores are refused, or null. `complete`: every criterion must have a score (to
 * submit); a draft may leave some out. Unknown keys and values that are not 0–100 with at most one
 * decimal are always refused. `key` names the field at fault (body.scores.<key>).
 */
export function scoresProblem(criteria: readonly AssessmentCriterion[], scores: Record<string, unknown>, complete: boolean): { key: string; message: string } | null {
  const keys = new Set(criteria.map((c) => c.key));
  for (const k of Object.keys(scores)) if (!keys.has(k)) return { key: k, message: `“${k}”不是本轮考评的指标` };
  for (const c of criteria) {
    const v = scores[c.key];
    if (v === undefined || v === null) {
      if (complete) return { key: c.key, message: `请为“${c.label}”打分` };
      continue;
    }
    if (tenths(v) === null) return { key: c.key, message: `“${c.label}”的分数应为 ${SCORE_MIN}–${SCORE_MAX}，最多一位小数` };
  }
  return null;
}

/** n ÷ d rounded half up (n ≥ 0, d > 0, both integers). */
const divRound = (n: number, d: number): number => Math.floor((2 * n + d) / (2 * d));

/** A complete sheet's weighted total Σ weight × score ÷ 100, 2 decimals; null when a criterion has no score. */
export function sheetTotal(criteria: readonly AssessmentCriterion[], scores: Record<string, number | null | undefined>): number | null {
  let sum = 0; // in tenths × weight
  for (const c of criteria) {
    const t = tenths(scores[c.key]);
    if (t === null) return null;
    sum += c.weight * t;
  }
  // sum / 1000 = the total; in hundredths: sum × 100 / 1000
  return divRound(sum * 100, 1000) / 100;
}

export function gradeOf(total: number): Grade {
  for (const [g, min] of GRADE_THRESHOLDS) if (total >= min) return g;
  return 'incompetent';
}

export interface SubmittedSheet { kind: RaterKind; scores: Record<string, number> }

export interface ComputedResult {
  total: number | null;
  grade: Grade | null;
  criteria: Record<string, number>;
  byRater: Partial<Record<RaterKind, number | null>>;
  weightsUsed: Partial<Record<RaterKind, number>>;
  missingKinds: RaterKind[];
}

/** A deputy's result from his/her submitted sheets (one per kind at most; sheets of kinds without weight are ignored). */
export function computeResult(criteria: readonly AssessmentCriterion[], raters: readonly RaterWeight[], sheets: readonly SubmittedSheet[]): ComputedResult {
  const byKind = new Map(sheets.map((s) => [s.kind, s.scores]));
  const counted = raters.filter((r) => r.weight > 0);
  const present = counted.filter((r) => byKind.has(r.kind));
  const missingKinds = counted.filter((r) => !byKind.has(r.kind)).map((r) => r.kind);
  const byRater: ComputedResult['byRater'] = {};
  for (const r of counted) byRater[r.kind] = byKind.has(r.kind) ? sheetTotal(criteria, byKind.get(r.kind)!) : null;
  const W = present.reduce((s, r) => s + r.weight, 0);
  if (W === 0) return { total: null, grade: null, criteria: {}, byRater, weightsUsed: {}, missingKinds };
  const weightsUsed: ComputedResult['weightsUsed'] = {};
  for (const r of present) weightsUsed[r.kind] = divRound(r.weight * 100 * 100, W) / 100;
  const out: Record<string, number> = {};
  let totalNum = 0; // Σc weightc × Σk wk × tenthsk,c ; total = totalNum / (W × 10 × 100)
  for (const c of criteria) {
    let num = 0; // Σk wk × tenthsk,c ; average = num / (W × 10)
    for (const r of present) {
      const t = tenths(byKind.get(r.kind)![c.key]);
      if (t === null) throw new Error(`computeResult: sheet of ${r.kind} lacks a valid score for ${c.key}`);
      num += r.weight * t;
    }
    out[c.key] = divRound(num * 100, W * 10) / 100;
    totalNum += c.weight * num;
  }
  const hundredths = divRound(totalNum * 100, W * 1000);
  const total = hundredths / 100;
  return { total, grade: gradeOf(total), criteria: out, byRater, weightsUsed, missingKinds };
}
