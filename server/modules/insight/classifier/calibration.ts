/**
 * The category suggestion's confidence (pure): a softmax of the decision values, and the scale
 * (inverse temperature) fitted on the messages held out of a first training (model.ts `train`).
 */

/** Probabilities of `scores · scale` into `out`. */
export function softmax(scores: Float64Array, scale: number, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c] * scale);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    out[c] = Math.exp(scores[c] * scale - max);
    sum += out[c];
  }
  for (let c = 0; c < scores.length; c++) out[c] /= sum;
}

/**
 * The softmax scale minimising the log loss of held-out decision values (golden-section search on
 * log scale), against smoothed targets: each held-out message's own category 1 − ε, the others
 * ε / (k − 1), with ε = 1 / (n + 2) for n messages held out (Laplace's rule of succession: n right
 * answers in n show an error rate of about 1 / (n + 2), not zero). Without it, a held-out set the
 * model gets entirely right (a small office's first model, texts written from a few templates)
 * drives the scale to the search's bound and every suggestion, a wrong one or one for a text the
 * model knows nothing of, to 100 %. With thousands held out ε is below 0.001 and changes nothing.
 */
export function fitScale(scores: Float64Array[], truth: Int32Array, k: number): number {
  const p = new Float64Array(k);
  const eps = 1 / (scores.length + 2);
  const own = 1 - eps;
  const other = eps / (k - 1);
  const loss = (logS: number): number => {
    const s = Math.exp(logS);
    let l = 0;
    for (let i = 0; i < scores.length; i++) {
      softmax(scores[i], s, p);
      for (let c = 0; c < k; c++) l -= (c === truth[i] ? own : other) * Math.log(Math.max(p[c], 1e-300));
    }
    return l;
  };
  let a = Math.log(0.1);
  let b = Math.log(100);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = loss(c);
  let fd = loss(d);
  for (let i = 0; i < 40; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = loss(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = loss(d);
    }
  }
  return Math.exp((a + b) / 2);
}
