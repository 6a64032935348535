// R34 / R35: issuing enforcement documents (执法文书). A document gets its number inside the caller's transaction,
// is stored with its content and the SM3 of that content, and leaves an audit entry in the same transaction.
import { createHash } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import {
  agencyShortName,
  canonicalJson,
  documentContentProblems,
  documentKindTable,
  internalDocumentKinds,
  isServedOnParty,
  formatDocumentNumber,
  isDocumentKind,
  shanghaiYear,
  type DocumentContentMap,
  type DocumentKind,
} from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { documents } from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { appendAudit, type AuditInput } from '../audit/chain.js';
import { actorOf, inJurisdiction, regionCondition, type Principal } from '../auth/principal.js';
import { arrayParam } from '../../lib/bulk.js';

export type DocumentRow = typeof documents.$inferSelect;

export interface IssueDocumentInput<K extends DocumentKind = DocumentKind> {
  /** the issuing agency (its name is printed and its short name starts the number) */
  agencyId: number;
  kind: K;
  /** what the document belongs to, e.g. 'inspection' / 42 */
  entityType: string;
  entityId: string | number;
  /** or, for a document issued with others that names their numbers, made from the numbers of those before it */
  content: DocumentContentMap[K] | ((numbersBefore: string[]) => DocumentContentMap[K]);
  /** the enterprise concerned: its users may read the document, and its region scopes it */
  enterpriseId?: number | null;
  /** the region for jurisdiction when there is no enterprise (default: the agency's region) */
  regionCode?: string;
  /** the issue instant (default: now); its Asia/Shanghai year selects the number series */
  date?: Date | string;
}

