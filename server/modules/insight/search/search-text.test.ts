// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalise, tokens } from '../text/normalise.ts';
import {
  BREAK, MAX_BODY_TOKENS, MAX_POSITIONS_PER_TOKEN, escapeHtml, findHits, ftsMatch, highlight, highlightPhrases, parseQuery, bodyHasPhrases, needsBodyCheck, PERIOD_MS, periodOf, periodStart, pgPeriods, pgTsquery, pgTsvector, rankByRelevance, relevance, scan, searchBody, snippet,
} from './search-text.ts';

/** The reference the index must agree with: a phrase of the query occurs in one normalised text (Han phrases: as a substring). */
const bodyHas = (body: string, phrase: string[]): boolean => ` ${body} `.includes(` ${phrase.join(' ')} `);
// (search-text's bodyHasPhrases is this rule; a test below holds the two equal.)
const matches = (texts: string[], q: string): boolean => parseQuery(q).every((p) => bodyHas(searchBody(texts), p));

describe('search text (pure)', () => {
  test('scan gives the same tokens as the shared tokens(), and marks gaps next to Han characters', () => {
    for (const s of ['路灯坏了3天 led', 'led灯、小区门口 abc123 x-y', '', '  ', '，。！', '马家河 Road 12号']) {
      const n = normalise(s);
      assert.deepEqual(scan(n).map((t) => t.text), tokens(n), s);
    }
    const toks = scan(normalise('修路，灯 led light 路 3天'));
    assert.deepEqual(toks.map((t) => `${t.breakBefore ? '|' : ''}${t.text}`), ['修', '路', '|灯', '|led', 'light', '|路', '|3', '天']);
  });

  test('the body: spaced Han characters, whole Latin words, BREAK at gaps and between texts', () => {
    assert.equal(searchBody(['新马社区东门路灯不亮', '路灯坏了，晚上LED灯也不亮']), `新 马 社 区 东 门 路 灯 不 亮 ${BREAK} 路 灯 坏 了 ${BREAK} 晚 上 led 灯 也 不 亮`);
    assert.equal(searchBody(['', '  ', '🙂']), '');
    assert.equal(searchBody(['路燈壞了']), '路 灯 坏 了', 'traditional characters are indexed as simplified');
    assert.equal(searchBody([`a ${BREAK} b`]), 'a b', 'the BREAK word in a text is not taken for a break');
  });

  test('queries: words at spaces, phrases split at punctuation, nothing searchable in punctuation or emoji', () => {
    assert.deepEqual(parseQuery('路灯'), [['路', '灯']]);
    assert.deepEqual(parseQuery('  灯 '), [['灯']]);
    assert.deepEqual(parseQuery('路灯 不亮'), [['路', '灯'], ['不', '亮']]);
    assert.deepEqual(parseQuery('路燈'), [['路', '灯']]);
    assert.deepEqual(parseQuery('路灯，不亮'), [['路', '灯'], ['不', '亮']]);
    assert.deepEqual(parseQuery('LED灯 路灯 路灯'), [['led', '灯'], ['路', '灯']]);
    assert.deepEqual(parseQuery('ＬＥＤ１２'), [['led12']]);
    for (const q of ['，。！？', '🙂🔥', '   ', '"\'*:^()', BREAK]) assert.deepEqual(parseQuery(q), [], q);
  });

  test('matching a Han phrase is finding it as a substring of one normalised text', () => {
    const texts = ['新马社区东门路灯不亮', '修路，灯也坏了', '经现场核查，已更换电缆'];
    assert.ok(matches(texts, '路灯'));
    assert.ok(matches(texts, '灯'));
    assert.ok(matches(texts, '东门 电缆'), 'two words: both, in different texts');
    assert.ok(!matches(texts, '路灯 井盖'), 'two words: AND');
    assert.ok(!matches(texts, '修路灯'), 'not across a comma');
    assert.ok(!matches(texts, '不亮修路'), 'not from one text into the next');
    assert.ok(matches(texts, '路燈'), 'a traditional query finds simplified text');
    // Random texts against String.includes on the normalised text.
    const chars = '路灯小区门口不亮坏了，。 ';
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: 5 + Math.floor(rnd() * 20) }, () => chars[Math.floor(rnd() * chars.length)]).join('');
      const q = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => chars[Math.floor(rnd() * 10)]).join('');
      assert.equal(matches([text], q), normalise(text).includes(q), `${text} / ${q}`);
    }
  });

  test('the body stops before PostgreSQL limits: 16 000 positions, 255 per token', () => {
    const body = searchBody(['灯'.repeat(400)]);
    assert.equal(body.split(' ').length, MAX_POSITIONS_PER_TOKEN);
    const long = searchBody(Array.from({ length: 10 }, (_, k) => Array.from({ length: 2000 }, (_, i) => `w${k}x${i}`).join(' ')));
    assert.equal(long.split(' ').length, MAX_BODY_TOKENS);
    assert.equal(searchBody(['x'.repeat(150)]).length, 100, 'a very long word is cut');
  });

  test('query texts for each database escape everything', () => {
    assert.equal(ftsMatch([['路', '灯'], ['led']]), '"路 灯" AND "led"');
    assert.equal(ftsMatch([['a"b']]), '"a""b"');
    assert.equal(pgTsquery([['路', '灯'], ['led']]), "'路 灯' & 'led'");
    assert.equal(pgTsquery([['东', '门', '行', '人'], ['哈', '哈', '哈']]), "'东 门' & '门 行' & '行 人' & '哈 哈'");
    assert.equal(pgTsquery([["it's\\"]]), "'it''s\\\\'");
    assert.equal(pgTsvector('路 灯 路'), "'路' '路 灯' '灯' '灯 路'");
    assert.equal(pgTsvector(`led 灯 ${BREAK} 路 灯`), `'led' 'led 灯' '灯' '路' '路 灯'`, 'no pair across a break, no break');
    assert.equal(pgTsvector('路 灯', 2077), "'路' '路 灯' '灯' '~02077'", 'the period');
    assert.throws(() => ftsMatch([]));
  });

  test('bodyHasPhrases is the reference rule; only phrases of three tokens or more need it after the index', () => {
    const bodies = ['东 门 行 人 道', `东 门 ${BREAK} 门 行 ${BREAK} 行 人`, 'led 灯 不 亮', '哈 哈 哈', ''];
    for (const body of bodies) {
      for (const q of ['东门行人', '门行', '东', 'led灯', '灯不亮', '哈哈哈哈', '哈哈哈', '东门 行人', '道']) {
        const phrases = parseQuery(q);
        assert.equal(bodyHasPhrases(body, phrases), phrases.every((p) => bodyHas(body, p)), `${q} in ${body}`);
      }
    }
    assert.equal(needsBodyCheck(parseQuery('路灯')), false);
    assert.equal(needsBodyCheck(parseQuery('路 灯 led')), false);
    assert.equal(needsBodyCheck(parseQuery('灯 路灯坏')), true);
  });

  test('periods: ten days of time; a period query matches exactly its periods', () => {
    assert.equal(periodOf(0), 0);
    assert.equal(periodOf(PERIOD_MS - 1), 0);
    assert.equal(periodOf(PERIOD_MS), 1);
    assert.equal(periodOf(periodStart(2077)), 2077);
    assert.equal(periodOf(Date.parse('2026-11-22T00:00:00Z')), 2077);
    assert.equal(periodOf(-5), 0);
    assert.equal(periodOf(1e20), 99_999, 'clamped to five digits');
    const lexeme = (period: number) => pgTsvector('x', period).split(' ').pop()!;
    assert.equal(lexeme(7), "'~00007'");
    assert.equal(pgPeriods(2074, 2078), "'~02074' | '~02075' | '~02076' | '~02077' | '~02078'");
    for (const [from, to] of [[2074, 2078], [2077, 2077], [2040, 2073], [0, 3], [99_990, 99_999]] as const) {
      const terms = pgPeriods(from, to).split(' | ');
      for (let p = Math.max(0, from - 2); p <= Math.min(99_999, to + 2); p++) assert.equal(terms.includes(lexeme(p)), p >= from && p <= to, `${from}..${to} at ${p}`);
    }
    assert.throws(() => pgPeriods(5, 4), /no period/);
  });

  test('relevance: a title hit beats a content hit, more hits beat fewer, shorter beats longer; ties keep their order', () => {
    const p = parseQuery('路灯');
    const body = (title: string, content: string) => searchBody(['abcd1234', title, content]);
    const inTitle = body('东门路灯不亮', '晚上很黑');
    const inContent = body('东门晚上很黑', '路灯不亮');
    const twice = body('东门晚上很黑', '路灯不亮，另一盏路灯也坏了');
    const long = body('东门晚上很黑', `路灯不亮${'，附近居民反映很多次'.repeat(20)}`);
    assert.ok(relevance(inTitle, p, 10) > relevance(inContent, p, 10));
    assert.ok(relevance(twice, p, 10) > relevance(inContent, p, 10));
    assert.ok(relevance(inContent, p, 10) > relevance(long, p, 10));
    assert.equal(relevance('', p, 10), 0);
    assert.equal(relevance(body('井盖', '破损'), p, 10), 0);
    const rows = [
      { caseId: 'c', body: inContent },
      { caseId: 'a', body: inTitle },
      { caseId: 'b', body: inContent },
    ];
    assert.deepEqual(rankByRelevance(rows, p), ['a', 'c', 'b']);
    assert.deepEqual(rankByRelevance([], p), []);
    // Two phrases: a case with both in its title first.
    const p2 = parseQuery('路灯 东门');
    assert.deepEqual(rankByRelevance([{ caseId: 'x', body: body('路灯不亮', '东门') }, { caseId: 'y', body: body('东门路灯不亮', '') }], p2), ['y', 'x']);
  });

  test('highlighting marks the original text, escaped, also where it is traditional or full-width', () => {
    const p = highlightPhrases('路灯');
    assert.equal(highlight('东门路灯不亮，路灯', p), '东门<mark>路灯</mark>不亮，<mark>路灯</mark>');
    assert.equal(highlight('東門路燈不亮', p), '東門<mark>路燈</mark>不亮');
    assert.equal(highlight('<b>路灯</b> & "x"', p), '&lt;b&gt;<mark>路灯</mark>&lt;/b&gt; &amp; &quot;x&quot;');
    assert.equal(highlight('修路，灯', p), null, 'not across a comma');
    assert.equal(highlight('路灯🙂路灯', p), '<mark>路灯</mark>🙂<mark>路灯</mark>');
    assert.equal(highlight('ＬＥＤ灯坏了', highlightPhrases('led灯')), '<mark>ＬＥＤ灯</mark>坏了');
    assert.equal(highlight('LEDs灯', highlightPhrases('led')), null, 'Latin words match whole');
    assert.equal(highlight('路灯坏了', highlightPhrases('灯 坏')), '路<mark>灯坏</mark>了', 'adjacent hits merge');
    assert.deepEqual(findHits('𠀀路灯', p), [[2, 4]], 'offsets count UTF-16 units (a supplementary character before)');
    assert.equal(escapeHtml(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
  });

  test('snippets: a window around the first hit, with … where cut', () => {
    const p = highlightPhrases('路灯');
    const long = `${'前'.repeat(100)}路灯${'后'.repeat(100)}`;
    const s = snippet(long, p)!;
    assert.ok(s.startsWith('…') && s.endsWith('…'), s);
    assert.ok(s.includes('<mark>路灯</mark>'));
    assert.ok(s.replace(/<\/?mark>|…/g, '').length <= 82, s);
    assert.equal(snippet('路灯\n不亮', p), '<mark>路灯</mark> 不亮');
    assert.equal(snippet('没有', p), null);
    assert.ok(snippet(`${'前'.repeat(200)}路灯`, p)!.endsWith('前前前<mark>路灯</mark>'), 'a hit at the end is shown');
  });
});
