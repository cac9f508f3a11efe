import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('defaults match the contract: port 3000, SQLite file, demo on, rate limits on', () => {
  const c = loadConfig({});
  assert.equal(c.PORT, 3000);
  assert.equal(c.DATABASE_URL, 'sqlite:./data/lianxin.db');
  assert.equal(c.LIANXIN_DEMO, true);
  assert.equal(c.LIANXIN_RATE_LIMITS, 'on');
  assert.equal(loadConfig({ LIANXIN_DEMO: '0' }).LIANXIN_DEMO, false);
});

test('a wrong setting is refused with a message naming the variable', () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL.*sqlite: 或 postgres:\/\//],
    [{ LIANXIN_NOW: 'yesterday' }, /LIANXIN_NOW/],
    [{ LIANXIN_DEMO: 'maybe' }, /LIANXIN_DEMO/],
    [{ LIANXIN_DEMO_PASSWORD: 'short' }, /LIANXIN_DEMO_PASSWORD/],
    [{ LIANXIN_RATE_LIMITS: 'off', NODE_ENV: 'production' }, /LIANXIN_RATE_LIMITS.*生产环境/],
    [{ LIANXIN_DISTRICT: '4302' }, /LIANXIN_DISTRICT/],
  ];
  for (const [env, message] of cases) {
    assert.throws(() => loadConfig(env), (e: unknown) => e instanceof ConfigError && message.test(e.message), JSON.stringify(env));
  }
});

test('the server process stops at start on a wrong setting, with the message and exit code 1', () => {
  const res = spawnSync(process.execPath, ['server/main.ts'], { env: { ...process.env, PORT: 'not-a-port' }, encoding: 'utf8', timeout: 30_000 });
  assert.equal(res.status, 1);
  assert.match(res.stderr, /配置错误[\s\S]*PORT/);
});
