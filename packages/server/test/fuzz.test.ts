// Seeded fuzzing of every operation in /api/openapi.json (read at test time, so a new route is fuzzed without touching
// this file), over real HTTP so a dropped connection shows, as a logged-in officer and anonymously. Whatever a client
// sends — values derived from the operation's schema and then broken (wrong types, NUL, lone surrogates, bad
// percent-encoding, huge strings and numbers, empty objects, arrays for scalars, broken JSON and multipart) — the answer
// is never a 5xx, and a 4xx carries a Chinese message.
// Reproduce a run: FUZZ_SEED=<the printed seed>; more cases: FUZZ_ROUNDS=<n> (default 4), FUZZ_BUDGET_MS (default 80 s);
// FUZZ_TRACE=1 prints every case with its status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createRng, type Rng } from '@anjian/domain';
import { createHarness, dbKinds, type Harness } from './harness.js';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 4);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 80_000);
const CJK = /[\u4e00-\u9fff]/;

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  format?: string;
  pattern?: string;
  $ref?: string;
};
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query'; schema: Schema; required: boolean }[];
  body?: Schema;
}

// Text a client might send: ordinary, Chinese, hostile.
const NASTY_STRINGS = ['', ' ', 'a\u0000b', '\u0000', 'x\ud800', '\udfff', '\ud83d\ude00', "'; drop table users; --", '<script>alert(1)</script>', '../../etc/passwd', '%00', '\u202e', '测试', 'null', '0', '-1', '1e999', '9'.repeat(30), 'x'.repeat(70_000)];
const NASTY_NUMBERS = [0, -1, -(2 ** 31), 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, 0.5, -0.0001];
// Values of a path or query parameter, already percent-encoded (lone surrogates and bad escapes cannot be made by encodeURIComponent).
const NASTY_RAW = ['%00', 'a%00', '%ED%A0%80', '%ZZ', '%C3%28', '%', '-1', '0', '99999999999999999999', '1.5', 'abc', '%E6%B5%8B', '[]', '%7B%7D', 'true', 'x'.repeat(5000), '1,2,3', '2026-02-30', '330106', '100000', '999999'];
// Text that must never reach the database: NUL, lone surrogates (raw for JSON, percent-encoded for URLs), and sheer size.
const HOSTILE_TEXT = ['a\u0000b', '\u0000', 'x\ud800', '\udfff测试', 'x'.repeat(70_000)];
const HOSTILE_RAW = ['a%00b', '%00', 'x%ED%A0%80', '%ED%B0%80', '%C3%28', '%ZZ'];

function resolve(spec: { components?: { schemas?: Record<string, Schema> } }, s: Schema | undefined): Schema {
  if (!s) return {};
  if (s.$ref) return resolve(spec, spec.components?.schemas?.[s.$ref.split('/').pop()!]);
  return s;
}

/** A value that fits the schema as far as a quick generator can make it (enums, bounds, dates, required keys). */
function valid(r: Rng, s: Schema, depth = 0, hostile = false): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return r.pick(s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return valid(r, r.pick(alts), depth, hostile);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((x) => valid(r, x, depth, hostile) as object));
  const type = Array.isArray(s.type) ? r.pick(s.type.filter((t) => t !== 'null')) : s.type;
  switch (type) {
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? 0;
      const hi = Math.min(s.maximum ?? lo + 1000, lo + 1000);
      const v = r.int(lo, Math.max(lo, hi));
      return type === 'integer' ? Math.max(v, lo > 0 ? lo : 1) : v;
    }
    case 'boolean':
      return r.chance(0.5);
    case 'array': {
      if (depth > 4) return [];
      const n = Math.max(s.minItems ?? 0, r.int(0, 2));
      return Array.from({ length: n }, () => valid(r, s.items ?? {}, depth + 1, hostile));
    }
    case 'object': {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if (s.required?.includes(k) || r.chance(0.6)) out[k] = valid(r, v, depth + 1, hostile);
      return out;
    }
    case 'string':
    default: {
      if (s.format === 'date' || s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-06-15';
      if (s.format === 'date-time') return '2026-06-15T08:00:00.000Z';
      if (s.format === 'uuid') return '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d';
      const base = r.pick(['测试内容', '杭州市西湖区', '330106', '91330106MA2XXXXX1Y', 'abc', '2026-06-15', '第九十七条']);
      const min = s.minLength ?? 0;
      const text = base.length >= min ? base.slice(0, s.maxLength ?? base.length) : base.padEnd(min, '测');
      // free text (no enum, format or pattern) passes the schema even when spoiled, and so reaches what is behind it
      return hostile && !s.pattern ? spoil(r, text) : text;
    }
  }
}

