// The load generator of bench/inspection.ts, run as a child process (fork with tsx) so that its CPU and memory are
// not the server's: C concurrent clients, each submitting complete inspection records back to back.
//   mode 'api': the officer's phone over HTTP — 2 requests per record (the unplanned inspection registered and filed;
//               one multipart sync of the whole visit with its photo),
//               one session per client (logged in up front)
//   mode 'pg':  the baseline — the same rows inserted with plain `pg`, one transaction per record, one connection per client
// Protocol (IPC): parent → {type:'config', config}; child → {type:'ready'}; parent → {type:'start'};
// child → {type:'result', result} and exits.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export interface ClientSpec {
  username: string;
  password: string;
  userId: number;
  agencyId: number;
  enterprises: { id: number; industry: string; regionCode: string; address: string }[];
  officerIds: number[];
  officerNames: string[];
}

export interface LoadConfig {
  mode: 'api' | 'pg';
  /** api: http://127.0.0.1:port */
  base?: string;
  /** pg: the scratch database */
  databaseUrl?: string;
  clients: ClientSpec[];
  warmupMs: number;
  durationMs: number;
  photoBytes: number;
  today: string;
  hazardDeadline: string;
  /** pg: check items per industry (what the API files by default) */
  itemsByIndustry?: Record<string, string[]>;
  /** pg: document contents of one record the API completed, inserted as they are */
  documentTemplates?: { inspection_record: unknown; rectification_order: unknown };
  year?: number;
}

export const STEPS = ['file', 'sync'] as const;
export type Step = (typeof STEPS)[number];

export interface LoadResult {
  mode: 'api' | 'pg';
  /** records completed inside the measurement window */
  completedInWindow: number;
  windowMs: number;
  /** duration of each record that started inside the window (ms) */
  recordMs: number[];
  /** api: round-trip per request that started inside the window, by step; pg: the one transaction per record */
  requestMs: Partial<Record<Step | 'transaction', number[]>>;
  /** api: the server's own time per request (server-timing app;dur) by step */
  serverMs: Partial<Record<Step, number[]>>;
  errors: number;
  errorSamples: string[];
  /** records started in total (warm-up and drain included) */
  started: number;
  cpuMs: number;
  peakRss: number;
}

const LEGAL_BASIS = '《中华人民共和国安全生产法》第六十五条';
const SUMMARY = '发现问题3项：当场整改1项，责令限期整改隐患1项，涉嫌违法行为1项已移交立案';

/** One client's record loop. `timed` records a request's latency when it started inside the window. */
type Timer = (step: Step, ms: number, serverMs?: number) => void;

class ApiClient {
  cookie = '';
  private photo: Buffer;
  private n = 0;
  constructor(
    readonly base: string,
    readonly spec: ClientSpec,
    photoBytes: number,
    readonly cfg: LoadConfig,
  ) {
    // A JPEG-looking 200 KB photo; its first bytes change per upload so every photo has its own SM3 and file.
    this.photo = randomBytes(photoBytes);
    this.photo.set([0xff, 0xd8, 0xff, 0xe0], 0);
  }

