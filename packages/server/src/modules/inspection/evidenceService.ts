// Evidence uploads from the phone (R16/R18/R22): stored by SM3, recorded once per clientId so a resent upload after a
// lost connection neither duplicates nor loses the file.
import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { evidence } from '../../db/inspectionSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/chain.js';
import { actorOf, canSeeEnterpriseRow, requireActingAgency, requirePermission, type Principal } from '../auth/principal.js';
import { evidenceMime, keepEvidence, kindOfMime, sm3Of, storeEvidence, type ReceivedFile } from './evidenceStore.js';
import type { EvidenceCaptureFields, SyncPhoto } from '@anjian/domain/contract/inspection';
import { loadHazard } from '../hazard/service.js';
import { assertInspectingAgency, assertItemsFiled, loadInspection, type InspectionRow, type Session } from './inspectionService.js';
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

/** R35: a photo of the visit is taken after the filing and not in the future (a phone's wrong clock). */
function checkCapturedAt(row: InspectionRow, capturedAt: string): void {
  const t = Date.parse(capturedAt);
  if (t > Date.now() + 5 * 60_000) throw new AppError('VALIDATION', `拍摄时间（${beijing(new Date(t))}）晚于服务器当前时间，请核对手机的日期和时间`);
  const filed = row.filedAt ?? row.createdAt;
  if (t < filed.getTime()) throw new AppError('VALIDATION', `拍摄时间（${beijing(new Date(t))}）早于检查报备时间（${beijing(filed)}），不能作为本次检查的现场证据`);
}

type Owner = { enterpriseId: number; regionCode: string; inspectionId: number | null; hazardId: number | null };

/** The evidence row of a file stored by its SM3; sealed at capture when the phone's capture came with it (R35). */
function evidenceValues(
  p: Principal,
  owner: Owner,
  f: { clientId: string; itemCode?: string | null; findingClientId?: string | null; mime: string; size: number; sm3: string; fileName: string },
  c: EvidenceCapture | undefined,
): typeof evidence.$inferInsert {
  return {
    clientId: f.clientId,
    regionCode: owner.regionCode,
    enterpriseId: owner.enterpriseId,
    inspectionId: owner.inspectionId,
    hazardId: owner.hazardId,
    itemCode: f.itemCode ?? null,
    findingClientId: f.findingClientId ?? null,
    kind: kindOfMime(f.mime),
    mime: f.mime,
    size: f.size,
    sm3: f.sm3,
    originalName: f.fileName.slice(0, 200),
    uploadedBy: p.userId,
    capturedAt: c ? new Date(c.capturedAt) : null,
    captureLatitude: c?.latitude ?? null,
    captureLongitude: c?.longitude ?? null,
    captureAccuracy: c?.accuracy ?? null,
    sm3Verified: c != null,
  };
}

export async function addEvidence(ctx: AppContext, p: Principal, target: { inspectionId: number } | { hazardId: number }, u: EvidenceUpload) {
  const [existing] = await ctx.database.db.select().from(evidence).where(eq(evidence.clientId, u.clientId));
  if (existing) {
    if (existing.uploadedBy !== p.userId) throw new AppError('CONFLICT', '该记录编号已被使用');
    return evidenceDto(existing);
  }
  let owner: Owner;
  if ('inspectionId' in target) {
    const row = await loadInspection(ctx, p, target.inspectionId);
    assertInspectingAgency(p, row);
    // filed: the officers entered offline and the phone sends the photos before the visit's sync (they must be there
    // for a finding fixed on the spot)
    if (row.status !== 'in_progress' && row.status !== 'filed') throw new AppError('CONFLICT', '只有检查进行中才能上传现场证据');
    if (u.capture) checkCapturedAt(row, u.capture.capturedAt);
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
      .values(evidenceValues(p, owner, { ...u, mime, size: u.data.length, sm3 }, c))
      .returning();
    await appendAudit(ctx.database, tx, actorOf(p), [
      { action: 'evidence', entityType: owner.hazardId ? 'hazard' : 'inspection', entityId: owner.hazardId ?? owner.inspectionId!, regionCode: owner.regionCode, after: { evidenceId: row!.id, sm3, size: u.data.length, mime, itemCode: u.itemCode ?? null, ...(c ? { capturedAt: c.capturedAt, sm3Verified: true } : {}) } },
    ]);
    return evidenceDto(row!);
  });
}

/**
 * The photos sent with the phone's sync (R35), in the sync's transaction: each sealed at capture, its file found among
 * the received ones by the SM3 the phone took (so the bytes are the ones photographed), stored by that SM3 and recorded
 * once per clientId — a photo already recorded is skipped, a clientId of another upload is a conflict. The rows go in
 * one statement, their audit entries with the sync's. Returns how many were recorded.
 */
export async function applyPhotos(s: Session, photos: readonly SyncPhoto[], files: readonly ReceivedFile[]): Promise<number> {
  if (photos.length === 0) return 0;
  if (s.cur.status !== 'in_progress' && s.cur.status !== 'filed') throw new AppError('CONFLICT', '只有检查进行中才能上传现场证据');
  const stored = await s.tx.select({ clientId: evidence.clientId, uploadedBy: evidence.uploadedBy, inspectionId: evidence.inspectionId }).from(evidence).where(inArray(evidence.clientId, photos.map((ph) => ph.clientId)));
  const taken = stored.filter((e) => e.uploadedBy !== s.p.userId || e.inspectionId !== s.cur.id);
  if (taken.length) throw new AppError('CONFLICT', `照片记录编号已被使用，未同步：${taken.map((e) => e.clientId).join('、')}`);
  const seen = new Set(stored.map((e) => e.clientId));
  const fresh = photos.filter((ph) => !seen.has(ph.clientId) && (seen.add(ph.clientId), true));
  if (fresh.length === 0) return 0;
  assertItemsFiled(s.cur, fresh.map((ph) => ph.itemCode));
  const bySm3 = new Map(files.map((f) => [f.sm3, f]));
  const rows = [];
  for (const ph of fresh) {
    checkCapturedAt(s.cur, ph.capturedAt);
    const f = bySm3.get(ph.sm3);
    if (!f) throw new AppError('VALIDATION', '照片校验值与收到的文件不一致：照片文件未随同步上传，或在传输中损坏、被改动，未保存，请重新同步');
    const mime = await evidenceMime({ data: f.head, size: f.size, mime: f.mime });
    rows.push({ ph, f, mime });
  }
  for (const f of new Set(rows.map((r) => r.f))) await keepEvidence(s.ctx, f);
  const cur = s.cur;
  const inserted = await s.tx
    .insert(evidence)
    .values(rows.map(({ ph, f, mime }) => evidenceValues(s.p, { ...cur, inspectionId: cur.id, hazardId: null }, { ...ph, mime, size: f.size, sm3: f.sm3, fileName: f.fileName }, ph)))
    .returning({ id: evidence.id });
  rows.forEach(({ ph, f, mime }, i) =>
    s.audit.push({
      action: 'evidence',
      entityType: 'inspection',
      entityId: cur.id,
      regionCode: cur.regionCode,
      after: { evidenceId: inserted[i]!.id, sm3: f.sm3, size: f.size, mime, itemCode: ph.itemCode ?? null, capturedAt: ph.capturedAt, sm3Verified: true },
    }),
  );
  return rows.length;
}

export async function loadEvidence(ctx: AppContext, p: Principal, id: number) {
  const [row] = await ctx.database.db.select().from(evidence).where(eq(evidence.id, id));
  if (!row || !canSeeEnterpriseRow(p, row)) throw notFound('证据');
  return row;
}
