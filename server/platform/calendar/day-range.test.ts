// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../errors.ts';
import { parseDayRange, startOfShanghaiDay } from './day-range.ts';

test('a day starts at 16:00Z the day before', () => {
  assert.equal(startOfShanghaiDay('2026-11-01'), '2026-10-31T16:00:00.000Z');
});

test('both ends inclusive: to is bounded by the next day\'s start', () => {
  const r = parseDayRange('2026-10-01', '2026-10-31');
  assert.equal(r.startAt, '2026-09-30T16:00:00.000Z');
  assert.equal(r.endBefore, '2026-10-31T16:00:00.000Z');
  assert.deepEqual(parseDayRange(undefined, undefined), { from: null, to: null, startAt: null, endBefore: null });
  assert.equal(parseDayRange('2026-10-05', undefined).endBefore, null);
});

function refused(from: string | undefined, to: string | undefined, field: string, pattern: RegExp) {
  assert.throws(() => parseDayRange(from, to), (e: unknown) => e instanceof AppError && e.status === 400 && e.details?.field === field && pattern.test(e.message));
}

test('reversed, impossible and absurd days are refused naming the field', () => {
  refused('2026-11-02', '2026-11-01', 'query.from', /晚于/);
  refused('2026-02-30', undefined, 'query.from', /不正确/);
  refused(undefined, '2026-13-01', 'query.to', /不正确/);
  refused('1900-01-01', undefined, 'query.from', /超出/);
  refused(undefined, '9999-12-31', 'query.to', /超出/);
  refused('26-1-1', undefined, 'query.from', /不正确/);
});
