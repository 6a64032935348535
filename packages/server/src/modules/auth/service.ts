import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Role } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { agencies, loginFailures, sessions, users } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import type { Principal } from './principal.js';

const WINDOW_MS = 15 * 60 * 1000;
const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

export async function login(
  ctx: AppContext,
  input: { username: string; password: string; ip: string },
): Promise<{ token: string; maxAgeSeconds: number; principal: Principal }> {
  const { db } = ctx.database;
  const username = input.username.trim();
  const since = new Date(Date.now() - WINDOW_MS);
  // Counted per name whether or not the account exists, so the limit tells nothing about accounts.
  const [byUser] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, username), gt(loginFailures.at, since)));
  const [byIp] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginFailures)
    .where(and(eq(loginFailures.ip, input.ip), gt(loginFailures.at, since)));
  if ((byUser?.n ?? 0) >= ctx.config.loginMaxFailuresPerAccount || (byIp?.n ?? 0) >= ctx.config.loginMaxFailuresPerIp) {
    throw new AppError('RATE_LIMITED', '登录失败次数过多，请15分钟后再试');
  }
  const [user] = await db.select().from(users).where(eq(users.username, username));
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) {
    await db.insert(loginFailures).values({ username, ip: input.ip });
    throw new AppError('AUTH_FAILED', '用户名或密码错误');
  }
  const token = randomBytes(32).toString('base64url');
  const maxAgeSeconds = ctx.config.sessionMaxHours * 3600;
  const id = tokenId(token);
  const principal = (await principalFor(ctx, user.id, id))!;
  await db.transaction(async (tx) => {
    await tx.delete(loginFailures).where(eq(loginFailures.username, username));
    await tx.insert(sessions).values({ id, userId: user.id, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000), ip: input.ip });
    await appendAudit(ctx.database, tx, { id: user.id, name: user.displayName }, [
      { action: 'login', entityType: 'user', entityId: user.id, regionCode: principal.agencyRegionCode ?? '', after: { ip: input.ip } },
    ]);
  });
  return { token, maxAgeSeconds, principal };
}

export async function logout(ctx: AppContext, p: Principal): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, p.sessionId));
    await appendAudit(ctx.database, tx, { id: p.userId, name: p.displayName }, [
      { action: 'logout', entityType: 'user', entityId: p.userId, regionCode: p.agencyRegionCode ?? '' },
    ]);
  });
}

/** The principal behind a session cookie, or null if it is unknown, idle too long or past its lifetime. */
export async function resolveSession(ctx: AppContext, token: string | undefined): Promise<Principal | null> {
  if (!token) return null;
  const id = tokenId(token);
  const { db } = ctx.database;
  const [s] = await db.select().from(sessions).where(eq(sessions.id, id));
  if (!s) return null;
  const now = Date.now();
  if (s.expiresAt.getTime() <= now || now - s.lastSeenAt.getTime() > ctx.config.sessionIdleMinutes * 60_000) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once a minute: a write per request would cost more than the idle check is worth.
  if (now - s.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  return principalFor(ctx, s.userId, id);
}

async function principalFor(ctx: AppContext, userId: number, sessionId: string): Promise<Principal | null> {
  const [row] = await ctx.database.db
    .select({
      user: users,
      agencyName: agencies.name,
      agencyLevel: agencies.level,
      agencyRegionCode: agencies.regionCode,
    })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.id, userId));
  if (!row || !row.user.active) return null;
  return {
    userId: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    role: row.user.role as Role,
    agencyId: row.user.agencyId,
    agencyName: row.agencyName,
    agencyLevel: row.agencyLevel,
    agencyRegionCode: row.agencyRegionCode,
    enterpriseId: row.user.enterpriseId,
    sessionId,
  };
}
