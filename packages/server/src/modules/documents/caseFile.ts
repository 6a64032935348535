// R29 / R35: the whole 卷宗 of a penalty case or an inspection in one PDF (cover, 卷内目录, the documents as issued), and
// the completeness of a penalty case's 卷宗 checked before it is closed (结案).
import { sql } from 'drizzle-orm';
import { caseFileCompleteness, type HearingRecord, type ProposedDecision } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { arrayParam } from '../../lib/bulk.js';
import { forbidden } from '../../lib/errors.js';
import type { Principal } from '../auth/principal.js';
import { loadCase, type CaseRow, type StoredViolation } from '../penalty/caseAccess.js';
import { loadInspection } from '../inspection/inspectionService.js';
import { chineseDate, renderCaseFilePdf, type RenderableDocument } from './pdf.js';

type DocRow = RenderableDocument & { id: number };

async function documentsOf(ctx: AppContext, where: ReturnType<typeof sql>, executor?: Db): Promise<DocRow[]> {
  const rows = await ctx.database.rows<{ id: number; agency_name: string; kind: string; title: string; number: string; content: unknown; issued_at: Date | string }>(
    sql`select id, agency_name, kind, title, number, content, issued_at from documents where ${where} order by issued_at, id`,
    executor,
  );
  // 归档 order is the order the steps issued them in
  return rows.map((r) => ({ id: Number(r.id), agencyName: r.agency_name, kind: r.kind, title: r.title, number: r.number, content: typeof r.content === 'string' ? JSON.parse(r.content) : r.content, issuedAt: r.issued_at }));
}

/** The 卷宗 is the agency's internal file: the enterprise reads the documents served on it, never the file. */
function assertStaff(p: Principal): void {
  if (p.role === 'enterprise') throw forbidden('卷宗为执法机关内部档案，企业用户不能下载');
}

const dateOrNull = (d: string | null | undefined) => (d ? chineseDate(d) : null);

async function officerNames(ctx: AppContext, ids: number[], executor?: Db): Promise<string> {
  if (!ids.length) return '';
  const rows = await ctx.database.rows<{ name: string }>(sql`select name from officers where id = any(${arrayParam(ids, 'int')}) order by id`, executor);
  return rows.map((r) => r.name).join('、');
}

// ---------- penalty cases ----------

export async function caseCompleteness(ctx: AppContext, row: CaseRow, executor?: Db) {
  const [kinds, onSpot, reviewed] = await Promise.all([
    ctx.database.rows<{ kind: string }>(sql`select distinct kind from documents where entity_type = 'penalty_case' and entity_id = ${String(row.id)}`, executor),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from penalty_case_events where case_id = ${row.id} and action = 'decide_on_spot'`, executor),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from legal_reviews where case_id = ${row.id} and result <> 'pending' and points is not null`, executor),
  ]);
  const discussion = row.collectiveDiscussion as { legacy?: boolean } | null;
  const site = await siteCaseFacts(ctx, row, executor);
  return caseFileCompleteness(
    {
      procedure: row.procedure as 'general' | 'simple',
      partyKind: row.partyKind as 'organization' | 'citizen',
      openedOn: row.openedOn,
      decidedOnSpot: Number(onSpot[0]?.n ?? 0) > 0,
      notifiedOn: row.notifiedOn,
      notified: row.notified as ProposedDecision | null,
      decision: row.decision as ProposedDecision | null,
      transferredTo: row.transferredTo,
      hearing: row.hearing as HearingRecord | null,
      legalReviewed: Number(reviewed[0]?.n ?? 0) > 0,
      legacyCollectiveDiscussion: !!discussion?.legacy,
      // served before 0029 without the facts of service: no 送达回证 can be generated for it
      servedOn: row.service ? row.servedOn : null,
      ...site,
    },
    kinds.map((k) => k.kind),
  );
}

export async function penaltyCaseCompleteness(ctx: AppContext, p: Principal, id: number) {
  assertStaff(p);
  return caseCompleteness(ctx, await loadCase(ctx, p, id));
}

export async function penaltyCaseFile(ctx: AppContext, p: Principal, id: number): Promise<{ pdf: Buffer; fileName: string }> {
  assertStaff(p);
  const row = await loadCase(ctx, p, id);
  const [docs, [agency], [enterprise], officers] = await Promise.all([
    documentsOf(ctx, sql`entity_type = 'penalty_case' and entity_id = ${String(row.id)}`),
    ctx.database.rows<{ name: string }>(sql`select name from agencies where id = ${row.agencyId}`),
    ctx.database.rows<{ name: string }>(sql`select name from enterprises where id = ${row.enterpriseId}`),
    officerNames(ctx, row.investigatorIds),
  ]);
  const violations = ((row.violations ?? []) as StoredViolation[]).map((v) => v.proposal.violation).filter(Boolean);
  const cause = violations.length ? [...new Set(violations)].join('；') : row.facts.slice(0, 60);
  const closed = row.status === 'closed' || row.status === 'cancelled';
  const pdf = await renderCaseFilePdf(
    {
      title: '行政处罚案卷',
      agencyName: agency?.name ?? '',
      fields: [
        ['案号', row.caseNumber],
        ['当事人', row.partyName || enterprise?.name],
        ['案由', cause],
        ['立案日期', dateOrNull(row.openedOn)],
        ['结案日期', dateOrNull(row.closedOn)],
        ['承办人', officers],
        ...(closed ? [['归档日期', dateOrNull(row.closedOn)] as [string, string | null]] : []),
      ],
    },
    docs,
  );
  return { pdf, fileName: `${row.caseNumber ?? `案件${row.id}`}卷宗.pdf` };
}

