// R6–R9, R20: which enterprises an agency inspects in a year, and why — every inclusion and exclusion explained.
// Pure: the caller loads the register and stores the result; the same inputs and seed give the same plan.
import { createRng } from '../generator/random.js';
import { highRiskIndustries, type CreditStatus, type Industry, type RiskCode, type StandardizationLevel } from '../registry/enums.js';
import { addDays, isWorkingDay, workingCalendar, type IsoDate } from '../calendar/workingDays.js';
import { canonicalJson } from '../lib/canonicalJson.js';
import { createSm3, sm3Hex, type Sm3Hash } from '../lib/sm3.js';

export interface PlanEnterprise {
  id: number;
  /** for people reading a plan; no rule reads it, so it is not part of the input hash */
  name?: string;
  regionCode: string;
  industry: Industry;
  riskCode: RiskCode;
  hazardSourceCount: number;
  majorHazardSourceCount: number;
  standardizationLevel: StandardizationLevel;
  creditStatus: CreditStatus;
  fatalAccidents3y: number;
  nonSiteMonitored: boolean;
  supervisingAgencyId: number;
}

export interface PlanParams {
  year: number;
  agencyId: number;
  seed: number;
  /** R8: share of eligible general enterprises drawn at random; never below 0.3 */
  generalSampleRatio: number;
  /** officers with a valid credential (R4) available to this agency */
  officerCount: number;
  /** R16: officers per inspection team, at least 2 */
  teamSize: number;
  /** inspections one team completes on a field day */
  inspectionsPerTeamDay: number;
  /** share of working days spent in the field (the rest: documents, cases, training) */
  fieldDayShare: number;
  /** R20: number of lower-level enterprises a higher level adds as joint spot checks */
  spotCheckCount: number;
  /** first month the plan schedules (a plan compiled in March starts in March or April) */
  startMonth: number;
}

export const defaultPlanParams: Omit<PlanParams, 'year' | 'agencyId' | 'seed' | 'officerCount'> = {
  generalSampleRatio: 0.3,
  teamSize: 2,
  inspectionsPerTeamDay: 1,
  fieldDayShare: 0.5,
  spotCheckCount: 0,
  startMonth: 1,
};

export type PlanCategory = 'key' | 'high_risk' | 'random' | 'spot_check';
export const planCategoryLabels: Record<PlanCategory, string> = {
  key: '重点检查单位',
  high_risk: '高危行业全覆盖',
  random: '双随机抽查',
  spot_check: '上级抽查（与属地联合检查）',
};

export interface PlanEntry {
  enterpriseId: number;
  /** the enterprise's region: entries are scoped by it (R1) and the R20 overlap check compares it */
  regionCode: string;
  category: PlanCategory;
  reasons: readonly string[];
  /** planned inspection date, a working day (R38) */
  plannedDate: IsoDate;
  month: number;
  /** R20: a spot check of a lower level's enterprise is a joint inspection with that agency */
  jointWithAgencyId: number | null;
  /** R7: red-coded enterprises get a special inspection within 5 working days */
  urgent: boolean;
}

export interface PlanExclusion {
  enterpriseId: number;
  reasons: readonly string[];
}

export interface MonthCapacity {
  month: number;
  workingDays: number;
  capacity: number;
  planned: number;
}

export interface PlanResult {
  entries: PlanEntry[];
  exclusions: PlanExclusion[];
  months: MonthCapacity[];
  summary: {
    supervisedCount: number;
    keyCount: number;
    highRiskCount: number;
    generalEligibleCount: number;
    generalExcludedCount: number;
    randomSampleSize: number;
    spotCheckCount: number;
    totalPlanned: number;
    annualCapacity: number;
    overCapacity: boolean;
  };
  inputHash: string;
  warnings: string[];
}

const NONE: readonly string[] = Object.freeze([]);
// Hundreds of thousands of key targets share a thousand or so distinct reason lists: one frozen array each, so that
// plan entries share them (and they are serialised once per stored batch). Bounded, as a guard against odd data.
const keyReasonLists = new Map<string, readonly string[]>();

