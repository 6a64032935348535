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

// ---- login accounts (用户管理) ----

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  agencyId: z.number().nullable(),
  agencyName: z.string().nullable(),
  enterpriseId: z.number().nullable(),
  active: z.boolean(),
  /** the officer record this login belongs to (执法人员), if any */
  officerId: z.number().nullable(),
  officerName: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.input<typeof userSchema>;
export const newUserFields = {
  username: z.string({ error: '请填写用户名' }).trim().regex(/^[a-zA-Z0-9._-]{3,32}$/, '用户名应为3至32位字母、数字或 . _ -'),
  password: z.string({ error: '请填写初始密码' }).max(128, '密码不能超过128个字符'),
  displayName: z.string({ error: '请填写姓名' }).trim().min(2, '姓名至少2个字').max(50, '姓名不能超过50个字'),
};
// agencyId + unlinked: the logins of an agency not yet linked to an officer record (to link one from the officer's page)
export const userListQuery = z.object({ agencyId: z.coerce.number().int().positive().optional(), unlinked: z.enum(['true', 'false']).optional() });
export const userList = z.object({ items: z.array(userSchema) });
export const userCreateBody = z.object({
  ...newUserFields,
  role: z.enum(roles, { error: '请选择角色' }),
  agencyId: z.number().int().positive().nullish(),
  enterpriseId: z.number().int().positive().nullish(),
});
export type UserInput = z.input<typeof userCreateBody>;
export const userPatchBody = z
  .object({
    displayName: newUserFields.displayName.optional(),
    role: z.enum(roles).optional(),
    active: z.boolean().optional(),
    password: z.string().max(128, '密码不能超过128个字符').optional(),
    agencyId: z.number().int().positive().optional(),
  })
  .strict();
export type UserPatch = z.input<typeof userPatchBody>;

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
