/**
 * The classifier's features of a message (pure): character 1–3-grams and Intl.Segmenter words
 * (unigrams and bigrams) of the normalised title and content, the title in its own namespace as
 * well as counted with the content. A feature is a key of two 32-bit integers (see key-table.ts):
 * `hi` = kind << 16 | first UTF-16 unit (or 16 bits of a word's hash), `lo` = the next two units
 * (or the word's 32-bit hash) — exact for character n-grams, no string is built per feature.
 */
import { normalise } from '../text/normalise.ts';
import { KeyTable } from './key-table.ts';

/** What a message gives the classifier; either text may be missing. */
export interface MessageText {
  title?: string | null;
  content?: string | null;
  /** Space-separated words (the data set's jieba tokens), used only when title and content are both empty. */
  segmented?: string | null;
}

export interface PreparedText {
  title: string;
  body: string;
}

export interface FeatureOptions {
  /** Longest character n-gram (1…3). */
  maxN: number;
  /** How many times the title counts in the shared namespace (its own namespace counts it once). */
  titleWeight: number;
  /** Title features also in a namespace of their own. */
  titleNamespace: boolean;
  /** Intl.Segmenter word unigrams (and bigrams) as well: of the title only, or of the whole text. */
  words: 'none' | 'title' | 'all';
  wordBigrams: boolean;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  maxN: 2,
  titleWeight: 2,
  titleNamespace: true,
  words: 'none',
  wordBigrams: true,
};

/** Normalised title and body; the segmented words (spaces between Han characters dropped) when both are empty. */
export function prepare(m: MessageText): PreparedText {
  const title = normalise(m.title);
  let body = normalise(m.content);
  if (!title && !body && m.segmented) {
    body = normalise(m.segmented).replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '');
  }
  return { title, body };
}

/** Where extract() puts a message's features: each key with a weight to add to its count. */
export interface FeatureSink {
  clear(): void;
  add(hi: number, lo: number, w: number): void;
}

/** A message's feature counts: keys in a reusable table; key i's parts and count at index i. */
export class Bag implements FeatureSink {
  table = new KeyTable(4096);
  counts = new Float64Array(4096);
  hi = new Int32Array(4096);
  lo = new Int32Array(4096);

  get size(): number {
    return this.table.size;
  }

  clear(): void {
    this.table.clear();
  }

  add(hi: number, lo: number, w: number): void {
    const before = this.table.size;
    const id = this.table.add(hi, lo);
    if (this.table.size === before) {
      this.counts[id] += w;
      return;
    }
    if (id >= this.counts.length) {
      const n = this.counts.length * 2;
      const c = new Float64Array(n);
      c.set(this.counts);
      this.counts = c;
      const h = new Int32Array(n);
      h.set(this.hi);
      this.hi = h;
      const l = new Int32Array(n);
      l.set(this.lo);
      this.lo = l;
    }
    this.counts[id] = w;
    this.hi[id] = hi;
    this.lo[id] = lo;
  }
}

const NS_ALL = 0;
const NS_TITLE = 1;
const WORD_KIND = 64;
const SEPARATOR = /[\s\p{P}\p{S}]/u;

function isSeparator(code: number): boolean {
  return code === 32 || (code < 0x3000 && code > 0x7e && code < 0xa0) || SEPARATOR.test(String.fromCharCode(code));
}

/** Character n-grams of a text (none crosses a space or a punctuation mark), counted w times each. */
function charGrams(bag: FeatureSink, text: string, ns: number, maxN: number, w: number): void {
  const n = text.length;
  let c1 = -1;
  let c2 = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || isPunctuation(c)) {
      c1 = -1;
      c2 = -1;
      continue;
    }
    bag.add(((ns * 8 + 1) << 16) | c, 0, w);
    if (maxN >= 2 && c2 >= 0) bag.add(((ns * 8 + 2) << 16) | c2, c, w);
    if (maxN >= 3 && c1 >= 0) bag.add(((ns * 8 + 3) << 16) | c1, (c2 << 16) | c, w);
    c1 = c2;
    c2 = c;
  }
}

const punctuationCache = new Uint8Array(65536);
function isPunctuation(c: number): boolean {
  let v = punctuationCache[c];
  if (v === 0) {
    v = isSeparator(c) ? 2 : 1;
    punctuationCache[c] = v;
  }
  return v === 2;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

function hash32(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** The text's words (Intl.Segmenter, word-like segments only). */
export function words(text: string): string[] {
  const out: string[] = [];
  if (!text) return out;
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

function wordGrams(bag: FeatureSink, list: string[], ns: number, bigrams: boolean, w: number): void {
  let ph = 0;
  let pl = 0;
  for (let i = 0; i < list.length; i++) {
    const lo = hash32(list[i], 0x811c9dc5 | 0);
    const hi = hash32(list[i], 0x3c6ef372) & 0xffff;
    bag.add(((WORD_KIND + ns * 8 + 1) << 16) | hi, lo, w);
    if (bigrams && i > 0) {
      const blo = Math.imul(pl ^ 0x5bd1e995, 0x2c1b3c6d) ^ lo;
      const bhi = (Math.imul(ph + 0x7f4a7c15, 0x1b873593) ^ hi) & 0xffff;
      bag.add(((WORD_KIND + ns * 8 + 2) << 16) | bhi, blo, w);
    }
    ph = hi;
    pl = lo;
  }
}

/** Fills the bag with the prepared text's features (raw counts, weighted by the options). */
export function extract(bag: FeatureSink, text: PreparedText, o: FeatureOptions): void {
  bag.clear();
  if (text.title) {
    charGrams(bag, text.title, NS_ALL, o.maxN, o.titleWeight);
    if (o.titleNamespace) charGrams(bag, text.title, NS_TITLE, o.maxN, 1);
  }
  if (text.body) charGrams(bag, text.body, NS_ALL, o.maxN, 1);
  if (o.words !== 'none') {
    const tw = words(text.title);
    if (tw.length) {
      wordGrams(bag, tw, NS_ALL, o.wordBigrams, o.titleWeight);
      if (o.titleNamespace) wordGrams(bag, tw, NS_TITLE, o.wordBigrams, 1);
    }
    if (o.words === 'all' && text.body) wordGrams(bag, words(text.body), NS_ALL, o.wordBigrams, 1);
  }
}
