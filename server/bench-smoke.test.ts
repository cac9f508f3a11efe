/**
 * Keeps the benchmark and the history generator working (issue 8), in seconds:
 *   - the generator (scripts/bulk/generate.ts) on the test database: cases with their timelines
 *     and receiving deputies, and read models that agree with the cases (the dashboard's
 *     counters with a recount, the search index with the cases);
 *   - `node bench/run.ts --smoke scale` as a separate process on that same database (so no second
 *     demo district is booted): the JSON it writes has every figure of the scale benchmark,
 *     measured, with its target, and the table.
 * The full runs (1M and 10M cases) are `npm run bench` and README's benchmark section.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql, type RawBuilder } from 'kysely';
import { generateHistory } from '../scripts/bulk/generate.ts';
import { createTestApp, testDialect, type TestApp } from './testing/harness.ts';

const count = async (t: TestApp, q: RawBuilder<{ n: number | string }>) => Number((await q.execute(t.deps.db)).rows[0]!.n);

describe(`history generator and benchmark smoke run (${testDialect()})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t?.close());

  test('the generator writes cases, timelines and deputies, and read models equal to a recount', async () => {
    const before = await count(t, sql`select count(*) as n from cases`);
    const now = t.deps.clock.now().toISOString();
    const unmarked = () => count(t, sql`select count(*) as n from cases where due_at < ${now} and overdue_level = 0`);
    const unmarkedBefore = await unmarked();
    const report = await generateHistory(t.deps, { cases: 2000, seed: 3, quiet: true });
    // As the SLA sweep leaves a history: every clock that ran out is marked with its level.
    assert.equal(await unmarked(), unmarkedBefore, 'generated clocks past due are marked');
    assert.ok(await count(t, sql`select count(*) as n from cases where due_at < ${now} and overdue_level between 1 and 3`) > 0);
    assert.equal(await count(t, sql`select count(*) as n from cases where supervision_level < overdue_level`), 0);
    const cases = await count(t, sql`select count(*) as n from cases`);
    assert.equal(cases, before + 2000);
    assert.equal(report.cases, 2000);
    // A whole timeline: more entries than cases, and each closed case has its reply.
    assert.ok(report.timelineEntries > 4000, `timeline entries ${report.timelineEntries}`);
    const closed = await count(t, sql`select count(*) as n from cases c where c.status = 'closed'`);
    const closedWithoutReply = await count(t, sql`select count(*) as n from cases c where c.status = 'closed' and not exists (select 1 from case_events e where e.case_id = c.id and e.type in ('reply', 'resolve'))`);
    assert.ok(closed > 700, `closed cases ${closed}`);
    assert.equal(closedWithoutReply, 0, 'every closed case has its answer in the timeline');
    assert.ok(await count(t, sql`select count(*) as n from case_deputies`) > 0);
    // The dashboard's counters, built in bulk, count every case once, by status, as a recount does.
    const counted = await sql<{ status: string; n: number | string }>`select status, sum(received) as n from dash_case_daily group by status order by status`.execute(t.deps.db);
    const recount = await sql<{ status: string; n: number | string }>`select status, count(*) as n from cases group by status order by status`.execute(t.deps.db);
    assert.deepEqual(counted.rows.map((r) => [r.status, Number(r.n)]), recount.rows.map((r) => [r.status, Number(r.n)]));
    assert.equal(report.searchIndexed, cases);
    // And the console's figures say so.
    const admin = await t.login('admin');
    const overview = await t.as(admin, { method: 'GET', url: '/api/v1/stats/overview' });
    assert.equal(overview.statusCode, 200, overview.body);
    assert.equal((overview.json() as { received: number }).received, cases);
    const found = await t.as(admin, { method: 'GET', url: `/api/v1/cases/search?q=${encodeURIComponent('路灯')}&limit=5` });
    assert.equal(found.statusCode, 200, found.body);
    assert.ok((found.json() as { items: unknown[] }).items.length > 0);
  });

  test('node bench/run.ts --smoke scale: every figure measured with its target', () => {
    const out = mkdtempSync(join(tmpdir(), 'lianxin-bench-smoke-test-'));
    try {
      const pg = testDialect() === 'postgres';
      // The database the first test filled (the bench uses a kept database as it is), with its key.
      const url = t.deps.config.DATABASE_URL;
      const res = spawnSync(process.execPath, ['bench/run.ts', '--smoke', '--out', out, '--db', pg ? 'postgres' : 'sqlite', 'scale'], {
        encoding: 'utf8',
        timeout: 420_000,
        env: {
          ...process.env, LIANXIN_BENCH_PG_URL: '', LIANXIN_TEST_PG_URL: '', LIANXIN_BENCH_PII_KEY: t.deps.config.LIANXIN_PII_KEY!,
          ...(pg ? { LIANXIN_BENCH_PG_DB: url } : { LIANXIN_BENCH_SQLITE: url.slice('sqlite:'.length) }),
        },
      });
      assert.equal(res.status, 0, `${res.stdout}\n${res.stderr}`);
      const files = readdirSync(out).filter((f) => f.endsWith('-smoke.json'));
      assert.equal(files.length, 1);
      const json = JSON.parse(readFileSync(join(out, files[0]!), 'utf8')) as {
        machine: { cpus: number }; results: { scale: { figures: Array<{ figure: string; db: string; value: number; target: string; met: boolean; cases: number }> } }; table: unknown[];
      };
      assert.ok(json.machine.cpus > 0);
      const figures = json.results.scale.figures;
      assert.deepEqual(figures.map((f) => f.figure), [
        'staff case list p95', 'district dashboard p95 (per request)', 'search p95', 'duplicate check p95', 'start-up to first page', 'server memory (RSS after the round)',
      ]);
      for (const f of figures) {
        assert.equal(f.db, pg ? 'postgres' : 'sqlite');
        assert.ok(Number.isFinite(f.value) && f.value > 0, `${f.figure}: ${f.value}`);
        assert.ok(f.target.length > 0 && typeof f.met === 'boolean');
        assert.ok(f.cases >= 2000, `${f.figure} measured at ${f.cases} cases`);
      }
      assert.equal(json.table.length, figures.length);
      assert.match(res.stdout, /staff case list p95 .*│ (✔ met|✘ missed)/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
