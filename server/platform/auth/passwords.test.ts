// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAST_PARAMS, hashPassword, PARAMS, passwordCost, setPasswordCost, verifyPassword } from './passwords.ts';

const paramsOf = (hash: string) => hash.split('$').slice(1, 4).map(Number);

test('new hashes get OWASP\'s cost (N=2^17) in production and development; the suite (NODE_ENV=test) a lower one', async () => {
  setPasswordCost('production');
  assert.deepEqual(passwordCost(), { N: 1 << 17, r: 8, p: 1 });
  const strong = await hashPassword('正确的密码 correct horse');
  assert.deepEqual(paramsOf(strong), [1 << 17, 8, 1]);
  setPasswordCost('development');
  assert.deepEqual(passwordCost(), PARAMS);
  setPasswordCost('test');
  assert.deepEqual(passwordCost(), FAST_PARAMS);
  const fast = await hashPassword('正确的密码 correct horse');
  assert.deepEqual(paramsOf(fast), [1 << 14, 8, 1]);
  // A hash keeps its parameters: each verifies at the cost it was made with, whatever the current one.
  for (const h of [strong, fast]) {
    assert.equal(await verifyPassword('正确的密码 correct horse', h), true);
    assert.equal(await verifyPassword('正确的密码 correct hors', h), false);
  }
  assert.equal(await verifyPassword('x', 'bcrypt$whatever'), false);
  setPasswordCost('production');
  assert.deepEqual(paramsOf(await hashPassword('另一个密码 another one')), [1 << 17, 8, 1]);
});
