/**
 * Mining the phrases of a good reply from real replies (scripts/insight/mine-reply-patterns.ts
 * runs it on with_replies_2816.jsonl and writes patterns.ts). Pure: texts in, counts out.
 *
 * For each element (greeting, facts checked, measure, time frame, contact) we start from a few
 * seed phrases and look at where they occur: the reply's opening (greetings) or a window of
 * characters around every seed occurrence (the others). Every character n-gram (2–6 Han
 * characters or numbers; a run of digits or of Chinese numerals before a unit counts as one
 * number `#`, so `15个工作日内` and `三个工作日内` are the same n-gram `#个工作日内`) is counted:
 *   - `regionDf`: replies where the n-gram occurs inside the element's region;
 *   - `df`: replies where it occurs anywhere;
 *   - `cooc` = regionDf / df: how much the n-gram keeps company with the seeds;
 *   - `lift` = cooc / the share of all text the regions cover: > 1 means more than chance.
 * Candidates are ranked by regionDf × log2(lift); n-grams that are part of a seed, contain a
 * seed, or are a shorter piece of a longer candidate seen about as often, are left out.
 */
import { normalise } from '../text/normalise.ts';

/** A number in a phrase: Arabic digits, or Chinese numerals before a unit (三个工作日, 十五日, 两周). */
export const NUMBER = '#';
const NUMBER_CLASS = '[#0-9一二三四五六七八九十两百半]+';
const CN_NUMERAL_BEFORE_UNIT = /[一二三四五六七八九十两百半]+(?=[个天日月周年号时])/gu;

/** Sentence ends after normalise() (full-width punctuation is half-width by then). */
const SENTENCE_END = /[。!?;]|\n/u;

/** The normalised text's sentences, trimmed, empty ones dropped. */
export function sentences(normalised: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of normalised) {
    cur += ch;
    if (SENTENCE_END.test(ch)) {
      const s = cur.trim();
      if (s.length > 1 || (s.length === 1 && !SENTENCE_END.test(s))) out.push(s);
      cur = '';
    }
  }
  const rest = cur.trim();
  if (rest) out.push(rest);
  return out;
}

/** Numbers → `#` (same length kept is not needed: n-grams are counted on the masked text). */
export function maskNumbers(normalised: string): string {
  return normalised.replace(/[0-9]+/gu, NUMBER).replace(CN_NUMERAL_BEFORE_UNIT, NUMBER);
}

const GRAM_CHAR = /[\p{Script=Han}#]/u;

/** Every distinct n-gram (min..max characters, Han or `#` only) of a masked text. */
export function ngrams(masked: string, min = 2, max = 6): Set<string> {
  const chars = [...masked];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    let g = '';
    for (let n = 1; n <= max && i + n <= chars.length; n++) {
      const ch = chars[i + n - 1]!;
      if (!GRAM_CHAR.test(ch)) break;
      g += ch;
      if (n >= min) out.add(g);
    }
  }
  return out;
}

/** A phrase (with `#` for a number) as a regular expression source. */
export function phraseSource(phrase: string): string {
  return phrase
    .split(NUMBER)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
    .join(NUMBER_CLASS);
}

export interface ElementSpec {
  key: string;
  seeds: string[];
  /** 'opening': the reply's first sentence (at most openingChars); 'around': windowChars either side of each seed. */
  region: 'opening' | 'around' | 'sentence';
  openingChars?: number;
  windowChars?: number;
}

export interface Candidate {
  phrase: string;
  regionDf: number;
  df: number;
  cooc: number;
  lift: number;
  score: number;
}

export interface ElementMining {
  key: string;
  seeds: { phrase: string; df: number }[];
  /** Replies with at least one seed. */
  seedReplies: number;
  /** Share of all (masked) characters inside this element's regions. */
  regionShare: number;
  candidates: Candidate[];
}

export interface MiningOptions {
  minRegionDf?: number;
  minLift?: number;
  top?: number;
}

/** The text of one reply prepared once: normalised, numbers masked, its n-grams. */
export interface PreparedReply {
  masked: string;
  grams: Set<string>;
}

export function prepare(replies: string[]): PreparedReply[] {
  return replies.map((r) => {
    const masked = maskNumbers(normalise(r));
    return { masked, grams: ngrams(masked) };
  });
}

function seedRegex(seeds: string[]): RegExp {
  return new RegExp(seeds.map(phraseSource).join('|'), 'gu');
}

