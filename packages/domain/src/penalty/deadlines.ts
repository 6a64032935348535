// R27–R29, R38: the statutory periods of a penalty case, on the official calendar. 《中华人民共和国行政处罚法》（2021年
// 修订）第八十五条: 本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日 — so those periods are counted in
// working days (with 调休), the others (九十日, 十五日) in calendar days. A party's calendar-day period whose last day is
// not a working day ends on the next working day (the 期间 rule of the 《民事诉讼法》, which courts apply to
// administrative periods); the agency's own deadlines do not roll over. Also the detection rules of 《安全生产法》
// 第一百一十二条 (按日连续处罚) and 第一百一十三条 (提请关闭) over an enterprise's past penalties.
import { addDays, addWorkingDays, assertIsoDate, workingCalendar, workingDaysBetween, type IsoDate } from '../calendar/workingDays.js';
import { formatYuan } from './catalogue.js';
import { addMonthsClamped, calendarDaysBetween, defaultPenaltyDeadlineConfig, penaltyPeriods, periodDue, type PenaltyDeadlineConfig, type PenaltyPeriodId } from './periods.js';

export * from './periods.js';

const P = (id: PenaltyPeriodId, cfg?: PenaltyDeadlineConfig) => penaltyPeriods(cfg)[id];
/** A period's last day on the calendar in force in this process. */
const lastDay = (p: Parameters<typeof periodDue>[0], from: IsoDate): IsoDate => periodDue(p, from, workingCalendar());

/** R27: last day for the statement and defence (陈述、申辩) — practice, see the period's note. */
export function statementDefenseDue(notifiedOn: IsoDate, cfg?: PenaltyDeadlineConfig): IsoDate {
  return lastDay(P('statement_defense', cfg), notifiedOn);
}

/** R27/R28: last day to ask for a hearing — 5 working days after notification (行政处罚法 第六十四条、第八十五条). */
export function hearingRequestDue(notifiedOn: IsoDate): IsoDate {
  return lastDay(P('hearing_request'), notifiedOn);
}

/** The latest day the hearing may be notified: at least 7 working days before it (第六十四条第（二）项). */
export function latestHearingNoticeDate(hearingOn: IsoDate): IsoDate {
  assertIsoDate(hearingOn);
  let d = addDays(hearingOn, -1);
  while (addWorkingDays(d, 7) > hearingOn) d = addDays(d, -1);
  return d;
}

/** The earliest day a hearing notified on `noticeOn` may be held: seven working days later (第六十四条第（二）项、第八十五条). */
export function earliestHearingDate(noticeOn: IsoDate): IsoDate {
  return addWorkingDays(assertIsoDate(noticeOn), 7);
}

export function hearingNoticeProblems(noticeOn: IsoDate, hearingOn: IsoDate): string[] {
  const latest = latestHearingNoticeDate(hearingOn);
  return noticeOn > latest ? [`听证应当在举行的七个工作日前通知当事人：${hearingOn}举行的听证最迟应于${latest}通知（《行政处罚法》第六十四条）`] : [];
}

/** R38: decision due 90 days after opening (第六十条); `extensionDays` when an approved extension applies. */
export function decisionDue(openedOn: IsoDate, cfg?: PenaltyDeadlineConfig, extensionDays = 0): IsoDate {
  return addDays(lastDay(P('decision', cfg), openedOn), extensionDays);
}

/** Service: on the spot when the party is present at the announcement, else within 7 working days (第六十一条). */
export function serviceDue(decidedOn: IsoDate, presentAtAnnouncement: boolean): IsoDate {
  return presentAtAnnouncement ? assertIsoDate(decidedOn) : lastDay(P('service'), decidedOn);
}

/** Payment within 15 days of receiving the decision (第六十七条); a last day off work moves to the next working day. */
export function paymentDue(receivedOn: IsoDate): IsoDate {
  return lastDay(P('payment'), receivedOn);
}

