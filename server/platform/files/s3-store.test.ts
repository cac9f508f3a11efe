/**
 * The S3 file store against s3rver (an S3 API server on the local disk, from the npm registry:
 * the tests cannot reach MinIO or a cloud), and against a plain HTTP server for the retries.
 * Then the app on SQLite or PostgreSQL with LIANXIN_FILES=s3: a case's photos go to the bucket.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import aws4 from 'aws4';
import S3rver from 's3rver';
import { createBackup } from '../backup/backup.ts';
import { ConfigError, loadConfig, testConfig } from '../config.ts';
import { createTestApp } from '../../testing/harness.ts';
import { multipart } from '../../testing/multipart.ts';
import { jpegWithGps } from './test-images.ts';
import { S3StoreError, s3Config, s3FileStore, type S3StoreConfig } from './s3-store.ts';

const BUCKET = 'lianxin-files';
const KEY_ID = 'S3RVER';
const SECRET = 'S3RVER';

/** Every object under `dir` (s3rver keeps `<bucket>/<key>._S3rver_object`). */
function objectsIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else if (e.name.endsWith('._S3rver_object')) out.push(`${rel}${e.name.slice(0, -'._S3rver_object'.length)}`);
    }
  };
  walk(join(dir, BUCKET), '');
  return out.sort();
}

