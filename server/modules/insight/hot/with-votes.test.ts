// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
/**
 * Hot issues on real messages: the clustering run on ../shared/data/teddy2020c/with_votes_4326.jsonl
 * (a provincial message board, 2019, with the likes people gave each message; text = title +
 * detail), the top clusters written to test-results/hot-issues.md with the runtime, and sanity
 * checked against matters the board is known to have heard many times. Skipped, saying so, when
 * the data is not beside the repository (it is never copied into it).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { clusterDocuments, DEFAULT_OPTIONS, type HotCluster, type HotDocument } from './cluster.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const FILE = resolve(root, '..', 'shared/data/teddy2020c/with_votes_4326.jsonl');
const REPORT = join(root, 'test-results', 'hot-issues.md');

interface Message {
  message_id: string;
  title?: string;
  detail?: string;
  time: string;
  likes: number;
}

const skip = existsSync(FILE) ? false : `${FILE} is absent (the real messages live beside the repository, never in it): evaluation skipped`;

test('hot issues on with_votes_4326.jsonl: the board\'s repeated matters form clusters; report in test-results/hot-issues.md', { skip }, async () => {
  const messages = readFileSync(FILE, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Message);
  const byId = new Map(messages.map((m) => [m.message_id, m]));
  const docs: HotDocument[] = messages.map((m) => ({
    id: m.message_id, title: m.title ?? '', text: m.detail ?? '',
    // Board times are Beijing time.
    createdAt: new Date(`${m.time.replace(' ', 'T')}+08:00`).toISOString(),
    stationId: '', regionCode: '', likes: m.likes,
  }));
  const started = performance.now();
  // The trend over 2019 to the last message (four older messages count in the first half only).
  const last = docs.reduce((a, d) => (d.createdAt > a ? d.createdAt : a), '');
  const clusters = await clusterDocuments(docs, { windowStart: '2018-12-31T16:00:00.000Z', windowEnd: last });
  const seconds = (performance.now() - started) / 1000;

  const text = (id: string) => `${byId.get(id)!.title ?? ''} ${byId.get(id)!.detail ?? ''}`;
  const titleOf = (id: string) => byId.get(id)!.title || (byId.get(id)!.detail ?? '').slice(0, 30);
  const inClusters = clusters.reduce((a, c) => a + c.size, 0);
  writeReport(clusters, { messages: messages.length, seconds, inClusters, titleOf });

  // Non-trivial: many clusters, no giant one, and the largest are real matters, not a catch-all.
  assert.ok(clusters.length >= 100, `${clusters.length} clusters`);
  assert.ok(clusters[0]!.size <= 0.02 * messages.length, `the largest cluster has ${clusters[0]!.size} messages`);
  assert.ok(clusters.every((c) => c.size >= DEFAULT_OPTIONS.minSize && c.label.length > 0));
  assert.ok(inClusters >= 0.1 * messages.length && inClusters <= 0.5 * messages.length, `${inClusters} of ${messages.length} in clusters`);

  /** The cluster holding most of the messages naming `term`, how many of them it holds, and the share of its members naming it. */
  const around = (term: string | RegExp) => {
    const naming = messages.filter((m) => (typeof term === 'string' ? text(m.message_id).includes(term) : term.test(text(m.message_id)))).map((m) => m.message_id);
    const best = [...clusters].sort((a, b) => hits(b) - hits(a))[0]!;
    function hits(c: HotCluster) {
      return c.members.filter((x) => naming.includes(x.id)).length;
    }
    return { cluster: best, naming: naming.length, held: hits(best), purity: hits(best) / best.size };
  };
  // 丽发新城: residents against a concrete mixing plant next to the estate (66 messages name the estate).
  const plant = around('丽发新城');
  assert.ok(plant.held >= 35 && plant.purity >= 0.9, JSON.stringify({ ...plant, cluster: plant.cluster.label }));
  assert.match(plant.cluster.label, /丽发新城/);
  // 伊景园滨河苑: parking spaces sold bundled with the flats (57 messages).
  const bundled = around(/伊景园|滨河苑/);
  assert.ok(bundled.held >= 30 && bundled.purity >= 0.85, JSON.stringify({ ...bundled, cluster: bundled.cluster.label }));
  assert.match(bundled.cluster.label, /伊景园滨河苑/);
  // 58车贷: a collapsed lending platform; few messages (15) but the most liked matter of the board.
  const lending = around(/58车[贷货]/);
  assert.ok(lending.held >= 10 && lending.purity >= 0.9, JSON.stringify({ ...lending, cluster: lending.cluster.label }));
  assert.ok((lending.cluster.likes ?? 0) >= 1500, `likes ${lending.cluster.likes}`);
  // Two different matters stay apart.
  assert.notEqual(plant.cluster.firstId, bundled.cluster.firstId);
});

function writeReport(clusters: HotCluster[], r: { messages: number; seconds: number; inClusters: number; titleOf: (id: string) => string }): void {
  const sizes = clusters.map((c) => c.size);
  const bySize = (lo: number, hi: number) => sizes.filter((s) => s >= lo && s <= hi).length;
  const day = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
  const cell = (s: string) => s.replace(/\|/g, '｜');
  const examples = (c: HotCluster) => [...new Set(c.members.map((m) => r.titleOf(m.id).trim()))].slice(0, 3).map(cell).join('<br>');
  const lines = [
    '# Hot issues on with_votes_4326.jsonl',
    '',
    `Generated by \`server/modules/insight/hot/with-votes.test.ts\` on ${new Date().toISOString().slice(0, 10)}. Data: ../shared/data/teddy2020c/with_votes_4326.jsonl`,
    `(${r.messages} messages of a provincial message board, 2017-06 – 2020-01, mostly 2019; text = title + detail; likes as the board counted them; place names masked by the source: A市, A3区).`,
    '',
    `Options: ${Object.entries(DEFAULT_OPTIONS).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    `- Runtime: **${r.seconds.toFixed(2)} s** for ${r.messages} messages (normalising, MinHash signatures, TF-IDF, candidates, linking, labels; one core, ${process.version}).`,
    `- Clusters: **${clusters.length}** holding ${r.inClusters} messages (${((100 * r.inClusters) / r.messages).toFixed(1)} %); sizes 3–4: ${bySize(3, 4)}, 5–9: ${bySize(5, 9)}, 10–19: ${bySize(10, 19)}, 20+: ${bySize(20, Infinity)}; largest ${sizes[0] ?? 0}.`,
    '',
    '## Top 15 clusters (by size, then likes)',
    '',
    '| # | size | label | likes | first – last | trend | example titles (closest to the centre) |',
    '|---|---|---|---|---|---|---|',
    ...clusters.slice(0, 15).map((c, i) => `| ${i + 1} | ${c.size} | ${cell(c.label)} | ${c.likes ?? '—'} | ${day(c.firstAt)} – ${day(c.lastAt)} | ${c.trend.direction} | ${examples(c)} |`),
    '',
    '## Top 10 by likes',
    '',
    '| size | label | likes | first – last | example titles |',
    '|---|---|---|---|---|',
    ...[...clusters].sort((a, b) => (b.likes ?? 0) - (a.likes ?? 0)).slice(0, 10).map((c) => `| ${c.size} | ${cell(c.label)} | ${c.likes ?? '—'} | ${day(c.firstAt)} – ${day(c.lastAt)} | ${examples(c)} |`),
    '',
    'Trend: the window is 2019-01-01 – the last message (2020-01-26); “rising” means at least 1.5 times as many messages (and 2 more) in its second half as in its first.',
    '',
  ];
  mkdirSync(dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, lines.join('\n'));
}
