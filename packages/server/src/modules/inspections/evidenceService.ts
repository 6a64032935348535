// Evidence uploads from the phone (R16/R18/R22): stored by SM3, recorded once per clientId so a resent upload after a
// lost connection neither duplicates nor loses the file.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { evidence } from '../../db/inspectionSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { canSeeEnterpriseRow, requireActingAgency, requirePermission, type Principal } from '../auth/principal.js';
import { actorOf } from '../registry/enterpriseService.js';
import { evidenceMime, kindOfMime, sm3Of, storeEvidence } from './evidenceStore.js';
import type { EvidenceCaptureFields } from '@anjian/domain/contract/inspection';
import { loadHazard } from './hazardService.js';
import { assertInspectingAgency, loadInspection } from './inspectionService.js';
import { evidenceDto } from './recordService.js';

export interface EvidenceUpload {
  data: Buffer;
  mime: string;
  fileName: string;
  clientId: string;
  itemCode?: string | null;
  findingClientId?: string | null;
  /** R35: what the phone recorded when the photo was taken (its SM3 is checked against the bytes received) */
  capture?: EvidenceCapture;
}

export type EvidenceCapture = Pick<EvidenceCaptureFields, 'sm3' | 'capturedAt'> & Partial<Pick<EvidenceCaptureFields, 'latitude' | 'longitude' | 'accuracy'>>;

const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function addEvidence(ctx: AppContext, p: Principal, target: { inspectionId: number } | { hazardId: number }, u: EvidenceUpload) {
  const [existing] = await ctx.database.db.select().from(evidence).where(eq(evidence.clientId, u.clientId));
  if (existing) {
    if (existing.uploadedBy !== p.userId) throw new AppError('CONFLICT', '该记录编号已被使用');
    return evidenceDto(existing);
  }
  let owner: { enterpriseId: number; regionCode: string; inspectionId: number | null; hazardId: number | null };
  if ('inspectionId' in target) {
    const row = await loadInspection(ctx, p, target.inspectionId);
    assertInspectingAgency(p, row);
    // filed: the officers entered offline and the phone sends the photos before the visit's sync (they must be there
    // for a finding fixed on the spot)
    if (row.status !== 'in_progress' && row.status !== 'filed') throw new AppError('CONFLICT', '只有检查进行中才能上传现场证据');
    if (u.capture) {
      const t = Date.parse(u.capture.capturedAt);
      if (t > Date.now() + 5 * 60_000) throw new AppError('VALIDATION', `拍摄时间（${beijing(new Date(t))}）晚于服务器当前时间，请核对手机的日期和时间`);
      const filed = row.filedAt ?? row.createdAt;
      if (t < filed.getTime()) throw new AppError('VALIDATION', `拍摄时间（${beijing(new Date(t))}）早于检查报备时间（${beijing(filed)}），不能作为本次检查的现场证据`);
    }
    if (u.itemCode && !row.itemCodes.includes(u.itemCode)) throw new AppError('VALIDATION', `不是本次报备的检查事项：${u.itemCode}`);
    owner = { enterpriseId: row.enterpriseId, regionCode: row.regionCode, inspectionId: row.id, hazardId: null };
  } else {
    const h = await loadHazard(ctx, p, target.hazardId);
    if (p.role !== 'enterprise') {
      requirePermission(p, 'inspection.write');
      requireActingAgency(p, h.agencyId, '只有责令整改的执法机构或被检查企业可以上传整改证据');
    }
    if (h.status === 'closed') throw new AppError('CONFLICT', '该隐患已销号');
    owner = { enterpriseId: h.enterpriseId, regionCode: h.regionCode, inspectionId: h.inspectionId, hazardId: h.id };
  }
  const mime = await evidenceMime(u);
  const computed = sm3Of(u.data);
  if (u.capture && u.capture.sm3 !== computed) {
    throw new AppError('VALIDATION', '照片校验值与收到的文件不一致：文件在传输中损坏或被改动，未保存，请重新上传');
  }
  const sm3 = await storeEvidence(ctx, u.data, computed);
  const c = u.capture;
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evidence)
      .values({
        clientId: u.clientId,
        regionCode: owner.regionCode,
        enterpriseId: owner.enterpriseId,
        inspectionId: owner.inspectionId,
        hazardId: owner.hazardId,
        itemCode: u.itemCode ?? null,
        findingClientId: u.findingClientId ?? null,
        kind: kindOfMime(mime),
        mime,
        size: u.data.length,
        sm3,
        originalName: u.fileName.slice(0, 200),
        uploadedBy: p.userId,
        capturedAt: c ? new Date(c.capturedAt) : null,
        captureLatitude: c?.latitude ?? null,
        captureLongitude: c?.longitude ?? null,
        captureAccuracy: c?.accuracy ?? null,
        sm3Verified: c != null,
      })
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'evidence', entityType: owner.hazardId ? 'hazard' : 'inspection', entityId: owner.hazardId ?? owner.inspectionId!, regionCode: owner.regionCode, after: { evidenceId: row!.id, sm3, size: u.data.length, mime, itemCode: u.itemCode ?? null, ...(c ? { capturedAt: c.capturedAt, sm3Verified: true } : {}) } },
    ]);
    return evidenceDto(row!);
  });
}

export async function loadEvidence(ctx: AppContext, p: Principal, id: number) {
  const [row] = await ctx.database.db.select().from(evidence).where(eq(evidence.id, id));
  if (!row || !canSeeEnterpriseRow(p, row)) throw notFound('证据');
  return row;
}
