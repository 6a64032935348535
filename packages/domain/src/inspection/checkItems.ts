// R17: the check-item catalogue of 江西《实施意见》附件1 — 14 general items for every enterprise and the industry items,
// with the concrete major-hazard criteria (重大事故隐患判定标准) each industry is inspected against. This is the
// first version shipped as data; agencies edit it as new catalogue versions (the server keeps the versions).
// No imports but the enum file, so the web bundle can show labels without the region data.
import { industries, type Industry } from '../registry/enums.js';

/** 'general' or an industry: what a catalogue item applies to */
export const checkItemScopes = ['general', ...industries] as const;

export interface CheckItem {
  /** stable code: G01…G14 for the general items, <industry prefix><nn> for industry items */
  code: string;
  /** 'general' applies to every enterprise; otherwise the industry it belongs to */
  scope: 'general' | Industry;
  title: string;
  /** the standard whose major-hazard item this is; a non-conformity here is a 重大事故隐患 (R18, R22) */
  majorHazardStandard?: string;
  /** the standard's own wording of the major hazard; the title states the requirement the officer checks */
  criterion?: string;
}

export interface CheckItemCatalogue {
  version: number;
  items: CheckItem[];
}

const general: [string, string][] = [
  ['G01', '主要负责人履行职责情况'],
  ['G02', '全员安全生产责任制及安全生产标准化建设情况'],
  ['G03', '安全费用提取、安责险投保等安全投入保障情况'],
  ['G04', '安全生产管理机构人员设置配备及规章制度制定与执行情况'],
  ['G05', '从业人员安全生产教育和培训及特种作业人员持证上岗情况'],
  ['G06', '安全生产证照、建设项目安全评价及建设项目安全设施“三同时”情况，是否存在未批先建、非法违法生产等情况'],
  ['G07', '安全警示标志、安全设备运行情况'],
  ['G08', '重大危险源安全管理情况'],
  ['G09', '事故隐患排查治理情况'],
  ['G10', '危险场所与员工宿舍安全距离及安全出口管理情况'],
  ['G11', '危险作业安全管理情况'],
  ['G12', '生产经营项目、场所、设备发包、出租管理情况'],
  ['G13', '事故风险及应急措施告知情况'],
  ['G14', '预案制修定、应急演练等应急准备工作情况'],
];

const MINE_STD = '《金属非金属矿山重大事故隐患判定标准》';
const CHEM_STD = '《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）》';
const FIRE_STD = '《烟花爆竹生产经营单位重大生产安全事故隐患判定标准（试行）》';
const TRADE_STD = '《工贸企业重大事故隐患判定标准》';

type Row = [code: string, title: string, standard?: string, criterion?: string];

