import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { agencies, loginFailures, officers, sessions, users } from '../../db/schema.js';
import { shanghaiDate } from '../../lib/diff.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { officerEnforcementBlock, type Principal } from './principal.js';

const WINDOW_MS = 15 * 60 * 1000;
/** how far back a successful login makes an address the account's usual one */
const USUAL_ADDRESS_DAYS = 90;
const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Login throttling that slows guessing without letting a stranger lock a user out. Failures are counted over 15 minutes
 * per (account, address) and per address: those limits stop one address guessing and only ever block that address.
 * Failures of an account from all addresses together (a guesser rotating addresses) do not lock it: past
 * loginBackoffAfter, a try from an address the account has not logged in from recently must wait a delay that doubles
 * with each further failure (capped at loginBackoffMaxSeconds), while the user's usual addresses (a successful login in
 * the last 90 days, from the audit trail) are not delayed. Refused tries are not counted, so waiting is all it costs.
 * Counted per name whether or not the account exists, so the answers tell nothing about accounts.
 */
async function throttle(ctx: AppContext, username: string, ip: string): Promise<void> {
  const c = ctx.config;
  const since = new Date(Date.now() - WINDOW_MS);
  const [n] = await ctx.database.rows<{ pair: number; addr: number; account: number; last: Date | string | null }>(sql`
    select count(*) filter (where username = ${username} and ip = ${ip})::int as pair,
           count(*) filter (where ip = ${ip})::int as addr,
           count(*) filter (where username = ${username})::int as account,
           max(at) filter (where username = ${username}) as last
      from login_failures
     where (username = ${username} or ip = ${ip}) and at > ${since.toISOString()}`);
  if (!n) return;
  if (n.pair >= c.loginMaxFailuresPerAccountAddress || n.addr >= c.loginMaxFailuresPerIp) {
    throw new AppError('RATE_LIMITED', '登录失败次数过多，请15分钟后再试');
  }
  if (n.account < c.loginBackoffAfter || !n.last) return;
  const delayMs = Math.min(c.loginBackoffMaxSeconds, 2 ** (n.account - c.loginBackoffAfter)) * 1000;
  const waitMs = new Date(n.last).getTime() + delayMs - Date.now();
  if (waitMs <= 0) return;
  const usual = await ctx.database.rows(sql`
    select 1 from audit_log a join users u on a.entity_id = u.id::text
     where u.username = ${username} and a.entity_type = 'user' and a.action = 'login' and a.after->>'ip' = ${ip}
       and a.at > ${new Date(Date.now() - USUAL_ADDRESS_DAYS * 86_400_000).toISOString()}
     limit 1`);
  if (usual.length === 0) throw new AppError('RATE_LIMITED', `该账户近期登录失败较多，请 ${Math.ceil(waitMs / 1000)} 秒后再试`);
}

export async function login(
  ctx: AppContext,
  input: { username: string; password: string; ip: string },
): Promise<{ token: string; maxAgeSeconds: number; principal: Principal }> {
  const { db } = ctx.database;
  const username = input.username.trim();
  await throttle(ctx, username, input.ip);
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
    // Only this address's failures: a guesser's count elsewhere stands, so a user's login does not reset it.
    await tx.delete(loginFailures).where(and(eq(loginFailures.username, username), eq(loginFailures.ip, input.ip)));
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
  // One statement per request (the session and its user, agency and officer): every API call pays for it
  const [s] = await ctx.database.rows<SessionRow>(
    sql`select s.user_id, (extract(epoch from s.last_seen_at) * 1000)::float8 as last_seen, (extract(epoch from s.expires_at) * 1000)::float8 as expires,
               u.username, u.display_name, u.role, u.agency_id, u.enterprise_id, u.active,
               a.name as agency_name, a.level as agency_level, a.region_code as agency_region_code,
               o.id as officer_id, to_char(o.left_on, 'YYYY-MM-DD') as left_on, to_char(o.credential_revoked_on, 'YYYY-MM-DD') as credential_revoked_on,
               to_char(o.credential_valid_from, 'YYYY-MM-DD') as credential_valid_from, to_char(o.credential_valid_to, 'YYYY-MM-DD') as credential_valid_to
          from sessions s join users u on u.id = s.user_id left join agencies a on a.id = u.agency_id left join officers o on o.user_id = u.id
         where s.id = ${id}
         limit 1`,
  );
  if (!s) return null;
  const { db } = ctx.database;
  const now = Date.now();
  const lastSeen = Number(s.last_seen);
  if (Number(s.expires) <= now || now - lastSeen > ctx.config.sessionIdleMinutes * 60_000) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once a minute: a write per request would cost more than the idle check is worth.
  if (now - lastSeen > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  if (!s.active) return null;
  const officer =
    s.officer_id != null
      ? { id: Number(s.officer_id), leftOn: s.left_on, credentialRevokedOn: s.credential_revoked_on, credentialValidFrom: s.credential_valid_from!, credentialValidTo: s.credential_valid_to! }
      : null;
  return {
    userId: Number(s.user_id),
    username: s.username,
    displayName: s.display_name,
    role: s.role as Role,
    agencyId: s.agency_id == null ? null : Number(s.agency_id),
    agencyName: s.agency_name,
    agencyLevel: s.agency_level,
    agencyRegionCode: s.agency_region_code,
    enterpriseId: s.enterprise_id == null ? null : Number(s.enterprise_id),
    officerId: officer?.id ?? null,
    enforcementBlocked: officer ? officerEnforcementBlock(officer, shanghaiDate()) : null,
    sessionId: id,
  };
}

interface SessionRow {
  user_id: number;
  last_seen: number;
  expires: number;
  username: string;
  display_name: string;
  role: string;
  agency_id: number | null;
  enterprise_id: number | null;
  active: boolean;
  agency_name: string | null;
  agency_level: string | null;
  agency_region_code: string | null;
  officer_id: number | null;
  left_on: string | null;
  credential_revoked_on: string | null;
  credential_valid_from: string | null;
  credential_valid_to: string | null;
}

async function principalFor(ctx: AppContext, userId: number, sessionId: string): Promise<Principal | null> {
  const [row] = await ctx.database.db
    .select({
      user: users,
      agencyName: agencies.name,
      agencyLevel: agencies.level,
      agencyRegionCode: agencies.regionCode,
      officer: {
        id: officers.id,
        leftOn: officers.leftOn,
        credentialRevokedOn: officers.credentialRevokedOn,
        credentialValidFrom: officers.credentialValidFrom,
        credentialValidTo: officers.credentialValidTo,
      },
    })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .leftJoin(officers, eq(officers.userId, users.id))
    .where(eq(users.id, userId));
  if (!row || !row.user.active) return null;
  const officer = row.officer?.id != null ? row.officer : null;
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
    officerId: officer?.id ?? null,
    enforcementBlocked: officer ? officerEnforcementBlock(officer, shanghaiDate()) : null,
    sessionId,
  };
}
