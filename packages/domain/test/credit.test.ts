import { describe, expect, it } from 'vitest';
import {
  blacklistEntryGrounds,
  blacklistPublicationDue,
  blacklistStatus,
  creditFactActive,
  creditFactFromDecision,
  creditPlanningEffect,
  creditRepairEligibility,
  creditStatusOf,
  drawWeight,
  earlyRemovalProblems,
  objectionAnswerDue,
  objectionProblems,
  pendingBlacklistPublications,
  quarterOf,
  type CreditFact,
  type RepairApplication,
} from '../src/index.js';

const CODE = '91330106MA2KXXXX0X';
const decision = (over: Partial<Parameters<typeof creditFactFromDecision>[0]> = {}) =>
  creditFactFromDecision({ creditCode: CODE, decidedOn: '2026-03-02', procedure: 'general', decisionKind: 'penalty', fine: 30000, sanctions: ['order_correction'], ...over });
const allDone: RepairApplication = { appliedOn: '2026-06-02', obligationsPerformed: true, violationCorrected: true, commitmentSigned: true, noNewSeriousConduct: true };

describe('credit record (R32, R2)', () => {
  it('R32: a general-procedure fine enters the record as general dishonesty, published one year, repairable after three months', () => {
    const f = decision({ caseId: 7, documentNumber: '西湖应急罚〔2026〕3号' });
    expect(f).toMatchObject({ kind: 'penalty', creditCode: CODE, severity: 'general', published: true, publishedUntil: '2027-03-01', repairableFrom: '2026-06-02', affectsCredit: true, source: { caseId: 7, documentNumber: '西湖应急罚〔2026〕3号' } });
    expect(f.summary).toBe('行政处罚（普通程序）：罚款3万元，一般失信行为');
  });

  it('R32: 停产停业整顿, a serious violation or an accident of 较大 or above is serious: published three years, repairable after one', () => {
    expect(decision({ sanctions: ['suspend_for_rectification'] })).toMatchObject({ severity: 'serious', publishedUntil: '2029-03-01', repairableFrom: '2027-03-02' });
    expect(decision({ seriousViolation: true }).severity).toBe('serious');
    expect(decision({ accidentGrade: 'larger', fine: 1500000 }).severity).toBe('serious');
    expect(decision({ accidentGrade: 'general', fine: 500000 }).severity).toBe('general');
  });

  it('R32: a simple-procedure penalty is recorded but not published; 不予处罚 does not affect credit', () => {
    expect(decision({ procedure: 'simple', fine: 2000 })).toMatchObject({ published: false, publishedUntil: null, affectsCredit: true });
    const none = decision({ decisionKind: 'no_penalty', fine: 0, sanctions: [] });
    expect(none).toMatchObject({ kind: 'no_penalty', affectsCredit: false, published: false });
    expect(creditFactActive(none, '2026-03-03')).toBe(false);
  });

  it('R29/R32: credit repair — from the minimum publication period, with the conditions met, answered within 3 working days (across 国庆 2026)', () => {
    const f = decision();
    expect(creditRepairEligibility(f, { ...allDone, appliedOn: '2026-05-01' }).problems).toEqual(['一般失信行为的处罚信息最短公示3个月，2026-06-02起方可申请信用修复']);
    const ok = creditRepairEligibility(f, { ...allDone, appliedOn: '2026-09-30' });
    expect(ok).toEqual({ eligible: true, problems: [], answerDue: '2026-10-10' });
    expect(creditRepairEligibility(f, { ...allDone, obligationsPerformed: false, commitmentSigned: false }).problems).toEqual(['尚未履行行政处罚决定规定的义务（缴纳罚款等）', '请提交信用承诺书']);
    expect(creditRepairEligibility(decision({ procedure: 'simple' }), allDone).problems).toEqual(['该信息未公示，无需信用修复']);
    const repaired: CreditFact = { ...f, repairedOn: '2026-06-05' };
    expect(creditFactActive(f, '2026-06-05')).toBe(true);
    expect(creditFactActive(repaired, '2026-06-05')).toBe(false);
  });

  it('R32: objections need a reason and evidence, and are answered within 5 working days', () => {
    expect(objectionProblems({ receivedOn: '2026-09-29', reason: '有误', evidenceCount: 0 })).toEqual(['请写明异议的事实和理由', '请提供证明材料']);
    expect(objectionProblems({ receivedOn: '2026-09-29', reason: '该处罚决定已被行政复议机关撤销，请更正', evidenceCount: 1 })).toEqual([]);
    expect(objectionAnswerDue('2026-09-29')).toBe('2026-10-12');
  });
});