// ---------- evidence and on-site measures recorded on a case (sitedocs) ----------

/** What the case recorded that the law attaches a document to: its inspection origin, a 查封扣押, a 先行登记保存. */
async function siteCaseFacts(ctx: AppContext, row: CaseRow, executor?: Db): Promise<{ fromInspection: boolean; seized: boolean; preserved: boolean }> {
  const acts = await ctx.database.rows<{ action: string }>(sql`select distinct action from penalty_case_events where case_id = ${row.id} and action in ('seize', 'preserve_evidence')`, executor);
  const has = new Set(acts.map((a) => a.action));
  return { fromInspection: row.sourceInspectionId != null, seized: has.has('seize'), preserved: has.has('preserve_evidence') };
}

// ---------- inspections ----------

export async function inspectionFile(ctx: AppContext, p: Principal, id: number): Promise<{ pdf: Buffer; fileName: string }> {
  assertStaff(p);
  const row = await loadInspection(ctx, p, id);
  const hazardIds = (await ctx.database.rows<{ id: number }>(sql`select id from hazards where inspection_id = ${row.id} order by id`)).map((h) => String(h.id));
  const [docs, [agency], [enterprise], officers] = await Promise.all([
    // the inspection's documents and those of its hazards (复查意见书), in the order issued
    documentsOf(ctx, sql`((entity_type = 'inspection' and entity_id = ${String(row.id)}) or (entity_type = 'hazard' and entity_id = any(${arrayParam(hazardIds, 'text')})))`),
    ctx.database.rows<{ name: string }>(sql`select name from agencies where id = ${row.agencyId}`),
    ctx.database.rows<{ name: string }>(sql`select name from enterprises where id = ${row.enterpriseId}`),
    officerNames(ctx, row.officerIds),
  ]);
  const record = docs.find((d) => d.kind === 'inspection_record');
  const evidence = await ctx.database.rows<{ kind: string; item_code: string | null; finding: string | null; hazard_id: number | null; captured_at: string | null; uploaded_at: string; lat: number | null; lng: number | null; acc: number | null; sm3: string; sm3_verified: boolean }>(
    sql`select e.kind, e.item_code, f.description as finding, e.hazard_id, to_json(e.captured_at) #>> '{}' as captured_at, to_json(e.created_at) #>> '{}' as uploaded_at,
               e.capture_latitude as lat, e.capture_longitude as lng, e.capture_accuracy as acc, e.sm3, e.sm3_verified
          from evidence e left join findings f on f.client_id = e.finding_client_id and f.inspection_id = e.inspection_id
         where e.inspection_id = ${row.id}
         order by e.id`,
  );
  const kindLabel: Record<string, string> = { photo: '照片', audio: '录音', video: '视频', file: '文件' };
  const pdf = await renderCaseFilePdf(
    {
      title: '执法检查案卷',
      evidence: evidence.map((e) => ({
        kind: kindLabel[e.kind] ?? '文件',
        subject: e.finding ? `问题“${e.finding.slice(0, 20)}”` : e.item_code ? `检查事项${e.item_code}` : e.hazard_id != null ? '隐患整改' : '现场',
        capturedAt: e.captured_at,
        uploadedAt: e.uploaded_at,
        position: e.lat != null && e.lng != null ? `北纬${Number(e.lat).toFixed(5)}°，东经${Number(e.lng).toFixed(5)}°${e.acc != null ? `（精度${Math.round(Number(e.acc))}米）` : ''}` : null,
        sm3: e.sm3,
        sm3Verified: e.sm3_verified,
      })),
      agencyName: agency?.name ?? '',
      fields: [
        ['检查记录编号', record?.number],
        ['被检查单位', enterprise?.name],
        ['检查场所', row.place],
        ['检查日期', dateOrNull(row.entryDate ?? row.plannedDate)],
        ['检查人员', officers],
        ...(row.completedAt ? [['归档日期', chineseDate(row.completedAt)] as [string, string | null]] : []),
      ],
    },
    docs,
  );
  return { pdf, fileName: `${record?.number ?? `检查${row.id}`}检查卷宗.pdf` };
}
