// R34 / R35: enforcement documents rendered to PDF from their stored content — never written by hand, and
// re-renderable at any time from what was issued. A4, Noto Sans SC embedded as a subset (ToUnicode map included,
// so the text can be searched and copied).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import {
  answerResultLabels,
  certificateCheckResultLabels,
  documentKindTable,
  isDocumentKind,
  RECTIFICATION_LEGAL_BASIS,
  reinspectionResultLabels,
  type DocumentKind,
  type InspectionRecordContent,
  type OfficerRef,
  type PartyInfo,
  type RectificationOrderContent,
  type ReinspectionOpinionContent,
  type SectionedDocumentContent,
  serviceMethodLabels,
  type CollectiveDiscussionRecordContent,
  type HearingNotificationContent,
  type HearingRecordContent,
  type LegalReviewOpinionContent,
  type ServiceMethod,
  type ServiceRecordContent,
} from '@anjian/domain';
import {
  INTERVIEW_CONFIRMATION,
  INTERVIEW_OPENING,
  isSiteDocumentKind,
  onSiteMeasureLabels,
  ON_SITE_MEASURE_BASIS,
  EVIDENCE_PRESERVATION_BASIS,
  SEIZURE_BASIS,
  seizureMeasureLabels,
  sexLabels,
  type EvidencePreservationContent,
  type HazardEscalationContent,
  type InterviewRecordContent,
  type OnSiteMeasureContent,
  type SeizedItem,
  type SeizureDecisionContent,
  type SiteDocumentKind,
  type SiteExaminationContent,
} from '@anjian/domain';

/** What the renderer needs of a document row (the `documents` row satisfies it). */
export interface RenderableDocument {
  agencyName: string;
  kind: string;
  title: string;
  number: string;
  content: unknown;
  issuedAt: Date | string;
}

// ---------- fonts: resolved through the package, read once (10 MB each) ----------

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
const fontCache = new Map<keyof typeof FONT_FILES, Buffer>();
function font(which: keyof typeof FONT_FILES): Buffer {
  let buf = fontCache.get(which);
  if (!buf) {
    buf = readFileSync(require.resolve(FONT_FILES[which]));
    fontCache.set(which, buf);
  }
  return buf;
}

// ---------- layout constants (GB/T 9704 proportions: 156 mm text width on A4) ----------

const MARGIN = { top: 80, bottom: 80, left: 76, right: 76 };
const BODY = 12; // 小四
const GAP = 5; // line gap
const R = 'NotoSansSC-Regular';
const B = 'NotoSansSC-Bold';

type Doc = PDFKit.PDFDocument;

function shanghaiParts(at: Date): { y: number; m: number; d: number; hh: number; mm: number } {
  const s = new Date(at.getTime() + 8 * 3600_000);
  return { y: s.getUTCFullYear(), m: s.getUTCMonth() + 1, d: s.getUTCDate(), hh: s.getUTCHours(), mm: s.getUTCMinutes() };
}
/** 2026年3月5日 from an instant (Asia/Shanghai) or a YYYY-MM-DD date. */
export function chineseDate(v: Date | string): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return `${y}年${m}月${d}日`;
  }
  const p = shanghaiParts(new Date(v));
  return `${p.y}年${p.m}月${p.d}日`;
}
function chineseDateTime(v: string): string {
  const p = shanghaiParts(new Date(v));
  return `${p.y}年${p.m}月${p.d}日${p.hh}时${String(p.mm).padStart(2, '0')}分`;
}
function chineseTime(v: string): string {
  const p = shanghaiParts(new Date(v));
  return `${p.hh}时${String(p.mm).padStart(2, '0')}分`;
}