/** A late-payment surcharge (加处罚款) as of a day. */
export interface LatePaymentSurcharge {
  /** the days counted: after the due day, up to and including `paidOrToday`, less the suspended days */
  days: number;
  /** yuan, to the fen; never more than the fine */
  amount: number;
  /** 3% of the fine, yuan to the fen */
  perDay: number;
  /** the surcharge has reached the fine and grows no more */
  capped: boolean;
}

/**
 * 《行政处罚法》第七十二条第一款第（一）项: 到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的
 * 数额. Counted day by day from the day after the due day; `suspendedDays` are the days of reconsideration or litigation,
 * which are not counted (第七十三条第三款). Computed in fen so 3% of any whole-yuan fine is exact (the amount was once
 * rounded to the yuan, losing the fen of fines not divisible by 100).
 */
export function latePaymentSurcharge(fine: number, dueOn: IsoDate, paidOrToday: IsoDate, suspendedDays = 0): LatePaymentSurcharge {
  const days = Math.max(0, calendarDaysBetween(dueOn, paidOrToday) - suspendedDays);
  const fineFen = Math.round(fine * 100);
  const perDayFen = Math.round(fineFen * 0.03);
  const fen = Math.min(fineFen, perDayFen * days);
  return { days, amount: fen / 100, perDay: perDayFen / 100, capped: days > 0 && fen >= fineFen };
}

/** The rule as the decision states it (the cap included). */
export const LATE_PAYMENT_RULE = '到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额（《中华人民共和国行政处罚法》第七十二条第一款第（一）项）';

/**
 * R29: the decision is published by the earlier of 7 working days (《安全生产法》第七十八条第二款) and 15 days (《监管执法年方案》二（二）)
 * after the decision — both configurable.
 */
export function publicationDue(decidedOn: IsoDate, cfg: PenaltyDeadlineConfig = defaultPenaltyDeadlineConfig): { due: IsoDate; byWorkingDays: IsoDate; byCalendarDays: IsoDate; rule: PenaltyPeriodId } {
  const byWorkingDays = lastDay(P('publication_working', cfg), decidedOn);
  const byCalendarDays = lastDay(P('publication_calendar', cfg), decidedOn);
  return byWorkingDays <= byCalendarDays ? { due: byWorkingDays, byWorkingDays, byCalendarDays, rule: 'publication_working' } : { due: byCalendarDays, byWorkingDays, byCalendarDays, rule: 'publication_calendar' };
}

/** R29: a credit-repair application is answered within 3 working days (济南《九条措施》第七条“三是”). */
export function creditRepairAnswerDue(receivedOn: IsoDate, cfg?: PenaltyDeadlineConfig): IsoDate {
  return lastDay(P('credit_repair_answer', cfg), receivedOn);
}

/** Evidence registered for preservation is decided on within 7 working days (第五十六条). */
export function evidencePreservationDue(registeredOn: IsoDate): IsoDate {
  return lastDay(P('evidence_preservation'), registeredOn);
}

/**
 * 查封、扣押 last at most 30 days from the decision (《行政强制法》第二十五条第一款); extended once, by at most 30 more
 * days, when the agency's head approves it for a complex case. Calendar days (第六十九条 makes only 十日以内 working days).
 */
export function seizureDue(decidedOn: IsoDate, extended = false): IsoDate {
  const first = lastDay(P('seizure'), decidedOn);
  return extended ? lastDay(P('seizure_extension'), first) : first;
}

/** Why an extension of a 查封、扣押 is refused (empty: it may be granted): once only, before the period ends, with reasons. */
export function seizureExtensionProblems(s: { decidedOn: IsoDate; alreadyExtended: boolean; on: IsoDate; reason: string }): string[] {
  const p: string[] = [];
  if (s.alreadyExtended) p.push('查封、扣押期限只能延长一次（《行政强制法》第二十五条第一款）');
  else if (s.on > seizureDue(s.decidedOn)) p.push(`查封、扣押期限已于${seizureDue(s.decidedOn)}届满，不能再延长`);
  if (s.reason.trim().length < 4) p.push('延长查封、扣押期限须写明理由（情况复杂）');
  return p;
}

