// Bulk writes without the query builder: one array parameter per column, expanded by unnest() in SQL.
// Drizzle's builder spends much of a large import checking each value (docs/benchmarks.md § registry);
// here the cost is one string per column, and PostgreSQL parses the arrays.
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';

export type BulkType = 'text' | 'int' | 'bigint' | 'boolean' | 'timestamptz' | 'date' | 'jsonb';

export interface BulkColumn<R> {
  name: string;
  type: BulkType;
  value: (row: R) => unknown;
}

/** A value of a jsonb column that is already JSON text (e.g. the canonical JSON an audit entry was hashed over). */
export class JsonText {
  constructor(readonly text: string) {}
}

const quote = (s: string) => (s.includes('"') || s.includes('\\') ? `"${s.replace(/[\\"]/g, (c) => '\\' + c)}"` : `"${s}"`);
/** Codes, numbers and dates (region codes, categories, 2027-03-05) go unquoted: half the work of quoting them. */
const BARE = /^[0-9A-Za-z_.:+-]+$/;
const element = (s: string) => (BARE.test(s) && (s.length !== 4 || s.toUpperCase() !== 'NULL') ? s : quote(s));

/**
 * A PostgreSQL array literal ("{…}") of the values, NULL for null/undefined. Numbers and booleans go as they are, the
 * rest quoted. An object met again in the same literal (one value shared by many rows) is serialised once.
 */
export function arrayLiteral(values: readonly unknown[], type: BulkType): string {
  let seen: Map<unknown, string> | undefined;
  const parts = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return type === 'jsonb' ? quote(String(v)) : String(v);
    if (typeof v === 'string' && type !== 'jsonb') return element(v);
    const known = seen?.get(v);
    if (known !== undefined) return known;
    let s: string;
    if (type === 'jsonb') s = v instanceof JsonText ? v.text : JSON.stringify(v);
    else if (v instanceof Date) s = v.toISOString();
    else s = String(v);
    const quoted = quote(s);
    (seen ??= new Map()).set(v, quoted);
    return quoted;
  });
  return `{${parts.join(',')}}`;
}

/** insert into <table> (<columns>) select … from unnest($1::t1[], $2::t2[], …) [<tail>] — `tail` is trusted SQL. */
function bulkSql<R>(table: string, columns: BulkColumn<R>[], rows: readonly R[], tail: SQL): SQL {
  const arrays = columns.map((c) => sql`${arrayLiteral(rows.map(c.value), c.type)}::${sql.raw(c.type)}[]`);
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
  return sql`insert into ${sql.raw(`"${table}"`)} (${names}) select * from unnest(${sql.join(arrays, sql`, `)}) ${tail}`;
}

/** A value in COPY's text format: \\N for null; backslash, tab, newline and carriage return escaped. */
function copyField(v: unknown, type: BulkType): string {
  if (v === null || v === undefined) return '\\N';
  let s: string;
  if (type === 'jsonb') s = v instanceof JsonText ? v.text : JSON.stringify(v);
  else if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  else if (typeof v === 'boolean') return v ? 't' : 'f';
  else if (v instanceof Date) s = v.toISOString();
  else s = String(v);
  return COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : s;
}
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** The rows in COPY's text format (a line per row, columns separated by tabs). */
function copyText<R>(columns: readonly BulkColumn<R>[], rows: readonly R[]): string {
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let line = copyField(columns[0]!.value(row), columns[0]!.type);
    for (let c = 1; c < columns.length; c++) line += '\t' + copyField(columns[c]!.value(row), columns[c]!.type);
    lines[i] = line;
  }
  return lines.join('\n') + '\n';
}

/**
 * A COPY of the rows into the table, as a step of a StatementQueue: for the largest writes (a province's plan entries),
 * which PostgreSQL stores at about half the cost of the unnest form (1.8 s against 3.4 s for 415,837 entries).
 */
export function bulkCopy<R>(table: string, columns: readonly BulkColumn<R>[], rows: readonly R[]): Step | null {
  if (!rows.length) return null;
  const text = copyText(columns, rows);
  const names = columns.map((c) => c.name);
  return (database, tx) => database.copyFrom(table, names, text, tx);
}

/** Bulk insert (ON CONFLICT …, RETURNING … as `tail`), in chunks to bound the statement size. */
export async function bulkInsert<R, T = Record<string, unknown>>(
  database: Database,
  tx: Db,
  table: string,
  columns: BulkColumn<R>[],
  rows: R[],
  tail: SQL = sql``,
  chunk = 5000,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += chunk) out.push(...(await database.rows<T>(bulkSql(table, columns, rows.slice(i, i + chunk), tail), tx)));
  return out;
}

/** One bulk insert of all the rows (no chunks), for a StatementQueue. */
export function bulkInsertSql<R>(table: string, columns: BulkColumn<R>[], rows: readonly R[]): SQL | null {
  return rows.length ? bulkSql(table, columns, rows, sql``) : null;
}

/** What a StatementQueue runs: a statement, or a write of its own (a COPY) on the transaction's connection. */
export type Step = SQL | ((database: Database, tx: Db) => Promise<unknown>);

/**
 * Statements of one transaction run one after another while the caller goes on preparing the next ones: PostgreSQL
 * stores a batch while Node computes the following one. Each is sent as soon as the one before has run; after a
 * failure nothing more is sent. The caller drains the queue before its transaction ends.
 */
export class StatementQueue {
  private last: Promise<unknown> = Promise.resolve();
  private readonly pending: Promise<unknown>[] = [];
  constructor(
    private readonly database: Database,
    private readonly tx: Db,
  ) {}

  send(step: Step | null): void {
    if (!step) return;
    const run = typeof step === 'function' ? () => step(this.database, this.tx) : () => this.database.rows(step, this.tx);
    const done = this.last.then(run);
    done.catch(() => undefined); // drained (and so awaited) later; a failure meanwhile must not count as unhandled
    this.last = done;
    this.pending.push(done);
  }

  /** Waits until at most `keep` statements are still queued or running; throws the first failure. */
  async drain(keep = 0): Promise<void> {
    while (this.pending.length > keep) await this.pending.shift();
  }
}

/** A JS array as one typed array parameter (drizzle's sql`` would expand it into a row of parameters). */
export function arrayParam(values: readonly unknown[], type: BulkType): SQL {
  return sql`${arrayLiteral([...values], type)}::${sql.raw(type)}[]`;
}
