/**
 * Hot issues (pure): clusters of similar cases across stations and time — the same construction
 * noise, the same bus route — with their size, label, trend, places and likes.
 *
 * 1. Texts (normalised: text/normalise.ts; the title counted twice) become TF-IDF vectors over
 *    character bigrams (features.ts: sublinear tf, smoothed idf over the corpus), cut to their
 *    `maxTerms` heaviest terms and L2-normalised: a long message is compared by its core.
 * 2. Candidate pairs, in time linear in the number of cases:
 *    - MinHash LSH (text/minhash.ts): cases sharing a band key (near copies);
 *    - blocking on shared rare terms: each case's `blockTerms` heaviest terms that at least two
 *      cases have; the cases holding a term are in time order and each is paired with its next
 *      `neighbours` (a sorted neighbourhood), so a term named by thousands costs no more than
 *      `neighbours` pairs per case, yet links the whole chain.
 * 3. A pair is linked when its cosine ≥ `threshold`; links are taken strongest first and join two
 *    groups only when their centroids' cosine ≥ `gate` (a centroid-linkage check that keeps one
 *    loose pair from chaining two topics into a giant cluster).
 * 4. Groups of at least `minSize` cases are the clusters; each gets its centroid, its members'
 *    similarity to it, the representative case (closest to it), a label (label.ts), weekly counts
 *    over the window with the direction against the window's first half, stations, regions, likes.
 *
 * Memory: a case costs its id and about 8·maxTerms + 4·(blockTerms + 16) + 40 bytes of typed
 * arrays (outside the JS heap). Deterministic: the same documents, in any order, give the same clusters.
 */
import { normalise } from '../text/normalise.ts';
import { bandKeys, BANDS, shingles, signature } from '../text/minhash.ts';
import { CLUSTER_TEXT_CHARS, termKey, termKeys, TermCounts, tokenHash } from './features.ts';
import { clusterLabel } from './label.ts';

export interface HotDocument {
  id: string;
  /** The content (raw; normalised here). */
  text: string;
  /** The title, when known: its terms weigh more (a title names the matter), labels prefer its phrases. */
  title?: string;
  /** ISO instant. */
  createdAt: string;
  stationId: string;
  regionCode: string;
  /** Supporters where the channel has them (a message board's likes); absent elsewhere. */
  likes?: number | null;
}

/** A document prepared ahead (the job stores these per case): its clustering text and MinHash signature. */
export interface PreparedDocument extends Omit<HotDocument, 'text' | 'title'> {
  /** `clusterText(title, text)`. */
  normalised: string;
  signature: Uint32Array | null;
}

export interface HotOptions {
  /** Smallest cluster kept. */
  minSize: number;
  /** Cosine of two cases' vectors for a link. */
  threshold: number;
  /** Cosine of two groups' centroids for a link to join them. */
  gate: number;
  /** Terms kept per case vector. */
  maxTerms: number;
  /** Terms per case used for blocking. */
  blockTerms: number;
  /** Cases paired after each one in a block (and in an LSH bucket), in time order. */
  neighbours: number;
  /** Terms in more than this share of the cases (and more than MIN_BLOCK_DF) do not block: they name no matter. */
  maxBlockShare: number;
  /** Terms kept per centroid. */
  centroidTerms: number;
  /** The window the trend counts over (ISO instants; default: the documents' first and last). */
  windowStart?: string;
  windowEnd?: string;
}

/** Tuned on with_votes_4326.jsonl (test-results/hot-issues.md): one matter per cluster, the matter's re-posts and variants together. */
export const DEFAULT_OPTIONS: HotOptions = {
  minSize: 3,
  threshold: 0.25,
  gate: 0.2,
  maxTerms: 32,
  blockTerms: 6,
  neighbours: 12,
  maxBlockShare: 0.05,
  centroidTerms: 64,
};

export type TrendDirection = 'rising' | 'falling' | 'steady';

export interface HotTrend {
  /** Cases per week, oldest first; a week's `start` is its first day (YYYY-MM-DD, Beijing time); the last week ends with the window. */
  weeks: { start: string; count: number }[];
  /** Cases in the second half of the window and in the first. */
  recent: number;
  previous: number;
  /** rising: recent ≥ 1.5 × previous and at least 2 more; falling the other way round; else steady. */
  direction: TrendDirection;
}

