// Enterprise import from .xlsx / .csv: parse → validate every row (preview with reasons) → commit in one
// transaction, idempotent by credit code (a re-import updates, an identical row changes nothing).
// The job keeps the uploaded file, not the parsed rows: the commit reads and validates the file again, so it
// writes what is valid at commit time (the register, the agencies or the user's rights may have changed since
// the preview). Reading a 100,000-row .xlsx takes well under a second (importXlsx.ts), so this costs little.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { checkCreditCode, regionPath, type AgencyLevel } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { agencies, enterprises, importJobs } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { changedFields } from '../../lib/diff.js';
import { arrayLiteral, bulkInsert, type BulkColumn } from '../../lib/bulk.js';
import { appendAudit, type AuditInput } from '../audit/chain.js';
import { actorOf, canAssignSupervision, inJurisdiction, requirePermission, type Principal } from '../auth/principal.js';
import { enumLookup, importColumns } from './columns.js';
import { enterpriseCreateSchema, type EnterpriseCreate } from '@anjian/domain/contract/registry';
import { CODE_UNAVAILABLE, HIGHER_LEVEL, regionProblem } from './enterpriseService.js';
import { chineseReason, keepLease, leaseEnd, PROCESS_ID } from '../jobs/leases.js';
import { xlsxRowSlices, type SheetRow } from './importXlsx.js';

export const MAX_IMPORT_ROWS = 200_000;
const MAX_REPORTED_ERRORS = 1000;
const PROGRESS_EVERY = 5000;

export interface RowError {
  row: number;
  creditCode: string;
  name: string;
  messages: string[];
}
interface ValidRow {
  row: number;
  data: EnterpriseCreate;
  /** R1: the level's agency is above the importer's (it may update such an enterprise of its region, not create one) */
  higherLevel?: boolean;
}
type RawRow = { row: number; cells: Record<string, string> };

export type ImportStatus = 'parsing' | 'previewed' | 'committing' | 'committed' | 'failed';

// ---------- parsing ----------

function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((t) => t.text).join('').trim();
    if (o.text != null) return String(o.text).trim();
    if (o.result != null) return String(o.result).trim();
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v).trim();
}

/** CSV written by Excel in China is often GB18030: take UTF-8 when the bytes are valid UTF-8, else GB18030. */
export function decodeCsv(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** The rows of a spreadsheet, in slices: ExcelJS for CSV (small files), importXlsx for .xlsx. */
function sheetSlices(buf: Buffer, fileName: string): AsyncIterable<SheetRow[]> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) {
    return (async function* () {
      const wb = new ExcelJS.Workbook();
      const ws = await wb.csv.read(Readable.from([decodeCsv(buf)]), { parserOptions: { delimiter: ',', quote: '"' } } as never);
      const rows: SheetRow[] = [];
      ws.eachRow({ includeEmpty: false }, (row, n) => {
        rows.push({ n, values: (row.values as unknown[]).slice(1).map(cellText) });
      });
      for (let i = 0; i < rows.length; i += PROGRESS_EVERY) yield rows.slice(i, i + PROGRESS_EVERY);
    })();
  }
  if (lower.endsWith('.xlsx')) {
    if (buf.subarray(0, 2).toString('latin1') !== 'PK') throw new AppError('INVALID_FILE', '文件不是有效的 .xlsx 工作簿');
    return xlsxRowSlices(buf);
  }
  throw new AppError('INVALID_FILE', '仅支持 .xlsx 或 .csv 文件');
}

/** The data rows of the file, in slices, after its header row (which must have the required columns). */
async function* rowSlices(buf: Buffer, fileName: string): AsyncGenerator<RawRow[]> {
  let headers: string[] | undefined;
  let count = 0;
  for await (const slice of sheetSlices(buf, fileName)) {
    let rows = slice;
    if (!headers) {
      headers = rows[0]!.values.map((h) => h.replace(/[*＊\s]/g, ''));
      const missing = importColumns.filter((c) => c.required && !headers!.includes(c.header)).map((c) => c.header);
      if (missing.length) throw new AppError('INVALID_FILE', `缺少必填列：${missing.join('、')}。请使用导入模板`);
      rows = rows.slice(1);
    }
    count += rows.length;
    if (count > MAX_IMPORT_ROWS) throw new AppError('INVALID_FILE', `单次最多导入${MAX_IMPORT_ROWS}行，请拆分文件`);
    const h = headers;
    yield rows.map(({ n, values }) => {
      const cells: Record<string, string> = {};
      for (let i = 0; i < h.length; i++) cells[h[i]!] = values[i] ?? '';
      return { row: n, cells };
    });
  }
  if (!headers) throw new AppError('INVALID_FILE', '文件中没有数据');
}

