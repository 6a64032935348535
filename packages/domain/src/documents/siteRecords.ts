// R16 / R18 / R23 / R34 / R35: the documents of evidence-taking and on-site measures (询问笔录, 勘验（检查）笔录,
// 现场处理措施决定书, 查封扣押决定书, 先行登记保存通知书) and the hazard escalation letters (函告, 通报, 约谈通知书,
// 挂牌督办通知书): their content shapes and what makes one unfit to issue. Browser-safe: the web app builds the same shapes.
import type { OfficerRef, PartyInfo } from './content.js';
import { siteDocumentKinds } from './kinds.js';

type IsoDate = string;
type IsoDateTime = string;

// ---------- 询问笔录 ----------

export const sexes = ['male', 'female'] as const;
export type Sex = (typeof sexes)[number];
export const sexLabels: Record<Sex, string> = { male: '男', female: '女' };

/** The person questioned (被询问人). */
export interface Interviewee {
  name: string;
  sex: Sex;
  /** 公民身份号码 (GB 11643, 18 characters with its check character) */
  idNumber: string;
  workUnit: string;
  post: string;
  phone: string;
  /** 与本案关系: 当事人 / 证人 / 当事人的工作人员 … */
  relation: string;
  address?: string;
}

export interface InterviewQa {
  q: string;
  a: string;
}

/** Read to the person at the start (R16 亮证, 告知权利义务和申请回避). */
export const INTERVIEW_OPENING =
  '我们是{agency}的执法人员，这是我们的执法证件（已出示）。现依法向你进行询问调查，你有如实回答询问、协助调查的义务，不得阻挠；作伪证要承担法律责任。你有申请执法人员回避的权利：如认为询问人员与本案有直接利害关系或者其他关系可能影响公正执法的，可以申请回避。';
/** The person's own line under the answers. */
export const INTERVIEW_CONFIRMATION = '以上笔录我已看过，与我说的相符';

export interface InterviewRecordContent {
  /** the unit the matter concerns */
  enterprise: PartyInfo;
  /** 案号 or the inspection record's number: what the interview belongs to */
  matterRef?: string;
  /** the n-th interview of the person (第1次) */
  sequence?: number;
  startedAt: IsoDateTime;
  endedAt: IsoDateTime;
  place: string;
  interviewee: Interviewee;
  /** 询问人 and 记录人: two officers with their credentials (R16) */
  officers: OfficerRef[];
  /** 在场人员, if any */
  present?: string;
  /** the person was asked whether to apply for 回避 and answered (usually 不申请) */
  recusalAnswer: string;
  qa: InterviewQa[];
}

// ---------- 勘验（检查）笔录 ----------

export interface EvidenceRef {
  /** the stored evidence's id (its file and SM3 are in the evidence store) */
  id: number;
  kind: string;
  name: string;
  sm3: string;
  takenAt: IsoDateTime;
}

export interface SiteExaminationContent {
  enterprise: PartyInfo;
  matterRef?: string;
  startedAt: IsoDateTime;
  endedAt: IsoDateTime;
  place: string;
  /** 勘验人: at least two officers */
  officers: OfficerRef[];
  /** 当事人（或其代理人） present */
  partyPresent: { name: string; post?: string };
  /** 见证人 (at least one, not an officer) */
  witnesses: { name: string; workUnit?: string; phone?: string }[];
  /** what was examined */
  subject: string;
  /** what was found */
  findings: string;
  /** photos and other stored evidence, referenced, never copied */
  evidence: EvidenceRef[];
}

// ---------- 现场处理措施决定书 ----------

export const onSiteMeasures = ['eliminate', 'evacuate', 'suspend'] as const;
export type OnSiteMeasure = (typeof onSiteMeasures)[number];
/** 《安全生产法》第六十五条第一款第（三）项, in its words. */
export const onSiteMeasureLabels: Record<OnSiteMeasure, string> = {
  eliminate: '责令立即排除',
  evacuate: '从危险区域内撤出作业人员',
  suspend: '责令暂时停产停业或者停止使用相关设施、设备',
};
export const ON_SITE_MEASURE_BASIS = '《中华人民共和国安全生产法》第六十五条第一款第（三）项';

export interface OnSiteMeasureContent {
  enterprise: PartyInfo;
  inspectionRecordRef?: string;
  inspectedOn: IsoDate;
  place: string;
  /** the hazard as recorded on the inspection */
  hazard: { description: string; major: boolean; legalBasis?: string };
  measures: OnSiteMeasure[];
  /** for 停产停业/停止使用: which part, facility or equipment */
  scope?: string;
  /** 重大事故隐患排除后，经审查同意，方可恢复… */
  resumeCondition: string;
  officers: OfficerRef[];
  remedies: string;
}

// ---------- 查封扣押决定书 / 先行登记保存通知书 ----------

export interface SeizedItem {
  name: string;
  spec?: string;
  quantity: number;
  unit: string;
  location: string;
}

