import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todoSchema } from '@anjian/domain/contract/auth';
import type { AppContext } from '../../context.js';
import { user } from '../../lib/http.js';
import { todoList } from './service.js';

export const todoRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/todo', { schema: { tags: ['todo'], response: { 200: todoSchema } } }, async (req) => todoList(ctx, user(req)));
  };