/** R7: why an enterprise is a key target, or [] if it is not. The list is shared: it must not be changed. */
export function keyTargetReasons(e: PlanEnterprise): readonly string[] {
  const r: string[] = [];
  if (e.riskCode === 'red') r.push('红码企业：风险等级高，赋码后5个工作日内专项检查');
  if (e.riskCode === 'yellow') r.push('黄码企业：风险等级较高');
  if (e.majorHazardSourceCount > 0) r.push(`有重大危险源${e.majorHazardSourceCount}处`);
  if (e.hazardSourceCount >= 10) r.push(`危险源${e.hazardSourceCount}处，危险因素多`);
  if (e.creditStatus === 'dishonest' || e.creditStatus === 'blacklist') r.push('失信或列入黑名单，管控能力不足');
  if (e.fatalAccidents3y > 0) r.push(`近三年发生亡人事故${e.fatalAccidents3y}起`);
  if (r.length === 0) return NONE;
  const key = r.join('\n');
  const known = keyReasonLists.get(key);
  if (known) return known;
  const list = Object.freeze(r);
  if (keyReasonLists.size < 100_000) keyReasonLists.set(key, list);
  return list;
}

const CREDIT_WEIGHT: Record<CreditStatus, number> = { trustworthy: 0.6, normal: 1, dishonest: 2, blacklist: 3 };
const RISK_WEIGHT: Record<RiskCode, number> = { red: 3, yellow: 2, blue: 1, green: 0.5 };
const STANDARDIZATION_WEIGHT: Record<StandardizationLevel, number> = { level1: 0.5, level2: 0.7, level3: 0.85, none: 1 };

/** What the R9 draw weight is computed from. */
export type WeightFacts = Pick<PlanEnterprise, 'creditStatus' | 'riskCode' | 'standardizationLevel' | 'fatalAccidents3y'>;

/** The facts drawWeight reads, as one key: enterprises with the same key have the same weight and the same factors. */
export function drawWeightKey(e: WeightFacts): string {
  return `${e.creditStatus}|${e.riskCode}|${e.standardizationLevel}|${e.fatalAccidents3y === 0 ? 0 : 1}`;
}

// A province's register has a million enterprises but only some hundred weight keys: each weight is worked out once.
const weightMemo = new Map<string, { weight: number; factors: readonly string[] }>();

/** R9: the draw weight of a general enterprise — up with bad credit and high risk, down for good standing. */
export function drawWeight(e: WeightFacts): { weight: number; factors: readonly string[] } {
  const key = drawWeightKey(e);
  const known = weightMemo.get(key);
  if (known) return known;
  let w = 1;
  const f: string[] = [];
  const credit = CREDIT_WEIGHT;
  if (credit[e.creditStatus] !== 1) {
    w *= credit[e.creditStatus];
    f.push(`${e.creditStatus === 'trustworthy' ? '守信企业' : '信用不良'} ×${credit[e.creditStatus]}`);
  }
  const risk = RISK_WEIGHT;
  if (risk[e.riskCode] !== 1) {
    w *= risk[e.riskCode];
    f.push(`风险赋码 ×${risk[e.riskCode]}`);
  }
  const std = STANDARDIZATION_WEIGHT;
  if (std[e.standardizationLevel] !== 1) {
    w *= std[e.standardizationLevel];
    f.push(`标准化达标 ×${std[e.standardizationLevel]}`);
  }
  if (e.fatalAccidents3y === 0) {
    w *= 0.8;
    f.push('近三年无亡人事故 ×0.8');
  }
  const result = Object.freeze({ weight: w, factors: Object.freeze(f) });
  weightMemo.set(key, result);
  return result;
}

/** The draw weight as the plan states it: 抽取权重 0.48（守信企业 ×0.6，近三年无亡人事故 ×0.8）. */
export function weightBasis(w: { weight: number; factors: readonly string[] }): string {
  return `抽取权重 ${w.weight.toFixed(2)}${w.factors.length ? `（${w.factors.join('，')}）` : ''}`;
}