  async login(): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: this.spec.username, password: this.spec.password }) });
    if (res.status !== 200) throw new Error(`login ${this.spec.username}: ${res.status} ${await res.text()}`);
    const sid = res.headers.getSetCookie().find((c) => c.startsWith('sid='));
    if (!sid) throw new Error('login: no sid cookie');
    this.cookie = sid.split(';')[0]!;
    await res.arrayBuffer();
  }

  private async call(timer: Timer, step: Step, method: string, url: string, body: unknown, expect: number, parse = false): Promise<Record<string, unknown> | null> {
    const t0 = performance.now();
    // the phone asks for lean answers (RFC 7240): it keeps the record itself
    const res = await fetch(`${this.base}${url}`, { method, headers: { cookie: this.cookie, 'content-type': 'application/json', prefer: 'return=minimal' }, body: JSON.stringify(body ?? {}) });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== expect) throw new Error(`${step} ${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
    timer(step, ms, serverTime(res));
    return parse ? (JSON.parse(text) as Record<string, unknown>) : null;
  }

  /** The sync as multipart: the body as JSON in `sync`, then the photo's file (found by its SM3). */
  private async syncWithPhoto(timer: Timer, url: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const boundary = `----anjianbench${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="sync"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(body)}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场照片.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      this.photo,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const t0 = performance.now();
    const res = await fetch(`${this.base}${url}`, { method: 'POST', headers: { cookie: this.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: payload });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`sync POST ${url}: ${res.status} ${text.slice(0, 300)}`);
    timer('sync', ms, serverTime(res));
    return JSON.parse(text) as Record<string, unknown>;
  }

  /**
   * The sequence an officer's phone performs for one complete inspection record (issue #20): online before going out,
   * the unplanned inspection registered and filed in one request; on site, offline, everything is recorded on the
   * phone; back online, ONE multipart sync of the whole visit with the photo (its SM3, capture time and position).
   */
  async record(r: number, timer: Timer): Promise<void> {
    const e = this.spec.enterprises[r % this.spec.enterprises.length]!;
    const { today } = this.cfg;
    const ins = (await this.call(
      timer,
      'file',
      'POST',
      '/api/inspections',
      {
        clientId: randomUUID(),
        enterpriseId: e.id,
        origin: 'unplanned',
        unplanned: { trigger: 'complaint', reason: '群众投诉企业违规动火作业' },
        legalBasis: LEGAL_BASIS,
        plannedDate: today,
        officerIds: this.spec.officerIds,
      },
      201,
      true,
    ))!;
    const id = ins.id as number;
    const at = () => new Date().toISOString();
    const enteredAt = at();
    const codes = (ins.items as { code: string }[]).map((i) => i.code);
    const bad = new Set(['G07', 'G09', 'G11']);
    const spot = randomUUID();
    // the photo taken on site: its first bytes change per record so every photo has its own SM3 and file
    this.photo.writeUInt32BE(this.n++, 4);
    this.photo.writeUInt32BE(this.spec.userId, 8);
    this.photo.writeDoubleBE(Date.now(), 12);
    const sm3 = createHash('sm3').update(this.photo).digest('hex');
    const body = {
      enteredAt,
      credentialsShownAt: at(),
      commitment: { signerNames: this.spec.officerNames, signedAt: at() },
      answers: codes.map((c) => ({ itemCode: c, result: bad.has(c) ? 'nonconform' : 'conform', note: bad.has(c) ? '现场发现问题' : '', answeredAt: at() })),
      exams: [{ clientId: randomUUID(), personName: '王总', position: '主要负责人', questions: '本单位重大危险源管理要求', score: 85, at: at() }],
      certificates: [{ clientId: randomUUID(), holderName: '李工', certificateType: '特种作业操作证（焊接与热切割）', certificateNo: 'T330106199001011234', validTo: this.cfg.hazardDeadline, at: at() }],
      photos: [{ clientId: randomUUID(), itemCode: 'G07', findingClientId: spot, sm3, capturedAt: enteredAt, latitude: 30.2741, longitude: 120.1551, accuracy: 15 }],
      findings: [
        { clientId: spot, itemCode: 'G07', description: '安全警示标志缺失', disposition: 'fixed_on_spot', at: at() },
        { clientId: randomUUID(), itemCode: 'G09', description: '隐患排查治理台账未建立', disposition: 'hazard', requirement: '建立隐患排查治理台账', deadline: this.cfg.hazardDeadline, responsiblePerson: '张安全', at: at() },
        { clientId: randomUUID(), itemCode: 'G11', description: '动火作业未履行审批手续', disposition: 'violation', at: at() },
      ],
      completion: { summary: SUMMARY, completedAt: at() },
    };
    const done = await this.syncWithPhoto(timer, `/api/inspections/${id}/sync`, body);
    if (done.status !== 'completed') throw new Error(`sync ${id}: status ${String(done.status)}`);
  }
}

function serverTime(res: Response): number | undefined {
  const m = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
  return m ? Number(m[1]) : undefined;
}

// ---------- the baseline: the same rows, plain pg, one transaction per record ----------

const ZERO_HASH = '0'.repeat(64);

class PgClient {
  private n = 0;
  constructor(
    readonly client: pg.PoolClient,
    readonly spec: ClientSpec,
    readonly cfg: LoadConfig,
  ) {}

