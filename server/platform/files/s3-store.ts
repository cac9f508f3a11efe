/**
 * Photos and attachments on S3-compatible object storage (MinIO, 阿里云 OSS, 华为云 OBS, 腾讯云 COS
 * and AWS all speak the S3 API): the same `FileStore` as the local one, for several app hosts
 * (docs/deploy.md "Attachments on S3-compatible storage"). Requests are signed with AWS Signature
 * Version 4 (the `aws4` library) and sent with Node's fetch.
 *
 * - `put` → PutObject of the content address (`ab/cd/<sha256>`) with the payload's SHA-256
 *   (`x-amz-content-sha256`, part of the signature: the service refuses a body that does not
 *   match) and `If-None-Match: *` (an object already there is complete: 412 is success). It
 *   resolves after the service's 200, which S3 gives only once the object is stored durably.
 * - `get` → GetObject; 404 → null; the bytes are hashed and compared with the key, as the local
 *   store does, so a damaged object is an error, never served.
 * - `remove` → DeleteObject; a missing object is fine.
 * Every operation is idempotent (content addressing), so network failures, timeouts and 5xx are
 * retried (three attempts in all, 0.2 s and 0.8 s apart); a 4xx is not (a wrong key or bucket).
 * The bucket stays private: the app serves every file after its own permission check.
 */
import { createHash } from 'node:crypto';
import aws4 from 'aws4';
import type { Config } from '../config.ts';
import { fileKey, parseFileKey, type FileStore } from './file-store.ts';

export interface S3StoreConfig {
  /** The service's address: `https://oss-cn-beijing.aliyuncs.com`, `http://minio.internal:9000`. */
  endpoint: string;
  bucket: string;
  /** The signing region (`us-east-1` for MinIO; the bucket's region elsewhere, e.g. `cn-beijing`). */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** A folder inside the bucket for these files (`lianxin/`); '' for the bucket's root. */
  prefix?: string;
  /** `https://endpoint/bucket/key` (MinIO and most self-hosted services) instead of `https://bucket.endpoint/key` (AWS, OSS, COS). */
  pathStyle?: boolean;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

/** The store's settings from the configuration (LIANXIN_FILES=s3: config.ts requires the S3 settings then). */
export function s3Config(c: Config): S3StoreConfig {
  return {
    endpoint: c.LIANXIN_S3_ENDPOINT!, bucket: c.LIANXIN_S3_BUCKET!, region: c.LIANXIN_S3_REGION, accessKeyId: c.LIANXIN_S3_ACCESS_KEY_ID!,
    secretAccessKey: c.LIANXIN_S3_SECRET_ACCESS_KEY!, prefix: c.LIANXIN_S3_PREFIX, pathStyle: c.LIANXIN_S3_PATH_STYLE,
  };
}

export class S3StoreError extends Error {
  readonly status: number;
  readonly code: string | null;
  constructor(operation: string, key: string, status: number, code: string | null, detail = '') {
    super(`S3 ${operation} ${key}: ${status}${code ? ` ${code}` : ''}${detail ? ` — ${detail}` : ''}`);
    this.status = status;
    this.code = code;
  }
}

const RETRY_DELAYS_MS = [200, 800];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

export function s3FileStore(cfg: S3StoreConfig): FileStore {
  const endpoint = new URL(cfg.endpoint);
  const prefix = (cfg.prefix ?? '').replace(/^\/+/, '');
  const host = cfg.pathStyle ? endpoint.host : `${cfg.bucket}.${endpoint.host}`;
  const pathOf = (key: string) => {
    parseFileKey(key); // only content addresses: nothing else reaches the URL
    const object = `${prefix}${key}`.split('/').map(encodeURIComponent).join('/');
    return cfg.pathStyle ? `/${encodeURIComponent(cfg.bucket)}/${object}` : `/${object}`;
  };

  /** One signed request, retried on network errors, timeouts and 5xx. */
  async function send(operation: string, key: string, method: 'PUT' | 'GET' | 'DELETE', body?: Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
    const path = pathOf(key);
    for (let attempt = 0; ; attempt++) {
      let failure: unknown;
      try {
        // aws4 signs the body's SHA-256 (x-amz-content-sha256; that of an empty body without one).
        const signed = aws4.sign({ host, path, method, service: 's3', region: cfg.region, headers, body: body && Buffer.from(body.buffer, body.byteOffset, body.byteLength) }, {
          accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey,
        });
        const res = await fetch(`${endpoint.protocol}//${host}${path}`, {
          method, headers: signed.headers as Record<string, string>, body: body as BodyInit | undefined, signal: AbortSignal.timeout(cfg.timeoutMs ?? 30_000),
        });
        if (res.status < 500) return res;
        failure = new S3StoreError(operation, key, res.status, errorCode(await res.text()));
      } catch (err) {
        failure = err;
      }
      if (attempt >= RETRY_DELAYS_MS.length) throw failure;
      await sleep(RETRY_DELAYS_MS[attempt]!);
    }
  }

  return {
    async put(bytes) {
      const digest = sha256(bytes);
      const key = fileKey(digest.toString('hex'));
      const res = await send('PutObject', key, 'PUT', bytes, {
        'content-type': 'application/octet-stream',
        'x-amz-checksum-sha256': digest.toString('base64'),
        'if-none-match': '*',
      });
      // 412: the object is already there (complete: objects appear whole), with these very bytes (its name is their hash).
      if (!res.ok && res.status !== 412) throw new S3StoreError('PutObject', key, res.status, errorCode(await res.text()));
      await res.body?.cancel();
      return { key, sha256: digest.toString('hex'), size: bytes.byteLength };
    },

    async get(key) {
      const { sha256: expected } = parseFileKey(key);
      const res = await send('GetObject', key, 'GET');
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok) throw new S3StoreError('GetObject', key, res.status, errorCode(await res.text()));
      const bytes = Buffer.from(await res.arrayBuffer());
      if (sha256(bytes).toString('hex') !== expected) throw new Error(`stored file ${key} is damaged: its bytes no longer match their hash`);
      return bytes;
    },

    async remove(key) {
      const res = await send('DeleteObject', key, 'DELETE');
      await res.body?.cancel();
      if (!res.ok && res.status !== 404) throw new S3StoreError('DeleteObject', key, res.status, null);
    },
  };
}

/** The `<Code>` of an S3 error document, if any. */
function errorCode(xml: string): string | null {
  return /<Code>([^<]{1,100})<\/Code>/.exec(xml)?.[1] ?? null;
}
