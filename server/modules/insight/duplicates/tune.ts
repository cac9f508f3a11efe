/**
 * How the duplicate threshold was chosen (pure; run by threshold.test.ts and the bench on
 * ../shared/data/teddy2020c/labelled_dev.jsonl): near copies of real messages are checked against
 * every message, as a new case is checked against the open ones.
 *
 * - A near copy (`nearCopy`) is what a second person, or the same one again, types for the same
 *   problem: punctuation changed, two to four adjacent words swapped (Intl.Segmenter words), and
 *   one time in two in traditional characters.
 * - For each threshold: `recall` — the source message is among the results (it shares a band key
 *   and its exact similarity reaches the threshold); `recallExact` — its exact similarity reaches the
 *   threshold (what LSH can at best find); `precision` — the share of all results that are the
 *   source or a message with the same title or text as the source (a lower bound: the rest
 *   includes re-posts the data does not label); `randomPairs` — the share of random pairs of
 *   different messages at or over it.
 * - Two text shapes: `full` (title and whole message) and `short` (title and first sentence, as
 *   staff write a case down), the harder one for near copies.
 */
import * as OpenCC from 'opencc-js';
import { jaccard } from '../text/minhash.ts';
import { caseText, fingerprintOf, type Fingerprint } from './fingerprint.ts';
import { seededRandom } from '../../../platform/random.ts';

export interface Message {
  title?: string | null;
  detail?: string | null;
}

/** A seeded generator, so an evaluation is repeatable. */
export const prng = seededRandom;

let converter: ((s: string) => string) | null = null;
/** Built on first use (tuning and the benchmark only: the server never needs it). */
const toTraditional = (s: string): string => (converter ??= OpenCC.Converter({ from: 'cn', to: 'hk' }))(s);
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const PUNCTUATION: Record<string, string[]> = {
  '，': [',', ' ', '、'], '。': ['!', '；', '.', '。。'], '！': ['。', '!!'], '？': ['?', '。'], '、': ['，', ' '], ',': ['，', ' '], '.': ['。'], '；': ['，', ';'],
};