  async record(r: number): Promise<void> {
    const c = this.client;
    const e = this.spec.enterprises[r % this.spec.enterprises.length]!;
    const { today, hazardDeadline } = this.cfg;
    const uid = this.spec.userId;
    const codes = this.cfg.itemsByIndustry![e.industry]!;
    const bad = new Set(['G07', 'G09', 'G11']);
    const now = new Date().toISOString();
    const q = async <T = Record<string, unknown>>(text: string, params: unknown[]) => (await c.query(text, params)).rows as T[];
    await c.query('begin');
    try {
      const [u] = await q<{ id: number }>(
        `insert into unplanned_requests (agency_id, enterprise_id, region_code, trigger, reason, status, joint_with_agency_id, requested_by, planned_date)
         values ($1, $2, $3, 'complaint', '群众投诉企业违规动火作业', 'recorded', null, $4, $5) returning id`,
        [this.spec.agencyId, e.id, e.regionCode, uid, today],
      );
      const commitment = { text: '我们承诺：严格依法依规开展执法检查……', signers: this.spec.officerNames, signedAt: now };
      const exams = [{ clientId: randomUUID(), personName: '王总', position: '主要负责人', questions: '本单位重大危险源管理要求', score: 85, passed: true, at: now }];
      const certs = [{ clientId: randomUUID(), holderName: '李工', certificateType: '特种作业操作证（焊接与热切割）', certificateNo: 'T330106199001011234', validTo: hazardDeadline, valid: true, at: now }];
      const [ins] = await q<{ id: number }>(
        `insert into inspections (client_id, agency_id, enterprise_id, region_code, origin, unplanned_request_id, legal_basis, planned_date, place, officer_ids, item_codes,
           catalog_version, status, filed_at, filed_by, entered_at, entry_date, credentials_shown_at, commitment, exams, certificates, summary, completed_at, public_token, created_by)
         values ($1, $2, $3, $4, 'unplanned', $5, $6, $7, $8, $9, $10, 1, 'completed', now(), $11, now(), $7, now(), $12, $13, $14, $15, now(), $16, $11) returning id`,
        [randomUUID(), this.spec.agencyId, e.id, e.regionCode, u!.id, LEGAL_BASIS, today, e.address, this.spec.officerIds, codes, uid, commitment, JSON.stringify(exams), JSON.stringify(certs), SUMMARY, randomBytes(16).toString('base64url')],
      );
      const id = ins!.id;
      await c.query(
        `insert into inspection_answers (inspection_id, item_code, result, note, answered_by, answered_at)
         select $1, code, case when code = any($3) then 'nonconform' else 'conform' end, case when code = any($3) then '现场发现问题' else '' end, $4, now() from unnest($2::text[]) code`,
        [id, codes, [...bad], uid],
      );
      const spot = randomUUID();
      const sm3 = randomBytes(32).toString('hex');
      const [ev] = await q<{ id: number }>(
        `insert into evidence (client_id, region_code, enterprise_id, inspection_id, item_code, finding_client_id, kind, mime, size, sm3, original_name, uploaded_by,
           captured_at, capture_latitude, capture_longitude, capture_accuracy, sm3_verified)
         values ($1, $2, $3, $4, 'G07', $5, 'photo', 'image/jpeg', $6, $7, '现场照片.jpg', $8, now(), 30.2741, 120.1551, 15, true) returning id`,
        [randomUUID(), e.regionCode, e.id, id, spot, this.cfg.photoBytes, sm3, uid],
      );
      const finding = (clientId: string, item: string, description: string, disposition: string) =>
        q<{ id: number }>(
          `insert into findings (client_id, inspection_id, region_code, item_code, description, disposition, major, created_by) values ($1, $2, $3, $4, $5, $6, false, $7) returning id`,
          [clientId, id, e.regionCode, item, description, disposition, uid],
        );
      const [f1] = await finding(spot, 'G07', '安全警示标志缺失', 'fixed_on_spot');
      const [f2] = await finding(randomUUID(), 'G09', '隐患排查治理台账未建立', 'hazard');
      const [f3] = await finding(randomUUID(), 'G11', '动火作业未履行审批手续', 'violation');
      const [pc] = await q<{ id: number }>(
        `insert into penalty_cases (agency_id, enterprise_id, region_code, status, source_inspection_id, source_finding_id, facts, created_by) values ($1, $2, $3, 'draft', $4, $5, '动火作业未履行审批手续', $6) returning id`,
        [this.spec.agencyId, e.id, e.regionCode, id, f3!.id, uid],
      );
      const [hz] = await q<{ id: number }>(
        `insert into hazards (finding_id, inspection_id, enterprise_id, agency_id, region_code, description, requirement, major, responsible_person, deadline, status)
         values ($1, $2, $3, $4, $5, '隐患排查治理台账未建立', '建立隐患排查治理台账', false, '张安全', $6, 'open') returning id`,
        [f2!.id, id, e.id, this.spec.agencyId, e.regionCode, hazardDeadline],
      );
      await c.query(`update findings set hazard_id = $1 where id = $2`, [hz!.id, f2!.id]);
      await c.query(`update findings set penalty_case_id = $1 where id = $2`, [pc!.id, f3!.id]);
      const docIds: number[] = [];
      for (const kind of ['inspection_record', 'rectification_order'] as const) {
        const [counter] = await q<{ last_seq: number }>(
          `insert into document_counters (agency_id, kind, year, last_seq) values ($1, $2, $3, 1)
           on conflict (agency_id, kind, year) do update set last_seq = document_counters.last_seq + 1 returning last_seq`,
          [this.spec.agencyId, kind, this.cfg.year],
        );
        const seq = Number(counter!.last_seq);
        const [d] = await q<{ id: number }>(
          `insert into documents (agency_id, agency_name, region_code, enterprise_id, kind, year, seq, number, entity_type, entity_id, title, content, content_sm3, issued_by, issued_at)
           values ($1, '基准', $2, $3, $4, $5, $6, $7, 'inspection', $8, $9, $10, $11, $12, now()) returning id`,
          [this.spec.agencyId, e.regionCode, e.id, kind, this.cfg.year, seq, `基准${kind}〔${this.cfg.year}〕${seq}号`, String(id), kind, JSON.stringify(this.cfg.documentTemplates![kind]), randomBytes(32).toString('hex'), uid],
        );
        docIds.push(d!.id);
      }
      // The 17 audit entries of the record, without the chain (no lock, no SM3): a copy of audit_log.
      const ent = (action: string, entityType: string, entityId: number, after: unknown) => ({ action, entityType, entityId: String(entityId), after: JSON.stringify(after) });
      const audit = [
        ent('create', 'unplanned', u!.id, { enterpriseId: e.id, trigger: 'complaint', status: 'recorded', plannedDate: today }),
        ent('file', 'inspection', id, { enterpriseId: e.id, origin: 'unplanned', plannedDate: today, officerIds: this.spec.officerIds, itemCount: codes.length, legalBasis: LEGAL_BASIS }),
        ent('enter', 'inspection', id, { status: 'in_progress', enteredAt: now, entryDate: today }),
        ent('show_credentials', 'inspection', id, { credentialsShownAt: now }),
        ent('sign_commitment', 'inspection', id, { commitment }),
        ent('answer', 'inspection', id, { answers: codes.map((cd) => ({ itemCode: cd, result: bad.has(cd) ? 'nonconform' : 'conform', note: bad.has(cd) ? '现场发现问题' : '' })) }),
        ent('exam', 'inspection', id, exams[0]),
        ent('certificate_check', 'inspection', id, certs[0]),
        ent('evidence', 'inspection', id, { evidenceId: ev!.id, sm3, size: this.cfg.photoBytes, mime: 'image/jpeg', itemCode: 'G07', capturedAt: now, sm3Verified: true }),
        ent('finding', 'inspection', id, { findingId: f1!.id, itemCode: 'G07', disposition: 'fixed_on_spot', major: false, hazardId: null, penaltyCaseId: null }),
        ent('finding', 'inspection', id, { findingId: f2!.id, itemCode: 'G09', disposition: 'hazard', major: false, hazardId: hz!.id, penaltyCaseId: null }),
        ent('create', 'hazard', hz!.id, { description: '隐患排查治理台账未建立', major: false, deadline: hazardDeadline, responsiblePerson: '张安全', trackerName: null }),
        ent('finding', 'inspection', id, { findingId: f3!.id, itemCode: 'G11', disposition: 'violation', major: false, hazardId: null, penaltyCaseId: pc!.id }),
        ent('create', 'penalty_case', pc!.id, { status: 'draft', sourceFindingId: f3!.id }),
        ent('issue', 'document', docIds[0]!, { kind: 'inspection_record', entityType: 'inspection', entityId: String(id), enterpriseId: e.id, issuedAt: now, contentSm3: ZERO_HASH }),
        ent('issue', 'document', docIds[1]!, { kind: 'rectification_order', entityType: 'inspection', entityId: String(id), enterpriseId: e.id, issuedAt: now, contentSm3: ZERO_HASH }),
        ent('complete', 'inspection', id, { summary: SUMMARY }),
      ];
      await c.query(
        `insert into audit_log_baseline (id, at, actor_id, actor_name, action, entity_type, entity_id, region_code, reason, before, after, prev_hash, hash)
         select nextval('audit_log_baseline_seq'), now(), $1, $2, a, t, i, $3, null, null, x, $4, $4 from unnest($5::text[], $6::text[], $7::text[], $8::jsonb[]) as u(a, t, i, x)`,
        [uid, this.spec.username, e.regionCode, ZERO_HASH, audit.map((a) => a.action), audit.map((a) => a.entityType), audit.map((a) => a.entityId), audit.map((a) => a.after)],
      );
      await c.query('commit');
      this.n++;
    } catch (err) {
      await c.query('rollback').catch(() => undefined);
      throw err;
    }
  }
}

