import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId, uuidv7Floor, uuidv7Ms } from './ids.ts';

test('uuidv7Ms gives back the instant of an id; uuidv7Floor is the smallest id of an instant', () => {
  for (const ms of [0, 1, 1_795_000_000_000, Date.parse('2026-11-22T16:00:00Z'), 2 ** 48 - 1]) {
    assert.equal(uuidv7Ms(uuidv7Floor(ms)), ms);
  }
  const before = Date.now();
  const id = newId();
  const after = Date.now();
  assert.ok(uuidv7Ms(id) >= before && uuidv7Ms(id) <= after, 'a new id carries the time it was made');
  assert.ok(id >= uuidv7Floor(uuidv7Ms(id)) && id < uuidv7Floor(uuidv7Ms(id) + 1), 'ids sort with their instants');
  for (const bad of ['', 'abc', 'zzzzzzzz-zzzz-7000-8000-000000000000', '0123456789ab']) assert.ok(Number.isNaN(uuidv7Ms(bad)), bad);
});
