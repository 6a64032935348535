// People and accounts: an officer's record (执法人员) and the login the officer signs in with. Through the link a login
// handles its own cases and sees its own day, and an officer who left or whose credential was revoked takes no
// enforcement act any more (principal.ts, enforcementBlocked). The work is officerAccountService.ts.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { officerAccountLinkBody, officerAccountUnlinkBody } from '@anjian/domain/contract/auth';
import type { AppContext } from '../../context.js';
import { user } from '../../lib/http.js';
import { officerSchema } from '../registry/officerService.js';
import { createOfficerAccount, linkOfficerAccount, staffRoles, unlinkOfficerAccount } from './officerAccountService.js';
import { newUserFields } from '@anjian/domain/contract/auth';

export const officerAccountRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['officers'];
    const params = z.object({ id: z.coerce.number().int().positive() });
    r.post(
      '/officers/:id/account',
      {
        schema: {
          tags,
          params,
          body: z.object({ ...newUserFields, displayName: newUserFields.displayName.optional(), role: z.enum(staffRoles).default('officer') }).strict(),
          response: { 201: officerSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await createOfficerAccount(ctx, user(req), req.params.id, req.body)),
    );
    r.put('/officers/:id/account', { schema: { tags, params, body: officerAccountLinkBody, response: { 200: officerSchema } } }, async (req) => linkOfficerAccount(ctx, user(req), req.params.id, req.body.userId));
    r.delete('/officers/:id/account', { schema: { tags, params, body: officerAccountUnlinkBody, response: { 200: officerSchema } } }, async (req) => unlinkOfficerAccount(ctx, user(req), req.params.id, req.body.reason));
  };
