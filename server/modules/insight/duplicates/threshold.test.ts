// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
/**
 * The duplicate check's text side (pure): our own near copies and unrelated texts around the
 * threshold, and the threshold's figures on the real messages (skipped when
 * ../shared/data/teddy2020c/labelled_dev.jsonl is not beside the project).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { BAND_COUNT, caseText, encodeShingles, exactSimilarity, fingerprint, MIN_TOKENS, placedBandKeys, placeKey, storedSimilarity, THRESHOLD } from './fingerprint.ts';
import { shingles } from '../text/minhash.ts';
import { evaluate, nearCopy, parseMessages, prng, shapeOf } from './tune.ts';

const DEV = fileURLToPath(new URL('../../../../../shared/data/teddy2020c/labelled_dev.jsonl', import.meta.url));

/** [new text, an open case's text]: the same problem written again. */
const SAME: Array<[string, string]> = [
  ['新馬社區東門路燈壞了兩個多星期，晚上走路很不安全，請盡快修復', '新马社区东门的路灯已经坏了两个多星期，晚上出行很不安全，希望尽快修复。'],
  ['学校门口上下学时段交通拥堵，建议增派交警疏导、设置临时停车位', '学校门口上下学时段交通很拥堵，建议设置临时停车位，增派交警疏导。'],
  ['小区电梯频繁停运！！物业推诿不修😡 老人上下楼很困难', '小区电梯频繁停运，物业推诿不修，老人上下楼很困难。'],
  ['T27路早高峰班次太少,建议增开T27路早高峰班次', '建议增开 T27 路早高峰班次，早高峰班次太少。'],
];
/** Different problems that share words (place, kind of complaint). */
const OTHER: Array<[string, string]> = [
  ['新马社区东门路灯不亮，晚上出行不安全', '新马社区东门垃圾站清运不及时，气味很大。'],
  ['小区电梯频繁停运，物业推诿', '小区停车位被长期占用，物业不管。'],
  ['学校门口上下学时段交通拥堵', '咨询灵活就业人员医保缴费的办理地点'],
  ['建议增开 T27 路早高峰班次', '建议在天易科技城设立劳动用工法律服务点'],
];

test('our own near copies reach the threshold; different problems in the same words do not', () => {
  for (const [a, b] of SAME) {
    const sim = exactSimilarity(fingerprint('', a)!, '', b);
    assert.ok(sim >= THRESHOLD, `${sim.toFixed(2)}: ${a} / ${b}`);
  }
  for (const [a, b] of OTHER) {
    const sim = exactSimilarity(fingerprint('', a)!, '', b);
    assert.ok(sim < THRESHOLD, `${sim.toFixed(2)}: ${a} / ${b}`);
  }
  // Identical texts: 1; the title counts with the content.
  assert.equal(exactSimilarity(fingerprint('标题', SAME[0]![1])!, '标题', SAME[0]![1]), 1);
});

test('the similarity from stored shingles is the similarity from the text, to the last digit', () => {
  const texts = [...SAME, ...OTHER].flat();
  for (const a of texts) {
    const f = fingerprint('', a)!;
    for (const b of [...texts, '短', '😀😀😀', '']) {
      const stored = encodeShingles(shingles(caseText('', b), 2));
      assert.equal(storedSimilarity(f, stored), exactSimilarity(f, '', b), `${a} / ${b}`);
    }
  }
});

test('texts too short or without words are not compared; the place is the street', () => {
  assert.equal(fingerprint('', ''), null);
  assert.equal(fingerprint(null, '   \n '), null);
  assert.equal(fingerprint('', '😀😀！！……'), null);
  assert.equal(fingerprint('', '路灯坏了'), null, `fewer than ${MIN_TOKENS} tokens`);
  assert.ok(fingerprint('路灯', '坏了四天'), 'title and content together are long enough');
  assert.equal(fingerprint('', 'x'.repeat(30_000)), null, 'one long word: one token');
  const huge = fingerprint('', '路灯坏了很久'.repeat(6000));
  assert.ok(huge && huge.shingles.size === 6 && huge.bands.length === 21, 'a huge text is cut (normalise: 20,000 characters), no crash');
  assert.equal(placeKey('430211004'), '430211004');
  assert.equal(placeKey('430211004012'), '430211004');
  assert.equal(placeKey('430211'), '430211');
});

