// R34 / R35: the structured content of each document kind. A document is rendered from this content (and can be
// rendered again at any time); the content itself is what was issued, hashed with SM3 when it is stored.
// No imports but browser-safe label files, so the web app can build and show the same shapes.
import { answerResultLabels, type AnswerResult } from '../inspection/labels.js';
import { documentKindTable, type DocumentKind } from './kinds.js';
import {
  isSiteDocumentKind,
  siteDocumentProblems,
  type EvidencePreservationContent,
  type HazardEscalationContent,
  type InterviewRecordContent,
  type OnSiteMeasureContent,
  type SeizureDecisionContent,
  type SiteExaminationContent,
} from './siteRecords.js';

/** Dates are Asia/Shanghai calendar dates "YYYY-MM-DD"; times are ISO 8601 instants. */
type IsoDate = string;
type IsoDateTime = string;

/** The inspected or penalised unit (生产经营单位). */
export interface PartyInfo {
  name: string;
  /** 统一社会信用代码 (R2) */
  creditCode: string;
  address: string;
  legalRepresentative: string;
  contactPerson?: string;
  contactPhone?: string;
}

/** An officer on the document with the credential shown (R16 亮证). */
export interface OfficerRef {
  name: string;
  credentialNo: string;
}

// ---------- 现场检查记录 ----------

export interface InspectionRecordCheckItem {
  /** catalogue code (G01…), when the item comes from the check-item catalogue (R17) */
  code?: string;
  title: string;
  result: AnswerResult; // 符合 / 不符合 / 不涉及
  note?: string;
}

/** 逢查必考: the examination of a responsible person or safety manager on the spot (R17). */
export interface ExaminationRecord {
  person: string;
  /** 主要负责人 / 安全管理人员 / 特种作业人员 … */
  position: string;
  /** what was asked */
  subject: string;
  passed: boolean;
  score?: number;
  note?: string;
}

export const certificateCheckResults = ['valid', 'expired', 'missing', 'mismatch'] as const;
export type CertificateCheckResult = (typeof certificateCheckResults)[number];
export const certificateCheckResultLabels: Record<CertificateCheckResult, string> = {
  valid: '有效',
  expired: '已过期',
  missing: '未持证',
  mismatch: '证件与人员/范围不符',
};

/** 逢查必检: a certificate checked on the spot (R17). */
export interface CertificateCheck {
  /** 安全生产许可证 / 主要负责人安全生产知识和管理能力考核合格证 / 特种作业操作证 … */
  certificate: string;
  holder?: string;
  number?: string;
  validTo?: IsoDate;
  result: CertificateCheckResult;
  note?: string;
}

export interface InspectionRecordContent {
  enterprise: PartyInfo;
  startedAt: IsoDateTime;
  endedAt?: IsoDateTime;
  place: string;
  /** at least two officers (R16) */
  officers: OfficerRef[];
  /** e.g. 《中华人民共和国安全生产法》第六十五条 */
  legalBasis: string[];
  checkItems: InspectionRecordCheckItem[];
  /** what was found, one entry per problem (empty: nothing found) */
  findings: string[];
  examinations: ExaminationRecord[];
  certificateChecks: CertificateCheck[];
  /** the enterprise's person in charge present on site, who signs */
  onSiteRepresentative?: { name: string; position?: string };
  remarks?: string;
}

// ---------- 责令限期整改指令书 ----------

export interface RectificationHazard {
  description: string;
  /** what has to be done */
  requirement: string;
  deadline: IsoDate;
  major?: boolean;
  /** the provision violated, if any */
  legalBasis?: string;
}

/** The legal basis printed when the order does not name one (责令限期改正). */
export const RECTIFICATION_LEGAL_BASIS = '《中华人民共和国安全生产法》第六十五条';