const byIndustry: Record<Industry, Row[]> = {
  mining: [
    ['M01', '隐患排查整治情况'],
    ['M02', '矿山隐蔽致灾因素普查治理和重大灾害治理情况'],
    ['M03', '基本图纸及与实际符合情况'],
    ['M04', '开采及作业管理情况'],
    ['M05', '各工作系统设置及运行情况'],
    ['M06', '尾矿库设置及管理情况'],
    ['M11', '地下矿山直达地面的独立安全出口不少于2个，且符合设计要求', MINE_STD, '地下矿山直达地面的独立安全出口少于2个，或安全出口不符合设计要求'],
    ['M12', '露天矿山采用自上而下的开采顺序分台阶或者分层开采', MINE_STD, '露天矿山未采用自上而下的开采顺序分台阶或分层开采'],
    ['M13', '不使用国家明令禁止使用的设备、材料或者工艺', MINE_STD, '使用国家明令禁止使用的设备、材料或者工艺'],
    ['M14', '尾矿库坝体无贯穿性裂缝、坍塌、滑动迹象，排洪系统构筑物无严重堵塞、坍塌', MINE_STD, '尾矿库坝体出现贯穿性裂缝、坍塌、滑动迹象，或者排洪系统构筑物严重堵塞、坍塌'],
  ],
  hazardous_chemicals: [
    ['C01', '危险工艺及重大危险源自动化监测监控情况'],
    ['C02', '安全仪表系统装配及投用情况'],
    ['C03', '有毒、可燃气体检测报警装置投用情况'],
    ['C11', '主要负责人和安全生产管理人员依法经考核合格', CHEM_STD, '主要负责人和安全生产管理人员未依法经考核合格'],
    ['C12', '特种作业人员持证上岗', CHEM_STD, '特种作业人员未持证上岗'],
    ['C13', '涉及重点监管危险化工工艺的装置实现自动化控制，系统具备紧急停车功能，自动化控制系统、紧急停车系统投入使用', CHEM_STD, '涉及重点监管危险化工工艺的装置未实现自动化控制，系统未实现紧急停车功能，或者自动化控制系统、紧急停车系统未投入使用'],
    ['C14', '构成一级、二级重大危险源的危险化学品罐区实现紧急切断功能', CHEM_STD, '构成一级、二级重大危险源的危险化学品罐区未实现紧急切断功能'],
    ['C15', '涉及可燃和有毒有害气体泄漏的场所按国家标准设置检测报警装置，爆炸危险场所按国家标准安装使用防爆电气设备', CHEM_STD, '涉及可燃和有毒有害气体泄漏的场所未按国家标准设置检测报警装置，爆炸危险场所未按国家标准安装使用防爆电气设备'],
    ['C16', '安全阀、爆破片等安全附件正常投用', CHEM_STD, '安全阀、爆破片等安全附件未正常投用'],
    ['C17', '按照国家标准制定动火、进入受限空间等特殊作业管理制度，并有效执行', CHEM_STD, '未按照国家标准制定动火、进入受限空间等特殊作业管理制度，或者制度未有效执行'],
    ['C18', '按国家标准分区分类储存危险化学品，不超量、超品种储存，相互禁配物质不混放混存', CHEM_STD, '未按国家标准分区分类储存危险化学品，超量、超品种储存危险化学品，相互禁配物质混放混存'],
  ],
  fireworks: [
    ['F01', '1.1级工房监管情况'],
    ['F11', '主要负责人、安全生产管理人员依法经考核合格', FIRE_STD, '主要负责人、安全生产管理人员未依法经考核合格'],
    ['F12', '特种作业人员持证上岗，作业人员不带药检维修设备设施', FIRE_STD, '特种作业人员未持证上岗，作业人员带药检维修设备设施'],
    ['F13', '工（库）房实际作业人员数量不超过核定人数', FIRE_STD, '工（库）房实际作业人员数量超过核定人数'],
    ['F14', '工（库）房实际滞留、存储药量不超过核定药量', FIRE_STD, '工（库）房实际滞留、存储药量超过核定药量'],
    ['F15', '工（库）房内、外部安全距离足够，防护屏障齐全且符合要求', FIRE_STD, '工（库）房内、外部安全距离不足，防护屏障缺失或者不符合要求'],
    ['F16', '防静电、防火、防雷设备设施齐全有效', FIRE_STD, '防静电、防火、防雷设备设施缺失或者失效'],
  ],
  metallurgy: [
    ['T01', '登高、动火、煤气等危险作业审批和管理情况'],
    ['T11', '金属冶炼企业主要负责人、安全生产管理人员按照规定经考核合格', TRADE_STD, '金属冶炼企业主要负责人、安全生产管理人员未按照规定经考核合格'],
    ['T12', '会议室、活动室、休息室、操作室、交接班室、更衣室等人员聚集场所不设置在铁水、钢水、液渣吊运跨的地坪区域内', TRADE_STD, '会议室、活动室、休息室、操作室、交接班室、更衣室等人员聚集场所设置在铁水、钢水、液渣吊运跨的地坪区域内'],
    ['T13', '煤气生产、回收净化、加压混合、储存、使用设施附近的人员聚集场所，以及可能发生煤气泄漏、积聚的场所设置固定式一氧化碳浓度监测报警装置', TRADE_STD, '煤气生产、回收净化、加压混合、储存、使用设施附近的会议室、活动室、休息室等人员聚集场所，以及可能发生煤气泄漏、积聚的场所未设置固定式一氧化碳浓度监测报警装置'],
  ],
  dust_explosion: [
    ['D01', '登高、动火等危险作业审批和管理情况'],
    ['D11', '粉尘爆炸危险场所不设置在非框架结构的多层建（构）筑物内，场所内不设员工宿舍、会议室、办公室、休息室等人员聚集场所', TRADE_STD, '粉尘爆炸危险场所设置在非框架结构的多层建（构）筑物内，或者粉尘爆炸危险场所内设有员工宿舍、会议室、办公室、休息室等人员聚集场所'],
    ['D12', '不同类别的可燃性粉尘、可燃性粉尘与可燃气体等易加剧爆炸危险的介质不共用一套除尘系统，不同建（构）筑物、不同防火分区不共用一套除尘系统，除尘系统不互联互通', TRADE_STD, '不同类别的可燃性粉尘、可燃性粉尘与可燃气体等易加剧爆炸危险的介质共用一套除尘系统，或者不同建（构）筑物、不同防火分区共用一套除尘系统、除尘系统互联互通'],
    ['D13', '干式除尘系统采取泄爆、惰化、抑爆等爆炸防控措施', TRADE_STD, '干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施'],
    ['D14', '铝镁等金属粉尘除尘系统不采用正压吹送粉尘，或者采取火花探测消除等防范点燃源措施', TRADE_STD, '铝镁等金属粉尘除尘系统采用正压吹送粉尘，且未采取火花探测消除等防范点燃源措施'],
    ['D15', '粉尘爆炸危险场所的20区使用防爆电气设备设施', TRADE_STD, '粉尘爆炸危险场所的20区未使用防爆电气设备设施'],
  ],
  ammonia_refrigeration: [
    ['A01', '涉氨制冷系统及危险作业审批和管理情况'],
    ['A11', '包装、分割、产品整理场所的空调系统不采用氨直接蒸发制冷', TRADE_STD, '包装、分割、产品整理场所的空调系统采用氨直接蒸发制冷'],
    ['A12', '快速冻结装置设置在单独的作业间内，且作业间内作业人员数量不超过9人', TRADE_STD, '快速冻结装置未设置在单独的作业间内，或者快速冻结装置作业间内作业人员数量超过9人'],
  ],
  industry_trade: [
    ['I01', '登高、动火、煤气等危险作业审批和管理情况'],
    ['I11', '对承包单位、承租单位的安全生产工作统一协调、管理，并定期进行安全检查', TRADE_STD, '未对承包单位、承租单位的安全生产工作统一协调、管理，或者未定期进行安全检查'],
    ['I12', '特种作业人员按照规定经专门的安全作业培训并取得相应资格后上岗作业', TRADE_STD, '特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业'],
  ],
  safety_service: [
    ['S01', '安全评价机构资质保持情况'],
    ['S02', '安全评价过程控制执行情况'],
    ['S03', '安全生产检测检验机构资质保持情况'],
    ['S04', '检测检验管理体系运行情况'],
  ],
  safety_training: [
    ['P01', '具备从事安全培训工作所需要的基本条件情况'],
    ['P02', '培训管理制度建立健全和专兼职教师配备情况'],
    ['P03', '执行培训大纲情况'],
    ['P04', '建立培训档案及培训全过程录像情况'],
    ['P05', '培训保障情况'],
  ],
};

