// The phone's sync of one inspection (R16–R19, issue #20): what the officers did on site, offline or not, applied in
// ONE transaction by the same rules as the per-step routes (inspectionService.ts). Every part is applied at most once
// (the row's state, clientIds, answer times), so a resent body changes nothing and a body that repeats parts already
// synced applies only the new ones. A conflict (cancelled meanwhile, completed with other content, a credential out
// of date on the day of entry, a clientId of another inspection) is refused in Chinese and nothing is applied.
import { sql } from 'drizzle-orm';
import { inspectionStatusLabels, labelOf } from '@anjian/domain';
import type { InspectionSyncBody, InspectionSyncResult } from '@anjian/domain/contract/inspection';
import type { AppContext } from '../../context.js';
import { arrayParam } from '../../lib/bulk.js';
import { AppError } from '../../lib/errors.js';
import type { Principal } from '../auth/principal.js';
import { issueInspectionDocuments } from './documents.js';
import { applyPhotos } from './evidenceService.js';
import type { ReceivedFile } from './evidenceStore.js';
import {
  applyAnswers,
  applyCommitment,
  applyCompletion,
  applyCredentialsShown,
  applyEntry,
  applyFindings,
  applyRecord,
  openSession,
  flushSession,
  type AppliedFinding,
  type InspectionRow,
  type Session,
} from './inspectionService.js';

type Body = {
  [K in keyof InspectionSyncBody]-?: K extends 'answers' | 'exams' | 'certificates' | 'photos' | 'findings' ? NonNullable<InspectionSyncBody[K]> : InspectionSyncBody[K];
};

/** Phones may run a little fast; more than this ahead of the server is a wrong clock, not an early sync. */
const CLOCK_SKEW_MS = 5 * 60_000;

const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Every time the phone sent, with what it is in words: not in the future, not before the filing. */
function checkTimes(row: InspectionRow, b: Body): void {
  const times: [string | undefined, string][] = [
    [b.enteredAt, '进场'],
    [b.credentialsShownAt, '亮证'],
    [b.commitment?.signedAt, '签署承诺书'],
    ...b.answers.map((a): [string, string] => [a.answeredAt, `检查事项${a.itemCode}填写`]),
    ...b.exams.map((e): [string, string] => [e.at, '考核']),
    ...b.certificates.map((c): [string, string] => [c.at, '证书查验']),
    ...b.photos.map((ph): [string, string] => [ph.capturedAt, '拍摄']),
    ...b.findings.map((f): [string, string] => [f.at, '问题发现']),
    [b.completion?.completedAt, '结束检查'],
  ];
  const latest = Date.now() + CLOCK_SKEW_MS;
  const filed = row.filedAt ?? row.createdAt;
  for (const [at, what] of times) {
    if (!at) continue;
    const t = Date.parse(at);
    if (t > latest) throw new AppError('VALIDATION', `${what}时间（${beijing(new Date(t))}）晚于服务器当前时间，请核对手机的日期和时间后重新同步`);
    if (t < filed.getTime()) throw new AppError('VALIDATION', `${what}时间（${beijing(new Date(t))}）早于检查报备时间（${beijing(filed)}），请核对手机的日期和时间`);
  }
}

async function cancelledConflict(s: Session): Promise<never> {
  const [c] = await s.ctx.database.rows<{ reason: string | null; at: Date }>(
    sql`select reason, at from audit_log where entity_type = 'inspection' and entity_id = ${String(s.cur.id)} and action = 'cancel' order by id desc limit 1`,
    s.tx,
  );
  const when = c ? `于${beijing(new Date(c.at))}` : '';
  throw new AppError('CONFLICT', `该检查已${when}被取消（取消原因：${c?.reason ?? '未记录'}），手机上的现场记录未同步，请与报备人核实`);
}

/**
 * A completed inspection takes a resend of what it was completed with, and nothing else: anything the record does not
 * have (another conclusion, a finding, exam or certificate it does not list, a newer answer) is a conflict.
 */
async function assertSameAsCompleted(s: Session, b: Body): Promise<void> {
  const differences: string[] = [];
  if (b.completion && b.completion.summary.trim() !== s.cur.summary) differences.push('检查结论');
  const has = (list: unknown, id: string) => (list as { clientId: string }[]).some((x) => x.clientId === id);
  if (b.exams.some((e) => !has(s.cur.exams, e.clientId))) differences.push('考核记录');
  if (b.certificates.some((c) => !has(s.cur.certificates, c.clientId))) differences.push('证书查验记录');
  if (b.photos.length) {
    const rows = await s.ctx.database.rows<{ client_id: string }>(sql`select client_id from evidence where inspection_id = ${s.cur.id} and client_id = any(${arrayParam(b.photos.map((ph) => ph.clientId), 'text')})`, s.tx);
    if (rows.length < new Set(b.photos.map((ph) => ph.clientId)).size) differences.push('现场照片');
  }
  if (b.findings.length) {
    const ids = b.findings.map((f) => f.clientId);
    const rows = await s.ctx.database.rows<{ client_id: string; inspection_id: number }>(sql`select client_id, inspection_id from findings where client_id = any(${arrayParam(ids, 'text')})`, s.tx);
    const here = new Set(rows.filter((r) => Number(r.inspection_id) === s.cur.id).map((r) => r.client_id));
    if (ids.some((id) => !here.has(id))) differences.push('发现的问题');
  }
  if (b.answers.length) {
    const stored = await s.ctx.database.rows<{ item_code: string; result: string; note: string; answered_at: Date }>(
      sql`select item_code, result, note, answered_at from inspection_answers where inspection_id = ${s.cur.id}`,
      s.tx,
    );
    const by = new Map(stored.map((a) => [a.item_code, a]));
    const newer = b.answers.some((a) => {
      const o = by.get(a.itemCode);
      if (!o) return true;
      const t = Date.parse(a.answeredAt);
      const ot = new Date(o.answered_at).getTime();
      return t > ot || (t === ot && (o.result !== a.result || o.note !== (a.note?.trim() ?? '')));
    });
    if (newer) differences.push('检查事项结果');
  }
  if (differences.length) {
    throw new AppError('CONFLICT', `该检查已于${beijing(s.cur.completedAt ?? s.cur.updatedAt)}结束，手机上的${differences.join('、')}与已出具的现场检查记录不一致，已结束的检查不能再更改`);
  }
}

