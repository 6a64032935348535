import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalJson, defaultPlanParams, drawWeight, generatePlan, isWorkingDay, planInputHash, statutoryFestivalDays, weightedSample, type PlanEnterprise, type PlanParams } from '../src/index.js';

let nextId = 1;
const ent = (over: Partial<PlanEnterprise> = {}): PlanEnterprise => ({
  id: nextId++,
  name: 'x',
  regionCode: '330106001',
  industry: 'industry_trade',
  riskCode: 'blue',
  hazardSourceCount: 2,
  majorHazardSourceCount: 0,
  standardizationLevel: 'none',
  creditStatus: 'normal',
  fatalAccidents3y: 0,
  nonSiteMonitored: false,
  supervisingAgencyId: 7,
  ...over,
});
const params = (over: Partial<PlanParams> = {}): PlanParams => ({ ...defaultPlanParams, year: 2026, agencyId: 7, seed: 42, officerCount: 10, ...over });

describe('annual plan generation', () => {
  const general = Array.from({ length: 200 }, () => ent());
  const greens = Array.from({ length: 50 }, () => ent({ riskCode: 'green' }));
  const nonSite = Array.from({ length: 10 }, () => ent({ nonSiteMonitored: true }));
  const red = ent({ riskCode: 'red' });
  const yellow = ent({ riskCode: 'yellow' });
  const major = ent({ majorHazardSourceCount: 1 });
  const accident = ent({ fatalAccidents3y: 1 });
  const chemGreen = ent({ industry: 'hazardous_chemicals', riskCode: 'green', nonSiteMonitored: true });
  const mining = ent({ industry: 'mining' });
  const otherAgency = ent({ supervisingAgencyId: 99, riskCode: 'red' });
  const all = [...general, ...greens, ...nonSite, red, yellow, major, accident, chemGreen, mining, otherAgency];
  const plan = generatePlan({ params: params(), supervised: all });
  const byId = new Map(plan.entries.map((e) => [e.enterpriseId, e]));

  it('R7: red, yellow, major hazard source and recent accident enterprises are key targets with reasons', () => {
    for (const e of [red, yellow, major, accident]) expect(byId.get(e.id)?.category).toBe('key');
    expect(byId.get(red.id)!.reasons.join()).toContain('5个工作日');
    expect(byId.get(major.id)!.reasons.join()).toContain('重大危险源');
    expect(byId.get(accident.id)!.reasons.join()).toContain('亡人事故');
  });
  it('R7: a red-coded enterprise is scheduled first, within 5 working days of the plan start', () => {
    expect(byId.get(red.id)!.urgent).toBe(true);
    expect(byId.get(red.id)!.plannedDate <= '2026-01-09').toBe(true);
  });
  it('R8: every high-risk industry enterprise is in the plan, even green or non-site monitored', () => {
    expect(byId.get(mining.id)?.category).toBe('high_risk');
    expect(byId.get(chemGreen.id)?.category).toBe('high_risk');
  });
  it('R8: at least 30% of the eligible general enterprises are sampled', () => {
    const sampled = plan.entries.filter((e) => e.category === 'random');
    expect(plan.summary.generalEligibleCount).toBe(200);
    expect(sampled.length).toBe(60);
    expect(() => generatePlan({ params: params({ generalSampleRatio: 0.2 }), supervised: all })).toThrow(/30%/);
    expect(generatePlan({ params: params({ generalSampleRatio: 0.5 }), supervised: all }).summary.randomSampleSize).toBe(100);
  });
  it('R9: green-coded and non-site monitored general enterprises are left out, with the reason', () => {
    const ex = new Map(plan.exclusions.map((x) => [x.enterpriseId, x.reasons.join()]));
    for (const e of greens) expect(ex.get(e.id)).toContain('绿码');
    for (const e of nonSite) expect(ex.get(e.id)).toContain('非现场监管');
    // Every supervised enterprise is either in or out, with reasons: nothing is unexplained.
    for (const e of all.filter((x) => x.supervisingAgencyId === 7)) expect(byId.has(e.id) || ex.has(e.id)).toBe(true);
  });
  it('R9: bad credit and high risk raise the draw weight; standardization, trust and no accidents lower it', () => {
    expect(drawWeight(ent({ creditStatus: 'blacklist' })).weight).toBeGreaterThan(drawWeight(ent()).weight);
    expect(drawWeight(ent({ riskCode: 'green' })).weight).toBeLessThan(drawWeight(ent()).weight);
    expect(drawWeight(ent({ standardizationLevel: 'level1', creditStatus: 'trustworthy' })).weight).toBeLessThan(drawWeight(ent()).weight);
    // Statistically: over many seeds, blacklisted enterprises are drawn more often than trustworthy ones.
    const pool = [...Array.from({ length: 100 }, () => ent({ creditStatus: 'blacklist' })), ...Array.from({ length: 100 }, () => ent({ creditStatus: 'trustworthy' }))];
    let bad = 0;
    for (let s = 0; s < 50; s++) bad += weightedSample(pool, (e) => drawWeight(e).weight, 30, s).filter((e) => e.creditStatus === 'blacklist').length;
    expect(bad / (50 * 30)).toBeGreaterThan(0.7);
  });
  it('R1: only enterprises this agency supervises are planned; a higher level adds joint spot checks ', () => {
    expect(byId.has(otherAgency.id)).toBe(false);
    const higher = generatePlan({ params: params({ agencyId: 2, spotCheckCount: 5 }), supervised: [], lowerLevel: all });
    expect(higher.entries).toHaveLength(5);
    for (const e of higher.entries) {
      expect(e.category).toBe('spot_check');
      expect(e.jointWithAgencyId).not.toBeNull();
    }
  });
  it('R13: the same seed gives the same plan and the same input hash; another seed another sample', () => {
    const again = generatePlan({ params: params(), supervised: [...all].reverse() });
    expect(again.entries).toEqual(plan.entries);
    expect(again.inputHash).toBe(plan.inputHash);
    const other = generatePlan({ params: params({ seed: 43 }), supervised: all });
    expect(other.entries.filter((e) => e.category === 'random').map((e) => e.enterpriseId)).not.toEqual(plan.entries.filter((e) => e.category === 'random').map((e) => e.enterpriseId));
    expect(other.inputHash).not.toBe(plan.inputHash);
  });
  it('R38: inspections fall on working days and each month stays within officer capacity', () => {
    for (const e of plan.entries) expect(isWorkingDay(e.plannedDate), e.plannedDate).toBe(true);
    expect(plan.summary.overCapacity).toBe(false);
    for (const m of plan.months) expect(m.planned).toBeLessThanOrEqual(m.capacity);
    // 10 officers → 5 teams × 1 inspection × 50% field days: October 2026 has 18 working days (8th–31st, incl. Saturday 10-10 调休).
    expect(plan.months.find((m) => m.month === 10)).toMatchObject({ workingDays: 18, capacity: 45 });
    expect(plan.months.find((m) => m.month === 2)!.workingDays).toBe(16); // 20 weekdays − 6 in 春节 + 2 调休 Saturdays
  });
  it('R16: too few officers is a warning and over-capacity is reported', () => {
    const small = generatePlan({ params: params({ officerCount: 2, fieldDayShare: 0.05 }), supervised: all });
    expect(small.summary.overCapacity).toBe(true);
    expect(small.warnings.join()).toContain('超出年度执法力量');
    expect(() => generatePlan({ params: params({ teamSize: 1 }), supervised: all })).toThrow(/不少于2人/);
  });
  it('R13: the plan input hash is SM3 over the documented text of the parameters and the facts the rules read', () => {
    const p = params();
    const line = (tag: string, e: PlanEnterprise) =>
      `${tag},${e.id},${e.regionCode},${e.industry},${e.riskCode},${e.hazardSourceCount},${e.majorHazardSourceCount},${e.standardizationLevel},${e.creditStatus},${e.fatalAccidents3y},${e.nonSiteMonitored ? 1 : 0},${e.supervisingAgencyId}\n`;
    const text = `plan-input/v2\n${canonicalJson(p)}\n${all.map((e) => line('S', e)).join('')}${[red].map((e) => line('L', e)).join('')}`;
    expect(planInputHash(p, all, [red])).toBe(createHash('sm3').update(text, 'utf8').digest('hex'));
    expect(generatePlan({ params: p, supervised: all }).inputHash).toBe(planInputHash(p, all, []));
    // Names are read by no rule; every fact a rule reads changes the hash.
    expect(planInputHash(p, all.map((e) => ({ ...e, name: `${e.name}（更名）` })), [])).toBe(plan.inputHash);
    for (const change of [{ riskCode: 'red' }, { hazardSourceCount: 11 }, { creditStatus: 'dishonest' }, { nonSiteMonitored: true }, { supervisingAgencyId: 8 }] as Partial<PlanEnterprise>[]) {
      expect(planInputHash(p, all.map((e, i) => (i === 0 ? { ...e, ...change } : e)), []), JSON.stringify(change)).not.toBe(plan.inputHash);
    }
    // Numbers of any size are written as String() writes them.
    const big = ent({ id: 9_007_199_254_740_991, hazardSourceCount: 1234567 });
    expect(planInputHash(p, [big], [])).toBe(createHash('sm3').update(`plan-input/v2\n${canonicalJson(p)}\n${line('S', big)}`).digest('hex'));
  });
  it('R7/R9: enterprises with the same facts share one list of reasons; entries carry their region ', () => {
    const twins = [ent({ riskCode: 'yellow', majorHazardSourceCount: 2 }), ent({ riskCode: 'yellow', majorHazardSourceCount: 2 })];
    const r = generatePlan({ params: params(), supervised: twins });
    expect(r.entries[0]!.reasons).toBe(r.entries[1]!.reasons);
    expect(Object.isFrozen(r.entries[0]!.reasons)).toBe(true);
    expect(r.entries.every((e) => e.regionCode === '330106001')).toBe(true);
    expect(generatePlan({ params: params(), supervised: all, listExclusions: false }).exclusions).toEqual([]);
    expect(generatePlan({ params: params(), supervised: all, listExclusions: false }).entries).toEqual(plan.entries);
  });
});

