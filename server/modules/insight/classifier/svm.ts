/**
 * A linear support vector machine, one class against the rest: L2-regularised squared hinge loss
 * solved in the dual by coordinate descent with shrinking (Hsieh et al., ICML 2008 — liblinear's
 * solver 1), on a sparse row matrix of typed arrays. Pure and deterministic (seeded order).
 */

/** Rows of a sparse matrix: row r's columns are cols[start[r]…start[r+1]) with their values. */
export interface SparseRows {
  rows: number;
  columns: number;
  start: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
}

export interface SvmOptions {
  /** Cost of a margin error (larger: fits the training set closer). */
  C: number;
  /** Weight of each class's C when it is the positive side (class weights); 1 when absent. */
  classWeights?: Float64Array;
  /** Value of the constant feature that gives each class its bias (0: no bias). */
  bias: number;
  /** Stopping tolerance on the projected gradient's spread (liblinear's default 0.1; 0.25 is as accurate here and faster). */
  epsilon: number;
  maxIterations: number;
  seed: number;
}

/** A small deterministic generator (mulberry32) so training and splits are the same every time. */
export function rng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Trains one binary problem: y[i] ∈ {+1, −1}, costs Cp for positives and Cn for negatives.
 * Returns the weights and the bias.
 */
export function trainBinary(x: SparseRows, y: Int8Array, Cp: number, Cn: number, o: SvmOptions): { w: Float64Array; b: number } {
  const l = x.rows;
  const w = new Float64Array(x.columns);
  let b = 0;
  const alpha = new Float64Array(l);
  const qd = new Float64Array(l);
  const diag = new Float64Array(l);
  const index = new Int32Array(l);
  const { start, cols, vals } = x;
  const bias2 = o.bias * o.bias;
  for (let i = 0; i < l; i++) {
    diag[i] = 0.5 / (y[i] > 0 ? Cp : Cn);
    let s = bias2;
    for (let p = start[i]; p < start[i + 1]; p++) s += vals[p] * vals[p];
    qd[i] = s + diag[i];
    index[i] = i;
  }
  const random = rng(o.seed);
  let active = l;
  let pgMaxOld = Infinity;
  for (let iter = 0; iter < o.maxIterations; iter++) {
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let i = 0; i < active; i++) {
      const j = i + Math.floor(random() * (active - i));
      const t = index[i];
      index[i] = index[j];
      index[j] = t;
    }
    for (let s = 0; s < active; s++) {
      const i = index[s];
      const yi = y[i];
      let dot = b * o.bias;
      for (let p = start[i]; p < start[i + 1]; p++) dot += w[cols[p]] * vals[p];
      const g = yi * dot - 1 + alpha[i] * diag[i];
      let pg = 0;
      if (alpha[i] === 0) {
        if (g > pgMaxOld) {
          active--;
          index[s] = index[active];
          index[active] = i;
          s--;
          continue;
        }
        if (g < 0) pg = g;
      } else pg = g;
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        const a = Math.max(old - g / qd[i], 0);
        alpha[i] = a;
        const d = (a - old) * yi;
        if (d !== 0) {
          for (let p = start[i]; p < start[i + 1]; p++) w[cols[p]] += d * vals[p];
          b += d * o.bias;
        }
      }
    }
    if (pgMax - pgMin <= o.epsilon) {
      if (active === l) break;
      active = l;
      pgMaxOld = Infinity;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax; // shrinking needs only the upper side: U = ∞ for the squared hinge
  }
  return { w, b: b * o.bias };
}
