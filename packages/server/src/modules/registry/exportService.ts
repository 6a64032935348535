import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { requirePermission, type Principal } from '../auth/principal.js';
import { EXPORT_PAGE, sendXlsx } from '../../lib/xlsxExport.js';
import { enterpriseColumns } from './columns.js';
import type { EnterpriseListQuery } from '@anjian/domain/contract/registry';
import { listStatements, toDto } from './enterpriseService.js';

/** The current filtered list as .xlsx. */
export async function exportEnterprises(
  ctx: AppContext,
  p: Principal,
  q: Omit<EnterpriseListQuery, 'page' | 'pageSize'>,
  reply: FastifyReply,
) {
  requirePermission(p, 'registry.read');
  return sendXlsx(reply, {
    title: '企业名录',
    asciiName: 'enterprises',
    columns: enterpriseColumns.map((c) => ({
      header: c.header,
      width: c.width ?? 14,
      value: (d: ReturnType<typeof toDto>) => {
        const v = (c.key === 'supervisingLevel' ? d.supervisingAgencyLevel : (d as unknown as Record<string, unknown>)[c.key]) as string | number | boolean | null;
        return c.kind === 'enum' ? (c.labels?.[v as string] ?? v) : v;
      },
    })),
    page: async (offset) => (await ctx.database.rows(listStatements(p, { ...q, page: offset / EXPORT_PAGE + 1, pageSize: EXPORT_PAGE }).page)).map(toDto),
  });
}
