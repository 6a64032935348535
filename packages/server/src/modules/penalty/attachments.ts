// R27: the materials the party attaches to its statement, hearing request, withdrawal of it or waiver (a letter, photos of the
// rectification, a PDF of contracts…). They reuse the evidence store — on disk under their SM3, one row each, written
// once per clientId so a resend after a lost reply is a no-op — but belong to no inspection or hazard: the submission
// that cites them (its timeline entry and audit entry) is what links them to the case.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { evidence } from '../../db/inspectionSchema.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, can, type Principal } from '../auth/principal.js';
import { evidenceMime, kindOfMime, storeEvidence } from '../inspection/evidenceStore.js';
import type { EvidenceUpload } from '../inspection/evidenceService.js';
import { evidenceDto } from '../inspection/recordService.js';
import { assertCanWrite, loadCase } from './caseAccess.js';

export async function addCaseAttachment(ctx: AppContext, p: Principal, caseId: number, u: EvidenceUpload) {
  // another enterprise's case → 404 (loadCase), before anything is stored
  const row = await loadCase(ctx, p, caseId);
  if (p.role !== 'enterprise') {
    if (!can(p, 'penalty.write')) throw forbidden('只有当事人或者承办人员可以上传陈述申辩材料');
    assertCanWrite(p, row);
  }
  const [existing] = await ctx.database.db.select().from(evidence).where(eq(evidence.clientId, u.clientId));
  if (existing) {
    if (existing.uploadedBy !== p.userId) throw new AppError('CONFLICT', '该记录编号已被使用');
    return evidenceDto(existing);
  }
  // From the notice until the case goes to review: statements, hearing requests, their withdrawal (R27). Whether a file
  // may be cited is decided by the act that cites it (takeAction, with the workflow's checks), not here.
  if (row.status !== 'notified' && row.status !== 'defence' && row.status !== 'hearing') {
    throw new AppError('CONFLICT', '只有在告知后、作出决定前的陈述申辩和听证阶段可以提交材料');
  }
  if (row.rightsWaived) throw new AppError('CONFLICT', '当事人已书面放弃陈述、申辩和听证权利');
  const mime = await evidenceMime(u);
  const sm3 = await storeEvidence(ctx, u.data);
  return ctx.database.db.transaction(async (tx) => {
    const [e] = await tx
      .insert(evidence)
      .values({ clientId: u.clientId, regionCode: row.regionCode, enterpriseId: row.enterpriseId, inspectionId: null, hazardId: null, kind: kindOfMime(mime), mime, size: u.data.length, sm3, originalName: u.fileName.slice(0, 200), uploadedBy: p.userId })
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'party_attachment', entityType: 'penalty_case', entityId: caseId, regionCode: row.regionCode, after: { evidenceId: e!.id, sm3, size: u.data.length, mime, name: e!.originalName, actorRole: p.role } },
    ]);
    return evidenceDto(e!);
  });
}
