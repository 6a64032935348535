// Loads the deterministic generator's output into the database: demo data, tests and benchmarks share it.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { generateProvince, type GenEnterprise, type GeneratedProvince } from '@anjian/domain';
import type { Database } from '../db/client.js';
import { agencies, officers, users } from '../db/schema.js';
import { appendAudit, type AuditInput } from '../modules/audit/chain.js';
import { bulkInsert, type BulkColumn } from '../lib/bulk.js';
import { hashPassword } from '../modules/auth/password.js';
import { shanghaiDate } from '../lib/diff.js';

const SYSTEM = { id: null, name: '系统初始化' };

/** Creates the agency tree of a province (real GB/T 2260 reference data). Returns regionCode → agency id. */
export async function loadAgencies(database: Database, gen: GeneratedProvince): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  await database.db.transaction(async (tx) => {
    // Parents come before children in the generator's order, so one pass resolves every parent id.
    for (let i = 0; i < gen.agencies.length; i += 500) {
      const batch = gen.agencies.slice(i, i + 500);
      // Insert level by level inside the batch so parents get ids first.
      for (const level of ['province', 'city', 'county', 'township']) {
        const rows = batch.filter((a) => a.level === level);
        if (!rows.length) continue;
        const inserted = await tx
          .insert(agencies)
          .values(rows.map((a) => ({ name: a.name, level: a.level, regionCode: a.regionCode, parentId: a.parentKey ? (ids.get(a.parentKey) ?? null) : null })))
          .returning({ id: agencies.id, regionCode: agencies.regionCode });
        for (const r of inserted) ids.set(r.regionCode, r.id);
      }
    }
    await appendAudit(
      database,
      tx,
      SYSTEM,
      gen.agencies.map((a) => ({ action: 'create', entityType: 'agency', entityId: ids.get(a.key)!, regionCode: a.regionCode, reason: '按 GB/T 2260 行政区划初始化', after: { name: a.name, level: a.level, regionCode: a.regionCode } })),
    );
  });
  return ids;
}

export async function loadOfficers(database: Database, gen: GeneratedProvince, agencyIds: Map<string, number>, opts: { audit: boolean }) {
  for (let i = 0; i < gen.officers.length; i += 2000) {
    const batch = gen.officers.slice(i, i + 2000);
    await database.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(officers)
        .values(batch.map((o) => ({ name: o.name, credentialNo: o.credentialNo, credentialValidFrom: o.credentialValidFrom, credentialValidTo: o.credentialValidTo, agencyId: agencyIds.get(o.agencyKey)!, regionCode: o.agencyKey, specialties: o.specialties, phone: o.phone })))
        .returning({ id: officers.id });
      if (opts.audit) {
        await appendAudit(
          database,
          tx,
          SYSTEM,
          inserted.map((r, k) => {
            const { agencyKey, ...fields } = batch[k]!;
            return { action: 'create', entityType: 'officer', entityId: r.id, regionCode: agencyKey, reason: '演示数据初始化', after: { id: r.id, ...fields, agencyId: agencyIds.get(agencyKey)!, version: 1 } };
          }),
        );
      }
    });
  }
}

/**
 * Enterprises in batches. With audit off (benchmarks loading a million rows) the chain gets one entry
 * per batch instead of one per enterprise; the demo and tests keep one per enterprise.
 */
export async function loadEnterprises(
  database: Database,
  gen: GeneratedProvince,
  agencyIds: Map<string, number>,
  opts: { audit: boolean; batchSize?: number; onProgress?: (n: number) => void },
) {
  const size = opts.batchSize ?? 5000;
  let batch: GenEnterprise[] = [];
  let done = 0;
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    await database.db.transaction(async (tx) => {
      const inserted = (
        await bulkInsert<GenEnterprise, { id: number }>(database, tx, 'enterprises', ENTERPRISE_COLUMNS(agencyIds), rows, sql`returning id`)
      ).map((r) => ({ id: Number(r.id) }));
      const audit: AuditInput[] = opts.audit
        ? inserted.map((r, k) => {
            const { supervisingAgencyKey, ...fields } = rows[k]!;
            return { action: 'create', entityType: 'enterprise', entityId: r.id, regionCode: fields.regionCode, reason: '演示数据初始化', after: { id: r.id, ...fields, supervisingAgencyId: agencyIds.get(supervisingAgencyKey)!, version: 1 } };
          })
        : [{ action: 'bulk_load', entityType: 'enterprise', entityId: `${inserted[0]!.id}-${inserted[inserted.length - 1]!.id}`, reason: '生成数据批量装载', after: { count: rows.length } }];
      await appendAudit(database, tx, SYSTEM, audit);
    });
    done += rows.length;
    opts.onProgress?.(done);
  };
  for (const e of gen.enterprises()) {
    batch.push(e);
    if (batch.length >= size) await flush();
  }
  await flush();
}

