// R25/R26: the discretion benchmark catalogue (行政处罚裁量基准) shipped as data — the penalty articles of 第六章 法律责任
// of the 《中华人民共和国安全生产法》 as amended on 2021-06-10 (in force 2021-09-01), each split into one item per
// circumstance (发现违法 / 逾期未改正 / 拒不执行 / 事故) and per party (单位 / 主要负责人 / 直接责任人员 …), with the statutory
// range in yuan exactly as the law writes it and four discretion tiers that partition the range. Agencies adopt
// their provincial benchmark as a new catalogue version (the server keeps the versions, like the check items).
// No imports but labels, so the web bundle can show the catalogue.
import {
  accidentGradeLabels,
  discretionTierLabels,
  discretionTiers,
  penaltyPartyLabels,
  penaltyStageLabels,
  type AccidentGrade,
  type DiscretionTier,
  type PenaltyParty,
  type PenaltyStage,
  sanctionKindLabels,
  type SanctionKind,
} from './labels.js';

export * from './labels.js';

export const WORK_SAFETY_LAW = '中华人民共和国安全生产法';
export const ADMINISTRATIVE_PENALTY_LAW = '中华人民共和国行政处罚法';

/** One discretion tier: the sub-range of the statutory range it covers (same unit as the range). */
export interface TierRange {
  tier: DiscretionTier;
  min: number;
  max: number;
}

/**
 * A statutory range with its four tiers. The unit is the fine rule's: yuan for `amount`, percentage points of the
 * previous year's income for `percentOfAnnualIncome` (40 = 40%), multiples of the illegal gain for `times`.
 */
export interface TieredRange {
  min: number;
  max: number;
  tiers: readonly TierRange[];
}

/** How the law sets the fine of an item. */
export type FineRule =
  /** no fine, only the other sanctions (e.g. 第九十三条第一款: 责令限期改正，提供必需的资金；逾期未改正的，责令停产停业整顿) */
  | { kind: 'none' }
  /** a range in yuan; "处十万元以下的罚款" is {min: 0, max: 100000}; 以上/以下 include the amount itself */
  | { kind: 'amount'; range: TieredRange }
  /** a share of the person's income of the previous year (上一年年收入); a fixed share has min === max */
  | { kind: 'percentOfAnnualIncome'; range: TieredRange }
  /**
   * 违法所得 rule: gain ≥ threshold → `times` × gain; no gain or below the threshold → `otherwise` in yuan,
   * "单处或者并处" (alone or together with confiscating the gain).
   */
  | { kind: 'timesIllegalGain'; gainThreshold: number; times: TieredRange; otherwise: TieredRange }
  /** 第一百一十二条: the original fine again for every day of refusal */
  | { kind: 'dailyRepeat' }
  /** the article refers to other laws (第一百条: 依照有关危险物品安全管理的法律、行政法规的规定予以处罚) */
  | { kind: 'otherLaw'; basis: string };

export interface SanctionEntry {
  kind: SanctionKind;
  /** when the sanction applies only in some cases, the statute's words (e.g. 情节严重的) */
  condition?: string;
  /** the statute's wording when it differs from the kind's label (e.g. 暂停或者吊销其与安全生产有关的资格) */
  text?: string;
}

/** "情节严重的，责令停产停业整顿" */
export function sanctionText(x: SanctionEntry): string {
  return `${x.condition ? `${x.condition}，` : ''}${x.text ?? sanctionKindLabels[x.kind]}`;
}

export interface DiscretionItem {
  /** stable code, e.g. `aq097.overdue.unit` */
  code: string;
  law: string;
  article: number;
  /** 第九十七条 — always `articleLabel(article)` (checked) */
  articleLabel: string;
  /** 款, when the article has several paragraphs */
  paragraph?: number;
  /** the violation, as the decision document states it */
  violation: string;
  stage: PenaltyStage;
  party: PenaltyParty;
  /** for accident items: the grade the item applies to */
  accidentGrade?: AccidentGrade;
  fine: FineRule;
  sanctions: readonly SanctionEntry[];
  /** the clause quoted from the statute */
  articleText: string;
  /** the article reserves criminal liability (构成犯罪的，依照刑法有关规定追究刑事责任): consider a transfer (R30) */
  criminalReserved: boolean;
  /**
   * Whether 行政处罚法 第三十三条 (no penalty for a minor violation corrected in time) can apply at all. False for the
   * escalated stages (逾期未改正 / 拒不执行 — by definition not corrected in time) and for accidents (harm caused).
   */
  exemptible: boolean;
  note?: string;
}

/** A rule of the catalogue that is not tied to one article (no penalty, 从轻/减轻, 从重). */
export interface CatalogueRule {
  id: string;
  text: string;
  basis: string;
}

export interface DiscretionCatalogue {
  version: number;
  title: string;
  law: string;
  /** when the law version took effect */
  effectiveFrom: string;
  /** how each statutory range is split into the four tiers */
  tierRule: string;
  items: DiscretionItem[];
  /** 不予处罚 (行政处罚法 第三十三条) */
  noPenaltyRules: CatalogueRule[];
  /** 从轻、减轻 (行政处罚法 第三十二条) and how the engine applies them */
  mitigationRules: CatalogueRule[];
  /** 从重 and how the engine applies it */
  aggravationRules: CatalogueRule[];
}

// ---------- helpers ----------

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese numeral of 1–999 as statutes write article numbers: 九十七, 一百, 一百零一, 一百一十四. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`条号超出范围：${n}`);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let s = '';
  if (h) s += `${DIGITS[h]}百`;
  if (t) s += h || t > 1 ? `${DIGITS[t]}十` : '十';
  else if (h && u) s += '零';
  if (u) s += DIGITS[u];
  return s;
}

/** 第九十七条 */
export function articleLabel(n: number): string {
  return `第${chineseNumeral(n)}条`;
}

/**
 * The tier partition rule: the statutory range [min, max] is cut into four equal quarters —
 * 轻微 [min, q1], 一般 (q1, mid], 较重 (mid, q3], 严重 (q3, max] — so 轻微/一般 are the lower half (从轻 stays there)
 * and 较重/严重 the upper half (从重 goes there), matching the common benchmark rule that a lighter penalty lies below
 * the middle of the range and a heavier one above it (国办发〔2022〕27号 《关于进一步规范行政裁量权基准制定和管理工作的意见》
 * asks for 从轻/一般/从重 steps inside the range). For "X以下" ranges the minimum is 0, so the quarters are 0–25%,
 * 25–50%, 50–75%, 75–100% of the maximum. A boundary belongs to the lower tier (the proposal of either tier accepts it).
 * A fixed amount (min === max) gives four equal degenerate tiers.
 */
