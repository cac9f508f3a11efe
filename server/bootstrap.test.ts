import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { boot } from './bootstrap.ts';
import { DEMO_PARAMS, hashedWith, hashPassword, PARAMS, verifyPassword } from './platform/auth/passwords.ts';
import { createTestApp, DEMO_PASSWORD } from './testing/harness.ts';

test('start-up keeps the demo accounts on the configured password, hashed at the demo cost', async () => {
  const t = await createTestApp();
  try {
    const demoHashes = async () => (await t.deps.db.selectFrom('users').select(['username', 'password_hash']).where('is_demo', '=', 1).execute());
    const before = await demoHashes();
    assert.ok(before.length >= 5, 'the demo accounts');
    assert.ok(before.every((u) => hashedWith(u.password_hash, DEMO_PARAMS)), 'seeded at the demo cost');
    assert.equal(new Set(before.map((u) => u.password_hash)).size, before.length, 'each account its own salt');

    const restart = async (password: string) => {
      const booted = await boot({ ...t.deps.config, LIANXIN_DEMO_PASSWORD: password }, { log: pino({ level: 'silent' }), clock: t.clock });
      await booted.close();
    };
    // A database seeded before the demo cost existed: an account hashed at the full cost. Start-up
    // makes the hashes again, the password unchanged.
    await t.deps.db.updateTable('users').set({ password_hash: await hashPassword(DEMO_PASSWORD, PARAMS) }).where('username', '=', 'station').execute();
    await restart(DEMO_PASSWORD);
    let now = await demoHashes();
    assert.ok(now.every((u) => hashedWith(u.password_hash, DEMO_PARAMS)), 'every demo hash at the demo cost after the start');
    for (const u of now) assert.ok(await verifyPassword(DEMO_PASSWORD, u.password_hash), `${u.username} keeps the password`);

    // Another LIANXIN_DEMO_PASSWORD: the accounts follow it, and sign in with it.
    await restart('another-demo-password-2026');
    now = await demoHashes();
    for (const u of now) {
      assert.ok(await verifyPassword('another-demo-password-2026', u.password_hash), `${u.username} follows the new password`);
      assert.ok(!(await verifyPassword(DEMO_PASSWORD, u.password_hash)), `${u.username}: the old one no longer works`);
    }
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'station', password: 'another-demo-password-2026' } })).statusCode, 200);

    // An unchanged password and demo-cost hashes: nothing is written at start-up.
    await restart('another-demo-password-2026');
    assert.deepEqual(await demoHashes(), now);
  } finally {
    await t.close();
  }
});
