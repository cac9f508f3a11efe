// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalise } from '../text/normalise.ts';
import { clusterDocuments, clusterText, HotCorpus, prepare, trendOf, type HotDocument } from './cluster.ts';
import { CLUSTER_TEXT_CHARS, termKey, termKeys, tokenHash } from './features.ts';
import { clusterLabel } from './label.ts';

const day = (d: string, h = 2) => `2026-${d}T${String(h).padStart(2, '0')}:00:00.000Z`;
let n = 0;
const doc = (text: string, createdAt: string, stationId: string, extra: Partial<HotDocument> = {}): HotDocument => ({
  id: `c${String(++n).padStart(3, '0')}`, text, createdAt, stationId, regionCode: stationId === 'ma' ? '430211004' : '430211005', ...extra,
});

/** Two matters told several times in different words at two stations, and unrelated cases around them. */
function fixture(): HotDocument[] {
  n = 0;
  return [
    doc('新马小区旁边的搅拌站晚上施工，噪音很大，居民睡不着觉', day('09-01'), 'ma'),
    doc('投诉新马小区附近搅拌站夜间施工噪音扰民', day('09-20'), 'ma'),
    doc('新马小区搅拌站噪音扰民，粉尘也大，请环保部门查处', day('10-10'), 'li'),
    doc('新馬小區攪拌站夜間施工噪音擾民😡', day('10-25'), 'li'), // traditional characters and an emoji: the same complaint
    doc('再次反映新马小区附近的搅拌站噪音和粉尘问题', day('11-05'), 'ma'),
    doc('K15路公交车班次太少，早高峰等车要半小时', day('09-03'), 'li'),
    doc('建议K15路公交车增加早晚高峰班次', day('10-01'), 'li'),
    doc('K15路公交早高峰班次少，等车时间太长', day('11-10'), 'ma'),
    doc('栗雨公园南门路灯不亮', day('09-15'), 'li'),
    doc('企业拖欠工资两个月，多次讨要无果', day('10-05'), 'ma'),
    doc('社区卫生站降压药经常缺货', day('10-15'), 'li'),
    doc('咨询灵活就业人员养老保险怎么缴', day('11-01'), 'ma'),
  ];
}

test('terms: the fast keys are those of the tokens (normalise.ts), bigrams within a run, one-token runs alone', () => {
  const buf = new Uint32Array(CLUSTER_TEXT_CHARS + 1);
  const text = normalise('路灯坏了3天，LED灯！A3区');
  const got = [...buf.subarray(0, termKeys(text, buf))];
  const h = tokenHash;
  // runs: 路灯坏了3天 | led灯 | a3区 → tokens 路 灯 坏 了 3 天 / led 灯 / a3 区
  const want = [
    termKey(h('路'), h('灯')), termKey(h('灯'), h('坏')), termKey(h('坏'), h('了')), termKey(h('了'), h('3')), termKey(h('3'), h('天')),
    termKey(h('led'), h('灯')), termKey(h('a3'), h('区')),
  ];
  assert.deepEqual(got, want);
  assert.equal(termKeys(normalise('路'), buf), 1, 'a run of one token is a term');
  assert.equal(buf[0], termKey(h('路')));
  assert.equal(termKeys('', buf), 0);
  assert.ok(termKeys('字'.repeat(5000), buf) <= CLUSTER_TEXT_CHARS, 'a long text is cut');
  assert.equal(clusterText('標題', ' 內容 '), '标题\n标题 内容', 'the title first (its line), again, then the text; normalised');
  assert.equal(clusterText('', '內容'), '内容');
});

