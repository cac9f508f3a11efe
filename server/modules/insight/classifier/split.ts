/**
 * Seeded stratified splits (pure): the evaluation command, the benchmark and the product's quality
 * measure all hold out the same share of every category, reproducibly.
 */
import { rng } from './svm.ts';

/** A stratified split of indexes 0…n−1 by label: `share` of each label (seeded) in the second part. */
export function stratifiedSplit(y: ArrayLike<number>, share: number, seed: number): { first: Int32Array; second: Int32Array } {
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const list = byLabel.get(y[i]) ?? [];
    list.push(i);
    byLabel.set(y[i], list);
  }
  const random = rng(seed);
  const first: number[] = [];
  const second: number[] = [];
  for (const label of [...byLabel.keys()].sort((a, b) => a - b)) {
    const list = byLabel.get(label)!;
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    const cut = Math.round(list.length * share);
    second.push(...list.slice(0, cut));
    first.push(...list.slice(cut));
  }
  return { first: Int32Array.from(first.sort((a, b) => a - b)), second: Int32Array.from(second.sort((a, b) => a - b)) };
}


/** Fold number (0…k−1) of every index: each label's indexes shuffled (seeded) and dealt in turn. */
export function stratifiedFolds(y: ArrayLike<number>, k: number, seed: number): Int32Array {
  const fold = new Int32Array(y.length);
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const list = byLabel.get(y[i]) ?? [];
    list.push(i);
    byLabel.set(y[i], list);
  }
  const random = rng(seed);
  let next = 0;
  for (const label of [...byLabel.keys()].sort((a, b) => a - b)) {
    const list = byLabel.get(label)!;
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    for (const i of list) fold[i] = next++ % k;
  }
  return fold;
}

/**
 * The evaluation command's split of labelled rows: `ratio` of each label's rows (seeded) for
 * training, the rest for testing, both in the rows' order. Labels are ordered by their text so
 * the same file gives the same split everywhere.
 */
export function splitLabels(labels: readonly string[], ratio: number, seed: number): { train: Int32Array; test: Int32Array } {
  const names = [...new Set(labels)].sort();
  const index = new Map(names.map((l, i) => [l, i]));
  const testShare = Math.round((1 - ratio) * 1e9) / 1e9;
  const { first, second } = stratifiedSplit(labels.map((l) => index.get(l)!), testShare, seed);
  return { train: first, test: second };
}
