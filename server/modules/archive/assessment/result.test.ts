// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_ASSESSMENT_CRITERIA, DEFAULT_RATER_WEIGHTS, type AssessmentCriterion, type RaterWeight } from '../../../../shared/assessment.ts';
import { computeResult, criteriaProblem, gradeOf, ratersProblem, scoresProblem, sheetTotal, tenths } from './result.ts';

const TWO: AssessmentCriterion[] = [{ key: 'a', label: '甲', weight: 60 }, { key: 'b', label: '乙', weight: 40 }];

describe('assessment rules (pure)', () => {
  test('the defaults are valid: seven criteria and four rater kinds, each summing to 100', () => {
    assert.equal(criteriaProblem(DEFAULT_ASSESSMENT_CRITERIA), null);
    assert.equal(DEFAULT_ASSESSMENT_CRITERIA.length, 7);
    assert.deepEqual(DEFAULT_ASSESSMENT_CRITERIA.map((c) => c.label), ['出席会议', '审议发言', '代表建议', '参加活动', '视察调研', '代表小组活动', '联系群众']);
    assert.equal(ratersProblem(DEFAULT_RATER_WEIGHTS), null);
    assert.deepEqual(DEFAULT_RATER_WEIGHTS.map((r) => r.weight), [10, 20, 30, 40]);
  });

  test('criteria: weights integers 1–100 summing to 100, keys well-formed and unique, labels unique', () => {
    assert.match(criteriaProblem([{ key: 'a', label: '甲', weight: 60 }, { key: 'b', label: '乙', weight: 30 }])!.message, /之和应为 100（现为 90）/);
    assert.equal(criteriaProblem([{ key: 'a', label: '甲', weight: 60 }, { key: 'a', label: '乙', weight: 40 }])!.index, 1);
    assert.equal(criteriaProblem([{ key: 'a', label: '甲', weight: 60 }, { key: 'b', label: '甲', weight: 40 }])!.index, 1);
    assert.equal(criteriaProblem([{ key: 'A', label: '甲', weight: 100 }])!.index, 0);
    assert.equal(criteriaProblem([{ key: 'a', label: '甲', weight: 99.5 }, { key: 'b', label: '乙', weight: 0.5 }])!.index, 0);
    assert.equal(criteriaProblem([{ key: 'a', label: '甲', weight: 0 }, { key: 'b', label: '乙', weight: 100 }])!.index, 0);
    assert.ok(criteriaProblem([]));
    assert.equal(criteriaProblem(TWO), null);
  });

  test('raters: known kinds once each, integer weights 0–100 summing to 100', () => {
    assert.match(ratersProblem([{ kind: 'self', weight: 50 }, { kind: 'office', weight: 40 }])!.message, /现为 90/);
    assert.equal(ratersProblem([{ kind: 'self', weight: 50 }, { kind: 'self', weight: 50 }])!.index, 1);
    assert.equal(ratersProblem([{ kind: 'boss' as never, weight: 100 }])!.index, 0);
    assert.equal(ratersProblem([{ kind: 'self', weight: -10 }, { kind: 'office', weight: 110 }])!.index, 0);
    assert.equal(ratersProblem([{ kind: 'self', weight: 0 }, { kind: 'office', weight: 100 }]), null);
  });

  test('scores: 0–100 with at most one decimal; drafts may leave criteria out, submissions may not; unknown keys refused', () => {
    assert.equal(tenths(85.5), 855);
    assert.equal(tenths(0.1 + 0.2), 3);
    assert.equal(tenths(85.55), null);
    assert.equal(tenths(101), null);
    assert.equal(tenths(-0.1), null);
    assert.equal(tenths(Number.NaN), null);
    assert.equal(tenths('90'), null);
    assert.deepEqual(scoresProblem(TWO, { a: 101, b: 90 }, false)?.key, 'a');
    assert.deepEqual(scoresProblem(TWO, { a: 90, b: 80.25 }, false)?.key, 'b');
    assert.equal(scoresProblem(TWO, { a: 90 }, false), null);
    assert.deepEqual(scoresProblem(TWO, { a: 90 }, true), { key: 'b', message: '请为“乙”打分' });
    assert.equal(scoresProblem(TWO, { a: 90, c: 1 }, false)?.key, 'c');
    assert.equal(scoresProblem(TWO, { a: 0, b: 100 }, true), null);
  });

  test('a sheet total is Σ weight × score / 100 to 2 decimals, null while incomplete', () => {
    assert.equal(sheetTotal(TWO, { a: 85.5, b: 90 }), 87.3);
    assert.equal(sheetTotal(TWO, { a: 85.5 }), null);
    // 20×91.3 + 15×88.7 + 15×90 + 10×79.9 + 10×85 + 10×92.1 + 20×87.7 = 8830.5 → 88.305 → 88.31 (half up)
    const s = { attendance: 91.3, deliberation: 88.7, suggestions: 90, activities: 79.9, inspections: 85, group: 92.1, contact: 87.7 };
    assert.equal(sheetTotal(DEFAULT_ASSESSMENT_CRITERIA, s), 88.31);
    // 3 × 33.5 / 100 = 1.005, which floating point holds as 1.00499…: exact tenths round it half up to 1.01
    const small = [{ key: 'a', label: '甲', weight: 3 }, { key: 'b', label: '乙', weight: 97 }];
    assert.equal(Math.round(((3 * 33.5) / 100) * 100) / 100, 1, 'the naive rounding this avoids');
    assert.equal(sheetTotal(small, { a: 33.5, b: 0 }), 1.01);
  });

  test('grades: 优秀 ≥ 90, 称职 ≥ 75, 基本称职 ≥ 60, else 不称职 (boundaries inclusive)', () => {
    assert.deepEqual([100, 90, 89.99, 75, 74.99, 60, 59.99, 0].map(gradeOf), ['excellent', 'excellent', 'competent', 'competent', 'basic', 'basic', 'incompetent', 'incompetent']);
  });

  test('a complete result: per-criterion weighted average over raters, total from the exact averages', () => {
    const sheets = [
      { kind: 'self' as const, scores: { a: 100, b: 100 } },
      { kind: 'group' as const, scores: { a: 90, b: 80 } },
      { kind: 'township' as const, scores: { a: 85.5, b: 70 } },
      { kind: 'office' as const, scores: { a: 80, b: 75.5 } },
    ];
    const r = computeResult(TWO, DEFAULT_RATER_WEIGHTS, sheets);
    // a: .1×100 + .2×90 + .3×85.5 + .4×80 = 10 + 18 + 25.65 + 32 = 85.65
    // b: .1×100 + .2×80 + .3×70 + .4×75.5 = 10 + 16 + 21 + 30.2 = 77.2
    assert.deepEqual(r.criteria, { a: 85.65, b: 77.2 });
    // .6×85.65 + .4×77.2 = 51.39 + 30.88 = 82.27
    assert.equal(r.total, 82.27);
    assert.equal(r.grade, 'competent');
    assert.deepEqual(r.byRater, { self: 100, group: 86, township: 79.3, office: 78.2 });
    assert.deepEqual(r.weightsUsed, { self: 10, group: 20, township: 30, office: 40 });
    assert.deepEqual(r.missingKinds, []);
    // The total is also the rater-weighted mean of the sheet totals.
    assert.equal(Math.round((0.1 * 100 + 0.2 * 86 + 0.3 * 79.3 + 0.4 * 78.2) * 100) / 100, r.total);
  });

  test('missing kinds are re-weighted among those present; none present → no total, no grade', () => {
    const sheets = [{ kind: 'self' as const, scores: { a: 60, b: 60 } }, { kind: 'office' as const, scores: { a: 95, b: 95 } }];
    const r = computeResult(TWO, DEFAULT_RATER_WEIGHTS, sheets);
    // self 10 and office 40 present: 10/50 and 40/50 → .2×60 + .8×95 = 12 + 76 = 88
    assert.equal(r.total, 88);
    assert.deepEqual(r.weightsUsed, { self: 20, office: 80 });
    assert.deepEqual(r.missingKinds, ['group', 'township']);
    assert.deepEqual(r.byRater, { self: 60, group: null, township: null, office: 95 });
    const none = computeResult(TWO, DEFAULT_RATER_WEIGHTS, []);
    assert.deepEqual([none.total, none.grade, none.missingKinds.length], [null, null, 4]);
  });

  test('a kind with weight 0 is neither required nor counted; rounding of thirds is half up at the end', () => {
    const raters: RaterWeight[] = [{ kind: 'self', weight: 0 }, { kind: 'group', weight: 100 }];
    const r = computeResult(TWO, raters, [{ kind: 'self', scores: { a: 0, b: 0 } }, { kind: 'group', scores: { a: 70, b: 80 } }]);
    assert.equal(r.total, 74);
    assert.equal(r.grade, 'basic');
    assert.deepEqual(r.missingKinds, []);
    assert.deepEqual(Object.keys(r.byRater), ['group']);
    // three equal weights: (90 + 90 + 90.1)/3 = 90.0333… → 90.03
    const three: RaterWeight[] = [{ kind: 'group', weight: 30 }, { kind: 'township', weight: 30 }, { kind: 'office', weight: 40 }];
    const t = computeResult([{ key: 'a', label: '甲', weight: 100 }], three, [{ kind: 'group', scores: { a: 90 } }, { kind: 'township', scores: { a: 90.1 } }]);
    // group 30 and township 30 present: (90 + 90.1) / 2 = 90.05 exactly
    assert.equal(t.total, 90.05);
    assert.deepEqual(t.weightsUsed, { group: 50, township: 50 });
    const thirds: RaterWeight[] = [{ kind: 'self', weight: 33 }, { kind: 'group', weight: 33 }, { kind: 'office', weight: 34 }];
    const u = computeResult([{ key: 'a', label: '甲', weight: 100 }], thirds, [{ kind: 'self', scores: { a: 100 } }, { kind: 'group', scores: { a: 0 } }, { kind: 'office', scores: { a: 0 } }]);
    assert.equal(u.total, 33);
    assert.equal(u.grade, 'incompetent');
    assert.deepEqual(u.weightsUsed, { self: 33, group: 33, office: 34 });
  });
});
