// One deterministic data generator (seed, scale) for demo data, tests and benchmarks.
// It builds a province from real GB/T 2260 divisions: agencies at four levels, officers and
// enterprises with valid credit codes and exactly one supervising agency each (R1).
import { createRng, hashString, type Rng } from './random.js';
import { withCheckChar, CREDIT_CODE_CHARSET } from '../registry/creditCode.js';
import { childRegions, getRegion, regionFullName, subtreeRegions, type Region } from '../registry/regions.js';
import { agencyNameFor } from '../registry/agencyNames.js';
import type {
  AgencyLevel,
  CreditStatus,
  Industry,
  RiskCode,
  StandardizationLevel,
} from '../registry/enums.js';
import { highRiskIndustries } from '../registry/enums.js';
import type { PlanEnterprise } from '../planning/plan.js';

export interface GenAgency {
  key: string; // the region code: one agency per region
  name: string;
  level: AgencyLevel;
  regionCode: string;
  parentKey: string | null;
}

export interface GenOfficer {
  name: string;
  credentialNo: string;
  credentialValidFrom: string; // YYYY-MM-DD
  credentialValidTo: string;
  agencyKey: string;
  specialties: Industry[];
  phone: string;
}

export interface GenEnterprise extends Omit<PlanEnterprise, 'id' | 'name' | 'supervisingAgencyId'> {
  creditCode: string;
  name: string;
  address: string;
  legalRepresentative: string;
  contactPhone: string;
  employeeCount: number;
  supervisingAgencyKey: string;
}

export interface GenOptions {
  seed: number | string;
  /** number of enterprises */
  enterprises: number;
  /** number of officers; default scales with agencies */
  officers?: number;
  /** GB/T 2260 province code, default 330000 (浙江省) */
  provinceCode?: string;
  /** "today" for credential validity, default 2026-01-01 so output does not drift with the clock */
  today?: string;
}

// Realistic proportions for a coastal manufacturing province (一般工贸 dominate).
const INDUSTRY_WEIGHTS: Record<Industry, number> = {
  mining: 3,
  hazardous_chemicals: 6,
  fireworks: 1,
  metallurgy: 3,
  dust_explosion: 7,
  ammonia_refrigeration: 2,
  industry_trade: 72,
  safety_service: 3,
  safety_training: 3,
};

const INDUSTRY_WORDS: Record<Industry, string[]> = {
  mining: ['矿业', '石料', '建材矿业', '采石'],
  hazardous_chemicals: ['化工', '石化', '精细化工', '化学品'],
  fireworks: ['烟花爆竹', '花炮'],
  metallurgy: ['金属冶炼', '钢铁', '铝业', '铜业'],
  dust_explosion: ['木业', '粉末冶金', '家具制造', '饲料'],
  ammonia_refrigeration: ['冷链物流', '食品冷藏', '水产冷冻'],
  industry_trade: ['机械制造', '纺织', '五金', '塑料制品', '电子科技', '包装材料', '汽车配件', '服装'],
  safety_service: ['安全技术咨询', '检测技术', '安全评价'],
  safety_training: ['安全培训', '职业技能培训'],
};
const BRAND = '鑫源恒达宏泰盛华丰瑞新宇佳兴隆昌永嘉东方明光金诚信合力众通远航海天'.split('');
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉鹏飞斌宇浩凯健俊帆帅旭宁龙林波海峰'.split('');
const ROADS = ['人民路', '解放路', '建设路', '工业路', '新华路', '文化路', '滨江路', '环城路', '科技路', '创业大道'];

// Which level supervises an enterprise of each industry (R1: one agency, one level).
const LEVEL_WEIGHTS: Record<Industry, Partial<Record<AgencyLevel, number>>> = {
  mining: { city: 25, county: 75 },
  hazardous_chemicals: { province: 2, city: 28, county: 70 },
  fireworks: { city: 30, county: 70 },
  metallurgy: { city: 20, county: 80 },
  dust_explosion: { county: 70, township: 30 },
  ammonia_refrigeration: { county: 60, township: 40 },
  industry_trade: { county: 40, township: 60 },
  safety_service: { province: 10, city: 60, county: 30 },
  safety_training: { city: 50, county: 50 },
};

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
}

