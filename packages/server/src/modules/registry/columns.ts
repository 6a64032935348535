// The spreadsheet columns of the enterprise register: one definition serves the template, the import
// parser and the export, so the three can never disagree.
import {
  agencyLevelLabels,
  creditStatusLabels,
  industryLabels,
  riskCodeLabels,
  standardizationLevelLabels,
} from '@anjian/domain';

export type ColumnKind = 'text' | 'int' | 'bool' | 'enum';

export interface Column {
  key: string;
  header: string;
  kind: ColumnKind;
  required?: boolean;
  labels?: Record<string, string>;
  /** extra spellings accepted on import */
  aliases?: Record<string, string>;
  exportOnly?: boolean;
  width?: number;
  example: string;
}

export const enterpriseColumns: Column[] = [
  { key: 'creditCode', header: '统一社会信用代码', kind: 'text', required: true, width: 24, example: '91330106MA2H0X0J3Q' },
  { key: 'name', header: '企业名称', kind: 'text', required: true, width: 36, example: '杭州示例化工有限公司' },
  { key: 'regionCode', header: '行政区划代码', kind: 'text', required: true, width: 14, example: '330106001' },
  { key: 'regionName', header: '所在地区', kind: 'text', exportOnly: true, width: 28, example: '' },
  { key: 'address', header: '地址', kind: 'text', width: 40, example: '浙江省杭州市西湖区北山街道某路1号' },
  { key: 'industry', header: '行业', kind: 'enum', required: true, labels: industryLabels, aliases: { 危化: 'hazardous_chemicals', 矿山: 'mining', 冶金: 'metallurgy', 工贸: 'industry_trade' }, width: 14, example: '危险化学品' },
  { key: 'riskCode', header: '风险赋码', kind: 'enum', required: true, labels: riskCodeLabels, aliases: { 红: 'red', 黄: 'yellow', 蓝: 'blue', 绿: 'green', 红色: 'red', 黄色: 'yellow', 蓝色: 'blue', 绿色: 'green' }, width: 10, example: '黄码' },
  { key: 'hazardSourceCount', header: '危险源数量', kind: 'int', width: 12, example: '5' },
  { key: 'majorHazardSourceCount', header: '重大危险源数量', kind: 'int', width: 14, example: '1' },
  { key: 'standardizationLevel', header: '安全生产标准化等级', kind: 'enum', labels: standardizationLevelLabels, aliases: { 无: 'none', 未评定: 'none' }, width: 18, example: '三级' },
  { key: 'creditStatus', header: '信用状态', kind: 'enum', labels: creditStatusLabels, width: 10, example: '一般' },
  { key: 'fatalAccidents3y', header: '近三年死亡事故起数', kind: 'int', width: 18, example: '0' },
  { key: 'nonSiteMonitored', header: '纳入非现场监管', kind: 'bool', width: 14, example: '否' },
  { key: 'legalRepresentative', header: '法定代表人', kind: 'text', width: 12, example: '张三' },
  { key: 'contactPhone', header: '联系电话', kind: 'text', width: 16, example: '13800000000' },
  { key: 'employeeCount', header: '从业人员数', kind: 'int', width: 12, example: '120' },
  { key: 'supervisingLevel', header: '监管层级', kind: 'enum', required: true, labels: agencyLevelLabels, aliases: { 省: 'province', 市: 'city', 县: 'county', 区县: 'county', 县级: 'county', 乡镇: 'township', 街道: 'township', 乡镇街道: 'township' }, width: 14, example: '县级' },
  { key: 'supervisingAgencyName', header: '监管主体', kind: 'text', exportOnly: true, width: 30, example: '' },
];

export const importColumns = enterpriseColumns.filter((c) => !c.exportOnly);

/** label or identifier → identifier, for every enum column */
export function enumLookup(c: Column): Map<string, string> {
  const m = new Map<string, string>();
  for (const [value, label] of Object.entries(c.labels ?? {})) {
    m.set(label, value);
    m.set(value, value);
  }
  for (const [alias, value] of Object.entries(c.aliases ?? {})) m.set(alias, value);
  return m;
}