describe('serious-dishonesty list (黑名单, R32)', () => {
  it('R32: entry grounds — a major accident, two 较大 accidents within 12 months, concealment, refused execution', () => {
    expect(blacklistEntryGrounds({ accidents: [] }, '2026-12-31')).toEqual([]);
    expect(blacklistEntryGrounds({ accidents: [{ occurredOn: '2026-05-01', grade: 'major', responsible: true }] }, '2026-12-31').map((g) => g.id)).toEqual(['major_accident']);
    expect(blacklistEntryGrounds({ accidents: [{ occurredOn: '2026-05-01', grade: 'major', responsible: false }] }, '2026-12-31')).toEqual([]);
    const twoLarger = [
      { occurredOn: '2026-01-10', grade: 'larger' as const, responsible: true },
      { occurredOn: '2027-01-09', grade: 'larger' as const, responsible: true },
    ];
    expect(blacklistEntryGrounds({ accidents: twoLarger }, '2027-02-01').map((g) => g.id)).toEqual(['two_larger_accidents']);
    expect(blacklistEntryGrounds({ accidents: [twoLarger[0]!, { ...twoLarger[1]!, occurredOn: '2027-01-10' }] }, '2027-02-01')).toEqual([]);
    const g = blacklistEntryGrounds({ accidents: [{ occurredOn: '2026-05-01', grade: 'general', responsible: true, concealed: true }], refusedExecution: true }, '2026-12-31');
    expect(g.map((x) => x.id)).toEqual(['concealed_accident', 'refused_execution']);
    expect(g[1]!.basis).toBe('《安全生产严重失信主体名单管理办法》（应急管理部令第11号）未发生生产安全事故情形第（三）项');
    expect(blacklistEntryGrounds({ accidents: [], otherSeriousReason: '被提请关闭（《安全生产法》第一百一十三条）' }, '2026-12-31').map((x) => x.id)).toEqual(['other_serious']);
  });

  it('R32: listed for three years; early removal may be applied for after 12 months, with the conditions met', () => {
    const l = { listedOn: '2026-01-15' };
    expect(blacklistStatus(l, '2027-01-14')).toEqual({ active: true, expiresOn: '2029-01-14', earlyRemovalFrom: '2027-01-15', canApplyEarly: false });
    expect(blacklistStatus(l, '2027-01-15').canApplyEarly).toBe(true);
    expect(blacklistStatus(l, '2029-01-15').active).toBe(false);
    expect(earlyRemovalProblems(l, { ...allDone, appliedOn: '2026-12-01' })).toEqual(['列入严重失信主体名单满12个月后（2027-01-15起）方可申请提前移出']);
    expect(earlyRemovalProblems(l, { ...allDone, appliedOn: '2027-02-01' })).toEqual([]);
    expect(earlyRemovalProblems(l, { ...allDone, appliedOn: '2027-02-01', noNewSeriousConduct: false })).toEqual(['期间又发生严重失信行为的，不予修复']);
    expect(blacklistStatus({ ...l, removedOn: '2027-02-05' }, '2027-03-01').active).toBe(false);
    expect(blacklistStatus({ ...l, removedOn: '2027-02-05', earlyRemovalRevoked: true }, '2027-03-01').active).toBe(true);
  });

  it('R32: the list is published every quarter — quarter of a date, due by the 10th working day after the quarter (国庆 2026)', () => {
    expect(quarterOf('2026-08-15')).toEqual({ year: 2026, quarter: 3, start: '2026-07-01', end: '2026-09-30', label: '2026年第三季度', key: '2026Q3' });
    expect(quarterOf('2026-12-31')).toMatchObject({ quarter: 4, start: '2026-10-01', end: '2026-12-31' });
    expect(quarterOf('2026-01-01')).toMatchObject({ quarter: 1, end: '2026-03-31', label: '2026年第一季度' });
    expect(blacklistPublicationDue({ year: 2026, quarter: 3 })).toBe('2026-10-20');
    const pending = pendingBlacklistPublications(new Set(['2026Q1']), '2026-01-01', '2026-10-21');
    expect(pending.map((p) => [p.quarter.key, p.due, p.overdue])).toEqual([
      ['2026Q2', '2026-07-14', true],
      ['2026Q3', '2026-10-20', true],
    ]);
    expect(pendingBlacklistPublications(new Set(['2025Q4']), '2025-10-01', '2026-01-05').map((p) => p.quarter.key)).toEqual([]);
  });
});

describe('credit status and planning (R32 → R3, R7, R9)', () => {
  it('R32: blacklist before dishonest before normal before trustworthy; repaired and expired facts stop counting', () => {
    const general = decision();
    const serious = decision({ sanctions: ['suspend_for_rectification'] });
    expect(creditStatusOf([], [], '2026-06-01')).toEqual({ status: 'trustworthy', reasons: ['近3年内无违法失信记录'] });
    expect(creditStatusOf([general], [], '2026-06-01').status).toBe('normal');
    expect(creditStatusOf([general, serious], [], '2026-06-01').status).toBe('dishonest');
    expect(creditStatusOf([general, serious], [{ listedOn: '2026-04-01' }], '2026-06-01').status).toBe('blacklist');
    expect(creditStatusOf([{ ...serious, repairedOn: '2027-03-10' }], [], '2027-04-01').status).toBe('normal');
    // three years later with nothing new: trustworthy again
    expect(creditStatusOf([general], [], '2029-03-03').status).toBe('trustworthy');
    expect(creditStatusOf([general], [], '2028-03-01')).toEqual({ status: 'normal', reasons: ['近3年内有1条信用记录'] });
  });

  it('R9/R7: the planning effect of a status is the planning module’s own (key target, draw weight)', () => {
    expect(creditPlanningEffect('blacklist')).toMatchObject({ keyTarget: true, drawWeightFactor: 3 });
    expect(creditPlanningEffect('dishonest')).toMatchObject({ keyTarget: true, drawWeightFactor: 2 });
    expect(creditPlanningEffect('normal')).toMatchObject({ keyTarget: false, drawWeightFactor: 1 });
    expect(creditPlanningEffect('trustworthy')).toMatchObject({ keyTarget: false, drawWeightFactor: 0.6 });
    expect(creditPlanningEffect('blacklist').measures).toContain('每季度公布名单');
    // same as planning's weight for an enterprise that differs only in credit
    const e = { id: 1, name: 'x', regionCode: '330106', industry: 'industry_trade' as const, riskCode: 'blue' as const, hazardSourceCount: 0, majorHazardSourceCount: 0, standardizationLevel: 'none' as const, fatalAccidents3y: 1, nonSiteMonitored: false, supervisingAgencyId: 1 };
    expect(drawWeight({ ...e, creditStatus: 'dishonest' }).weight / drawWeight({ ...e, creditStatus: 'normal' }).weight).toBeCloseTo(creditPlanningEffect('dishonest').drawWeightFactor, 9);
  });
});
