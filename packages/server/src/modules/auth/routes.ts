import type { z } from 'zod';
import { loginAnswer, loginBody, logoutAnswer, meSchema } from '@anjian/domain/contract/auth';
import { noBody } from '@anjian/domain/contract/wire';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
import { regionFullName } from '@anjian/domain';
import { login, logout } from './service.js';
import type { Principal } from './principal.js';

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

export const authRoutes = routes(async (r, ctx: AppContext) => {
  r.post(
    '/auth/login',
    { config: { public: true }, schema: { tags: ['auth'], body: loginBody, response: { 200: loginAnswer } } },
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
  r.post('/auth/logout', { config: { public: true }, schema: { tags: ['auth'], body: noBody, response: { 200: logoutAnswer } } }, async (req, reply) => {
    if (req.principal) await logout(ctx, req.principal);
    reply.clearCookie('sid', { path: '/' });
    return { ok: true };
  });
  r.get('/me', { schema: { tags: ['auth'], response: { 200: meSchema } } }, async (req) => toMe(user(req)));
});