export const seizureMeasures = ['seal', 'detain'] as const;
export type SeizureMeasure = (typeof seizureMeasures)[number];
export const seizureMeasureLabels: Record<SeizureMeasure, string> = { seal: '查封', detain: '扣押' };
export const SEIZURE_BASIS = '《中华人民共和国安全生产法》第六十五条第一款第（四）项、《中华人民共和国行政强制法》第二十四条、第二十五条';

export interface SeizureDecisionContent {
  enterprise: PartyInfo;
  caseNumber?: string;
  measure: SeizureMeasure;
  /** why: the facts that make the items unsafe (不符合保障安全生产的国家标准或者行业标准) */
  reason: string;
  place: string;
  items: SeizedItem[];
  decidedOn: IsoDate;
  /** from seizureDue */
  until: IsoDate;
  periodDays: number;
  officers: OfficerRef[];
  remedies: string;
  /** set on the extension (延长) */
  extension?: { reason: string; until: IsoDate; originalNumber: string };
}

export const EVIDENCE_PRESERVATION_BASIS = '《中华人民共和国行政处罚法》第五十六条';

export interface EvidencePreservationContent {
  enterprise: PartyInfo;
  caseNumber?: string;
  reason: string;
  place: string;
  items: SeizedItem[];
  registeredOn: IsoDate;
  /** from evidencePreservationDue: the agency decides by then */
  decideBy: IsoDate;
  officers: OfficerRef[];
}

// ---------- hazard escalation letters ----------

/** The rectification history a letter states: the order, the deadlines and the reinspections. */
export interface RectificationHistory {
  orderNumber?: string;
  orderDate?: IsoDate;
  firstDeadline: IsoDate;
  currentDeadline: IsoDate;
  reinspections: { on: IsoDate; passed: boolean; opinion: string; newDeadline?: IsoDate }[];
  overdueWorkingDays: number;
}

export interface HazardEscalationContent {
  /** 主送: the higher authority / industry department (函告), the units notified (通报), the enterprise */
  recipient: string;
  enterprise: PartyInfo;
  hazard: { description: string; requirement: string; major: boolean; foundOn: IsoDate };
  history: RectificationHistory;
  /** what is required, and by when */
  requirement: string;
  requiredBy: IsoDate;
  /** 约谈: when, where, who must attend */
  meeting?: { at: IsoDateTime; place: string; attendees: string[] };
  /** 挂牌督办: the unit supervising */
  supervisor?: string;
  contact?: { person: string; phone: string };
}

// ---------- validation ----------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (v: unknown): v is string => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const validInstant = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/** 公民身份号码 (GB 11643-1999): 18 characters, a valid birth date, the ISO 7064 MOD 11-2 check character. */
export function isResidentIdNumber(v: string): boolean {
  const s = v.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!validDate(birth) || birth < '1900-01-01') return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return ID_CHECK[sum % 11] === s[17];
}
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

function officerList(v: unknown, p: string[], who = '执法人员'): void {
  if (!Array.isArray(v) || v.length < 2) {
    p.push(`${who}不得少于两人`);
    return;
  }
  v.forEach((o, i) => {
    if (!isObj(o) || !text(o.name) || !text(o.credentialNo)) p.push(`第${i + 1}名${who}须有姓名和执法证号（亮证执法）`);
  });
}

function timeSpan(c: Obj, what: string, p: string[]): void {
  if (!validInstant(c.startedAt)) p.push(`请填写${what}开始时间`);
  if (!validInstant(c.endedAt)) p.push(`请填写${what}结束时间`);
  else if (validInstant(c.startedAt) && Date.parse(c.endedAt) <= Date.parse(c.startedAt)) p.push(`${what}结束时间应晚于开始时间`);
}

function itemList(v: unknown, p: string[], what: string): void {
  if (!Array.isArray(v) || v.length === 0) {
    p.push(`请逐项列明${what}的物品`);
    return;
  }
  v.forEach((it, i) => {
    if (!isObj(it) || !text(it.name)) p.push(`第${i + 1}项物品须写明名称`);
    else if (typeof it.quantity !== 'number' || !(it.quantity > 0) || !Number.isFinite(it.quantity)) p.push(`物品“${it.name}”的数量应为正数`);
    else if (!text(it.unit)) p.push(`物品“${it.name}”须写明计量单位`);
    else if (!text(it.location)) p.push(`物品“${it.name}”须写明存放地点`);
  });
}

export type SiteDocumentKind = (typeof siteDocumentKinds)[number];
export const isSiteDocumentKind = (k: string): k is SiteDocumentKind => (siteDocumentKinds as readonly string[]).includes(k);

