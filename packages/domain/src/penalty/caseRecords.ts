// R27/R28/R29/R35 (issue #17): the facts the case file records so that its procedure documents can be generated from
// them — 送达 (method, recipient, place, witness; 电子送达 only with the party's written consent), the hearing's notice
// and record (听证通知书, 听证笔录) and the legal review's points (法制审核意见书). No imports but types: browser-safe.
import type { IsoDate } from '../calendar/workingDays.js';

// ---------- 送达 (《行政处罚法》第六十一条, 《民事诉讼法》第八十七条–第九十五条) ----------

export const serviceMethods = ['direct', 'left_at_premises', 'mail', 'entrusted', 'electronic', 'public_notice'] as const;
export type ServiceMethod = (typeof serviceMethods)[number];
export const serviceMethodLabels: Record<ServiceMethod, string> = {
  direct: '直接送达',
  left_at_premises: '留置送达',
  mail: '邮寄送达',
  entrusted: '委托送达',
  electronic: '电子送达',
  public_notice: '公告送达',
};

/** How a decision was served, as the officer records it. */
export interface ServiceFacts {
  /** the day served (default: today) */
  servedOn?: IsoDate;
  method: ServiceMethod;
  /** 受送达人: the party (a unit: the unit's name) */
  recipient: string;
  /** 签收人, when not the recipient itself (e.g. the unit's office clerk), with the relation to the recipient */
  signer?: { name: string; relation: string } | null;
  /** 送达地点 (for 邮寄送达 the address posted to; for 电子送达 the electronic address; for 公告送达 where published) */
  place: string;
  /** 留置送达: the witness (见证人) who saw the documents left at the premises */
  witness?: { name: string; position?: string } | null;
  /** 电子送达: the day the party signed the 送达地址确认书 agreeing to electronic service (第六十一条) */
  electronicConsentOn?: IsoDate | null;
  /** 委托送达: the body entrusted; 邮寄送达: the postal tracking number — free text shown under 备注 */
  note?: string | null;
}

/** The problems of a service record ([] = it may be recorded); `decidedOn` bounds the service day from below. */
export function serviceProblems(s: ServiceFacts, today: IsoDate, decidedOn?: IsoDate | null): string[] {
  const p: string[] = [];
  const on = s.servedOn ?? today;
  if (!(serviceMethods as readonly string[]).includes(s.method)) p.push('送达方式应为直接送达、留置送达、邮寄送达、委托送达、电子送达或公告送达');
  if (!s.recipient?.trim()) p.push('请填写受送达人');
  if (!s.place?.trim()) p.push(s.method === 'electronic' ? '请填写电子送达地址' : '请填写送达地点');
  if (on > today) p.push('送达日期不能晚于今天');
  if (decidedOn && on < decidedOn) p.push(`送达日期不能早于决定日期（${decidedOn}）`);
  if (s.signer && (!s.signer.name?.trim() || !s.signer.relation?.trim())) p.push('代为签收的，请填写签收人姓名及其与受送达人的关系');
  if (s.method === 'left_at_premises' && !s.witness?.name?.trim()) p.push('留置送达须有见证人在场，请填写见证人姓名（《民事诉讼法》第八十九条）');
  if (s.method === 'electronic') {
    if (!s.electronicConsentOn) p.push('当事人未书面同意电子送达：采用传真、电子邮件等方式送达的，须当事人同意并签订确认书（《行政处罚法》第六十一条），请改用其他送达方式或者先登记当事人签订确认书的日期');
    else if (s.electronicConsentOn > on) p.push('当事人签订电子送达确认书的日期不能晚于送达日期');
  }
  return p;
}

// ---------- 听证 (《行政处罚法》第六十四条) ----------

/** What the 听证通知书 states beyond the dates the hearing record already holds. */
export interface HearingNoticeFacts {
  /** 举行听证的时间 "HH:mm" (Beijing time) */
  time: string;
  place: string;
  /** 听证员 (names), 记录员 (name); the 主持人 is the hearing's hostId */
  panelists: readonly string[];
  clerk: string;
}

/** What the 听证笔录 records. */
export interface HearingMinutes {
  /** the party appeared; false: it did not appear or left without permission (视为放弃, 第六十四条第（六）项) */
  attended: boolean;
  /** those who appeared for the party: 法定代表人 / 委托代理人 … */
  partyAttendees: readonly { name: string; role: string }[];
  /** 调查人员提出的违法事实、证据和行政处罚建议 */
  investigatorCase: string;
  /** 当事人的陈述和申辩 */
  partyStatement: string;
  /** 质证情况 */
  crossExamination: string;
  /** 最后陈述 of the investigators and of the party */
  finalStatements: string;
  /** 当事人未出席的情况 (when attended is false) */
  absenceNote?: string | null;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function hearingNoticeFactsProblems(n: HearingNoticeFacts): string[] {
  const p: string[] = [];
  if (!TIME.test(n.time ?? '')) p.push('请填写举行听证的时间（如 09:30）');
  if (!n.place?.trim()) p.push('请填写听证地点');
  if (!n.clerk?.trim()) p.push('请填写记录员');
  if ((n.panelists ?? []).some((x) => !x.trim())) p.push('听证员姓名不能为空');
  return p;
}

export function hearingMinutesProblems(m: HearingMinutes): string[] {
  const p: string[] = [];
  if (m.attended) {
    if (!m.partyAttendees?.length || m.partyAttendees.some((a) => !a.name?.trim() || !a.role?.trim())) p.push('请填写出席听证的当事人或其代理人（姓名、身份）');
    const need: [keyof HearingMinutes, string][] = [
      ['investigatorCase', '调查人员提出的违法事实、证据和处罚建议'],
      ['partyStatement', '当事人的陈述和申辩'],
      ['crossExamination', '质证情况'],
      ['finalStatements', '最后陈述'],
    ];
    for (const [k, label] of need) if (String(m[k] ?? '').trim().length < 2) p.push(`请记录${label}`);
  } else if (String(m.absenceNote ?? '').trim().length < 4) p.push('请写明当事人未出席听证（或者未经许可中途退出）的情况');
  return p;
}

// ---------- 法制审核 (《行政处罚法》第五十八条; 国办发〔2018〕118号 审核内容) ----------

export const legalReviewAspects = ['subject', 'authority', 'facts', 'evidence', 'basis', 'procedure', 'discretion'] as const;
export type LegalReviewAspect = (typeof legalReviewAspects)[number];
export const legalReviewAspectLabels: Record<LegalReviewAspect, string> = {
  subject: '执法主体是否合法',
  authority: '是否超越本机关执法权限',
  facts: '违法事实是否清楚',
  evidence: '证据是否合法充分',
  basis: '适用法律依据是否准确',
  procedure: '执法程序是否合法',
  discretion: '行政裁量是否适当',
};
/** An opinion is written, never a bare click: "同意" is the shortest an approval may be. */
export const LEGAL_REVIEW_OPINION_MIN = 2;