export interface RectificationOrderContent {
  enterprise: PartyInfo;
  /** the inspection record this order follows from */
  inspectionRecordNumber?: string;
  inspectedOn: IsoDate;
  hazards: RectificationHazard[];
  /** defaults to RECTIFICATION_LEGAL_BASIS */
  legalBasis?: string;
  officers: OfficerRef[];
  /** 行政复议机关 (e.g. 杭州市西湖区人民政府), 60 days — 《中华人民共和国行政复议法》 */
  reconsiderationBody: string;
  /** 人民法院, 6 months — 《中华人民共和国行政诉讼法》 */
  litigationCourt: string;
  contact?: { person: string; phone: string };
}

// ---------- 整改复查意见书 ----------

export const reinspectionResults = ['rectified', 'partially_rectified', 'not_rectified'] as const;
export type ReinspectionResult = (typeof reinspectionResults)[number];
export const reinspectionResultLabels: Record<ReinspectionResult, string> = {
  rectified: '已整改',
  partially_rectified: '部分整改',
  not_rectified: '未整改',
};

export interface ReinspectionItem {
  hazard: string;
  result: ReinspectionResult;
  opinion: string;
}

export interface ReinspectionOpinionContent {
  enterprise: PartyInfo;
  originalOrderNumber: string;
  originalOrderDate: IsoDate;
  reinspectedOn: IsoDate;
  officers: OfficerRef[];
  items: ReinspectionItem[];
  /** the overall opinion (e.g. 同意销号 / 继续整改，限期至…) */
  conclusion: string;
}

// ---------- penalty kinds (generic layout for now) ----------

export interface DocumentSection {
  heading?: string;
  paragraphs: string[];
}

export interface SectionedDocumentContent {
  /** 主送: the addressee line, "xx有限公司：" */
  recipient?: string;
  enterprise?: PartyInfo;
  sections: DocumentSection[];
  /** officers who sign, when the document carries their signatures */
  officers?: OfficerRef[];
}

// ---------- issue #17: the penalty case's procedure documents ----------

/** A document named on another one (the documents served, the decision reviewed). */
export interface DocumentRef {
  title: string;
  number: string;
}

/** 送达回证: how, where, to whom and what was served (method: serviceMethods of penalty/caseRecords.ts). */
export interface ServiceRecordContent {
  caseNumber?: string | null;
  documents: DocumentRef[];
  /** 受送达人 */
  recipient: string;
  servedOn: IsoDate;
  method: string;
  place: string;
  signer?: { name: string; relation: string } | null;
  witness?: { name: string; position?: string } | null;
  electronicConsentOn?: IsoDate | null;
  note?: string | null;
  /** 送达人 */
  officers: OfficerRef[];
}

/** 听证通知书 */
export interface HearingNotificationContent {
  enterprise: PartyInfo;
  caseNumber?: string | null;
  requestedOn: IsoDate;
  noticeOn: IsoDate;
  heldOn: IsoDate;
  /** "HH:mm" Beijing time */
  time: string;
  place: string;
  host: string;
  panelists: string[];
  clerk: string;
  /** 拟作出的行政处罚, in words */
  proposed: string;
}

/** 听证笔录 */
export interface HearingRecordContent {
  enterprise: PartyInfo;
  caseNumber?: string | null;
  heldOn: IsoDate;
  time?: string | null;
  place: string;
  host: string;
  panelists: string[];
  clerk: string;
  attended: boolean;
  partyAttendees: { name: string; role: string }[];
  /** 本案调查人员 present */
  investigators: OfficerRef[];
  investigatorCase: string;
  partyStatement: string;
  crossExamination: string;
  finalStatements: string;
  absenceNote?: string | null;
}

/** 集体讨论记录 (《行政处罚法》第五十七条第二款) */
export interface CollectiveDiscussionRecordContent {
  caseNumber?: string | null;
  partyName: string;
  heldOn: IsoDate;
  chair: { name: string; position: string };
  participants: { name: string; position: string }[];
  /** why the discussion was required (majorCaseReasons) and what was put to it */
  majorReasons: string[];
  proposed: string;
  opinions: { name: string; opinion: string }[];
  conclusion: string;
  recordedBy: string;
}

