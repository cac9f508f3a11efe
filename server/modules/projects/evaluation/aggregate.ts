import type { EvaluationCriterion, ProjectEvaluationSummary } from '../../../../shared/projects.ts';

/**
 * Year-end scoring, as pure functions (tested directly): which criteria a round may have, which
 * score sheets are complete, a sheet's weighted total, and a project's aggregate over all sheets.
 */

export const SCORE = { min: 0, max: 100 } as const;
export const MAX_CRITERIA = 10;

/** Why a list of criteria is refused, or null: 1–10 criteria, keys unique and well-formed, integer weights 1–100 summing to 100. */
export function criteriaProblem(criteria: readonly EvaluationCriterion[]): { message: string; index?: number } | null {
  if (criteria.length === 0) return { message: '至少需要一项测评指标' };
  if (criteria.length > MAX_CRITERIA) return { message: `测评指标最多 ${MAX_CRITERIA} 项` };
  const seen = new Set<string>();
  for (const [i, c] of criteria.entries()) {
    if (!/^[a-z][a-z0-9_]{0,29}$/.test(c.key)) return { message: `指标 key “${c.key}”只能由小写字母、数字和下划线组成（字母开头，最长 30 个字符）`, index: i };
    if (seen.has(c.key)) return { message: `指标 key “${c.key}”重复`, index: i };
    seen.add(c.key);
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100) return { message: `指标“${c.label}”的权重应为 1–100 的整数`, index: i };
  }
  const sum = criteria.reduce((s, c) => s + c.weight, 0);
  if (sum !== 100) return { message: `各项指标权重之和应为 100（现为 ${sum}）` };
  return null;
}

/** Why a score sheet is refused, or null: every criterion scored, an integer 0–100, no other keys. `key` names the field at fault. */
export function sheetProblem(criteria: readonly EvaluationCriterion[], scores: Record<string, unknown>): { key: string; message: string } | null {
  const keys = new Set(criteria.map((c) => c.key));
  for (const k of Object.keys(scores)) if (!keys.has(k)) return { key: k, message: `“${k}”不是本轮测评的指标` };
  for (const c of criteria) {
    const v = scores[c.key];
    if (v === undefined || v === null) return { key: c.key, message: `请为“${c.label}”打分` };
    if (typeof v !== 'number' || !Number.isInteger(v) || v < SCORE.min || v > SCORE.max) return { key: c.key, message: `“${c.label}”的分数应为 ${SCORE.min}–${SCORE.max} 的整数` };
  }
  return null;
}

/** One decimal place, the way the results are shown; halves go up (82.45 → 82.5: the binary error below 1e-8 is ignored). Scores are never negative. */
export const round1 = (x: number): number => Math.round(Number((x * 10).toFixed(8))) / 10;

/** A complete sheet's weighted total 0–100 (weights sum to 100), one decimal. */
export function sheetTotal(criteria: readonly EvaluationCriterion[], scores: Record<string, number>): number {
  return round1(criteria.reduce((s, c) => s + (scores[c.key] ?? 0) * c.weight, 0) / 100);
}

/**
 * A project's aggregate: how many deputies scored it, the mean per criterion and the weighted
 * total (the weighted sum of the unrounded means, which is the mean of the sheets' exact totals),
 * each rounded to one decimal. null when nobody scored it.
 */
export function aggregate(roundId: string, criteria: readonly EvaluationCriterion[], sheets: ReadonlyArray<Record<string, number>>): ProjectEvaluationSummary | null {
  if (sheets.length === 0) return null;
  const means: Record<string, number> = {};
  let total = 0;
  for (const c of criteria) {
    const mean = sheets.reduce((s, sh) => s + (sh[c.key] ?? 0), 0) / sheets.length;
    means[c.key] = round1(mean);
    total += (mean * c.weight) / 100;
  }
  return { roundId, raters: sheets.length, means, total: round1(total) };
}
