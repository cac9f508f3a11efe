/**
 * A category model stored (the insight_models table's `data`): compact JSON, the features kept
 * and the typed arrays as base64, the weights on model.ts's 16-bit grid so a stored model
 * predicts exactly as the trained one.
 */
import { KeyTable } from './key-table.ts';
import { DEFAULT_OPTIONS, dequantise, type HeldOutQuality, type Model, type TrainOptions } from './model.ts';

const FORMAT = 'lianxin-category-svm';
const FORMAT_VERSION = 1;

interface StoredModel {
  format: typeof FORMAT;
  formatVersion: number;
  labels: string[];
  options: TrainOptions;
  samples: number;
  scale: number;
  prior: number[];
  bias: number[];
  steps: number[];
  /** base64 of little-endian typed arrays */
  keysHi: string;
  keysLo: string;
  idf: string;
  weights: string;
  quality: HeldOutQuality | null;
}

const b64 = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function fromB64<T>(s: unknown, make: (b: ArrayBuffer) => T, bytes: number, what: string): T {
  if (typeof s !== 'string') throw new ModelFormatError(`模型数据缺少 ${what}`);
  const buf = Buffer.from(s, 'base64');
  if (buf.byteLength % bytes) throw new ModelFormatError(`模型数据的 ${what} 长度不对`);
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  return make(copy);
}

export class ModelFormatError extends Error {}

/** The model as compact JSON: the features kept (seen in ≥ minDf messages), weights as 16-bit integers. */
export function serialise(m: Model): string {
  const k = m.labels.length;
  const { hi, lo } = m.keys.keys();
  const q = new Int16Array(m.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(m.weights[i] / m.steps[i % k]);
  const stored: StoredModel = {
    format: FORMAT, formatVersion: FORMAT_VERSION, labels: m.labels, options: m.options, samples: m.samples, scale: m.scale,
    prior: Array.from(m.prior), bias: Array.from(m.bias), steps: Array.from(m.steps),
    keysHi: b64(hi), keysLo: b64(lo), idf: b64(m.idf), weights: b64(q), quality: m.quality,
  };
  return JSON.stringify(stored);
}

/** A model from serialise()'s JSON; ModelFormatError when it is not one. */
export function deserialise(json: string): Model {
  let s: StoredModel;
  try {
    s = JSON.parse(json) as StoredModel;
  } catch {
    throw new ModelFormatError('模型数据不是有效的 JSON');
  }
  if (!s || s.format !== FORMAT) throw new ModelFormatError('不是连心桥的分类模型');
  if (s.formatVersion !== FORMAT_VERSION) throw new ModelFormatError(`模型格式版本 ${s.formatVersion} 不受支持`);
  const k = s.labels?.length ?? 0;
  if (k < 2 || s.prior?.length !== k || s.bias?.length !== k || s.steps?.length !== k) throw new ModelFormatError('模型数据的类别不完整');
  const hi = fromB64(s.keysHi, (b) => new Int32Array(b), 4, 'keysHi');
  const lo = fromB64(s.keysLo, (b) => new Int32Array(b), 4, 'keysLo');
  const idf = fromB64(s.idf, (b) => new Float32Array(b), 4, 'idf');
  const q = fromB64(s.weights, (b) => new Int16Array(b), 2, 'weights');
  if (lo.length !== hi.length || idf.length !== hi.length || q.length !== hi.length * k) throw new ModelFormatError('模型数据的特征数不一致');
  const steps = Float32Array.from(s.steps);
  const options: TrainOptions = { ...DEFAULT_OPTIONS, ...s.options, features: { ...DEFAULT_OPTIONS.features, ...s.options?.features } };
  return {
    labels: s.labels, options, keys: KeyTable.of(hi, lo), idf, weights: dequantise(q, steps, k), steps,
    bias: Float32Array.from(s.bias), prior: Float64Array.from(s.prior), scale: s.scale, samples: s.samples, quality: s.quality ?? null,
  };
}
