// HTTP routes of the R34 detectors and their alerts (执法监督预警). Handlers parse and delegate to alertService.
import { alertFilter, alertIdParams as idParams, alertPage, alertQuery, alertResolveBody, detectorRules, detectorRun, detectorRunBody, oversightAlert as alertSchema } from '@anjian/domain/contract/oversight';
import { xlsx } from '@anjian/domain/contract/wire';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
import { shanghaiDate } from '../../lib/diff.js';
import { forbidden } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf } from '../auth/principal.js';
import { exportAlerts, getAlert, listAlerts, requireRunner, resolveAlert, rulesCatalogue, runDetectors } from './alertService.js';

const tags = ['oversight'];

export const oversightAlertRoutes = routes(async (r, ctx: AppContext) => {

  r.get(
    '/oversight/rules',
    { schema: { tags, response: { 200: detectorRules } } },
    async (req) => {
      if (user(req).role === 'enterprise') throw forbidden('企业用户不能查看执法监督规则');
      return rulesCatalogue();
    },
  );

  r.post(
    '/oversight/detectors/run',
    { schema: { tags, body: detectorRunBody, response: { 200: detectorRun } } },
    async (req) => {
      const p = user(req);
      requireRunner(p);
      const asOf = req.body?.asOf ?? shanghaiDate();
      const results = await runDetectors(ctx, asOf, req.body?.rules);
      await ctx.database.db.transaction(async (tx) => {
        await appendAudit(ctx.database, tx, actorOf(p), [
          { action: 'run', entityType: 'oversight_detectors', entityId: asOf, regionCode: p.agencyRegionCode ?? '', reason: '立即运行执法监督监测', after: { results: results.map(({ rule, found, created, cleared }) => ({ rule, found, created, cleared })) } },
        ]);
      });
      return { asOf, results };
    },
  );

  r.get('/oversight/alerts', { schema: { tags, querystring: alertQuery, response: { 200: alertPage } } }, async (req) => listAlerts(ctx, user(req), req.query));

  r.get('/oversight/alerts/export', { schema: { tags, querystring: alertFilter, response: { 200: xlsx('执法监督预警（Excel）') } } }, async (req, reply) => exportAlerts(ctx, user(req), req.query, reply));

  r.get('/oversight/alerts/:id', { schema: { tags, params: idParams, response: { 200: alertSchema } } }, async (req) => getAlert(ctx, user(req), req.params.id));

  r.post(
    '/oversight/alerts/:id/resolve',
    { schema: { tags, params: idParams, body: alertResolveBody, response: { 200: alertSchema } } },
    async (req) => resolveAlert(ctx, user(req), req.params.id, req.body),
  );
});
