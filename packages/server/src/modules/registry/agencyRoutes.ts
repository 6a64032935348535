// Agencies: the four-level tree (省/市/县/乡镇), each bound to one GB/T 2260 region; and the region look-up. The work is
// agencyService.ts (its writes through runCommand).
import { agencyCreateBody, agencyDetailSchema, agencyList, agencyRenameBody, agencySchema, regionList, regionQuery } from '@anjian/domain/contract/registry';
import { idParam as idParams } from '@anjian/domain/contract/common';
import { childRegions, provinceRegions, getRegion } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { AppError } from '../../lib/errors.js';
import { user } from '../../lib/http.js';
import { auditHistory } from '@anjian/domain/contract/audit';
import { entityHistory } from '../audit/history.js';
import { agencyDetail, createAgency, listAgencies, loadScoped, renameAgency } from './agencyService.js';
import { jurisdictionPrefix } from '../auth/principal.js';

export const agencyRoutes = routes(async (r, ctx: AppContext) => {
  const tags = ['agencies'];
  r.get('/agencies', { schema: { tags, response: { 200: agencyList } } }, async (req) => ({ items: await listAgencies(ctx, user(req)) }));
  r.get(
    '/agencies/:id',
    { schema: { tags, params: idParams, response: { 200: agencyDetailSchema } } },
    async (req) => agencyDetail(ctx, user(req), req.params.id),
  );
  r.get('/agencies/:id/history', { schema: { tags, params: idParams, response: { 200: auditHistory } } }, async (req) => {
    const a = await loadScoped(ctx, user(req), req.params.id);
    return { items: await entityHistory(ctx, 'agency', a.id) };
  });
  r.post(
    '/agencies',
    { schema: { tags, body: agencyCreateBody, response: { 201: agencySchema } } },
    async (req, reply) => reply.status(201).send(await createAgency(ctx, user(req), req.body)),
  );
  r.patch(
    '/agencies/:id',
    { schema: { tags, params: idParams, body: agencyRenameBody, response: { 200: agencySchema } } },
    async (req) => renameAgency(ctx, user(req), req.params.id, req.body.name),
  );
  r.get(
    '/regions',
    { schema: { tags: ['regions'], querystring: regionQuery, response: { 200: regionList } } },
    async (req) => {
      const p = user(req);
      const prefix = jurisdictionPrefix(p);
      let list;
      if (!req.query.parent) {
        const own = p.agencyRegionCode ? getRegion(p.agencyRegionCode) : undefined;
        list = own ? [own] : provinceRegions();
      } else {
        const parent = getRegion(req.query.parent);
        if (!parent) throw new AppError('INVALID_REGION', '行政区划代码不存在');
        // Children are listed only inside the jurisdiction.
        list = childRegions(parent.code).filter((c) => c.code.startsWith(prefix));
      }
      return { items: list.map((c) => ({ code: c.code, name: c.name, level: c.level, hasChildren: childRegions(c.code).length > 0 })) };
    },
  );
});
