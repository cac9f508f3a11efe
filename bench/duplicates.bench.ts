/**
 * The duplicate check at scale (issue 7 target: ≤ 2 ms per check at 1M cases). Run alone:
 *
 *   node bench/duplicates.bench.ts [--cases 100000] [--checks 500] [--texts bulk|real] [--keep] [--database DIR/db.sqlite]
 *
 * or through `npm run bench -- duplicates [--cases N]`.
 *
 *   1. a fresh SQLite database in a temporary directory, booted through the normal start-up with
 *      the demo district (as scripts/export-check.ts does);
 *   2. N synthetic cases in bulk (scripts/bulk/bulk-cases.ts), all received within the last 90 days
 *      and all open (the bulk mix's ended ones set back to 办理中): every one is a candidate in time
 *      and state, the hardest case for the index; then the read model built for all of them
 *      (rebuildDuplicates: the bulk cases have no events for the projection to follow). With
 *      `--texts real` each case's title and content are first replaced by sentences of real
 *      messages (../shared/data): the bulk texts come from ~45 templates, so a street holds
 *      hundreds of near-identical cases, which real intake does not;
 *   3. 500 checks as the office's administrator (the whole district), through the same service as
 *      POST /cases/similar (fingerprint, band look-up, exact similarity, jurisdiction): half are
 *      near copies of random open cases at their station (punctuation changed, two to four
 *      adjacent words swapped, one in two in traditional characters: duplicates/tune.ts
 *      `nearCopy`), half new texts (real messages from ../shared/data when present, else other
 *      synthetic texts); timed per check (median, p95), and the recall of the near copies (their
 *      source among the results);
 *   4. when ../shared/data/teddy2020c/labelled_dev.jsonl is present, the threshold's figures on
 *      the real messages (tune.ts `evaluate`, 500 near copies per text shape).
 *
 * Returns { cases, build, check: { p50Ms, p95Ms, … }, recall, threshold?, target }.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseText, prng } from '../scripts/bulk/case-texts.ts';
import { duplicateTuning, findSimilarCases, rebuildDuplicates } from '../server/modules/insight/index.ts';
import type { Db } from '../server/platform/db/database.ts';
import { adminPrincipal, bootDistrict, every2s, insertCases, numberArg, percentile, round, runAlone, say } from './support.ts';

interface Opts {
  cases?: number;
  checks?: number;
  /** 'bulk' (default): the bulk generator's texts, built from ~45 problem templates, so a street holds hundreds of near-identical cases (the hard case for the index); 'real': each case's title and content replaced by sentences of real messages (../shared/data). */
  texts?: 'bulk' | 'real';
  keep?: boolean;
  /** A database a previous run kept (`--keep`): its cases and read model are used as they are (no insert, no rebuild). */
  database?: string;
  quiet?: boolean;
}

const DATA = fileURLToPath(new URL('../../shared/data/teddy2020c/', import.meta.url));
const DEV = join(DATA, 'labelled_dev.jsonl');
const MESSAGE_FILES = ['labelled_dev.jsonl', 'unlabelled_2801.jsonl', 'with_votes_4326.jsonl', 'with_replies_2816.jsonl'];

/**
 * Real-looking texts for every case: the title of one real message, its first sentence and one or
 * two sentences of other messages (so cases are not copies of each other, as real intake is not).
 */
async function realTexts(db: Db, seed: number): Promise<number> {
  const messages = MESSAGE_FILES.filter((f) => existsSync(join(DATA, f))).flatMap((f) => duplicateTuning.parseMessages(readFileSync(join(DATA, f), 'utf8')));
  const sentencesOf = (m: { detail?: string | null }) => (m.detail ?? '').split(/(?<=[。！？!?；;\n])/).map((x) => x.trim()).filter((x) => [...x].length >= 8);
  const pool = messages.flatMap(sentencesOf);
  if (!messages.length || !pool.length) throw new Error(`没有找到真实留言数据 (no message data in ${DATA})`);
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  let after = '';
  let done = 0;
  for (;;) {
    const ids = (await db.selectFrom('cases').select('id').where('id', '>', after).orderBy('id').limit(5000).execute()).map((r) => r.id);
    if (!ids.length) break;
    await db.transaction().execute(async (trx) => {
      for (const id of ids) {
        const m = pick(messages);
        const own = sentencesOf(m)[0] ?? pick(pool);
        const content = [own, pick(pool), ...(rnd() < 0.5 ? [pick(pool)] : [])].join('').slice(0, 5000);
        await trx.updateTable('cases').set({ title: (m.title ?? own).slice(0, 100), content }).where('id', '=', id).execute();
      }
    });
    after = ids[ids.length - 1]!;
    done += ids.length;
  }
  return done;
}
const DAY = 86_400_000;

