// The one export path of every ledger: a filtered list streamed as .xlsx with Chinese headers, read page by page so
// a 100,000-row export never sits in memory whole, and bounded so no request can ask for a province at once.
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import ExcelJS from 'exceljs';
import { shanghaiDate } from './diff.js';

export const MAX_EXPORT_ROWS = 100_000;
export const EXPORT_PAGE = 5000;

export interface ExportColumn<R> {
  header: string;
  width?: number;
  /** The cell's value; dates as 'YYYY-MM-DD' strings in Beijing time, labels already in Chinese. */
  value: (row: R) => string | number | boolean | null | undefined;
}

export interface XlsxExport<R> {
  /** Sheet name and the file's Chinese title (the file is `<title>_<date>.xlsx`). */
  title: string;
  /** ASCII fallback file name for old clients, without extension. */
  asciiName: string;
  columns: ExportColumn<R>[];
  /** Reads one page of rows (0-based offset, at most `limit`); fewer than `limit` rows ends the export. */
  page: (offset: number, limit: number) => Promise<R[]>;
  maxRows?: number;
}

/**
 * Streams the export as the response. The first page is read before the headers go out, so a refused filter or a
 * database error is still a JSON `{code, message}` and not a broken file.
 */
export async function sendXlsx<R>(reply: FastifyReply, spec: XlsxExport<R>): Promise<FastifyReply> {
  const max = spec.maxRows ?? MAX_EXPORT_ROWS;
  const first = await spec.page(0, Math.min(EXPORT_PAGE, max));
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet(spec.title.slice(0, 31));
  ws.columns = spec.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const cell = (v: ReturnType<ExportColumn<R>['value']>) => (typeof v === 'boolean' ? (v ? '是' : '否') : (v ?? ''));
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header(
      'content-disposition',
      `attachment; filename="${spec.asciiName}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${spec.title}_${shanghaiDate()}.xlsx`)}`,
    );
  void (async () => {
    try {
      let rows = first;
      for (let offset = 0; ; ) {
        for (const r of rows) ws.addRow(spec.columns.map((c) => cell(c.value(r)))).commit();
        offset += rows.length;
        if (rows.length < EXPORT_PAGE || offset >= max) break;
        rows = await spec.page(offset, Math.min(EXPORT_PAGE, max - offset));
      }
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return reply.send(out);
}

/**
 * A workbook of a fixed layout (a report form rather than a ledger), built in memory and sent with the same headers
 * as the ledgers: the file is `<title>.xlsx`.
 */
export async function sendWorkbook(reply: FastifyReply, wb: ExcelJS.Workbook, spec: { title: string; asciiName: string }): Promise<FastifyReply> {
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${spec.asciiName}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${spec.title}.xlsx`)}`)
    .header('cache-control', 'private, no-store')
    .send(buf);
}
