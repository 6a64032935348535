// Shared HTTP plumbing: the global error handler and the authentication hook.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldLabels } from '@anjian/domain';
import { AppError } from './errors.js';
import type { Principal } from '../modules/auth/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** routes reachable without a session (login, health, public pages) */
    public?: boolean;
  }
}

export function user(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.principal;
}

function fieldName(path: readonly PropertyKey[]): string {
  const key = [...path].reverse().find((k) => typeof k === 'string' && !/^\d+$/.test(k)) as string | undefined;
  return key ? (fieldLabels[key] ?? key) : '';
}

// Fastify's own client-error codes, in Chinese.
const fastifyClientErrors: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, '请求体不是合法的 JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, '请求体为空'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, '请求体过大'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, '不支持的请求内容类型'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, '请求长度不正确'],
  FST_REQ_FILE_TOO_LARGE: [413, '上传文件过大'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, '请以 multipart/form-data 上传文件'],
  FST_FILES_LIMIT: [413, '一次只能上传一个文件'],
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const path = (first?.instancePath ?? '').split('/').filter(Boolean);
      const name = fieldName(path);
      const text = first?.message ?? '参数不正确';
      return reply.status(400).send({ code: 'VALIDATION', message: name ? `${name}：${text}` : text });
    }
    const known = err.code ? fastifyClientErrors[err.code] : undefined;
    if (known) return reply.status(known[0]).send({ code: known[0] === 413 ? 'PAYLOAD_TOO_LARGE' : known[0] === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION', message: known[1] });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ code: 'VALIDATION', message: '请求不正确' });
    }
    // Unknown errors: full detail in the log, nothing internal to the client.
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ code: 'NOT_FOUND', message: '请求的接口不存在' }));
}

/**
 * A calendar date `YYYY-MM-DD` that exists: the shape alone lets 2026-13-01 or 2026-02-30 through to PostgreSQL,
 * which would answer with an error instead of the user getting a Chinese 400.
 */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期不存在');