const documentOut = (d: { id: number; title: string; number: string; issuedAt: Date }) => ({ id: d.id, title: d.title, number: d.number, issuedAt: d.issuedAt.toISOString(), url: `/api/documents/${d.id}/pdf` });

/** `files`: the photos' files received with a multipart sync (see syncPhoto). */
export async function syncInspection(ctx: AppContext, p: Principal, id: number, body: InspectionSyncBody, files: readonly ReceivedFile[] = []): Promise<InspectionSyncResult> {
  const b = body as Body;
  return ctx.database.db.transaction(async (tx) => {
    const s = await openSession(ctx, p, tx, id);
    if (s.cur.status === 'cancelled') await cancelledConflict(s);
    checkTimes(s.cur, b);
    const applied: InspectionSyncResult['applied'] = { entered: false, credentialsShown: false, commitment: false, answers: 0, exams: 0, certificates: 0, photos: 0, findings: 0, completed: false };
    let created: AppliedFinding[] = [];
    const issued: { documents: InspectionSyncResult['documents'] | null } = { documents: null };
    if (s.cur.status === 'completed') {
      await assertSameAsCompleted(s, b);
    } else {
      if (b.enteredAt) applied.entered = await applyEntry(s, new Date(b.enteredAt));
      if (b.credentialsShownAt) applied.credentialsShown = applyCredentialsShown(s, new Date(b.credentialsShownAt));
      if (b.commitment) applied.commitment = await applyCommitment(s, b.commitment.signerNames, new Date(b.commitment.signedAt));
      applied.answers = await applyAnswers(s, b.answers);
      for (const e of b.exams) if (applyRecord(s, 'exams', { clientId: e.clientId, personName: e.personName, position: e.position, questions: e.questions, score: e.score }, new Date(e.at))) applied.exams++;
      for (const c of b.certificates) {
        if (applyRecord(s, 'certificates', { clientId: c.clientId, holderName: c.holderName, certificateType: c.certificateType, certificateNo: c.certificateNo, validTo: c.validTo }, new Date(c.at))) applied.certificates++;
      }
      applied.photos = await applyPhotos(s, b.photos, files);
      created = await applyFindings(s, b.findings.map((f) => ({ ...f, at: new Date(f.at) })));
      applied.findings = created.length;
      if (b.completion) {
        applied.completed = await applyCompletion(s, b.completion.summary, new Date(b.completion.completedAt), async (t, row, audit, data) => {
          issued.documents = (await issueInspectionDocuments(ctx, t, p, row, audit, data)).map(documentOut);
        });
      }
    }
    await flushSession(s);
    // what the phone shows: the documents, and the ledger entries of its findings (also those of an earlier sync)
    let documents = issued.documents;
    if (!documents && s.cur.status === 'completed') {
      const rows = await ctx.database.rows<{ id: number; title: string; number: string; issued_at: Date }>(
        sql`select id, title, number, issued_at from documents where entity_type = 'inspection' and entity_id = ${String(id)} and kind in ('inspection_record', 'rectification_order') order by id`,
        tx,
      );
      documents = rows.map((d) => documentOut({ id: Number(d.id), title: d.title, number: d.number, issuedAt: new Date(d.issued_at) }));
    }
    const earlier = b.findings.map((f) => f.clientId).filter((c) => !created.some((x) => x.clientId === c));
    if (earlier.length) {
      const rows = await ctx.database.rows<{ client_id: string; hazard_id: number | null; penalty_case_id: number | null; deadline: string | null }>(
        sql`select f.client_id, f.hazard_id, f.penalty_case_id, to_char(h.deadline, 'YYYY-MM-DD') as deadline
              from findings f left join hazards h on h.id = f.hazard_id
             where f.inspection_id = ${id} and f.client_id = any(${arrayParam(earlier, 'text')})`,
        tx,
      );
      created = [
        ...created,
        ...rows.map((r) => ({ clientId: r.client_id, findingId: 0, hazardId: r.hazard_id == null ? null : Number(r.hazard_id), penaltyCaseId: r.penalty_case_id == null ? null : Number(r.penalty_case_id), deadline: r.deadline })),
      ];
    }
    return {
      id,
      status: s.cur.status as InspectionSyncResult['status'],
      statusLabel: labelOf(inspectionStatusLabels, s.cur.status),
      applied,
      documents: documents ?? [],
      hazards: created.filter((f) => f.hazardId != null).map((f) => ({ id: f.hazardId!, findingClientId: f.clientId, deadline: f.deadline! })),
      penaltyCases: created.filter((f) => f.penaltyCaseId != null).map((f) => ({ id: f.penaltyCaseId!, findingClientId: f.clientId })),
    };
  });
}
