// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chineseSortKey } from './sort-key.ts';

const sorted = (names: string[]) => [...names].sort((a, b) => (chineseSortKey(a) < chineseSortKey(b) ? -1 : 1));

test('names sort by pinyin, as Chinese users expect', () => {
  assert.deepEqual(sorted(['天易科技城园区代表联络站', '三门镇人大代表联络站', '嵩山路街道人大代表联络站', '马家河街道代表联系群众工作站', '栗雨街道人大代表联络站', '雷打石镇人大代表联络站', '泰山路街道人大代表联络站', '群丰镇人大代表联络站']), [
    '雷打石镇人大代表联络站', '栗雨街道人大代表联络站', '马家河街道代表联系群众工作站', '群丰镇人大代表联络站', '三门镇人大代表联络站', '嵩山路街道人大代表联络站', '泰山路街道人大代表联络站', '天易科技城园区代表联络站',
  ]);
});

test('a shorter syllable sorts before a longer one, homophones by tone then character', () => {
  assert.deepEqual(sorted(['桑', '三']), ['三', '桑']);
  assert.deepEqual(sorted(['李', '黎']), ['黎', '李']); // lí before lǐ
  assert.deepEqual(sorted(['张伟', '张三', 'Alice', '王五']), ['Alice', '王五', '张三', '张伟']);
});
