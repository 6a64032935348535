// A module's routes: a plugin over the app context whose schemas are zod, so requests and answers are typed by them.
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export const routes =
  <C>(register: (r: ZodApp, ctx: C) => void | Promise<void>) =>
  (ctx: C): FastifyPluginAsync =>
  async (app) => {
    await register(app.withTypeProvider<ZodTypeProvider>(), ctx);
  };
