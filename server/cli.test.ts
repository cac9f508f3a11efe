/**
 * `npm run lianxin -- rebuild …` as an operator runs it: a separate process on the same database
 * (the test app's), the read models emptied first and rebuilt from the cases, then compared with
 * what the projections had kept from the events.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, TEST_NOW, testDialect, type TestApp } from './testing/harness.ts';

const count = async (t: TestApp, table: string) => Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(t.deps.db)).rows[0]!.n);

describe(`npm run lianxin -- rebuild (${testDialect()})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t?.close());

  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['server/cli.ts', ...args], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, DATABASE_URL: t.deps.config.DATABASE_URL, LIANXIN_PII_KEY: t.deps.config.LIANXIN_PII_KEY, LIANXIN_NOW: TEST_NOW, LIANXIN_DATA_DIR: t.deps.config.LIANXIN_DATA_DIR, NODE_ENV: 'test' },
    });

  test('every read model emptied and rebuilt from the cases holds what the projections kept', async () => {
    const tables = ['dash_case_facts', 'insight_search', 'insight_duplicates', 'insight_hot_docs'];
    // Bring every projection up to date as the server would, then note what they hold.
    const first = cli('rebuild', 'all');
    assert.equal(first.status, 0, first.stderr);
    const before = Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(t, x)] as const)));
    assert.ok(Object.values(before).every((n) => n > 0), JSON.stringify(before));
    for (const x of tables) await sql`delete from ${sql.table(x)}`.execute(t.deps.db);
    const res = cli('rebuild', 'all');
    assert.equal(res.status, 0, res.stderr);
    for (const label of ['统计看板', '全文搜索索引', '相似诉求', '热点问题']) assert.match(res.stdout, new RegExp(`已重建${label}`));
    const afterwards = Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(t, x)] as const)));
    assert.deepEqual(afterwards, before);
    const cases = await count(t, 'cases');
    assert.equal(afterwards.insight_search, cases, 'every case is searchable again');
    assert.equal(afterwards.dash_case_facts, cases);
  });

  test('one read model by name; an unknown one is a usage error (exit 2)', () => {
    const one = cli('rebuild', 'search');
    assert.equal(one.status, 0, one.stderr);
    assert.match(one.stdout, /已重建全文搜索索引/);
    assert.doesNotMatch(one.stdout, /统计看板/);
    const bad = cli('rebuild', 'nope');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /rebuild \[dashboard\|search\|duplicates\|hot\|all\]/);
  });
});