// ---------- the run ----------

async function run(cfg: LoadConfig, waitForStart: () => Promise<void>): Promise<LoadResult> {
  const requestMs: LoadResult['requestMs'] = {};
  const serverMs: LoadResult['serverMs'] = {};
  const recordMs: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let started = 0;
  let completedInWindow = 0;

  // set up the clients (sessions / connections) before the clock starts
  let pool: pg.Pool | null = null;
  const connections: pg.PoolClient[] = [];
  const workers: ((r: number, timer: Timer) => Promise<void>)[] = [];
  if (cfg.mode === 'api') {
    for (const spec of cfg.clients) {
      const c = new ApiClient(cfg.base!, spec, cfg.photoBytes, cfg);
      await c.login();
      workers.push((r, t) => c.record(r, t));
    }
  } else {
    pool = new pg.Pool({ connectionString: cfg.databaseUrl, max: cfg.clients.length });
    for (const spec of cfg.clients) {
      const conn = await pool.connect();
      connections.push(conn);
      const c = new PgClient(conn, spec, cfg);
      workers.push((r) => c.record(r));
    }
  }
  await waitForStart();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const windowStart = t0 + cfg.warmupMs;
  const end = windowStart + cfg.durationMs;

  await Promise.all(
    workers.map(async (work, ci) => {
      for (let r = ci * 7; performance.now() < end; r++) {
        const rs = performance.now();
        const inWindow = rs >= windowStart;
        started++;
        const timer: Timer = (step, ms, server) => {
          if (!inWindow) return;
          (requestMs[step] ??= []).push(ms);
          if (server !== undefined) (serverMs[step] ??= []).push(server);
        };
        try {
          await work(r, timer);
          const re = performance.now();
          if (inWindow) {
            recordMs.push(re - rs);
            if (cfg.mode === 'pg') (requestMs.transaction ??= []).push(re - rs);
          }
          if (re >= windowStart && re <= end) completedInWindow++;
        } catch (err) {
          errors++;
          if (errorSamples.length < 10) errorSamples.push((err as Error).message);
          if (errors > 50 && errors > started / 10) throw new Error(`too many errors: ${errorSamples.join(' | ')}`, { cause: err });
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  for (const conn of connections) conn.release();
  await pool?.end();
  return {
    mode: cfg.mode,
    completedInWindow,
    windowMs: cfg.durationMs,
    recordMs,
    requestMs,
    serverMs,
    errors,
    errorSamples,
    started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
}

if (process.send) {
  let config: LoadConfig | null = null;
  let release: () => void = () => undefined;
  const startSignal = new Promise<void>((resolve) => (release = resolve));
  process.on('message', (m: { type: string; config?: LoadConfig }) => {
    if (m.type === 'config') {
      config = m.config!;
      run(config, async () => {
        process.send!({ type: 'ready' });
        await startSignal;
      }).then(
        (result) => process.send!({ type: 'result', result }, () => process.exit(0)),
        (err: Error) => process.send!({ type: 'error', message: err.stack ?? err.message }, () => process.exit(1)),
      );
    } else if (m.type === 'start') {
      release();
    }
  });
}