/** 法制审核意见书 (《行政处罚法》第五十八条) */
export interface LegalReviewOpinionContent {
  caseNumber?: string | null;
  partyName: string;
  submittedOn: IsoDate;
  majorReasons: string[];
  proposed: string;
  /** the points reviewed, each with the reviewer's finding when given */
  points: { aspect: string; finding?: string | null }[];
  opinion: string;
  approved: boolean;
  reviewer: string;
  reviewedOn: IsoDate;
}

export interface DocumentContentMap {
  inspection_record: InspectionRecordContent;
  rectification_order: RectificationOrderContent;
  reinspection_opinion: ReinspectionOpinionContent;
  case_opening_approval: SectionedDocumentContent;
  penalty_notice: SectionedDocumentContent;
  hearing_notice: SectionedDocumentContent;
  penalty_decision: SectionedDocumentContent;
  credit_repair_notice: SectionedDocumentContent;
  case_transfer: SectionedDocumentContent;
  // issue #17
  service_record: ServiceRecordContent;
  hearing_notification: HearingNotificationContent;
  hearing_record: HearingRecordContent;
  collective_discussion_record: CollectiveDiscussionRecordContent;
  legal_review_opinion: LegalReviewOpinionContent;
}
export type DocumentContent<K extends DocumentKind = DocumentKind> = DocumentContentMap[K];

// ---------- validation ----------

const DATE = /^\d{4}-\d{2}-\d{2}$/;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const validDate = (v: unknown): v is string => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const validInstant = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));

function party(v: unknown, where: string, p: string[], full: boolean): void {
  if (!isObj(v)) {
    p.push(`${where}：缺少被检查单位信息`);
    return;
  }
  if (!text(v.name)) p.push(`${where}：请填写单位名称`);
  if (full) {
    if (!text(v.creditCode)) p.push(`${where}：请填写统一社会信用代码`);
    if (!text(v.address)) p.push(`${where}：请填写单位地址`);
    if (!text(v.legalRepresentative)) p.push(`${where}：请填写法定代表人（负责人）`);
  }
}

function officers(v: unknown, p: string[], min: number): void {
  if (!Array.isArray(v) || v.length < min) {
    p.push(min >= 2 ? '执法人员不得少于两人' : '请填写执法人员');
    return;
  }
  v.forEach((o, i) => {
    if (!isObj(o) || !text(o.name) || !text(o.credentialNo)) p.push(`第${i + 1}名执法人员须有姓名和执法证号（亮证执法）`);
  });
}

function strings(v: unknown, what: string, p: string[], min = 0): void {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) p.push(`${what}应为文字列表`);
  else if (v.filter((x) => text(x)).length < min) p.push(`请填写${what}`);
}

function sections(v: unknown, p: string[]): void {
  if (!Array.isArray(v) || v.length === 0) {
    p.push('文书正文至少需要一节');
    return;
  }
  v.forEach((s, i) => {
    if (!isObj(s) || !Array.isArray(s.paragraphs) || s.paragraphs.some((x) => typeof x !== 'string')) p.push(`正文第${i + 1}节须有段落文字`);
    else if (s.heading !== undefined && typeof s.heading !== 'string') p.push(`正文第${i + 1}节的标题应为文字`);
  });
}

/**
 * What is missing or wrong in a document's content, in Chinese; empty = the document can be issued.
 * The server refuses to issue a document with problems (a half-filled document is a handwritten one in disguise).
 */