const ENTERPRISE_COLUMNS = (agencyIds: Map<string, number>): BulkColumn<GenEnterprise>[] => [
  ...(
    [
      ['credit_code', 'text', 'creditCode'], ['name', 'text', 'name'], ['region_code', 'text', 'regionCode'], ['address', 'text', 'address'],
      ['industry', 'text', 'industry'], ['risk_code', 'text', 'riskCode'], ['hazard_source_count', 'int', 'hazardSourceCount'],
      ['major_hazard_source_count', 'int', 'majorHazardSourceCount'], ['standardization_level', 'text', 'standardizationLevel'],
      ['credit_status', 'text', 'creditStatus'], ['fatal_accidents_3y', 'int', 'fatalAccidents3y'], ['non_site_monitored', 'boolean', 'nonSiteMonitored'],
      ['legal_representative', 'text', 'legalRepresentative'], ['contact_phone', 'text', 'contactPhone'], ['employee_count', 'int', 'employeeCount'],
    ] as const
  ).map(([name, type, key]) => ({ name, type, value: (e: GenEnterprise) => e[key] })),
  { name: 'supervising_agency_id', type: 'int', value: (e) => agencyIds.get(e.supervisingAgencyKey) },
];

export function randomPassword(): string {
  // Meets the policy: upper, lower, digit and symbol.
  return `Aj${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}#7`;
}

export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  agency: string;
}

export interface SeedOptions {
  seed?: number;
  enterprises: number;
  demo: boolean;
  provinceCode?: string;
  adminPassword?: string;
  demoPassword?: string;
  /** the day credentials are generated around (default: today); the demo year passes the real day */
  today?: string;
}

/** First start: agency tree, admin account and (unless DEMO=0) a demo province. Does nothing if already seeded. */
export async function seedIfEmpty(database: Database, opts: SeedOptions): Promise<DemoLogin[] | null> {
  const [{ n }] = (await database.rows<{ n: number }>(sql`select count(*)::int as n from users`)) as [{ n: number }];
  if (Number(n) > 0) return null;
  // Credential validity is generated around today, so the demo shows valid, expiring and expired credentials.
  const today = opts.today ?? shanghaiDate();
  const gen = generateProvince({ seed: opts.seed ?? 20260101, enterprises: opts.demo ? opts.enterprises : 0, provinceCode: opts.provinceCode, today });
  const agencyIds = await loadAgencies(database, gen);
  const provinceId = agencyIds.get(gen.agencies[0]!.key)!;
  const logins: DemoLogin[] = [];
  const adminPassword = opts.adminPassword || randomPassword();
  const regionOfAgency = new Map([...agencyIds].map(([region, id]) => [id, region]));
  const addUser = async (username: string, displayName: string, role: string, agencyId: number | null, password: string, enterpriseId: number | null = null, regionCode = '') => {
    const passwordHash = await hashPassword(password);
    const id = await database.db.transaction(async (tx) => {
      const [u] = await tx.insert(users).values({ username, displayName, role, agencyId, enterpriseId, passwordHash }).returning({ id: users.id });
      await appendAudit(database, tx, SYSTEM, [{ action: 'create', entityType: 'user', entityId: u!.id, regionCode: (agencyId ? regionOfAgency.get(agencyId) : regionCode) ?? '', reason: '初始化账户', after: { username, displayName, role, agencyId, enterpriseId } }]);
      return u!.id;
    });
    const agencyName = agencyId ? gen.agencies.find((a) => agencyIds.get(a.key) === agencyId)?.name ?? '' : '';
    logins.push({ username, password, role, agency: agencyName });
    return id;
  };
  await addUser('admin', '系统管理员', 'admin', provinceId, adminPassword);
  if (opts.demo) {
    await loadOfficers(database, gen, agencyIds, { audit: true });
    await loadEnterprises(database, gen, agencyIds, { audit: true });
    const demoPassword = opts.demoPassword || randomPassword();
    const pick = (code: string) => agencyIds.get(code) ?? provinceId;
    const prov = gen.agencies[0]!.regionCode;
    // Two neighbouring counties of the first city, so the demo shows that jurisdictions do not overlap.
    const cities = gen.agencies.filter((a) => a.level === 'city');
    const city = cities[0]!;
    const counties = gen.agencies.filter((a) => a.level === 'county' && a.parentKey === city.key);
    const county = prov === '330000' ? '330106' : counties[0]!.key; // 杭州市西湖区 in the default demo
    const county2 = prov === '330000' ? '330102' : counties[1]!.key; // 杭州市上城区
    await addUser('leader', '省厅负责人', 'leader', provinceId, demoPassword);
    await addUser('city.officer', '市局执法员', 'officer', pick(city.key), demoPassword);
    const countyOfficer = await addUser('county.officer', '县局执法员', 'officer', pick(county), demoPassword);
    // The account is one of the county's officers (with a valid credential), so "today" shows their own inspections.
    await database.rows(
      sql`update officers set user_id = ${countyOfficer} where id = (select id from officers where agency_id = ${pick(county)}
            and credential_valid_from <= ${today}::date and credential_valid_to >= ${today}::date order by id limit 1)`,
    );
    await addUser('county.leader', '县局负责人', 'leader', pick(county), demoPassword);
    await addUser('county2.officer', '邻县执法员', 'officer', pick(county2), demoPassword);
    await addUser('legal', '法制审核员', 'legal_reviewer', provinceId, demoPassword);
    await addUser('oversight', '执法监督员', 'oversight', provinceId, demoPassword);
    const [ent] = await database.rows<{ id: number; name: string; region_code: string }>(
      sql`select id, name, region_code from enterprises where region_code like ${county + '%'} order by id limit 1`,
    );
    if (ent) {
      await addUser('enterprise', `${ent.name}`.slice(0, 50), 'enterprise', null, demoPassword, Number(ent.id), ent.region_code);
      logins[logins.length - 1]!.agency = ent.name;
    }
  }
  return logins;
}