export interface HotCluster {
  /** The earliest member (a stable key while the window holds it). */
  firstId: string;
  size: number;
  label: string;
  /** The label's terms, most distinctive first. */
  terms: string[];
  representativeId: string;
  /** Every member with its cosine to the centroid (3 decimals), closest first. */
  members: { id: string; similarity: number; stationId: string; createdAt: string; likes: number | null }[];
  trend: HotTrend;
  stations: { id: string; count: number }[];
  regions: { code: string; count: number }[];
  /** Sum of the members' likes; null when no member's channel has likes. */
  likes: number | null;
  firstAt: string;
  lastAt: string;
}

/** A sparse vector: term keys ascending, their weights. */
interface Sparse {
  terms: Uint32Array;
  weights: Float32Array;
}

function dot(a: Sparse, b: Sparse): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const x = a.terms[i]!;
    const y = b.terms[j]!;
    if (x === y) s += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

function norm(a: Sparse): number {
  let s = 0;
  for (let i = 0; i < a.weights.length; i++) s += a.weights[i]! * a.weights[i]!;
  return Math.sqrt(s);
}

/**
 * The top `n` entries by weight (ties: the smaller key), as a Sparse sorted by key. `terms` must
 * be ascending (then the entries picked stay in key order).
 */
function topSparse(terms: ArrayLike<number>, weights: ArrayLike<number>, count: number, n: number): Sparse {
  let threshold = -Infinity;
  let tiesAllowed = count;
  if (count > n) {
    const sorted = (weights instanceof Float64Array ? weights.slice(0, count) : Float64Array.from(weights).subarray(0, count)).sort();
    threshold = sorted[count - n]!;
    let above = 0;
    for (let i = 0; i < count; i++) if (weights[i]! > threshold) above++;
    tiesAllowed = n - above;
  }
  const outTerms = new Uint32Array(Math.min(count, n));
  const outWeights = new Float32Array(outTerms.length);
  let k = 0;
  for (let i = 0; i < count; i++) {
    const w = weights[i]!;
    if (w > threshold || (w === threshold && tiesAllowed-- > 0)) {
      outTerms[k] = terms[i]!;
      outWeights[k++] = w;
    }
  }
  return { terms: outTerms, weights: outWeights };
}

/** A term held by this many cases may always block (a small corpus' shares say nothing). */
const MIN_BLOCK_DF = 50;

