/**
 * `npm run insight -- <command>`: the insight module's offline tools.
 *
 *   eval  --train A.jsonl --test B.jsonl [--json]
 *         trains the category classifier on A and measures it on B: accuracy, macro-F1, per
 *         category precision/recall/F1/support, training seconds and predictions per second.
 *         With --json exactly one JSON line; otherwise a table.
 *   split --in FILE.jsonl --train OUT.jsonl --test OUT.jsonl [--seed 42] [--ratio 0.8] [--json]
 *         a stratified, seeded split (each category's share kept), lines written unchanged.
 *   cv    --in FILE.jsonl [--folds 5] [--seed 42] [--json]
 *         stratified k-fold cross-validation: each fold held out once; macro-F1 and accuracy
 *         per fold and their means (so that no figure rests on one lucky split).
 *
 * Lines have `title`, `detail` (or `content`), `label` and optionally `segmented_text` (used when
 * both texts are empty); either text may be missing. Bad input → exit code 2 and a zh-CN message
 * naming the file and the line.
 */
import { writeFileSync } from 'node:fs';
import { evaluate, rounded, type Evaluation } from './classifier/evaluate.ts';
import { DataFileError, readRows } from './classifier/jsonl.ts';
import { predict, train, TrainingError } from './classifier/model.ts';
import { splitLabels, stratifiedFolds } from './classifier/split.ts';

class UsageError extends Error {}

const USAGE = `用法（usage）：
  npm run insight -- eval --train 训练.jsonl --test 测试.jsonl [--json]
  npm run insight -- split --in 数据.jsonl --train 训练输出.jsonl --test 测试输出.jsonl [--seed 42] [--ratio 0.8] [--json]
  npm run insight -- cv --in 数据.jsonl [--folds 5] [--seed 42] [--json]`;

function options(args: string[], allowed: string[], flags: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const name = a.replace(/^--/, '');
    if (!a.startsWith('--') || (!allowed.includes(name) && !flags.includes(name))) throw new UsageError(`无法识别的参数：${a}\n${USAGE}`);
    if (flags.includes(name)) {
      out.set(name, 'true');
      continue;
    }
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`参数 ${a} 需要一个值\n${USAGE}`);
    out.set(name, v);
    i++;
  }
  return out;
}

function required(o: Map<string, string>, name: string): string {
  const v = o.get(name);
  if (!v) throw new UsageError(`缺少参数 --${name}\n${USAGE}`);
  return v;
}

export interface EvalResult extends Evaluation {
  trainSeconds: number;
  predictPerSecond: number;
}

/** Trains on one file and measures on the other (the figures unrounded). */
export function evalFiles(trainFile: string, testFile: string): EvalResult {
  const trainRows = readRows(trainFile);
  const testRows = readRows(testFile);
  const labels = new Set(trainRows.map((r) => r.sample.label));
  if (labels.size < 2) throw new DataFileError(`${trainFile} 只有一个类别（${[...labels][0]}）：至少需要两个类别才能训练`);
  const unknown = new Map<string, number>();
  for (const r of testRows) if (!labels.has(r.sample.label) && !unknown.has(r.sample.label)) unknown.set(r.sample.label, r.line);
  if (unknown.size) {
    const list = [...unknown].map(([l, line]) => `${l}（第 ${line} 行）`).join('、');
    throw new DataFileError(`${testFile} 含训练文件 ${trainFile} 中没有的类别：${list}`);
  }
  const t0 = performance.now();
  const model = train(trainRows.map((r) => r.sample));
  const trainSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const predicted = testRows.map((r) => predict(model, r.sample).label);
  const predictSeconds = (performance.now() - t1) / 1000;
  const e = evaluate(
    testRows.map((r) => r.sample.label),
    predicted,
  );
  return { ...e, trainSeconds, predictPerSecond: testRows.length / Math.max(predictSeconds, 1e-9) };
}

/** The figures as printed: metrics to 4 decimals, seconds to 2, predictions per second whole. */
export function roundedResult(r: EvalResult): EvalResult {
  const e = rounded(r);
  return { accuracy: e.accuracy, macroF1: e.macroF1, perClass: e.perClass, trainSeconds: Math.round(r.trainSeconds * 100) / 100, predictPerSecond: Math.round(r.predictPerSecond) };
}

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, n: number, right = false) => (right ? ' '.repeat(Math.max(0, n - width(s))) + s : s + ' '.repeat(Math.max(0, n - width(s))));

function table(r: EvalResult, trainFile: string, testFile: string): string {
  const f = (x: number) => x.toFixed(4);
  const lines = [
    `训练 training  ${trainFile}：${r.trainSeconds.toFixed(2)} 秒 s`,
    `测试 test      ${testFile}：每秒 ${Math.round(r.predictPerSecond)} 条 predictions/s`,
    `准确率 accuracy ${f(r.accuracy)}    宏平均 F1 macro-F1 ${f(r.macroF1)}`,
    '',
  ];
  const labelWidth = Math.max(14, ...Object.keys(r.perClass).map(width)) + 2;
  lines.push(pad('类别 label', labelWidth) + pad('精确率 precision', 18, true) + pad('召回率 recall', 16, true) + pad('F1', 10, true) + pad('样本 support', 14, true));
  for (const [label, q] of Object.entries(r.perClass)) {
    lines.push(pad(label, labelWidth) + pad(f(q.precision), 18, true) + pad(f(q.recall), 16, true) + pad(f(q.f1), 10, true) + pad(String(q.support), 14, true));
  }
  return lines.join('\n');
}

