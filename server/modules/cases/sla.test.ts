// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CASE_ACTIONS, type CaseAction } from '../../../shared/cases.ts';
import { matchRule, type RoutingRule } from './routing.ts';
import { clockAfter, DEFAULT_SLA, escalationLevel, mustReachBy, policyFor, type ClockChange, type SlaPolicy } from './sla.ts';
import { createWorkingCalendar, shanghaiDate } from '../../platform/calendar/working-days.ts';

const P: SlaPolicy = { assignDays: 2, handleDays: 15, urgentHandleDays: 3, followUpDays: 5 };
const Q: SlaPolicy = { assignDays: 4, handleDays: 20, urgentHandleDays: 6, followUpDays: 7 };

describe('policyFor', () => {
  test('the PRODUCT.md defaults: assign 2, handle 15 (urgent 3), follow up 5 working days', () => {
    assert.deepEqual(DEFAULT_SLA, { assignDays: 2, handleDays: 15, urgentHandleDays: 3, followUpDays: 5 });
  });

  test('no category, or a category without limits: the district’s', () => {
    assert.deepEqual(policyFor(Q, null), Q);
    assert.deepEqual(policyFor(Q, { assignDays: null, handleDays: null, urgentHandleDays: null, followUpDays: null }), Q);
  });

  test('a category’s own limits win field by field', () => {
    assert.deepEqual(policyFor(Q, { assignDays: null, handleDays: 7, urgentHandleDays: null, followUpDays: null }), { ...Q, handleDays: 7 });
    assert.deepEqual(policyFor(Q, { assignDays: 1, handleDays: null, urgentHandleDays: 2, followUpDays: 9 }), { assignDays: 1, handleDays: 20, urgentHandleDays: 2, followUpDays: 9 });
    assert.deepEqual(policyFor(Q, { assignDays: 1, handleDays: 2, urgentHandleDays: 3, followUpDays: 4 }), { assignDays: 1, handleDays: 2, urgentHandleDays: 3, followUpDays: 4 });
  });

  test('does not change its inputs', () => {
    const district = { ...Q };
    const cat = { assignDays: 1, handleDays: null, urgentHandleDays: null, followUpDays: null };
    policyFor(district, cat);
    assert.deepEqual(district, Q);
    assert.deepEqual(cat, { assignDays: 1, handleDays: null, urgentHandleDays: null, followUpDays: null });
  });
});