// ---------- validation ----------

interface AgencyRef {
  id: number;
  name: string;
  level: string;
  regionCode: string;
}

const lookups = new Map(importColumns.filter((c) => c.kind === 'enum').map((c) => [c.key, enumLookup(c)]));

function toInput(raw: RawRow, agencyByRegion: Map<string, AgencyRef>): { data?: EnterpriseCreate; messages: string[] } {
  const messages: string[] = [];
  const obj: Record<string, unknown> = {};
  for (const c of importColumns) {
    const v = raw.cells[c.header] ?? '';
    if (v === '') {
      if (c.required) messages.push(`${c.header}不能为空`);
      continue;
    }
    if (c.kind === 'int') {
      if (!/^\d+$/.test(v)) messages.push(`${c.header}应为非负整数，实际为“${v}”`);
      else obj[c.key] = Number(v);
    } else if (c.kind === 'bool') {
      if (['是', 'Y', 'y', '1', 'true', 'TRUE'].includes(v)) obj[c.key] = true;
      else if (['否', 'N', 'n', '0', 'false', 'FALSE'].includes(v)) obj[c.key] = false;
      else messages.push(`${c.header}应填“是”或“否”，实际为“${v}”`);
    } else if (c.kind === 'enum') {
      const value = lookups.get(c.key)!.get(v);
      if (!value) messages.push(`${c.header}“${v}”不是可选值（可选：${Object.values(c.labels ?? {}).join('、')}）`);
      else obj[c.key] = value;
    } else {
      obj[c.key] = c.key === 'creditCode' ? v.toUpperCase() : v;
    }
  }
  if (obj.creditCode) {
    const cc = checkCreditCode(obj.creditCode as string);
    if (!cc.ok) messages.push(cc.message);
  }
  if (obj.regionCode) {
    const rp = regionProblem(obj.regionCode as string);
    if (rp) messages.push(rp);
    else if (obj.supervisingLevel) {
      // R1: the level and the enterprise's place name exactly one agency.
      const level = obj.supervisingLevel as AgencyLevel;
      const place = regionPath(obj.regionCode as string).find((r) => r.level === level);
      const agency = place ? agencyByRegion.get(place.code) : undefined;
      if (!agency) messages.push(`该企业所在地没有${c(level)}执法主体`);
      else obj.supervisingAgencyId = agency.id;
    }
  }
  delete obj.supervisingLevel;
  if (messages.length) return { messages };
  const parsed = enterpriseCreateSchema.safeParse(obj);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const col = importColumns.find((c) => c.key === issue.path[0]);
      messages.push(`${col?.header ?? String(issue.path[0])}：${issue.message}`);
    }
    return { messages };
  }
  if (parsed.data.majorHazardSourceCount > parsed.data.hazardSourceCount) {
    return { messages: ['重大危险源数量不能大于危险源数量'] };
  }
  return { data: parsed.data, messages };
}

function c(level: AgencyLevel): string {
  return { province: '省级', city: '市级', county: '县级', township: '乡镇（街道）' }[level];
}

interface Classified {
  creates: ValidRow[];
  updates: { row: ValidRow; id: number; before: Record<string, unknown>; after: Record<string, unknown> }[];
  unchanged: number;
  errors: RowError[];
}

/** Column list for bulk writes of import rows (snake_case names from the Drizzle schema). */
const ENTERPRISE_BULK: BulkColumn<ValidRow>[] = (
  [
    ['creditCode', 'text'], ['name', 'text'], ['regionCode', 'text'], ['address', 'text'], ['industry', 'text'], ['riskCode', 'text'],
    ['hazardSourceCount', 'int'], ['majorHazardSourceCount', 'int'], ['standardizationLevel', 'text'], ['creditStatus', 'text'],
    ['fatalAccidents3y', 'int'], ['nonSiteMonitored', 'boolean'], ['legalRepresentative', 'text'], ['contactPhone', 'text'],
    ['employeeCount', 'int'], ['supervisingAgencyId', 'int'],
  ] as const
).map(([key, type]) => ({ name: enterprises[key].name, type, value: (r: ValidRow) => r.data[key] }));

