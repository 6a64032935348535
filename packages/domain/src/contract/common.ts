// Shapes every capability's contract uses: ids, dates, pages, the error answer. Messages are what the user reads.
import { z } from 'zod';

/** PostgreSQL integer ids stop here; a larger number is a Chinese 400, not a database error. */
export const INT4 = 2147483647;

/** A positive integer id in a path or query (`/cases/12`), coerced from the string. */
export const idNumber = (message = '编号不正确') => z.coerce.number().int().positive().max(INT4, message);

/** Path `:id`. */
export const idParam = z.object({ id: idNumber() });

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

/** `page`/`pageSize` of a list query (a ledger's filter `.extend(pageQuery(…).shape)`). */
export const pageQuery = (defaultSize = 20, maxSize = 200, maxPage = 10_000) =>
  z.object({
    page: z.coerce.number().int().min(1).max(maxPage).default(1),
    pageSize: z.coerce.number().int().min(1).max(maxSize).default(defaultSize),
  });

/** A page of a list answer (`.extend` it for a ledger's extra fields, e.g. a capped total). */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

/** Every 4xx/5xx answer: a stable code for programs and a Chinese message for people. */
export const apiError = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
export type ApiError = z.infer<typeof apiError>;

/** Answers without a body of interest (`{ ok: true }`). */
export const ok = z.object({ ok: z.literal(true) });