export function quartileTiers(min: number, max: number): TieredRange {
  if (!(min >= 0) || !(max >= min)) throw new RangeError(`法定幅度不正确：${min}–${max}`);
  const step = (max - min) / 4;
  const b = [min, min + step, min + 2 * step, min + 3 * step, max];
  return { min, max, tiers: discretionTiers.map((tier, k) => ({ tier, min: b[k]!, max: b[k + 1]! })) };
}

/** The tier an amount (in the range's unit) falls in; null when outside the range. Boundaries go to the lower tier. */
export function tierOf(range: TieredRange, value: number): DiscretionTier | null {
  if (value < range.min || value > range.max) return null;
  for (const t of range.tiers) if (value <= t.max) return t.tier;
  return range.tiers[range.tiers.length - 1]?.tier ?? null;
}

/** Amounts as statutes and decisions write them: 100000 → "10万元", 37500 → "37500元". */
export function formatYuan(n: number): string {
  if (n >= 10000 && n % 100 === 0) return `${n / 10000}万元`;
  return `${n}元`;
}

/** "十万元以下" style text of a range in yuan. */
export function formatYuanRange(min: number, max: number): string {
  if (min === max) return formatYuan(max);
  if (min === 0) return `${formatYuan(max)}以下`;
  return `${formatYuan(min)}以上${formatYuan(max)}以下`;
}

const amount = (min: number, max: number): FineRule => ({ kind: 'amount', range: quartileTiers(min, max) });
const percent = (min: number, max: number): FineRule => ({ kind: 'percentOfAnnualIncome', range: quartileTiers(min, max) });
const gain = (): FineRule => ({ kind: 'timesIllegalGain', gainThreshold: 100000, times: quartileTiers(2, 5), otherwise: quartileTiers(100000, 200000) });
const NONE: FineRule = { kind: 'none' };
const s = (kind: SanctionKind, condition?: string, text?: string): SanctionEntry => ({ kind, ...(condition ? { condition } : {}), ...(text ? { text } : {}) });
const WAN = 10000;

// ---------- statute text (《中华人民共和国安全生产法》2021年修正, 第六章 法律责任) ----------

