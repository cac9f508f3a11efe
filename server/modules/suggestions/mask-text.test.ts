import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskPersonalText } from './mask-text.ts';

test('constituents’ names become 某某, longest first', () => {
  assert.equal(maskPersonalText('刘桂兰和李秀英反映，刘桂兰家门口路灯不亮', ['刘桂兰', '李秀英']), '某某和某某反映，某某家门口路灯不亮');
  assert.equal(maskPersonalText('王海燕说', ['王海', '王海燕']), '某某说');
  assert.equal(maskPersonalText('罗大伯', ['罗', '']), '罗大伯', 'one-character names are not masked (they would hit every word)');
});

test('mobile and ID card numbers are masked, other numbers kept', () => {
  assert.equal(maskPersonalText('电话13907331111，身份证430211198001011234'), '电话139****1111，身份证4302************34');
  assert.equal(maskPersonalText('身份证43021119800101123X。'), '身份证4302************3X。');
  assert.equal(maskPersonalText('共 300 米，投资 1200 万元，编号 2026001'), '共 300 米，投资 1200 万元，编号 2026001');
  assert.equal(maskPersonalText('固话0731-22832001'), '固话0731-22832001');
  assert.equal(maskPersonalText('123456789012'), '123456789012', 'twelve digits are not a mobile number');
});