/** The remedies printed on the decision (R27): reconsideration 60 days, litigation 6 months. */
export function remedyDeadlines(receivedOn: IsoDate): { reconsideration: IsoDate; litigation: IsoDate } {
  return { reconsideration: lastDay(P('reconsideration'), receivedOn), litigation: lastDay(P('litigation'), receivedOn) };
}

export interface Countdown {
  due: IsoDate;
  /** calendar days from today to the due day (0 on the day, negative when overdue) */
  daysLeft: number;
  /** working days after today up to and including the due day (negative when overdue) */
  workingDaysLeft: number;
  overdue: boolean;
  dueToday: boolean;
}

/** For lists and reminders: how much time is left until `due` (the due day itself is still in time). */
export function countdown(due: IsoDate, today: IsoDate): Countdown {
  const daysLeft = calendarDaysBetween(today, due);
  return { due, daysLeft, workingDaysLeft: workingDaysBetween(today, due), overdue: today > due, dueToday: today === due };
}

// ---------- 《安全生产法》第一百一十二条、第一百一十三条 ----------

/** An enterprise's past penalty, as the detection rules need it. */
export interface PastPenalty {
  id?: string | number;
  decidedOn: IsoDate;
  /** a penalty under the 《安全生产法》 (第一百一十三条 counts only these) */
  underWorkSafetyLaw: boolean;
  /** the penalised matter involved a 重大事故隐患 */
  majorHazard: boolean;
  fine: number;
  /** 责令改正: when ordered and the deadline set */
  correctionOrderedOn?: IsoDate | null;
  correctionDeadline?: IsoDate | null;
  /** when the correction was verified (复查合格) */
  correctedOn?: IsoDate | null;
  /** a reinspection found the order refused (拒不改正) before the deadline */
  refusedCorrection?: boolean;
}

export interface DailyPenaltyCandidate {
  penaltyId?: string | number;
  /** the day after the correction order (自作出责令改正之日的次日起) */
  from: IsoDate;
  /** the last day counted: the day before correction, or today */
  until: IsoDate;
  days: number;
  /** the original fine (原处罚数额) */
  perDay: number;
  amount: number;
  text: string;
}

/**
 * 《安全生产法》第一百一十二条: a fined enterprise that refuses to correct may be fined the original amount again for
 * every day from the day after the correction order. Refusal: a reinspection recorded it, or the deadline passed
 * without a verified correction. The department "可以" — these are candidates for its decision, not automatic fines.
 */
export function dailyPenaltyCandidates(history: readonly PastPenalty[], today: IsoDate): DailyPenaltyCandidate[] {
  const out: DailyPenaltyCandidate[] = [];
  for (const p of history) {
    if (!(p.fine > 0) || !p.correctionOrderedOn) continue;
    const deadlinePassed = !!p.correctionDeadline && today > p.correctionDeadline && (!p.correctedOn || p.correctedOn > p.correctionDeadline);
    if (!p.refusedCorrection && !deadlinePassed) continue;
    const from = addDays(p.correctionOrderedOn, 1);
    const until = p.correctedOn ? addDays(p.correctedOn, -1) : today;
    const days = Math.max(0, calendarDaysBetween(from, until) + 1);
    if (days === 0) continue;
    out.push({
      ...(p.id !== undefined ? { penaltyId: p.id } : {}),
      from,
      until,
      days,
      perDay: p.fine,
      amount: days * p.fine,
      text: `被责令改正且受到罚款处罚，拒不改正：可以自${from}起按照原处罚数额${formatYuan(p.fine)}按日连续处罚，至${until}共${days}日，计${formatYuan(days * p.fine)}（《安全生产法》第一百一十二条）`,
    });
  }
  return out;
}