const T = {
  92.1: '承担安全评价、认证、检测、检验职责的机构出具失实报告的，责令停业整顿，并处三万元以上十万元以下的罚款；给他人造成损害的，依法承担赔偿责任。',
  92.2: '承担安全评价、认证、检测、检验职责的机构租借资质、挂靠、出具虚假报告的，没收违法所得；违法所得在十万元以上的，并处违法所得二倍以上五倍以下的罚款，没有违法所得或者违法所得不足十万元的，单处或者并处十万元以上二十万元以下的罚款；对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款；给他人造成损害的，与生产经营单位承担连带赔偿责任；构成犯罪的，依照刑法有关规定追究刑事责任。对有前款违法行为的机构及其直接责任人员，吊销其相应资质和资格，五年内不得从事安全评价、认证、检测、检验等工作；情节严重的，实行终身行业和职业禁入。',
  93.1: '生产经营单位的决策机构、主要负责人或者个人经营的投资人不依照本法规定保证安全生产所必需的资金投入，致使生产经营单位不具备安全生产条件的，责令限期改正，提供必需的资金；逾期未改正的，责令生产经营单位停产停业整顿。',
  93.2: '有前款违法行为，导致发生生产安全事故的，对生产经营单位的主要负责人给予撤职处分，对个人经营的投资人处二万元以上二十万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。',
  94: '生产经营单位的主要负责人未履行本法规定的安全生产管理职责的，责令限期改正，处二万元以上五万元以下的罚款；逾期未改正的，处五万元以上十万元以下的罚款，责令生产经营单位停产停业整顿。',
  95: '生产经营单位的主要负责人未履行本法规定的安全生产管理职责，导致发生生产安全事故的，由应急管理部门依照下列规定处以罚款：（一）发生一般事故的，处上一年年收入百分之四十的罚款；（二）发生较大事故的，处上一年年收入百分之六十的罚款；（三）发生重大事故的，处上一年年收入百分之八十的罚款；（四）发生特别重大事故的，处上一年年收入百分之一百的罚款。',
  96: '生产经营单位的其他负责人和安全生产管理人员未履行本法规定的安全生产管理职责的，责令限期改正，处一万元以上三万元以下的罚款；导致发生生产安全事故的，暂停或者吊销其与安全生产有关的资格，并处上一年年收入百分之二十以上百分之五十以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。',
  97: '生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款：（一）未按照规定设置安全生产管理机构或者配备安全生产管理人员、注册安全工程师的；（二）危险物品的生产、经营、储存、装卸单位以及矿山、金属冶炼、建筑施工、运输单位的主要负责人和安全生产管理人员未按照规定经考核合格的；（三）未按照规定对从业人员、被派遣劳动者、实习学生进行安全生产教育和培训，或者未按照规定如实告知有关的安全生产事项的；（四）未如实记录安全生产教育和培训情况的；（五）未将事故隐患排查治理情况如实记录或者未向从业人员通报的；（六）未按照规定制定生产安全事故应急救援预案或者未定期组织演练的；（七）特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业的。',
  98: '生产经营单位有下列行为之一的，责令停止建设或者停产停业整顿，限期改正，并处十万元以上五十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款；逾期未改正的，处五十万元以上一百万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任：（一）未按照规定对矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目进行安全评价的；（二）矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目没有安全设施设计或者安全设施设计未按照规定报经有关部门审查同意的；（三）矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目的施工单位未按照批准的安全设施设计施工的；（四）矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目竣工投入生产或者使用前，安全设施未经验收合格的。',
  99: '生产经营单位有下列行为之一的，责令限期改正，处五万元以下的罚款；逾期未改正的，处五万元以上二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款；情节严重的，责令停产停业整顿；构成犯罪的，依照刑法有关规定追究刑事责任：（一）未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志的；（二）安全设备的安装、使用、检测、改造和报废不符合国家标准或者行业标准的；（三）未对安全设备进行经常性维护、保养和定期检测的；（四）关闭、破坏直接关系生产安全的监控、报警、防护、救生设备、设施，或者篡改、隐瞒、销毁其相关数据、信息的；（五）未为从业人员提供符合国家标准或者行业标准的劳动防护用品的；（六）危险物品的容器、运输工具，以及涉及人身安全、危险性较大的海洋石油开采特种设备和矿山井下特种设备未经具有专业资质的机构检测、检验合格，取得安全使用证或者安全标志，投入使用的；（七）使用应当淘汰的危及生产安全的工艺、设备的；（八）餐饮等行业的生产经营单位使用燃气未安装可燃气体报警装置的。',
  100: '未经依法批准，擅自生产、经营、运输、储存、使用危险物品或者处置废弃危险物品的，依照有关危险物品安全管理的法律、行政法规的规定予以处罚；构成犯罪的，依照刑法有关规定追究刑事责任。',
  101: '生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任：（一）生产、经营、运输、储存、使用危险物品或者处置废弃危险物品，未建立专门安全管理制度、未采取可靠的安全措施的；（二）对重大危险源未登记建档，未进行定期检测、评估、监控，未制定应急预案，或者未告知应急措施的；（三）进行爆破、吊装、动火、临时用电以及国务院应急管理部门会同国务院有关部门规定的其他危险作业，未安排专门人员进行现场安全管理的；（四）未建立安全风险分级管控制度或者未按照安全风险分级采取相应管控措施的；（五）未建立事故隐患排查治理制度，或者重大事故隐患排查治理情况未按照规定报告的。',
  102: '生产经营单位未采取措施消除事故隐患的，责令立即消除或者限期消除，处五万元以下的罚款；生产经营单位拒不执行的，责令停产停业整顿，对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。',
  103.1: '生产经营单位将生产经营项目、场所、设备发包或者出租给不具备安全生产条件或者相应资质的单位或者个人的，责令限期改正，没收违法所得；违法所得十万元以上的，并处违法所得二倍以上五倍以下的罚款；没有违法所得或者违法所得不足十万元的，单处或者并处十万元以上二十万元以下的罚款；对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款；导致发生生产安全事故给他人造成损害的，与承包方、承租方承担连带赔偿责任。',
  103.2: '生产经营单位未与承包单位、承租单位签订专门的安全生产管理协议或者未在承包合同、租赁合同中明确各自的安全生产管理职责，或者未对承包单位、承租单位的安全生产统一协调、管理的，责令限期改正，处五万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款；逾期未改正的，责令停产停业整顿。',
  103.3: '矿山、金属冶炼建设项目和用于生产、储存、装卸危险物品的建设项目的施工单位未按照规定对施工项目进行安全管理的，责令限期改正，处十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以下的罚款；逾期未改正的，责令停产停业整顿。以上施工单位倒卖、出租、出借、挂靠或者以其他形式非法转让施工资质的，责令停产停业整顿，吊销资质证书，没收违法所得；违法所得十万元以上的，并处违法所得二倍以上五倍以下的罚款，没有违法所得或者违法所得不足十万元的，单处或者并处十万元以上二十万元以下的罚款；对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。',
  104: '两个以上生产经营单位在同一作业区域内进行可能危及对方安全生产的生产经营活动，未签订安全生产管理协议或者未指定专职安全生产管理人员进行安全检查与协调的，责令限期改正，处五万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款；逾期未改正的，责令停产停业。',
  105: '生产经营单位有下列行为之一的，责令限期改正，处五万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款；逾期未改正的，责令停产停业整顿；构成犯罪的，依照刑法有关规定追究刑事责任：（一）生产、经营、储存、使用危险物品的车间、商店、仓库与员工宿舍在同一座建筑内，或者与员工宿舍的距离不符合安全要求的；（二）生产经营场所和员工宿舍未设有符合紧急疏散需要、标志明显、保持畅通的出口、疏散通道，或者占用、锁闭、封堵生产经营场所或者员工宿舍出口、疏散通道的。',
  106: '生产经营单位与从业人员订立协议，免除或者减轻其对从业人员因生产安全事故伤亡依法应承担的责任的，该协议无效；对生产经营单位的主要负责人、个人经营的投资人处二万元以上十万元以下的罚款。',
  108: '违反本法规定，生产经营单位拒绝、阻碍负有安全生产监督管理职责的部门依法实施监督检查的，责令改正；拒不改正的，处二万元以上二十万元以下的罚款；对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。',
  109: '高危行业、领域的生产经营单位未按照国家规定投保安全生产责任保险的，责令限期改正，处五万元以上十万元以下的罚款；逾期未改正的，处十万元以上二十万元以下的罚款。',
  110.1: '生产经营单位的主要负责人在本单位发生生产安全事故时，不立即组织抢救或者在事故调查处理期间擅离职守或者逃匿的，给予降级、撤职的处分，并由应急管理部门处上一年年收入百分之六十至百分之一百的罚款；对逃匿的处十五日以下拘留；构成犯罪的，依照刑法有关规定追究刑事责任。',
  110.2: '生产经营单位的主要负责人对生产安全事故隐瞒不报、谎报或者迟报的，依照前款规定处罚。',
  112: '生产经营单位违反本法规定，被责令改正且受到罚款处罚，拒不改正的，负有安全生产监督管理职责的部门可以自作出责令改正之日的次日起，按照原处罚数额按日连续处罚。',
  113: '生产经营单位存在下列情形之一的，负有安全生产监督管理职责的部门应当提请地方人民政府予以关闭，有关部门应当依法吊销其有关证照。生产经营单位主要负责人五年内不得担任任何生产经营单位的主要负责人；情节严重的，终身不得担任本行业生产经营单位的主要负责人：（一）存在重大事故隐患，一百八十日内三次或者一年内四次受到本法规定的行政处罚的；（二）经停产停业整顿，仍不具备法律、行政法规和国家标准或者行业标准规定的安全生产条件的；（三）不具备法律、行政法规和国家标准或者行业标准规定的安全生产条件，导致发生重大、特别重大生产安全事故的；（四）拒不执行负有安全生产监督管理职责的部门作出的停产停业整顿决定的。',
  114.1: '发生生产安全事故，对负有责任的生产经营单位除要求其依法承担相应的赔偿等责任外，由应急管理部门依照下列规定处以罚款：（一）发生一般事故的，处三十万元以上一百万元以下的罚款；（二）发生较大事故的，处一百万元以上二百万元以下的罚款；（三）发生重大事故的，处二百万元以上一千万元以下的罚款；（四）发生特别重大事故的，处一千万元以上二千万元以下的罚款。',
  114.2: '发生生产安全事故，情节特别严重、影响特别恶劣的，应急管理部门可以按照前款罚款数额的二倍以上五倍以下对负有责任的生产经营单位处以罚款。',
} as const;

// ---------- items ----------

type ItemInput = Omit<DiscretionItem, 'law' | 'articleLabel' | 'criminalReserved' | 'exemptible'> & { exemptible?: boolean };

