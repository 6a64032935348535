import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { user } from '../../lib/http.js';
import { regionFullName } from '@anjian/domain';
import { login, logout } from './service.js';
import type { Principal } from './principal.js';

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  agency: z.object({ id: z.number(), name: z.string(), level: z.string(), regionCode: z.string(), regionName: z.string() }).nullable(),
  enterpriseId: z.number().nullable(),
  /** the officer record linked to this login (执法人员) */
  officerId: z.number().nullable(),
  /** why the login may take no enforcement act now (officer left, credential revoked or expired), or null */
  enforcementBlocked: z.string().nullable(),
});

export function toMe(p: Principal): z.infer<typeof meSchema> {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    role: p.role,
    agency:
      p.agencyId != null
        ? { id: p.agencyId, name: p.agencyName!, level: p.agencyLevel!, regionCode: p.agencyRegionCode!, regionName: regionFullName(p.agencyRegionCode!) }
        : null,
    enterpriseId: p.enterpriseId,
    officerId: p.officerId,
    enforcementBlocked: p.enforcementBlocked,
  };
}

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/auth/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          body: z.object({ username: z.string().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(256) }),
          response: { 200: z.object({ user: meSchema }) },
        },
      },
      async (req, reply) => {
        const { token, maxAgeSeconds, principal } = await login(ctx, { ...req.body, ip: req.ip });
        reply.setCookie('sid', token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.cookieSecure || req.protocol === 'https',
          path: '/',
          maxAge: maxAgeSeconds,
        });
        return { user: toMe(principal) };
      },
    );
    r.post('/auth/logout', { config: { public: true }, schema: { tags: ['auth'], response: { 200: z.object({ ok: z.boolean() }) } } }, async (req, reply) => {
      if (req.principal) await logout(ctx, req.principal);
      reply.clearCookie('sid', { path: '/' });
      return { ok: true };
    });
    r.get('/me', { schema: { tags: ['auth'], response: { 200: meSchema } } }, async (req) => toMe(user(req)));
  };
