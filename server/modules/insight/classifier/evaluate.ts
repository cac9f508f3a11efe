/**
 * Quality of a classifier on labelled messages (pure): accuracy, macro-F1 and per category
 * precision, recall, F1 and support. Macro-F1 averages the F1 of every category that occurs in
 * the truth or in the predictions (as scikit-learn's f1_score(average='macro')).
 */

export interface ClassQuality {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassQuality>;
}

export function evaluate(truth: readonly string[], predicted: readonly string[]): Evaluation {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  const labels = [...new Set([...truth, ...predicted])].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] === predicted[i]) {
      correct++;
      inc(tp, truth[i]);
    } else {
      inc(fp, predicted[i]);
      inc(fn, truth[i]);
    }
  }
  const perClass: Record<string, ClassQuality> = {};
  let sum = 0;
  for (const l of labels) {
    const t = tp.get(l) ?? 0;
    const p = t + (fp.get(l) ?? 0);
    const s = t + (fn.get(l) ?? 0);
    const precision = p ? t / p : 0;
    const recall = s ? t / s : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[l] = { precision, recall, f1, support: s };
    sum += f1;
  }
  return { accuracy: truth.length ? correct / truth.length : 0, macroF1: labels.length ? sum / labels.length : 0, perClass };
}

/** The figures rounded for reports: 4 decimals. */
export function rounded(e: Evaluation): Evaluation {
  const r = (x: number) => Math.round(x * 10000) / 10000;
  const perClass: Record<string, ClassQuality> = {};
  for (const [l, q] of Object.entries(e.perClass)) perClass[l] = { precision: r(q.precision), recall: r(q.recall), f1: r(q.f1), support: q.support };
  return { accuracy: r(e.accuracy), macroF1: r(e.macroF1), perClass };
}
