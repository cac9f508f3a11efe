/**
 * Near-duplicate detection for Chinese text: character-token shingles, MinHash signatures and
 * LSH band keys (pure). Two texts whose shingle sets have Jaccard similarity J agree on each
 * MinHash value with probability J; with BANDS bands of ROWS values each, they share at least one
 * band key with probability 1 − (1 − J^ROWS)^BANDS (J = 0.5 → 0.64, J = 0.7 → 0.98 for 16 × 4).
 */
import { tokens } from './normalise.ts';

export const SHINGLE = 3;
export const HASHES = 64;
export const BANDS = 16;
export const ROWS = HASHES / BANDS;

/** FNV-1a 32-bit over UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The set of shingles (hashed) of a normalised text: runs of SHINGLE tokens; shorter texts give one
 * shingle of all their tokens. Each shingle's hash is FNV-1a over its tokens joined by U+0001
 * (`shinglesReference`), computed without building the joined strings (about twice as fast).
 */
export function shingles(normalised: string, size = SHINGLE): Set<number> {
  const t = tokens(normalised);
  const out = new Set<number>();
  if (!t.length) return out;
  const width = Math.min(size, t.length);
  for (let i = 0; i + width <= t.length; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < width; j++) {
      if (j) h = Math.imul(h ^ 1, 0x01000193);
      const tok = t[i + j]!;
      for (let k = 0; k < tok.length; k++) h = Math.imul(h ^ tok.charCodeAt(k), 0x01000193);
    }
    out.add(h >>> 0);
  }
  return out;
}

/** The reference form of `shingles` (kept to test the fast one against). */
export function shinglesReference(normalised: string, size = SHINGLE): Set<number> {
  const t = tokens(normalised);
  const out = new Set<number>();
  if (!t.length) return out;
  if (t.length < size) {
    out.add(fnv1a(t.join('\u0001')));
    return out;
  }
  for (let i = 0; i + size <= t.length; i++) out.add(fnv1a(t.slice(i, i + size).join('\u0001')));
  return out;
}

// HASHES universal hash functions h(x) = (a·x + b) mod p, fixed seeds so signatures are stable across runs and machines.
const P = 4294967311; // a prime above 2^32
const COEFFS: Array<[number, number]> = (() => {
  let seed = 0x9e3779b9;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  return Array.from({ length: HASHES }, () => [(next() % (P - 1)) + 1, next() % P] as [number, number]);
})();

/** (a·x + b) mod p without losing precision: split a into 16-bit halves. */
function universal(a: number, b: number, x: number): number {
  const hi = Math.floor(a / 65536);
  const lo = a % 65536;
  return (((hi * x) % P) * 65536 + lo * x + b) % P;
}

const A_HI = Float64Array.from(COEFFS, ([a]) => Math.floor(a / 65536));
const A_LO = Float64Array.from(COEFFS, ([a]) => a % 65536);
const B = Float64Array.from(COEFFS, ([, b]) => b);
const INV_P = 1 / P;

/**
 * v mod P for an integer 0 ≤ v < 2^50, by a floating quotient corrected by one step (the same
 * value as `v % P`, several times faster: `%` on such doubles is a runtime call, and so is a
 * division; the quotient by the reciprocal is off by at most one, which the step corrects).
 */
function modP(v: number): number {
  let r = v - Math.floor(v * INV_P) * P;
  if (r < 0) r += P;
  else if (r >= P) r -= P;
  return r;
}

/** Scratch space for `signature` (grown as needed): a set's shingles, and each times 2^16 mod P. */
let xs = new Float64Array(1024);
let xsShifted = new Float64Array(1024);

/**
 * The MinHash signature (HASHES values); null for a text without any shingle. The same values as
 * `signatureReference`, computed with one reduction per value instead of two: with a = hi·2^16 + lo,
 * a·x ≡ hi·(x·2^16 mod P) + lo·x (mod P), where both products are below 2^48, and x·2^16 mod P is
 * computed once per shingle, not once per hash function. One hash function at a time over all the
 * shingles keeps its coefficients and minimum in registers (about 2.3 times the speed of one shingle
 * at a time with two reductions, measured on the labelled messages).
 */
export function signature(set: ReadonlySet<number>): Uint32Array | null {
  const n = set.size;
  if (!n) return null;
  if (xs.length < n) {
    xs = new Float64Array(Math.max(n, xs.length * 2));
    xsShifted = new Float64Array(xs.length);
  }
  let k = 0;
  for (const x of set) {
    xs[k] = x;
    xsShifted[k++] = modP(x * 65536);
  }
  const sig = new Uint32Array(HASHES);
  for (let i = 0; i < HASHES; i++) {
    const hi = A_HI[i]!;
    const lo = A_LO[i]!;
    const b = B[i]!;
    let min = 0xffffffff;
    for (let j = 0; j < n; j++) {
      // hi·x' + lo·x + b < 2^16·2^32 + 2^16·2^32 + 2^32 < 2^50: exact in a double.
      let v = hi * xsShifted[j]! + lo * xs[j]! + b;
      v -= Math.floor(v * INV_P) * P;
      if (v < 0) v += P;
      else if (v >= P) v -= P;
      if (v >= 4294967296) v -= 4294967296;
      if (v < min) min = v;
    }
    sig[i] = min;
  }
  return sig;
}

/** The reference form of `signature` (kept to test the fast one against). */
export function signatureReference(set: ReadonlySet<number>): Uint32Array | null {
  if (!set.size) return null;
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < HASHES; i++) {
      const v = universal(COEFFS[i]![0], COEFFS[i]![1], x) % 4294967296;
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** The estimated Jaccard similarity of two signatures: the share of equal values. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

/** The exact Jaccard similarity of two shingle sets (the second may be a stored one: its distinct values). */
export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number> | Uint32Array): number {
  const bSize = b instanceof Uint32Array ? b.length : b.size;
  if (!a.size && !bSize) return 0;
  let inter = 0;
  for (const x of b) if (a.has(x)) inter++;
  return inter / (a.size + bSize - inter);
}

/** The BANDS band keys of a signature (`band:hash`), for an index lookup of candidates. */
export function bandKeys(sig: Uint32Array): string[] {
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) {
      h ^= sig[b * ROWS + r]!;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out.push(`${b.toString(16)}:${h.toString(36)}`);
  }
  return out;
}

/** A signature as text (storage) and back. */
export const encodeSignature = (sig: Uint32Array): string => Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
export const decodeSignature = (s: string): Uint32Array => {
  const b = Buffer.from(s, 'base64');
  return new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
