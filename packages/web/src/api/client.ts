// The one HTTP client of the web app: same-origin cookies, JSON in/out, errors as ApiError {code, message}.
import type { ApiErrorBody } from './types';

export class ApiError extends Error implements ApiErrorBody {
  readonly code: string;
  readonly status: number;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Message for any thrown value, in Chinese. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof TypeError) return '网络连接失败，请检查网络后重试';
  if (e instanceof Error && e.message) return e.message;
  return '操作失败，请稍后重试';
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {
  if (!location.pathname.startsWith('/login')) location.assign('/login');
};

/** The app installs a router-aware handler; a 401 from any call (except the login itself) sends the user to /login. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(','));
    } else {
      params.set(k, String(v));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

async function readError(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = '';
  try {
    const text = await res.text();
    if (text) {
      try {
        const body = JSON.parse(text) as Partial<ApiErrorBody>;
        if (typeof body.code === 'string') code = body.code;
        if (typeof body.message === 'string') message = body.message;
      } catch {
        // not JSON (e.g. a proxy error page)
      }
    }
  } catch {
    // body unreadable
  }
  if (!message) {
    message =
      res.status === 401
        ? '登录已失效，请重新登录'
        : res.status === 403
          ? '没有权限执行此操作'
          : res.status === 404
            ? '未找到，或不在本机构管辖范围内'
            : res.status === 409
              ? '数据已被他人修改，请刷新后重试'
              : res.status === 429
                ? '操作过于频繁，请稍后再试'
                : res.status >= 500
                  ? '服务器错误，请稍后重试'
                  : '请求失败';
  }
  return new ApiError(res.status, code, message);
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal } = opts;
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`/api${path}${toQueryString(query)}`, {
    method,
    headers,
    body: payload,
    credentials: 'same-origin',
    signal,
  });
  if (!res.ok) {
    const err = await readError(res);
    if (res.status === 401 && path !== '/auth/login') onUnauthorized();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await res.text()) as unknown as T;
  return (await res.json()) as T;
}

/** Downloads a file (e.g. the Excel export) through fetch so errors can be shown as messages. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await fetch(`/api${path}${toQueryString(query)}`, { credentials: 'same-origin' });
  if (!res.ok) {
    const err = await readError(res);
    if (res.status === 401) onUnauthorized();
    throw err;
  }
  const blob = await res.blob();
  let name = fallbackName;
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  if (star?.[1]) name = decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  else if (plain?.[1]) name = plain[1];
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
