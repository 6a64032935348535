import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todoKinds } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { user } from '../../lib/http.js';
import { todoList } from './service.js';

const todoSchema = z.object({
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

export const todoRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/todo', { schema: { tags: ['todo'], response: { 200: todoSchema } } }, async (req) => todoList(ctx, user(req)));
  };