function issueInstant(date: Date | string | undefined): Date {
  if (date === undefined) return new Date();
  const d = date instanceof Date ? date : /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00+08:00`) : new Date(date);
  if (Number.isNaN(d.getTime())) throw new AppError('VALIDATION', '文书日期格式不正确，应为 YYYY-MM-DD 或 ISO 时间');
  return d;
}

/** SM3 of the canonical JSON of a document's content (keys sorted: jsonb does not keep key order). */
export function contentHash(content: unknown): string {
  return createHash('sm3').update(canonicalJson(content)).digest('hex');
}

/**
 * Issues a numbered document inside the caller's transaction `tx` (R35): the number comes from the per-agency,
 * per-kind, per-year counter row, so a rolled-back command gives its number back (no gaps) and concurrent issuers
 * queue on the row (no duplicates). Returns the stored row.
 */
export async function issueDocument<K extends DocumentKind>(tx: Db, ctx: AppContext, principal: Principal, input: IssueDocumentInput<K>): Promise<DocumentRow> {
  return (await issueDocuments(tx, ctx, principal, [input]))[0]!;
}

/**
 * Several documents of one agency about one enterprise (an inspection's record and order), issued together: one read
 * of the agency, one counter statement, one insert. Their audit entries go into `audit` when the caller collects the
 * entries of its command (one append for all), else they are appended here.
 */
export async function issueDocuments(tx: Db, ctx: AppContext, principal: Principal, inputs: IssueDocumentInput[], audit?: AuditInput[]): Promise<DocumentRow[]> {
  if (inputs.length === 0) return [];
  if (principal.role === 'enterprise') throw forbidden('企业用户不能出具执法文书');
  const first = inputs[0]!;
  const prepared = inputs.map((input) => {
    const kind: string = input.kind;
    if (!isDocumentKind(kind)) throw new AppError('VALIDATION', `未知的文书种类：${kind}`);
    if (!input.entityType?.trim() || String(input.entityId ?? '').trim() === '') throw new AppError('VALIDATION', '请指明文书所属的执法事项');
    if (input.agencyId !== first.agencyId || (input.enterpriseId ?? null) !== (first.enterpriseId ?? null) || input.regionCode !== first.regionCode) {
      throw new Error('issueDocuments: one agency and enterprise per batch');
    }
    const issuedAt = issueInstant(input.date);
    return { input, kind, content: null as unknown, issuedAt, year: shanghaiYear(issuedAt) };
  });
  const checkContent = (d: (typeof prepared)[number], numbersBefore: string[]) => {
    const given = typeof d.input.content === 'function' ? (d.input.content as (n: string[]) => unknown)(numbersBefore) : d.input.content;
    // What is stored is exactly what jsonb gives back: hash that, not the caller's object.
    d.content = JSON.parse(JSON.stringify(given ?? null)) as unknown;
    const problems = documentContentProblems(d.kind, d.content);
    if (problems.length) throw new AppError('VALIDATION', `${documentKindTable[d.kind as DocumentKind].title}内容不完整：${problems.join('；')}`, { problems });
  };
  // contents that do not depend on the numbers are checked before any number is taken
  for (const d of prepared) if (typeof d.input.content !== 'function') checkContent(d, []);

  const enterpriseId = first.enterpriseId ?? null;
  const [agency] = await ctx.database.rows<{ id: number; name: string; region_code: string; enterprise_region: string | null }>(
    sql`select a.id, a.name, a.region_code, (select e.region_code from enterprises e where e.id = ${enterpriseId}) as enterprise_region from agencies a where a.id = ${first.agencyId}`,
    tx,
  );
  if (!agency) throw new AppError('INVALID_AGENCY', '出具文书的执法机构不存在');
  if (!inJurisdiction(principal, agency.region_code)) throw forbidden('不能以管辖范围以外的执法机构名义出具文书');
  let regionCode = first.regionCode ?? agency.region_code;
  if (enterpriseId != null) {
    if (!agency.enterprise_region || !inJurisdiction(principal, agency.enterprise_region)) throw notFound('企业');
    regionCode = agency.enterprise_region;
  } else if (!inJurisdiction(principal, regionCode)) {
    throw forbidden('该行政区划不在您的管辖范围内');
  }

  // R35: gapless, unique numbering — the row lock of the upsert serialises issuers until commit or rollback. One
  // statement per distinct (kind, year); a kind twice in the batch takes its numbers one after the other.
  const seqs: number[] = [];
  const distinct = new Set(prepared.map((d) => `${d.kind}|${d.year}`)).size === prepared.length;
  if (distinct) {
    const rows = await ctx.database.rows<{ kind: string; year: number; last_seq: number }>(
      sql`insert into document_counters (agency_id, kind, year, last_seq)
          select ${agency.id}, u.kind, u.year, 1 from unnest(${arrayParam(prepared.map((d) => d.kind), 'text')}, ${arrayParam(prepared.map((d) => d.year), 'int')}) as u(kind, year)
          on conflict (agency_id, kind, year) do update set last_seq = document_counters.last_seq + 1
          returning kind, year, last_seq`,
      tx,
    );
    const by = new Map(rows.map((r) => [`${r.kind}|${Number(r.year)}`, Number(r.last_seq)]));
    for (const d of prepared) seqs.push(by.get(`${d.kind}|${d.year}`)!);
  } else {
    for (const d of prepared) {
      const [counter] = await ctx.database.rows<{ last_seq: number }>(
        sql`insert into document_counters (agency_id, kind, year, last_seq) values (${agency.id}, ${d.kind}, ${d.year}, 1)
            on conflict (agency_id, kind, year) do update set last_seq = document_counters.last_seq + 1
            returning last_seq`,
        tx,
      );
      seqs.push(Number(counter!.last_seq));
    }
  }
  const numbers = prepared.map((d, i) => formatDocumentNumber({ shortName: agencyShortName(agency.name), kind: d.kind as DocumentKind, year: d.year, seq: seqs[i]! }));
  prepared.forEach((d, i) => typeof d.input.content === 'function' && checkContent(d, numbers.slice(0, i)));
  const values = prepared.map((d, i) => {
    const kind = d.kind as DocumentKind;
    return {
      agencyId: agency.id,
      agencyName: agency.name,
      regionCode,
      enterpriseId,
      kind,
      year: d.year,
      seq: seqs[i]!,
      number: numbers[i]!,
      entityType: d.input.entityType,
      entityId: String(d.input.entityId),
      title: documentKindTable[kind].title,
      content: d.content,
      contentSm3: contentHash(d.content),
      issuedBy: principal.userId,
      issuedAt: d.issuedAt,
    };
  });
  const rows = await tx.insert(documents).values(values).returning();
  const entries: AuditInput[] = rows.map((row) => ({
    action: 'issue',
    entityType: 'document',
    entityId: row.id,
    regionCode,
    // The content's SM3 goes into the chain: a later change of the stored content is detectable.
    after: { number: row.number, kind: row.kind, title: row.title, agencyId: agency.id, entityType: row.entityType, entityId: row.entityId, enterpriseId, issuedAt: row.issuedAt.toISOString(), contentSm3: row.contentSm3 },
  }));
  if (audit) audit.push(...entries);
  else await appendAudit(ctx.database, tx, actorOf(principal), entries);
  return rows;
}

// ---------- reading, scoped to the caller ----------

/** WHERE condition on documents (alias `d`): the caller's region subtree, or for an enterprise user the documents served on it. */
export function documentCondition(p: Principal, alias = 'd'): SQL {
  if (p.role === 'enterprise') {
    if (p.enterpriseId == null) return sql`false`;
    return sql`${sql.raw(alias)}.enterprise_id = ${p.enterpriseId} and ${sql.raw(alias)}.kind <> all(${arrayParam([...internalDocumentKinds], 'text')})`;
  }
  return regionCondition(p, `${alias}.region_code`);
}

export function canSeeDocument(p: Principal, d: Pick<DocumentRow, 'regionCode' | 'enterpriseId' | 'kind'>): boolean {
  if (p.role === 'enterprise') return p.enterpriseId != null && d.enterpriseId === p.enterpriseId && isServedOnParty(d.kind);
  return inJurisdiction(p, d.regionCode);
}

/** One document the caller may see, or NOT_FOUND (existence outside the jurisdiction is not revealed). */
export async function loadDocument(ctx: AppContext, p: Principal, id: number): Promise<DocumentRow> {
  const [d] = await ctx.database.db.select().from(documents).where(eq(documents.id, id));
  if (!d || !canSeeDocument(p, d)) throw notFound('文书');
  return d;
}

export interface DocumentListQuery {
  entityType?: string;
  entityId?: string;
  kind?: DocumentKind;
  enterpriseId?: number;
  year?: number;
  page: number;
  pageSize: number;
}

export async function listDocuments(ctx: AppContext, p: Principal, q: DocumentListQuery) {
  const where = sql.join(
    [
      documentCondition(p),
      q.entityType ? sql`d.entity_type = ${q.entityType}` : null,
      q.entityId ? sql`d.entity_id = ${q.entityId}` : null,
      q.kind ? sql`d.kind = ${q.kind}` : null,
      q.enterpriseId ? sql`d.enterprise_id = ${q.enterpriseId}` : null,
      q.year ? sql`d.year = ${q.year}` : null,
    ].filter((c): c is SQL => c !== null),
    sql` and `,
  );
  const [rows, [count]] = await Promise.all([
    ctx.database.rows<Record<string, unknown>>(
      sql`select d.id, d.agency_id, d.agency_name, d.region_code, d.enterprise_id, d.kind, d.year, d.seq, d.number, d.entity_type, d.entity_id,
                 d.title, d.content_sm3, d.issued_by, u.display_name as issued_by_name, d.issued_at
            from documents d left join users u on u.id = d.issued_by
           where ${where} order by d.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from documents d where ${where}`),
  ]);
  return { total: Number(count?.n ?? 0), page: q.page, pageSize: q.pageSize, items: rows.map(summaryOfRaw) };
}

export interface DocumentSummary {
  id: number;
  agencyId: number;
  agencyName: string;
  regionCode: string;
  enterpriseId: number | null;
  kind: string;
  year: number;
  seq: number;
  number: string;
  entityType: string;
  entityId: string;
  title: string;
  contentSm3: string;
  issuedBy: number;
  issuedByName: string | null;
  issuedAt: string;
}

function summaryOfRaw(r: Record<string, unknown>): DocumentSummary {
  return {
    id: Number(r.id),
    agencyId: Number(r.agency_id),
    agencyName: r.agency_name as string,
    regionCode: r.region_code as string,
    enterpriseId: r.enterprise_id == null ? null : Number(r.enterprise_id),
    kind: r.kind as string,
    year: Number(r.year),
    seq: Number(r.seq),
    number: r.number as string,
    entityType: r.entity_type as string,
    entityId: r.entity_id as string,
    title: r.title as string,
    contentSm3: r.content_sm3 as string,
    issuedBy: Number(r.issued_by),
    issuedByName: (r.issued_by_name as string | null) ?? null,
    issuedAt: new Date(r.issued_at as string).toISOString(),
  };
}

export function summaryOf(d: DocumentRow, issuedByName: string | null = null): DocumentSummary {
  return {
    id: d.id,
    agencyId: d.agencyId,
    agencyName: d.agencyName,
    regionCode: d.regionCode,
    enterpriseId: d.enterpriseId,
    kind: d.kind,
    year: d.year,
    seq: d.seq,
    number: d.number,
    entityType: d.entityType,
    entityId: d.entityId,
    title: d.title,
    contentSm3: d.contentSm3,
    issuedBy: d.issuedBy,
    issuedByName,
    issuedAt: d.issuedAt.toISOString(),
  };
}