describe('R6/R38: a 2027 plan spread over the year', () => {
  const targets = Array.from({ length: 30 }, () => ent({ riskCode: 'yellow' }));
  const plan = generatePlan({ params: params({ year: 2027 }), supervised: targets });
  it('R6: inspections spread over every month in proportion to its capacity, not all in January', () => {
    const perMonth = new Map<number, number>();
    for (const e of plan.entries) perMonth.set(e.month, (perMonth.get(e.month) ?? 0) + 1);
    expect(perMonth.size).toBe(12);
    for (const m of plan.months) {
      expect(m.planned).toBe(perMonth.get(m.month));
      // each month's share follows its capacity (working days × officers): within one inspection of proportional
      expect(Math.abs(m.planned - (30 * m.capacity) / plan.summary.annualCapacity)).toBeLessThanOrEqual(1);
    }
  });
  it('R38: no 2027 plan date is a statutory festival day or a weekend', () => {
    const festival = new Set(statutoryFestivalDays(2027).map((f) => f.date));
    for (const e of plan.entries) {
      expect(festival.has(e.plannedDate)).toBe(false);
      expect(isWorkingDay(e.plannedDate)).toBe(true);
    }
    // February 2027: 20 weekdays less 春节's 除夕, 初三 and two makeup days off (初一、初二 on the weekend)
    expect(plan.months.find((m) => m.month === 2)!.workingDays).toBe(16);
  });
});
