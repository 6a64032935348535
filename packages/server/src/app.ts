import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import { installErrorHandler, installInputGuard } from './lib/http.js';
import { installOriginCheck, installSecurityHeaders } from './lib/security.js';
import { resolveSession } from './modules/auth/service.js';
import { authRoutes } from './modules/auth/routes.js';
import { enterpriseRoutes } from './modules/registry/enterpriseRoutes.js';
import { importRoutes } from './modules/registry/importRoutes.js';
import { officerRoutes } from './modules/registry/officerRoutes.js';
import { agencyRoutes } from './modules/registry/agencyRoutes.js';
import { userRoutes } from './modules/users/routes.js';
import { officerAccountRoutes } from './modules/users/officerAccount.js';
import { todoRoutes } from './modules/todo/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { openAuditTrail, startAuditSealer } from './modules/audit/chain.js';
import { startJobRecovery } from './modules/jobs/leases.js';
import { running as runningImports } from './modules/registry/importService.js';
import { statsRoutes } from './modules/reporting/overviewRoutes.js';
import { statisticsRoutes } from './modules/reporting/statisticsRoutes.js';
import { planRoutes } from './modules/planning/planRoutes.js';
import { drawRoutes } from './modules/draw/routes.js';
import { unplannedRoutes } from './modules/planning/unplannedRoutes.js';
import { documentRoutes } from './modules/documents/routes.js';
import { inspectionRoutes } from './modules/inspection/routes.js';
import { hazardRoutes } from './modules/hazard/routes.js';
import { penaltyRoutes } from './modules/penalty/routes.js';
import { siteDocumentRoutes } from './modules/sitedocs/routes.js';
import { creditRoutes } from './modules/credit/routes.js';
import { jobRoutes } from './modules/jobs/routes.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { reportRoutes } from './modules/reporting/reportRoutes.js';
import { oversightRoutes } from './modules/oversight/routes.js';
import { followUpRoutes } from './modules/followup/routes.js';
import { oversightAlertRoutes } from './modules/oversight/alertRoutes.js';
import { loadCalendar, startCalendarRefresh } from './modules/calendar/service.js';
import { complaintRoutes } from './modules/complaints/routes.js';
import { portalRoutes } from './modules/disclosure/routes.js';

z.config(z.locales.zhCN());

export const SESSION_COOKIE = 'sid';

