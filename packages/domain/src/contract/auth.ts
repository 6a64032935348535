// The auth capability's API shapes: the session (login, logout, me), the officer's login account, the to-do list and
// the server's own job runs. Answers' types are their wire form (`z.input`).
import { z } from 'zod';
import { agencyLevels, roles } from '../registry/enums.js';
import { todoKinds } from '../todo/kinds.js';
import { oneOf } from './wire.js';

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  agency: z.object({ id: z.number(), name: z.string(), level: oneOf(agencyLevels), regionCode: z.string(), regionName: z.string() }).nullable(),
  enterpriseId: z.number().nullable(),
  /** the officer record linked to this login (执法人员) */
  officerId: z.number().nullable(),
  /** why the login may take no enforcement act now (officer left, credential revoked or expired), or null */
  enforcementBlocked: z.string().nullable(),
});

export type Me = z.input<typeof meSchema>;
export type MeAgency = NonNullable<Me['agency']>;
export const loginBody = z.object({ username: z.string().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(256) });
export const loginAnswer = z.object({ user: meSchema });
export const logoutAnswer = z.object({ ok: z.boolean() });

// ---- the officer's login account (执法人员 ↔ 账户) ----

export const officerAccountLinkBody = z.object({ userId: z.number().int().positive() }).strict();
export const officerAccountUnlinkBody = z.object({ reason: z.string().trim().min(2, '请填写解除关联的原因').max(200) }).strict();

// ---- to-do list ----

export const todoSchema = z.object({
  items: z.array(
    z.object({
      kind: z.enum(todoKinds),
      title: z.string(),
      count: z.number(),
      link: z.string(),
      due: z.string().optional(),
      overdue: z.boolean(),
    }),
  ),
});

export type TodoItem = z.input<typeof todoSchema>['items'][number];

// ---- the server's own job runs ----

export const runSchema = z.object({
  id: z.number(),
  job: z.string(),
  jobLabel: z.string(),
  runDate: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  statusLabel: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  summary: z.string().nullable(),
  error: z.string().nullable(),
});

export type JobRun = z.input<typeof runSchema>;
export const jobRunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const jobRuns = z.object({ items: z.array(runSchema) });
