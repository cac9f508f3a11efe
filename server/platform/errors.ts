/**
 * One error type for the whole app. Every code is declared once with its HTTP status and
 * its zh-CN message (the user-facing text), so a code cannot exist without a mapping.
 * Code is matched by `code`, never by message text.
 */
export interface ErrorSpec {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;
  message: string;
}

export interface ErrorDetails {
  /** The input field at fault, as a dotted path (`body.name`, `rows.3.level`). */
  field?: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetails | undefined;

  constructor(code: string, spec: ErrorSpec, message?: string, details?: ErrorDetails) {
    super(message ?? spec.message);
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.details = details;
  }
}

/**
 * A module declares its codes: `const errors = defineErrors({ STATION_NOT_FOUND: { status: 404, message: '联络站不存在' } })`,
 * then `throw errors.STATION_NOT_FOUND()` or `errors.STATION_NOT_FOUND('更具体的说明', { field: 'body.stationId' })`.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(
  specs: T,
): { [K in keyof T]: (message?: string, details?: ErrorDetails) => AppError } & { specs: T } {
  const out: Record<string, unknown> = { specs };
  for (const [code, spec] of Object.entries(specs)) {
    out[code] = (message?: string, details?: ErrorDetails) => new AppError(code, spec, message, details);
  }
  return out as never;
}

export const platformErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, message: '请求参数不正确' },
  INVALID_JSON: { status: 400, message: '请求体不是合法的 JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 400, message: '不支持的请求内容类型' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  CSRF_INVALID: { status: 403, message: '安全校验失败（CSRF 令牌缺失或不正确），请刷新页面后重试' },
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  CONFLICT: { status: 409, message: '数据已被他人修改，请刷新后重试' },
  INVALID_TRANSITION: { status: 409, message: '当前状态下不能执行此操作' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后再试' },
  UNAVAILABLE: { status: 503, message: '服务暂时不可用' },
});