export class Layout {
  constructor(readonly doc: Doc) {}
  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }
  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }
  /** Starts a new page when less than `h` points are left. */
  need(h: number): void {
    if (this.doc.y + h > this.bottom) this.doc.addPage();
  }
  gap(h = 6): void {
    this.doc.y += h;
  }
  /** A body paragraph, first line indented by two characters. */
  para(text: string, opts: { indent?: boolean; bold?: boolean; size?: number; align?: 'left' | 'justify' | 'right' | 'center' } = {}): void {
    const size = opts.size ?? BODY;
    this.doc
      .font(opts.bold ? B : R)
      .fontSize(size)
      .text(text, MARGIN.left, this.doc.y, { width: this.width, lineGap: GAP, indent: opts.indent === false ? 0 : size * 2, align: opts.align ?? 'justify' });
  }
  heading(text: string): void {
    this.need(BODY * 4);
    this.gap(4);
    this.doc.font(B).fontSize(BODY + 1).text(text, MARGIN.left, this.doc.y, { width: this.width, lineGap: GAP });
    this.gap(2);
  }
  /** "标签：值" with the label in bold; the value wraps under the full width. */
  field(label: string, value: string | undefined | null): void {
    this.doc
      .font(B)
      .fontSize(BODY)
      .text(`${label}：`, MARGIN.left, this.doc.y, { width: this.width, lineGap: GAP, continued: true })
      .font(R)
      .text(value && value.trim() ? value : '—', { lineGap: GAP });
  }
  /** A bordered table; rows split across pages with the header repeated. `widths` are shares of the text width. */
  table(headers: string[], widths: number[], rows: string[][]): void {
    const doc = this.doc;
    const total = widths.reduce((s, w) => s + w, 0);
    const cols = widths.map((w) => (w / total) * this.width);
    const pad = 4;
    const size = BODY - 1.5;
    const heightOf = (cells: string[], bold: boolean) =>
      Math.max(...cells.map((c, i) => doc.font(bold ? B : R).fontSize(size).heightOfString(c || ' ', { width: cols[i]! - 2 * pad, lineGap: 2 }))) + 2 * pad;
    const drawRow = (cells: string[], bold: boolean) => {
      const h = heightOf(cells, bold);
      if (doc.y + h > this.bottom) {
        doc.addPage();
        if (!bold) drawRow(headers, true);
      }
      const y = doc.y;
      let x = MARGIN.left;
      cells.forEach((c, i) => {
        if (bold) doc.rect(x, y, cols[i]!, h).fillAndStroke('#f0f0f0', '#000000').fillColor('#000000');
        else doc.rect(x, y, cols[i]!, h).stroke();
        doc
          .font(bold ? B : R)
          .fontSize(size)
          .text(c || '', x + pad, y + pad, { width: cols[i]! - 2 * pad, lineGap: 2, align: bold ? 'center' : 'left' });
        x += cols[i]!;
      });
      doc.x = MARGIN.left;
      doc.y = y + h;
    };
    doc.lineWidth(0.6);
    this.need(heightOf(headers, true) + (rows[0] ? heightOf(rows[0], false) : 0));
    drawRow(headers, true);
    for (const r of rows) drawRow(r, false);
    doc.x = MARGIN.left;
    this.gap(6);
  }
  /** Signature lines: a label, then a blank to sign on, and what is printed under it. */
  signature(label: string, printed?: string): void {
    this.need(BODY * 3);
    const doc = this.doc;
    const y = doc.y;
    doc.font(R).fontSize(BODY).text(`${label}：`, MARGIN.left, y, { lineBreak: false });
    const x0 = MARGIN.left + doc.widthOfString(`${label}：`) + 4;
    const x1 = Math.min(x0 + 150, MARGIN.left + this.width);
    doc.moveTo(x0, y + BODY + 2).lineTo(x1, y + BODY + 2).lineWidth(0.6).stroke();
    if (printed) doc.font(R).fontSize(BODY - 2).fillColor('#444444').text(printed, x1 + 8, y + 2, { width: MARGIN.left + this.width - x1 - 8, lineBreak: true }).fillColor('#000000');
    doc.x = MARGIN.left;
    doc.y = Math.max(doc.y, y + BODY + GAP + 10);
  }
  /** The agency's seal placeholder, its name and the date, at the right. */
  seal(agencyName: string, date: string): void {
    this.need(110);
    const doc = this.doc;
    const right = MARGIN.left + this.width;
    const w = Math.max(doc.font(R).fontSize(BODY).widthOfString(agencyName), doc.widthOfString(date)) + 8;
    const y = doc.y + 20;
    const cx = right - w / 2;
    doc.save().circle(cx, y + 12, 42).dash(3, { space: 3 }).lineWidth(0.8).strokeColor('#b00000').stroke().restore();
    doc.font(R).fontSize(BODY - 3).fillColor('#b00000').text('（印章）', cx - 40, y - 20, { width: 80, align: 'center', lineBreak: false }).fillColor('#000000');
    doc.font(R).fontSize(BODY).text(agencyName, right - w, y, { width: w, align: 'center', lineBreak: false });
    doc.text(date, right - w, y + BODY + GAP + 4, { width: w, align: 'center', lineBreak: false });
    doc.x = MARGIN.left;
    doc.y = y + 2 * (BODY + GAP) + 30;
  }
}

const officersText = (os: OfficerRef[]) => os.map((o) => `${o.name}（执法证号：${o.credentialNo}）`).join('、');

function partyFields(l: Layout, e: PartyInfo, label = '被检查单位'): void {
  l.field(label, e.name);
  l.field('统一社会信用代码', e.creditCode);
  l.field('地址', e.address);
  l.field('法定代表人（负责人）', e.legalRepresentative + (e.contactPhone ? `　联系电话：${e.contactPhone}` : ''));
  if (e.contactPerson) l.field('联系人', e.contactPerson);
}

function officerSignatures(l: Layout, os: OfficerRef[]): void {
  for (const o of os) l.signature('执法人员（签名）', `${o.name}　执法证号：${o.credentialNo}`);
}

/** The foot of a document served on the party: the officers sign, the party signs for receipt, the agency seals. */
function servedFoot(l: Layout, officers: OfficerRef[], receiver: string, agencyName: string, issuedAt: Date | string): void {
  l.gap(10);
  officerSignatures(l, officers);
  l.signature(receiver);
  l.seal(agencyName, chineseDate(issuedAt));
}

/** The addressee line that opens a letter-style document. */
function addressee(l: Layout, name: string): void {
  l.para(`${name}：`, { indent: false });
  l.gap(2);
}

