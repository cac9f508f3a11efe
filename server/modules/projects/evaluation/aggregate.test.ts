// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_EVALUATION_CRITERIA, type EvaluationCriterion } from '../../../../shared/projects.ts';
import { aggregate, criteriaProblem, round1, sheetProblem, sheetTotal } from './aggregate.ts';

const C = DEFAULT_EVALUATION_CRITERIA; // completion 30, quality 30, budget 20, satisfaction 20

describe('evaluation aggregates (pure)', () => {
  test('a sheet total is the weighted sum over 100', () => {
    assert.equal(sheetTotal(C, { completion: 90, quality: 80, budget: 70, satisfaction: 100 }), 85);
    assert.equal(sheetTotal(C, { completion: 0, quality: 0, budget: 0, satisfaction: 0 }), 0);
    assert.equal(sheetTotal(C, { completion: 100, quality: 100, budget: 100, satisfaction: 100 }), 100);
    assert.equal(sheetTotal(C, { completion: 91, quality: 80, budget: 70, satisfaction: 100 }), 85.3);
  });

  test('the aggregate: raters, the mean per criterion, the weighted total of the means', () => {
    assert.equal(aggregate('r', C, []), null);
    const sheets = [
      { completion: 90, quality: 80, budget: 70, satisfaction: 100 },
      { completion: 85, quality: 75, budget: 60, satisfaction: 90 },
      { completion: 80, quality: 70, budget: 65, satisfaction: 95 },
    ];
    const a = aggregate('r1', C, sheets)!;
    assert.equal(a.roundId, 'r1');
    assert.equal(a.raters, 3);
    assert.deepEqual(a.means, { completion: 85, quality: 75, budget: 65, satisfaction: 95 });
    // 85*.3 + 75*.3 + 65*.2 + 95*.2 = 25.5 + 22.5 + 13 + 19 = 80
    assert.equal(a.total, 80);
    // Equal to the mean of the sheets' totals.
    const totals = sheets.map((s) => sheetTotal(C, s));
    assert.equal(a.total, round1(totals.reduce((x, y) => x + y, 0) / totals.length));
  });

  test('means and totals round to one decimal, halves up; unrounded means make the total', () => {
    const two: EvaluationCriterion[] = [{ key: 'a', label: 'A', weight: 50 }, { key: 'b', label: 'B', weight: 50 }];
    const a = aggregate('r', two, [{ a: 80, b: 81 }, { a: 81, b: 80 }, { a: 81, b: 80 }])!;
    assert.deepEqual(a.means, { a: 80.7, b: 80.3 }); // 80.666…, 80.333…
    assert.equal(a.total, 80.5); // (80.666… + 80.333…) / 2 = 80.5
    assert.equal(round1(82.45), 82.5);
    assert.equal(round1(82.44), 82.4);
  });

  test('criteria: weights sum to 100, keys unique and well-formed', () => {
    assert.equal(criteriaProblem(C), null);
    assert.match(criteriaProblem([])!.message, /至少/);
    assert.match(criteriaProblem([{ key: 'a', label: 'A', weight: 60 }, { key: 'b', label: 'B', weight: 30 }])!.message, /100/);
    assert.equal(criteriaProblem([{ key: 'a', label: 'A', weight: 50 }, { key: 'a', label: 'B', weight: 50 }])!.index, 1);
    assert.equal(criteriaProblem([{ key: 'A b', label: 'A', weight: 100 }])!.index, 0);
    assert.equal(criteriaProblem([{ key: 'a', label: 'A', weight: 50.5 }, { key: 'b', label: 'B', weight: 49.5 }])!.index, 0);
  });

  test('sheets: every criterion, integers 0–100, no other keys', () => {
    const full = { completion: 90, quality: 80, budget: 70, satisfaction: 100 };
    assert.equal(sheetProblem(C, full), null);
    assert.equal(sheetProblem(C, { completion: 90, quality: 80, budget: 70 })!.key, 'satisfaction');
    assert.equal(sheetProblem(C, { ...full, budget: 101 })!.key, 'budget');
    assert.equal(sheetProblem(C, { ...full, budget: -1 })!.key, 'budget');
    assert.equal(sheetProblem(C, { ...full, quality: 79.5 })!.key, 'quality');
    assert.equal(sheetProblem(C, { ...full, quality: '80' })!.key, 'quality');
    assert.equal(sheetProblem(C, { ...full, bonus: 10 })!.key, 'bonus');
  });
});
