/**
 * A realistic history for scale tests and benchmarks, on the configured database (SQLite or
 * PostgreSQL):
 *
 *   DATABASE_URL=sqlite:/tmp/big/db.sqlite LIANXIN_DATA_DIR=/tmp/big node scripts/bulk/generate.ts --cases 1000000
 *   DATABASE_URL=postgres://…/lianxin_big node scripts/bulk/generate.ts --cases 10000000 [--seed 7] [--years 3] [--no-read-models]
 *
 * On an empty database the demo district comes first (its stations, deputies, departments,
 * categories and accounts: LIANXIN_DEMO_PASSWORD or data dir/demo-password.txt). Then:
 *   1. the cases (scripts/bulk/bulk-cases.ts): Chinese texts from templates (case-texts.ts) over the
 *      district's stations and categories, channels, kinds and statuses in realistic shares, the
 *      timestamps, departments, due dates and ratings each status implies, spread over `years`;
 *      with their whole timeline (受理, 交办, 签收, 答复 with the department's words, 办结, 评价) and
 *      the receiving deputy of cases taken at reception days; multi-row inserts, 10 000 cases per
 *      transaction (no request per case);
 *   2. the read models, built in bulk because these cases have no events for the projections to
 *      follow: the dashboard's facts and counters (its own projection handler applied to pages of
 *      2 000 cases), the search index and the duplicate signatures (their rebuild functions);
 *   3. PostgreSQL: ANALYZE, so the planner knows the new sizes at once.
 * Each phase shows a progress bar on a terminal (stderr). Refused when NODE_ENV=production.
 * Run twice, it adds another N cases.
 */
import cliProgress from 'cli-progress';
import pino from 'pino';
import { boot } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/platform/config.ts';
import type { AppDeps } from '../../server/platform/deps.ts';
import type { StoredEvent } from '../../server/platform/events/projector.ts';
import { casesProjection } from '../../server/modules/dashboard/index.ts';
import { rebuildDuplicates, rebuildSearchIndex } from '../../server/modules/insight/index.ts';
import { bulkInsertCases } from './bulk-cases.ts';
import { bulkRepository } from './bulk.repository.ts';

export interface GenerateOptions {
  cases: number;
  seed?: number;
  /** How far back the history goes (default 3 years). */
  years?: number;
  /** Build the dashboard, search and duplicate read models (default true). */
  readModels?: boolean;
  /** No progress output at all. */
  quiet?: boolean;
  /** Progress lines instead of bars (a log, not a terminal). */
  lines?: boolean;
}

export interface GenerateReport {
  cases: number;
  /** Seconds per phase. */
  seconds: { cases: number; dashboard?: number; search?: number; duplicates?: number; analyze?: number; total: number };
  casesPerSecond: number;
  timelineEntries: number;
  searchIndexed?: number;
  duplicateCandidates?: number;
}