/** A near copy of a text: punctuation changed, `swaps` adjacent words swapped, in traditional characters when `traditional`. */
export function nearCopy(text: string, rnd: () => number, o: { swaps: number; traditional: boolean }): string {
  const words = [...segmenter.segment(text)].map((s) => s.segment);
  for (let i = 0; i < words.length; i++) {
    const alt = PUNCTUATION[words[i]!];
    if (alt && rnd() < 0.7) words[i] = alt[Math.floor(rnd() * alt.length)]!;
  }
  for (let k = 0; k < o.swaps && words.length > 1; k++) {
    const i = Math.floor(rnd() * (words.length - 1));
    [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
  }
  const out = words.join('');
  return o.traditional ? toTraditional(out) : out;
}

export type Shape = 'full' | 'short';

/** The text of a message as compared, in one of the two shapes. */
export function shapeOf(m: Message, shape: Shape): string {
  const detail = m.detail ?? '';
  return `${m.title ?? ''} ${shape === 'full' ? detail : (detail.split(/[。！？!?\n]/)[0] ?? '')}`.trim();
}

export interface ThresholdFigures {
  threshold: number;
  recall: number;
  recallExact: number;
  precision: number;
  results: number;
  /** Share of random pairs at or over the threshold (exact duplicates among the messages included). */
  randomPairs: number;
  randomPairsOver: number;
}

export interface Evaluation {
  shape: Shape;
  messages: number;
  queries: number;
  /** Exact similarity of the near copies to their source: 1st, 5th, 10th percentiles and median. */
  copySimilarity: { p01: number; p05: number; p10: number; p50: number };
  /** Exact similarity of random pairs of different messages: 99.9th percentile, maximum, and how many pairs were drawn. */
  randomSimilarity: { p999: number; max: number; pairs: number };
  figures: ThresholdFigures[];
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Near copies of `queries` random messages checked against all of them, at each threshold. */
export function evaluate(messages: readonly Message[], o: { shape: Shape; queries: number; randomPairs: number; thresholds: readonly number[]; seed?: number; shingleSize?: number }): Evaluation {
  const rnd = prng(o.seed ?? 20201);
  const docs: Array<{ text: string; title: string; norm: string; f: Fingerprint }> = [];
  for (const m of messages) {
    const text = shapeOf(m, o.shape);
    const norm = caseText('', text);
    const f = fingerprintOf(norm, o.shingleSize);
    if (f) docs.push({ text, title: caseText('', m.title ?? ''), norm, f });
  }
  const index = new Map<string, number[]>();
  docs.forEach((d, i) => {
    for (const b of new Set(d.f.bands)) {
      const l = index.get(b);
      if (l) l.push(i);
      else index.set(b, [i]);
    }
  });
  const stats = o.thresholds.map((threshold) => ({ threshold, found: 0, foundExact: 0, results: 0, right: 0 }));
  const copySims: number[] = [];
  let queries = 0;
  while (queries < o.queries && docs.length > 1) {
    const i = Math.floor(rnd() * docs.length);
    const src = docs[i]!;
    const copy = fingerprintOf(caseText('', nearCopy(src.text, rnd, { swaps: 2 + Math.floor(rnd() * 3), traditional: rnd() < 0.5 })), o.shingleSize);
    if (!copy) continue;
    queries++;
    const own = jaccard(copy.shingles, src.f.shingles);
    copySims.push(own);
    const candidates = new Set<number>();
    for (const b of copy.bands) for (const j of index.get(b) ?? []) candidates.add(j);
    const sims = [...candidates].map((j) => ({ j, sim: jaccard(copy.shingles, docs[j]!.f.shingles) }));
    for (const s of stats) {
      if (own >= s.threshold) s.foundExact++;
      for (const { j, sim } of sims) {
        if (sim < s.threshold) continue;
        s.results++;
        if (j === i) s.found++;
        if (j === i || docs[j]!.norm === src.norm || (docs[j]!.title.length >= 6 && docs[j]!.title === src.title)) s.right++;
      }
    }
  }
  const randomSims: number[] = [];
  for (let k = 0; k < o.randomPairs && docs.length > 1; k++) {
    const a = Math.floor(rnd() * docs.length);
    const b = Math.floor(rnd() * docs.length);
    if (a !== b) randomSims.push(jaccard(docs[a]!.f.shingles, docs[b]!.f.shingles));
  }
  copySims.sort((a, b) => a - b);
  randomSims.sort((a, b) => a - b);
  return {
    shape: o.shape, messages: docs.length, queries,
    copySimilarity: { p01: r3(quantile(copySims, 0.01)), p05: r3(quantile(copySims, 0.05)), p10: r3(quantile(copySims, 0.1)), p50: r3(quantile(copySims, 0.5)) },
    randomSimilarity: { p999: r3(quantile(randomSims, 0.999)), max: r3(randomSims.at(-1) ?? 0), pairs: randomSims.length },
    figures: stats.map((s) => ({
      threshold: s.threshold, recall: r3(s.found / Math.max(1, queries)), recallExact: r3(s.foundExact / Math.max(1, queries)),
      precision: r3(s.right / Math.max(1, s.results)), results: s.results, randomPairs: Math.round((randomSims.filter((x) => x >= s.threshold).length / Math.max(1, randomSims.length)) * 1e6) / 1e6,
      randomPairsOver: randomSims.filter((x) => x >= s.threshold).length,
    })),
  };
}

/** Reads a JSON Lines file of messages (title, detail); lines without either text are skipped. */
export function parseMessages(text: string): Message[] {
  const out: Message[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as Message;
    if (m.title || m.detail) out.push({ title: m.title ?? null, detail: m.detail ?? null });
  }
  return out;
}
