import { createHash } from 'node:crypto';
import type { AppDeps } from '../../../platform/deps.ts';
import { isPostgres } from '../../../platform/db/database.ts';
import { runProjection } from '../../../platform/events/projector.ts';
import type { JobSpec } from '../../../platform/jobs/jobs.ts';
import { decodeSignature } from '../text/minhash.ts';
import { HotCorpus, type HotCluster, type HotOptions } from './cluster.ts';
import { WorkerCorpus, type CorpusLike } from './cluster-worker.ts';
import { hotProjection, windowStart } from './hot.projection.ts';
import { hotRepository, type HotClusterRow, type HotDocRow, type HotMemberRow } from './hot.repository.ts';

export { HOT_WINDOW_DAYS } from './hot.projection.ts';
/** How often the job recomputes (and once at start). */
export const HOT_EVERY_MS = 10 * 60_000;
const PAGE = 2000;

export interface HotRunResult {
  districtCode: string;
  cases: number;
  clusters: number;
  millis: number;
  /** false: another process wrote a newer run meanwhile, this one was dropped. */
  stored: boolean;
}

/**
 * A cluster's id: stable while its earliest case stays in the window (a page opened from the
 * dashboard survives the next run), different across districts.
 */
export function clusterId(districtCode: string, firstCaseId: string): string {
  const h = createHash('sha256').update(`${districtCode}:${firstCaseId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Measured (2-core VM shared with other work, load 5–8, Node 24; the figures of an idle machine
 * are lower): the 16,496 real messages of ../shared/data/teddy2020c (all files, no copies) —
 * document frequencies 1.3 s, vectors and band keys 3.5 s, clusters with labels 2.2 s (608
 * clusters); a synthetic 250,000 (each real message about 15 times with sentences dropped and one
 * borrowed: far more near-copies than a district has) — 21 s, 45 s and 83 s, typed arrays
 * 138 MB outside the JS heap, the JS heap holding the ids. The signature is computed once per
 * case by the projection: about 0.5 ms. Reading 250,000 docs twice in pages of 2,000 comes on top.
 *
 * Recomputes the hot issues of every district with cases in the window (or only `districtCode`):
 * the docs brought up to date first (the `insight.hot` projection) and those of cases out of
 * the window dropped (the table holds about 90 days of cases), then, per district, two
 * passes over the window's docs in pages — document frequencies, then vectors and band keys —
 * so no text is held in memory, the CPU work in a worker thread (cluster-worker.ts) so the
 * server keeps answering; the clusters replace the district's previous ones in one
 * transaction. Safe from several processes: a run older than the one stored is dropped.
 */
export async function computeHotIssues(deps: AppDeps, opts: { districtCode?: string; options?: Partial<HotOptions>; inWorker?: boolean } = {}): Promise<HotRunResult[]> {
  await runProjection(deps, hotProjection, { wait: true, batchSize: 2000 });
  const now = deps.clock.now();
  const to = new Date(now.getTime() + 1).toISOString();
  const from = windowStart(now);
  // Cases that left the window leave the docs (the projection makes none for them).
  await hotRepository.pruneDocs(deps.db, from);
  const districts = opts.districtCode ? [opts.districtCode] : await hotRepository.districts(deps.db, from);
  const out: HotRunResult[] = [];
  for (const districtCode of districts) out.push(await computeDistrict(deps, districtCode, from, to, now, opts.options ?? {}, opts.inWorker ?? true));
  return out;
}

async function* windowDocs(deps: AppDeps, districtCode: string, from: string, to: string): AsyncGenerator<HotDocRow> {
  let after: { createdAt: string; caseId: string } | null = null;
  for (;;) {
    const rows = await hotRepository.page(deps.db, { districtCode, from, to, after, limit: PAGE });
    yield* rows;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.created_at, caseId: last.case_id };
  }
}

/** The district's window clustered: its docs streamed from the database into the corpus (in a worker thread unless `inWorker` is false). */
async function clusterWindow(deps: AppDeps, districtCode: string, from: string, to: string, options: Partial<HotOptions>, inWorker: boolean): Promise<{ clusters: HotCluster[]; size: number }> {
  const corpus: CorpusLike & { close?(): void } = inWorker ? new WorkerCorpus(options) : new HotCorpus(options);
  try {
    for await (const d of windowDocs(deps, districtCode, from, to)) corpus.count(d.text);
    for await (const d of windowDocs(deps, districtCode, from, to)) {
      corpus.add({ id: d.case_id, normalised: d.text, signature: d.signature ? decodeSignature(d.signature) : null, createdAt: d.created_at, stationId: d.station_id, regionCode: d.region_code, likes: d.likes });
    }
    return { clusters: await corpus.clusters((ids) => hotRepository.texts(deps.db, ids)), size: corpus.size };
  } finally {
    corpus.close?.();
  }
}

async function computeDistrict(deps: AppDeps, districtCode: string, from: string, to: string, now: Date, options: Partial<HotOptions>, inWorker: boolean): Promise<HotRunResult> {
  const started = performance.now();
  const { clusters, size } = await clusterWindow(deps, districtCode, from, to, { ...options, windowStart: from, windowEnd: now.toISOString() }, inWorker);
  const computedAt = now.toISOString();
  const rows = clusters.map((c, rank) => clusterRow(districtCode, computedAt, rank, c));
  const members = clusters.flatMap((c, k) => memberRows(rows[k]!.id, c));
  const millis = Math.round(performance.now() - started);
  const run = { district_code: districtCode, computed_at: computedAt, window_from: from, window_to: computedAt, cases: size, clusters: rows.length, millis };
  const stored = await deps.db.transaction().execute(async (trx) => {
    // One writer at a time per district (PostgreSQL: the run row locked; SQLite has one connection): a newer run wins.
    await trx.insertInto('insight_hot_runs').values({ ...run, computed_at: '' }).onConflict((oc) => oc.column('district_code').doNothing()).execute();
    let q = trx.selectFrom('insight_hot_runs').select('computed_at').where('district_code', '=', districtCode);
    if (isPostgres(trx)) q = q.forUpdate();
    const current = await q.executeTakeFirst();
    if (current && current.computed_at > computedAt) return false;
    await hotRepository.replaceClusters(trx, districtCode, rows, members, run);
    return true;
  });
  if (stored) deps.log.info({ districtCode, cases: size, clusters: rows.length, millis }, '热点问题已重新计算 (hot issues recomputed)');
  else deps.log.info({ districtCode, computedAt }, '热点问题：已有更新的计算结果，本次结果未保存 (a newer run was stored meanwhile)');
  return { districtCode, cases: size, clusters: rows.length, millis, stored };
}

function clusterRow(districtCode: string, computedAt: string, rank: number, c: HotCluster): HotClusterRow {
  return {
    id: clusterId(districtCode, c.firstId), district_code: districtCode, computed_at: computedAt, rank, label: c.label, terms: JSON.stringify(c.terms), size: c.size,
    trend: JSON.stringify(c.trend), stations: JSON.stringify(c.stations), regions: JSON.stringify(c.regions), likes: c.likes, first_at: c.firstAt, last_at: c.lastAt,
    representative_id: c.representativeId,
  };
}

function memberRows(clusterId: string, c: HotCluster): HotMemberRow[] {
  return c.members.map((m) => ({ cluster_id: clusterId, case_id: m.id, similarity: m.similarity, station_id: m.stationId, created_at: m.createdAt, likes: m.likes }));
}

/** The job: every ten minutes, and at start; exclusive, so several processes do not cluster the same window at once (the result was safe already: the newer run wins). */
export const hotIssuesJob: JobSpec = { name: 'insight-hot', everyMs: HOT_EVERY_MS, exclusive: true, run: (deps) => computeHotIssues(deps) };