function item(i: ItemInput): DiscretionItem {
  return {
    ...i,
    law: WORK_SAFETY_LAW,
    articleLabel: articleLabel(i.article),
    criminalReserved: i.articleText.includes('构成犯罪的'),
    exemptible: i.exemptible ?? (i.stage === 'initial' && i.fine.kind !== 'dailyRepeat' && i.fine.kind !== 'otherLaw'),
  };
}

const ACCIDENT_114: [AccidentGrade, number, number][] = [
  ['general', 30 * WAN, 100 * WAN],
  ['larger', 100 * WAN, 200 * WAN],
  ['major', 200 * WAN, 1000 * WAN],
  ['especially_major', 1000 * WAN, 2000 * WAN],
];
const ACCIDENT_95: [AccidentGrade, number][] = [
  ['general', 40],
  ['larger', 60],
  ['major', 80],
  ['especially_major', 100],
];

const items: DiscretionItem[] = [
  // 第九十二条 — 安全评价、认证、检测、检验机构
  item({ code: 'aq092-1.initial.institution', article: 92, paragraph: 1, violation: '承担安全评价、认证、检测、检验职责的机构出具失实报告', stage: 'initial', party: 'institution', fine: amount(3 * WAN, 10 * WAN), sanctions: [s('suspend_for_rectification')], articleText: T[92.1], exemptible: false, note: '责令停业整顿（法条用语）' }),
  item({ code: 'aq092-2.initial.institution', article: 92, paragraph: 2, violation: '承担安全评价、认证、检测、检验职责的机构租借资质、挂靠、出具虚假报告', stage: 'initial', party: 'institution', fine: gain(), sanctions: [s('confiscate_gain'), s('revoke_qualification', undefined, '吊销其相应资质和资格'), s('industry_ban', undefined, '五年内不得从事安全评价、认证、检测、检验等工作；情节严重的，实行终身行业和职业禁入')], articleText: T[92.2], exemptible: false }),
  item({ code: 'aq092-2.initial.responsible', article: 92, paragraph: 2, violation: '承担安全评价、认证、检测、检验职责的机构租借资质、挂靠、出具虚假报告（直接责任人员）', stage: 'initial', party: 'responsible_person', fine: amount(5 * WAN, 10 * WAN), sanctions: [s('revoke_qualification', undefined, '吊销其相应资质和资格'), s('industry_ban', undefined, '五年内不得从事安全评价、认证、检测、检验等工作；情节严重的，实行终身行业和职业禁入')], articleText: T[92.2], exemptible: false }),

  // 第九十三条 — 安全投入
  item({ code: 'aq093-1.initial.unit', article: 93, paragraph: 1, violation: '决策机构、主要负责人或者个人经营的投资人不依照规定保证安全生产所必需的资金投入，致使生产经营单位不具备安全生产条件', stage: 'initial', party: 'unit', fine: NONE, sanctions: [s('order_correction'), s('provide_funds')], articleText: T[93.1] }),
  item({ code: 'aq093-1.overdue.unit', article: 93, paragraph: 1, violation: '不保证安全生产所必需的资金投入，经责令限期改正，逾期未改正', stage: 'overdue', party: 'unit', fine: NONE, sanctions: [s('suspend_for_rectification')], articleText: T[93.1] }),
  item({ code: 'aq093-2.accident.investor', article: 93, paragraph: 2, violation: '个人经营的投资人不保证安全生产所必需的资金投入，导致发生生产安全事故', stage: 'accident', party: 'investor', fine: amount(2 * WAN, 20 * WAN), sanctions: [], articleText: T[93.2] }),
  item({ code: 'aq093-2.accident.principal', article: 93, paragraph: 2, violation: '主要负责人不保证安全生产所必需的资金投入，导致发生生产安全事故', stage: 'accident', party: 'principal', fine: NONE, sanctions: [s('dismissal', undefined, '给予撤职处分')], articleText: T[93.2], note: '撤职处分由任免机关或者监察机关依法给予' }),

  // 第九十四条 — 主要负责人未履行安全生产管理职责
  item({ code: 'aq094.initial.principal', article: 94, paragraph: 1, violation: '未履行本法规定的安全生产管理职责', stage: 'initial', party: 'principal', fine: amount(2 * WAN, 5 * WAN), sanctions: [s('order_correction')], articleText: T[94] }),
  item({ code: 'aq094.overdue.principal', article: 94, paragraph: 1, violation: '未履行安全生产管理职责，经责令限期改正，逾期未改正', stage: 'overdue', party: 'principal', fine: amount(5 * WAN, 10 * WAN), sanctions: [s('suspend_for_rectification', undefined, '责令生产经营单位停产停业整顿')], articleText: T[94], note: '责令生产经营单位停产停业整顿' }),

  // 第九十五条 — 主要负责人未履职导致事故，按事故等级处上一年年收入一定比例的罚款
  ...ACCIDENT_95.map(([grade, p]) =>
    item({ code: `aq095.accident.principal.${grade}`, article: 95, violation: `未履行安全生产管理职责，导致发生${accidentGradeLabels[grade]}`, stage: 'accident', party: 'principal', accidentGrade: grade, fine: percent(p, p), sanctions: [], articleText: T[95], note: '上一年年收入按《生产安全事故罚款处罚规定》认定' }),
  ),

  // 第九十六条 — 其他负责人和安全生产管理人员
  item({ code: 'aq096.initial.other_manager', article: 96, violation: '未履行本法规定的安全生产管理职责', stage: 'initial', party: 'other_manager', fine: amount(1 * WAN, 3 * WAN), sanctions: [s('order_correction')], articleText: T[96] }),
  item({ code: 'aq096.accident.other_manager', article: 96, violation: '未履行安全生产管理职责，导致发生生产安全事故', stage: 'accident', party: 'other_manager', fine: percent(20, 50), sanctions: [s('suspend_qualification', undefined, '暂停或者吊销其与安全生产有关的资格')], articleText: T[96] }),

  // 第九十七条 — 机构人员、培训、记录、预案、特种作业
  item({ code: 'aq097.initial.unit', article: 97, violation: '未按照规定设置安全生产管理机构或者配备安全生产管理人员、注册安全工程师，未按照规定考核、教育培训、如实记录、制定预案或者演练，或者特种作业人员未持证上岗作业（第九十七条所列行为之一）', stage: 'initial', party: 'unit', fine: amount(0, 10 * WAN), sanctions: [s('order_correction')], articleText: T[97] }),
  item({ code: 'aq097.overdue.unit', article: 97, violation: '有第九十七条所列违法行为，经责令限期改正，逾期未改正', stage: 'overdue', party: 'unit', fine: amount(10 * WAN, 20 * WAN), sanctions: [s('suspend_for_rectification')], articleText: T[97] }),
  item({ code: 'aq097.overdue.responsible', article: 97, violation: '作为直接负责的主管人员或者其他直接责任人员，所在单位有第九十七条所列违法行为逾期未改正', stage: 'overdue', party: 'responsible_person', fine: amount(2 * WAN, 5 * WAN), sanctions: [], articleText: T[97] }),

  // 第九十八条 — 建设项目安全评价、安全设施设计、施工、验收
  item({ code: 'aq098.initial.unit', article: 98, violation: '矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目未按照规定进行安全评价、没有安全设施设计或者未经审查同意、未按照批准的设计施工或者安全设施未经验收合格投入生产或者使用（第九十八条所列行为之一）', stage: 'initial', party: 'unit', fine: amount(10 * WAN, 50 * WAN), sanctions: [s('suspend_for_rectification', undefined, '责令停止建设或者停产停业整顿'), s('order_correction')], articleText: T[98], exemptible: false, note: '本条须同时责令停止建设或者停产停业整顿，不适用首违免罚' }),
  item({ code: 'aq098.initial.responsible', article: 98, violation: '作为直接负责的主管人员或者其他直接责任人员，所在单位有第九十八条所列违法行为', stage: 'initial', party: 'responsible_person', fine: amount(2 * WAN, 5 * WAN), sanctions: [], articleText: T[98], exemptible: false }),
  item({ code: 'aq098.overdue.unit', article: 98, violation: '有第九十八条所列违法行为，经责令限期改正，逾期未改正', stage: 'overdue', party: 'unit', fine: amount(50 * WAN, 100 * WAN), sanctions: [], articleText: T[98] }),
  item({ code: 'aq098.overdue.responsible', article: 98, violation: '作为直接负责的主管人员或者其他直接责任人员，所在单位有第九十八条所列违法行为逾期未改正', stage: 'overdue', party: 'responsible_person', fine: amount(5 * WAN, 10 * WAN), sanctions: [], articleText: T[98] }),

  // 第九十九条 — 警示标志、安全设备、劳动防护用品、淘汰工艺设备、燃气报警
  item({ code: 'aq099.initial.unit', article: 99, violation: '未设置明显的安全警示标志，安全设备安装、使用、检测、改造、报废不符合标准或者未经常性维护、保养和定期检测，关闭、破坏监控报警等设备设施或者篡改、隐瞒、销毁相关数据，未提供合格劳动防护用品，使用应当淘汰的工艺、设备，或者使用燃气未安装可燃气体报警装置等（第九十九条所列行为之一）', stage: 'initial', party: 'unit', fine: amount(0, 5 * WAN), sanctions: [s('order_correction')], articleText: T[99] }),
  item({ code: 'aq099.overdue.unit', article: 99, violation: '有第九十九条所列违法行为，经责令限期改正，逾期未改正', stage: 'overdue', party: 'unit', fine: amount(5 * WAN, 20 * WAN), sanctions: [s('suspend_for_rectification', '情节严重的')], articleText: T[99] }),
  item({ code: 'aq099.overdue.responsible', article: 99, violation: '作为直接负责的主管人员或者其他直接责任人员，所在单位有第九十九条所列违法行为逾期未改正', stage: 'overdue', party: 'responsible_person', fine: amount(1 * WAN, 2 * WAN), sanctions: [], articleText: T[99] }),

  // 第一百条 — 未经批准擅自从事危险物品活动：依照危险物品安全管理法律、行政法规处罚
  item({ code: 'aq100.initial.unit', article: 100, violation: '未经依法批准，擅自生产、经营、运输、储存、使用危险物品或者处置废弃危险物品', stage: 'initial', party: 'unit', fine: { kind: 'otherLaw', basis: '有关危险物品安全管理的法律、行政法规（如《危险化学品安全管理条例》《烟花爆竹安全管理条例》）' }, sanctions: [], articleText: T[100], note: '罚款幅度适用相关法律、行政法规，本目录不设档次' }),

  // 第一百零一条 — 危险物品、重大危险源、危险作业、双重预防机制
  item({ code: 'aq101.initial.unit', article: 101, violation: '危险物品未建立专门安全管理制度、未采取可靠的安全措施，重大危险源未登记建档、检测评估监控、制定预案或者告知应急措施，危险作业未安排专门人员现场安全管理，未建立安全风险分级管控制度或者隐患排查治理制度，或者重大事故隐患排查治理情况未按规定报告（第一百零一条所列行为之一）', stage: 'initial', party: 'unit', fine: amount(0, 10 * WAN), sanctions: [s('order_correction')], articleText: T[101] }),
  item({ code: 'aq101.overdue.unit', article: 101, violation: '有第一百零一条所列违法行为，经责令限期改正，逾期未改正', stage: 'overdue', party: 'unit', fine: amount(10 * WAN, 20 * WAN), sanctions: [s('suspend_for_rectification')], articleText: T[101] }),
  item({ code: 'aq101.overdue.responsible', article: 101, violation: '作为直接负责的主管人员或者其他直接责任人员，所在单位有第一百零一条所列违法行为逾期未改正', stage: 'overdue', party: 'responsible_person', fine: amount(2 * WAN, 5 * WAN), sanctions: [], articleText: T[101] }),

  // 第一百零二条 — 未采取措施消除事故隐患
  item({ code: 'aq102.initial.unit', article: 102, violation: '生产经营单位未采取措施消除事故隐患', stage: 'initial', party: 'unit', fine: amount(0, 5 * WAN), sanctions: [s('order_elimination')], articleText: T[102] }),
  item({ code: 'aq102.refused.unit', article: 102, violation: '未采取措施消除事故隐患，经责令消除，拒不执行', stage: 'refused', party: 'unit', fine: NONE, sanctions: [s('suspend_for_rectification')], articleText: T[102] }),
  item({ code: 'aq102.refused.responsible', article: 102, violation: '作为直接负责的主管人员或者其他直接责任人员，所在单位未消除事故隐患且拒不执行', stage: 'refused', party: 'responsible_person', fine: amount(5 * WAN, 10 * WAN), sanctions: [], articleText: T[102] }),

  // 第一百零三条 — 发包出租、承包租赁管理、施工单位
  item({ code: 'aq103-1.initial.unit', article: 103, paragraph: 1, violation: '将生产经营项目、场所、设备发包或者出租给不具备安全生产条件或者相应资质的单位或者个人', stage: 'initial', party: 'unit', fine: gain(), sanctions: [s('order_correction'), s('confiscate_gain')], articleText: T[103.1] }),
  item({ code: 'aq103-1.initial.responsible', article: 103, paragraph: 1, violation: '作为直接负责的主管人员或者其他直接责任人员，所在单位将生产经营项目、场所、设备发包或者出租给不具备安全生产条件或者相应资质的单位或者个人', stage: 'initial', party: 'responsible_person', fine: amount(1 * WAN, 2 * WAN), sanctions: [], articleText: T[103.1] }),
  item({ code: 'aq103-2.initial.unit', article: 103, paragraph: 2, violation: '未与承包单位、承租单位签订专门的安全生产管理协议或者未在承包合同、租赁合同中明确各自的安全生产管理职责，或者未对承包单位、承租单位的安全生产统一协调、管理', stage: 'initial', party: 'unit', fine: amount(0, 5 * WAN), sanctions: [s('order_correction')], articleText: T[103.2] }),
  item({ code: 'aq103-2.initial.responsible', article: 103, paragraph: 2, violation: '作为直接负责的主管人员或者其他直接责任人员，所在单位未与承包、承租单位签订安全生产管理协议或者未统一协调、管理', stage: 'initial', party: 'responsible_person', fine: amount(0, 1 * WAN), sanctions: [], articleText: T[103.2] }),
  item({ code: 'aq103-2.overdue.unit', article: 103, paragraph: 2, violation: '未与承包、承租单位签订安全生产管理协议或者未统一协调、管理，经责令限期改正，逾期未改正', stage: 'overdue', party: 'unit', fine: NONE, sanctions: [s('suspend_for_rectification')], articleText: T[103.2] }),
  item({ code: 'aq103-3.initial.unit', article: 103, paragraph: 3, violation: '矿山、金属冶炼建设项目和用于生产、储存、装卸危险物品的建设项目的施工单位未按照规定对施工项目进行安全管理', stage: 'initial', party: 'unit', fine: amount(0, 10 * WAN), sanctions: [s('order_correction')], articleText: T[103.3] }),
  item({ code: 'aq103-3.initial.responsible', article: 103, paragraph: 3, violation: '作为直接负责的主管人员或者其他直接责任人员，所在施工单位未按照规定对施工项目进行安全管理', stage: 'initial', party: 'responsible_person', fine: amount(0, 2 * WAN), sanctions: [], articleText: T[103.3] }),
  item({ code: 'aq103-3.overdue.unit', article: 103, paragraph: 3, violation: '作为施工单位未按照规定对施工项目进行安全管理，经责令限期改正，逾期未改正', stage: 'overdue', party: 'unit', fine: NONE, sanctions: [s('suspend_for_rectification')], articleText: T[103.3] }),
  item({ code: 'aq103-3.qualification.unit', article: 103, paragraph: 3, violation: '施工单位倒卖、出租、出借、挂靠或者以其他形式非法转让施工资质', stage: 'aggravated', party: 'unit', fine: gain(), sanctions: [s('suspend_for_rectification'), s('revoke_qualification', undefined, '吊销资质证书'), s('confiscate_gain')], articleText: T[103.3] }),
  item({ code: 'aq103-3.qualification.responsible', article: 103, paragraph: 3, violation: '作为直接负责的主管人员或者其他直接责任人员，所在施工单位非法转让施工资质', stage: 'aggravated', party: 'responsible_person', fine: amount(5 * WAN, 10 * WAN), sanctions: [], articleText: T[103.3] }),

  // 第一百零四条 — 同一作业区域安全生产管理协议
  item({ code: 'aq104.initial.unit', article: 104, violation: '两个以上生产经营单位在同一作业区域内进行可能危及对方安全生产的生产经营活动，未签订安全生产管理协议或者未指定专职安全生产管理人员进行安全检查与协调', stage: 'initial', party: 'unit', fine: amount(0, 5 * WAN), sanctions: [s('order_correction')], articleText: T[104] }),
  item({ code: 'aq104.initial.responsible', article: 104, violation: '作为直接负责的主管人员或者其他直接责任人员，所在单位在同一作业区域未签订安全生产管理协议或者未指定专职安全生产管理人员', stage: 'initial', party: 'responsible_person', fine: amount(0, 1 * WAN), sanctions: [], articleText: T[104] }),
  item({ code: 'aq104.overdue.unit', article: 104, violation: '在同一作业区域未签订安全生产管理协议或者未指定专职安全生产管理人员，经责令限期改正，逾期未改正', stage: 'overdue', party: 'unit', fine: NONE, sanctions: [s('suspend_business')], articleText: T[104], note: '法条用语为“责令停产停业”' }),

  // 第一百零五条 — 员工宿舍、疏散通道
  item({ code: 'aq105.initial.unit', article: 105, violation: '危险物品车间、商店、仓库与员工宿舍在同一座建筑内或者距离不符合安全要求，或者出口、疏散通道不符合要求或者被占用、锁闭、封堵（第一百零五条所列行为之一）', stage: 'initial', party: 'unit', fine: amount(0, 5 * WAN), sanctions: [s('order_correction')], articleText: T[105] }),
  item({ code: 'aq105.initial.responsible', article: 105, violation: '作为直接负责的主管人员或者其他直接责任人员，所在单位有第一百零五条所列违法行为', stage: 'initial', party: 'responsible_person', fine: amount(0, 1 * WAN), sanctions: [], articleText: T[105] }),
  item({ code: 'aq105.overdue.unit', article: 105, violation: '有第一百零五条所列违法行为，经责令限期改正，逾期未改正', stage: 'overdue', party: 'unit', fine: NONE, sanctions: [s('suspend_for_rectification')], articleText: T[105] }),

  // 第一百零六条 — 免除或者减轻事故伤亡责任的协议
  item({ code: 'aq106.initial.principal', article: 106, violation: '作为主要负责人，所在单位与从业人员订立协议，免除或者减轻其对从业人员因生产安全事故伤亡依法应承担的责任', stage: 'initial', party: 'principal', fine: amount(2 * WAN, 10 * WAN), sanctions: [s('contract_void')], articleText: T[106] }),
  item({ code: 'aq106.initial.investor', article: 106, violation: '作为个人经营的投资人，与从业人员订立协议，免除或者减轻其对从业人员因生产安全事故伤亡依法应承担的责任', stage: 'initial', party: 'investor', fine: amount(2 * WAN, 10 * WAN), sanctions: [s('contract_void')], articleText: T[106] }),

  // 第一百零八条 — 拒绝、阻碍监督检查
  item({ code: 'aq108.refused.unit', article: 108, violation: '拒绝、阻碍负有安全生产监督管理职责的部门依法实施监督检查，经责令改正，拒不改正', stage: 'refused', party: 'unit', fine: amount(2 * WAN, 20 * WAN), sanctions: [], articleText: T[108] }),
  item({ code: 'aq108.refused.responsible', article: 108, violation: '作为直接负责的主管人员或者其他直接责任人员，所在单位拒绝、阻碍依法实施监督检查且拒不改正', stage: 'refused', party: 'responsible_person', fine: amount(1 * WAN, 2 * WAN), sanctions: [], articleText: T[108] }),

  // 第一百零九条 — 安全生产责任保险
  item({ code: 'aq109.initial.unit', article: 109, violation: '高危行业、领域的生产经营单位未按照国家规定投保安全生产责任保险', stage: 'initial', party: 'unit', fine: amount(5 * WAN, 10 * WAN), sanctions: [s('order_correction')], articleText: T[109] }),
  item({ code: 'aq109.overdue.unit', article: 109, violation: '作为高危行业、领域的生产经营单位未按照国家规定投保安全生产责任保险，经责令限期改正，逾期未改正', stage: 'overdue', party: 'unit', fine: amount(10 * WAN, 20 * WAN), sanctions: [], articleText: T[109] }),

  // 第一百一十条 — 事故时主要负责人
  item({ code: 'aq110-1.accident.principal', article: 110, paragraph: 1, violation: '作为主要负责人，在本单位发生生产安全事故时，不立即组织抢救或者在事故调查处理期间擅离职守或者逃匿', stage: 'accident', party: 'principal', fine: percent(60, 100), sanctions: [s('demotion', undefined, '给予降级、撤职的处分'), s('detention', '对逃匿的', '处十五日以下拘留')], articleText: T[110.1] }),
  item({ code: 'aq110-2.accident.principal', article: 110, paragraph: 2, violation: '作为主要负责人，对生产安全事故隐瞒不报、谎报或者迟报', stage: 'accident', party: 'principal', fine: percent(60, 100), sanctions: [s('demotion', undefined, '给予降级、撤职的处分')], articleText: `${T[110.2]}（前款：${T[110.1]}）` }),

  // 第一百一十二条 — 按日连续处罚
  item({ code: 'aq112.refused.unit', article: 112, violation: '违反本法规定，被责令改正且受到罚款处罚，拒不改正', stage: 'refused', party: 'unit', fine: { kind: 'dailyRepeat' }, sanctions: [s('daily_penalty')], articleText: T[112], note: '“可以”按日连续处罚：自作出责令改正之日的次日起，按照原处罚数额按日计罚（见 deadlines.ts dailyPenaltyCandidates）' }),

  // 第一百一十三条 — 提请关闭
  item({ code: 'aq113.refused.unit', article: 113, violation: '存在重大事故隐患一百八十日内三次或者一年内四次受到本法规定的行政处罚，经停产停业整顿仍不具备安全生产条件，不具备安全生产条件导致重大、特别重大事故，或者拒不执行停产停业整顿决定（第一百一十三条所列情形之一）', stage: 'refused', party: 'unit', fine: NONE, sanctions: [s('closure'), s('revoke_certificates', undefined, '有关部门依法吊销其有关证照'), s('principal_ban', undefined, '主要负责人五年内不得担任任何生产经营单位的主要负责人；情节严重的，终身不得担任本行业生产经营单位的主要负责人')], articleText: T[113], note: '关闭由负有安全生产监督管理职责的部门报请县级以上人民政府决定（第一百一十五条）；检测见 deadlines.ts closureGrounds' }),

  // 第一百一十四条 — 事故单位罚款
  ...ACCIDENT_114.map(([grade, min, max]) =>
    item({ code: `aq114-1.accident.unit.${grade}`, article: 114, paragraph: 1, violation: `对发生的${accidentGradeLabels[grade]}负有责任`, stage: 'accident', party: 'unit', accidentGrade: grade, fine: amount(min, max), sanctions: [], articleText: T[114.1] }),
  ),
  ...ACCIDENT_114.map(([grade, min, max]) =>
    item({
      code: `aq114-2.aggravated.unit.${grade}`,
      article: 114,
      paragraph: 2,
      violation: `对发生的${accidentGradeLabels[grade]}负有责任，情节特别严重、影响特别恶劣`,
      stage: 'aggravated',
      party: 'unit',
      accidentGrade: grade,
      fine: amount(2 * min, 5 * max),
      sanctions: [],
      articleText: `${T[114.2]}（前款：${T[114.1]}）`,
      note: `按照前款罚款数额（${formatYuanRange(min, max)}）的二倍以上五倍以下`,
    }),
  ),
];

