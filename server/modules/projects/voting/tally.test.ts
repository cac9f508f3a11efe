// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BallotChoice } from '../../../../shared/projects.ts';
import { ballotsDigest, computeResults, majorityOf, tallyOf, type TallyBallot, type TallyRules } from './tally.ts';

const AT = '2026-11-20T02:00:00.000Z';
const members = (n: number) => Array.from({ length: n }, (_, i) => `d${String(i).padStart(2, '0')}`);
const projects = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);

/** Ballots giving each project exactly `votes[j]` = [for, against, abstain] from the first voters. */
function ballotsFor(voters: string[], projectIds: string[], votes: Array<[number, number, number]>): TallyBallot[] {
  const out: TallyBallot[] = [];
  projectIds.forEach((projectId, j) => {
    const [f, a, ab] = votes[j]!;
    let i = 0;
    const push = (n: number, choice: BallotChoice) => {
      for (let k = 0; k < n; k++) out.push({ projectId, deputyId: voters[i++]!, choice });
    };
    push(f, 'for');
    push(a, 'against');
    push(ab, 'abstain');
  });
  return out;
}

const rules = (r: Partial<TallyRules> & { members: number }): TallyRules => ({
  quorum: r.quorum ?? majorityOf(r.members), passThreshold: r.passThreshold ?? majorityOf(r.members), seats: r.seats ?? null,
});

