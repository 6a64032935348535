// Accounts: the administrator creates them with a role and an agency (or an enterprise for enterprise users).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { user } from '../../lib/http.js';
import { createUser, listUsers, newUserFields, updateUser, userSchema } from './service.js';

export const userRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['users'];
    r.get(
      '/users',
      {
        schema: {
          tags,
          // agencyId + unlinked: the logins of an agency not yet linked to an officer record (to link one from the officer's page)
          querystring: z.object({ agencyId: z.coerce.number().int().positive().optional(), unlinked: z.enum(['true', 'false']).optional() }),
          response: { 200: z.object({ items: z.array(userSchema) }) },
        },
      },
      async (req) => listUsers(ctx, user(req), req.query),
    );
    r.post(
      '/users',
      {
        schema: {
          tags,
          body: z.object({
            ...newUserFields,
            role: z.enum(roles),
            agencyId: z.number().int().positive().nullish(),
            enterpriseId: z.number().int().positive().nullish(),
          }),
          response: { 201: userSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await createUser(ctx, user(req), req.body)),
    );
    r.patch(
      '/users/:id',
      {
        schema: {
          tags,
          params: z.object({ id: z.coerce.number().int().positive() }),
          body: z
            .object({
              displayName: z.string().trim().min(2).max(50).optional(),
              role: z.enum(roles).optional(),
              active: z.boolean().optional(),
              password: z.string().max(128).optional(),
              agencyId: z.number().int().positive().optional(),
            })
            .strict(),
          response: { 200: userSchema },
        },
      },
      async (req) => updateUser(ctx, user(req), req.params.id, req.body),
    );
  };