/** Members read for a cluster's label: the closest to its centroid. */
export const LABEL_SAMPLE = 24;

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;
const beijingDay = (ms: number) => Math.floor((ms + BEIJING_MS) / DAY_MS);
const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** The Beijing calendar day of an ISO instant, as days since 1970-01-01. */
export const beijingDayOf = (iso: string): number => beijingDay(Date.parse(iso));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Growable typed columns. */
class Column<T extends Uint32Array | Int32Array | Float32Array | Float64Array> {
  data: T;
  private readonly make: (n: number) => T;
  readonly stride: number;
  constructor(make: (n: number) => T, stride = 1) {
    this.make = make;
    this.stride = stride;
    this.data = make(1024 * stride);
  }
  ensure(rows: number): void {
    if (rows * this.stride <= this.data.length) return;
    const next = this.make(Math.max(rows * this.stride, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

/**
 * The corpus the clusters are found in, built in two passes so the caller may stream cases from
 * the database without holding their texts: `count` every text (document frequencies), then `add`
 * every document (vectors, block terms, band keys), then `clusters`.
 */
export class HotCorpus {
  readonly options: HotOptions;
  private readonly df = new TermCounts();
  private counted = 0;
  private n = 0;
  private readonly ids: string[] = [];
  private readonly stations: string[] = [];
  private readonly regions: string[] = [];
  private readonly stationIndex = new Map<string, number>();
  private readonly regionIndex = new Map<string, number>();
  private readonly at = new Column((k) => new Float64Array(k));
  private readonly likes = new Column((k) => new Float64Array(k));
  private readonly station = new Column((k) => new Int32Array(k));
  private readonly region = new Column((k) => new Int32Array(k));
  private readonly vterms: Column<Uint32Array>;
  private readonly vweights: Column<Float32Array>;
  private readonly vlen = new Column((k) => new Int32Array(k));
  private readonly blocks: Column<Uint32Array>;
  private readonly bands = new Column((k) => new Uint32Array(k), BANDS);
  private readonly buf = new Uint32Array(CLUSTER_TEXT_CHARS + 1);
  private readonly tf = new Int32Array(CLUSTER_TEXT_CHARS + 1);

  constructor(options: Partial<HotOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.vterms = new Column((k) => new Uint32Array(k), this.options.maxTerms);
    this.vweights = new Column((k) => new Float32Array(k), this.options.maxTerms);
    this.blocks = new Column((k) => new Uint32Array(k), this.options.blockTerms);
  }

  /** The distinct term keys of a text, ascending, with their counts; returns how many. */
  private distinct(normalised: string, counts: Int32Array): number {
    const len = termKeys(normalised, this.buf);
    const keys = this.buf.subarray(0, len).sort();
    let d = 0;
    for (let i = 0; i < len; i++) {
      if (d > 0 && keys[d - 1] === keys[i]) counts[d - 1]!++;
      else {
        keys[d] = keys[i]!;
        counts[d++] = 1;
      }
    }
    return d;
  }

  /** Pass 1: a text's terms count once each towards their document frequency. */
  count(normalised: string): void {
    const d = this.distinct(normalised, this.tf);
    for (let i = 0; i < d; i++) this.df.add(this.buf[i]!);
    this.counted++;
  }

  /** How many counted texts hold the bigram of two tokens (or the one-token run `a`). */
  documentFrequency(a: string, b?: string): number {
    return this.df.get(termKey(tokenHash(a), b === undefined ? undefined : tokenHash(b)));
  }

  /** Texts counted so far. */
  get size(): number {
    return this.counted;
  }

  private idf(df: number): number {
    return Math.log((this.counted + 1) / (df + 1)) + 1;
  }

  /** Pass 2: a document (counted before) joins the corpus. Documents may come in any order. */
  add(doc: PreparedDocument): void {
    const o = this.options;
    const i = this.n++;
    for (const c of [this.at, this.likes, this.station, this.region, this.vlen, this.vterms, this.vweights, this.blocks, this.bands]) c.ensure(this.n);
    const counts = this.tf;
    const d = this.distinct(doc.normalised, counts);
    const keys = this.buf;
    const weights = new Float64Array(d);
    const dfs = new Int32Array(d);
    for (let k = 0; k < d; k++) {
      dfs[k] = this.df.get(keys[k]!);
      weights[k] = (1 + Math.log(counts[k]!)) * this.idf(dfs[k]!);
    }
    // The heaviest terms, L2-normalised among themselves: a long message is compared by its core, not diluted by its length.
    const top = topSparse(keys, weights, d, o.maxTerms);
    const nrm = norm(top) || 1;
    this.vterms.data.set(top.terms, i * o.maxTerms);
    for (let k = 0; k < top.weights.length; k++) this.vweights.data[i * o.maxTerms + k] = top.weights[k]! / nrm;
    this.vlen.data[i] = top.terms.length;
    // Block terms: the heaviest that another case has too and that are not everywhere.
    const maxDf = Math.max(MIN_BLOCK_DF, o.maxBlockShare * this.counted);
    const taken = new Uint8Array(d);
    for (let k = 0; k < o.blockTerms; k++) {
      let best = -1;
      for (let x = 0; x < d; x++) if (!taken[x] && dfs[x]! >= 2 && dfs[x]! <= maxDf && (best < 0 || weights[x]! > weights[best]!)) best = x;
      if (best >= 0) taken[best] = 1;
      this.blocks.data[i * o.blockTerms + k] = best >= 0 ? keys[best]! : 0;
    }
    if (doc.signature) {
      const bk = bandKeys(doc.signature);
      for (let b = 0; b < BANDS; b++) this.bands.data[i * BANDS + b] = termKeyOf(bk[b]!);
    } else this.bands.data.fill(0, i * BANDS, (i + 1) * BANDS);
    this.ids.push(doc.id);
    this.at.data[i] = Date.parse(doc.createdAt);
    this.likes.data[i] = typeof doc.likes === 'number' ? doc.likes : NaN;
    this.station.data[i] = indexOf(this.stationIndex, this.stations, doc.stationId);
    this.region.data[i] = indexOf(this.regionIndex, this.regions, doc.regionCode);
  }

  private vector(i: number): Sparse {
    const o = this.options.maxTerms;
    const len = this.vlen.data[i]!;
    return { terms: this.vterms.data.subarray(i * o, i * o + len), weights: this.vweights.data.subarray(i * o, i * o + len) };
  }

  /**
   * The clusters (largest first, then most liked, then most recent). `textsOf(ids)` gives
   * members' clustering texts for the labels (asked once, for at most LABEL_SAMPLE members of
   * each kept cluster, the closest to its centroid).
   */
  async clusters(textsOf: (ids: string[]) => Map<string, string> | Promise<Map<string, string>>): Promise<HotCluster[]> {
    const o = this.options;
    const n = this.n;
    if (n >= 2 ** 26) throw new Error('hot issues: more than 2^26 cases in one window');
    // Time order (then id): neighbours in a block are neighbours in time.
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => this.at.data[a]! - this.at.data[b]! || cmp(this.ids[a]!, this.ids[b]!));
    const vec = (p: number) => this.vector(order[p]!);
    const edges = new Edges();
    const mark = new Int32Array(n).fill(-1);
    const link = (p: number, q: number) => {
      if (mark[q] === p) return;
      mark[q] = p;
      const s = dot(vec(p), vec(q));
      if (s >= o.threshold) edges.push(p, q, s);
    };

    // MinHash LSH: cases sharing a band key, each with its next `neighbours` in the bucket.
    for (let b = 0; b < BANDS; b++) {
      await breathe();
      const keyed = new Float64Array(n);
      let m = 0;
      for (let p = 0; p < n; p++) {
        const key = this.bands.data[order[p]! * BANDS + b]!;
        if (key) keyed[m++] = key * 2 ** 26 + p;
      }
      const sorted = keyed.subarray(0, m).sort();
      for (let k = 0; k < m; k++) {
        const key = Math.floor(sorted[k]! / 2 ** 26);
        const p = sorted[k]! % 2 ** 26;
        for (let l = k + 1; l < m && l <= k + o.neighbours && Math.floor(sorted[l]! / 2 ** 26) === key; l++) {
          const q = sorted[l]! % 2 ** 26;
          mark[q] = -1; // a bucket is not one case's neighbourhood: every pair in it is checked
          link(p, q);
        }
      }
    }
    mark.fill(-1);

    // Blocking on rare terms: postings sorted by (term, time); each case paired with the next cases of each of its terms.
    const dense = new Map<number, number>();
    const entries = new Float64Array(n * o.blockTerms);
    let m = 0;
    for (let p = 0; p < n; p++) {
      for (let k = 0; k < o.blockTerms; k++) {
        const t = this.blocks.data[order[p]! * o.blockTerms + k]!;
        if (!t) continue;
        let dt = dense.get(t);
        if (dt === undefined) dense.set(t, (dt = dense.size));
        entries[m++] = dt * 2 ** 26 + p;
      }
    }
    const postings = entries.subarray(0, m).sort();
    const termAt = (k: number) => Math.floor(postings[k]! / 2 ** 26);
    const caseAt = (k: number) => postings[k]! % 2 ** 26;
    // Each case's positions in the postings (compressed rows: starts[p] … starts[p + 1]).
    const starts = new Int32Array(n + 1);
    for (let k = 0; k < m; k++) starts[caseAt(k) + 1]!++;
    for (let p = 0; p < n; p++) starts[p + 1]! += starts[p]!;
    const fill = starts.slice(0, n);
    const positions = new Int32Array(m);
    for (let k = 0; k < m; k++) positions[fill[caseAt(k)]!++] = k;
    for (let p = 0; p < n; p++) {
      if (p % 20_000 === 19_999) await breathe();
      for (let r = starts[p]!; r < starts[p + 1]!; r++) {
        const k = positions[r]!;
        const t = termAt(k);
        for (let l = k + 1; l < m && l <= k + o.neighbours && termAt(l) === t; l++) link(p, caseAt(l));
      }
    }

    // Strongest links first; two groups join when their centroids agree.
    const parent = Int32Array.from({ length: n }, (_, i) => i);
    const size = new Int32Array(n).fill(1);
    const centroid = new Map<number, Sparse>();
    const find = (x: number): number => {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]!]!;
        x = parent[x]!;
      }
      return x;
    };
    const centroidOf = (root: number) => centroid.get(root) ?? vec(root);
    const strongest = edges.strongestFirst();
    for (let k = 0; k < strongest.length; k++) {
      if (k % 50_000 === 49_999) await breathe();
      const e = strongest[k]!;
      const a = find(edges.a[e]!);
      const b = find(edges.b[e]!);
      if (a === b) continue;
      const ca = centroidOf(a);
      const cb = centroidOf(b);
      if (dot(ca, cb) / (norm(ca) * norm(cb) || 1) < o.gate) continue;
      const [big, small] = size[a]! > size[b]! || (size[a] === size[b] && a < b) ? [a, b] : [b, a];
      parent[small] = big;
      size[big]! += size[small]!;
      centroid.delete(small);
      centroid.set(big, addSparse(ca, cb, o.centroidTerms));
    }

    const groups = new Map<number, number[]>();
    for (let p = 0; p < n; p++) {
      const r = find(p);
      if (size[r]! < o.minSize) continue;
      const g = groups.get(r);
      if (g) g.push(p);
      else groups.set(r, [p]);
    }

    const startDay = o.windowStart ? beijingDay(Date.parse(o.windowStart)) : n ? beijingDay(this.at.data[order[0]!]!) : 0;
    const endDay = o.windowEnd ? beijingDay(Date.parse(o.windowEnd)) : n ? beijingDay(this.at.data[order[n - 1]!]!) : 0;
    const idOf = (p: number) => this.ids[order[p]!]!;
    const ranked = [...groups].map(([root, members]) => {
      const c = centroidOf(root);
      const cn = norm(c) || 1;
      const sims = members.map((p) => ({ p, s: dot(vec(p), c) / cn }));
      sims.sort((x, y) => y.s - x.s || x.p - y.p);
      return { members, sims };
    });
    const texts = await textsOf(ranked.flatMap((g) => g.sims.slice(0, LABEL_SAMPLE).map((x) => idOf(x.p))));
    const out: HotCluster[] = [];
    for (const [k, { members, sims }] of ranked.entries()) {
      if (k % 200 === 199) await breathe();
      const label = clusterLabel(
        sims.slice(0, LABEL_SAMPLE).map((x) => texts.get(idOf(x.p)) ?? ''),
        (a, b) => this.documentFrequency(a, b),
        this.counted,
      );
      const rows = members.map((p) => order[p]!);
      const liked = rows.filter((i) => !Number.isNaN(this.likes.data[i]!));
      out.push({
        firstId: idOf(members[0]!),
        size: members.length,
        label: label.text,
        terms: label.terms,
        representativeId: idOf(sims[0]!.p),
        members: sims.map((x) => {
          const i = order[x.p]!;
          const likes = this.likes.data[i]!;
          return { id: idOf(x.p), similarity: Math.round(x.s * 1000) / 1000, stationId: this.stations[this.station.data[i]!]!, createdAt: new Date(this.at.data[i]!).toISOString(), likes: Number.isNaN(likes) ? null : likes };
        }),
        trend: trendOf(rows.map((i) => beijingDay(this.at.data[i]!)), startDay, endDay),
        stations: tally(rows.map((i) => this.stations[this.station.data[i]!]!)).map(([id, count]) => ({ id, count })),
        regions: tally(rows.map((i) => this.regions[this.region.data[i]!]!)).map(([code, count]) => ({ code, count })),
        likes: liked.length ? liked.reduce((a, i) => a + this.likes.data[i]!, 0) : null,
        firstAt: new Date(this.at.data[rows[0]!]!).toISOString(),
        lastAt: new Date(this.at.data[rows[rows.length - 1]!]!).toISOString(),
      });
    }
    out.sort((a, b) => b.size - a.size || (b.likes ?? 0) - (a.likes ?? 0) || cmp(b.lastAt, a.lastAt) || cmp(a.firstId, b.firstId));
    return out;
  }
}