/** The parts of one reply that belong to the element's region (as strings), and their length. */
function regions(masked: string, spec: ElementSpec, seeds: RegExp): string[] {
  if (spec.region === 'opening') {
    const first = masked.slice(0, spec.openingChars ?? 120);
    const end = first.search(SENTENCE_END);
    return [end >= 0 ? first.slice(0, end + 1) : first];
  }
  if (spec.region === 'sentence') return sentences(masked).filter((x) => { seeds.lastIndex = 0; return seeds.test(x); });
  const w = spec.windowChars ?? 12;
  const spans: [number, number][] = [];
  for (const m of masked.matchAll(seeds)) {
    const a = Math.max(0, m.index - w);
    const b = Math.min(masked.length, m.index + m[0].length + w);
    const last = spans.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else spans.push([a, b]);
  }
  return spans.map(([a, b]) => masked.slice(a, b));
}

export function mineElement(prepared: PreparedReply[], spec: ElementSpec, opts: MiningOptions = {}): ElementMining {
  const minRegionDf = opts.minRegionDf ?? 10;
  const minLift = opts.minLift ?? 2;
  const top = opts.top ?? 40;
  const re = seedRegex(spec.seeds);
  const df = new Map<string, number>();
  const regionDf = new Map<string, number>();
  let regionChars = 0;
  let allChars = 0;
  let seedReplies = 0;
  for (const p of prepared) {
    allChars += p.masked.length;
    for (const g of p.grams) df.set(g, (df.get(g) ?? 0) + 1);
    re.lastIndex = 0;
    const hasSeed = re.test(p.masked);
    if (hasSeed) seedReplies++;
    if (spec.region !== 'opening' && !hasSeed) continue;
    const parts = regions(p.masked, spec, re);
    const seen = new Set<string>();
    for (const part of parts) {
      regionChars += part.length;
      for (const g of ngrams(part)) seen.add(g);
    }
    for (const g of seen) regionDf.set(g, (regionDf.get(g) ?? 0) + 1);
  }
  const regionShare = allChars ? regionChars / allChars : 0;
  const seedSet = spec.seeds;
  const related = (g: string) => seedSet.some((s) => s.includes(g) || g.includes(s));
  let candidates: Candidate[] = [];
  for (const [g, r] of regionDf) {
    if (r < minRegionDf || related(g)) continue;
    const d = df.get(g) ?? r;
    const cooc = r / d;
    const lift = regionShare ? cooc / regionShare : 0;
    if (lift < minLift) continue;
    candidates.push({ phrase: g, regionDf: r, df: d, cooc, lift, score: r * Math.log2(lift) });
  }
  // A piece of a longer candidate seen (nearly) as often says nothing the longer one does not.
  candidates = candidates.filter((c) => !candidates.some((o) => o.phrase.length > c.phrase.length && o.phrase.includes(c.phrase) && o.regionDf >= 0.9 * c.regionDf));
  candidates.sort((a, b) => b.score - a.score || b.regionDf - a.regionDf || a.phrase.localeCompare(b.phrase));
  const seedDf = spec.seeds.map((phrase) => {
    const one = new RegExp(phraseSource(phrase), 'u');
    return { phrase, df: prepared.filter((p) => one.test(p.masked)).length };
  });
  return { key: spec.key, seeds: seedDf, seedReplies, regionShare, candidates: candidates.slice(0, top) };
}

export interface Continuation {
  /** The marker and the characters after it (已要求, 将继续). */
  phrase: string;
  next: string;
  df: number;
}

/**
 * What follows a one-character marker (the brief's bare seeds 已 and 将): every `length`
 * Han characters right after it, with the number of replies holding marker + them, most
 * frequent first. 已经 counts as 已 (已经完成 → 已 + 完成).
 */
export function continuations(prepared: PreparedReply[], markers: string[], opts: { length?: number; minDf?: number } = {}): Continuation[] {
  const length = opts.length ?? 2;
  const minDf = opts.minDf ?? 8;
  const re = new RegExp(`(${markers.map(phraseSource).join('|')})经?(\\p{Script=Han}{${length}})`, 'gu');
  const df = new Map<string, Continuation>();
  for (const p of prepared) {
    const seen = new Set<string>();
    for (const m of p.masked.matchAll(re)) {
      const phrase = m[1]! + m[2]!;
      if (seen.has(phrase)) continue;
      seen.add(phrase);
      const c = df.get(phrase) ?? { phrase, next: m[2]!, df: 0 };
      c.df++;
      df.set(phrase, c);
    }
  }
  return [...df.values()].filter((c) => c.df >= minDf).sort((a, b) => b.df - a.df || a.phrase.localeCompare(b.phrase));
}