export const noPenaltyRules: CatalogueRule[] = [
  { id: 'minor_corrected_no_harm', text: '违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。', basis: '《行政处罚法》第三十三条第一款' },
  { id: 'first_minor_corrected', text: '初次违法且危害后果轻微并及时改正的，可以不予行政处罚。', basis: '《行政处罚法》第三十三条第一款' },
  { id: 'no_fault', text: '当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规另有规定的，从其规定。', basis: '《行政处罚法》第三十三条第二款' },
  {
    id: 'never_for_major_hazard',
    text: '重大事故隐患和严重违法行为不适用首违免罚，不得以责令限期改正等代替行政处罚；本法条须同时责令停产停业整顿、停止建设的，以及逾期未改正、拒不执行、导致事故的情形，亦不适用。',
    basis: '济南市应急管理局规范执法行为九条措施 四(三)；《安全生产“监管执法年”实施方案》二(六)',
  },
];

export const mitigationRules: CatalogueRule[] = [
  { id: 'art32', text: '当事人有下列情形之一，应当从轻或者减轻行政处罚：（一）主动消除或者减轻违法行为危害后果的；（二）受他人胁迫或者诱骗实施违法行为的；（三）主动供述行政机关尚未掌握的违法行为的；（四）配合行政机关查处违法行为有立功表现的；（五）法律、法规、规章规定其他应当从轻或者减轻行政处罚的。', basis: '《行政处罚法》第三十二条' },
  { id: 'lighter', text: '从轻处罚：在法定幅度的下半幅（轻微、一般档次）内确定罚款数额。', basis: '本目录裁量规则' },
  { id: 'reduced', text: '减轻处罚：在法定最低罚款数额以下确定罚款数额（不低于零）；法定幅度无下限（“××元以下”）的，按从轻处罚在最低档次内确定。', basis: '本目录裁量规则' },
];