function renderInspectionRecord(l: Layout, c: InspectionRecordContent, agencyName: string): void {
  partyFields(l, c.enterprise);
  l.field('检查场所', c.place);
  l.field('检查时间', c.endedAt ? `${chineseDateTime(c.startedAt)}至${shanghaiParts(new Date(c.endedAt)).d === shanghaiParts(new Date(c.startedAt)).d ? chineseTime(c.endedAt) : chineseDateTime(c.endedAt)}` : chineseDateTime(c.startedAt));
  l.field('执法人员', officersText(c.officers));
  l.field('检查依据', c.legalBasis.join('；'));
  l.gap(4);
  // R16 亮证: the statement read to the enterprise on arrival.
  l.para(`我们是${agencyName}执法人员${c.officers.map((o) => o.name).join('、')}，这是我们的执法证件（已出示）。现依法对你单位进行现场检查，请予配合。`);
  l.heading('一、检查事项及结果');
  l.table(
    ['序号', '检查事项', '结果', '说明'],
    [1.2, 8, 2, 5],
    c.checkItems.map((it, i) => [String(i + 1), it.code ? `${it.code} ${it.title}` : it.title, answerResultLabels[it.result] ?? it.result, it.note ?? '']),
  );
  l.heading('二、发现的问题');
  if (c.findings.length === 0) l.para('未发现问题。');
  else c.findings.forEach((f, i) => l.para(`${i + 1}. ${f}`));
  l.heading('三、逢查必考（负责人和安全管理人员考核）');
  l.table(
    ['被考核人', '职务', '考核内容', '结果'],
    [3, 3, 7, 3],
    c.examinations.map((e) => [e.person, e.position, e.subject + (e.note ? `（${e.note}）` : ''), (e.passed ? '合格' : '不合格') + (e.score !== undefined ? `（${e.score}分）` : '')]),
  );
  l.heading('四、逢查必检（证照查验）');
  l.table(
    ['证照', '持证人', '证号', '有效期至', '查验结果'],
    [5, 2.6, 4.4, 2.8, 2.6],
    c.certificateChecks.map((x) => [x.certificate, x.holder ?? '', x.number ?? '', x.validTo ? chineseDate(x.validTo) : '', certificateCheckResultLabels[x.result] + (x.note ? `（${x.note}）` : '')]),
  );
  if (c.remarks?.trim()) {
    l.heading('五、备注');
    l.para(c.remarks);
  }
  l.gap(10);
  l.need(BODY * 10);
  l.para('以上记录已经被检查单位现场负责人核对，确认无误。', { indent: true });
  l.gap(6);
  officerSignatures(l, c.officers);
  l.signature('被检查单位现场负责人（签名）', c.onSiteRepresentative ? `${c.onSiteRepresentative.name}${c.onSiteRepresentative.position ? `（${c.onSiteRepresentative.position}）` : ''}` : undefined);
  l.para('　　　　年　　月　　日', { indent: false, align: 'right' });
}

function renderRectificationOrder(l: Layout, c: RectificationOrderContent, agencyName: string, issuedAt: Date | string): void {
  addressee(l, c.enterprise.name);
  const from = c.inspectionRecordNumber ? `（现场检查记录：${c.inspectionRecordNumber}）` : '';
  l.para(`${chineseDate(c.inspectedOn)}，本机关执法人员对你单位进行了现场检查${from}。经查，你单位存在下列问题：`);
  l.gap(4);
  l.table(
    ['序号', '存在的问题', '整改要求', '整改期限'],
    [1.2, 7, 6, 3],
    c.hazards.map((h, i) => [String(i + 1), (h.major ? '【重大事故隐患】' : '') + h.description + (h.legalBasis ? `（违反${h.legalBasis}）` : ''), h.requirement, `${chineseDate(h.deadline)}前`]),
  );
  // R18: 责令限期改正 — 《安全生产法》第六十五条.
  l.para(`依据${c.legalBasis?.trim() || RECTIFICATION_LEGAL_BASIS}的规定，现责令你单位对上述问题按照整改要求于所列期限前整改完毕，达到有关法律法规规章和标准规定的要求。由此造成事故的，依法追究有关人员的责任。`);
  l.para('整改期间，你单位应当采取措施，确保安全生产。对安全生产违法行为，将依法予以行政处罚。');
  // R27: the rights to reconsideration (60 days) and litigation (6 months).
  l.para(
    `如果不服本指令，可以依照《中华人民共和国行政复议法》在收到本指令之日起60日内向${c.reconsiderationBody}申请行政复议，或者依照《中华人民共和国行政诉讼法》在6个月内依法向${c.litigationCourt}提起行政诉讼，但本指令不停止执行，法律另有规定的除外。`,
  );
  if (c.contact) l.para(`联系人：${c.contact.person}　联系电话：${c.contact.phone}`);
  servedFoot(l, c.officers, '被检查单位负责人（签收）', agencyName, issuedAt);
  l.para('本文书一式两份：一份交被检查单位，一份归档。', { size: BODY - 2, indent: false });
}

function renderReinspectionOpinion(l: Layout, c: ReinspectionOpinionContent, agencyName: string, issuedAt: Date | string): void {
  addressee(l, c.enterprise.name);
  l.para(`本机关于${chineseDate(c.originalOrderDate)}作出了《责令限期整改指令书》（${c.originalOrderNumber}），${chineseDate(c.reinspectedOn)}对你单位的整改情况进行了复查，复查意见如下：`);
  l.gap(4);
  l.table(
    ['序号', '责令整改的问题', '复查结果', '复查意见'],
    [1.2, 7, 2.4, 6.4],
    c.items.map((it, i) => [String(i + 1), it.hazard, reinspectionResultLabels[it.result] ?? it.result, it.opinion]),
  );
  l.field('复查结论', c.conclusion);
  l.field('复查人员', officersText(c.officers));
  servedFoot(l, c.officers, '被复查单位负责人（签收）', agencyName, issuedAt);
}

function renderSections(l: Layout, c: SectionedDocumentContent, agencyName: string, issuedAt: Date | string): void {
  if (c.recipient?.trim()) {
    l.para(`${c.recipient.replace(/[：:]$/, '')}：`, { indent: false });
    l.gap(2);
  }
  if (c.enterprise) partyFields(l, c.enterprise, '当事人');
  for (const s of c.sections) {
    if (s.heading?.trim()) l.heading(s.heading);
    for (const p of s.paragraphs) l.para(p);
  }
  l.gap(10);
  if (c.officers?.length) officerSignatures(l, c.officers);
  l.seal(agencyName, chineseDate(issuedAt));
}

