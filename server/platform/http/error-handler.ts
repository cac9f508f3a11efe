import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, platformErrors } from '../errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: Record<string, unknown> };
}

const contextName: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/** Any error → the AppError it stands for (Open311 answers the same errors in its own format). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const where = contextName[e.validationContext ?? 'body'] ?? 'body';
    const first = e.validation[0];
    const path = first?.instancePath.replace(/^\//, '').replace(/\//g, '.') ?? '';
    const field = path ? `${where}.${path}` : where;
    const keys = first?.params?.keys as string[] | undefined;
    if (first?.keyword === 'unrecognized_keys' && keys?.length) {
      const f = `${field}.${keys[0]}`;
      return platformErrors.VALIDATION_FAILED(`字段 ${f} 不被接受（未知字段）`, { field: f });
    }
    return platformErrors.VALIDATION_FAILED(`字段 ${field}：${first?.message ?? '格式不正确'}`, { field });
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return platformErrors.INVALID_JSON(e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? '请求体为空，但声明为 JSON' : undefined, { field: 'body' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return platformErrors.PAYLOAD_TOO_LARGE();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return platformErrors.UNSUPPORTED_MEDIA_TYPE();
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return platformErrors.VALIDATION_FAILED('请求体长度与 Content-Length 不一致', { field: 'headers.content-length' });
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return platformErrors.VALIDATION_FAILED('请求地址不合法');
  }
  if (e.statusCode === 429) return platformErrors.RATE_LIMITED();
  if (e.statusCode === 413) return platformErrors.PAYLOAD_TOO_LARGE();
  if (e instanceof SyntaxError || (e.statusCode === 400 && /JSON/i.test(e.message))) return platformErrors.INVALID_JSON();
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return platformErrors.VALIDATION_FAILED();
  return platformErrors.INTERNAL();
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appErr = toAppError(err);
  if (appErr.status >= 500) request.log.error({ err }, 'unhandled error');
  else request.log.info({ code: appErr.code, field: appErr.details?.field }, 'request refused');
  const { field, ...rest } = appErr.details ?? {};
  const body: ErrorBody = {
    error: {
      code: appErr.code,
      message: appErr.message,
      ...(field ? { field } : {}),
      ...(Object.keys(rest).length ? { details: rest } : {}),
    },
  };
  if (appErr.code === 'RATE_LIMITED') {
    const retry = (err as { headers?: Record<string, string> }).headers?.['retry-after'];
    if (retry) void reply.header('retry-after', retry);
  }
  return reply.status(appErr.status).type('application/json; charset=utf-8').send(body);
}
