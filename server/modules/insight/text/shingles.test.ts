// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shingles, shinglesReference } from './minhash.ts';
import { normalise } from './normalise.ts';

test('shingles: the fast form gives exactly the reference hashes, for every size and short texts', () => {
  const texts = [
    '', '路', '路灯', '路灯坏了', '新马社区东门的路灯坏了两个多星期，晚上出行很不安全，请尽快维修。', 'LED 路灯 3 天不亮 😡 T27 路公交',
    '這條馬路的路燈壞了', 'mixed 中文 and English words 123 456', 'ａｂｃ　ＤＥＦ　１２３', '𠀀𠀁𠀂 surrogate pairs 𠀃',
  ];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pool = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
  for (let n = 0; n < 300; n++) {
    const len = Math.floor(rnd() * 80);
    let s = '';
    for (let i = 0; i < len; i++) s += rnd() < 0.1 ? ' ' : rnd() < 0.1 ? String(Math.floor(rnd() * 100)) : pool[Math.floor(rnd() * pool.length)];
    texts.push(s);
  }
  for (const text of texts) {
    const n = normalise(text);
    for (const size of [1, 2, 3, 4]) assert.deepEqual([...shingles(n, size)], [...shinglesReference(n, size)], `${size}: ${text}`);
  }
});