/** Draws one issued document (header and body) from the current page on; the caller starts the page. */
function drawDocument(pdf: Doc, l: Layout, doc: RenderableDocument): void {
  const kind: DocumentKind | null = isDocumentKind(doc.kind) ? doc.kind : null;
  const issuedAt = doc.issuedAt instanceof Date ? doc.issuedAt : new Date(doc.issuedAt);
  // Header: agency, title, number.
  pdf.font(B).fontSize(18).text(doc.agencyName, MARGIN.left, MARGIN.top, { width: l.width, align: 'center' });
  l.gap(4);
  pdf.font(B).fontSize(22).text(doc.title, MARGIN.left, pdf.y, { width: l.width, align: 'center', characterSpacing: 2 });
  l.gap(6);
  pdf.font(R).fontSize(BODY).text(doc.number, MARGIN.left, pdf.y, { width: l.width, align: 'right' });
  l.gap(4);
  pdf.moveTo(MARGIN.left, pdf.y).lineTo(MARGIN.left + l.width, pdf.y).lineWidth(1).strokeColor('#b00000').stroke().strokeColor('#000000');
  l.gap(12);

  const c = doc.content as never;
  if (kind && isSiteDocumentKind(kind)) return renderSiteDocument(l, kind, c, doc.agencyName, issuedAt);
  switch (kind) {
    case 'inspection_record':
      renderInspectionRecord(l, c, doc.agencyName);
      break;
    case 'rectification_order':
      renderRectificationOrder(l, c, doc.agencyName, issuedAt);
      break;
    case 'reinspection_opinion':
      renderReinspectionOpinion(l, c, doc.agencyName, issuedAt);
      break;
    // issue #17
    case 'service_record':
      renderServiceRecord(l, c, doc.agencyName, issuedAt);
      break;
    case 'hearing_notification':
      renderHearingNotification(l, c, doc.agencyName, issuedAt);
      break;
    case 'hearing_record':
      renderHearingRecord(l, c);
      break;
    case 'collective_discussion_record':
      renderCollectiveDiscussionRecord(l, c);
      break;
    case 'legal_review_opinion':
      renderLegalReviewOpinion(l, c, doc.agencyName, issuedAt);
      break;
    default:
      renderSections(l, c, doc.agencyName, issuedAt);
  }
}

// ---------- issue #17: the penalty case's procedure documents ----------

const dateTimeOf = (date: string, time?: string | null) => `${chineseDate(date)}${time ? `${Number(time.slice(0, 2))}时${time.slice(3, 5)}分` : ''}`;

/** 送达回证: what was served, to whom, where, how, and who signed (or witnessed) — the form the recipient signs. */
function renderServiceRecord(l: Layout, c: ServiceRecordContent, agencyName: string, issuedAt: Date | string): void {
  if (c.caseNumber) l.field('案号', c.caseNumber);
  l.table(
    ['送达文书名称', '文书编号'],
    [3, 2],
    c.documents.map((d) => [`《${d.title}》`, d.number]),
  );
  l.field('受送达人', c.recipient);
  l.field('送达方式', serviceMethodLabels[c.method as ServiceMethod] ?? c.method);
  l.field(c.method === 'electronic' ? '电子送达地址' : '送达地点', c.place);
  l.field('送达日期', chineseDate(c.servedOn));
  if (c.signer) l.field('代收人', `${c.signer.name}（与受送达人关系：${c.signer.relation}）`);
  if (c.electronicConsentOn) l.field('电子送达确认', `当事人于${chineseDate(c.electronicConsentOn)}签订送达地址确认书，同意采用电子方式送达（《中华人民共和国行政处罚法》第六十一条）`);
  if (c.witness) l.field('见证人', `${c.witness.name}${c.witness.position ? `（${c.witness.position}）` : ''}`);
  if (c.method === 'left_at_premises') l.para('受送达人拒绝签收，送达人员邀请见证人到场，说明情况，把文书留在受送达人的住所，并采用拍照、录像等方式记录送达过程，即视为送达。');
  if (c.note) l.field('备注', c.note);
  l.gap(10);
  for (const o of c.officers) l.signature('送达人（签名）', `${o.name}　执法证号：${o.credentialNo}`);
  l.signature(c.signer ? '代收人（签名）' : '受送达人（签名或者盖章）', c.signer ? c.signer.name : c.recipient);
  if (c.witness) l.signature('见证人（签名）', c.witness.name);
  l.seal(agencyName, chineseDate(issuedAt));
}

/** 听证通知书: when, where, who hears the case, and the party's rights at the hearing (《行政处罚法》第六十四条). */
function renderHearingNotification(l: Layout, c: HearingNotificationContent, agencyName: string, issuedAt: Date | string): void {
  addressee(l, c.enterprise.name);
  l.para(`根据你（单位）于${chineseDate(c.requestedOn)}提出的听证要求${c.caseNumber ? `（案号：${c.caseNumber}）` : ''}，本机关决定就拟对你（单位）作出的行政处罚（${c.proposed}）举行听证。现将有关事项通知如下：`);
  l.field('听证时间', dateTimeOf(c.heldOn, c.time));
  l.field('听证地点', c.place);
  l.field('听证主持人', c.host);
  l.field('听证员', c.panelists.join('、') || '—');
  l.field('记录员', c.clerk);
  l.heading('你（单位）在听证中的权利');
  l.para('一、认为主持人与本案有直接利害关系的，有权申请回避（《中华人民共和国行政处罚法》第六十四条第（四）项）；');
  l.para('二、可以亲自参加听证，也可以委托一至二人代理，委托代理人参加听证的，应当提交授权委托书；');
  l.para('三、可以就案件的事实、理由和证据进行申辩和质证，并进行最后陈述；');
  l.para('四、听证笔录应当交你（单位）或者代理人核对无误后签字或者盖章。');
  l.para('无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证（《中华人民共和国行政处罚法》第六十四条第（六）项）。');
  l.para(`本通知于${chineseDate(c.noticeOn)}送达，距举行听证不少于七个工作日。`);
  l.gap(10);
  l.seal(agencyName, chineseDate(issuedAt));
}