describe('clockAfter', () => {
  const start = (stage: 'assign' | 'handle' | 'follow_up', days: number): ClockChange => ({ kind: 'start', stage, days });
  const KEEP: ClockChange = { kind: 'keep' };
  const STOP: ClockChange = { kind: 'stop' };
  /** What each action does to the clock (normal case, policy P, no extra input). */
  const EXPECTED: Record<CaseAction, ClockChange> = {
    accept: start('assign', 2), // 交办及时: assign within 2 working days of acceptance
    reject: STOP,
    assign: start('handle', 15), // 办理限时
    resolve: STOP,
    'dept-accept': KEEP,
    return: start('assign', 2), // back with the station: it must assign again in time
    'request-extension': KEEP, // only a decision moves the date
    'approve-extension': KEEP, // without approve + workingDays nothing moves
    reply: STOP,
    feedback: start('follow_up', 5), // 回访定时
    'follow-up': STOP,
    supervise: KEEP,
    merge: STOP,
    close: STOP,
  };

  for (const action of CASE_ACTIONS) {
    test(`${action}`, () => {
      assert.deepEqual(clockAfter(action, { policy: P, urgent: false }), EXPECTED[action]);
    });
  }

  test('every action and the public rating is covered', () => {
    for (const a of [...CASE_ACTIONS, 'rating'] as const) assert.ok(['start', 'keep', 'extend', 'stop'].includes(clockAfter(a, { policy: P, urgent: false }).kind), a);
  });

  test('the policy given is the one used (a category’s or a district’s)', () => {
    assert.deepEqual(clockAfter('accept', { policy: Q, urgent: false }), start('assign', 4));
    assert.deepEqual(clockAfter('return', { policy: Q, urgent: true }), start('assign', 4));
    assert.deepEqual(clockAfter('assign', { policy: Q, urgent: false }), start('handle', 20));
    assert.deepEqual(clockAfter('feedback', { policy: Q, urgent: true }), start('follow_up', 7));
  });

  test('assign: urgent uses the urgent limit; the station’s own workingDays win over both', () => {
    assert.deepEqual(clockAfter('assign', { policy: P, urgent: true }), start('handle', 3));
    assert.deepEqual(clockAfter('assign', { policy: P, urgent: false, workingDays: 3 }), start('handle', 3));
    assert.deepEqual(clockAfter('assign', { policy: P, urgent: true, workingDays: 10 }), start('handle', 10));
  });

  test('approve-extension: approved moves the date by the requested days; refused keeps it', () => {
    assert.deepEqual(clockAfter('approve-extension', { policy: P, urgent: false, approved: true, workingDays: 10 }), { kind: 'extend', days: 10 });
    assert.deepEqual(clockAfter('approve-extension', { policy: P, urgent: false, approved: false, workingDays: 10 }), KEEP);
    assert.deepEqual(clockAfter('approve-extension', { policy: P, urgent: false, approved: true }), KEEP);
  });

  test('follow-up and rating: satisfied stops the clock; unsatisfied (重办) starts a fresh handling limit', () => {
    for (const a of ['follow-up', 'rating'] as const) {
      assert.deepEqual(clockAfter(a, { policy: P, urgent: false, reopened: false }), STOP, a);
      assert.deepEqual(clockAfter(a, { policy: P, urgent: false, reopened: true }), start('handle', 15), a);
      assert.deepEqual(clockAfter(a, { policy: P, urgent: true, reopened: true }), start('handle', 3), `${a} urgent`);
      assert.deepEqual(clockAfter(a, { policy: Q, urgent: false, reopened: true }), start('handle', 20), `${a} policy`);
    }
  });

  test('workingDays given to other actions does not leak into their clock', () => {
    assert.deepEqual(clockAfter('request-extension', { policy: P, urgent: false, workingDays: 10 }), KEEP);
    assert.deepEqual(clockAfter('accept', { policy: P, urgent: false, workingDays: 10 }), start('assign', 2));
  });
});