function nasty(r: Rng): unknown {
  return r.pick<() => unknown>([
    () => r.pick(NASTY_STRINGS),
    () => r.pick(NASTY_NUMBERS),
    () => null,
    () => ({}),
    () => [],
    () => [r.pick(NASTY_STRINGS)],
    () => ({ a: r.pick(NASTY_STRINGS), ['k\u0000']: 1 }),
    () => r.chance(0.5),
    () => Array.from({ length: 3000 }, (_, i) => i),
  ])();
}

/** The valid value with one part broken: a leaf replaced, a required key dropped, or an extra hostile key. */
function mutate(r: Rng, v: unknown, depth = 0): unknown {
  if (depth > 5 || v === null || typeof v !== 'object' || r.chance(0.3)) return nasty(r);
  if (Array.isArray(v)) {
    if (v.length === 0) return [nasty(r)];
    const i = r.int(0, v.length - 1);
    return v.map((x, k) => (k === i ? mutate(r, x, depth + 1) : x));
  }
  const o = { ...(v as Record<string, unknown>) };
  const keys = Object.keys(o);
  const roll = r.int(0, 3);
  if (roll === 0 && keys.length) delete o[r.pick(keys)];
  else if (roll === 1) o[r.pick(['__proto__x', 'constructor', 'id', 'x\u0000'])] = nasty(r);
  else if (keys.length) {
    const k = r.pick(keys);
    o[k] = mutate(r, o[k], depth + 1);
  } else o.extra = nasty(r);
  return o;
}

/** Hostile text built from a valid string, so it still passes length and shape checks and reaches what is behind them. */
function spoil(r: Rng, v: string): string {
  const cut = Math.min(1, v.length);
  return r.pick([
    () => `${v.slice(0, cut)}\u0000${v.slice(cut)}`,
    () => `${v.slice(0, cut)}\u0000${v.slice(cut)}`,
    () => `${v.slice(0, cut)}\ud800${v.slice(cut)}`,
    () => `${v}\udfff`,
    () => r.pick(HOSTILE_TEXT),
  ])();
}

function paramValue(r: Rng, s: Schema, ids: number[], hostile: boolean): string {
  if (hostile && s.type !== 'integer' && s.type !== 'number') {
    if (r.chance(0.4)) return r.pick(HOSTILE_RAW);
    let v = '';
    try {
      v = encodeURIComponent(String(valid(r, s)));
    } catch {
      /* keep '' */
    }
    return `${v.slice(0, 1)}${r.pick(HOSTILE_RAW)}${v.slice(1)}`;
  }
  if (r.chance(0.3)) return r.pick(NASTY_RAW);
  if (s.type === 'integer' || s.type === 'number') return String(r.chance(0.7) ? r.pick(ids) : valid(r, s));
  const v = valid(r, s);
  try {
    return encodeURIComponent(String(v));
  } catch {
    return 'x';
  }
}

interface Case {
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  note: string;
}

function makeCase(r: Rng, op: Operation, ids: number[]): Case {
  // a third of the cases put hostile text into every text parameter
  const hostile = r.chance(0.33);
  let path = op.path;
  for (const p of op.params.filter((x) => x.in === 'path')) path = path.replace(`{${p.name}}`, paramValue(r, p.schema, ids, hostile));
  const query = op.params
    .filter((p) => p.in === 'query' && (p.required || r.chance(0.5)))
    .map((p) => `${encodeURIComponent(p.name)}=${paramValue(r, p.schema, ids, hostile)}`);
  if (r.chance(0.1)) query.push(`${r.pick(['extra', '%00', 'a%ZZ'])}=${r.pick(NASTY_RAW)}`);
  const url = `${path}${query.length ? `?${query.join('&')}` : ''}`;
  if (op.method === 'GET' || op.method === 'DELETE' && !op.body) return { url, headers: {}, note: 'params' };
  const roll = r.next();
  if (roll < 0.08) {
    const boundary = 'fz' + r.int(0, 999_999);
    const broken = r.pick([
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc`,
      'garbage',
      `--${boundary}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\n12345678-aaaa\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${r.pick(['x\u0000.png', 'x'.repeat(300) + '.png', '测试.png'])}"\r\nContent-Type: image/jpeg\r\n\r\n<html></html>\r\n--${boundary}--\r\n`,
    ]);
    return { url, headers: { 'content-type': `multipart/form-data; boundary=${r.chance(0.8) ? boundary : ''}` }, body: broken, note: 'multipart' };
  }
  if (roll < 0.16) {
    const raw = r.pick<string | Buffer>(['{"a":', '{', 'null', '[]', '"x"', '123', '', '{"a":"\\ud800"}', '{"a":"\\u0000"}', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])]);
    return { url, headers: { 'content-type': 'application/json' }, body: raw, note: 'raw json' };
  }
  if (roll < 0.2) return { url, headers: { 'content-type': r.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) }, body: 'a=1&b=%00', note: 'other type' };
  const good = valid(r, op.body ?? { type: 'object' });
  const [body, note] = roll < 0.35 ? [good, 'schema body'] : roll < 0.7 ? [valid(r, op.body ?? { type: 'object' }, 0, true), 'hostile text in body'] : [mutate(r, good), 'mutated body'];
  return { url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), note };
}