/** What is missing or wrong in the content of one of these kinds, in Chinese (empty: it can be issued). */
export function siteDocumentProblems(kind: SiteDocumentKind, c: Obj): string[] {
  const p: string[] = [];
  if (!isObj(c.enterprise) || !text(c.enterprise.name)) p.push('请填写当事单位名称');
  switch (kind) {
    case 'interview_record': {
      timeSpan(c, '询问', p);
      if (!text(c.place)) p.push('请填写询问地点');
      const w = c.interviewee;
      if (!isObj(w)) p.push('请填写被询问人信息');
      else {
        if (!text(w.name)) p.push('请填写被询问人姓名');
        if (!(sexes as readonly unknown[]).includes(w.sex)) p.push('被询问人性别应为男或女');
        if (!text(w.idNumber) || !isResidentIdNumber(w.idNumber)) p.push('被询问人公民身份号码不正确（18位，含校验位）');
        if (!text(w.workUnit)) p.push('请填写被询问人工作单位');
        if (!text(w.post)) p.push('请填写被询问人职务');
        if (!text(w.phone) || !PHONE.test(w.phone.trim())) p.push('被询问人联系电话不正确');
        if (!text(w.relation)) p.push('请填写被询问人与本案的关系');
      }
      officerList(c.officers, p, '询问人员');
      if (!text(c.recusalAnswer)) p.push('请记录被询问人是否申请回避');
      if (!Array.isArray(c.qa) || c.qa.length === 0) p.push('请记录询问的问题和回答');
      else c.qa.forEach((x, i) => (!isObj(x) || !text(x.q) || !text(x.a) ? p.push(`第${i + 1}问须有问题和回答`) : undefined));
      break;
    }
    case 'site_examination_record': {
      timeSpan(c, '勘验', p);
      if (!text(c.place)) p.push('请填写勘验地点');
      officerList(c.officers, p, '勘验人');
      if (!isObj(c.partyPresent) || !text(c.partyPresent.name)) p.push('请填写在场的当事人（或其代理人）');
      if (!Array.isArray(c.witnesses) || c.witnesses.length === 0 || c.witnesses.some((x) => !isObj(x) || !text(x.name))) p.push('请填写见证人姓名');
      if (!text(c.subject)) p.push('请填写勘验（检查）对象');
      if (!text(c.findings)) p.push('请填写勘验（检查）情况');
      if (!Array.isArray(c.evidence) || c.evidence.some((x) => !isObj(x) || typeof x.id !== 'number' || !text(x.sm3))) p.push('所附证据应为已上传的证据');
      break;
    }
    case 'on_site_measure_decision': {
      if (!validDate(c.inspectedOn)) p.push('请填写检查日期（YYYY-MM-DD）');
      if (!text(c.place)) p.push('请填写检查场所');
      if (!isObj(c.hazard) || !text(c.hazard.description)) p.push('请写明发现的事故隐患');
      if (!Array.isArray(c.measures) || c.measures.length === 0 || c.measures.some((m) => !(onSiteMeasures as readonly unknown[]).includes(m))) p.push('请选择现场处理措施');
      else if (c.measures.includes('suspend') && !text(c.scope)) p.push('责令暂时停产停业或者停止使用的，须写明停止的范围或者设施、设备');
      if (!text(c.resumeCondition)) p.push('请写明恢复生产经营的条件');
      officerList(c.officers, p);
      if (!text(c.remedies)) p.push('缺少救济途径');
      break;
    }
    case 'seizure_decision': {
      if (!(seizureMeasures as readonly unknown[]).includes(c.measure)) p.push('措施应为查封或者扣押');
      if (!text(c.reason)) p.push('请写明查封、扣押的理由');
      if (!text(c.place)) p.push('请填写查封、扣押的场所');
      itemList(c.items, p, '查封、扣押');
      if (!validDate(c.decidedOn) || !validDate(c.until) || c.until <= c.decidedOn) p.push('查封、扣押期限不正确');
      if (c.extension !== undefined && (!isObj(c.extension) || !text(c.extension.reason) || !validDate(c.extension.until))) p.push('延长查封、扣押期限须写明理由和期限');
      officerList(c.officers, p);
      if (!text(c.remedies)) p.push('缺少救济途径');
      break;
    }
    case 'evidence_preservation_notice': {
      if (!text(c.reason)) p.push('请写明先行登记保存的理由（证据可能灭失或者以后难以取得）');
      if (!text(c.place)) p.push('请填写保存地点');
      itemList(c.items, p, '先行登记保存');
      if (!validDate(c.registeredOn) || !validDate(c.decideBy) || c.decideBy <= c.registeredOn) p.push('处理决定期限不正确');
      officerList(c.officers, p);
      break;
    }
    default: {
      if (!text(c.recipient)) p.push('请填写主送单位');
      if (!isObj(c.hazard) || !text(c.hazard.description)) p.push('请写明隐患情况');
      if (!isObj(c.history) || !validDate(c.history.currentDeadline)) p.push('缺少整改经过');
      if (!text(c.requirement)) p.push('请写明工作要求');
      if (!validDate(c.requiredBy)) p.push('请填写完成期限（YYYY-MM-DD）');
      if (kind === 'interview_notice') {
        const m = c.meeting;
        if (!isObj(m) || !validInstant(m.at)) p.push('请填写约谈时间');
        else {
          if (!text(m.place)) p.push('请填写约谈地点');
          if (!Array.isArray(m.attendees) || m.attendees.filter(text).length === 0) p.push('请填写须参加约谈的人员');
        }
      }
      if (kind === 'supervision_notice' && !text(c.supervisor)) p.push('请填写督办单位');
    }
  }
  return p;
}
