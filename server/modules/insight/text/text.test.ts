// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bandKeys, decodeSignature, encodeSignature, jaccard, shingles, signature, signatureReference, similarity } from './minhash.ts';
import { normalise, tokens } from './normalise.ts';

test('normalise: traditional → simplified, full-width → half-width, emoji and controls dropped, spaces collapsed', () => {
  assert.equal(normalise('這條馬路的路燈壞了'), '这条马路的路灯坏了');
  assert.equal(normalise('ＬＥＤ燈　３天不亮😡\u0000\u200b'), 'led灯 3天不亮');
  assert.equal(normalise('  \n\t '), '');
  assert.equal(normalise(null), '');
  assert.equal(normalise('x'.repeat(30_000)).length, 20_000);
});

test('tokens: one per Han character, Latin and digit runs whole, punctuation separates', () => {
  assert.deepEqual(tokens(normalise('路灯坏了3天，LED！')), ['路', '灯', '坏', '了', '3', '天', 'led']);
  assert.deepEqual(tokens(''), []);
});

test('MinHash: a near copy is similar, an unrelated text is not; signatures are stable and round-trip', () => {
  const a = normalise('马家河街道新马社区东门的路灯坏了一个多月，晚上出行很不安全，请尽快维修。');
  const b = normalise('新马社区东门路灯坏了一个多月了，晚上出行很不安全，请尽快维修！');
  const c = normalise('学校门口早晚高峰交通拥堵，建议增设交警执勤和信号灯。');
  const [sa, sb, sc] = [a, b, c].map((x) => shingles(x));
  const [ga, gb, gc] = [sa, sb, sc].map((s) => signature(s!)!);
  assert.ok(jaccard(sa!, sb!) > 0.5, `near copy: ${jaccard(sa!, sb!)}`);
  assert.ok(jaccard(sa!, sc!) < 0.1);
  assert.ok(Math.abs(similarity(ga!, gb!) - jaccard(sa!, sb!)) < 0.2, 'the estimate is close to the exact value');
  assert.ok(similarity(ga!, gc!) < 0.2);
  assert.ok(bandKeys(ga!).some((k) => bandKeys(gb!).includes(k)), 'near copies share a band');
  assert.deepEqual(decodeSignature(encodeSignature(ga!)), ga);
  assert.deepEqual(signature(shingles(a)), ga, 'deterministic');
  assert.equal(signature(shingles('')), null);
  assert.equal(shingles('路灯').size, 1, 'a text shorter than a shingle is one shingle');
});

test('MinHash: the fast signature equals the reference arithmetic for every kind of shingle value', () => {
  const values = [0, 1, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1];
  let seed = 12345;
  for (let i = 0; i < 20_000; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    values.push(seed);
  }
  for (const x of values) assert.deepEqual(signature(new Set([x])), signatureReference(new Set([x])), `shingle ${x}`);
  const set = shingles(normalise('马家河街道新马社区东门的路灯坏了一个多月，晚上出行很不安全，请尽快维修。'));
  assert.deepEqual(signature(set), signatureReference(set));
  // Sets larger than the scratch space (it grows), then a small one again (no stale values read).
  const big = new Set(values.slice(0, 5000));
  assert.deepEqual(signature(big), signatureReference(big));
  assert.deepEqual(signature(new Set(values.slice(7, 9))), signatureReference(new Set(values.slice(7, 9))));
});