/** Version tag of the plan input hash, written first into the hashed text. */
export const PLAN_INPUT_HASH_VERSION = 'plan-input/v2';

/**
 * R13: the SM3 hash of what a plan was computed from — its parameters and, of every enterprise the rules looked at,
 * exactly the facts they read (R1, R7–R9, R20). The hashed text is
 *
 *   plan-input/v2
 *   <canonical JSON of the parameters>
 *   S,<id>,<region>,<industry>,<risk code>,<hazard sources>,<major hazard sources>,<standardization>,<credit>,<fatal accidents 3y>,<non-site 1|0>,<agency id>
 *   …one S line per supervised enterprise, then one L line per lower-level candidate (R20), each in id order
 *
 * with a newline after every line. (v1 hashed the canonical JSON of the whole input, names included: about 290 MB of
 * text for a province, the largest single cost of drafting its plans. Plans keep the hash they were made with.)
 */
export function planInputHash(params: PlanParams, supervised: readonly PlanEnterprise[], lower: readonly PlanEnterprise[]): string {
  const w = new HashTextWriter(createSm3());
  w.text(`${PLAN_INPUT_HASH_VERSION}\n${canonicalJson(params)}\n`);
  for (const [tag, list] of [['S', supervised], ['L', lower]] as const) {
    for (const e of list) {
      w.text(tag).comma().int(e.id).comma().text(e.regionCode).comma().text(e.industry).comma().text(e.riskCode).comma();
      w.int(e.hazardSourceCount).comma().int(e.majorHazardSourceCount).comma().text(e.standardizationLevel).comma().text(e.creditStatus).comma();
      w.int(e.fatalAccidents3y).comma().int(e.nonSiteMonitored ? 1 : 0).comma().int(e.supervisingAgencyId).newline();
    }
  }
  return w.digest();
}

/**
 * Feeds a hash with text written straight into a byte buffer (UTF-8), field by field: a province's plan inputs are a
 * million lines, and building each line as a string, then the hash encoding it again, took over a second.
 */
class HashTextWriter {
  private readonly buf = new Uint8Array(1 << 16);
  private readonly encoder = new TextEncoder();
  private pos = 0;
  constructor(private readonly hash: Sm3Hash) {}

  private room(n: number): void {
    if (this.pos + n > this.buf.length) {
      this.hash.update(this.buf.subarray(0, this.pos));
      this.pos = 0;
    }
  }

  text(s: string): this {
    if (s.length > 256) {
      this.room(this.buf.length);
      this.hash.update(this.buf.subarray(0, this.pos));
      this.pos = 0;
      this.hash.update(s);
      return this;
    }
    this.room(s.length * 3);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        // not ASCII (no code is): let the encoder write the rest (room was made for 3 bytes a UTF-16 unit)
        this.pos += this.encoder.encodeInto(s.slice(i), this.buf.subarray(this.pos)).written;
        return this;
      }
      this.buf[this.pos++] = c;
    }
    return this;
  }

  /** a non-negative safe integer in decimal, as String(n) writes it */
  int(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) return this.text(String(n));
    this.room(16);
    if (n === 0) {
      this.buf[this.pos++] = 48;
      return this;
    }
    let digits = 0;
    for (let m = n; m > 0; m = Math.floor(m / 10)) digits++;
    for (let i = this.pos + digits - 1, m = n; m > 0; i--, m = Math.floor(m / 10)) this.buf[i] = 48 + (m % 10);
    this.pos += digits;
    return this;
  }

  comma(): this {
    this.room(1);
    this.buf[this.pos++] = 44;
    return this;
  }

  newline(): this {
    this.room(1);
    this.buf[this.pos++] = 10;
    return this;
  }

  digest(): string {
    this.hash.update(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return this.hash.digest();
  }
}

/** Whether the items are in ascending id order already (what the register gives): then no copy needs sorting. */
export function inIdOrder(items: readonly { id: number }[]): boolean {
  for (let i = 1; i < items.length; i++) if (items[i - 1]!.id > items[i]!.id) return false;
  return true;
}