describe('tally: the vote arithmetic (pure)', () => {
  test('majorityOf: more than half of all members', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 19, 20, 21].map(majorityOf), [1, 2, 2, 3, 3, 10, 11, 11]);
  });

  test('tallyOf: one row per project in the given order, zeros included, unknown projects ignored', () => {
    const rows = tallyOf(['b', 'a', 'c'], [
      { projectId: 'a', deputyId: 'x', choice: 'for' }, { projectId: 'a', deputyId: 'y', choice: 'against' }, { projectId: 'b', deputyId: 'x', choice: 'abstain' },
      { projectId: 'zz', deputyId: 'x', choice: 'for' },
    ]);
    assert.deepEqual(rows, [
      { projectId: 'b', for: 0, against: 0, abstain: 1 }, { projectId: 'a', for: 1, against: 1, abstain: 0 }, { projectId: 'c', for: 0, against: 0, abstain: 0 },
    ]);
  });

  test('threshold: for ≥ passThreshold passes, one less does not; against and abstain do not matter', () => {
    const m = members(20);
    const r = computeResults(m, projects(3), ballotsFor(m, projects(3), [[11, 9, 0], [10, 0, 10], [11, 0, 0]]), rules({ members: 20 }), AT);
    assert.equal(r.passThreshold, 11);
    assert.deepEqual(r.rows.map((x) => [x.passed, x.reason]), [[true, 'passed'], [false, 'below_threshold'], [true, 'passed']]);
    assert.equal(r.turnout, 20);
    assert.equal(r.quorumMet, true);
    assert.equal(r.memberCount, 20);
    assert.equal(r.computedAt, AT);
  });

  test('quorum: turnout counts deputies with at least one ballot; below the quorum nothing passes', () => {
    const m = members(20);
    // 10 deputies vote, all for: below the quorum of 11.
    const ten = ballotsFor(m, projects(2), [[10, 0, 0], [10, 0, 0]]);
    const r = computeResults(m, projects(2), ten, rules({ members: 20, passThreshold: 5 }), AT);
    assert.equal(r.turnout, 10);
    assert.equal(r.quorumMet, false);
    assert.deepEqual(r.rows.map((x) => [x.for, x.passed, x.reason]), [[10, false, 'no_quorum'], [10, false, 'no_quorum']]);
    // One more deputy who only abstains on one project makes the quorum.
    const r2 = computeResults(m, projects(2), [...ten, { projectId: 'p0', deputyId: m[15]!, choice: 'abstain' }], rules({ members: 20, passThreshold: 5 }), AT);
    assert.equal(r2.turnout, 11);
    assert.equal(r2.quorumMet, true);
    assert.deepEqual(r2.rows.map((x) => x.reason), ['passed', 'passed']);
  });

  test('only members and the session’s projects count', () => {
    const m = members(3);
    const r = computeResults(m, ['p0'], [
      { projectId: 'p0', deputyId: 'd00', choice: 'for' }, { projectId: 'p0', deputyId: 'stranger', choice: 'for' }, { projectId: 'other', deputyId: 'd01', choice: 'for' },
    ], { quorum: 1, passThreshold: 2, seats: null }, AT);
    assert.equal(r.turnout, 1);
    assert.deepEqual(r.rows.map((x) => [x.for, x.reason]), [[1, 'below_threshold']]);
  });

  test('seats: the passing projects ranked by for-votes, the first `seats` pass, the rest beyond_seats', () => {
    const m = members(20);
    const p = projects(5);
    const r = computeResults(m, p, ballotsFor(m, p, [[12, 0, 0], [18, 0, 0], [15, 0, 0], [11, 0, 0], [5, 0, 0]]), rules({ members: 20, seats: 2 }), AT);
    assert.deepEqual(r.rows.map((x) => [x.projectId, x.rank, x.reason]), [
      ['p0', 3, 'beyond_seats'], ['p1', 1, 'passed'], ['p2', 2, 'passed'], ['p3', 4, 'beyond_seats'], ['p4', 5, 'below_threshold'],
    ]);
  });

  test('seats: a tie across the boundary fails all the tied projects (tie_at_seats); a tie inside the seats passes', () => {
    const m = members(20);
    const p = projects(4);
    const tie = computeResults(m, p, ballotsFor(m, p, [[16, 0, 0], [14, 0, 0], [14, 0, 0], [12, 0, 0]]), rules({ members: 20, seats: 2 }), AT);
    assert.deepEqual(tie.rows.map((x) => [x.rank, x.reason]), [[1, 'passed'], [2, 'tie_at_seats'], [2, 'tie_at_seats'], [4, 'beyond_seats']]);
    const inside = computeResults(m, p, ballotsFor(m, p, [[16, 0, 0], [14, 0, 0], [14, 0, 0], [12, 0, 0]]), rules({ members: 20, seats: 3 }), AT);
    assert.deepEqual(inside.rows.map((x) => x.reason), ['passed', 'passed', 'passed', 'beyond_seats']);
    // All tied for one seat: none passes.
    const all = computeResults(m, projects(3), ballotsFor(m, projects(3), [[13, 0, 0], [13, 0, 0], [13, 0, 0]]), rules({ members: 20, seats: 1 }), AT);
    assert.deepEqual(all.rows.map((x) => [x.rank, x.reason]), [[1, 'tie_at_seats'], [1, 'tie_at_seats'], [1, 'tie_at_seats']]);
    // Seats at least the eligible count: everyone eligible passes, ties or not.
    const enough = computeResults(m, projects(3), ballotsFor(m, projects(3), [[13, 0, 0], [13, 0, 0], [2, 0, 0]]), rules({ members: 20, seats: 2 }), AT);
    assert.deepEqual(enough.rows.map((x) => x.reason), ['passed', 'passed', 'below_threshold']);
  });

  test('rank: standard competition ranking over all projects (1 2 2 4), below-threshold ones included', () => {
    const m = members(9);
    const p = projects(5);
    const r = computeResults(m, p, ballotsFor(m, p, [[3, 0, 0], [9, 0, 0], [5, 0, 0], [5, 0, 0], [0, 9, 0]]), rules({ members: 9 }), AT);
    assert.deepEqual(r.rows.map((x) => x.rank), [4, 1, 2, 2, 5]);
  });

  test('no ballots at all: turnout 0, no quorum', () => {
    const r = computeResults(members(5), projects(2), [], rules({ members: 5 }), AT);
    assert.equal(r.turnout, 0);
    assert.equal(r.quorumMet, false);
    assert.deepEqual(r.rows.map((x) => [x.for, x.against, x.abstain, x.rank, x.reason]), [[0, 0, 0, 1, 'no_quorum'], [0, 0, 0, 1, 'no_quorum']]);
  });

  test('reproducible: the same ballots in any order give the same results and digest; one changed choice changes the digest', () => {
    const m = members(7);
    const p = projects(3);
    const b = ballotsFor(m, p, [[4, 2, 1], [7, 0, 0], [1, 3, 3]]);
    const r1 = computeResults(m, p, b, rules({ members: 7, seats: 1 }), AT);
    const shuffled = [...b].sort((x, y) => (x.deputyId + x.projectId < y.deputyId + y.projectId ? 1 : -1));
    assert.deepEqual(computeResults(m, p, shuffled, rules({ members: 7, seats: 1 }), AT), r1);
    assert.equal(ballotsDigest(shuffled), r1.ballotsDigest);
    assert.match(r1.ballotsDigest, /^[0-9a-f]{64}$/);
    const changed = b.map((x, i) => (i === 0 ? { ...x, choice: 'against' as const } : x));
    assert.notEqual(ballotsDigest(changed), r1.ballotsDigest);
  });

  test('exhaustive: every split of 5 voters over 2 projects, every threshold and seat count — the rules hold', () => {
    const m = members(5);
    const p = projects(2);
    const splits: Array<[number, number, number]> = [];
    for (let f = 0; f <= 5; f++) for (let a = 0; a <= 5 - f; a++) splits.push([f, a, 5 - f - a]);
    let cases = 0;
    for (const s0 of splits) for (const s1 of splits) for (const threshold of [1, 3, 5]) for (const seats of [null, 1, 2]) for (const quorum of [1, 5]) {
      const r = computeResults(m, p, ballotsFor(m, p, [s0, s1]), { quorum, passThreshold: threshold, seats }, AT);
      cases++;
      const fors = [s0[0], s1[0]];
      r.rows.forEach((row, j) => {
        assert.equal(row.for + row.against + row.abstain, 5);
        assert.equal(row.rank, 1 + fors.filter((x) => x > fors[j]!).length);
        const eligible = fors[j]! >= threshold;
        if (!r.quorumMet) assert.equal(row.reason, 'no_quorum');
        else if (!eligible) assert.equal(row.reason, 'below_threshold');
        else if (seats === 1 && fors[1 - j]! >= threshold) {
          const other = fors[1 - j]!;
          assert.equal(row.reason, fors[j]! > other ? 'passed' : fors[j]! < other ? 'beyond_seats' : 'tie_at_seats');
        } else assert.equal(row.reason, 'passed');
        assert.equal(row.passed, row.reason === 'passed');
      });
      assert.ok(seats === null || r.rows.filter((x) => x.passed).length <= seats, 'never more than the seats');
    }
    assert.equal(cases, 21 * 21 * 3 * 3 * 2);
  });
});