const FIELD_KEYS = [
  'name', 'regionCode', 'address', 'industry', 'riskCode', 'hazardSourceCount', 'majorHazardSourceCount',
  'standardizationLevel', 'creditStatus', 'fatalAccidents3y', 'nonSiteMonitored', 'legalRepresentative',
  'contactPhone', 'employeeCount',
] as const;

/** Sorts valid rows into creates, updates and unchanged against what is stored now (locked when in a commit). */
async function classify(ctx: AppContext, p: Principal, rows: ValidRow[], tx?: Db): Promise<Classified> {
  const out: Classified = { creates: [], updates: [], unchanged: 0, errors: [] };
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000);
    const codes = batch.map((r) => r.data.creditCode);
    const existing = await ctx.database.rows(
      sql`select id, credit_code, name, region_code, address, industry, risk_code, hazard_source_count, major_hazard_source_count,
            standardization_level, credit_status, fatal_accidents_3y, non_site_monitored, legal_representative, contact_phone,
            employee_count, supervising_agency_id
          from enterprises where credit_code = any(${arrayLiteral(codes, 'text')}::text[])${tx ? sql` for update` : sql``}`,
      tx,
    );
    const byCode = new Map(existing.map((e) => [e.credit_code as string, e]));
    for (const r of batch) {
      const e = byCode.get(r.data.creditCode);
      if (!e) {
        if (r.higherLevel) out.errors.push(rowError(r, [HIGHER_LEVEL]));
        else out.creates.push(r);
        continue;
      }
      if (!inJurisdiction(p, e.region_code as string)) {
        // the same words whatever the reason the importer may not see: another jurisdiction's data is not revealed
        out.errors.push(rowError(r, [CODE_UNAVAILABLE]));
        continue;
      }
      if (Number(e.supervising_agency_id) !== r.data.supervisingAgencyId) {
        out.errors.push(rowError(r, ['与已登记的监管主体不一致：变更监管主体须在企业详情中单独办理']));
        continue;
      }
      const stored: Record<string, unknown> = {
        name: e.name, regionCode: e.region_code, address: e.address, industry: e.industry, riskCode: e.risk_code,
        hazardSourceCount: Number(e.hazard_source_count), majorHazardSourceCount: Number(e.major_hazard_source_count),
        standardizationLevel: e.standardization_level, creditStatus: e.credit_status, fatalAccidents3y: Number(e.fatal_accidents_3y),
        nonSiteMonitored: Boolean(e.non_site_monitored), legalRepresentative: e.legal_representative,
        contactPhone: e.contact_phone, employeeCount: Number(e.employee_count),
      };
      const next = Object.fromEntries(FIELD_KEYS.map((k) => [k, r.data[k]]));
      const diff = changedFields(stored, next);
      if (!diff) out.unchanged++;
      else out.updates.push({ row: r, id: Number(e.id), before: diff.before, after: diff.after });
    }
  }
  return out;
}

function rowError(r: ValidRow, messages: string[]): RowError {
  return { row: r.row, creditCode: r.data.creditCode, name: r.data.name, messages };
}

// ---------- jobs ----------

/** What a progress poll reads: every column but the file. */
const JOB_COLUMNS = {
  id: importJobs.id,
  userId: importJobs.userId,
  fileName: importJobs.fileName,
  status: importJobs.status,
  total: importJobs.total,
  processed: importJobs.processed,
  validCount: importJobs.validCount,
  errorCount: importJobs.errorCount,
  createCount: importJobs.createCount,
  updateCount: importJobs.updateCount,
  errors: importJobs.errors,
  message: importJobs.message,
  createdAt: importJobs.createdAt,
  updatedAt: importJobs.updatedAt,
  // a failed job that kept its file can be run again without uploading it (see retryImport)
  retryable: sql<boolean>`(${importJobs.status} = 'failed' and ${importJobs.file} is not null)`,
};

async function setJob(ctx: AppContext, id: string, patch: Partial<typeof importJobs.$inferInsert>) {
  await ctx.database.db.update(importJobs).set({ ...patch, updatedAt: new Date() }).where(eq(importJobs.id, id));
}