/**
 * SM3 of canonicalJson(value) — the same text, so the same digest as before — written into the hash in pieces of
 * about 64 KiB instead of one string, and without canonicalJson's per-object key sorting: the sorted key order of each
 * object shape is computed once, and runs of flat records (a register's enterprises, a draw's targets) go through
 * native JSON.stringify with that key list. About 1.7× faster than canonicalJson on a province's registers, where the
 * plans' input hashes are the largest single cost of drafting them.
 */
export function hashInputs(value: unknown): string {
  if (typeof value === 'function' || typeof value === 'symbol') return sm3Hex(canonicalJson(value)); // throws, as before
  const hash = createSm3();
  const w = new CanonicalWriter(hash);
  w.write(value);
  w.flush();
  return hash.digest();
}

/** canonicalJson(value), written by hashInputs' writer: the same text, built faster for large records (a draw's input). */
export function canonicalJsonText(value: unknown): string {
  if (typeof value === 'function' || typeof value === 'symbol') return canonicalJson(value);
  const pieces: string[] = [];
  const w = new CanonicalWriter({ update: (piece: string) => pieces.push(piece) });
  w.write(value);
  w.flush();
  return pieces.join('');
}

interface Shape {
  keys: string[];
  /** the keys in canonical (sorted) order, each as `"key":` */
  sorted: string[];
  prefix: string[];
}

/** A plain object whose own values are all primitives JSON.stringify writes as canonicalJson does (or undefined). */
function isFlatRecord(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Object.getPrototypeOf(x) !== Object.prototype) return false;
  for (const k in x) {
    if (!Object.prototype.hasOwnProperty.call(x, k)) return false;
    const t = typeof (x as Record<string, unknown>)[k];
    if (t !== 'string' && t !== 'number' && t !== 'boolean' && t !== 'undefined' && (x as Record<string, unknown>)[k] !== null) return false;
  }
  return true;
}

/** Writes exactly what canonicalJson returns, in pieces of about 64 KiB, into a hash. */
class CanonicalWriter {
  private buf = '';
  private shapes: Shape[] = [];
  constructor(private readonly hash: { update(piece: string): unknown }) {}

  flush(): void {
    if (this.buf.length) this.hash.update(this.buf);
    this.buf = '';
  }

  write(v: unknown): void {
    if (v === null || v === undefined) {
      this.buf += 'null';
    } else if (typeof v !== 'object') {
      // canonicalJson uses JSON.stringify; inside an object a function or symbol becomes "undefined"
      this.buf += String(JSON.stringify(v));
    } else if (v instanceof Date) {
      this.buf += JSON.stringify(v.toISOString());
    } else if (Array.isArray(v)) {
      this.buf += '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.buf += ',';
        // A run of flat records of one shape (a register holds 10⁵–10⁶) goes through JSON.stringify with the sorted
        // keys as its property list: native, and the same text canonicalJson writes for such records.
        const run = this.flatRun(v, i);
        if (run) {
          this.buf += JSON.stringify(v.slice(i, run.end), run.keys).slice(1, -1);
          i = run.end - 1;
          if (this.buf.length >= 65536) this.flush();
          continue;
        }
        // Array.prototype.map skips holes and join writes '' for them and for JSON.stringify's undefined.
        if (!(i in v)) continue;
        const x: unknown = v[i];
        if (typeof x === 'function' || typeof x === 'symbol') continue;
        this.write(x);
        if (this.buf.length >= 65536) this.flush();
      }
      this.buf += ']';
    } else {
      const obj = v as Record<string, unknown>;
      const shape = this.shapeOf(Object.keys(obj));
      this.buf += '{';
      let first = true;
      for (let i = 0; i < shape.sorted.length; i++) {
        const x = obj[shape.sorted[i]!];
        if (x === undefined) continue;
        this.buf += first ? shape.prefix[i]! : ',' + shape.prefix[i]!;
        first = false;
        this.write(x);
      }
      this.buf += '}';
    }
  }

  /**
   * From `start`, the elements (at most 4,096) that are plain objects with the same own keys in the same order and
   * only string, number, boolean, null or undefined values; null if `v[start]` is not one.
   */
  private flatRun(v: unknown[], start: number): { end: number; keys: string[] } | null {
    const first = v[start];
    if (!isFlatRecord(first)) return null;
    const keys = Object.keys(first);
    let end = start + 1;
    for (; end < v.length && end - start < 4096; end++) {
      const x = v[end];
      if (!isFlatRecord(x)) break;
      const k = Object.keys(x);
      if (k.length !== keys.length) break;
      let same = true;
      for (let j = 0; j < k.length; j++) {
        if (k[j] !== keys[j]) {
          same = false;
          break;
        }
      }
      if (!same) break;
    }
    return { end, keys: this.shapeOf(keys).sorted };
  }

  private shapeOf(keys: string[]): Shape {
    const shapes = this.shapes;
    for (let s = 0; s < shapes.length; s++) {
      const c = shapes[s]!;
      if (c.keys.length !== keys.length) continue;
      let same = true;
      for (let j = 0; j < keys.length; j++) {
        if (c.keys[j] !== keys[j]) {
          same = false;
          break;
        }
      }
      if (same) return c;
    }
    const sorted = [...keys].sort();
    const shape = { keys, sorted, prefix: sorted.map((k) => `${JSON.stringify(k)}:`) };
    shapes.unshift(shape);
    if (shapes.length > 16) shapes.pop();
    return shape;
  }
}