export const aggravationRules: CatalogueRule[] = [
  { id: 'work_safety_rules', text: '危及公共安全或者其他生产经营单位安全，经责令限期改正逾期未改正的；一年内因同一违法行为受到两次以上行政处罚的；拒不整改或者整改不力，违法行为呈持续状态的；拒绝、阻碍或者以暴力威胁行政执法人员的，应当从重处罚。', basis: '《安全生产违法行为行政处罚办法》（2015年修正）从重处罚情形' },
  { id: 'heavier', text: '从重处罚：在法定幅度的上半幅（较重、严重档次）内确定罚款数额，不得超过法定最高数额。', basis: '本目录裁量规则' },
];

/** The first version: 《安全生产法》（2021年修正）第六章 法律责任. */
export const defaultDiscretionCatalogue: DiscretionCatalogue = {
  version: 1,
  title: '《中华人民共和国安全生产法》行政处罚裁量基准',
  law: WORK_SAFETY_LAW,
  effectiveFrom: '2021-09-01',
  tierRule: '法定罚款幅度四等分：轻微为最低额至四分之一处，一般至中间值，较重至四分之三处，严重至最高额；“××元以下”的幅度以零为下限。边界值归较低档次。',
  items,
  noPenaltyRules,
  mitigationRules,
  aggravationRules,
};