/** A progress figure, not awaited; it must never overwrite the final state, hence the status condition. */
function reportProgress(ctx: AppContext, id: string, status: 'parsing' | 'committing', processed: number, total?: number) {
  void ctx.database
    .rows(
      sql`update import_jobs set processed = ${processed}${total === undefined ? sql`` : sql`, total = ${total}`}, updated_at = now()
          where id = ${id} and status = ${status}`,
    )
    .catch(() => undefined);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function startImport(ctx: AppContext, p: Principal, file: { fileName: string; data: Buffer }): Promise<string> {
  requirePermission(p, 'registry.write');
  if (p.role === 'enterprise') throw new AppError('FORBIDDEN', '企业用户不能导入');
  const id = randomUUID();
  await ctx.database.rows(
    sql`insert into import_jobs (id, user_id, file_name, status, file, lease_owner, lease_until)
        values (${id}, ${p.userId}, ${file.fileName}, 'parsing', ${file.data}, ${PROCESS_ID}, ${leaseEnd(ctx)})`,
  );
  preview(ctx, p, id, file);
  return id;
}

/** Parsing runs after the response so the browser can show progress while a large file is read. */
function preview(ctx: AppContext, p: Principal, id: string, file: { fileName: string; data: Buffer }) {
  const done = runPreview(ctx, p, id, file).catch(async (err: unknown) => {
    const message = err instanceof AppError ? err.message : '文件解析失败，请检查文件格式';
    if (!(err instanceof AppError)) console.error('import preview failed', err);
    // a file that cannot be read stays unreadable; anything else may pass on a retry
    await setJob(ctx, id, { status: 'failed', message, leaseOwner: null, leaseUntil: null, ...(err instanceof AppError ? { file: null } : {}) }).catch(() => undefined);
  });
  track(ctx, id, done);
}

/** In-flight background work, so tests and shutdown can wait for it (and recovery never takes over a job of its own). */
export const running = new Map<string, Promise<unknown>>();

/** Registers a job's work as running here and renews its lease until it ends. */
function track(ctx: AppContext, id: string, done: Promise<unknown>) {
  const stop = keepLease(ctx, () =>
    ctx.database.rows(sql`update import_jobs set lease_until = ${leaseEnd(ctx)} where id = ${id} and lease_owner = ${PROCESS_ID}`),
  );
  running.set(id, done);
  void done.finally(() => {
    stop();
    running.delete(id);
  });
}

/**
 * Checks rows one by one, in file order (formats, value sets, credit code, region, R1 agency, jurisdiction,
 * duplicates within the file). The same checks run for the preview and again, chunk by chunk, in the commit.
 */
async function rowChecker(ctx: AppContext, p: Principal) {
  const agencyRows = await ctx.database.db.select().from(agencies);
  const agencyByRegion = new Map(agencyRows.map((a) => [a.regionCode, a]));
  const assignable = new Set(agencyRows.filter((a) => canAssignSupervision(p, a)).map((a) => a.id));
  const seen = new Map<string, number>();
  return (rows: RawRow[]) => {
    const valid: ValidRow[] = [];
    const errors: RowError[] = [];
    for (const raw of rows) {
      const { data, messages } = toInput(raw, agencyByRegion);
      const code = (raw.cells['统一社会信用代码'] ?? '').toUpperCase();
      if (data && !inJurisdiction(p, data.regionCode)) messages.push('企业所在地不在您的管辖范围内');
      const first = code ? seen.get(code) : undefined;
      if (first != null) messages.push(`与第${first}行的统一社会信用代码重复`);
      else if (code) seen.set(code, raw.row);
      if (data && messages.length === 0) valid.push({ row: raw.row, data, ...(assignable.has(data.supervisingAgencyId) ? {} : { higherLevel: true }) });
      else errors.push({ row: raw.row, creditCode: code, name: raw.cells['企业名称'] ?? '', messages });
    }
    return { valid, errors };
  };
}

async function runPreview(ctx: AppContext, p: Principal, id: string, file: { fileName: string; data: Buffer }) {
  const check = await rowChecker(ctx, p);
  // One pass: every slice is checked as it is read, and every 5,000 valid rows are looked up in the register while
  // the next slices are read (the lookups run in PostgreSQL, the reading and checking in Node).
  const errors: RowError[] = [];
  const lookups: Promise<Classified>[] = [];
  let batch: ValidRow[] = [];
  let total = 0;
  const lookUp = () => {
    const c = classify(ctx, p, batch);
    c.catch(() => undefined); // awaited below; a failure meanwhile must not count as unhandled
    lookups.push(c);
    batch = [];
  };
  for await (const slice of rowSlices(file.data, file.fileName)) {
    const part = check(slice);
    total += slice.length;
    errors.push(...part.errors);
    batch.push(...part.valid);
    if (batch.length >= PROGRESS_EVERY) lookUp();
    reportProgress(ctx, id, 'parsing', total);
  }
  if (batch.length) lookUp();
  const parts = await Promise.all(lookups);
  const cls = {
    creates: parts.reduce((n, c) => n + c.creates.length, 0),
    updates: parts.reduce((n, c) => n + c.updates.length, 0),
    unchanged: parts.reduce((n, c) => n + c.unchanged, 0),
    errors: parts.flatMap((c) => c.errors),
  };
  const allErrors = [...errors, ...cls.errors].sort((a, b) => a.row - b.row);
  await setJob(ctx, id, {
    status: 'previewed',
    leaseOwner: null,
    leaseUntil: null,
    processed: total,
    total,
    validCount: total - allErrors.length,
    errorCount: allErrors.length,
    createCount: cls.creates,
    updateCount: cls.updates,
    errors: allErrors.slice(0, MAX_REPORTED_ERRORS),
    message: `共${total}行：新增${cls.creates}，更新${cls.updates}，无变化${cls.unchanged}，错误${allErrors.length}`,
  });
}

export async function getJob(ctx: AppContext, p: Principal, id: string) {
  const [job] = await ctx.database.db.select(JOB_COLUMNS).from(importJobs).where(eq(importJobs.id, id));
  if (!job || job.userId !== p.userId) throw notFound('导入任务');
  const { userId: _u, ...rest } = job;
  return { ...rest, errors: rest.errors as RowError[], createdAt: job.createdAt.toISOString(), updatedAt: job.updatedAt.toISOString() };
}

/**
 * The states a commit may start from: a previewed job; a job whose commit failed or was interrupted and which kept
 * its file (a retry); a job left committing by a process whose lease expired (taken over at once, without waiting
 * for the recovery sweep).
 */
const COMMITTABLE = sql`(status = 'previewed'
  or (status = 'failed' and file is not null and attempts > 0)
  or (status = 'committing' and file is not null and (lease_until is null or lease_until < now())))`;

export async function commitImport(ctx: AppContext, p: Principal, id: string) {
  requirePermission(p, 'registry.write');
  const [job] = await ctx.database.rows<{ user_id: number; status: string; committable: boolean }>(
    sql`select user_id, status, ${COMMITTABLE} as committable from import_jobs where id = ${id}`,
  );
  if (!job || job.user_id !== p.userId) throw notFound('导入任务');
  if (!job.committable) {
    throw new AppError(
      'CONFLICT',
      job.status === 'committed' ? '该导入任务已提交，请勿重复提交' : job.status === 'committing' ? '该导入任务正在提交，请稍候' : '导入任务尚未完成预览，不能提交',
    );
  }
  // Claim the job atomically: a second click or a second process cannot commit it twice.
  const claimed = await ctx.database.rows<{ file_name: string; file: Uint8Array | null }>(
    sql`update import_jobs set status = 'committing', processed = 0, attempts = attempts + 1, message = null,
          lease_owner = ${PROCESS_ID}, lease_until = ${leaseEnd(ctx)}, updated_at = now()
        where id = ${id} and ${COMMITTABLE} returning file_name, file`,
  );
  if (claimed.length === 0) throw new AppError('CONFLICT', '该导入任务正在提交或已提交');
  const { file_name: fileName, file } = claimed[0]!;
  const done = runCommit(ctx, p, id, { fileName, data: toBuffer(file) }).catch(async (err: unknown) => {
    if (!(err instanceof AppError)) console.error('import commit failed', err);
    // The transaction was rolled back: nothing of this attempt is written. The file stays for a retry unless the
    // file itself is the problem (an AppError of reading it would come again).
    const message = err instanceof AppError ? err.message : `导入失败，本次提交的数据均未写入（${chineseReason(err)}）。可点击“重试”再次提交`;
    await setJob(ctx, id, { status: 'failed', message, leaseOwner: null, leaseUntil: null, ...(err instanceof AppError ? { file: null } : {}) }).catch(() => undefined);
  });
  track(ctx, id, done);
  return getJob(ctx, p, id);
}

const toBuffer = (file: Uint8Array | null) => (file ? Buffer.from(file.buffer, file.byteOffset, file.byteLength) : Buffer.alloc(0));

/**
 * Runs a failed or interrupted job again from its stored file, without uploading it again: the commit when a commit
 * was started (idempotent by credit code), else the preview.
 */
export async function retryImport(ctx: AppContext, p: Principal, id: string) {
  requirePermission(p, 'registry.write');
  const [job] = await ctx.database.rows<{ user_id: number; attempts: number }>(sql`select user_id, attempts from import_jobs where id = ${id}`);
  if (!job || job.user_id !== p.userId) throw notFound('导入任务');
  if (job.attempts > 0) return commitImport(ctx, p, id);
  const claimed = await ctx.database.rows<{ file_name: string; file: Uint8Array | null }>(
    sql`update import_jobs set status = 'parsing', processed = 0, message = null, lease_owner = ${PROCESS_ID}, lease_until = ${leaseEnd(ctx)}, updated_at = now()
        where id = ${id} and file is not null
          and (status = 'failed' or (status = 'parsing' and (lease_until is null or lease_until < now())))
        returning file_name, file`,
  );
  if (claimed.length === 0) throw new AppError('CONFLICT', '该导入任务无需重试（正在进行、已完成或文件已不在，请重新上传）');
  preview(ctx, p, id, { fileName: claimed[0]!.file_name, data: toBuffer(claimed[0]!.file) });
  return getJob(ctx, p, id);
}


const UPSERT_TAIL = sql.raw(
  `on conflict (credit_code) do update set ${FIELD_KEYS.map((k) => `${enterprises[k].name} = excluded.${enterprises[k].name}`).join(', ')}, version = enterprises.version + 1, updated_at = now()`,
);

/**
 * The commit, in one transaction: the file is read again and every chunk is checked again (what was valid at the
 * preview may not be now), classified against the locked stored rows, written and audited. Node checks the next
 * chunk while PostgreSQL writes the current one, so the second check costs next to nothing.
 */
async function runCommit(ctx: AppContext, p: Principal, id: string, file: { fileName: string; data: Buffer }) {
  const COMMIT_CHUNK = ctx.config.importChunkRows;
  const check = await rowChecker(ctx, p);
  const actor = actorOf(p);
  const slices = rowSlices(file.data, file.fileName)[Symbol.asyncIterator]();
  let pending: RawRow[] = [];
  let done = false;
  /** The next chunk of about COMMIT_CHUNK rows, read and checked. */
  const nextChunk = async () => {
    while (!done && pending.length < COMMIT_CHUNK) {
      const r = await slices.next();
      if (r.done) done = true;
      else pending.push(...r.value);
    }
    const rows = pending.slice(0, COMMIT_CHUNK);
    pending = pending.slice(COMMIT_CHUNK);
    return { count: rows.length, ...check(rows) };
  };
  const notImported: RowError[] = [];
  let total = 0;
  let creates = 0;
  let updates = 0;
  let unchanged = 0;
  let conflicts = 0;
  let chunk = await nextChunk();
  await ctx.database.db.transaction(async (tx) => {
    /** The previous chunk's audit entries: hashed and queued while PostgreSQL writes this chunk. */
    let audit: AuditInput[] = [];
    let auditWritten: Promise<void> = Promise.resolve();
    // Each chunk's lookup of the stored rows is queued as soon as the chunk is read and checked, behind the previous
    // chunk's writes: PostgreSQL goes from one statement to the next without waiting for Node between them.
    const lookUp = (c: typeof chunk) => {
      const looked = classify(ctx, p, c.valid, tx);
      looked.catch(() => undefined); // awaited below; a failure meanwhile must not count as unhandled
      return looked;
    };
    let classified = lookUp(chunk);
    while (chunk.count > 0) {
      const { errors } = chunk;
      total += chunk.count;
      notImported.push(...errors);
      const cls = await classified;
      notImported.push(...cls.errors);
      conflicts += cls.errors.length;
      unchanged += cls.unchanged;
      // In region order: consecutive rows land on the same pages of the region indexes.
      cls.creates.sort((a, b) => (a.data.regionCode < b.data.regionCode ? -1 : a.data.regionCode > b.data.regionCode ? 1 : 0));
      // Queued on the transaction's connection, which runs its statements one after another: the inserts, the
      // updates (the stored row takes the imported values and a new version), then the previous chunk's audit.
      const insert = bulkInsert<ValidRow, { id: number; credit_code: string }>(ctx.database, tx, 'enterprises', ENTERPRISE_BULK, cls.creates, sql`returning id, credit_code`, COMMIT_CHUNK);
      const update = cls.updates.length ? bulkInsert(ctx.database, tx, 'enterprises', ENTERPRISE_BULK, cls.updates.map((u) => u.row), UPSERT_TAIL, COMMIT_CHUNK) : null;
      // While PostgreSQL writes this chunk, Node hashes the previous chunk's audit entries and reads and checks the
      // next chunk: the commit's Node work overlaps with PostgreSQL's instead of adding to it.
      // Drizzle sends a statement only once its promise is awaited (a microtask later): let them go out first.
      await yieldToEventLoop();
      await auditWritten; // (already done: it was queued before this chunk's classification)
      auditWritten = appendAudit(ctx.database, tx, actor, audit);
      const next = nextChunk().then((c) => ({ c, looked: c.count > 0 ? lookUp(c) : classified }));
      // awaited below; a failure meanwhile must not count as unhandled
      auditWritten.catch(() => undefined);
      next.catch(() => undefined);
      const inserted = await insert;
      if (update) await update;
      const byCode = new Map(cls.creates.map((r) => [r.data.creditCode, r.data]));
      // R35: every created or updated enterprise has its audit entry, in the same transaction.
      audit = inserted.map((e) => {
        const data = byCode.get(e.credit_code)!;
        return { action: 'create', entityType: 'enterprise', entityId: Number(e.id), regionCode: data.regionCode, reason: '批量导入', after: { id: Number(e.id), ...data, version: 1 } };
      });
      for (const u of cls.updates) {
        audit.push({ action: 'update', entityType: 'enterprise', entityId: u.id, regionCode: u.row.data.regionCode, reason: '批量导入', before: u.before, after: u.after });
      }
      creates += cls.creates.length;
      updates += cls.updates.length;
      reportProgress(ctx, id, 'committing', total);
      ({ c: chunk, looked: classified } = await next);
    }
    await auditWritten;
    await appendAudit(ctx.database, tx, actor, audit);
  });
  notImported.sort((a, b) => a.row - b.row);
  await setJob(ctx, id, {
    status: 'committed',
    leaseOwner: null,
    leaseUntil: null,
    processed: total,
    total,
    validCount: total - notImported.length,
    createCount: creates,
    updateCount: updates,
    errorCount: notImported.length,
    errors: notImported.slice(0, MAX_REPORTED_ERRORS),
    file: null,
    message: `导入完成：新增${creates}，更新${updates}，无变化${unchanged}${notImported.length ? `，未导入${notImported.length}行${conflicts ? `（其中提交时发现冲突${conflicts}行）` : ''}` : ''}`,
  });
}

// ---------- template ----------

export async function templateFile(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  ws.columns = importColumns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width ?? 14 }));
  ws.addRow(Object.fromEntries(importColumns.map((c) => [c.key, c.example])));
  if (format === 'csv') {
    // BOM so that Excel opens the UTF-8 file with the right encoding.
    return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await wb.csv.writeBuffer())]);
  }
  ws.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '列', width: 20 }, { header: '说明', width: 80 }];
  for (const c of importColumns) {
    const allowed = c.labels ? `可选：${Object.values(c.labels).join('、')}` : c.kind === 'int' ? '非负整数' : c.kind === 'bool' ? '是 / 否' : '';
    help.addRow([c.header, `${c.required ? '必填。' : ''}${allowed}`]);
  }
  help.addRow(['行政区划代码', '6位区县代码或9位乡镇（街道）代码（GB/T 2260）']);
  help.addRow(['监管层级', '企业由哪一级应急管理部门监管；系统按企业所在地确定唯一的执法主体']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
