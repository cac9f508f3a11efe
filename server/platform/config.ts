import { z } from 'zod';

/**
 * Every setting the process reads, validated once at start. A wrong value stops the
 * process with a message naming the variable, rather than failing later at random.
 */
const booleanFlag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['1', 'true', 'on', 'yes'].includes(v)));

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('localhost'),
    DATABASE_URL: z
      .string()
      .default('sqlite:./data/lianxin.db')
      .refine((v) => /^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(v), {
        message: '必须以 sqlite: 或 postgres:// 开头 (must start with sqlite: or postgres://)',
      }),
    LIANXIN_DEMO: booleanFlag(true),
    LIANXIN_DEMO_PASSWORD: z.string().min(8, '至少 8 个字符 (at least 8 characters)').optional(),
    LIANXIN_NOW: z
      .string()
      .optional()
      .refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), { message: '不是合法的 ISO 时间 (not an ISO instant)' }),
    LIANXIN_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
    /** PostgreSQL: hot statements prepared once per connection (platform/db/database.ts PREPARED). `off` behind a pooler that cannot keep them (pgbouncer before 1.21 in transaction mode: docs/deploy.md). */
    LIANXIN_PG_PREPARED: z.enum(['on', 'off']).default('on'),
    LIANXIN_DATA_DIR: z.string().default('./data'),
    LIANXIN_DISTRICT: z.string().regex(/^\d{6}$/, '必须是 6 位县级区划代码 (a 6-digit county code)').default('430211'),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(8 * 60),
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(7 * 24),
    /** 32 random bytes, base64: the AES-256-GCM key for personal data (names, phones) and the HMAC key for look-ups. Outside production a key is generated once into the data directory. */
    LIANXIN_PII_KEY: z
      .string()
      .optional()
      .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, { message: '必须是 32 字节的 base64 (must be 32 bytes, base64)' }),
    /** smtp://user:pass@host:587 or smtps://…: the email channel; without it emails go to the console log channel. */
    LIANXIN_SMTP_URL: z
      .string()
      .optional()
      .refine((v) => v === undefined || /^smtps?:\/\//.test(v), { message: '必须以 smtp:// 或 smtps:// 开头 (must start with smtp:// or smtps://)' }),
    /** The address people reach the public pages at, for links in SMS and email (https://lianxin.example.gov.cn). */
    LIANXIN_PUBLIC_URL: z
      .string()
      .optional()
      .refine((v) => v === undefined || /^https?:\/\/[^/]+/.test(v), { message: '必须是 http(s) 地址 (must be an http(s) URL)' }),
    LIANXIN_MAIL_FROM: z.string().default('连心桥 <noreply@lianxin.local>'),
    /** An SMS gateway that takes JSON POSTs { to, text }; without it SMS go to the console log channel. */
    LIANXIN_SMS_WEBHOOK: z
      .string()
      .optional()
      .refine((v) => v === undefined || /^https?:\/\//.test(v), { message: '必须是 http(s) 地址 (must be an http(s) URL)' }),
    /** Largest photo or attachment accepted, in megabytes. */
    LIANXIN_MAX_UPLOAD_MB: z.coerce.number().min(0.1).max(100).default(10),
    /** Background jobs (SLA sweep, message dispatch): off in tests, which run them by hand. */
    LIANXIN_JOBS: booleanFlag(true),
    /** A bearer token for GET /metrics (Prometheus); without one only direct local connections may read it. */
    LIANXIN_METRICS_TOKEN: z.string().min(16, '至少 16 个字符 (at least 16 characters)').optional(),
    /** Behind a reverse proxy: the proxies' addresses or CIDRs, comma-separated (`127.0.0.1,10.0.0.0/8`). Their X-Forwarded-For gives the client's address (rate limits, session records); unset, the header is ignored. */
    LIANXIN_TRUST_PROXY: z
      .string()
      .optional()
      .refine((v) => v === undefined || v.split(',').every((a) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a.trim())), { message: '必须是逗号分隔的 IP 地址或网段 (comma-separated IP addresses or CIDRs)' }),
    /** 1: a well-formed `X-Request-ID` from the reverse proxy becomes the request's id (logs, response header); 0: the app makes every id. */
    LIANXIN_TRUST_REQUEST_ID: booleanFlag(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Where photos and attachments are kept: `local` (LIANXIN_DATA_DIR/files) or `s3` (S3-compatible object storage, the LIANXIN_S3_* settings; docs/deploy.md). */
    LIANXIN_FILES: z.enum(['local', 's3']).default('local'),
    /** The object storage's address: https://oss-cn-beijing.aliyuncs.com, http://minio.internal:9000. */
    LIANXIN_S3_ENDPOINT: z
      .string()
      .optional()
      .refine((v) => v === undefined || /^https?:\/\/[^/]+\/?$/.test(v), { message: '必须是 http(s) 地址，不含路径 (an http(s) URL without a path)' }),
    LIANXIN_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, '不是合法的存储桶名 (not a valid bucket name)').optional(),
    /** The signing region: the bucket's (cn-beijing, ap-guangzhou…), or us-east-1 for MinIO. */
    LIANXIN_S3_REGION: z.string().min(1).default('us-east-1'),
    LIANXIN_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    LIANXIN_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** A folder in the bucket for Lianxin's files, ending in '/' (lianxin/); empty: the bucket's root. */
    LIANXIN_S3_PREFIX: z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, '由字母、数字和 ._- 组成的路径，以 / 结尾 (segments of letters, digits, ._- each ending in /)').default(''),
    /** 1: https://endpoint/bucket/key (MinIO, most self-hosted services); 0: https://bucket.endpoint/key (AWS, OSS, COS). */
    LIANXIN_S3_PATH_STYLE: booleanFlag(false),
  })
  .superRefine((c, ctx) => {
    if (c.LIANXIN_RATE_LIMITS === 'off' && c.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['LIANXIN_RATE_LIMITS'],
        message: '生产环境 (NODE_ENV=production) 不允许关闭限流 (rate limits cannot be switched off in production)',
      });
    }
    if (c.LIANXIN_FILES === 's3') {
      for (const key of ['LIANXIN_S3_ENDPOINT', 'LIANXIN_S3_BUCKET', 'LIANXIN_S3_ACCESS_KEY_ID', 'LIANXIN_S3_SECRET_ACCESS_KEY'] as const) {
        if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'LIANXIN_FILES=s3 时必须设置 (required with LIANXIN_FILES=s3)' });
      }
    }
    if (c.NODE_ENV === 'production' && !c.LIANXIN_PII_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['LIANXIN_PII_KEY'],
        message: '生产环境必须设置个人信息加密密钥 (required in production: 32 random bytes, base64; keep it outside the database)',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Where the public pages live, for links in messages, feeds and QR codes (no trailing slash). */
export const publicBaseUrl = (config: Config): string => (config.LIANXIN_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`配置错误 (invalid configuration):\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** A fixed key for tests only (never a real deployment's). */
export const TEST_PII_KEY = Buffer.alloc(32, 7).toString('base64');

/** A config for tests and tools: defaults plus overrides, no environment. */
export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LIANXIN_DEMO: '0', LOG_LEVEL: 'silent', LIANXIN_JOBS: '0', LIANXIN_PII_KEY: TEST_PII_KEY, ...overrides });
}