/** A progress display for one phase: a bar on a terminal, a line every 2 s otherwise, nothing when quiet. */
function phase(opts: GenerateOptions, label: string, total: number): { update(done: number): void; stop(): void } {
  if (opts.quiet) return { update() {}, stop() {} };
  if (opts.lines || !process.stderr.isTTY) {
    const t0 = performance.now();
    let last = 0;
    return {
      update(done) {
        if (performance.now() - last < 2000) return;
        last = performance.now();
        process.stderr.write(`${label} ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
      },
      stop() {
        process.stderr.write(`${label} ${total.toLocaleString('en')} 完成 done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(22)} [{bar}] {percentage}% | {value}/{total} | {duration}s, 剩余 ETA {eta}s`, stream: process.stderr, hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(Math.min(done, total)), stop: () => bar.stop() };
}

/** The dashboard's facts and counters for every case of the district, through its projection handler, a page at a time. */
async function buildDashboard(deps: AppDeps, districtCode: string, total: number, opts: GenerateOptions): Promise<number> {
  const seq = await bulkRepository.maxEventSeq(deps.db);
  const bar = phase(opts, '统计看板 dashboard', total);
  let after = '';
  let done = 0;
  for (;;) {
    const ids = await bulkRepository.caseIdsAfter(deps.db, districtCode, after, 2000);
    if (!ids.length) break;
    const events: StoredEvent[] = ids.map((id) => ({ seq, type: 'case.bulk', entityType: 'case', entityId: id, payload: {}, occurredAt: deps.clock.now().toISOString() }));
    await deps.db.transaction().execute((trx) => casesProjection.apply(trx, deps, events));
    after = ids[ids.length - 1]!;
    done += ids.length;
    bar.update(done);
  }
  bar.stop();
  return done;
}

/** Cases, timelines and read models for the booted app's district (see the file's comment). */
export async function generateHistory(deps: AppDeps, opts: GenerateOptions): Promise<GenerateReport> {
  const districtCode = deps.config.LIANXIN_DISTRICT;
  const t0 = performance.now();
  const bar = phase(opts, '诉求 cases', opts.cases);
  const before = await deps.db.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await bulkInsertCases(deps.db, {
    count: opts.cases, districtCode, now: deps.clock.now(), years: opts.years, seed: opts.seed, pii: deps.pii, timeline: 'full', batchSize: 10_000,
    progress: (done) => bar.update(done),
  });
  bar.stop();
  const after = await deps.db.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const casesSeconds = (performance.now() - t0) / 1000;
  const report: GenerateReport = {
    cases: opts.cases, seconds: { cases: round(casesSeconds), total: 0 }, casesPerSecond: Math.round(opts.cases / casesSeconds),
    timelineEntries: Number(after.n) - Number(before.n),
  };
  if (opts.readModels ?? true) {
    const total = await bulkRepository.countCases(deps.db, districtCode);
    let t = performance.now();
    await buildDashboard(deps, districtCode, total, opts);
    report.seconds.dashboard = round((performance.now() - t) / 1000);
    t = performance.now();
    const search = phase(opts, '搜索索引 search index', total);
    report.searchIndexed = await rebuildSearchIndex(deps, { batchSize: 5000, progress: (done) => search.update(done) });
    search.stop();
    report.seconds.search = round((performance.now() - t) / 1000);
    t = performance.now();
    const dup = phase(opts, '相似诉求 duplicates', total);
    report.duplicateCandidates = (await rebuildDuplicates(deps, { batchSize: 5000, progress: (done) => dup.update(done) })).cases;
    dup.stop();
    report.seconds.duplicates = round((performance.now() - t) / 1000);
  }
  if (deps.dialect === 'postgres') {
    const t = performance.now();
    await bulkRepository.analyze(deps.db, ['cases', 'case_events', 'case_deputies', 'dash_case_facts', 'dash_case_daily', 'dash_case_monthly', 'dash_rollup_daily', 'dash_rollup_monthly']);
    report.seconds.analyze = round((performance.now() - t) / 1000);
  }
  report.seconds.total = round((performance.now() - t0) / 1000);
  return report;
}

const round = (x: number) => Math.round(x * 10) / 10;

async function main(args: string[]): Promise<number> {
  const num = (key: string) => {
    const i = args.indexOf(key);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const cases = num('--cases');
  if (!cases || !Number.isInteger(cases) || cases < 1 || cases > 50_000_000) {
    console.error('用法 (usage): node scripts/bulk/generate.ts --cases N [--seed S] [--years Y] [--no-read-models]\n--cases 需要 1–50 000 000 之间的整数 (--cases needs an integer from 1 to 50,000,000)');
    return 2;
  }
  const years = num('--years');
  if (years !== undefined && !(years > 0 && years <= 20)) {
    console.error('--years 应在 0–20 之间 (--years must be within 0–20)');
    return 2;
  }
  const config = { ...loadConfig(), LIANXIN_DEMO: true, LIANXIN_JOBS: false };
  if (config.NODE_ENV === 'production') {
    console.error('拒绝在生产环境写入合成诉求 (refusing to write synthetic cases with NODE_ENV=production)');
    return 1;
  }
  const booted = await boot(config, { log: pino({ level: 'warn' }) });
  try {
    const existing = await bulkRepository.countCases(booted.deps.db, config.LIANXIN_DISTRICT);
    if (existing > 0) console.error(`区 ${config.LIANXIN_DISTRICT} 已有 ${existing} 件诉求，在其后追加 (adding to the district's ${existing} cases)`);
    const report = await generateHistory(booted.deps, { cases, seed: num('--seed'), years, readModels: !args.includes('--no-read-models') });
    console.log(JSON.stringify({ database: booted.handle.location, district: config.LIANXIN_DISTRICT, ...report }, null, 2));
    if (booted.demoPassword) console.error(`演示账号 demo accounts: admin, station, … 密码 password: ${booted.demoPassword}`);
    return 0;
  } finally {
    await booted.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
    console.error(e instanceof Error ? e.stack ?? e.message : e);
    process.exit(1);
  });
}