/** Lets other work run (a server answering requests while the job computes): the long loops pause now and then. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

function indexOf(index: Map<string, number>, list: string[], value: string): number {
  let i = index.get(value);
  if (i === undefined) {
    index.set(value, (i = list.length));
    list.push(value);
  }
  return i;
}

/** A band key (text) as a 32-bit key. */
function termKeyOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
}

/** Counts of each value, most frequent first (ties by value); empty values left out. */
function tally(values: string[]): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
}

/** The sum of two centroids, its `keep` heaviest terms. */
function addSparse(a: Sparse, b: Sparse, keep: number): Sparse {
  const terms: number[] = [];
  const weights: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.terms.length || j < b.terms.length) {
    const x = i < a.terms.length ? a.terms[i]! : Infinity;
    const y = j < b.terms.length ? b.terms[j]! : Infinity;
    if (x === y) {
      terms.push(x);
      weights.push(a.weights[i++]! + b.weights[j++]!);
    } else if (x < y) {
      terms.push(x);
      weights.push(a.weights[i++]!);
    } else {
      terms.push(y);
      weights.push(b.weights[j++]!);
    }
  }
  return topSparse(terms, weights, terms.length, keep);
}

/** Cases per week over [startDay, endDay] (weeks counted back from the end) and the two halves compared. */
export function trendOf(days: number[], startDay: number, endDay: number): HotTrend {
  const span = Math.max(1, endDay - startDay + 1);
  const weeks = Math.ceil(span / 7);
  const counts = new Array<number>(weeks).fill(0);
  const mid = startDay + span / 2;
  let recent = 0;
  let previous = 0;
  for (const d of days) {
    const back = Math.floor((endDay - d) / 7);
    if (back >= 0 && back < weeks) counts[weeks - 1 - back]!++;
    if (d >= mid) recent++;
    else previous++;
  }
  const direction: TrendDirection = recent >= previous * 1.5 && recent - previous >= 2 ? 'rising' : previous >= recent * 1.5 && previous - recent >= 2 ? 'falling' : 'steady';
  return {
    weeks: counts.map((count, w) => ({ start: dayText(Math.max(startDay, endDay - (weeks - w) * 7 + 1)), count })),
    recent,
    previous,
    direction,
  };
}