/**
 * Weighted random sample without replacement (Efraimidis–Spirakis: key = u^(1/w), keep the k largest).
 * Deterministic for a seed; items are taken in id order first so the input order does not matter.
 */
export function weightedSample<T extends { id: number }>(items: T[], weight: (t: T) => number, k: number, seed: number): T[] {
  const n = items.length;
  const take = Math.min(Math.max(0, k), n);
  if (take === 0) return [];
  const rng = createRng(seed);
  const sorted = inIdOrder(items) ? items : [...items].sort((a, b) => a.id - b.id);
  // Keys in a typed array: a native numeric sort finds the k-th largest key without a JS comparator,
  // which keeps a draw over a million targets well under a second.
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Math.log(Math.max(rng.next(), Number.MIN_VALUE)) / Math.max(weight(sorted[i]!), 1e-9);
  const threshold = Float64Array.from(keys).sort()[n - take]!;
  const out: T[] = [];
  for (let i = 0; i < n && out.length < take; i++) if (keys[i]! > threshold) out.push(sorted[i]!);
  // Keys equal to the threshold (the threshold itself, rarely more) fill the remaining places in id order.
  for (let i = 0; i < n && out.length < take; i++) if (keys[i] === threshold) out.push(sorted[i]!);
  return out;
}

interface WeightReasons {
  weight: number;
  drawn: readonly string[];
  notDrawn: readonly string[];
}

// Fixed reasons, one array each (entries and exclusions share them; nobody changes them).
const HIGH_RISK = Object.freeze(['高危行业企业年内至少检查1次']);
const HIGH_RISK_DESPITE = Object.freeze([...HIGH_RISK, '虽为绿码或纳入非现场监管，高危行业全覆盖要求优先']);
const GREEN = Object.freeze(['绿码企业以自查自纠为主，原则上不开展现场检查']);
const NON_SITE = Object.freeze(['已纳入非现场监管，原则上不开展现场检查']);

