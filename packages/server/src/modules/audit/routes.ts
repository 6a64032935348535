import { sql } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { auditAnchorHead, auditAnchorsDownload, auditPage, auditQuery, auditVerification } from '@anjian/domain/contract/audit';
import type { AppContext } from '../../context.js';
import { routes } from '../../lib/routePlugin.js';
import { user } from '../../lib/http.js';
import { forbidden } from '../../lib/errors.js';
import { regionCondition, requirePermission } from '../auth/principal.js';
import { auditAnchors, auditAnchorsFile, verifyChain } from './chain.js';
import { objectNames, toAuditDto } from './history.js';
import { COUNT_CAP } from '../../lib/paging.js';

export const auditRoutes = routes(async (r, ctx: AppContext) => {
  r.get(
    '/audit',
    { schema: { tags: ['audit'], querystring: auditQuery, response: { 200: auditPage } } },
    async (req) => {
      const p = user(req);
      // The global log is for administrators and oversight; others see history on each entity's page.
      if (p.role !== 'admin' && p.role !== 'oversight') throw forbidden('仅系统管理员和执法监督人员可查看审计日志');
      const q = req.query;
      const conds = [regionCondition(p)];
      // Logins and user changes carry no region: only an administrator with national scope sees them all.
      if (q.entityType) conds.push(sql`entity_type = ${q.entityType}`);
      if (q.entityId) conds.push(sql`entity_id = ${q.entityId}`);
      const where = sql.join(conds, sql` and `);
      const [rows, count] = await Promise.all([
        ctx.database.rows(sql`select * from audit_log where ${where} order by id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
        // The log grows without end: count up to the cap, like the enterprise list.
        ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from (select 1 from audit_log where ${where} limit ${COUNT_CAP + 1}) t`),
      ]);
      const n = Number(count[0]?.n ?? 0);
      const names = await objectNames(ctx, rows);
      return { items: rows.map((r) => toAuditDto(r, names)), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, page: q.page, pageSize: q.pageSize };
    },
  );
  r.get(
    '/audit/verify',
    { schema: { tags: ['audit'], response: { 200: auditVerification } } },
    async (req) => {
      requirePermission(user(req), 'audit.verify');
      return verifyChain(ctx.database);
    },
  );
  r.get(
    '/audit/anchor',
    { schema: { tags: ['audit'], description: '审计链外部锚点：每次封存后记录在数据库之外的链头（序号、哈希、时间），可导出公布', response: { 200: auditAnchorHead } } },
    async (req) => {
      requirePermission(user(req), 'audit.verify');
      const a = await auditAnchors(ctx.database);
      return { latest: a.latest, count: a.count };
    },
  );
  r.get('/audit/anchors', { schema: { tags: ['audit'], description: '下载全部外部锚点（每行一个 JSON：seq、hash、at）', produces: ['application/x-ndjson'], response: { 200: auditAnchorsDownload } } }, async (req, reply) => {
    requirePermission(user(req), 'audit.verify');
    const file = auditAnchorsFile(ctx.database);
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-anchors.jsonl"; filename*=UTF-8''${encodeURIComponent('审计链锚点.jsonl')}`)
      .send(existsSync(file) ? await readFile(file) : '');
  });
});