function phone(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999999999)).padStart(9, '0')}`;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** GB 11714 organisation code (8 body characters + check) that is unique per index. */
function organisationCode(index: number, salt: number): string {
  // An affine map modulo 31^8 is a bijection when the multiplier is coprime to 31, so every index gets its own body.
  const space = 31 ** 8;
  let n = (index * 1_000_003 + salt) % space;
  let body = '';
  for (let i = 0; i < 8; i++) {
    body = CREDIT_CODE_CHARSET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i]!;
    const v = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55; // A=10 … Z=35
    sum += v * weights[i]!;
  }
  const c = 11 - (sum % 11);
  return body + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

export interface GeneratedProvince {
  agencies: GenAgency[];
  officers: GenOfficer[];
  /** enterprises are produced lazily: a million of them do not fit comfortably in memory as objects */
  enterprises(): Generator<GenEnterprise>;
  enterpriseCount: number;
}

export function generateProvince(opts: GenOptions): GeneratedProvince {
  const provinceCode = opts.provinceCode ?? '330000';
  const province = getRegion(provinceCode);
  if (!province || province.level !== 'province') throw new Error(`未知的省级行政区划代码：${provinceCode}`);
  const seedNum = typeof opts.seed === 'number' ? opts.seed : hashString(opts.seed);
  const today = new Date(`${opts.today ?? '2026-01-01'}T00:00:00Z`);

  const regions = subtreeRegions(provinceCode);
  const cityName = (r: Region): string => {
    // County agencies are named with their city, e.g. 杭州市西湖区应急管理局; "市辖区" is not a name.
    const city = r.parentCode ? getRegion(r.parentCode) : undefined;
    return city && city.name !== '市辖区' && city.name !== '县' ? city.name : '';
  };
  const agencies: GenAgency[] = [];
  for (const r of regions) {
    if (r.level === 'city' && (r.name === '市辖区' || r.name === '县')) continue;
    let parentKey = r.parentCode;
    if (r.level === 'county' && parentKey && (getRegion(parentKey)?.name === '市辖区' || getRegion(parentKey)?.name === '县')) {
      parentKey = provinceCode; // 直辖 counties report to the province
    }
    agencies.push({
      key: r.code,
      name: agencyNameFor(r.level, r.name, r.level === 'county' ? cityName(r) : r.level === 'township' ? getRegion(r.parentCode!)?.name : undefined),
      level: r.level,
      regionCode: r.code,
      parentKey,
    });
  }
  const agencyByKey = new Map(agencies.map((a) => [a.key, a]));

  // Officers: weighted to the levels that do most field work.
  const levelShare: Record<AgencyLevel, number> = { province: 30, city: 12, county: 10, township: 2 };
  const defaultOfficers = agencies.reduce((s, a) => s + levelShare[a.level], 0);
  const officerCount = opts.officers ?? defaultOfficers;
  const officerRng = createRng(seedNum ^ 0x0ff1ce);
  const totalShare = defaultOfficers;
  const officers: GenOfficer[] = [];
  const perAgency = agencies.map((a) => Math.max(a.level === 'township' ? 0 : 2, Math.round((levelShare[a.level] / totalShare) * officerCount)));
  if (opts.officers !== undefined) {
    // An explicit count is met exactly: rounding per agency falls short (20,000 gave 19,399), so the shortfall goes
    // one each to the agencies rounded down the most (largest remainder, ties in agency order). The default is untouched.
    let short = officerCount - perAgency.reduce((s, n) => s + n, 0);
    if (short > 0) {
      const remainder = (i: number) => (levelShare[agencies[i]!.level] / totalShare) * officerCount - perAgency[i]!;
      const order = agencies.map((_, i) => i).sort((x, y) => remainder(y) - remainder(x) || x - y);
      for (let k = 0; short > 0; k = (k + 1) % order.length, short--) perAgency[order[k]!]!++;
    }
  }
  let serial = 0;
  for (const [ai, a] of agencies.entries()) {
    const n = perAgency[ai]!;
    for (let i = 0; i < n && officers.length < Math.max(officerCount, agencies.length * 2); i++) {
      serial++;
      // About 6% expired: the register must show them and assignment must skip them (R4).
      const expired = officerRng.chance(0.06);
      const to = expired
        ? new Date(today.getTime() - officerRng.int(1, 300) * 86400000)
        : new Date(today.getTime() + officerRng.int(60, 5 * 365) * 86400000);
      const from = new Date(to.getTime() - 5 * 365 * 86400000);
      const specialtyCount = officerRng.int(1, 3);
      const specialties = new Set<Industry>();
      for (let k = 0; k < specialtyCount; k++) specialties.add(officerRng.weighted(INDUSTRY_WEIGHTS));
      officers.push({
        name: personName(officerRng),
        credentialNo: `${a.regionCode.slice(0, 6)}${String(serial).padStart(6, '0')}`,
        credentialValidFrom: isoDate(from),
        credentialValidTo: isoDate(to),
        agencyKey: a.key,
        specialties: [...specialties],
        phone: phone(officerRng),
      });
    }
  }

  const townships = regions.filter((r) => r.level === 'township');
  const counties = regions.filter((r) => r.level === 'county');
  const placeable = townships.length > 0 ? townships : counties;

  function* enterprises(): Generator<GenEnterprise> {
    const rng = createRng(seedNum ^ 0xe17e);
    for (let i = 0; i < opts.enterprises; i++) {
      const place = placeable[Math.floor(rng.next() * placeable.length)]!;
      const county = place.level === 'township' ? getRegion(place.parentCode!)! : place;
      const industry = rng.weighted(INDUSTRY_WEIGHTS);
      const highRisk = highRiskIndustries.includes(industry);
      const riskCode = rng.weighted<RiskCode>(
        highRisk ? { red: 8, yellow: 27, blue: 45, green: 20 } : { red: 1, yellow: 7, blue: 32, green: 60 },
      );
      const hazardSourceCount = highRisk ? rng.int(2, 30) : rng.int(0, 8);
      // Major hazard sources are among the hazard sources: never more of them (the same draws, clamped, so every
      // other generated value stays as it was).
      const majorHazardSourceCount = Math.min(
        hazardSourceCount,
        industry === 'hazardous_chemicals' || industry === 'mining' ? (rng.chance(0.4) ? rng.int(1, 4) : 0) : rng.chance(0.02) ? 1 : 0,
      );
      const level = rng.weighted(LEVEL_WEIGHTS[industry] as Record<AgencyLevel, number>);
      const supervisingAgencyKey = agencyKeyAt(level, place, provinceCode, agencyByKey);
      const org = organisationCode(i, seedNum % 1_000_000);
      const creditCode = withCheckChar(`91${county.code}${org}`);
      const word = rng.pick(INDUSTRY_WORDS[industry]);
      const brand = rng.pick(BRAND) + rng.pick(BRAND);
      yield {
        creditCode,
        name: `${county.name.replace(/(区|县|市)$/, '')}${brand}${word}有限公司`,
        regionCode: place.code,
        address: `${regionFullName(place.code)}${rng.pick(ROADS)}${rng.int(1, 999)}号`,
        industry,
        riskCode,
        hazardSourceCount,
        majorHazardSourceCount,
        standardizationLevel: rng.weighted<StandardizationLevel>({ level1: 2, level2: 15, level3: 35, none: 48 }),
        creditStatus: rng.weighted<CreditStatus>({ trustworthy: 25, normal: 68, dishonest: 5, blacklist: 2 }),
        fatalAccidents3y: rng.chance(0.01) ? rng.int(1, 2) : 0,
        nonSiteMonitored: rng.chance(industry === 'hazardous_chemicals' ? 0.7 : industry === 'mining' ? 0.5 : 0.05),
        legalRepresentative: personName(rng),
        contactPhone: phone(rng),
        employeeCount: highRisk ? rng.int(20, 2000) : rng.int(5, 500),
        supervisingAgencyKey,
      };
    }
  }

  return { agencies, officers, enterprises, enterpriseCount: opts.enterprises };
}

/** The agency of `level` whose region contains `place` (R1: it must contain the enterprise). */
function agencyKeyAt(level: AgencyLevel, place: Region, provinceCode: string, agencies: Map<string, GenAgency>): string {
  let r: Region | undefined = place;
  while (r) {
    if (r.level === level && agencies.has(r.code)) return r.code;
    r = r.parentCode ? getRegion(r.parentCode) : undefined;
  }
  // e.g. a 市辖区 city level: fall back to the county or the province
  const county = place.level === 'township' ? place.parentCode! : place.code;
  return agencies.has(county) ? county : provinceCode;
}

export { childRegions };