/** 听证笔录: the hearing as it went, or that the party did not appear; signed by all present. */
function renderHearingRecord(l: Layout, c: HearingRecordContent): void {
  if (c.caseNumber) l.field('案号', c.caseNumber);
  l.field('当事人', c.enterprise.name);
  l.field('听证时间', dateTimeOf(c.heldOn, c.time));
  l.field('听证地点', c.place);
  l.field('听证主持人', c.host);
  l.field('听证员', c.panelists.join('、') || '—');
  l.field('记录员', c.clerk);
  l.field('本案调查人员', c.investigators.map((o) => `${o.name}（执法证号：${o.credentialNo}）`).join('、'));
  if (!c.attended) {
    l.field('当事人出席情况', '未出席');
    l.heading('听证情况');
    l.para(c.absenceNote ?? '');
    l.para('当事人无正当理由拒不出席听证或者未经许可中途退出听证，视为放弃听证权利，听证终止（《中华人民共和国行政处罚法》第六十四条第（六）项）。');
  } else {
    l.field('出席听证的当事人及代理人', c.partyAttendees.map((a) => `${a.name}（${a.role}）`).join('、'));
    l.para('主持人宣布听证纪律，核对到场人员身份，告知当事人有申请回避的权利，当事人表示不申请回避。');
    l.heading('一、调查人员提出的违法事实、证据和行政处罚建议');
    l.para(c.investigatorCase);
    l.heading('二、当事人的陈述和申辩');
    l.para(c.partyStatement);
    l.heading('三、质证情况');
    l.para(c.crossExamination);
    l.heading('四、最后陈述');
    l.para(c.finalStatements);
  }
  l.gap(10);
  l.need(BODY * 14);
  l.para('以上笔录已交当事人（代理人）核对，确认无误。', { indent: true });
  l.signature('听证主持人（签名）', c.host);
  for (const x of c.panelists) l.signature('听证员（签名）', x);
  l.signature('记录员（签名）', c.clerk);
  for (const o of c.investigators) l.signature('调查人员（签名）', o.name);
  if (c.attended) for (const a of c.partyAttendees) l.signature('当事人或代理人（签名）', `${a.name}（${a.role}）`);
}

/** 集体讨论记录 (《行政处罚法》第五十七条第二款): who discussed what, what each said, what they concluded. */
function renderCollectiveDiscussionRecord(l: Layout, c: CollectiveDiscussionRecordContent): void {
  if (c.caseNumber) l.field('案号', c.caseNumber);
  l.field('当事人', c.partyName);
  l.field('讨论日期', chineseDate(c.heldOn));
  l.field('主持人', `${c.chair.name}（${c.chair.position}）`);
  l.field('参加人员', c.participants.map((x) => `${x.name}（${x.position}）`).join('、'));
  l.field('记录人', c.recordedBy);
  l.heading('讨论事项');
  l.para(`对本案拟作出的行政处罚（${c.proposed}）进行集体讨论。本案属于情节复杂或者重大违法行为：${c.majorReasons.join('；') || '—'}。`);
  l.heading('讨论意见');
  for (const o of c.opinions) l.para(`${o.name}：${o.opinion}`);
  l.heading('讨论结论');
  l.para(c.conclusion);
  l.gap(10);
  for (const x of c.participants) l.signature('参加人员（签名）', `${x.name}（${x.position}）`);
}

/** 法制审核意见书 (《行政处罚法》第五十八条): the points reviewed, the opinion and the conclusion. */
function renderLegalReviewOpinion(l: Layout, c: LegalReviewOpinionContent, agencyName: string, issuedAt: Date | string): void {
  if (c.caseNumber) l.field('案号', c.caseNumber);
  l.field('当事人', c.partyName);
  l.field('提交审核日期', chineseDate(c.submittedOn));
  l.field('拟作出的处理决定', c.proposed || '—');
  if (c.majorReasons.length) l.field('法制审核的事由', c.majorReasons.join('；'));
  l.heading('审核内容');
  l.table(
    ['序号', '审核事项', '审核情况'],
    [1.2, 6, 9],
    c.points.map((x, i) => [String(i + 1), x.aspect, x.finding ?? '（见审核意见）']),
  );
  l.heading('审核意见');
  l.para(c.opinion);
  l.field('审核结论', c.approved ? '审核通过，同意提请机关负责人作出决定' : '退回承办机构补充调查或者纠正');
  l.gap(10);
  l.signature('审核人员（签名）', `${c.reviewer}　${chineseDate(c.reviewedOn)}`);
  l.seal(agencyName, chineseDate(issuedAt));
}