describe('S3 file store', () => {
  let s3: S3rver;
  let dir: string;
  let endpoint: string;
  const config = (over: Partial<S3StoreConfig> = {}): S3StoreConfig => ({ endpoint, bucket: BUCKET, region: 'us-east-1', accessKeyId: KEY_ID, secretAccessKey: SECRET, pathStyle: true, ...over });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lianxin-s3rver-'));
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = (await s3.run()) as unknown as AddressInfo;
    endpoint = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('put, get, put again, remove: content-addressed, idempotent, under the prefix', async () => {
    const store = s3FileStore(config({ prefix: 'tianyuan/' }));
    const bytes = randomBytes(70_000);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const stored = await store.put(bytes);
    assert.deepEqual(stored, { key: `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`, sha256: sha, size: 70_000 });
    assert.ok(objectsIn(dir).includes(`tianyuan/${stored.key}`), objectsIn(dir).join(', '));
    assert.deepEqual(await store.get(stored.key), bytes);
    assert.deepEqual(await store.put(bytes), stored, 'the same bytes again: the same key, no error');
    // Another prefix is another folder: the key is not there.
    assert.equal(await s3FileStore(config({ prefix: 'other/' })).get(stored.key), null);
    await store.remove(stored.key);
    assert.equal(await store.get(stored.key), null);
    await store.remove(stored.key); // idempotent
    const empty = await store.put(new Uint8Array(0));
    assert.deepEqual(await store.get(empty.key), Buffer.alloc(0));
  });

  test('a damaged object is an error, never served; keys that are not content addresses are refused', async () => {
    const store = s3FileStore(config());
    const { key } = await store.put(Buffer.from('原始照片的字节'));
    // Someone overwrites the object with other bytes, behind the app's back.
    const other = Buffer.from('被篡改的字节');
    const signed = aws4.sign({ host: new URL(endpoint).host, path: `/${BUCKET}/${key}`, method: 'PUT', service: 's3', region: 'us-east-1', body: other }, { accessKeyId: KEY_ID, secretAccessKey: SECRET });
    const res = await fetch(`${endpoint}/${BUCKET}/${key}`, { method: 'PUT', headers: signed.headers as Record<string, string>, body: other });
    assert.equal(res.status, 200);
    await assert.rejects(store.get(key), /damaged/);
    for (const bad of ['../etc/passwd', 'ab/cd/../../x', `AB/CD/${'a'.repeat(64)}`]) await assert.rejects(store.get(bad), /invalid file key/);
  });

  // s3rver checks the access key but not a V4 signature's value; the signature is aws4's (tested
  // against AWS's suite there), and the requests it signs are what s3rver accepts here.
  test('an unknown access key or a missing bucket: a clear error naming the operation and the S3 code', async () => {
    await assert.rejects(s3FileStore(config({ accessKeyId: 'NOT-A-KEY' })).put(Buffer.from('x')), (e: unknown) => {
      assert.ok(e instanceof S3StoreError, String(e));
      assert.equal(e.status, 403);
      assert.match(e.message, /PutObject .* 403 InvalidAccessKeyId/);
      return true;
    });
    await assert.rejects(s3FileStore(config({ bucket: 'no-such-bucket' })).put(Buffer.from('x')), (e: unknown) => e instanceof S3StoreError && e.status === 404 && e.code === 'NoSuchBucket');
  });

  test('network failures and 5xx are retried (three attempts); a 4xx is not', async () => {
    let requests = 0;
    let failFirst = 2;
    let status = 503;
    const server: Server = createServer((req, res) => {
      requests++;
      req.resume();
      req.on('end', () => {
        if (failFirst > 0) {
          failFirst--;
          res.writeHead(status, { 'content-type': 'application/xml' }).end('<Error><Code>SlowDown</Code></Error>');
        } else res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const store = s3FileStore(config({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    try {
      await store.put(Buffer.from('重试'));
      assert.equal(requests, 3, 'two 503s, then stored');
      requests = 0;
      failFirst = 5;
      await assert.rejects(store.put(Buffer.from('重试')), /PutObject .* 503 SlowDown/);
      assert.equal(requests, 3, 'gives up after three attempts');
      requests = 0;
      failFirst = 5;
      status = 400;
      await assert.rejects(store.put(Buffer.from('重试')), /400/);
      assert.equal(requests, 1, 'a 4xx is not retried');
      // If-None-Match: * — an object already stored under the key answers 412: stored, not an error.
      requests = 0;
      failFirst = 1;
      status = 412;
      assert.equal((await store.put(Buffer.from('已存在'))).size, 9);
      assert.equal(requests, 1);
    } finally {
      await new Promise((r) => server.close(r));
    }
    // Nothing listening: the connection error after three attempts.
    await assert.rejects(s3FileStore(config({ endpoint: 'http://127.0.0.1:9' })).get(`ab/cd/abcd${'0'.repeat(60)}`), /fetch failed/);
  });

  test('configuration: LIANXIN_FILES=s3 needs the endpoint, bucket and keys; each missing one is named', () => {
    assert.throws(() => loadConfig({ LIANXIN_FILES: 's3' }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      for (const k of ['LIANXIN_S3_ENDPOINT', 'LIANXIN_S3_BUCKET', 'LIANXIN_S3_ACCESS_KEY_ID', 'LIANXIN_S3_SECRET_ACCESS_KEY']) assert.match(e.message, new RegExp(k));
      return true;
    });
    assert.throws(() => loadConfig({ LIANXIN_FILES: 's3', LIANXIN_S3_ENDPOINT: 'ftp://x', LIANXIN_S3_BUCKET: 'B!', LIANXIN_S3_ACCESS_KEY_ID: 'a', LIANXIN_S3_SECRET_ACCESS_KEY: 'b' }), /LIANXIN_S3_ENDPOINT[\s\S]*LIANXIN_S3_BUCKET|LIANXIN_S3_BUCKET[\s\S]*LIANXIN_S3_ENDPOINT/);
    const c = testConfig({ LIANXIN_FILES: 's3', LIANXIN_S3_ENDPOINT: 'https://oss-cn-beijing.aliyuncs.com', LIANXIN_S3_BUCKET: 'tianyuan-lianxin', LIANXIN_S3_ACCESS_KEY_ID: 'a', LIANXIN_S3_SECRET_ACCESS_KEY: 'b', LIANXIN_S3_REGION: 'cn-beijing', LIANXIN_S3_PREFIX: 'files/' });
    assert.deepEqual(s3Config(c), { endpoint: 'https://oss-cn-beijing.aliyuncs.com', bucket: 'tianyuan-lianxin', region: 'cn-beijing', accessKeyId: 'a', secretAccessKey: 'b', prefix: 'files/', pathStyle: false });
  });

  test('the app with LIANXIN_FILES=s3: a photo attached to a case is stored in the bucket and served back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-s3-app-'));
    const t = await createTestApp({
      env: {
        LIANXIN_FILES: 's3', LIANXIN_S3_ENDPOINT: endpoint, LIANXIN_S3_BUCKET: BUCKET, LIANXIN_S3_ACCESS_KEY_ID: KEY_ID, LIANXIN_S3_SECRET_ACCESS_KEY: SECRET,
        LIANXIN_S3_PATH_STYLE: '1', LIANXIN_S3_PREFIX: 'app/', LIANXIN_DATA_DIR: dataDir, LIANXIN_RATE_LIMITS: 'off',
      },
    });
    try {
      const staff = await t.login('station');
      const c = await t.deps.db.selectFrom('cases').select('id').where('station_id', '=', staff.user.stationId!).where('status', 'not in', ['closed', 'rejected', 'merged']).limit(1).executeTakeFirstOrThrow();
      const photo = jpegWithGps();
      const up = await t.as(staff, { method: 'POST', url: `/api/v1/cases/${c.id}/attachments`, ...multipart('file', '路灯.jpg', 'image/jpeg', photo) });
      assert.equal(up.statusCode, 201, up.body);
      const row = await t.deps.db.selectFrom('case_attachments').select(['id', 'storage_key', 'size']).where('case_id', '=', c.id).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.ok(objectsIn(dir).includes(`app/${row.storage_key}`), 'the photo is an object in the bucket');
      assert.ok(!existsSync(join(dataDir, 'files')), 'nothing under the data directory');
      const down = await t.as(staff, { method: 'GET', url: `/api/v1/cases/${c.id}/attachments/${row.id}` });
      assert.equal(down.statusCode, 200, down.body.slice(0, 200));
      assert.equal(down.rawPayload.length, Number(row.size));
      assert.deepEqual(down.rawPayload, await t.deps.files.get(row.storage_key), 'served from the bucket');
      // A backup holds the database; the files stay in the bucket, and the manifest says so.
      const backup = await createBackup(t.deps.config, join(dataDir, 'backup.lianxin'));
      assert.deepEqual([backup.manifest.files.store, backup.manifest.files.count], ['s3', 0]);
    } finally {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
