/**
 * What the duplicate check compares (pure): a case's text — title and content, normalised
 * (text/normalise.ts: traditional → simplified, full-width → half-width, emoji dropped) — as a
 * set of character-bigram shingles, its MinHash signature (text/minhash.ts, 64 values) and its
 * 21 LSH band keys of 3 values each, and the place key cases are compared within.
 *
 * Parameters, measured on ../shared/data/teddy2020c/labelled_dev.jsonl (tune.ts; the bench
 * prints the same figures): near copies of 1,000 real messages (punctuation changed, two to four
 * adjacent words swapped, one in two in traditional characters) checked against all 6,550.
 * - Shingles of 2 tokens rather than 3: on short texts (a title and one sentence, as staff write
 *   a case down) a few swapped words break a larger share of 3-shingles. With bigrams the copies'
 *   similarity stays higher (1st percentile 0.43 against 0.21) and the check at 0.5 finds 97.7 %
 *   of them instead of 86.1 %; random pairs of messages stay below 0.11 (99.9th percentile).
 * - THRESHOLD 0.5 on the exact Jaccard similarity. Short texts: recall 0.977 (0.4: 0.989, 0.6:
 *   0.915), at least 96.8 % of what is shown is the source or a message with the same title or
 *   text (0.4: 95.5 %). Whole messages: recall 1.0 at 0.3–0.5, at least 93.3 % right; what is left
 *   is, on inspection, mostly re-posts of the same complaint the data does not label. Random pairs
 *   at or over 0.5: 1 (whole) and 4 (short) in 100,000, the data's own exact repeats.
 * - Bands of 3 values (21 bands) rather than the shared 16 × 4 (minhash.ts `bandKeys`): two texts
 *   of similarity J share a band with probability 1 − (1 − J³)²¹ — 0.94 at J = 0.5, 0.997 at 0.6 —
 *   against 0.64 and 0.88 with 16 × 4, which missed one near copy in five between 0.5 and 0.6
 *   (short texts: 69 of 86 found, 82 with 21 × 3; candidates per check 1.2 → 2.8 among 6,550).
 */
import { decodeSignature, encodeSignature, jaccard, shingles, signature, similarity } from '../text/minhash.ts';
import { normalise, tokens } from '../text/normalise.ts';

/** Tokens per shingle (see above). */
export const SHINGLE_SIZE = 2;
/** Shown as a possible duplicate from this exact Jaccard similarity on. */
export const THRESHOLD = 0.5;
/** Candidates whose estimated similarity (64 MinHash values: ±0.06 around 0.5) is this far below the threshold are still checked exactly. */
export const ESTIMATE_MARGIN = 0.2;
/** LSH: BAND_COUNT bands of BAND_ROWS signature values (63 of the 64). */
export const BAND_ROWS = 3;
export const BAND_COUNT = 21;

/** The band keys of a signature (`band:hash`, FNV-1a over the band's values). */
export function bandKeys(sig: Uint32Array): string[] {
  const out: string[] = [];
  for (let b = 0; b < BAND_COUNT; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < BAND_ROWS; r++) h = Math.imul(h ^ sig[b * BAND_ROWS + r]!, 0x01000193) >>> 0;
    out.push(`${b.toString(16)}:${h.toString(36)}`);
  }
  return out;
}

/**
 * The band keys as stored (insight_case_bands.band_key): each band's hash with the place folded in,
 * as a 53-bit integer (21 bits of the place and band number, the band's 32-bit hash), so one
 * integer names a band in a street. Integers keep the index small: the table is its own index
 * (one B-tree, not a table and two indexes), which is what the look-up and the rebuild spend their
 * time in at a million cases. Two places whose 21 bits collide (1 in 2 million) only add
 * candidates; the exact comparison and the district and window filters still decide.
 */
export function placedBandKeys(place: string, sig: Uint32Array): number[] {
  let p = 0x811c9dc5;
  for (let i = 0; i < place.length; i++) p = Math.imul(p ^ place.charCodeAt(i), 0x01000193);
  const out = new Set<number>();
  for (let b = 0; b < BAND_COUNT; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < BAND_ROWS; r++) h = Math.imul(h ^ sig[b * BAND_ROWS + r]!, 0x01000193) >>> 0;
    const high = (Math.imul(p ^ (b + 1), 0x9e3779b1) >>> 11) & 0x1fffff;
    out.add(high * 0x1_0000_0000 + h);
  }
  return [...out];
}

/** Texts with fewer tokens (Han characters, Latin words, numbers) are not checked: “路灯坏了” alone matches too much. */
export const MIN_TOKENS = 6;
/** Cases received within this many days before now are compared. */
export const WINDOW_DAYS = 90;
/** At most this many possible duplicates are shown. */
export const MAX_RESULTS = 5;

/** The text of a case as compared: title and content. */
export const caseText = (title: string | null | undefined, content: string | null | undefined): string => normalise(`${title ?? ''} ${content ?? ''}`);

export interface Fingerprint {
  shingles: Set<number>;
  signature: Uint32Array;
  bands: string[];
}

/** The fingerprint of a normalised text; null when it is too short to compare. `size`: other shingle sizes, to compare (tune.ts). */
export function fingerprintOf(normalised: string, size = SHINGLE_SIZE): Fingerprint | null {
  if (tokens(normalised).length < MIN_TOKENS) return null;
  const set = shingles(normalised, size);
  const sig = signature(set);
  return sig ? { shingles: set, signature: sig, bands: bandKeys(sig) } : null;
}

export const fingerprint = (title: string | null | undefined, content: string | null | undefined): Fingerprint | null => fingerprintOf(caseText(title, content));

/** The exact similarity of a fingerprint and another case's text (0 when that text is too short). */
export function exactSimilarity(f: Fingerprint, title: string, content: string): number {
  return jaccard(f.shingles, shingles(caseText(title, content), SHINGLE_SIZE));
}

/** A text's shingles as the read model stores them (base64 of the 32-bit hashes), so a check compares them without normalising the text again. */
export const encodeShingles = (set: ReadonlySet<number>): string => encodeSignature(Uint32Array.from(set));

/** exactSimilarity against stored shingles (encodeShingles): the same figure, without the other case's text. */
export const storedSimilarity = (f: Fingerprint, stored: string): number => jaccard(f.shingles, decodeSignature(stored));

export const estimatedSimilarity = similarity;

/**
 * Where cases are compared: the street or town (the first 9 digits of the region code: 2 province,
 * 2 city, 2 county, 3 street). A case's region is its station's, so cases of the same station
 * always share it, and so do the stations and rooms of one street.
 */
export const placeKey = (regionCode: string): string => regionCode.slice(0, 9);

/** Two decimals, as the API gives similarities. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** A cheap hash of a text (FNV-1a, 32 bits, hex): whether a stored fingerprint is still the text's. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(16)}:${text.length}`;
}
