// R34/R35 执法文书: the answers of /documents — the kinds, the list, one document with its content, its PDF.
import { z } from 'zod';
import { documentKinds } from '../documents/kinds.js';
import { issuedDocument } from './inspection.js';
import { file } from './wire.js';

export const documentIdParams = z.object({ id: z.coerce.number().int().positive('文书编号应为正整数') });
export const documentQuery = z.object({
  entityType: z.string().trim().min(1).max(50).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(documentKinds, { error: '未知的文书种类' }).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const documentKindInfo = z.object({ kind: z.enum(documentKinds), title: z.string(), abbreviation: z.string(), procedure: z.enum(['inspection', 'penalty']), rules: z.array(z.string()) });
export const documentKindList = z.object({ items: z.array(documentKindInfo) });
/** A document's register entry (the answer of the commands that issue one, too). */
export const documentSummary = issuedDocument;
export const documentPage = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(documentSummary) });
export const documentDetail = documentSummary.extend({
  content: z.record(z.string(), z.unknown()),
  /** R35: the stored content still matches the hash recorded when it was issued */
  contentIntact: z.boolean(),
});
export const documentPdf = file('application/pdf', '执法文书（PDF）');

export type DocumentKindInfo = z.input<typeof documentKindInfo>;
export type DocumentSummary = z.input<typeof documentSummary>;
export type DocumentPage = z.input<typeof documentPage>;
export type DocumentDetail = z.input<typeof documentDetail>;