function newPdf(info: PDFKit.DocumentInfo): { pdf: Doc; l: Layout; done: Promise<Buffer> } {
  const pdf = new PDFDocument({ size: 'A4', margins: MARGIN, bufferPages: true, autoFirstPage: true, info: { Creator: '安监执法平台', ...info } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont(R, font('regular'));
  pdf.registerFont(B, font('bold'));
  return { pdf, l: new Layout(pdf), done };
}

/** Page numbers on every page: 第 x 页 共 y 页. */
function numberPages(pdf: Doc, l: Layout): void {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font(R)
      .fontSize(BODY - 3)
      .fillColor('#000000')
      .text(`第 ${i - range.start + 1} 页 共 ${range.count} 页`, MARGIN.left, pdf.page.height - MARGIN.bottom / 2 - 6, { width: l.width, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
}

/** The PDF of an issued document, from its stored content. */
export async function renderDocumentPdf(doc: RenderableDocument): Promise<Buffer> {
  const kind: DocumentKind | null = isDocumentKind(doc.kind) ? doc.kind : null;
  const issuedAt = doc.issuedAt instanceof Date ? doc.issuedAt : new Date(doc.issuedAt);
  const { pdf, l, done } = newPdf({ Title: `${doc.number} ${doc.title}`, Author: doc.agencyName, Subject: kind ? documentKindTable[kind].title : doc.title, CreationDate: issuedAt });
  drawDocument(pdf, l, doc);
  numberPages(pdf, l);
  pdf.end();
  return done;
}

/** What the cover of a 卷宗 states (values already formatted; empty ones print as —). */
export interface CaseFileCover {
  /** 行政处罚案卷 / 执法检查案卷 */
  title: string;
  agencyName: string;
  fields: [label: string, value: string | null | undefined][];
  /** R35: the photos and other evidence of an inspection, listed after the documents with both of their times */
  evidence?: CaseFileEvidence[];
}

export interface CaseFileEvidence {
  kind: string;
  /** what it shows: the check item or the finding */
  subject: string;
  /** ISO; null when the upload did not say (taken before sealing at capture, or an enterprise's upload) */
  capturedAt: string | null;
  uploadedAt: string;
  position: string | null;
  sm3: string;
  sm3Verified: boolean;
}

// rows of the 卷内目录 per page: short titles fit one line, long ones two — 12 rows always fit one A4 page
const TOC_ROWS_PER_PAGE = 12;

/**
 * R29 / R35: the whole 卷宗 in one PDF — cover, 卷内目录, then every document as issued, each from a new page, numbered
 * through. The contents and the cover's page count are filled in after the documents are laid out (pages are buffered).
 */
export async function renderCaseFilePdf(cover: CaseFileCover, docs: RenderableDocument[]): Promise<Buffer> {
  const { pdf, l, done } = newPdf({ Title: cover.title, Author: cover.agencyName, Subject: cover.title, CreationDate: new Date() });
  const tocPages = Math.max(1, Math.ceil(docs.length / TOC_ROWS_PER_PAGE));
  for (let i = 0; i < tocPages; i++) pdf.addPage();
  const starts: number[] = [];
  for (const d of docs) {
    pdf.addPage();
    starts.push(pdf.bufferedPageRange().count);
    drawDocument(pdf, l, d);
  }
  if (cover.evidence?.length) {
    // 现场证据清单: 拍摄时间 (the phone's, sealed with its SM3) next to 上传时间 (the server's)
    pdf.addPage();
    pdf.font(B).fontSize(20).text('现场证据清单', MARGIN.left, MARGIN.top, { width: l.width, align: 'center', characterSpacing: 4 });
    l.gap(12);
    l.table(
      ['序号', '证据', '拍摄时间', '上传时间', '拍摄位置', 'SM3 校验值'],
      [1.2, 4.2, 3.6, 3.6, 3.4, 4],
      cover.evidence.map((e, i) => [
        String(i + 1),
        `${e.kind}：${e.subject}`,
        e.capturedAt ? chineseDateTime(e.capturedAt) : '未记录',
        chineseDateTime(e.uploadedAt),
        e.position ?? '未记录',
        `${e.sm3.slice(0, 16)}…${e.sm3Verified ? '（拍摄时已校验）' : ''}`,
      ]),
    );
  }
  const total = pdf.bufferedPageRange().count;

  // cover (page 1)
  pdf.switchToPage(0);
  pdf.font(B).fontSize(20).text(cover.agencyName, MARGIN.left, MARGIN.top + 40, { width: l.width, align: 'center' });
  l.gap(16);
  pdf.font(B).fontSize(30).text(cover.title, MARGIN.left, pdf.y, { width: l.width, align: 'center', characterSpacing: 6 });
  l.gap(60);
  for (const [label, value] of [...cover.fields, ['本卷页数', `${total}页`] as [string, string]]) {
    l.field(label, value);
    l.gap(8);
  }

  // 卷内目录 (pages 2…)
  const rows = docs.map((d, i) => [String(i + 1), d.title, d.number, chineseDate(d.issuedAt), String(starts[i])]);
  for (let pg = 0; pg < tocPages; pg++) {
    pdf.switchToPage(1 + pg);
    pdf.font(B).fontSize(20).text(pg === 0 ? '卷内目录' : '卷内目录（续）', MARGIN.left, MARGIN.top, { width: l.width, align: 'center', characterSpacing: 4 });
    l.gap(12);
    const chunk = rows.slice(pg * TOC_ROWS_PER_PAGE, (pg + 1) * TOC_ROWS_PER_PAGE);
    if (chunk.length) l.table(['序号', '文书名称', '文书编号', '日期', '页号'], [1.2, 6, 5, 3.6, 1.4], chunk);
    else l.para('本卷尚无已出具的文书。', { indent: false });
  }
  numberPages(pdf, l);
  pdf.end();
  return done;
}

/**
 * A PDF in the same layout (A4, Noto Sans SC embedded with its ToUnicode map, page numbers) drawn by `body` — for the
 * periodic reports and other forms that are not enforcement documents.
 */
export async function renderPdf(info: { title: string; author: string; subject?: string; createdAt?: Date }, body: (l: Layout) => void): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject ?? info.title, Creator: '安监执法平台', CreationDate: info.createdAt ?? new Date() },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont(R, font('regular'));
  pdf.registerFont(B, font('bold'));
  const l = new Layout(pdf);
  pdf.y = MARGIN.top;
  body(l);
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font(R).fontSize(BODY - 3).fillColor('#000000').text(`第 ${i - range.start + 1} 页 共 ${range.count} 页`, MARGIN.left, pdf.page.height - MARGIN.bottom / 2 - 6, { width: l.width, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

// ---------- evidence, on-site measures and hazard escalation (siteRecords.ts) ----------

/** 2026年3月5日9时05分至10时30分 (the end's date printed only when it is another day). */
function timeSpanText(from: string, to: string): string {
  const same = chineseDate(from) === chineseDate(to);
  return `${chineseDateTime(from)}至${same ? chineseTime(to) : chineseDateTime(to)}`;
}

function itemsTable(l: Layout, items: SeizedItem[]): void {
  l.table(
    ['序号', '物品名称', '规格型号', '数量', '存放地点'],
    [1.2, 5, 4, 2.4, 5],
    items.map((it, i) => [String(i + 1), it.name, it.spec ?? '', `${it.quantity}${it.unit}`, it.location]),
  );
}

function renderInterviewRecord(l: Layout, c: InterviewRecordContent, agencyName: string): void {
  l.field('询问时间', timeSpanText(c.startedAt, c.endedAt));
  l.field('询问地点', c.place);
  const w = c.interviewee;
  l.field('被询问人', `${w.name}　性别：${sexLabels[w.sex] ?? w.sex}　公民身份号码：${w.idNumber}`);
  l.field('工作单位', `${w.workUnit}　职务：${w.post}`);
  l.field('联系电话', w.phone);
  if (w.address) l.field('住址', w.address);
  l.field('与本案关系', w.relation);
  if (c.matterRef) l.field('所涉事项', `${c.enterprise.name}（${c.matterRef}）`);
  l.field('询问人', officersText(c.officers.slice(0, 1)));
  l.field('记录人', officersText(c.officers.slice(1)));
  if (c.present) l.field('在场人员', c.present);
  l.gap(4);
  l.para(`告知：${INTERVIEW_OPENING.replace('{agency}', agencyName)}你是否申请回避？`);
  l.para(`答：${c.recusalAnswer}`);
  l.heading('询问内容');
  c.qa.forEach((x) => {
    l.para(`问：${x.q}`);
    l.para(`答：${x.a}`);
  });
  l.gap(8);
  l.need(BODY * 12);
  l.para(`被询问人意见：${INTERVIEW_CONFIRMATION}。`, { indent: false });
  l.signature('被询问人（签名）', w.name);
  l.para('　　　　年　　月　　日', { indent: false, align: 'right' });
  l.signature('询问人（签名）', `${c.officers[0]?.name ?? ''}　执法证号：${c.officers[0]?.credentialNo ?? ''}`);
  for (const o of c.officers.slice(1)) l.signature('记录人（签名）', `${o.name}　执法证号：${o.credentialNo}`);
  l.para('（笔录共　页，被询问人应逐页签名或者捺指印。）', { size: BODY - 2, indent: false });
}

function renderSiteExamination(l: Layout, c: SiteExaminationContent): void {
  l.field('勘验（检查）时间', timeSpanText(c.startedAt, c.endedAt));
  l.field('勘验（检查）地点', c.place);
  l.field('当事单位', c.enterprise.name + (c.matterRef ? `（${c.matterRef}）` : ''));
  l.field('勘验人', officersText(c.officers));
  l.field('当事人（代理人）', c.partyPresent.name + (c.partyPresent.post ? `（${c.partyPresent.post}）` : ''));
  l.field('见证人', c.witnesses.map((w) => w.name + (w.workUnit ? `（${w.workUnit}）` : '')).join('、'));
  l.gap(4);
  l.para(`我们是本机关执法人员${c.officers.map((o) => o.name).join('、')}，已向当事人出示执法证件，现依法进行勘验（检查）。`);
  l.heading('勘验（检查）对象');
  l.para(c.subject);
  l.heading('勘验（检查）情况');
  for (const p of c.findings.split(/\n+/)) l.para(p);
  l.heading('附：现场照片等证据');
  if (c.evidence.length === 0) l.para('（无）');
  else
    l.table(
      ['序号', '证据', '形成时间', 'SM3 摘要'],
      [1.2, 5, 4, 7],
      c.evidence.map((e, i) => [String(i + 1), `${e.name || '现场照片'}（证据编号${e.id}）`, chineseDateTime(e.takenAt), e.sm3.slice(0, 32)]),
    );
  l.gap(8);
  officerSignatures(l, c.officers);
  l.signature('当事人（签名）', c.partyPresent.name);
  for (const w of c.witnesses) l.signature('见证人（签名）', w.name);
  l.para('　　　　年　　月　　日', { indent: false, align: 'right' });
}

function renderOnSiteMeasure(l: Layout, c: OnSiteMeasureContent, agencyName: string, issuedAt: Date | string): void {
  addressee(l, c.enterprise.name);
  const from = c.inspectionRecordRef ? `（现场检查记录：${c.inspectionRecordRef}）` : '';
  l.para(`${chineseDate(c.inspectedOn)}，本机关执法人员在对你单位${c.place}进行现场检查时${from}，发现你单位存在${c.hazard.major ? '重大事故隐患' : '事故隐患'}：${c.hazard.description}${c.hazard.legalBasis ? `（违反${c.hazard.legalBasis}）` : ''}。`);
  const measures = c.measures.map((m) => onSiteMeasureLabels[m]);
  l.para(`依据${ON_SITE_MEASURE_BASIS}的规定，本机关决定对你单位作出如下现场处理措施：`);
  measures.forEach((m, i) => l.para(`${i + 1}. ${m}${c.measures[i] === 'suspend' && c.scope ? `：${c.scope}` : ''}。`));
  l.para(c.resumeCondition);
  l.para(c.remedies);
  servedFoot(l, c.officers, '被检查单位负责人（签收）', agencyName, issuedAt);
  l.para('本文书一式两份：一份交被检查单位，一份归档。', { size: BODY - 2, indent: false });
}

function renderSeizureDecision(l: Layout, c: SeizureDecisionContent, agencyName: string, issuedAt: Date | string): void {
  const what = seizureMeasureLabels[c.measure] ?? c.measure;
  addressee(l, c.enterprise.name);
  if (c.extension) {
    l.para(`本机关于${chineseDate(c.decidedOn)}对你单位${c.place}的下列物品作出${what}决定（${c.extension.originalNumber}）。因${c.extension.reason}，情况复杂，经本机关负责人批准，依据《中华人民共和国行政强制法》第二十五条第一款的规定，决定将${what}期限延长至${chineseDate(c.extension.until)}。`);
    itemsTable(l, c.items);
  } else {
    l.para(`经查，${c.reason}${c.caseNumber ? `（案号：${c.caseNumber}）` : ''}。`);
    l.para(`依据${SEIZURE_BASIS}的规定，本机关决定对你单位${c.place}的下列物品予以${what}：`);
    itemsTable(l, c.items);
    l.para(`${what}期限为${c.periodDays}日，自${chineseDate(c.decidedOn)}起至${chineseDate(c.until)}止；情况复杂的，经本机关负责人批准，可以延长一次，延长期限不得超过三十日（《中华人民共和国行政强制法》第二十五条第一款）。`);
    l.para(`${what}期间，你单位不得擅自启封、使用、转移、损毁上述物品。${what}的物品由本机关妥善保管，不得使用或者损毁（《中华人民共和国行政强制法》第二十六条）。`);
  }
  l.para(c.remedies);
  servedFoot(l, c.officers, '当事人（签收）', agencyName, issuedAt);
  l.para('本决定书和查封、扣押清单一式两份：一份交当事人，一份归档。', { size: BODY - 2, indent: false });
}

function renderEvidencePreservation(l: Layout, c: EvidencePreservationContent, agencyName: string, issuedAt: Date | string): void {
  addressee(l, c.enterprise.name);
  l.para(`本机关${c.caseNumber ? `在办理案件（案号：${c.caseNumber}）中` : '在调查中'}，因${c.reason}，依据${EVIDENCE_PRESERVATION_BASIS}的规定，经本机关负责人批准，自${chineseDate(c.registeredOn)}起对你单位${c.place}的下列物品先行登记保存：`);
  itemsTable(l, c.items);
  l.para(`本机关将于${chineseDate(c.decideBy)}前（七日内，依照《中华人民共和国行政处罚法》第八十五条，指工作日）对上述物品作出处理决定。在此期间，当事人或者有关人员不得销毁或者转移证据。`);
  servedFoot(l, c.officers, '当事人（签收）', agencyName, issuedAt);
}

const escalationOpenings: Record<'hazard_letter' | 'hazard_bulletin' | 'interview_notice' | 'supervision_notice', string> = {
  hazard_letter: '现将该单位事故隐患逾期未整改的情况函告你单位，请督促其落实整改。',
  hazard_bulletin: '现将该单位事故隐患逾期未整改的情况予以通报。',
  interview_notice: '为督促你单位落实事故隐患整改责任，本机关决定对你单位进行约谈。',
  supervision_notice: '本机关决定对该事故隐患实行挂牌督办。',
};

function renderHazardEscalation(l: Layout, kind: keyof typeof escalationOpenings, c: HazardEscalationContent, agencyName: string, issuedAt: Date | string): void {
  l.para(`${c.recipient.replace(/[：:]$/, '')}：`, { indent: false });
  l.gap(2);
  const h = c.history;
  const order = h.orderNumber ? `本机关于${h.orderDate ? chineseDate(h.orderDate) : ''}以《责令限期整改指令书》（${h.orderNumber}）` : '本机关';
  l.para(`${chineseDate(c.hazard.foundOn)}，本机关在执法检查中发现${c.enterprise.name}存在${c.hazard.major ? '重大事故隐患' : '事故隐患'}：${c.hazard.description}。${order}责令其于${chineseDate(h.firstDeadline)}前整改完毕（整改要求：${c.hazard.requirement}）。`);
  l.heading('整改经过');
  if (h.reinspections.length === 0) l.para('整改期限届满，该单位未报告整改完成。');
  else h.reinspections.forEach((r, i) => l.para(`${i + 1}. ${chineseDate(r.on)}复查：${r.passed ? '合格' : '未整改到位'}。${r.opinion}${r.newDeadline ? `责令继续整改，限于${chineseDate(r.newDeadline)}前完成。` : ''}`));
  l.para(`截至本文书出具之日，该隐患仍未整改到位，已超过整改期限（${chineseDate(h.currentDeadline)}）${h.overdueWorkingDays}个工作日。`);
  l.heading('工作要求');
  l.para(escalationOpenings[kind]);
  if (c.meeting) {
    l.field('约谈时间', chineseDateTime(c.meeting.at));
    l.field('约谈地点', c.meeting.place);
    l.field('参加人员', c.meeting.attendees.join('、'));
  }
  if (c.supervisor) l.field('督办单位', c.supervisor);
  l.para(`${c.requirement}请于${chineseDate(c.requiredBy)}前完成并书面报告本机关。`);
  if (c.contact) l.para(`联系人：${c.contact.person}　联系电话：${c.contact.phone}`);
  l.gap(10);
  l.seal(agencyName, chineseDate(issuedAt));
}

function renderSiteDocument(l: Layout, kind: SiteDocumentKind, c: never, agencyName: string, issuedAt: Date): void {
  switch (kind) {
    case 'interview_record':
      return renderInterviewRecord(l, c, agencyName);
    case 'site_examination_record':
      return renderSiteExamination(l, c);
    case 'on_site_measure_decision':
      return renderOnSiteMeasure(l, c, agencyName, issuedAt);
    case 'seizure_decision':
      return renderSeizureDecision(l, c, agencyName, issuedAt);
    case 'evidence_preservation_notice':
      return renderEvidencePreservation(l, c, agencyName, issuedAt);
    default:
      return renderHazardEscalation(l, kind, c, agencyName, issuedAt);
  }
}
