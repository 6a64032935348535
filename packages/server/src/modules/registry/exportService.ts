import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import { requirePermission, type Principal } from '../auth/principal.js';
import { enterpriseColumns } from './columns.js';
import type { EnterpriseListQuery } from './enterpriseSchema.js';
import { listStatements, toDto } from './enterpriseService.js';
import { shanghaiDate } from '../../lib/diff.js';

export const MAX_EXPORT_ROWS = 100_000;

/** The current filtered list as .xlsx, streamed so a large export does not sit in memory twice. */
export async function exportEnterprises(
  ctx: AppContext,
  p: Principal,
  q: Omit<EnterpriseListQuery, 'page' | 'pageSize'>,
  reply: FastifyReply,
) {
  requirePermission(p, 'registry.read');
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('企业名录');
  ws.columns = enterpriseColumns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const fileName = encodeURIComponent(`企业名录_${shanghaiDate()}.xlsx`);
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="enterprises.xlsx"; filename*=UTF-8''${fileName}`);
  void (async () => {
    try {
      const PAGE = 5000;
      for (let page = 1; ; page++) {
        const rows = await ctx.database.rows(listStatements(p, { ...q, page, pageSize: PAGE }).page);
        for (const r of rows) {
          const d = toDto(r);
          const values: Record<string, unknown> = { ...d, supervisingLevel: d.supervisingAgencyLevel };
          ws.addRow(
            Object.fromEntries(
              enterpriseColumns.map((c) => {
                const v = values[c.key];
                if (c.kind === 'enum') return [c.key, c.labels?.[v as string] ?? v];
                if (c.kind === 'bool') return [c.key, v ? '是' : '否'];
                return [c.key, v];
              }),
            ),
          ).commit();
        }
        if (rows.length < PAGE || page * PAGE >= MAX_EXPORT_ROWS) break;
      }
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return reply.send(out);
}
