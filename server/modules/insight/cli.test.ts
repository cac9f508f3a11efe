// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixtureSamples } from './classifier/testing.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'insight-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const asLine = (s: { label: string; title?: string | null; content?: string | null }) => JSON.stringify({ label: s.label, title: s.title ?? null, detail: s.content ?? null });
const all = fixtureSamples(20).map(asLine);
const trainFile = file('train.jsonl', all.filter((_, i) => i % 4 !== 0));
const testFile = file('test.jsonl', all.filter((_, i) => i % 4 === 0));

test('eval --json: exactly one JSON line with the figures', () => {
  const r = run('eval', '--train', trainFile, '--test', testFile, '--json');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 1);
  const j = JSON.parse(lines[0]);
  assert.deepEqual(Object.keys(j), ['accuracy', 'macroF1', 'perClass', 'trainSeconds', 'predictPerSecond']);
  assert.ok(j.accuracy > 0.9 && j.accuracy <= 1, String(j.accuracy));
  assert.ok(j.macroF1 > 0.9 && j.macroF1 <= 1);
  assert.deepEqual(Object.keys(j.perClass).sort(), ['卫生计生', '城乡建设', '教育文体']);
  assert.deepEqual(Object.keys(j.perClass['城乡建设']), ['precision', 'recall', 'f1', 'support']);
  assert.equal(j.perClass['城乡建设'].support, 5);
  assert.ok(j.trainSeconds >= 0 && j.predictPerSecond > 0);
});

test('eval: a readable table without --json', () => {
  const r = run('eval', '--train', trainFile, '--test', testFile);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /宏平均 F1 macro-F1 \d\.\d{4}/);
  assert.match(r.out, /城乡建设\s+\d\.\d{4}\s+\d\.\d{4}\s+\d\.\d{4}\s+5/);
});

test('eval: test rows with empty texts are predicted (the prior), not refused', () => {
  const test = file('empty-texts.jsonl', [JSON.stringify({ label: '城乡建设', title: null, detail: null }), JSON.stringify({ label: '教育文体', title: '', detail: '' }), all[0]]);
  const r = run('eval', '--train', trainFile, '--test', test, '--json');
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).perClass['城乡建设'].support, 2);
});

test('split: stratified and seeded; lines written unchanged; cv: folds and means', () => {
  const src = file('all.jsonl', all);
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => join(dir, `${n}.jsonl`));
  const r1 = run('split', '--in', src, '--train', a, '--test', b, '--seed', '42', '--ratio', '0.8');
  assert.equal(r1.code, 0, r1.err);
  assert.match(r1.out, /48 行.*12 行/);
  const r2 = run('split', '--in', src, '--train', c, '--test', d, '--seed', '42', '--ratio', '0.8', '--json');
  assert.deepEqual(JSON.parse(r2.out), { train: 48, test: 12 });
  assert.equal(readFileSync(a, 'utf8'), readFileSync(c, 'utf8'));
  const testLines = readFileSync(b, 'utf8').trim().split('\n');
  for (const label of ['城乡建设', '教育文体', '卫生计生']) assert.equal(testLines.filter((l) => JSON.parse(l).label === label).length, 4);
  const trainLines = readFileSync(a, 'utf8').trim().split('\n');
  assert.deepEqual([...trainLines, ...testLines].sort(), [...all].sort());
  const cv = run('cv', '--in', src, '--folds', '3', '--json');
  assert.equal(cv.code, 0, cv.err);
  const j = JSON.parse(cv.out);
  assert.equal(j.folds.length, 3);
  assert.ok(j.macroF1 > 0.8 && j.macroF1 <= 1);
});

function fails(args: string[], pattern: RegExp): void {
  const r = run(...args);
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.code} ${r.out}`);
  assert.match(r.err, pattern);
  assert.equal(r.out, '');
}

test('bad input: exit code 2 and a zh-CN message naming the file and the line', () => {
  const missing = join(dir, 'nope.jsonl');
  fails(['eval', '--train', missing, '--test', testFile], new RegExp(`找不到文件：${missing}`));
  const badJson = file('bad-json.jsonl', [all[0], all[1], '{"label": "城乡建设", "title": ']);
  fails(['eval', '--train', badJson, '--test', testFile], new RegExp(`${badJson} 第 3 行不是有效的 JSON`));
  const noLabel = file('no-label.jsonl', [all[0], '', JSON.stringify({ title: '路灯', detail: '坏了' })]);
  fails(['eval', '--train', noLabel, '--test', testFile], new RegExp(`${noLabel} 第 3 行缺少 label`));
  fails(['eval', '--train', trainFile, '--test', noLabel], new RegExp(`${noLabel} 第 3 行缺少 label`));
  const badText = file('bad-text.jsonl', [JSON.stringify({ label: '城乡建设', title: 5 })]);
  fails(['eval', '--train', badText, '--test', testFile], /第 1 行的 title 应是文本或 null/);
  const notObject = file('array.jsonl', ['[1, 2]']);
  fails(['eval', '--train', notObject, '--test', testFile], /第 1 行应是一个 JSON 对象/);
  const empty = file('empty.jsonl', ['', '  ']);
  fails(['eval', '--train', empty, '--test', testFile], new RegExp(`${empty} 没有数据行`));
  fails(['eval', '--train', trainFile, '--test', empty], new RegExp(`${empty} 没有数据行`));
  const oneLabel = file('one-label.jsonl', all.filter((l) => l.includes('城乡建设')));
  fails(['eval', '--train', oneLabel, '--test', testFile], /只有一个类别（城乡建设）/);
  const unknown = file('unknown.jsonl', [all[0], JSON.stringify({ label: '农业农村', detail: '灌溉' }), JSON.stringify({ label: '民政', detail: '低保' }), JSON.stringify({ label: '民政', detail: '养老' })]);
  fails(['eval', '--train', trainFile, '--test', unknown], new RegExp(`${unknown} 含训练文件 .* 中没有的类别：农业农村（第 2 行）、民政（第 3 行）$`, 'm'));
  fails(['eval', '--train', trainFile], /缺少参数 --test/);
  fails(['eval', '--train', trainFile, '--test', testFile, '--bogus'], /无法识别的参数：--bogus/);
  fails(['split', '--in', trainFile, '--train', join(dir, 'x'), '--test', join(dir, 'y'), '--ratio', '1.5'], /--ratio 应在 0 和 1 之间/);
  fails(['cv', '--in', trainFile, '--folds', '1'], /--folds 应是不小于 2 的整数/);
  fails(['frobnicate'], /未知命令：frobnicate/);
  fails([], /用法/);
});
