// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
/**
 * Reply-quality hints, pure: each element found in the ways real replies say it (and not where
 * it only seems to be: a signature date, a document title, 您未留下联系电话, 尽快), every missing
 * one with a zh-CN label and a hint with an example; empty, huge, emoji, full-width and
 * traditional input. The mining helpers on a small corpus of our own.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkReply, REPLY_ELEMENTS, REPLY_ELEMENT_TEXT, type ReplyElement } from './hints.ts';
import { compileElement, matches } from './matcher.ts';
import { maskNumbers, mineElement, ngrams, phraseSource, prepare, sentences } from './mine.ts';

const has = (text: string, key: ReplyElement) => checkReply(text).present.includes(key);

/** Sentences that hold the element, and sentences (often close) that do not. */
const FIXTURES: Record<ReplyElement, { yes: string[]; no: string[] }> = {
  greeting: {
    yes: ['您好！您反映的问题已收悉。', '张先生：你好，来信收悉。', '尊敬的网友：关于您反映的路灯问题，现答复如下。', '网友“小王”：来信收悉，现回复如下。', '新马社区的居民朋友们，你们好！'],
    no: ['您反映的问题已收悉。', '网民反映：小区门口路灯不亮。', '现将有关情况回复如下：'],
  },
  facts: {
    yes: [
      '经查，该路段共有路灯 12 盏，其中 3 盏损坏。',
      '经现场核实，施工单位确实存在夜间施工的情况。',
      '我局工作人员到现场查看，发现井盖缺失。',
      '经调查了解，该小区物业未按合同约定清运垃圾。',
      '据查，该店未办理营业执照。',
      '街道工作人员上门走访了周边住户。',
    ],
    no: ['您反映的问题已收悉，现回复如下。', '根据《物业管理条例》第三十五条，业主应当按时缴纳物业费。', '感谢您对我们工作的关心和支持。'],
  },
  measure: {
    yes: [
      '我局已安排维修单位更换灯具。',
      '已责令施工单位立即停止夜间施工。',
      '街道已督促物业公司整改到位。',
      '下一步，我们将加大巡查力度。',
      '执法中队已约谈该店负责人，并下达了限期整改通知书。',
      '目前该路段的修复工作已基本完成。',
      '社区将采取错时清运的办法处理垃圾。',
    ],
    no: [
      '根据《关于进一步加强物业管理工作的通知》规定，业主应当按时缴纳物业费。',
      '我局只负责协调地铁前期工作，您咨询的问题涉及规划。',
      '您反映的问题已收悉。',
    ],
  },
  timeframe: {
    yes: [
      '预计于 12 月 15 日前修复。',
      '施工单位承诺在 5 个工作日内完成整改。',
      '该工程将于 2027 年 3 月开工。',
      '要求其在十五日内自行拆除。',
      '争取月底前完成全部路灯更换。',
      '路灯电源已于 9 月 10 日建成。',
      '日前，街道已组织清理了楼道杂物。',
    ],
    no: ['我们将尽快处理。', '近期将组织维修。', '2019年4月29日', '您于 2026 年 11 月 3 日反映的问题已收悉。', '目前正在审批中。'],
  },
  contact: {
    yes: [
      '如有疑问，请致电 0731-28888888。',
      '联系人：王科长，联系电话 13807330000。',
      '您也可拨打 12345 市民服务热线反映。',
      '详情可咨询区住建局，咨询电话：0731-22663355。',
      '如对答复不满意，欢迎致电我局办公室。',
    ],
    no: ['因您未留下联系电话，我们无法与您取得联系。', '由于您没有留联系电话，无法了解您的具体情况。', '这一问题导致电视信号不稳定。', '感谢您对我们工作的支持。'],
  },
};

describe('reply hints: each element', () => {
  for (const key of REPLY_ELEMENTS) {
    test(`${key}: found where replies say it, not where they do not`, () => {
      for (const s of FIXTURES[key].yes) assert.ok(has(s, key), `${key} should be found in: ${s}`);
      for (const s of FIXTURES[key].no) assert.ok(!has(s, key), `${key} should not be found in: ${s}`);
    });
  }
});