describe.each(dbKinds)('fuzzing every API operation on %s', (kind) => {
  let h: Harness;
  let base: string;
  let ops: Operation[];
  let ids: number[];
  let officerCookie = '';

  /** A session straight in the table: fuzzed calls may log the officer out or change the password. */
  async function freshSession(): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const id = createHash('sha256').update(token).digest('hex');
    await h.database.rows(sql`insert into sessions (id, user_id, expires_at) select ${id}, id, now() + interval '1 hour' from users where username = 'county.officer'`);
    return `sid=${token}`;
  }

  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 60 });
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const spec = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    ops = [];
    for (const [path, item] of Object.entries<Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema: Schema }> } }>>(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        ops.push({
          method: method.toUpperCase(),
          path,
          params: (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(spec, p.schema) })),
          body: op.requestBody?.content?.['application/json'] ? resolve(spec, op.requestBody.content['application/json'].schema) : undefined,
        });
      }
    }
    // ids that exist (enterprises, officers, agencies …), so cases get past "not found" to the interesting parts
    ids = (await h.database.rows<{ id: number }>(sql`select id from enterprises order by id limit 20`)).map((x) => Number(x.id)).concat([1, 2, 3]);
    officerCookie = await freshSession();
    console.log(`fuzz on ${kind}: seed ${SEED} (FUZZ_SEED=${SEED} to reproduce), ${ops.length} operations, ${ROUNDS} rounds`);
  }, 300_000); // the embedded database's migrations and seed are slow on a loaded machine
  afterAll(() => h?.close());

  it('R35: no operation answers 5xx or drops the connection, whatever the client sends; 4xx messages are Chinese', async () => {
    expect(ops.length).toBeGreaterThan(100);
    expect(ops.some((o) => o.path === '/api/auth/login')).toBe(true);
    const r = createRng(SEED);
    const started = Date.now();
    const failures: string[] = [];
    let sent = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0 && Date.now() - started > BUDGET_MS) break;
      for (const op of ops) {
        for (const anonymous of [false, true]) {
          const c = makeCase(r, op, ids);
          const headers: Record<string, string> = { ...c.headers, ...(anonymous ? {} : { cookie: officerCookie }) };
          const what = `${op.method} ${c.url.slice(0, 200)} (${c.note}, ${anonymous ? 'anonymous' : 'officer'}, round ${round})`;
          let res: Response;
          try {
            res = await fetch(`${base}${c.url}`, { method: op.method, headers, body: typeof c.body === 'string' || c.body === undefined ? c.body : new Uint8Array(c.body), signal: AbortSignal.timeout(30_000) });
          } catch (err) {
            failures.push(`${what}: connection failed — ${(err as Error).message}`);
            continue;
          }
          sent++;
          const text = await res.text();
          if (process.env.FUZZ_TRACE) console.log(`${res.status} ${what} ${typeof c.body === 'string' ? c.body.slice(0, 150) : ''}`); // FUZZ_TRACE=1 lists every case
          if (res.status >= 500) failures.push(`${what}: ${res.status} ${text.slice(0, 200)}`);
          else if (res.status >= 400) {
            let message = '';
            try {
              message = JSON.parse(text).message;
            } catch {
              /* not JSON */
            }
            if (!CJK.test(message ?? '')) failures.push(`${what}: ${res.status} without a Chinese message: ${text.slice(0, 200)}`);
          }
          if (!anonymous && (res.status === 401 || op.path === '/api/auth/logout')) officerCookie = await freshSession();
        }
      }
    }
    console.log(`fuzz on ${kind}: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}`);
    expect(failures, `seed ${SEED}`).toEqual([]);
  }, 240_000);
});
