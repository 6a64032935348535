import { todoSchema } from '@anjian/domain/contract/auth';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
import { todoList } from './service.js';

export const todoRoutes = routes(async (r, ctx: AppContext) => {
  r.get('/todo', { schema: { tags: ['todo'], response: { 200: todoSchema } } }, async (req) => todoList(ctx, user(req)));
});