// ---------- lookups and validation ----------

export function findDiscretionItem(catalogue: DiscretionCatalogue, code: string): DiscretionItem | undefined {
  return catalogue.items.find((i) => i.code === code);
}

export function discretionItemsOfArticle(catalogue: DiscretionCatalogue, article: number): DiscretionItem[] {
  return catalogue.items.filter((i) => i.article === article);
}

/** The ranges of a fine rule (one, or two for the illegal-gain rule). */
export function rangesOf(rule: FineRule): TieredRange[] {
  switch (rule.kind) {
    case 'amount':
    case 'percentOfAnnualIncome':
      return [rule.range];
    case 'timesIllegalGain':
      return [rule.times, rule.otherwise];
    default:
      return [];
  }
}

/** "十万元以下的罚款" / "上一年年收入百分之二十以上百分之五十以下" — the statutory range in words, for documents. */
export function fineRuleText(rule: FineRule): string {
  switch (rule.kind) {
    case 'none':
      return '不处罚款';
    case 'amount':
      return `处${formatYuanRange(rule.range.min, rule.range.max)}的罚款`;
    case 'percentOfAnnualIncome':
      return rule.range.min === rule.range.max ? `处上一年年收入${rule.range.max}%的罚款` : `处上一年年收入${rule.range.min}%以上${rule.range.max}%以下的罚款`;
    case 'timesIllegalGain':
      return `违法所得${formatYuan(rule.gainThreshold)}以上的，处违法所得${rule.times.min}倍以上${rule.times.max}倍以下的罚款；没有违法所得或者违法所得不足${formatYuan(rule.gainThreshold)}的，处${formatYuanRange(rule.otherwise.min, rule.otherwise.max)}的罚款`;
    case 'dailyRepeat':
      return '按照原处罚数额按日连续处罚';
    case 'otherLaw':
      return `依照${rule.basis}的规定处罚`;
  }
}