function integer(o: Map<string, string>, name: string, fallback: number, min: number): number {
  const raw = o.get(name);
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(v) || v < min) throw new UsageError(`--${name} 应是不小于 ${min} 的整数：${raw}`);
  return v;
}

export interface CrossValidation {
  folds: Array<{ macroF1: number; accuracy: number; trainSeconds: number }>;
  macroF1: number;
  accuracy: number;
}

/** Stratified k-fold cross-validation of the classifier on one file (figures rounded). */
export function crossValidate(file: string, k: number, seed: number): CrossValidation {
  const rows = readRows(file).map((r) => r.sample);
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  if (labels.length < 2) throw new DataFileError(`${file} 只有一个类别（${labels[0]}）：至少需要两个类别才能训练`);
  const fold = stratifiedFolds(rows.map((r) => labels.indexOf(r.label)), k, seed);
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  const folds: CrossValidation['folds'] = [];
  for (let f = 0; f < k; f++) {
    const t0 = performance.now();
    const model = train(rows.filter((_, i) => fold[i] !== f));
    const trainSeconds = Math.round((performance.now() - t0) / 10) / 100;
    const test = rows.filter((_, i) => fold[i] === f);
    const e = evaluate(test.map((r) => r.label), test.map((r) => predict(model, r).label));
    folds.push({ macroF1: r4(e.macroF1), accuracy: r4(e.accuracy), trainSeconds });
  }
  const mean = (key: 'macroF1' | 'accuracy') => r4(folds.reduce((a, x) => a + x[key], 0) / k);
  return { folds, macroF1: mean('macroF1'), accuracy: mean('accuracy') };
}

function split(o: Map<string, string>): string {
  const input = required(o, 'in');
  const trainOut = required(o, 'train');
  const testOut = required(o, 'test');
  const seed = integer(o, 'seed', 42, 0);
  const ratio = Number(o.get('ratio') ?? '0.8');
  if (!(ratio > 0 && ratio < 1)) throw new UsageError(`--ratio 应在 0 和 1 之间（训练集所占比例）：${o.get('ratio')}`);
  const rows = readRows(input);
  const { train: first, test: second } = splitLabels(
    rows.map((r) => r.sample.label),
    ratio,
    seed,
  );
  const lines = (ids: Int32Array) => Array.from(ids, (i) => rows[i].raw + '\n').join('');
  writeFileSync(trainOut, lines(first));
  writeFileSync(testOut, lines(second));
  if (o.has('json')) return JSON.stringify({ train: first.length, test: second.length });
  return `已写出（written）训练 train ${first.length} 行 → ${trainOut}；测试 test ${second.length} 行 → ${testOut}`;
}

/** Runs one command; returns the exit code (0, or 2 for bad input). */
export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n'), err: (s: string) => void = (s) => process.stderr.write(s + '\n')): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'eval') {
      const o = options(rest, ['train', 'test'], ['json']);
      const trainFile = required(o, 'train');
      const testFile = required(o, 'test');
      const r = roundedResult(evalFiles(trainFile, testFile));
      out(o.has('json') ? JSON.stringify(r) : table(r, trainFile, testFile));
      return 0;
    }
    if (command === 'split') {
      out(split(options(rest, ['in', 'train', 'test', 'seed', 'ratio'], ['json'])));
      return 0;
    }
    if (command === 'cv') {
      const o = options(rest, ['in', 'folds', 'seed'], ['json']);
      const input = required(o, 'in');
      const k = integer(o, 'folds', 5, 2);
      const r = crossValidate(input, k, integer(o, 'seed', 42, 0));
      out(o.has('json') ? JSON.stringify(r) : [
        `${k} 折交叉验证 ${k}-fold cross-validation  ${input}`,
        ...r.folds.map((f, i) => `  第 ${i + 1} 折 fold ${i + 1}: macro-F1 ${f.macroF1.toFixed(4)}  accuracy ${f.accuracy.toFixed(4)}  ${f.trainSeconds.toFixed(2)} 秒 s`),
        `平均 mean: macro-F1 ${r.macroF1.toFixed(4)}  accuracy ${r.accuracy.toFixed(4)}`,
      ].join('\n'));
      return 0;
    }
    if (command === 'help' || command === '--help') {
      out(USAGE);
      return 0;
    }
    if (command === undefined) throw new UsageError(USAGE);
    throw new UsageError(`未知命令：${command}\n${USAGE}`);
  } catch (e) {
    if (e instanceof UsageError || e instanceof DataFileError || e instanceof TrainingError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
