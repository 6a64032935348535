// R35 the audit log: the requests and answers of /audit (and the entries every entity's history lists).
import { z } from 'zod';
import { auditBreakKinds } from '../lib/auditChain.js';
import { pageOf, pageQuery } from './common.js';

export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string(),
  action: z.string(),
  /** the action and the object in Chinese (对象 with its number or name), for every screen that lists entries */
  actionLabel: z.string(),
  objectLabel: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown(), beforeText: z.string(), afterText: z.string() })),
  /** R35: chain position and hash; null while the entry awaits sealing (待封存, milliseconds after its commit) */
  seq: z.number().nullable(),
  hash: z.string().nullable(),
});
export const auditHistory = z.object({ items: z.array(auditEntry) });

export const auditQuery = z.object({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  ...pageQuery(50, 200, 100_000).shape,
});
export const auditPage = pageOf(auditEntry).extend({ totalCapped: z.boolean() });

export const auditAnchor = z.object({ seq: z.number(), hash: z.string(), at: z.string() });
export const auditVerification = z.object({
  ok: z.boolean(),
  checked: z.number(),
  // the first problem in chain order: position, the entry there (null when missing), code, Chinese reason
  firstBroken: z.object({ seq: z.number(), id: z.number().nullable(), kind: z.enum(auditBreakKinds), reason: z.string() }).nullable(),
  // entries committed but not yet sealed into the chain (not a break; sealed within moments)
  unsealed: z.object({ count: z.number(), oldestAt: z.string().nullable() }),
  // the anchors (chain heads recorded outside the database) the chain was compared with
  anchors: z.object({ count: z.number(), latest: auditAnchor.nullable() }),
});
export const auditAnchorHead = z.object({ latest: auditAnchor.nullable(), count: z.number() });
/** GET /audit/anchors: a file, one JSON object (seq, hash, at) a line. */
export const auditAnchorsDownload = z.any().describe('审计链锚点文件（application/x-ndjson，每行一个 JSON：seq、hash、at）');

export type AuditEntry = z.infer<typeof auditEntry>;
export type AuditQuery = Partial<z.infer<typeof auditQuery>>;
export type AuditPage = z.infer<typeof auditPage>;
export type AuditAnchor = z.infer<typeof auditAnchor>;
export type AuditVerification = z.infer<typeof auditVerification>;
export type AuditAnchorHead = z.infer<typeof auditAnchorHead>;