/** The catalogue shipped with the system (version 1); later versions live in the database. */
export const defaultCheckItemCatalogue: CheckItemCatalogue = {
  version: 1,
  items: [
    ...general.map(([code, title]): CheckItem => ({ code, scope: 'general', title })),
    ...(Object.entries(byIndustry) as [Industry, Row[]][]).flatMap(([scope, rows]) =>
      rows.map(([code, title, standard, criterion]): CheckItem => ({ code, scope, title, ...(standard ? { majorHazardStandard: standard } : {}), ...(criterion ? { criterion } : {}) })),
    ),
  ],
};

/** R17: the items an inspection of an enterprise of this industry covers — all general items and its industry's. */
export function itemsForIndustry(catalogue: CheckItemCatalogue, industry: Industry): CheckItem[] {
  return catalogue.items.filter((i) => i.scope === 'general' || i.scope === industry);
}

/** Problems of a catalogue an editor submits: duplicate or malformed codes, empty titles. Empty = valid. */
export function catalogueProblems(items: readonly CheckItem[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const i of items) {
    if (!/^[A-Z]{1,3}\d{2,3}$/.test(i.code)) problems.push(`事项编码“${i.code}”格式不正确（如 G01、C11）`);
    if (seen.has(i.code)) problems.push(`事项编码“${i.code}”重复`);
    seen.add(i.code);
    if (!i.title.trim()) problems.push(`事项“${i.code}”缺少内容`);
  }
  if (!items.some((i) => i.scope === 'general')) problems.push('检查事项清单至少应包含一项通用检查事项');
  return problems;
}
