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
    LIANXIN_DATA_DIR: z.string().default('./data'),
    LIANXIN_DISTRICT: z.string().regex(/^\d{6}$/, '必须是 6 位县级区划代码 (a 6-digit county code)').default('430211'),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(8 * 60),
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(7 * 24),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((c, ctx) => {
    if (c.LIANXIN_RATE_LIMITS === 'off' && c.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['LIANXIN_RATE_LIMITS'],
        message: '生产环境 (NODE_ENV=production) 不允许关闭限流 (rate limits cannot be switched off in production)',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

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

/** A config for tests and tools: defaults plus overrides, no environment. */
export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LIANXIN_DEMO: '0', LOG_LEVEL: 'silent', ...overrides });
}