export async function run(opts: Opts = {}): Promise<Record<string, unknown>> {
  const n = opts.cases ?? 100_000;
  const nChecks = opts.checks ?? 500;
  const district = await bootDistrict({ name: 'duplicates', quiet: opts.quiet, keep: opts.keep, database: opts.database });
  const { deps, config } = district;
  try {
    // 2. N open cases within the window (a kept database has them, and its read model).
    const t0 = performance.now();
    const texts = opts.texts ?? 'bulk';
    const count = async (table: 'insight_duplicates' | 'insight_case_bands') => Number((await deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    let built = { cases: await count('insight_duplicates'), bands: await count('insight_case_bands') };
    let insertSeconds = 0;
    let buildSeconds = 0;
    if (!opts.database) {
      await insertCases(district, { count: n, districtCode: config.LIANXIN_DISTRICT, now: new Date(deps.clock.now().getTime() - DAY), years: 88 / 365, timeline: false, seed: 7 }, opts.quiet);
      await deps.db.updateTable('cases').set({ status: 'in_progress', closed_at: null, merged_into_id: null }).where('status', 'in', ['closed', 'rejected', 'merged']).execute();
      if (texts === 'real') say(opts.quiet, `真实留言文字 (real message texts) for ${(await realTexts(deps.db, 11)).toLocaleString('en')} cases`);
      insertSeconds = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      built = await rebuildDuplicates(deps, { batchSize: 5000, progress: every2s(opts.quiet, '计算签名 (signatures)') });
      buildSeconds = (performance.now() - t1) / 1000;
    }
    say(opts.quiet, `读模型就绪 (read model) ${built.cases.toLocaleString('en')} cases, ${built.bands.toLocaleString('en')} band keys in ${buildSeconds.toFixed(1)} s`);

    // 3. The checks.
    const p = await adminPrincipal(deps);
    const rnd = prng(20261210);
    const total = Number((await deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const stations = (await deps.db.selectFrom('stations').select('id').where('active', '=', 1).execute()).map((s) => s.id);
    const real = existsSync(DEV) ? duplicateTuning.parseMessages(readFileSync(DEV, 'utf8')) : null;
    const synthetic = prng(99);
    type Check = { stationId: string; content: string; source?: string };
    const checks: Check[] = [];
    while (checks.length < nChecks) {
      if (checks.length % 2 === 0) {
        const row = await deps.db.selectFrom('cases').select(['id', 'station_id', 'title', 'content', 'status']).orderBy('id').offset(Math.floor(rnd() * total)).limit(1).executeTakeFirst();
        if (!row || ['closed', 'rejected', 'merged'].includes(row.status)) continue;
        const copy = duplicateTuning.nearCopy(`${row.title} ${row.content}`, rnd, { swaps: 2 + Math.floor(rnd() * 3), traditional: rnd() < 0.5 });
        checks.push({ stationId: row.station_id, content: copy, source: row.id });
      } else {
        const stationId = stations[Math.floor(rnd() * stations.length)]!;
        const m = real?.[Math.floor(rnd() * real.length)];
        checks.push({ stationId, content: m ? duplicateTuning.shapeOf(m, 'full') : caseText(synthetic, '市政设施').content });
      }
    }
    // Warm-up: the first checks pay for opening the index pages.
    for (const c of checks.slice(0, 10)) await findSimilarCases(deps, p, c);
    const ms: number[] = [];
    const cpuMs: number[] = [];
    const copyMs: number[] = [];
    const found: number[] = [];
    let copies = 0;
    let recalled = 0;
    for (const c of checks) {
      const a = performance.now();
      const cpu = process.cpuUsage();
      const { items } = await findSimilarCases(deps, p, c);
      const took = performance.now() - a;
      const used = process.cpuUsage(cpu);
      ms.push(took);
      cpuMs.push((used.user + used.system) / 1000);
      found.push(items.length);
      if (c.source) {
        copyMs.push(took);
        copies++;
        if (items.some((i) => i.id === c.source)) recalled++;
      }
    }
    say(opts.quiet, `查重 (checks) ${ms.length}: p50 ${round(percentile(ms, 50))} ms, p95 ${round(percentile(ms, 95))} ms (CPU p50 ${round(percentile(cpuMs, 50))}, p95 ${round(percentile(cpuMs, 95))}), recall ${(recalled / copies).toFixed(3)}`);

    // 4. The threshold on the real messages.
    let threshold: unknown = null;
    if (real) {
      say(opts.quiet, '阈值评估 (threshold on labelled_dev.jsonl)…');
      const thresholds = [0.3, 0.4, 0.5, 0.6];
      threshold = Object.fromEntries((['short', 'full'] as const).map((shape) => {
        const e = duplicateTuning.evaluate(real, { shape, queries: 500, randomPairs: 50_000, thresholds });
        return [shape, { messages: e.messages, nearCopies: e.queries, copySimilarity: e.copySimilarity, randomSimilarity: e.randomSimilarity, byThreshold: e.figures }];
      }));
    }
    return {
      cases: built.cases,
      build: opts.database ? { reused: opts.database, bandKeys: built.bands } : { insertSeconds: round(insertSeconds), signatureSeconds: round(buildSeconds), casesPerSecond: Math.round(built.cases / buildSeconds), bandKeys: built.bands },
      check: {
        checks: ms.length, p50Ms: round(percentile(ms, 50)), p95Ms: round(percentile(ms, 95)), maxMs: round(Math.max(...ms)),
        // The process's own CPU time per check (SQLite runs in it): what the check costs when other work shares the cores.
        cpuP50Ms: round(percentile(cpuMs, 50)), cpuP95Ms: round(percentile(cpuMs, 95)), loadAverage: round(loadavg()[0]!),
        nearCopyP50Ms: round(percentile(copyMs, 50)), nearCopyP95Ms: round(percentile(copyMs, 95)),
        medianResults: percentile(found, 50), withResults: found.filter((x) => x > 0).length,
      },
      recall: { nearCopies: copies, found: recalled, recall: round(recalled / Math.max(1, copies)) },
      caseTexts: texts === 'real' ? 'real message sentences (../shared/data/teddy2020c)' : 'bulk generator (scripts/bulk/case-texts.ts: ~45 problem templates)',
      newTexts: real ? 'real messages (labelled_dev.jsonl)' : 'synthetic (scripts/bulk/case-texts.ts)',
      threshold,
      target: { p95Ms: 2, atCases: 1_000_000, measuredAt: n, met: percentile(ms, 95) <= 2 },
      what: 'findSimilarCases as the admin (whole district) — the service of POST /cases/similar: fingerprint, band look-up, exact similarity, jurisdiction — over N open cases all within the 90-day window',
    };
  } finally {
    await district.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const textsAt = args.indexOf('--texts');
  const texts = textsAt >= 0 ? args[textsAt + 1] : undefined;
  if (texts !== undefined && texts !== 'bulk' && texts !== 'real') {
    console.error('--texts 应为 bulk 或 real（--texts must be bulk or real）');
    process.exit(2);
  }
  const dbAt = args.indexOf('--database');
  runAlone(() => run({ cases: numberArg(args, '--cases'), checks: numberArg(args, '--checks'), texts, keep: args.includes('--keep'), database: dbAt >= 0 ? args[dbAt + 1] : undefined }));
}