export const closureGroundIds = ['major_hazard_repeat', 'unsafe_after_suspension', 'major_accident_without_conditions', 'refused_suspension'] as const;
export type ClosureGroundId = (typeof closureGroundIds)[number];
export const closureGroundLabels: Record<ClosureGroundId, string> = {
  major_hazard_repeat: '存在重大事故隐患，一百八十日内三次或者一年内四次受到本法规定的行政处罚',
  unsafe_after_suspension: '经停产停业整顿，仍不具备法律、行政法规和国家标准或者行业标准规定的安全生产条件',
  major_accident_without_conditions: '不具备法律、行政法规和国家标准或者行业标准规定的安全生产条件，导致发生重大、特别重大生产安全事故',
  refused_suspension: '拒不执行负有安全生产监督管理职责的部门作出的停产停业整顿决定',
};
const CLAUSE: Record<ClosureGroundId, string> = { major_hazard_repeat: '（一）', unsafe_after_suspension: '（二）', major_accident_without_conditions: '（三）', refused_suspension: '（四）' };

export interface ClosureGround {
  ground: ClosureGroundId;
  clause: string;
  text: string;
  /** for 第（一）项: the penalties that make the count, and their window */
  penaltyIds?: (string | number)[];
  window?: { from: IsoDate; to: IsoDate; count: number; span: '180_days' | 'one_year' };
}

function addOneYear(d: IsoDate): IsoDate {
  return addMonthsClamped(d, 12);
}

/**
 * 《安全生产法》第一百一十三条: grounds for proposing closure (提请地方人民政府予以关闭). Item (一) is detected from the
 * history — penalties under the 《安全生产法》 for a matter involving a 重大事故隐患, three whose first and last decisions
 * lie within 180 days (last − first ≤ 179 days) or four within one year (last before the anniversary of the first),
 * decided on or before `today`; the latest such window is reported. Items (二)–(四) come from facts the caller records.
 */
export function closureGrounds(history: readonly PastPenalty[], facts: { unsafeAfterSuspension?: boolean; majorAccidentWithoutConditions?: boolean; refusedSuspension?: boolean }, today: IsoDate): ClosureGround[] {
  const out: ClosureGround[] = [];
  const hits = history.filter((p) => p.underWorkSafetyLaw && p.majorHazard && p.decidedOn <= today).sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : a.decidedOn > b.decidedOn ? 1 : 0));
  let best: ClosureGround['window'] & { ids: (string | number)[] } | undefined;
  for (let i = 0; i < hits.length; i++) {
    const a = hits[i]!;
    const c3 = hits[i + 2];
    if (c3 && calendarDaysBetween(a.decidedOn, c3.decidedOn) <= 179) {
      const w = { from: a.decidedOn, to: c3.decidedOn, count: 3, span: '180_days' as const, ids: hits.slice(i, i + 3).flatMap((h) => (h.id !== undefined ? [h.id] : [])) };
      if (!best || w.to >= best.to) best = w;
    }
    const c4 = hits[i + 3];
    if (c4 && c4.decidedOn < addOneYear(a.decidedOn)) {
      const w = { from: a.decidedOn, to: c4.decidedOn, count: 4, span: 'one_year' as const, ids: hits.slice(i, i + 4).flatMap((h) => (h.id !== undefined ? [h.id] : [])) };
      if (!best || w.to >= best.to) best = w;
    }
  }
  const push = (ground: ClosureGroundId, extra: Partial<ClosureGround> = {}) =>
    out.push({ ground, clause: `《安全生产法》第一百一十三条第${CLAUSE[ground]}项`, text: `${closureGroundLabels[ground]}，应当提请地方人民政府予以关闭，有关部门依法吊销其有关证照`, ...extra });
  if (best) {
    const { ids, ...window } = best;
    push('major_hazard_repeat', { penaltyIds: ids, window, text: `存在重大事故隐患，${window.from}至${window.to}期间${window.span === '180_days' ? '一百八十日内三次' : '一年内四次'}受到本法规定的行政处罚，应当提请地方人民政府予以关闭，有关部门依法吊销其有关证照` });
  }
  if (facts.unsafeAfterSuspension) push('unsafe_after_suspension');
  if (facts.majorAccidentWithoutConditions) push('major_accident_without_conditions');
  if (facts.refusedSuspension) push('refused_suspension');
  return out;
}
