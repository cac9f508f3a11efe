import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { testConfig, TEST_PII_KEY } from '../config.ts';
import { createPiiCipher, loadOrCreatePiiKey, maskEmail, maskName, maskPhone, normalisePhone, PiiTokenError } from './pii.ts';

const cipher = createPiiCipher(TEST_PII_KEY);
const otherKey = Buffer.alloc(32, 9).toString('base64');

test('encrypt then decrypt gives back the text, Chinese and emoji included', () => {
  for (const plain of ['', '张三丰', '13812345678', '株洲市天元区泰山路街道 88 号 3 栋', '谢谢代表 👍🏻👨‍👩‍👧', 'a'.repeat(10_000)]) {
    const token = cipher.encrypt(plain);
    assert.match(token, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    assert.equal(cipher.decrypt(token), plain);
  }
});

test('each encryption uses a fresh IV', () => {
  const tokens = new Set(Array.from({ length: 50 }, () => cipher.encrypt('13812345678')));
  assert.equal(tokens.size, 50);
  assert.equal(new Set([...tokens].map((t) => t.split('.')[1])).size, 50);
});

test('a tampered, truncated or foreign token throws', () => {
  const token = cipher.encrypt('张三丰');
  const [v, iv, body] = token.split('.') as [string, string, string];
  const flip = (s: string, i: number) => {
    const b = Buffer.from(s, 'base64url');
    b[i]! ^= 1;
    return b.toString('base64url');
  };
  const bad = [
    `${v}.${iv}.${flip(body, 0)}`, // ciphertext
    `${v}.${iv}.${flip(body, Buffer.from(body, 'base64url').length - 1)}`, // tag
    `${v}.${flip(iv, 0)}.${body}`, // IV
    `${v}.${iv}.${body.slice(0, -4)}`, // truncated
    `v2.${iv}.${body}`, // relabelled
    `${v}.${iv}`,
    `${v}.${iv}.${body}!`,
    '',
    'plain text',
  ];
  for (const t of bad) assert.throws(() => cipher.decrypt(t), PiiTokenError, t);
  assert.throws(() => createPiiCipher(otherKey).decrypt(token), PiiTokenError);
});

test('hash is stable, differs by key and by value, and is not the plain text', () => {
  const h = cipher.hash('13812345678');
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(cipher.hash('13812345678'), h);
  assert.equal(createPiiCipher(TEST_PII_KEY).hash('13812345678'), h);
  assert.notEqual(createPiiCipher(otherKey).hash('13812345678'), h);
  assert.notEqual(cipher.hash('13812345679'), h);
  // NFC: a decomposed é finds the composed one.
  assert.equal(cipher.hash('Jose\u0301'), cipher.hash('José'));
});

test('the key must be 32 bytes', () => {
  assert.throws(() => createPiiCipher(Buffer.alloc(16).toString('base64')), /32 bytes/);
  assert.throws(() => createPiiCipher(''), /32 bytes/);
});

test('phone numbers are normalised (mobiles and landlines) or refused', () => {
  const table: [string, string | null][] = [
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'], // full-width
    ['19912345678', '19912345678'],
    ['0731-22832001', '073122832001'],
    ['(0731) 2283 2001', '073122832001'],
    ['010-12345678', '01012345678'],
    ['+86 731 22832001', '073122832001'],
    ['0731-2283200', '07312283200'], // 7-digit local number
    ['12812345678', null], // 1 then 2 is not a mobile prefix
    ['1381234567', null],
    ['138123456789', null],
    ['12345', null], // the government hotline is not a person's phone
    ['+1 415 555 0100', null],
    ['13812345678 转 8', null],
    ['abc', null],
    ['', null],
  ];
  for (const [raw, expected] of table) assert.equal(normalisePhone(raw), expected, raw);
});

test('phones, names and emails are masked', () => {
  const table: [(s: string) => string, string, string][] = [
    [maskPhone, '13812345678', '138****5678'],
    [maskPhone, '+86 138-1234-5678', '138****5678'],
    [maskPhone, '0731-22832001', '0731****2001'],
    [maskPhone, '010-12345678', '010****5678'],
    [maskPhone, '0731-2283200', '0731****200'],
    [maskPhone, '12345', '***45'],
    [maskName, '张三丰', '张*丰'],
    [maskName, '张三', '张*'],
    [maskName, '欧阳娜娜', '欧**娜'],
    [maskName, ' 李 ', '*'],
    [maskName, '', ''],
    [maskName, '阿卜杜拉·买买提', '阿******提'],
    [maskEmail, 'zhangsan@example.com', 'z***@example.com'],
    [maskEmail, 'a@example.com', '***@example.com'],
    [maskEmail, '张三@例子.中国', '张***@例子.中国'],
    [maskEmail, 'not-an-email', 'n**********l'],
  ];
  for (const [fn, raw, expected] of table) assert.equal(fn(raw), expected, `${fn.name}(${raw})`);
});

test('the PII key comes from the config, or from a development key file created once with mode 0600', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-pii-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const warnings: string[] = [];
  const log = { warn: (_obj: object, msg: string) => void warnings.push(msg) };

  assert.equal(loadOrCreatePiiKey(testConfig({ LIANXIN_DATA_DIR: dir }), log), TEST_PII_KEY);
  assert.equal(warnings.length, 0);

  const dev = { NODE_ENV: 'development' as const, LIANXIN_PII_KEY: undefined, LIANXIN_DATA_DIR: join(dir, 'data') };
  const key = loadOrCreatePiiKey(dev, log);
  assert.equal(Buffer.from(key, 'base64').length, 32);
  const file = join(dir, 'data', 'pii-key.txt');
  assert.equal(readFileSync(file, 'utf8').trim(), key);
  if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /development PII key/);

  // The next start reads the same key and says nothing.
  assert.equal(loadOrCreatePiiKey(dev, log), key);
  assert.equal(warnings.length, 1);
  const round = createPiiCipher(key);
  assert.equal(createPiiCipher(loadOrCreatePiiKey(dev, log)).decrypt(round.encrypt('张三')), '张三');

  // A damaged key file is an error, never replaced (that would lose every stored name).
  writeFileSync(file, 'not a key\n');
  assert.throws(() => loadOrCreatePiiKey(dev, log), /restore it from a backup/);
  assert.equal(readFileSync(file, 'utf8'), 'not a key\n');

  assert.throws(() => loadOrCreatePiiKey({ ...dev, NODE_ENV: 'production' }, log), /required in production/);
});
