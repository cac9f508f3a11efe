/**
 * The terms hot issues compare texts by (pure): character bigrams of each run of letters and
 * digits, cut into tokens as text/normalise.ts `tokens` does (one Han character, or a whole run of
 * other letters and digits); a run of one token is its own term. Terms are 32-bit keys computed
 * without building strings (a district's 90 days are hundreds of thousands of texts): the rare
 * collision merges two terms' counts.
 */

/** The part of a text the clustering reads: the title and the start of the content carry the matter. */
export const CLUSTER_TEXT_CHARS = 600;

const SEP = 1;
const HAN = 2;
const OTHER = 3;
// Character classes by code point, filled on first sight with the same regular expressions as text/normalise.ts.
const CLASS = new Uint8Array(0x110000);
const IS_HAN = /\p{Script=Han}/u;
const IS_LN = /[\p{L}\p{N}]/u;

function classOf(cp: number): number {
  let c = CLASS[cp]!;
  if (c === 0) {
    const ch = String.fromCodePoint(cp);
    c = IS_LN.test(ch) ? (IS_HAN.test(ch) ? HAN : OTHER) : SEP;
    CLASS[cp] = c;
  }
  return c;
}

/** murmur3's finaliser: spreads the bits of a combined key. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FNV = 0x811c9dc5;
const fnvStep = (h: number, unit: number) => Math.imul(h ^ unit, 0x01000193);

/** A token's hash: a Han character by its code point, another run by FNV-1a of its code units. */
export function tokenHash(token: string): number {
  const cp = token.codePointAt(0) ?? 0;
  if (token.length <= 2 && classOf(cp) === HAN) return cp;
  let h = FNV;
  for (let i = 0; i < token.length; i++) h = fnvStep(h, token.charCodeAt(i));
  return ((h >>> 0) | 0x80000000) >>> 0;
}

/** The key of a bigram (two token hashes) or of a run of one token (`b` omitted); never 0. */
export function termKey(a: number, b?: number): number {
  return (b === undefined ? fmix(Math.imul(a, 0x2545f491) ^ 0x5bd1e995) : fmix(Math.imul(a, 0x9e3779b1) ^ b)) || 1;
}

/**
 * Writes the keys of the text's term occurrences (its first CLUSTER_TEXT_CHARS characters) into
 * `out` and returns how many: `新马社区路灯` → 新马, 马社, 社区, 区路, 路灯.
 */
export function termKeys(normalised: string, out: Uint32Array): number {
  const end = Math.min(normalised.length, CLUSTER_TEXT_CHARS);
  let n = 0;
  let prev = -1; // the previous token's hash in this run (-1: none)
  let runTokens = 0;
  let latin = 0; // an open run of non-Han letters and digits: its hash so far
  let inLatin = false;
  const endToken = (h: number) => {
    if (prev >= 0 && n < out.length) out[n++] = termKey(prev, h);
    prev = h;
    runTokens++;
  };
  const endRun = () => {
    if (inLatin) {
      endToken(((latin >>> 0) | 0x80000000) >>> 0);
      inLatin = false;
    }
    if (runTokens === 1 && n < out.length) out[n++] = termKey(prev);
    prev = -1;
    runTokens = 0;
  };
  for (let i = 0; i < end; i++) {
    let cp = normalised.charCodeAt(i);
    let units = 1;
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < end) {
      cp = normalised.codePointAt(i)!;
      units = 2;
    }
    const c = classOf(cp);
    if (c === OTHER) {
      if (!inLatin) {
        inLatin = true;
        latin = FNV;
      }
      latin = fnvStep(latin, normalised.charCodeAt(i));
      if (units === 2) latin = fnvStep(latin, normalised.charCodeAt(i + 1));
    } else {
      if (inLatin) {
        endToken(((latin >>> 0) | 0x80000000) >>> 0);
        inLatin = false;
      }
      if (c === HAN) endToken(cp);
      else endRun();
    }
    i += units - 1;
  }
  endRun();
  return n;
}

/**
 * Counts by 32-bit key in an open-addressing table (a district's 90 days hold hundreds of
 * thousands of distinct terms: a Map of them would take several times the memory).
 */
export class TermCounts {
  private keys = new Uint32Array(1 << 12);
  private counts = new Int32Array(1 << 12);
  private used = 0;

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  add(key: number, n = 1): void {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const i = this.slot(key);
    if (this.keys[i] === 0) {
      this.keys[i] = key;
      this.used++;
    }
    this.counts[i]! += n;
  }

  get(key: number): number {
    const i = this.slot(key);
    return this.keys[i] === key ? this.counts[i]! : 0;
  }

  get size(): number {
    return this.used;
  }

  private grow(): void {
    const { keys, counts } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.counts = new Int32Array(keys.length * 2);
    this.used = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.add(keys[i]!, counts[i]!);
  }
}