/**
 * Problems of a catalogue (an agency's edited version): unique codes, labels matching the article number, every range
 * split into the four tiers in order, contiguous, covering exactly [min, max]. Empty means the catalogue is usable.
 */
export function discretionCatalogueProblems(items: readonly DiscretionItem[]): string[] {
  const p: string[] = [];
  const seen = new Set<string>();
  for (const i of items) {
    const where = `裁量事项“${i.code}”`;
    if (seen.has(i.code)) p.push(`${where}编码重复`);
    seen.add(i.code);
    if (i.articleLabel !== articleLabel(i.article)) p.push(`${where}：条号“${i.articleLabel}”与第${i.article}条不符`);
    if (!i.violation.trim()) p.push(`${where}：请填写违法行为`);
    if (!i.articleText.trim()) p.push(`${where}：请引用法条原文`);
    for (const r of rangesOf(i.fine)) {
      if (!(r.min >= 0) || !(r.max >= r.min)) {
        p.push(`${where}：法定幅度${r.min}–${r.max}不正确`);
        continue;
      }
      const order = r.tiers.map((t) => t.tier).join(',');
      if (order !== discretionTiers.join(',')) {
        p.push(`${where}：裁量档次应依次为${discretionTiers.map((t) => discretionTierLabels[t]).join('、')}`);
        continue;
      }
      if (r.tiers[0]!.min !== r.min || r.tiers[3]!.max !== r.max) p.push(`${where}：裁量档次须覆盖整个法定幅度（${r.min}–${r.max}）`);
      for (let k = 0; k < r.tiers.length; k++) {
        const t = r.tiers[k]!;
        if (t.min > t.max) p.push(`${where}：${discretionTierLabels[t.tier]}档次下限高于上限`);
        if (k > 0 && r.tiers[k - 1]!.max !== t.min) p.push(`${where}：${discretionTierLabels[t.tier]}档次与上一档次不衔接`);
      }
    }
  }
  return p;
}

/** A short title of an item for pickers: 第九十七条 · 逾期未改正 · 生产经营单位. */
export function discretionItemTitle(i: DiscretionItem): string {
  const grade = i.accidentGrade ? ` · ${accidentGradeLabels[i.accidentGrade]}` : '';
  return `${i.articleLabel}${i.paragraph ? `第${chineseNumeral(i.paragraph)}款` : ''} · ${penaltyStageLabels[i.stage]}${grade} · ${penaltyPartyLabels[i.party]}`;
}

// ---------- the items (项) of an article ----------

/** One item (项) of an article that lists acts: 第（三）项 and its words without the closing 的. */
export interface ArticleClause {
  no: number;
  /** （三） */
  label: string;
  text: string;
}

const CLAUSE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/**
 * The items of an article that lists acts (“有下列行为之一的”), read from the statute text quoted by the catalogue, so
 * a decision can name the one applied (第一百零一条第（三）项) instead of the catalogue's summary of all of them.
 * Articles whose items are not acts (第九十五条's accident grades, 第一百一十三条) give none.
 */
export function articleClauses(articleText: string): ArticleClause[] {
  if (!/下列行为之一/.test(articleText)) return [];
  const list = articleText.slice(articleText.indexOf('：') + 1);
  const out: ArticleClause[] = [];
  for (const m of list.matchAll(/（([一二三四五六七八九十]+)）([^；。]+)[；。]/g)) {
    const no = CLAUSE_NUMERALS.indexOf(m[1]!) + 1;
    if (no > 0) out.push({ no, label: `（${m[1]}）`, text: m[2]!.replace(/的$/, '') });
  }
  return out;
}

/** The items an officer chooses from for a catalogue item ([] when its article lists none). */
export function discretionItemClauses(i: Pick<DiscretionItem, 'articleText'>): ArticleClause[] {
  return articleClauses(i.articleText);
}