export function documentContentProblems(kind: DocumentKind, content: unknown): string[] {
  const p: string[] = [];
  const title = documentKindTable[kind].title;
  if (!isObj(content)) return [`${title}内容格式不正确`];
  const c = content;
  if (isSiteDocumentKind(kind)) return siteDocumentProblems(kind, c);
  switch (kind) {
    case 'inspection_record': {
      party(c.enterprise, '被检查单位', p, true);
      if (!validInstant(c.startedAt)) p.push('请填写检查开始时间');
      if (c.endedAt !== undefined && (!validInstant(c.endedAt) || (validInstant(c.startedAt) && Date.parse(c.endedAt) < Date.parse(c.startedAt)))) p.push('检查结束时间不能早于开始时间');
      if (!text(c.place)) p.push('请填写检查地点');
      officers(c.officers, p, 2);
      strings(c.legalBasis, '检查依据', p, 1);
      if (!Array.isArray(c.checkItems) || c.checkItems.length === 0) p.push('请填写检查事项及结果');
      else
        c.checkItems.forEach((it, i) => {
          if (!isObj(it) || !text(it.title)) p.push(`第${i + 1}项检查事项缺少内容`);
          else if (!Object.hasOwn(answerResultLabels, String(it.result))) p.push(`检查事项“${it.title}”的结果应为符合、不符合或不涉及`);
        });
      strings(c.findings, '发现的问题', p);
      if (!Array.isArray(c.examinations) || c.examinations.length === 0) p.push('逢查必考：请记录对主要负责人或安全管理人员的考核');
      else
        c.examinations.forEach((e, i) => {
          if (!isObj(e) || !text(e.person) || !text(e.position) || !text(e.subject) || typeof e.passed !== 'boolean') p.push(`逢查必考第${i + 1}条须有人员、职务、考核内容和是否合格`);
        });
      if (!Array.isArray(c.certificateChecks) || c.certificateChecks.length === 0) p.push('逢查必检：请记录查验的证照');
      else
        c.certificateChecks.forEach((e, i) => {
          if (!isObj(e) || !text(e.certificate) || !(certificateCheckResults as readonly unknown[]).includes(e.result)) p.push(`逢查必检第${i + 1}条须有证照名称和查验结果`);
          else if (e.validTo !== undefined && !validDate(e.validTo)) p.push(`逢查必检第${i + 1}条的有效期日期格式应为 YYYY-MM-DD`);
        });
      if (c.onSiteRepresentative !== undefined && (!isObj(c.onSiteRepresentative) || !text(c.onSiteRepresentative.name))) p.push('请填写企业现场负责人姓名');
      break;
    }
    case 'rectification_order': {
      party(c.enterprise, '被责令单位', p, true);
      if (!validDate(c.inspectedOn)) p.push('请填写检查日期（YYYY-MM-DD）');
      if (!Array.isArray(c.hazards) || c.hazards.length === 0) p.push('责令限期整改指令书须列明至少一项问题');
      else
        c.hazards.forEach((h, i) => {
          if (!isObj(h) || !text(h.description) || !text(h.requirement)) p.push(`第${i + 1}项问题须写明问题和整改要求`);
          else if (!validDate(h.deadline)) p.push(`第${i + 1}项问题须写明整改期限（YYYY-MM-DD）`);
          else if (validDate(c.inspectedOn) && h.deadline < c.inspectedOn) p.push(`第${i + 1}项问题的整改期限不能早于检查日期`);
        });
      if (c.legalBasis !== undefined && !text(c.legalBasis)) p.push('法律依据不能为空');
      officers(c.officers, p, 2);
      if (!text(c.reconsiderationBody)) p.push('请填写行政复议机关');
      if (!text(c.litigationCourt)) p.push('请填写行政诉讼管辖法院');
      break;
    }
    case 'reinspection_opinion': {
      party(c.enterprise, '被复查单位', p, false);
      if (!text(c.originalOrderNumber)) p.push('请填写原责令限期整改指令书文号');
      if (!validDate(c.originalOrderDate)) p.push('请填写原指令书日期（YYYY-MM-DD）');
      if (!validDate(c.reinspectedOn)) p.push('请填写复查日期（YYYY-MM-DD）');
      else if (validDate(c.originalOrderDate) && c.reinspectedOn < c.originalOrderDate) p.push('复查日期不能早于原指令书日期');
      officers(c.officers, p, 2);
      if (!Array.isArray(c.items) || c.items.length === 0) p.push('请逐项填写复查结果');
      else
        c.items.forEach((it, i) => {
          if (!isObj(it) || !text(it.hazard) || !text(it.opinion) || !(reinspectionResults as readonly unknown[]).includes(it.result)) p.push(`复查第${i + 1}项须有问题、复查结果和意见`);
        });
      if (!text(c.conclusion)) p.push('请填写复查结论');
      break;
    }
    // ---- issue #17 ----
    case 'service_record':
      if (!Array.isArray(c.documents) || c.documents.length === 0) p.push('请列明送达的文书');
      if (!text(c.recipient)) p.push('请填写受送达人');
      if (!validDate(c.servedOn)) p.push('请填写送达日期（YYYY-MM-DD）');
      if (!text(c.method)) p.push('请填写送达方式');
      if (!text(c.place)) p.push('请填写送达地点');
      officers(c.officers, p, 1);
      break;
    case 'hearing_notification':
      party(c.enterprise, '当事人', p, false);
      if (!validDate(c.noticeOn) || !validDate(c.heldOn)) p.push('请填写通知日期和听证日期（YYYY-MM-DD）');
      if (!text(c.time) || !text(c.place)) p.push('请填写听证的时间和地点');
      if (!text(c.host) || !text(c.clerk)) p.push('请填写听证主持人和记录员');
      break;
    case 'hearing_record':
      party(c.enterprise, '当事人', p, false);
      if (!validDate(c.heldOn)) p.push('请填写听证日期（YYYY-MM-DD）');
      if (!text(c.place) || !text(c.host) || !text(c.clerk)) p.push('请填写听证地点、主持人和记录员');
      if (typeof c.attended !== 'boolean') p.push('请写明当事人是否出席');
      else if (c.attended ? !text(c.investigatorCase) || !text(c.partyStatement) : !text(c.absenceNote)) p.push(c.attended ? '请记录调查人员意见和当事人陈述申辩' : '请写明当事人未出席的情况');
      break;
    case 'collective_discussion_record':
      if (!validDate(c.heldOn)) p.push('请填写讨论日期（YYYY-MM-DD）');
      if (!Array.isArray(c.participants) || c.participants.length === 0 || !isObj(c.chair)) p.push('请填写主持人和参加人员');
      if (!Array.isArray(c.opinions) || c.opinions.length === 0) p.push('请记录讨论意见');
      if (!text(c.conclusion)) p.push('请填写讨论结论');
      break;
    case 'legal_review_opinion':
      if (!text(c.opinion)) p.push('请填写审核意见');
      if (!text(c.reviewer) || !validDate(c.reviewedOn)) p.push('请填写审核人员和审核日期');
      if (typeof c.approved !== 'boolean') p.push('请写明审核结论');
      break;
    // ---- end issue #17 ----
    default: {
      if (c.recipient !== undefined && typeof c.recipient !== 'string') p.push('主送单位应为文字');
      if (c.enterprise !== undefined) party(c.enterprise, '当事人', p, false);
      sections(c.sections, p);
      if (c.officers !== undefined) officers(c.officers, p, 1);
    }
  }
  return p;
}

// ---------- evidence, on-site measures and hazard escalation (siteRecords.ts) ----------
// declared here by interface merging so the map above stays as it was

export interface DocumentContentMap {
  interview_record: InterviewRecordContent;
  site_examination_record: SiteExaminationContent;
  on_site_measure_decision: OnSiteMeasureContent;
  seizure_decision: SeizureDecisionContent;
  evidence_preservation_notice: EvidencePreservationContent;
  hazard_letter: HazardEscalationContent;
  hazard_bulletin: HazardEscalationContent;
  interview_notice: HazardEscalationContent;
  supervision_notice: HazardEscalationContent;
}
