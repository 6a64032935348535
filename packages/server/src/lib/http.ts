// Shared HTTP plumbing: the global error handler and the authentication hook.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
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

// @fastify/multipart's own errors (a limit reached, a malformed field) are the client's too.
const multipartErrors: Record<string, [number, string]> = {
  FST_PARTS_LIMIT: [413, '上传内容的部分过多'],
  FST_FIELDS_LIMIT: [413, '上传内容的字段过多'],
  FST_PROTO_VIOLATION: [400, '上传内容格式不正确'],
  FST_INVALID_JSON_FIELD_ERROR: [400, '上传内容格式不正确'],
  FST_NO_FORM_DATA: [400, '上传内容格式不正确'],
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    // A handler may have set a download's headers before failing: the error goes out as JSON, not as that file.
    reply.removeHeader('content-disposition');
    reply.type('application/json; charset=utf-8');
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
    const known = err.code ? (fastifyClientErrors[err.code] ?? multipartErrors[err.code]) : undefined;
    if (known) return reply.status(known[0]).send({ code: known[0] === 413 ? 'PAYLOAD_TOO_LARGE' : known[0] === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION', message: known[1] });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code = err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : err.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION';
      return reply.status(code === 'VALIDATION' ? 400 : err.statusCode).send({ code, message: '请求不正确' });
    }
    // Unknown errors: full detail in the log, nothing internal to the client.
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ code: 'NOT_FOUND', message: '请求的接口不存在' }));
}

/** See the contract: one definition of a valid calendar date for server and web. */
export { isoDate } from '@anjian/domain/contract/common';

/** Text a client may not send: NUL (PostgreSQL cannot store it) or UTF-16 that is not well-formed (a lone surrogate). */
export function badText(s: string): boolean {
  return s.includes('\u0000') || LONE_SURROGATE.test(s);
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const BAD_TEXT = '内容含有不允许的字符（如空字符或无效的 Unicode 编码），请删除后重试';

function containsBadText(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return badText(v);
  if (depth > 64 || v === null || typeof v !== 'object') return false;
  if (Buffer.isBuffer(v)) return false;
  for (const [k, x] of Object.entries(v)) if (badText(k) || containsBadText(x, depth + 1)) return true;
  return false;
}

/** Refuses text with NUL or lone surrogates (see badText) with a Chinese 400. */
export function assertGoodText(...values: unknown[]): void {
  if (values.some((v) => containsBadText(v))) throw new AppError('VALIDATION', BAD_TEXT);
}

/** Every component of a query string must percent-decode to valid UTF-8 (the parser would keep `%ZZ` or `%C3%28` raw). */
function badQueryString(url: string): boolean {
  const q = url.indexOf('?');
  if (q < 0) return false;
  for (const part of url.slice(q + 1).split(/[&=]/)) {
    if (!part.includes('%')) continue;
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return true;
    }
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Input hygiene in one place, for every route: JSON bodies must be valid UTF-8 (the default parser would turn bad bytes
 * into U+FFFD silently); query strings must percent-decode; and no string in the body, query or path parameters may
 * hold NUL or a lone surrogate. Multipart fields and file names go through the same check in lib/upload.ts.
 */
export function installInputGuard(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(new AppError('VALIDATION', '请求体不是有效的 UTF-8 文本'), undefined);
    }
    parseJson(req, text, done);
  });
  app.addHook('onRequest', async (req) => {
    if (badQueryString(req.url)) throw new AppError('VALIDATION', '请求地址中的参数编码不正确（请对参数进行 URL 编码）');
  });
  app.addHook('preValidation', async (req) => {
    assertGoodText(req.params, req.query, req.body);
  });
}

/** RFC 5987 / 8187 value: percent-encodes everything but attr-char. */
export function rfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A Content-Disposition with an ASCII fallback name and the real (Chinese) one. */
export function contentDisposition(kind: 'inline' | 'attachment', asciiName: string, name: string): string {
  return `${kind}; filename="${asciiName}"; filename*=UTF-8''${rfc5987(name || asciiName)}`;
}