/** Links found: growable typed arrays. */
class Edges {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  s = new Float32Array(1024);
  length = 0;

  push(a: number, b: number, s: number): void {
    if (this.length === this.a.length) {
      const a2 = new Int32Array(this.length * 2);
      const b2 = new Int32Array(this.length * 2);
      const s2 = new Float32Array(this.length * 2);
      a2.set(this.a);
      b2.set(this.b);
      s2.set(this.s);
      [this.a, this.b, this.s] = [a2, b2, s2];
    }
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.s[this.length] = s;
    this.length++;
  }

  /** Edge indices by similarity, strongest first (ties: the order found, itself deterministic). */
  strongestFirst(): Int32Array {
    if (this.length >= 2 ** 27) throw new Error('hot issues: too many links');
    const keys = new Float64Array(this.length);
    for (let e = 0; e < this.length; e++) keys[e] = Math.round((1 - this.s[e]!) * 2 ** 20) * 2 ** 27 + e;
    keys.sort();
    return Int32Array.from(keys, (k) => k % 2 ** 27);
  }
}

/**
 * What the clustering reads of a case: its title, a line break (normalised text has none
 * otherwise: labels find the title by it), the title again (a title names the matter: its terms
 * weigh more) and the text; normalised, cut to CLUSTER_TEXT_CHARS.
 */
export function clusterText(title: string | null | undefined, text: string): string {
  const t = normalise(title);
  return (t ? `${t}\n${t} ${normalise(text)}` : normalise(text)).slice(0, CLUSTER_TEXT_CHARS);
}

/** Prepares a document: its clustering text and MinHash signature. */
export function prepare(doc: HotDocument): PreparedDocument {
  const { text, title, ...rest } = doc;
  const normalised = clusterText(title, text);
  return { ...rest, normalised, signature: signature(shingles(normalised)) };
}

/** The clusters of a set of documents held in memory (tests, the evaluation). */
export async function clusterDocuments(docs: readonly HotDocument[], options: Partial<HotOptions> = {}): Promise<HotCluster[]> {
  const prepared = docs.map(prepare);
  const corpus = new HotCorpus(options);
  for (const d of prepared) corpus.count(d.normalised);
  for (const d of prepared) corpus.add(d);
  const texts = new Map(prepared.map((d) => [d.id, d.normalised]));
  return corpus.clusters(() => texts);
}
