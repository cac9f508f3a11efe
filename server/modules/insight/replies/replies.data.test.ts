// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
/**
 * Reply hints on the real replies (../shared/data/teddy2020c/with_replies_2816.jsonl, read in
 * place; skipped with a message where the data is not beside the repository): the share of
 * replies holding each element is what patterns.ts's header says and is sane, and the labelled
 * sentences (fixtures/labelled-sentences.json) are classified as a person labelled them.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { normalise } from '../text/normalise.ts';
import { checkReply, REPLY_ELEMENTS, type ReplyElement } from './hints.ts';
import { sentences } from './mine.ts';
import { MINED_COUNTS } from './patterns.ts';

const DATA = new URL('../../../../../shared/data/teddy2020c/with_replies_2816.jsonl', import.meta.url).pathname;
const present = existsSync(DATA);
const skip = present ? false : `the real data is not here (${DATA}): reply hints are tested on our own fixtures only`;

interface Row { message_id: string; reply: string }
interface Labelled { set: 'checked' | 'second'; messageId: string; sentence: number; sha1: string; labels: ReplyElement[] }

const rows = (): Row[] => readFileSync(DATA, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
const labelled = (JSON.parse(readFileSync(new URL('./fixtures/labelled-sentences.json', import.meta.url), 'utf8')) as { sentences: Labelled[] }).sentences;
const sorted = (a: readonly string[]) => [...a].sort().join(',');

describe('reply hints on the real replies', { skip }, () => {
  test('the share of replies with each element is the mined figure, and sane', (t) => {
    const all = rows();
    assert.equal(all.length, MINED_COUNTS.replies);
    const counts = Object.fromEntries(REPLY_ELEMENTS.map((k) => [k, 0])) as Record<ReplyElement, number>;
    let allFive = 0;
    const t0 = performance.now();
    for (const r of all) {
      const p = checkReply(r.reply).present;
      for (const k of p) counts[k]++;
      if (p.length === REPLY_ELEMENTS.length) allFive++;
    }
    const ms = performance.now() - t0;
    const share = (n: number) => n / all.length;
    t.diagnostic(`${all.length} replies checked in ${Math.round(ms)} ms: ${REPLY_ELEMENTS.map((k) => `${k} ${(100 * share(counts[k])).toFixed(1)}%`).join(', ')}, all five ${(100 * share(allFive)).toFixed(1)}%`);
    assert.deepEqual(counts, { ...MINED_COUNTS.elements }, 'patterns.ts header = what checkReply finds (rerun the mining script with --write)');
    assert.equal(allFive, MINED_COUNTS.allFive);
    // Sane: nearly every reply greets; the others are each said by a fair share, none by all.
    assert.ok(share(counts.greeting) >= 0.8, 'greeting ≥ 80 %');
    assert.ok(share(counts.facts) >= 0.25 && share(counts.facts) <= 0.6, 'facts 25–60 %');
    assert.ok(share(counts.measure) >= 0.35 && share(counts.measure) <= 0.7, 'measure 35–70 %');
    assert.ok(share(counts.timeframe) >= 0.08 && share(counts.timeframe) <= 0.35, 'timeframe 8–35 %');
    assert.ok(share(counts.contact) >= 0.15 && share(counts.contact) <= 0.45, 'contact 15–45 %');
  });

  test('the labelled sentences are classified as labelled (all of the first 50; the second 50 as measured)', (t) => {
    const byId = new Map(rows().map((r) => [r.message_id, r]));
    const result = { checked: { agree: 0, n: 0, decisions: 0, right: 0 }, second: { agree: 0, n: 0, decisions: 0, right: 0 } };
    for (const l of labelled) {
      const reply = byId.get(l.messageId);
      assert.ok(reply, `message ${l.messageId} is in the data`);
      const s = sentences(normalise(reply.reply))[l.sentence];
      assert.ok(s, `message ${l.messageId} has a sentence ${l.sentence}`);
      assert.equal(createHash('sha1').update(s).digest('hex').slice(0, 10), l.sha1, `message ${l.messageId} sentence ${l.sentence} is the one labelled`);
      const got = checkReply(s).present;
      const r = result[l.set];
      r.n++;
      if (sorted(got) === sorted(l.labels)) r.agree++;
      else t.diagnostic(`${l.set} ${l.messageId}#${l.sentence}: labelled [${l.labels.join(', ')}], found [${got.join(', ')}]: ${s.slice(0, 60)}…`);
      for (const k of REPLY_ELEMENTS) {
        r.decisions++;
        if (got.includes(k) === l.labels.includes(k)) r.right++;
      }
    }
    t.diagnostic(`checked: ${result.checked.agree}/${result.checked.n} sentences; second: ${result.second.agree}/${result.second.n} sentences, ${result.second.right}/${result.second.decisions} element decisions`);
    assert.equal(result.checked.n, 50);
    assert.equal(result.checked.agree, 50, 'every sentence of the checked set');
    assert.equal(result.second.n, 50);
    assert.ok(result.second.agree >= 37, 'the second set: at least the 37 of 50 measured');
    assert.ok(result.second.right / result.second.decisions >= 0.92, 'the second set: ≥ 92 % of element decisions');
  });
});

test('the labelled fixture names its sentences without copying them', () => {
  assert.equal(labelled.length, 100);
  for (const l of labelled) {
    assert.deepEqual(Object.keys(l).sort(), ['labels', 'messageId', 'sentence', 'set', 'sha1']);
    assert.ok(l.labels.every((k) => (REPLY_ELEMENTS as readonly string[]).includes(k)));
  }
  for (const k of REPLY_ELEMENTS) assert.ok(labelled.some((l) => l.labels.includes(k)), `some sentence is labelled ${k}`);
});
