// R35: document numbers (文号) — "<agency short name>应急<kind abbreviation>〔<year>〕<seq>号", for example
// 西湖应急检记〔2026〕12号. The sequence is kept by the server per agency, kind and year without gaps; the text
// around it is derived here from the agency's name.
import { childRegions, provinceRegions, type Region } from '../registry/regions.js';
import type { AgencyLevel } from '../registry/enums.js';
import { documentKindTable, type DocumentKind } from './kinds.js';

/** The official one-character (or customary) abbreviations of the provincial-level divisions (省级行政区简称). */
export const provinceAbbreviations: Readonly<Record<string, string>> = {
  北京市: '京',
  天津市: '津',
  河北省: '冀',
  山西省: '晋',
  内蒙古自治区: '内',
  辽宁省: '辽',
  吉林省: '吉',
  黑龙江省: '黑',
  上海市: '沪',
  江苏省: '苏',
  浙江省: '浙',
  安徽省: '皖',
  福建省: '闽',
  江西省: '赣',
  山东省: '鲁',
  河南省: '豫',
  湖北省: '鄂',
  湖南省: '湘',
  广东省: '粤',
  广西壮族自治区: '桂',
  海南省: '琼',
  重庆市: '渝',
  四川省: '川',
  贵州省: '黔',
  云南省: '云',
  西藏自治区: '藏',
  陕西省: '陕',
  甘肃省: '甘',
  青海省: '青',
  宁夏回族自治区: '宁',
  新疆维吾尔自治区: '新',
  台湾省: '台',
  香港特别行政区: '港',
  澳门特别行政区: '澳',
};

/** Cities whose customary abbreviation is not their first character. */
const cityAbbreviations: Readonly<Record<string, string>> = { 宁波市: '甬' };

// The body's own name after the place: 应急管理厅/局/办公室, a township's 人民政府 or 街道办事处, …
const BODY_SUFFIX = /(应急管理(?:厅|局|办公室|办|委员会办公室|所|站|中心)|应急(?:办公室|办)|安全生产监督管理局|安全生产委员会办公室|人民政府|办事处|管理委员会|管委会)$/;
const NOT_A_NAME = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

let namesByLevel: Map<string, AgencyLevel> | null = null;
/** Region name → level, over the whole country (built once, on first use). */
function regionNames(): Map<string, AgencyLevel> {
  if (namesByLevel) return namesByLevel;
  const m = new Map<string, AgencyLevel>();
  const rank: Record<AgencyLevel, number> = { province: 0, city: 1, county: 2, township: 3 };
  // Walked with a visited set: in GB/T 2260 a city without counties (东莞市) shares its code with its own county row.
  const seen = new Set<Region>();
  const stack = [...provinceRegions()];
  while (stack.length) {
    const r = stack.pop()!;
    if (seen.has(r)) continue;
    seen.add(r);
    stack.push(...childRegions(r.code));
    if (NOT_A_NAME.has(r.name)) continue;
    const had = m.get(r.name);
    // A name used at two levels keeps the higher one (e.g. a city and a township of the same name).
    if (!had || rank[r.level] < rank[had]) m.set(r.name, r.level);
  }
  namesByLevel = m;
  return m;
}

/** The last place name in a chain such as 杭州市西湖区北山街道, with its level. */
function lastPlace(chain: string): { name: string; level: AgencyLevel } | null {
  const names = regionNames();
  // Longest suffix that is a known region name: 济南市市中区 → 市中区, 杭州市西湖区 → 西湖区.
  for (let i = 0; i < chain.length; i++) {
    const tail = chain.slice(i);
    const level = names.get(tail);
    if (level) return { name: tail, level };
  }
  // Not in GB/T 2260 (a development zone, an old name): fall back on the suffix.
  const parts = chain.match(/.+?(?:特别行政区|自治区|自治州|自治县|自治旗|街道|地区|林区|新区|省|市|区|县|旗|镇|乡|盟|州|苏木)/g);
  if (!parts || parts.join('') !== chain) return null;
  const name = parts[parts.length - 1]!;
  if (/(省|自治区|特别行政区)$/.test(name)) return { name, level: 'province' };
  if (/(街道|镇|乡|苏木)$/.test(name)) return { name, level: 'township' };
  if (/(区|县|旗)$/.test(name) || parts.length > 1) return { name, level: 'county' };
  return { name, level: 'city' };
}

// The 55 ethnic minorities, as they appear in the names of autonomous counties, banners and townships.
const PEOPLES =
  '蒙古|满|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺';
const AUTONOMOUS = new RegExp(`(?:(?:${PEOPLES})族)*(?:自治县|自治旗|民族乡|(?:${PEOPLES})族乡)$`);

/**
 * The agency's short name in document numbers (机关代字), from its full name:
 * 浙江省应急管理厅 → 浙, 杭州市应急管理局 → 杭, 杭州市西湖区应急管理局 → 西湖,
 * 西湖区北山街道应急管理办公室 → 北山, 转塘街道办事处 → 转塘,
 * 余杭区瓶窑镇人民政府 → 瓶窑, 景宁畲族自治县应急管理局 → 景宁.
 */
export function agencyShortName(agencyName: string): string {
  let chain = agencyName.trim().replace(/\s+/g, '');
  for (let prev = ''; prev !== chain; ) {
    prev = chain;
    chain = chain.replace(BODY_SUFFIX, '');
  }
  if (!chain) return agencyName.trim();
  const province = provinceAbbreviations[chain];
  if (province) return province;
  const place = lastPlace(chain);
  if (!place) return chain;
  const { name, level } = place;
  switch (level) {
    case 'province':
      return provinceAbbreviations[name] ?? name.charAt(0);
    case 'city':
      return cityAbbreviations[name] ?? name.charAt(0);
    case 'county': {
      // Ethnic autonomous counties and banners keep the place name before the peoples: 景宁畲族自治县 → 景宁.
      if (/自治(县|旗)$/.test(name)) return name.replace(AUTONOMOUS, '') || name.replace(/族?自治(县|旗)$/, '');
      const stem = name.replace(/(林区|新区|特区|区|县|市|旗)$/, '');
      return stem || name;
    }
    case 'township': {
      if (/族乡$/.test(name)) return name.replace(AUTONOMOUS, '') || name;
      const stem = name.replace(/(街道|镇|乡|苏木)$/, '');
      // A one-character township keeps its suffix: 城镇 stays 城镇, not 城.
      return stem.length >= 2 ? stem : name;
    }
  }
}

/** The number text: 西湖应急检记〔2026〕12号. */
export function formatDocumentNumber(p: { shortName: string; kind: DocumentKind; year: number; seq: number }): string {
  if (!Number.isInteger(p.seq) || p.seq < 1) throw new RangeError(`文书序号必须是正整数：${p.seq}`);
  return `${p.shortName}应急${documentKindTable[p.kind].abbreviation}〔${p.year}〕${p.seq}号`;
}

/** The Asia/Shanghai calendar year of an instant (China has no daylight saving time since 1991: UTC+8). */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}
