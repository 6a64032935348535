// Error codes in one table: code → HTTP status. `message` is Chinese and tells the user what to fix.
export const errorStatus = {
  VALIDATION: 400,
  INVALID_CREDIT_CODE: 400,
  INVALID_REGION: 400,
  INVALID_AGENCY: 400,
  INVALID_FILE: 400,
  UNAUTHENTICATED: 401,
  AUTH_FAILED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
} as const;
export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或不在您的管辖范围内`);
export const forbidden = (msg = '您没有执行此操作的权限') => new AppError('FORBIDDEN', msg);