test('near copies: repeatable, in traditional characters when asked, with the words still there', () => {
  const text = '新马社区东门的路灯已经坏了两个多星期，晚上出行很不安全，希望尽快修复。';
  const a = nearCopy(text, prng(1), { swaps: 3, traditional: true });
  assert.equal(a, nearCopy(text, prng(1), { swaps: 3, traditional: true }));
  assert.notEqual(a, text);
  assert.match(a, /路燈/);
  assert.equal([...a.replace(/[\p{P}\s]/gu, '')].sort().join(''), [...nearCopy(text, prng(1), { swaps: 3, traditional: true }).replace(/[\p{P}\s]/gu, '')].sort().join(''));
  assert.equal(shapeOf({ title: '标题', detail: '第一句。第二句！' }, 'short'), '标题 第一句');
  assert.equal(shapeOf({ title: null, detail: '第一句。第二句！' }, 'full'), '第一句。第二句！');
});

test('the threshold on the real messages: near copies found, results right, random pairs apart', { skip: existsSync(DEV) ? false : `没有找到 ${DEV}（真实留言数据不在本机，跳过）` }, () => {
  const messages = parseMessages(readFileSync(DEV, 'utf8'));
  assert.ok(messages.length > 6000);
  const thresholds = [0.3, 0.4, THRESHOLD, 0.6];
  const short = evaluate(messages, { shape: 'short', queries: 400, randomPairs: 20_000, thresholds });
  const full = evaluate(messages.slice(0, 2500), { shape: 'full', queries: 150, randomPairs: 5_000, thresholds });
  const at = (e: typeof short) => e.figures.find((f) => f.threshold === THRESHOLD)!;
  assert.ok(at(short).recall >= 0.95, JSON.stringify(short));
  assert.ok(at(full).recall >= 0.97, JSON.stringify(full));
  for (const e of [short, full]) {
    assert.ok(at(e).precision >= 0.93, JSON.stringify(e));
    assert.ok(at(e).randomPairs <= 0.001, JSON.stringify(e));
    for (let i = 1; i < e.figures.length; i++) assert.ok(e.figures[i]!.recall <= e.figures[i - 1]!.recall, 'a higher threshold finds no more');
  }
  // The threshold earns its place: 0.6 loses near copies of short texts that 0.5 finds.
  assert.ok(short.figures.find((f) => f.threshold === 0.6)!.recall < at(short).recall - 0.02, JSON.stringify(short.figures));
});

test('stored band keys: integers within 2^53, one per band, the same for the same text and place, none shared across places', () => {
  const a = fingerprint('', SAME[0]![0])!;
  const b = fingerprint('', SAME[0]![1])!;
  const here = placedBandKeys('430211004', a.signature);
  assert.equal(here.length, BAND_COUNT);
  for (const k of here) assert.ok(Number.isSafeInteger(k) && k >= 0, String(k));
  assert.deepEqual(placedBandKeys('430211004', a.signature), here, 'repeatable');
  // near copies in the same street share a key (as their band hashes do); in another street nothing
  const shared = (x: number[], y: number[]) => x.filter((k) => y.includes(k)).length;
  assert.equal(shared(here, placedBandKeys('430211004', b.signature)), a.bands.filter((k) => b.bands.includes(k)).length);
  assert.ok(shared(here, placedBandKeys('430211004', b.signature)) > 0);
  assert.equal(shared(here, placedBandKeys('430211005', a.signature)), 0, 'the same text in the next street');
  // the place part differs between the district's streets
  const streets = Array.from({ length: 40 }, (_, i) => `430211${String(i + 1).padStart(3, '0')}`);
  const highs = new Set(streets.map((p) => Math.floor(placedBandKeys(p, a.signature)[0]! / 2 ** 32)));
  assert.equal(highs.size, streets.length);
});
