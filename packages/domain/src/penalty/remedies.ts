// R27/R29: the remedies a penalty decision states (救济途径). Since the 2023 revision of the 《行政复议法》 (in force
// 2024-01-01) one people's government per level is the reconsideration body for its departments (第二十四条第一款
// 第（一）项: 县级以上地方各级人民政府管辖对本级人民政府工作部门作出的行政行为不服的) — so a county bureau's decision goes to
// the county (district) government, a city bureau's to the city government, a provincial department's to the provincial
// government; a township's (or a street office's) acts go to the county government above it (第（二）（三）项). A
// decision made on the spot must first be reconsidered (第二十三条第一款第（一）项). The periods come from penaltyPeriods.
import { regionPath } from '../registry/regions.js';
import type { AgencyLevel } from '../registry/enums.js';
import { chineseNumeral } from './catalogue.js';
import { penaltyPeriods } from './deadlines.js';

/** The people's government whose reconsideration body hears a challenge to the agency's decision: 杭州市西湖区人民政府. */
export function reconsiderationBody(agency: { level: AgencyLevel | string; regionCode: string }): string {
  const path = regionPath(agency.regionCode).filter((r) => !(r.level === 'city' && (r.name === '市辖区' || r.name === '县')));
  // the government of the agency's own level; a township's is the county's above it
  const level = agency.level === 'township' ? 'county' : agency.level;
  const upTo = path.findIndex((r) => r.level === level);
  const chain = upTo >= 0 ? path.slice(0, upTo + 1) : path;
  if (!chain.length) return '本级人民政府';
  // written as documents do: the province alone, the city alone, or city + county (杭州市西湖区); a municipality's
  // district reads 北京市朝阳区
  const own = chain.at(-1)!;
  const parent = chain.length > 1 ? chain.at(-2)! : null;
  const name = own.level === 'county' && parent ? `${parent.name}${own.name}` : own.name;
  return `${name}人民政府`;
}

export interface RemediesInput {
  body: string;
  /** a decision made on the spot (简易程序): reconsideration first (《行政复议法》第二十三条第一款第（一）项) */
  onTheSpot?: boolean;
}

/** 救济途径 as written in the 行政处罚决定书: the body and the periods (60 days, 6 months) from the period table. */
export function remediesText(r: RemediesInput): string {
  const periods = penaltyPeriods();
  const rec = `${chineseNumeral(periods.reconsideration.length)}日`;
  const lit = `${chineseNumeral(periods.litigation.length)}个月`;
  const suspend = '行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外（《中华人民共和国行政处罚法》第七十三条第一款）。';
  if (r.onTheSpot) {
    return `如不服本决定，应当自收到本决定书之日起${rec}内先向${r.body}申请行政复议（《中华人民共和国行政复议法》第二十条、第二十三条第一款第（一）项）；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。${suspend}`;
  }
  return `如不服本决定，可以自收到本决定书之日起${rec}内向${r.body}申请行政复议（《中华人民共和国行政复议法》第二十条、第二十四条），或者自收到本决定书之日起${lit}内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。${suspend}`;
}


/**
 * 救济途径 of an administrative act that is not a penalty (现场处理措施决定、查封扣押决定): the same body and the same periods
 * (60 days, 6 months) from the period table; the act is not suspended meanwhile (《行政复议法》第四十二条、《行政诉讼法》
 * 第五十六条) — the penalty law's 第七十三条 does not apply to it.
 */
export function actRemediesText(body: string, act = '本决定'): string {
  const periods = penaltyPeriods();
  const rec = `${chineseNumeral(periods.reconsideration.length)}日`;
  const lit = `${chineseNumeral(periods.litigation.length)}个月`;
  return `如不服${act}，可以自收到之日起${rec}内向${body}申请行政复议（《中华人民共和国行政复议法》第二十条），或者自收到之日起${lit}内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。行政复议或者行政诉讼期间，${act}不停止执行，法律另有规定的除外。`;
}