test('clusters: each matter told in different words (traditional, emoji) forms one cluster across stations; unrelated cases stay out', async () => {
  const clusters = await clusterDocuments(fixture(), { windowStart: day('08-23'), windowEnd: day('11-20') });
  assert.equal(clusters.length, 2, JSON.stringify(clusters.map((c) => [c.label, c.members.map((m) => m.id)])));
  const [noise, bus] = clusters;
  assert.deepEqual(noise!.members.map((m) => m.id).sort(), ['c001', 'c002', 'c003', 'c004', 'c005']);
  assert.deepEqual(bus!.members.map((m) => m.id).sort(), ['c006', 'c007', 'c008']);
  assert.match(noise!.label, /搅拌站|新马小区/);
  assert.match(bus!.label, /k15路|班次/);
  assert.ok(noise!.terms.length >= 1 && noise!.terms.length <= 3);
  assert.deepEqual(noise!.stations, [{ id: 'ma', count: 3 }, { id: 'li', count: 2 }]);
  assert.deepEqual(noise!.regions, [{ code: '430211004', count: 3 }, { code: '430211005', count: 2 }]);
  assert.equal(noise!.size, 5);
  assert.equal(noise!.firstAt, day('09-01'));
  assert.equal(noise!.lastAt, day('11-05'));
  assert.equal(noise!.firstId, 'c001');
  assert.equal(noise!.likes, null, 'no channel with likes: null, not 0');
  assert.ok(noise!.members.every((m, i, a) => m.similarity > 0 && m.similarity <= 1 && (i === 0 || a[i - 1]!.similarity >= m.similarity)), 'closest first');
  assert.equal(noise!.representativeId, noise!.members[0]!.id);
  // 13 weeks over 90 days, the last ending 11-20; every case counted once
  assert.equal(noise!.trend.weeks.length, 13);
  assert.equal(noise!.trend.weeks.reduce((a, w) => a + w.count, 0), 5);
  assert.equal(noise!.trend.weeks[0]!.start, '2026-08-23');
  assert.equal(noise!.trend.weeks[12]!.start, '2026-11-14');
});

test('clusters: deterministic whatever the input order; fewer than minSize cases is no cluster; likes summed where the channel has them', async () => {
  const docs = fixture();
  const a = await clusterDocuments(docs);
  const shuffled = [...docs].sort((x, y) => (x.text.length * 7919) % 13 - (y.text.length * 7919) % 13 || (x.id < y.id ? 1 : -1));
  assert.deepEqual(await clusterDocuments(shuffled), a);
  assert.deepEqual((await clusterDocuments(docs, { minSize: 4 })).map((c) => c.size), [5]);
  assert.equal((await clusterDocuments(docs, { minSize: 6 })).length, 0);
  const liked = docs.map((d, i) => ({ ...d, likes: i < 3 ? 10 * (i + 1) : undefined }));
  assert.equal((await clusterDocuments(liked))[0]!.likes, 60);
  assert.deepEqual(await clusterDocuments([]), []);
  assert.deepEqual(await clusterDocuments([doc('', day('09-01'), 'ma'), doc('🙂🙂', day('09-02'), 'ma'), doc('   ', day('09-03'), 'ma')]), [], 'empty texts: no cluster, no crash');
});

test('clusters: a loose pair does not chain two matters into one (centroid gate)', async () => {
  n = 0;
  const docs = [
    doc('搅拌站夜间施工噪音扰民', day('09-01'), 'ma'),
    doc('搅拌站夜间施工噪音扰民严重', day('09-02'), 'ma'),
    doc('投诉搅拌站夜间施工噪音扰民', day('09-03'), 'ma'),
    // a bridge: half about the noise, half about the parking
    doc('搅拌站夜间施工噪音扰民，停车位不够车辆乱停', day('09-04'), 'ma'),
    doc('停车位不够车辆乱停', day('09-05'), 'ma'),
    doc('停车位不够，晚上车辆乱停', day('09-06'), 'ma'),
    doc('反映停车位不够车辆乱停', day('09-07'), 'ma'),
    doc('企业拖欠工资两个月', day('09-08'), 'ma'),
    doc('社区卫生站降压药经常缺货', day('09-09'), 'ma'),
  ];
  const chained = await clusterDocuments(docs, { gate: 0 });
  assert.equal(chained.length, 1, 'without the gate the bridge joins everything');
  const gated = await clusterDocuments(docs);
  assert.equal(gated.length, 2, JSON.stringify(gated.map((c) => c.members.map((m) => m.id))));
  for (const c of gated) assert.ok(c.size <= 4);
});