describe('escalationLevel (督办)', () => {
  test('1 on the first day, 2 after two working days, 3 after five', () => {
    const levels = [0, 1, 2, 3, 4, 5, 6, 30, 1000].map(escalationLevel);
    assert.deepEqual(levels, [1, 1, 2, 2, 2, 3, 3, 3, 3]);
  });

  const cal = createWorkingCalendar([]);
  test('mustReachBy: the last due instant at each level on a Monday, and across 国庆 2026', () => {
    assert.equal(mustReachBy(cal, '2026-11-30', 2).toISOString(), '2026-11-26T15:59:59.999Z', 'Thursday: Friday and Monday are two working days');
    assert.equal(mustReachBy(cal, '2026-11-30', 3).toISOString(), '2026-11-23T15:59:59.999Z', 'the Monday before: five working days');
    // 10-01 to 10-07 are holidays; 10-08 and 10-09 are the first working days after them.
    assert.equal(mustReachBy(cal, '2026-10-09', 2).toISOString(), '2026-10-07T15:59:59.999Z');
    assert.equal(mustReachBy(createWorkingCalendar(Array.from({ length: 800 }, (_, i) => ({ date: new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10), kind: 'holiday' as const, name: '假' }))), '2026-11-30', 2).getTime(), 0, 'no working day: no case is that late');
  });

  test('mustReachBy agrees with escalationLevel for every due day and time of day, over a year of todays', () => {
    let checked = 0;
    for (let t = Date.UTC(2026, 0, 2); t < Date.UTC(2027, 0, 1); t += 3 * 86_400_000) {
      const today = shanghaiDate(new Date(t));
      const by = { 2: mustReachBy(cal, today, 2).getTime(), 3: mustReachBy(cal, today, 3).getTime() };
      for (let back = 0; back <= 40; back++) {
        for (const hour of [0, 9, 15.99]) {
          const due = new Date(t - back * 86_400_000 + hour * 3600_000);
          const level = escalationLevel(cal.workingDaysBetween(shanghaiDate(due), today));
          for (const l of [2, 3] as const) assert.equal(due.getTime() <= by[l], level >= l, `${today}, due ${due.toISOString()}, level ${l}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 10_000);
  });
});

describe('matchRule (routing.ts)', () => {
  const MJH = '430211004'; // 马家河街道
  const COMMUNITY = '430211004001';
  let n = 0;
  const rule = (category: string | null, regionCode: string | null, departmentId: string, extra: Partial<RoutingRule> = {}): RoutingRule => ({
    id: `r${String(++n).padStart(3, '0')}`, category, regionCode, departmentId, active: true, ...extra,
  });
  const pick = (rules: RoutingRule[], category: string | null, regionCode = COMMUNITY) => matchRule(rules, { category, regionCode })?.departmentId ?? null;

  test('no rules, or none that applies: null', () => {
    assert.equal(pick([], '市政设施'), null);
    assert.equal(pick([rule('物业管理', null, 'zj')], '市政设施'), null);
    assert.equal(pick([rule('市政设施', '430211005', 'cg')], '市政设施'), null, 'another street');
  });

  test('an any-category rule applies to every category and to none', () => {
    const rules = [rule(null, null, 'office')];
    assert.equal(pick(rules, '市政设施'), 'office');
    assert.equal(pick(rules, null), 'office');
  });

  test('a category rule never applies to a case without category', () => {
    assert.equal(pick([rule('市政设施', null, 'cg')], null), null);
  });

  test('the category beats “any”, even a district-wide category rule against a community-level any rule', () => {
    const rules = [rule(null, COMMUNITY, 'community-any'), rule(null, MJH, 'street-any'), rule('市政设施', null, 'cg')];
    assert.equal(pick(rules, '市政设施'), 'cg');
    assert.equal(pick([...rules].reverse(), '市政设施'), 'cg');
    assert.equal(pick(rules, '物业管理'), 'community-any');
  });

  test('the longer region prefix wins: community > street > district > everywhere', () => {
    const rules = [rule('城乡建设', null, 'anywhere'), rule('城乡建设', '430211', 'district'), rule('城乡建设', MJH, 'street'), rule('城乡建设', COMMUNITY, 'community')];
    for (const order of [rules, [...rules].reverse()]) {
      assert.equal(pick(order, '城乡建设', COMMUNITY), 'community');
      assert.equal(pick(order, '城乡建设', '430211004002'), 'street');
      assert.equal(pick(order, '城乡建设', '430211005001'), 'district');
      assert.equal(pick(order, '城乡建设', '430202001001'), 'anywhere');
    }
  });

  test('a region code matches as a prefix only', () => {
    assert.equal(pick([rule('市政设施', '430211004', 'cg')], '市政设施', '430211004'), 'cg', 'the street itself');
    assert.equal(pick([rule('市政设施', '4302110040', 'cg')], '市政设施', '430211004100'), null, 'not a prefix');
    assert.equal(pick([rule('市政设施', '430211004001', 'cg')], '市政设施', '430211004'), null, 'a longer rule does not match a shorter region');
  });

  test('inactive rules are ignored, however specific', () => {
    const rules = [rule('市政设施', null, 'cg'), rule('市政设施', COMMUNITY, 'inactive', { active: false })];
    assert.equal(pick(rules, '市政设施'), 'cg');
    assert.equal(pick([rule('市政设施', null, 'x', { active: false })], '市政设施'), null);
  });

  test('a tie goes to the older rule (smaller id), whatever the order given', () => {
    const a = rule('市政设施', MJH, 'first');
    const b = rule('市政设施', MJH, 'second');
    const c = rule('市政设施', MJH, 'third');
    for (const order of [[a, b, c], [c, b, a], [b, c, a], [c, a, b]]) assert.equal(matchRule(order, { category: '市政设施', regionCode: COMMUNITY })?.id, a.id);
  });

  test('returns the rule object itself', () => {
    const r = rule('市政设施', null, 'cg');
    assert.equal(matchRule([r], { category: '市政设施', regionCode: COMMUNITY }), r);
  });
});