describe('reply hints: checkReply', () => {
  const full =
    '王女士：您好！您反映的新马社区东门路灯不亮的问题已收悉。经现场核实，该处 3 盏路灯因线路老化损坏。' +
    '我局已安排维修单位更换线路和灯具，预计于 12 月 15 日前修复。如有疑问，请致电 0731-28888888（联系人：李工）。';

  test('a reply with all five elements has nothing missing', () => {
    assert.deepEqual(checkReply(full), { present: [...REPLY_ELEMENTS], missing: [] });
  });

  test('a half-written reply: what is missing comes with a zh-CN label and a hint with an example, in order', () => {
    const r = checkReply('您好！经查，该路段路灯确有损坏，我局已安排维修。');
    assert.deepEqual(r.present, ['greeting', 'facts', 'measure']);
    assert.deepEqual(r.missing.map((m) => m.key), ['timeframe', 'contact']);
    for (const m of r.missing) {
      assert.equal(m.label, REPLY_ELEMENT_TEXT[m.key].label);
      assert.match(m.label, /^[\u4e00-\u9fff]+$/);
      assert.match(m.hint, /例如/);
      assert.match(m.hint, /[\u4e00-\u9fff]/);
    }
  });

  test('empty, blank and absent input: everything missing, no error', () => {
    for (const x of ['', '   \n\t ', null, undefined, '😀🎉', '。。。!!!']) {
      const r = checkReply(x);
      assert.deepEqual(r.present, [], String(x));
      assert.deepEqual(r.missing.map((m) => m.key), [...REPLY_ELEMENTS]);
    }
  });

  test('traditional characters, full-width forms and emoji read as the same reply', () => {
    const traditional = '王女士：您好😊！經現場核實，該處３盞路燈損壞。我局已安排維修單位更換燈具，預計於１２月１５日前修復。如有疑問，請致電０７３１－２８８８８８８８。';
    assert.deepEqual(checkReply(traditional).present, [...REPLY_ELEMENTS]);
  });

  test('a huge text is read (cut at the normal form\'s limit) without error, quickly', () => {
    const huge = `${'该路段的情况说明。'.repeat(200_000)}您好`;
    const t0 = performance.now();
    const r = checkReply(huge);
    assert.ok(performance.now() - t0 < 5000, 'under 5 s');
    assert.deepEqual(r.present, [], 'the greeting beyond 20,000 characters is not read');
    assert.deepEqual(checkReply(`您好！${'情况说明。'.repeat(10_000)}`).present, ['greeting']);
  });

  test('mixed scripts and odd characters do not break the patterns', () => {
    const r = checkReply('Hello 您好！LED 路灯已修复 ✅ — 电话 (0731) 28888888 ☎');
    assert.ok(r.present.includes('greeting'));
    assert.ok(r.present.includes('measure'));
    assert.ok(r.present.includes('contact'));
  });
});

describe('reply hints: mining helpers', () => {
  test('sentences split at 。!?; and new lines, dropping empty ones', () => {
    assert.deepEqual(sentences('您好!来信收悉。经查,属实;将整改\n\n2019年4月29日'), ['您好!', '来信收悉。', '经查,属实;', '将整改', '2019年4月29日']);
    assert.deepEqual(sentences(''), []);
  });

  test('numbers are one symbol: Arabic digits, Chinese numerals before a unit', () => {
    assert.equal(maskNumbers('在15个工作日内,三个月内,十五日内,统一'), '在#个工作日内,#个月内,#日内,统一');
    assert.ok(new RegExp(phraseSource('#个工作日内'), 'u').test('在十个工作日内答复'));
    assert.ok(new RegExp(phraseSource('#月#日前'), 'u').test('12月15日前'));
  });

  test('n-grams are 2–6 Han characters or numbers, never across punctuation', () => {
    const g = ngrams('经查,属实#天');
    assert.ok(g.has('经查') && g.has('属实#天') && g.has('实#'));
    assert.ok(![...g].some((x) => x.includes(',')));
    assert.ok(![...g].some((x) => [...x].length > 6 || [...x].length < 2));
  });

  test('mining finds the phrase that keeps company with the seeds, not the words found everywhere', () => {
    const corpus: string[] = [];
    for (let i = 0; i < 30; i++) {
      corpus.push(`您好,小区路灯的问题已收悉。经查,路灯损坏属实,已安排维修第${i}号。感谢支持。`);
      corpus.push(`小区停车的问题已收悉。经核实,情况属实,已督促物业整改。感谢支持。`);
      corpus.push(`小区绿化的问题已收悉。根据规定,业主应当缴费。感谢支持。`);
    }
    const m = mineElement(prepare(corpus), { key: 'facts', seeds: ['经查', '经核实'], region: 'sentence' }, { minRegionDf: 5 });
    assert.equal(m.seedReplies, 60);
    const phrases = m.candidates.map((c) => c.phrase);
    assert.ok(phrases.includes('属实'), phrases.join(' '));
    assert.ok(!phrases.includes('小区'), 'in every reply: no lift');
    assert.ok(!phrases.includes('经查') && !phrases.includes('核实'), 'seeds and their pieces are not candidates');
    const c = m.candidates.find((x) => x.phrase === '属实')!;
    assert.equal(c.regionDf, 60);
    assert.equal(c.df, 60);
    assert.ok(c.lift > 1);
  });

  test('a negated contact does not count; one in another clause does', () => {
    const el = compileElement('contact', { phrases: ['联系电话'], regexes: [], negatable: true });
    assert.deepEqual(matches('您未留下联系电话', el), []);
    assert.deepEqual(matches('如您不满意,联系电话:0731-1234567', el), ['联系电话']);
  });
});