test('corpus: documents added in two passes as the job streams them give the same clusters as in memory', async () => {
  const docs = fixture();
  const prepared = docs.map(prepare);
  const corpus = new HotCorpus();
  for (const d of prepared) corpus.count(d.normalised);
  for (const d of [...prepared].reverse()) corpus.add(d);
  const texts = new Map(prepared.map((d) => [d.id, d.normalised]));
  let asked: string[] = [];
  const streamed = await corpus.clusters(async (ids) => {
    asked = ids;
    return new Map(ids.map((id) => [id, texts.get(id)!]));
  });
  assert.deepEqual(streamed, await clusterDocuments(docs));
  assert.equal(new Set(asked).size, 8, 'texts asked once, for the members of kept clusters only');
  assert.equal(corpus.size, docs.length);
  assert.equal(corpus.documentFrequency('搅', '拌'), 5);
});

test('trend: weeks counted back from the window end, rising or falling against the first half', () => {
  const d0 = 20_000;
  const rising = trendOf([d0 + 60, d0 + 70, d0 + 84, d0 + 88, d0 + 5], d0, d0 + 89);
  assert.equal(rising.weeks.length, 13);
  assert.deepEqual([rising.recent, rising.previous, rising.direction], [4, 1, 'rising']);
  assert.equal(rising.weeks[12]!.count, 2, 'the last week: days 83–89');
  assert.equal(rising.weeks[0]!.count, 1, 'the first (short) week holds day 5');
  assert.equal(trendOf([d0 + 1, d0 + 2, d0 + 3, d0 + 80], d0, d0 + 89).direction, 'falling');
  assert.equal(trendOf([d0 + 1, d0 + 80], d0, d0 + 89).direction, 'steady');
  assert.equal(trendOf([d0 + 1, d0 + 2, d0 + 80, d0 + 81], d0, d0 + 89).direction, 'steady');
});

test('label: the phrase the members share and the corpus rarely uses; a fragment gives way to the whole phrase', () => {
  const texts = ['丽发新城小区附近搅拌站噪音', '投诉丽发新城搅拌站粉尘', '丽发新城旁边的搅拌站扰民', '丽发新城小区搅拌站问题'].map((t) => normalise(t));
  // A corpus where 小区 and 问题 are common and 丽发新城 and 搅拌站 rare.
  const df = (a: string, b: string) => (['小区', '问题', '附近', '投诉', '旁边'].includes(a + b) ? 400 : 3);
  const l = clusterLabel(texts, df, 1000);
  assert.ok(l.terms.includes('丽发新城'), l.text);
  assert.ok(l.terms.some((t) => t.startsWith('搅拌')), l.text);
  assert.ok(!l.terms.includes('丽发') && !l.terms.includes('发新'), 'no fragment of 丽发新城');
  assert.ok(!l.terms.includes('小区'), 'a common word is no label');
  assert.equal(l.text, l.terms.join('、'));
  assert.deepEqual(clusterLabel([], df, 1000), { text: '', terms: [] });
  // A title's phrase names it, not a longer phrase of the bodies, nor the bodies' shared sentences.
  const titled = ['湘芸路口', '嵩山路社区', '科技城人才公寓'].map((p) => clusterText(`${p}垃圾桶破损缺盖`, `${p}的几个分类垃圾桶破损缺盖，天热后异味大、招蚊蝇，希望更换。`));
  assert.deepEqual(clusterLabel(titled, () => 5, 1000), { text: '垃圾桶破损缺盖', terms: ['垃圾桶破损缺盖'] });
  // Members alike in meaning but sharing no phrase: the closest member's title names the cluster.
  assert.deepEqual(clusterLabel(['路灯不亮\n路灯不亮 晚上黑', '照明坏了\n照明坏了', '灯坏\n灯坏'], df, 1000), { text: '路灯不亮', terms: ['路灯不亮'] });
});