/** Trust the nearest n proxies (what Fastify does for a number, which its types do not admit). */
const hops = (n: number) => (_address: string, i: number) => i < n;

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    // Off unless TRUST_PROXY says which proxies to believe: otherwise any client could name its own address in
    // X-Forwarded-For and slip past the per-address login limits.
    trustProxy: typeof ctx.config.trustProxy === 'number' ? hops(ctx.config.trustProxy) : ctx.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // Malformed URLs and headers are the client's fault: answer in the same {code, message} form.
    frameworkErrors: (err, _req, reply) => {
      void (reply as unknown as FastifyReply).status(400).send({ code: 'VALIDATION', message: err.code === 'FST_ERR_BAD_URL' ? '请求地址不正确（请对参数进行 URL 编码）' : '请求不正确' });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await installSecurityHeaders(app, ctx.config);
  installOriginCheck(app, ctx.config);
  installInputGuard(app);
  // Server time of every response, for the browser's devtools and the benchmarks.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
  });
  app.decorateRequest('principal', null);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: { info: { title: '安监执法平台 API', version: '1.0.0' } },
    transform: jsonSchemaTransform,
  });

  await app.register(
    async (api) => {
      api.addHook('onRequest', async (req) => {
        req.principal = await resolveSession(ctx, req.cookies[SESSION_COOKIE]);
        if (!req.principal && !req.routeOptions.config?.public) {
          const { AppError } = await import('./lib/errors.js');
          throw new AppError('UNAUTHENTICATED', '登录已过期或未登录，请重新登录');
        }
      });
      api.get('/health', { config: { public: true }, schema: { response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'postgres']) }) } } }, async () => {
        await ctx.database.rows((await import('drizzle-orm')).sql`select 1`);
        return { status: 'ok' as const, database: ctx.database.kind };
      });
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
      await api.register(authRoutes(ctx));
      await api.register(enterpriseRoutes(ctx));
      await api.register(importRoutes(ctx));
      await api.register(officerRoutes(ctx));
      await api.register(agencyRoutes(ctx));
      await api.register(userRoutes(ctx));
      await api.register(officerAccountRoutes(ctx));
      await api.register(todoRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(statsRoutes(ctx));
      await api.register(planRoutes(ctx));
      await api.register(drawRoutes(ctx));
      await api.register(unplannedRoutes(ctx));
      await api.register(documentRoutes(ctx));
      await api.register(inspectionRoutes(ctx));
      await api.register(hazardRoutes(ctx));
      await api.register(penaltyRoutes(ctx));
      await api.register(siteDocumentRoutes(ctx));
      await api.register(creditRoutes(ctx));
      await api.register(jobRoutes(ctx));
      await api.register(calendarRoutes(ctx));
      await api.register(complaintRoutes(ctx));
      await api.register(portalRoutes(ctx));
      await api.register(reportRoutes(ctx));
      await api.register(statisticsRoutes(ctx));
      await api.register(oversightRoutes(ctx));
      await api.register(followUpRoutes(ctx));
      await api.register(oversightAlertRoutes(ctx));
    },
    { prefix: '/api' },
  );

  // The single-page web app, with client-side routes falling back to index.html.
  const dist = ctx.config.webDist;
  if (dist && existsSync(dist)) {
    await app.register(fastifyStatic, { root: dist, wildcard: false, setHeaders: webAppHeaders });
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ code: 'NOT_FOUND', message: '请求的接口不存在' });
      // a missing build file is a 404, never index.html: a service worker or script served as HTML breaks the app
      if (isBuildFile(req.url)) return reply.status(404).send({ code: 'NOT_FOUND', message: '文件不存在' });
      return reply.sendFile('index.html');
    });
  }
  // R35: seals audit entries into the chain after each audited commit; at start and on a timer too, for the entries of
  // a process that stopped before sealing them.
  await openAuditTrail(ctx.database, ctx.config);
  const stopSealer = startAuditSealer(ctx.database, ctx.config.auditSealIntervalMs);
  app.addHook('onClose', async () => stopSealer());
  // Jobs of processes that died (expired leases) are taken over at start and then periodically.
  const stopRecovery = startJobRecovery(ctx, () => runningImports.keys());
  app.addHook('onClose', async () => stopRecovery());
  // R38: the calendar in force, from the database (and again when another process enters a notice).
  await loadCalendar(ctx.database);
  const stopCalendar = startCalendarRefresh(ctx.database);
  app.addHook('onClose', async () => stopCalendar());
  return app;
}

/** Paths only the build makes (hashed assets, icons, the service worker and its manifest), not client-side routes. */
export const isBuildFile = (url: string): boolean => /^\/(assets|icons)\/|^\/(sw\.js|workbox-[\w-]+\.js|manifest\.webmanifest)(\?|$)/.test(url);

/**
 * Caching of the built web app (docs/offline.md): what names a version — index.html, the service worker, the manifest —
 * is revalidated on every load so a new version is found; hashed assets never change and are kept for a year.
 */
export function webAppHeaders(reply: { header: (name: string, value: string) => unknown }, filePath: string): void {
  const name = path.basename(filePath);
  if (name === 'sw.js' || name === 'index.html' || name === 'manifest.webmanifest') reply.header('cache-control', 'no-cache');
  else if (path.basename(path.dirname(filePath)) === 'assets') reply.header('cache-control', 'public, max-age=31536000, immutable');
  if (name.endsWith('.webmanifest')) reply.header('content-type', 'application/manifest+json; charset=utf-8');
}
