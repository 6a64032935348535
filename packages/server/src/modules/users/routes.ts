// Accounts: the administrator creates them with a role and an agency (or an enterprise for enterprise users).
import type { FastifyPluginAsync } from 'fastify';
import { userCreateBody, userList, userListQuery, userPatchBody, userSchema } from '@anjian/domain/contract/auth';
import { idParam } from '@anjian/domain/contract/common';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { user } from '../../lib/http.js';
import { createUser, listUsers, updateUser } from './service.js';

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
          querystring: userListQuery,
          response: { 200: userList },
        },
      },
      async (req) => listUsers(ctx, user(req), req.query),
    );
    r.post(
      '/users',
      {
        schema: {
          tags,
          body: userCreateBody,
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
          params: idParam,
          body: userPatchBody,
          response: { 200: userSchema },
        },
      },
      async (req) => updateUser(ctx, user(req), req.params.id, req.body),
    );
  };
