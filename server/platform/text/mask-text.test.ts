// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressFragments, findPersonalData, maskCaseText, maskPersonalText } from './mask-text.ts';

test('constituents’ names become 某某, longest first', () => {
  assert.equal(maskPersonalText('刘桂兰和李秀英反映，刘桂兰家门口路灯不亮', ['刘桂兰', '李秀英']), '某某和某某反映，某某家门口路灯不亮');
  assert.equal(maskPersonalText('王海燕说', ['王海', '王海燕']), '某某说');
  assert.equal(maskPersonalText('罗大伯', ['罗', '']), '罗大伯', 'one-character names are not masked (they would hit every word)');
});

test('mobile and ID card numbers are hidden whole (not a digit of them in public), other numbers kept', () => {
  assert.equal(maskPersonalText('电话13907331111，身份证430211198001011234'), '电话***，身份证***');
  assert.equal(maskPersonalText('身份证43021119800101123X。'), '身份证***。');
  assert.equal(maskPersonalText('电话139****1111 或 139＊＊＊＊2222'), '电话*** 或 ***', 'half-masked mobiles still show seven digits');
  assert.equal(maskPersonalText('共 300 米，投资 1200 万元，编号 2026001'), '共 300 米，投资 1200 万元，编号 2026001');
  assert.equal(maskPersonalText('固话0731-22832001'), '固话0731-22832001');
  assert.equal(maskPersonalText('123456789012'), '123456789012', 'twelve digits are not a mobile number');
});

test('names are found and masked also when written with spaces between the characters', () => {
  assert.equal(maskPersonalText('反映人：李 秀 英', ['李秀英']), '反映人：某某');
  assert.deepEqual(findPersonalData('反映人：李 秀 英', { names: ['李秀英'] }), { kind: 'name', value: '李秀英' });
  assert.equal(findPersonalData('李女士反映', { names: ['李秀英'] }), null, 'a surname alone is not the name');
});

test('a person’s phone is masked and found in any written form; landlines also without the area code', () => {
  const d = { phones: ['13907331111', '073122832001'] };
  for (const written of ['13907331111', '139 0733 1111', '139-0733-1111', '+86 139 0733 1111', '１３９０７３３１１１１', '一三九〇七三三一一一一']) {
    assert.deepEqual(findPersonalData(`请回电 ${written} 谢谢`, d), { kind: 'phone', value: '13907331111' }, written);
    assert.equal(maskCaseText(`请回电 ${written} 谢谢`, d), `请回电 ${written.startsWith('+86') ? '+86 ' : ''}*** 谢谢`, written);
  }
  assert.deepEqual(findPersonalData('座机 0731-2283 2001', d), { kind: 'phone', value: '073122832001' });
  assert.deepEqual(findPersonalData('座机 2283 2001', d), { kind: 'phone', value: '22832001' });
  assert.equal(maskCaseText('座机 0731-22832001，白天打', d), '座机 ***，白天打');
  assert.equal(maskCaseText('座机 2283-2001', d), '座机 ***');
  assert.equal(findPersonalData('电话 ***', d), null, 'a hidden number is no leak');
  assert.deepEqual(findPersonalData('电话 139****1111', d), { kind: 'number', value: '139****1111' }, 'a half-masked mobile is still seven of its digits');
  assert.equal(findPersonalData('2026-10-14 处理完毕，共 300 米', d), null);
});

test('other people’s mobile and ID card numbers are numbers the public must not see either; landlines (hotlines) may stay', () => {
  assert.deepEqual(findPersonalData('联系经办人 138 1234 5678', {}), { kind: 'number', value: '13812345678' });
  assert.equal(maskCaseText('联系经办人 138 1234 5678', {}), '联系经办人 ***');
  assert.deepEqual(findPersonalData('身份证 430211198001011234', {}), { kind: 'number', value: '430211198001011234' });
  assert.equal(findPersonalData('咨询电话 0731-22832001，或拨打 12345', {}), null);
  assert.equal(findPersonalData('编号 2026001，投资 1200 万元', {}), null);
});

test('addresses: the whole address and its part below the street or town are removed and found', () => {
  assert.deepEqual(addressFragments('马家河街道新马社区东门'), ['马家河街道新马社区东门', '新马社区东门']);
  assert.deepEqual(addressFragments('湖南省株洲市天元区马家河街道新马小区 3 栋'), [
    '湖南省株洲市天元区马家河街道新马小区3栋', '株洲市天元区马家河街道新马小区3栋', '天元区马家河街道新马小区3栋', '马家河街道新马小区3栋', '新马小区3栋',
  ]);
  assert.deepEqual(addressFragments('马家河路菜市场段'), ['马家河路菜市场段'], '菜市场 is no city');
  const d = { addresses: ['马家河街道新马社区东门'] };
  assert.equal(maskCaseText('新马社区东门到公交站的路灯不亮', d), '某处到公交站的路灯不亮');
  assert.deepEqual(findPersonalData('新马社区 东门路灯', d), { kind: 'address', value: '新马社区东门' });
  assert.equal(findPersonalData('新马社区的路灯已修复', d), null, 'the community alone is not the address');
  assert.equal(maskCaseText('我住在马家河街道某小区 7 栋，电梯常停', { addresses: ['马家河街道某小区 7 栋'] }), '我住在某处，电梯常停');
});

test('pre-filled text carries none of the person’s data', () => {
  const d = { names: ['刘桂兰'], phones: ['13807331234'], addresses: ['马家河街道新马社区东门'], codes: ['K7Q2M9X4T8C3W6P1'] };
  const text = '刘桂兰（13807331234，查询码 K7Q2M9X4T8C3W6P1）反映：马家河街道新马社区东门路灯不亮。';
  const masked = maskCaseText(text, d);
  assert.equal(masked, '某某（***，查询码 ）反映：某处路灯不亮。');
  assert.equal(findPersonalData(masked, d), null);
  assert.deepEqual(findPersonalData('查询码 K7Q2-M9X4-T8C3-W6P1', d), { kind: 'code', value: 'K7Q2M9X4T8C3W6P1' });
});