export function generatePlan(input: {
  params: PlanParams;
  /** enterprises this agency supervises (R1) */
  supervised: PlanEnterprise[];
  /** for a higher level: enterprises of lower levels in its region, candidates for spot checks (R20) */
  lowerLevel?: PlanEnterprise[];
  /** false: no `exclusions` (a province's run stores only the entries; explaining one enterprise works from its facts) */
  listExclusions?: boolean;
}): PlanResult {
  const p = input.params;
  const warnings: string[] = [];
  if (p.generalSampleRatio < 0.3) throw new RangeError('一般企业抽查比例不得低于30%');
  if (p.teamSize < 2) throw new RangeError('每组执法人员不少于2人');
  const byId = (list: readonly PlanEnterprise[]) => (inIdOrder(list) ? list : [...list].sort((a, b) => a.id - b.id));
  const supervised = byId(input.supervised);
  const lower = byId(input.lowerLevel ?? []);
  const inputHash = planInputHash(p, supervised, lower);

  const chosen: { e: PlanEnterprise; category: PlanCategory; reasons: readonly string[]; joint: number | null }[] = [];
  const exclusions: PlanExclusion[] = [];
  const general: PlanEnterprise[] = [];
  const listExclusions = input.listExclusions !== false;
  let generalExcluded = 0;
  let supervisedCount = 0;
  // The reasons of every general enterprise with the same weight are the same text: one array for all of them.
  const ratio = Math.round(p.generalSampleRatio * 100);
  const reasonsOfWeight = new Map<string, WeightReasons>();
  const weighed = (e: PlanEnterprise): WeightReasons => {
    const key = drawWeightKey(e);
    let r = reasonsOfWeight.get(key);
    if (!r) {
      const w = drawWeight(e);
      const basis = weightBasis(w);
      r = {
        weight: w.weight,
        drawn: Object.freeze([`一般企业双随机抽中（抽查比例${ratio}%）`, basis]),
        notDrawn: Object.freeze([`一般企业本年度双随机未抽中（抽查比例${ratio}%）`, basis]),
      };
      reasonsOfWeight.set(key, r);
    }
    return r;
  };
  for (const e of supervised) {
    if (e.supervisingAgencyId !== p.agencyId) continue; // R1: only what this agency supervises
    supervisedCount++;
    const key = keyTargetReasons(e);
    if (key.length) {
      chosen.push({ e, category: 'key', reasons: key, joint: null });
    } else if (highRiskIndustries.includes(e.industry)) {
      chosen.push({ e, category: 'high_risk', reasons: e.riskCode === 'green' || e.nonSiteMonitored ? HIGH_RISK_DESPITE : HIGH_RISK, joint: null });
    } else if (e.riskCode === 'green' || e.nonSiteMonitored) {
      generalExcluded++;
      if (listExclusions) exclusions.push({ enterpriseId: e.id, reasons: e.riskCode === 'green' ? GREEN : NON_SITE });
    } else {
      general.push(e);
    }
  }
  // R8: at least the ratio of the eligible general enterprises, drawn with R9 weights.
  const sampleSize = Math.ceil(general.length * p.generalSampleRatio);
  const sampled = weightedSample(general, (e) => weighed(e).weight, sampleSize, p.seed);
  const sampledIds = new Set(sampled.map((e) => e.id));
  for (const e of general) {
    if (sampledIds.has(e.id)) chosen.push({ e, category: 'random', reasons: weighed(e).drawn, joint: null });
    else if (listExclusions) exclusions.push({ enterpriseId: e.id, reasons: weighed(e).notDrawn });
  }
  // R20: a higher level spot-checks lower-level enterprises jointly with their own agency.
  if (p.spotCheckCount > 0 && lower.length) {
    const spot = weightedSample(lower.filter((e) => e.supervisingAgencyId !== p.agencyId), (e) => drawWeight(e).weight * (keyTargetReasons(e).length ? 2 : 1), p.spotCheckCount, p.seed ^ 0x5f07);
    for (const e of spot) {
      chosen.push({ e, category: 'spot_check', reasons: ['上级对下级监管企业抽查，与属地执法主体联合检查'], joint: e.supervisingAgencyId });
    }
  }

  // Schedule: urgent (red) first, then key, high-risk, random, spot checks; fill working days month by month.
  const order: Record<PlanCategory, number> = { key: 1, high_risk: 2, random: 3, spot_check: 4 };
  chosen.sort((a, b) => Number(b.e.riskCode === 'red') - Number(a.e.riskCode === 'red') || order[a.category] - order[b.category] || a.e.id - b.e.id);
  if (Math.floor(p.officerCount / p.teamSize) === 0) warnings.push(`持有效执法证的执法人员不足${p.teamSize}人，无法组成检查组`);
  const { months, monthDays } = planMonths(p);
  const annualCapacity = months.reduce((n, mc) => n + mc.capacity, 0);
  // The year's inspection slots in order, month by month, each month's capacity spread evenly over its working days
  // (computed from the index: a province's agencies have about a million slots between them).
  const slotAt = (index: number): { date: IsoDate; mc: MonthCapacity } | undefined => {
    let i = Math.min(index, annualCapacity - 1);
    if (i < 0) return undefined;
    for (let k = 0; k < months.length; k++) {
      const mc = months[k]!;
      if (i < mc.capacity) return { date: monthDays[k]![Math.floor((i * mc.workingDays) / mc.capacity)]!, mc };
      i -= mc.capacity;
    }
    return undefined;
  };
  // Interleave categories over the year instead of front-loading: urgent first, then a fair spread.
  const urgent = chosen.filter((c) => c.e.riskCode === 'red');
  const rest = chosen.filter((c) => c.e.riskCode !== 'red');
  const entries: PlanEntry[] = [];
  const place = (c: (typeof chosen)[number], slotIndex: number) => {
    const slot = slotAt(slotIndex);
    const date = slot?.date ?? lastWorkingDay(p.year);
    const month = Number(date.slice(5, 7));
    const mc = slot?.mc ?? months.find((x) => x.month === month);
    if (mc) mc.planned++;
    entries.push({ enterpriseId: c.e.id, regionCode: c.e.regionCode, category: c.category, reasons: c.reasons, plannedDate: date, month, jointWithAgencyId: c.joint, urgent: c.e.riskCode === 'red' });
  };
  urgent.forEach((c, i) => place(c, i));
  const remainingSlots = Math.max(annualCapacity - urgent.length, 0);
  // Spread over all remaining slots (each month's share follows its working days and the officers' capacity); when
  // the plan exceeds the capacity, slots are taken in order and the excess lands on the last working day.
  rest.forEach((c, i) => {
    const idx = urgent.length + (remainingSlots > rest.length ? Math.floor((i * remainingSlots) / rest.length) : i);
    place(c, idx);
  });
  const total = entries.length;
  const over = total > annualCapacity;
  if (over) warnings.push(`计划检查 ${total} 家次，超出年度执法力量可承担的 ${annualCapacity} 家次：请增加人员、调整抽查比例或报上级统筹`);
  return {
    entries,
    exclusions,
    months,
    summary: {
      supervisedCount,
      keyCount: entries.filter((x) => x.category === 'key').length,
      highRiskCount: entries.filter((x) => x.category === 'high_risk').length,
      generalEligibleCount: general.length,
      generalExcludedCount: generalExcluded,
      randomSampleSize: sampled.length,
      spotCheckCount: entries.filter((x) => x.category === 'spot_check').length,
      totalPlanned: total,
      annualCapacity,
      overCapacity: over,
    },
    inputHash,
    warnings,
  };
}

/**
 * The plan's months from its start month: working days (R38, from the calendar in force) and the inspections the
 * officers can do in them (teams × inspections per team-day × share of field days).
 */
export function planMonths(p: Pick<PlanParams, 'year' | 'startMonth' | 'officerCount' | 'teamSize' | 'inspectionsPerTeamDay' | 'fieldDayShare'>): { months: MonthCapacity[]; monthDays: (readonly IsoDate[])[] } {
  const perDay = Math.floor(p.officerCount / p.teamSize) * p.inspectionsPerTeamDay * p.fieldDayShare;
  const months: MonthCapacity[] = [];
  const monthDays: (readonly IsoDate[])[] = [];
  const calendar = workingCalendar();
  for (let m = p.startMonth; m <= 12; m++) {
    const days = calendar.workingDaysOfMonth(p.year, m);
    months.push({ month: m, workingDays: days.length, capacity: Math.floor(days.length * perDay), planned: 0 });
    monthDays.push(days);
  }
  return { months, monthDays };
}

function lastWorkingDay(year: number): IsoDate {
  let d = `${year}-12-31`;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}
