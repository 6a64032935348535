import { describe, expect, it } from 'vitest';
import {
  availablePenaltyActions,
  penaltyActionRoles,
  penaltyCaseActions,
  penaltyPartyActions,
  chosenAmountProblems,
  closureGrounds,
  combinePenalties,
  countdown,
  dailyPenaltyCandidates,
  decisionDue,
  defaultDiscretionCatalogue as catalogue,
  defaultMajorCaseThresholds,
  discretionCatalogueProblems,
  discretionTiers,
  findDiscretionItem,
  hearingNoticeProblems,
  hearingRequestDue,
  hearingRightReasons,
  isWorkingDay,
  latePaymentSurcharge,
  latestHearingNoticeDate,
  addDays,
  earliestHearingDate,
  reconsiderationBody,
  remediesText,
  articleClauses,
  reasoningWithAmount,
  statementAnswerProblems,
  majorCaseReasons,
  nextPenaltyStatus,
  paymentDue,
  missingClauseProblem,
  proposeDiscretion,
  publicationDue,
  quartileTiers,
  rangesOf,
  rectificationOnlyProblems,
  remedyDeadlines,
  serviceDue,
  simpleProcedureProblems,
  statementDefenseDue,
  tierOf,
  transitionProblems,
  type DiscretionItem,
  type PastPenalty,
  type PenaltyActor,
  type PenaltyCaseAction,
  type PenaltyCaseState,
  type ViolationFacts,
} from '../src/index.js';

const item = (code: string): DiscretionItem => {
  const i = findDiscretionItem(catalogue, code);
  if (!i) throw new Error(`no item ${code}`);
  return i;
};

// ---------- the catalogue against the statute ----------

/**
 * The statutory amounts of 《安全生产法》（2021年修正）第六章, written here from the statute's text (not from the
 * catalogue): [item code, min, max, unit, the words of the article that set it].
 */
const STATUTE: [string, number, number, 'yuan' | 'percent', string][] = [
  ['aq092-1.initial.institution', 30000, 100000, 'yuan', '并处三万元以上十万元以下的罚款'],
  ['aq092-2.initial.responsible', 50000, 100000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款'],
  ['aq093-2.accident.investor', 20000, 200000, 'yuan', '对个人经营的投资人处二万元以上二十万元以下的罚款'],
  ['aq094.initial.principal', 20000, 50000, 'yuan', '责令限期改正，处二万元以上五万元以下的罚款'],
  ['aq094.overdue.principal', 50000, 100000, 'yuan', '逾期未改正的，处五万元以上十万元以下的罚款'],
  ['aq095.accident.principal.general', 40, 40, 'percent', '发生一般事故的，处上一年年收入百分之四十的罚款'],
  ['aq095.accident.principal.larger', 60, 60, 'percent', '发生较大事故的，处上一年年收入百分之六十的罚款'],
  ['aq095.accident.principal.major', 80, 80, 'percent', '发生重大事故的，处上一年年收入百分之八十的罚款'],
  ['aq095.accident.principal.especially_major', 100, 100, 'percent', '发生特别重大事故的，处上一年年收入百分之一百的罚款'],
  ['aq096.initial.other_manager', 10000, 30000, 'yuan', '责令限期改正，处一万元以上三万元以下的罚款'],
  ['aq096.accident.other_manager', 20, 50, 'percent', '并处上一年年收入百分之二十以上百分之五十以下的罚款'],
  ['aq097.initial.unit', 0, 100000, 'yuan', '责令限期改正，处十万元以下的罚款'],
  ['aq097.overdue.unit', 100000, 200000, 'yuan', '逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款'],
  ['aq097.overdue.responsible', 20000, 50000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款'],
  ['aq098.initial.unit', 100000, 500000, 'yuan', '并处十万元以上五十万元以下的罚款'],
  ['aq098.initial.responsible', 20000, 50000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款'],
  ['aq098.overdue.unit', 500000, 1000000, 'yuan', '逾期未改正的，处五十万元以上一百万元以下的罚款'],
  ['aq098.overdue.responsible', 50000, 100000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款'],
  ['aq099.initial.unit', 0, 50000, 'yuan', '责令限期改正，处五万元以下的罚款'],
  ['aq099.overdue.unit', 50000, 200000, 'yuan', '逾期未改正的，处五万元以上二十万元以下的罚款'],
  ['aq099.overdue.responsible', 10000, 20000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款'],
  ['aq101.initial.unit', 0, 100000, 'yuan', '责令限期改正，处十万元以下的罚款'],
  ['aq101.overdue.unit', 100000, 200000, 'yuan', '责令停产停业整顿，并处十万元以上二十万元以下的罚款'],
  ['aq101.overdue.responsible', 20000, 50000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款'],
  ['aq102.initial.unit', 0, 50000, 'yuan', '责令立即消除或者限期消除，处五万元以下的罚款'],
  ['aq102.refused.responsible', 50000, 100000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款'],
  ['aq103-1.initial.responsible', 10000, 20000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款'],
  ['aq103-2.initial.unit', 0, 50000, 'yuan', '责令限期改正，处五万元以下的罚款'],
  ['aq103-2.initial.responsible', 0, 10000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款'],
  ['aq103-3.initial.unit', 0, 100000, 'yuan', '责令限期改正，处十万元以下的罚款'],
  ['aq103-3.initial.responsible', 0, 20000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处二万元以下的罚款'],
  ['aq103-3.qualification.responsible', 50000, 100000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款'],
  ['aq104.initial.unit', 0, 50000, 'yuan', '责令限期改正，处五万元以下的罚款'],
  ['aq104.initial.responsible', 0, 10000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款'],
  ['aq105.initial.unit', 0, 50000, 'yuan', '责令限期改正，处五万元以下的罚款'],
  ['aq105.initial.responsible', 0, 10000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款'],
  ['aq106.initial.principal', 20000, 100000, 'yuan', '对生产经营单位的主要负责人、个人经营的投资人处二万元以上十万元以下的罚款'],
  ['aq106.initial.investor', 20000, 100000, 'yuan', '对生产经营单位的主要负责人、个人经营的投资人处二万元以上十万元以下的罚款'],
  ['aq108.refused.unit', 20000, 200000, 'yuan', '拒不改正的，处二万元以上二十万元以下的罚款'],
  ['aq108.refused.responsible', 10000, 20000, 'yuan', '对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款'],
  ['aq109.initial.unit', 50000, 100000, 'yuan', '责令限期改正，处五万元以上十万元以下的罚款'],
  ['aq109.overdue.unit', 100000, 200000, 'yuan', '逾期未改正的，处十万元以上二十万元以下的罚款'],
  ['aq110-1.accident.principal', 60, 100, 'percent', '处上一年年收入百分之六十至百分之一百的罚款'],
  ['aq110-2.accident.principal', 60, 100, 'percent', '依照前款规定处罚'],
  ['aq114-1.accident.unit.general', 300000, 1000000, 'yuan', '发生一般事故的，处三十万元以上一百万元以下的罚款'],
  ['aq114-1.accident.unit.larger', 1000000, 2000000, 'yuan', '发生较大事故的，处一百万元以上二百万元以下的罚款'],
  ['aq114-1.accident.unit.major', 2000000, 10000000, 'yuan', '发生重大事故的，处二百万元以上一千万元以下的罚款'],
  ['aq114-1.accident.unit.especially_major', 10000000, 20000000, 'yuan', '发生特别重大事故的，处一千万元以上二千万元以下的罚款'],
  // 第一百一十四条第二款: 前款罚款数额的二倍以上五倍以下 — 2 × the minimum to 5 × the maximum of each grade
  ['aq114-2.aggravated.unit.general', 600000, 5000000, 'yuan', '可以按照前款罚款数额的二倍以上五倍以下'],
  ['aq114-2.aggravated.unit.larger', 2000000, 10000000, 'yuan', '可以按照前款罚款数额的二倍以上五倍以下'],
  ['aq114-2.aggravated.unit.major', 4000000, 50000000, 'yuan', '可以按照前款罚款数额的二倍以上五倍以下'],
  ['aq114-2.aggravated.unit.especially_major', 20000000, 100000000, 'yuan', '可以按照前款罚款数额的二倍以上五倍以下'],
];

describe('discretion catalogue ', () => {
  it('R25: the catalogue is versioned, valid, and covers at least 15 penalty articles of 《安全生产法》 第六章', () => {
    expect(catalogue.version).toBe(1);
    expect(catalogue.effectiveFrom).toBe('2021-09-01');
    expect(discretionCatalogueProblems(catalogue.items)).toEqual([]);
    const articles = [...new Set(catalogue.items.map((i) => i.article))].sort((a, b) => a - b);
    expect(articles).toEqual([92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 108, 109, 110, 112, 113, 114]);
    expect(new Set(STATUTE.map(([code]) => item(code).article)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(STATUTE)('R25: %s — statutory range %d–%d (%s) as the law writes it', (code, min, max, unit, words) => {
    const i = item(code);
    expect(i.fine.kind).toBe(unit === 'yuan' ? 'amount' : 'percentOfAnnualIncome');
    const [range] = rangesOf(i.fine);
    expect(range && { min: range.min, max: range.max }).toEqual({ min, max });
    expect(i.articleText).toContain(words);
    expect(i.articleLabel).toMatch(/^第[一二三四五六七八九十百零]+条$/);
  });

  it('R25: 第一百零三条 and 第九十二条 — illegal gain ≥ 10万元: 2–5 times; otherwise 10万–20万元 alone or with confiscation', () => {
    for (const code of ['aq103-1.initial.unit', 'aq103-3.qualification.unit', 'aq092-2.initial.institution']) {
      const f = item(code).fine;
      expect(f.kind).toBe('timesIllegalGain');
      if (f.kind !== 'timesIllegalGain') continue;
      expect([f.gainThreshold, f.times.min, f.times.max, f.otherwise.min, f.otherwise.max]).toEqual([100000, 2, 5, 100000, 200000]);
      expect(item(code).sanctions.map((s) => s.kind)).toContain('confiscate_gain');
    }
  });

  it('R25: the other sanctions follow the articles (停产停业整顿, 情节严重的, 关闭, 吊销, no fine where the law sets none)', () => {
    expect(item('aq097.overdue.unit').sanctions.map((s) => s.kind)).toEqual(['suspend_for_rectification']);
    expect(item('aq099.overdue.unit').sanctions).toEqual([{ kind: 'suspend_for_rectification', condition: '情节严重的' }]);
    expect(item('aq102.refused.unit').fine.kind).toBe('none');
    expect(item('aq102.refused.unit').sanctions.map((s) => s.kind)).toEqual(['suspend_for_rectification']);
    expect(item('aq104.overdue.unit').sanctions.map((s) => s.kind)).toEqual(['suspend_business']);
    expect(item('aq113.refused.unit').sanctions.map((s) => s.kind)).toEqual(['closure', 'revoke_certificates', 'principal_ban']);
    expect(item('aq092-2.initial.institution').sanctions.map((s) => s.kind)).toContain('revoke_qualification');
    expect(item('aq100.initial.unit').fine.kind).toBe('otherLaw');
    expect(item('aq112.refused.unit').fine.kind).toBe('dailyRepeat');
    expect(item('aq113.refused.unit').articleText).toContain('一百八十日内三次或者一年内四次受到本法规定的行政处罚');
  });

  it('R25: the four tiers partition the statutory range in quarters (boundaries belong to the lower tier)', () => {
    const r = quartileTiers(0, 100000);
    expect(r.tiers.map((t) => [t.tier, t.min, t.max])).toEqual([
      ['minor', 0, 25000],
      ['general', 25000, 50000],
      ['serious', 50000, 75000],
      ['severe', 75000, 100000],
    ]);
    expect(tierOf(r, 25000)).toBe('minor');
    expect(tierOf(r, 25001)).toBe('general');
    expect(tierOf(r, 100000)).toBe('severe');
    expect(tierOf(r, 100001)).toBeNull();
    const fixed = quartileTiers(40, 40);
    expect(fixed.tiers.every((t) => t.min === 40 && t.max === 40)).toBe(true);
  });

  it('R25: an edited catalogue whose tiers leave a gap or exceed the range is refused', () => {
    const bad: DiscretionItem = {
      ...item('aq097.initial.unit'),
      code: 'x',
      fine: { kind: 'amount', range: { min: 0, max: 100000, tiers: [{ tier: 'minor', min: 0, max: 20000 }, { tier: 'general', min: 25000, max: 50000 }, { tier: 'serious', min: 50000, max: 75000 }, { tier: 'severe', min: 75000, max: 120000 }] } },
    };
    const p = discretionCatalogueProblems([bad, { ...bad, fine: item('aq097.initial.unit').fine }]);
    expect(p).toContain('裁量事项“x”：裁量档次须覆盖整个法定幅度（0–100000）');
    expect(p).toContain('裁量事项“x”：一般档次与上一档次不衔接');
    expect(p).toContain('裁量事项“x”编码重复');
  });
});

// ---------- the engine ----------

// the item (项) applied where the article lists several acts: 第九十七条第（四）项, 第九十九条第（一）项, 第一百零一条第（五）项
const clauseOfArticle: Record<string, number> = { aq097: 4, aq099: 1, aq101: 5 };
const facts = (itemCode: string, f: Partial<ViolationFacts> = {}): ViolationFacts => ({
  itemCode,
  ...(clauseOfArticle[itemCode.slice(0, 5)] ? { clause: clauseOfArticle[itemCode.slice(0, 5)] } : {}),
  circumstance: 'general',
  harm: 'general',
  fault: 'negligent',
  firstViolation: false,
  correctedInTime: false,
  repeatWithinYear: false,
  ...f,
});

describe('discretion engine (R25, R26, R18)', () => {
  const f101 = { itemCode: 'aq101.initial.unit', partyName: '杭州鑫源化工有限公司', circumstance: 'general', harm: 'general', fault: 'negligent', firstViolation: false, correctedInTime: false, repeatWithinYear: false } as const;

  it('R29: the item (项) applied — 第一百零一条第（三）项 and its own words, not the summary of all five items', () => {
    expect(articleClauses(findDiscretionItem(catalogue, 'aq101.initial.unit')!.articleText).map((c) => c.label)).toEqual(['（一）', '（二）', '（三）', '（四）', '（五）']);
    expect(articleClauses(findDiscretionItem(catalogue, 'aq095.accident.principal.general')!.articleText)).toEqual([]);
    const p = proposeDiscretion(catalogue, { ...f101, clause: 3 });
    expect(p.basis).toBe('《中华人民共和国安全生产法》第一百零一条第（三）项');
    expect(p.violation).toBe('进行爆破、吊装、动火、临时用电以及国务院应急管理部门会同国务院有关部门规定的其他危险作业，未安排专门人员进行现场安全管理');
    expect(p.reasoning).toContain('当事人杭州鑫源化工有限公司进行爆破、吊装、动火');
    expect(p.reasoning).not.toContain('第一百零一条所列行为之一');
    const overdue = proposeDiscretion(catalogue, { ...f101, itemCode: 'aq101.overdue.unit', clause: 3 });
    expect(overdue.violation).toContain('有第一百零一条第（三）项所列违法行为（进行爆破');
    expect(() => proposeDiscretion(catalogue, { ...f101, clause: 6 })).toThrow('第（五）项');
    expect(() => proposeDiscretion(catalogue, { ...f101, itemCode: 'aq094.initial.principal', clause: 1 })).toThrow('未分项列举');
    // without the item the proposal names the whole article and says what is missing; the server refuses to store it
    const whole = proposeDiscretion(catalogue, f101);
    expect(whole.basis).toBe('《中华人民共和国安全生产法》第一百零一条');
    expect(whole.problems).toContain('第一百零一条分项列举了违法行为，请选择适用的项：决定书写明具体的项，而不是整条');
    expect(missingClauseProblem(catalogue, f101)).toContain('请选择适用的项');
    expect(missingClauseProblem(catalogue, { ...f101, clause: 3 })).toBeNull();
    expect(missingClauseProblem(catalogue, { ...f101, itemCode: 'aq094.initial.principal' })).toBeNull();
  });

  it('R29: the decision states the amount decided, the notice the amount intended — never the engine’s “建议罚款”', () => {
    const p = proposeDiscretion(catalogue, { ...f101, clause: 3 });
    expect(p.reasoning).toContain(`建议罚款`);
    const decided = reasoningWithAmount(p, 40000, { stage: 'decision' });
    expect(decided).toContain('决定罚款4万元');
    expect(decided).not.toContain('建议罚款');
    expect(reasoningWithAmount(p, null, { stage: 'notice' })).toContain(`拟罚款`);
    expect(reasoningWithAmount(p, 90000, { stage: 'decision', reason: '当事人拒不配合调查，情节恶劣' })).toContain('因当事人拒不配合调查，情节恶劣，决定罚款9万元');
  });

  it('R26: a minor first violation, corrected in time with no harm, is not punished (行政处罚法 第三十三条)', () => {
    const p = proposeDiscretion(catalogue, facts('aq097.initial.unit', { circumstance: 'minor', harm: 'none', firstViolation: true, correctedInTime: true }));
    expect(p.outcome).toBe('no_penalty');
    expect(p.noPenaltyBasis).toContain('第三十三条第一款');
    expect(p.reasoning).toContain('不予行政处罚，并对当事人进行教育；责令限期改正。');
    expect(p.sanctions).toEqual([{ kind: 'order_correction' }]);
    expect(chosenAmountProblems(p, 1000)).toEqual(['依法应当不予行政处罚（《行政处罚法》第三十三条第一款（违法行为轻微并及时改正，没有造成危害后果）），不得处以罚款']);
  });

  it('R26: a first violation with slight harm corrected in time may go unpunished; if punished, the 轻微 tier', () => {
    const p = proposeDiscretion(catalogue, facts('aq097.initial.unit', { harm: 'minor', firstViolation: true, correctedInTime: true }));
    expect(p.outcome).toBe('no_penalty_optional');
    expect(p.tier).toBe('minor');
    expect(p.amountRange).toEqual({ min: 0, max: 25000 });
    expect(p.reasoning).toContain('可以不予行政处罚');
  });

  it('R18: a major hazard is never exempted — the same facts with a major hazard are punished in the upper half', () => {
    const p = proposeDiscretion(catalogue, facts('aq097.initial.unit', { circumstance: 'minor', harm: 'none', firstViolation: true, correctedInTime: true, majorHazard: true }));
    expect(p.outcome).toBe('penalty');
    expect(p.aggravated).toBe(true);
    expect(['serious', 'severe']).toContain(p.tier);
    expect(p.suggestedAmount!).toBeGreaterThan(50000);
    expect(p.suggestedAmount!).toBeLessThanOrEqual(100000);
  });

  it('R25: a repeated, serious, intentional violation gets the 严重 tier and never more than the statutory maximum', () => {
    const p = proposeDiscretion(catalogue, facts('aq099.overdue.unit', { circumstance: 'serious', harm: 'serious', fault: 'intentional', repeatWithinYear: true, aggravating: ['refused_correction'] }));
    expect(p.tier).toBe('severe');
    expect(p.aggravated).toBe(true);
    expect(p.statutoryRange).toEqual({ min: 50000, max: 200000 });
    expect(p.amountRange).toEqual({ min: 162500, max: 200000 });
    expect(p.suggestedAmount).toBe(181300);
    expect(chosenAmountProblems(p, 200000)).toEqual([]);
    expect(chosenAmountProblems(p, 200001)).toEqual(['罚款200001元超过法定最高数额20万元（《中华人民共和国安全生产法》第九十九条第（一）项）']);
  });

  it('R25: first, minor, corrected vs repeated, serious — the tiers differ as the facts do', () => {
    const light = proposeDiscretion(catalogue, facts('aq101.initial.unit', { circumstance: 'minor', harm: 'general', firstViolation: true, correctedInTime: true, mitigating: ['eliminated_harm'] }));
    const heavy = proposeDiscretion(catalogue, facts('aq101.initial.unit', { circumstance: 'serious', harm: 'general', repeatWithinYear: true }));
    expect(light.tier).toBe('minor');
    expect(light.mitigation).toBe('lighter');
    expect(light.amountRange).toEqual({ min: 0, max: 25000 });
    expect(heavy.tier).toBe('severe');
    expect(heavy.amountRange).toEqual({ min: 75000, max: 100000 });
  });

  it('R25: for every item and every combination of facts, the proposal stays inside the statutory range (减轻 only down to 0)', () => {
    let checked = 0;
    for (const it_ of catalogue.items) {
      for (const circumstance of discretionTiers) {
        for (const harm of ['none', 'minor', 'general', 'serious', 'severe'] as const) {
          for (const variant of [{}, { fault: 'intentional' as const, repeatWithinYear: true, aggravating: ['obstruction' as const] }, { mitigating: ['coerced' as const, 'confessed' as const] }, { mitigating: ['meritorious' as const], reduce: true }]) {
            const p = proposeDiscretion(catalogue, facts(it_.code, { circumstance, harm, annualIncome: 300000, illegalGain: 150000, ...variant }));
            if (!p.amountRange || !p.statutoryRange) continue;
            checked++;
            expect(p.amountRange.max).toBeLessThanOrEqual(p.statutoryRange.max);
            expect(p.amountRange.min).toBeGreaterThanOrEqual(p.mitigation === 'reduced' ? 0 : p.statutoryRange.min);
            expect(p.suggestedAmount!).toBeGreaterThanOrEqual(p.amountRange.min);
            expect(p.suggestedAmount!).toBeLessThanOrEqual(p.amountRange.max);
            expect(chosenAmountProblems(p, p.suggestedAmount!)).toEqual(p.suggestedAmount === 0 && p.mitigation !== 'reduced' ? ['罚款数额应大于零；不予处罚的，应适用《行政处罚法》第三十三条'] : []);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('R25/R26: 减轻 (行政处罚法 第三十二条) may go below the statutory minimum, but only with a 第三十二条 factor', () => {
    const reduced = proposeDiscretion(catalogue, facts('aq114-1.accident.unit.general', { mitigating: ['eliminated_harm'], reduce: true }));
    expect(reduced.mitigation).toBe('reduced');
    expect(reduced.amountRange).toEqual({ min: 0, max: 300000 });
    expect(chosenAmountProblems(reduced, 250000)).toEqual([]);
    const notReduced = proposeDiscretion(catalogue, facts('aq114-1.accident.unit.general', { reduce: true }));
    expect(notReduced.problems).toContain('减轻处罚须具有《行政处罚法》第三十二条规定的情形');
    expect(chosenAmountProblems(notReduced, 250000)).toEqual(['罚款25万元低于法定最低数额30万元：除依法减轻处罚外，不得低于法定最低数额']);
    const noMinimum = proposeDiscretion(catalogue, facts('aq097.initial.unit', { mitigating: ['coerced'], reduce: true }));
    expect(noMinimum.mitigation).toBe('lighter');
    expect(noMinimum.tier).toBe('minor');
  });

  it('R25: an amount outside the proposed tier needs a written reason', () => {
    const p = proposeDiscretion(catalogue, facts('aq097.initial.unit'));
    expect(p.tier).toBe('general');
    expect(chosenAmountProblems(p, 60000)).toEqual(['罚款6万元不在建议的“一般”档次（2.5万元以上5万元以下）内，须书面说明理由']);
    expect(chosenAmountProblems(p, 60000, '当事人在整改期间又发现同类问题，危害较大')).toEqual([]);
    expect(chosenAmountProblems(p, 30000)).toEqual([]);
  });

  it('R25: the percentage and illegal-gain rules resolve to yuan from the facts, and ask for them when missing', () => {
    const missing = proposeDiscretion(catalogue, facts('aq095.accident.principal.larger'));
    expect(missing.outcome).toBe('incomplete');
    expect(missing.problems).toEqual(['该条按上一年年收入的比例处罚，请填写当事人上一年年收入（元）']);
    const p95 = proposeDiscretion(catalogue, facts('aq095.accident.principal.larger', { annualIncome: 250000 }));
    expect(p95.statutoryRange).toEqual({ min: 150000, max: 150000 });
    expect(p95.suggestedAmount).toBe(150000);
    const big = proposeDiscretion(catalogue, facts('aq103-1.initial.unit', { illegalGain: 300000 }));
    expect(big.statutoryRange).toEqual({ min: 600000, max: 1500000 });
    const small = proposeDiscretion(catalogue, facts('aq103-1.initial.unit', { illegalGain: 50000 }));
    expect(small.statutoryRange).toEqual({ min: 100000, max: 200000 });
  });

  it('R25: the reasoning for the decision document names the article, the circumstances, the tier and the amount', () => {
    // 情节一般 (一般) − one 从轻 factor → 轻微
    const p = proposeDiscretion(catalogue, facts('aq101.initial.unit', { partyName: '某化工有限公司', mitigating: ['eliminated_harm'] }));
    expect(p.reasoning).toContain('当事人某化工有限公司');
    expect(p.reasoning).toContain('依据《中华人民共和国安全生产法》第一百零一条第（五）项的规定，处10万元以下的罚款');
    expect(p.reasoning).toContain('主动消除或者减轻违法行为危害后果的（《行政处罚法》第三十二条第（一）项）');
    expect(p.reasoning).toContain('依法从轻处罚，适用“轻微”裁量档次（2.5万元以下），建议罚款1.25万元；同时责令限期改正。');
  });

  it('R25: several violations are assessed separately and penalised together — per party, each capped at its own maximum', () => {
    const a = proposeDiscretion(catalogue, facts('aq097.initial.unit', { partyName: '某化工有限公司', actId: 'A' }));
    const b = proposeDiscretion(catalogue, facts('aq101.initial.unit', { partyName: '某化工有限公司', actId: 'B', circumstance: 'serious' }));
    const c = proposeDiscretion(catalogue, facts('aq094.initial.principal', { partyName: '张三', actId: 'C' }));
    const sum = combinePenalties([{ proposal: a }, { proposal: b, amount: 70000 }, { proposal: c }]);
    // 一般 tier of 2万–5万元 is 2.75万–3.5万元: the middle 31250 rounds to 31300
    expect(sum.lines.map((l) => l.amount)).toEqual([37500, 70000, 31300]);
    expect(sum.totalsByParty).toEqual([
      { partyName: '某化工有限公司', party: 'unit', total: 107500 },
      { partyName: '张三', party: 'principal', total: 31300 },
    ]);
    expect(sum.total).toBe(138800);
    expect(sum.problems).toEqual([]);
    expect(sum.reasoning).toContain('分别裁量、合并处罚');
    expect(sum.reasoning).toContain('对某化工有限公司合计罚款10.75万元');

    const over = combinePenalties([{ proposal: a, amount: 150000, reason: '情节特别恶劣，须顶格以上处罚' }, { proposal: b }]);
    expect(over.lines[0]).toMatchObject({ amount: 100000, capped: true });
    expect(over.problems[0]).toContain('超过法定最高数额10万元');
  });

  it('R25: the same act is not fined twice (行政处罚法 第二十九条); an optional exemption contributes nothing unless punished', () => {
    const a = proposeDiscretion(catalogue, facts('aq097.initial.unit', { actId: 'A' }));
    const a2 = proposeDiscretion(catalogue, facts('aq099.initial.unit', { actId: 'A' }));
    expect(combinePenalties([{ proposal: a }, { proposal: a2 }]).problems[0]).toContain('不得给予两次以上罚款');
    const opt = proposeDiscretion(catalogue, facts('aq099.initial.unit', { harm: 'minor', firstViolation: true, correctedInTime: true }));
    expect(combinePenalties([{ proposal: opt }]).total).toBe(0);
    expect(combinePenalties([{ proposal: opt, punishDespiteOptionalExemption: true }]).total).toBe(opt.suggestedAmount);
  });

  it('R18: a major hazard or a serious violation cannot end with rectification only', () => {
    expect(rectificationOnlyProblems({ majorHazard: true, outcome: 'rectification_only' })).toEqual(['重大事故隐患必须依法给予行政处罚，不得以责令限期整改代替行政处罚']);
    expect(rectificationOnlyProblems({ majorHazard: false, circumstance: 'severe', outcome: 'no_penalty' })).toEqual(['情节严重的违法行为不予处罚的，须写明不予处罚的法律依据并经法制审核']);
    expect(rectificationOnlyProblems({ majorHazard: true, outcome: 'no_penalty', noPenaltyBasis: '当事人有证据足以证明没有主观过错（行政处罚法第三十三条第二款）' })).toEqual([]);
    expect(rectificationOnlyProblems({ majorHazard: false, circumstance: 'minor', outcome: 'rectification_only' })).toEqual([]);
    expect(rectificationOnlyProblems({ majorHazard: true, outcome: 'penalty' })).toEqual([]);
  });
});

// ---------- workflow ----------

const officerA: PenaltyActor = { id: 11, role: 'officer' };
const officerB: PenaltyActor = { id: 12, role: 'officer' };
const otherOfficer: PenaltyActor = { id: 13, role: 'officer' };
const leader: PenaltyActor = { id: 20, role: 'leader' };
const reviewer: PenaltyActor = { id: 30, role: 'legal_reviewer' };
const enterprise: PenaltyActor = { id: 40, role: 'enterprise' };

const baseCase = (c: Partial<PenaltyCaseState> = {}): PenaltyCaseState => ({
  status: 'draft',
  procedure: 'general',
  partyKind: 'organization',
  investigatorIds: [11, 12],
  ...c,
});

/** Apply an action the way the server would, after checking it. */
function step(c: PenaltyCaseState, action: PenaltyCaseAction, actor: PenaltyActor, today: string, patch: Partial<PenaltyCaseState> = {}, reason?: string): PenaltyCaseState {
  const problems = transitionProblems(c, action, actor, { today, ...(reason ? { reason } : {}) });
  expect(problems, `${action} on ${c.status}`).toEqual([]);
  return { ...c, status: nextPenaltyStatus(c, action)!, ...patch };
}

const noticeFacts = { time: '09:30', place: '听证室', panelists: ['周某'], clerk: '吴某' };
const minutes = { attended: true, partyAttendees: [{ name: '赵某', role: '委托代理人' }], investigatorCase: '违法事实和证据', partyStatement: '请求从轻', crossExamination: '无异议', finalStatements: '坚持意见' };

describe('penalty case workflow (R27, R28, R30)', () => {
  const bigFine = { kind: 'penalty' as const, fine: 80000, sanctions: ['order_correction' as const] };

  it('R28: a major case goes 立案 → 调查 → 告知 → 法制审核 → 集体讨论决定 → 送达 → 执行 → 结案', () => {
    let c = baseCase();
    c = step(c, 'open', leader, '2026-03-02', { openedOn: '2026-03-02' });
    c = step(c, 'start_investigation', officerA, '2026-03-03', { proposal: bigFine });
    expect(majorCaseReasons(c)).toEqual(['罚款8万元达到重大案件标准（5万元）']);
    c = step(c, 'notify', officerA, '2026-03-10', { notifiedOn: '2026-03-10', notified: bigFine });
    // within the statement and hearing periods the case cannot move on
    expect(transitionProblems(c, 'submit_review', officerA, { today: '2026-03-12' })).toEqual([
      '陈述、申辩期限至2026-03-17届满，期满或当事人陈述申辩、书面放弃后方可继续（《行政处罚法》第四十四条、第六十二条）',
      '要求听证的期限至2026-03-17届满（告知后五个工作日内，《行政处罚法》第六十四条）',
    ]);
    c = step(c, 'submit_review', officerA, '2026-03-18');
    expect(transitionProblems(c, 'decide', leader, { today: '2026-03-19' })).toContain('法制审核尚未通过，不得作出决定（《行政处罚法》第五十八条）');
    c = step(c, 'approve_review', reviewer, '2026-03-19', { legalReview: { reviewerId: 30, approved: true } }, '事实清楚，证据确凿，程序合法');
    expect(transitionProblems(c, 'decide', leader, { today: '2026-03-19' })).toEqual(['对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（《行政处罚法》第五十七条第二款）']);
    c = step({ ...c, collectiveDiscussionHeld: true }, 'decide', leader, '2026-03-20', { decidedOn: '2026-03-20' });
    c = step(c, 'serve', officerB, '2026-03-20', { servedOn: '2026-03-20' });
    c = step(c, 'start_execution', officerB, '2026-03-21');
    expect(transitionProblems(c, 'close', leader, {})).toEqual(['罚款尚未缴纳或者决定尚未执行完毕（已申请人民法院强制执行的，请登记执行情况）']);
    c = step({ ...c, executionDone: true }, 'close', leader, '2026-04-01');
    expect(c.status).toBe('closed');
  });

  it('R27/R29: the 告知书 and the decision wait for the facts as established (no “涉嫌”), the decision for the answer to every statement', () => {
    const small = { kind: 'penalty' as const, fine: 20000, sanctions: [] };
    const defence = baseCase({ status: 'defence', openedOn: '2026-03-02', notifiedOn: '2026-03-10', notified: small, proposal: small, statementReceived: true, facts: '经查，当事人动火作业未安排专门人员现场安全管理' });
    expect(transitionProblems(defence, 'decide', leader, { today: '2026-03-20' })).toEqual([]);
    const unanswered = transitionProblems({ ...defence, unansweredStatements: ['2026-03-12', '2026-03-13'] }, 'decide', leader, { today: '2026-03-20' });
    expect(unanswered).toHaveLength(1);
    expect(unanswered[0]).toContain('当事人2026-03-12、2026-03-13提出的陈述、申辩尚未登记采纳情况');
    expect(availablePenaltyActions({ ...defence, unansweredStatements: ['2026-03-12'] }, leader, { today: '2026-03-20' })).not.toContain('decide');
    const suspected = { ...defence, facts: '涉嫌违反《中华人民共和国安全生产法》第四十三条' };
    expect(transitionProblems(suspected, 'decide', leader, { today: '2026-03-20' })[0]).toContain('经调查认定的违法事实');
    expect(transitionProblems(suspected, 'submit_review', officerA, { today: '2026-03-20' })[0]).toContain('涉嫌');
    // the 告知书 states the same established facts (《行政处罚法》第四十四条)
    const investigating = baseCase({ status: 'investigating', openedOn: '2026-03-02', proposal: small, facts: suspected.facts });
    expect(transitionProblems(investigating, 'notify', officerA, { today: '2026-03-20' })).toEqual([expect.stringContaining('告知书和处罚决定应当写明经调查认定的违法事实')]);
    expect(transitionProblems({ ...investigating, facts: defence.facts }, 'notify', officerA, { today: '2026-03-20' })).toEqual([]);
    // a 违法事实不能成立 decision may keep the suspicion's words
    const notEstablished = { kind: 'not_established' as const, fine: 0, sanctions: [] };
    expect(transitionProblems({ ...suspected, proposal: notEstablished }, 'decide', leader, { today: '2026-03-20' })).toEqual([]);
    expect(statementAnswerProblems({ result: 'rejected', reasons: '' })).toEqual(['请写明不予采纳的理由（不少于4个字）']);
    expect(statementAnswerProblems({ result: 'maybe', reasons: '理由充分有据' })).toEqual(['采纳情况应为采纳、部分采纳或不予采纳']);
    expect(statementAnswerProblems({ result: 'adopted', reasons: '当事人已提供检测报告' })).toEqual([]);
  });

  it('R28: a major case cannot be decided without an approved legal review; a small one can', () => {
    const notified = baseCase({ status: 'notified', openedOn: '2026-03-02', notifiedOn: '2026-03-10', notified: bigFine, proposal: bigFine, collectiveDiscussionHeld: true });
    expect(transitionProblems(notified, 'decide', leader, { today: '2026-03-20' })).toEqual(['重大案件须经法制审核通过后方可作出决定：罚款8万元达到重大案件标准（5万元）']);
    const small = { kind: 'penalty' as const, fine: 20000, sanctions: [] };
    expect(transitionProblems({ ...notified, notified: small, proposal: small }, 'decide', leader, { today: '2026-03-20' })).toEqual([]);
    const suspension = { kind: 'penalty' as const, fine: 20000, sanctions: ['suspend_for_rectification' as const] };
    expect(majorCaseReasons({ ...notified, proposal: suspension })).toEqual(['拟责令停产停业整顿']);
    expect(majorCaseReasons({ ...notified, proposal: small, hearing: { requestedOn: '2026-03-11', heldOn: '2026-03-25' } })).toEqual(['经过听证程序（《行政处罚法》第五十八条第一款第（二）项）']);
  });

  it('R27: illegal transitions are refused with the reason in Chinese', () => {
    expect(transitionProblems(baseCase(), 'decide', leader)).toEqual(['案件当前为“待立案”，不能“作出决定”']);
    expect(transitionProblems(baseCase({ status: 'opened' }), 'notify', officerA)).toEqual(['案件当前为“已立案”，不能“告知拟处罚及权利”']);
    expect(transitionProblems(baseCase({ status: 'investigating' }), 'serve', officerA)).toEqual(['案件当前为“调查取证”，不能“送达决定书”']);
    expect(transitionProblems(baseCase({ status: 'closed' }), 'transfer', leader, { reason: '涉嫌重大责任事故罪，移送公安机关' })).toEqual(['案件当前为“已结案”，不能“移送司法机关”']);
    // a penalty is never decided before notification (行政处罚法 第六十二条)
    expect(transitionProblems(baseCase({ status: 'investigating', proposal: { kind: 'penalty', fine: 1000, sanctions: [] } }), 'decide', leader)).toEqual([
      '作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩、听证权利（《行政处罚法》第四十四条、第六十二条）',
    ]);
    // …but a 不予处罚 decision needs no notification
    expect(transitionProblems(baseCase({ status: 'investigating', proposal: { kind: 'no_penalty', fine: 0, sanctions: [] } }), 'decide', leader)).toEqual([]);
    expect(transitionProblems(baseCase({ investigatorIds: [11] }), 'open', leader)).toEqual(['立案须指定两名以上具有行政执法资格的承办人员（《行政处罚法》第四十二条）']);
  });

  it('R28: unauthorised roles cannot decide or review; the enterprise takes only the party\'s acts', () => {
    const inReview = baseCase({ status: 'legal_review', proposal: bigFine, notified: bigFine, legalReview: { reviewerId: 30, approved: true }, collectiveDiscussionHeld: true });
    expect(transitionProblems(inReview, 'decide', officerA)).toEqual(['执法人员无权“作出决定”：该操作由单位负责人办理']);
    expect(transitionProblems(inReview, 'approve_review', leader)).toEqual(['单位负责人无权“法制审核通过”：该操作由法制审核人员办理']);
    expect(transitionProblems(inReview, 'decide', enterprise)).toEqual(['企业用户无权“作出决定”：该操作由单位负责人办理']);
    expect(transitionProblems(inReview, 'decide', { id: 1, role: 'admin' })).toEqual(['系统管理员无权“作出决定”：该操作由单位负责人办理']);
    // a legal reviewer who investigated the case may not review it
    expect(transitionProblems({ ...inReview, legalReview: { reviewerId: 0, approved: null }, investigatorIds: [11, 30] }, 'approve_review', reviewer, { reason: '同意' })).toEqual(['法制审核人员不得为本案承办人员']);
    // R28: an approval is written down too (法制审核意见书)
    expect(transitionProblems({ ...inReview, legalReview: { reviewerId: 0, approved: null } }, 'approve_review', reviewer)).toEqual(['请写明法制审核意见']);
    // an officer who is not on the case cannot act on it
    expect(transitionProblems(baseCase({ status: 'opened' }), 'start_investigation', otherOfficer)).toEqual(['只有本案承办人员可以开展调查']);
    for (const status of ['draft', 'opened', 'investigating', 'hearing', 'legal_review', 'decided', 'served', 'executing'] as const) {
      expect(availablePenaltyActions(baseCase({ status, proposal: bigFine }), enterprise)).toEqual([]);
    }
    expect(availablePenaltyActions(baseCase({ status: 'notified', proposal: bigFine, notified: bigFine }), enterprise)).toEqual(['record_statement', 'request_hearing', 'waive_rights']);
    expect(availablePenaltyActions(inReview, leader)).toEqual(['decide', 'transfer']);
    // the review already approved: nothing left for the reviewer (a stale button would only be refused); pending: both
    expect(availablePenaltyActions(inReview, reviewer)).toEqual([]);
    expect(availablePenaltyActions({ ...inReview, legalReview: { reviewerId: 0, approved: null } }, reviewer)).toEqual(['approve_review', 'reject_review']);
  });

  it('R27: a hearing is asked for within 5 working days of notification (around 国庆 2026), hosted by a non-investigator and notified 7 working days ahead', () => {
    const notified = baseCase({ status: 'notified', openedOn: '2026-09-01', notifiedOn: '2026-09-29', notified: bigFine, proposal: bigFine });
    expect(hearingRequestDue('2026-09-29')).toBe('2026-10-12');
    expect(transitionProblems(notified, 'request_hearing', officerA, { today: '2026-10-12' })).toEqual([]);
    expect(transitionProblems(notified, 'request_hearing', officerA, { today: '2026-10-13' })).toEqual(['当事人应当在告知后五个工作日内（2026-10-12前）提出听证要求，已逾期（《行政处罚法》第六十四条）']);
    const small = { kind: 'penalty' as const, fine: 10000, sanctions: [] };
    expect(transitionProblems({ ...notified, notified: small, proposal: small }, 'request_hearing', officerA, { today: '2026-09-30' })).toEqual(['拟作出的处罚不属于《行政处罚法》第六十三条规定的听证范围']);
    expect(hearingRightReasons('organization', bigFine)).toEqual(['较大数额罚款（8万元，单位5万元以上）']);
    expect(hearingRightReasons('citizen', { kind: 'penalty', fine: 20000, sanctions: [] })).toEqual(['较大数额罚款（2万元，个人2万元以上）']);

    // notified on 10-12 for a hearing on 10-16: less than 7 working days (the latest is 10-08: 10-09…10-16 are 7 working days)
    const hearing = { ...notified, status: 'hearing' as const, hearing: { requestedOn: '2026-10-09', noticeOn: '2026-10-12', heldOn: '2026-10-16', hostId: 11, notice: noticeFacts, minutes } };
    expect(transitionProblems(hearing, 'submit_review', officerA, { today: '2026-10-19' })).toEqual([
      '听证应由行政机关指定的非本案调查人员主持（《行政处罚法》第六十四条第（四）项）',
      '听证应当在举行的七个工作日前通知当事人：2026-10-16举行的听证最迟应于2026-10-08通知（《行政处罚法》第六十四条）',
    ]);
    expect(transitionProblems({ ...hearing, hearing: { requestedOn: '2026-10-09', noticeOn: '2026-10-12', heldOn: '2026-10-21', hostId: 30, notice: noticeFacts, minutes } }, 'submit_review', officerA, { today: '2026-10-22' })).toEqual([]);
    // issue #17: the hearing's documents are generated from its facts, so the notice facts and the minutes come first
    expect(transitionProblems({ ...hearing, hearing: { requestedOn: '2026-10-09', noticeOn: '2026-10-12', heldOn: '2026-10-21', hostId: 30 } }, 'submit_review', officerA, { today: '2026-10-22' })).toEqual([
      '请登记听证通知的时间、地点、主持人、听证员和记录员（听证通知书）',
      '请登记听证笔录（调查人员意见、当事人陈述申辩、质证和最后陈述）',
    ]);
    expect(transitionProblems({ ...hearing, hearing: { requestedOn: '2026-10-09' } }, 'submit_review', officerA, { today: '2026-10-22' })).toEqual(['当事人要求听证的，应当组织听证后再作决定（《行政处罚法》第六十三条、第六十五条）']);
  });

  it('R27: the party itself submits its statement, hearing request or waiver (enterprise role, the party\'s acts only)', () => {
    // 告知 on 2026-09-29: five working days run over 国庆 2026 (10-01…10-07 off, 10-10 a 调休 Saturday) to 10-12
    const notified = baseCase({ status: 'notified', openedOn: '2026-09-01', notifiedOn: '2026-09-29', notified: bigFine, proposal: bigFine });
    expect(availablePenaltyActions(notified, enterprise, { today: '2026-09-30' })).toEqual(['record_statement', 'request_hearing', 'waive_rights']);
    // the officer records the same acts on paper, beside the staff actions
    expect(availablePenaltyActions(notified, officerA, { today: '2026-09-30' })).toEqual(['record_statement', 'request_hearing', 'waive_rights']);
    expect(transitionProblems(notified, 'record_statement', enterprise, { today: '2026-10-12', reason: '报警装置已于告知前更换，请求从轻处罚' })).toEqual([]);
    expect(nextPenaltyStatus(notified, 'record_statement')).toBe('defence');
    expect(transitionProblems(notified, 'record_statement', enterprise, { today: '2026-10-13', reason: '报警装置已于告知前更换，请求从轻处罚' })).toEqual(['陈述、申辩期限已于2026-10-12届满，逾期未提出的视为放弃（《行政处罚法》第四十四条、第四十五条）']);
    expect(transitionProblems(notified, 'record_statement', enterprise, { today: '2026-10-09', reason: '无' })).toEqual(['请写明陈述、申辩的事实、理由（不少于4个字）']);
    expect(transitionProblems(notified, 'request_hearing', enterprise, { today: '2026-10-12' })).toEqual([]);
    expect(transitionProblems(notified, 'request_hearing', enterprise, { today: '2026-10-13' })).toEqual(['当事人应当在告知后五个工作日内（2026-10-12前）提出听证要求，已逾期（《行政处罚法》第六十四条）']);
    // a further statement in the period is a supplement; a second hearing request is refused
    const defence = { ...notified, status: 'defence' as const, statementReceived: true };
    expect(transitionProblems(defence, 'record_statement', enterprise, { today: '2026-10-09', reason: '补充提交设备维护合同' })).toEqual([]);
    const hearing = { ...notified, status: 'hearing' as const, hearing: { requestedOn: '2026-10-09' } };
    expect(transitionProblems(hearing, 'request_hearing', enterprise, { today: '2026-10-09' })).toEqual(['当事人已于2026-10-09提出听证要求，不能重复申请']);
    expect(transitionProblems(hearing, 'record_statement', enterprise, { today: '2026-10-09', reason: '补充陈述意见内容' })).toEqual(['案件当前为“听证”，不能“提交陈述申辩”']);
    // the waiver keeps the status and ends the periods early; nothing more can be submitted after it
    expect(transitionProblems(notified, 'waive_rights', enterprise, { today: '2026-09-30' })).toEqual([]);
    expect(nextPenaltyStatus(notified, 'waive_rights')).toBe('notified');
    expect(nextPenaltyStatus(defence, 'waive_rights')).toBe('defence');
    const waived = { ...notified, rightsWaived: true };
    expect(transitionProblems(waived, 'waive_rights', enterprise, { today: '2026-09-30' })).toEqual(['当事人已书面放弃陈述、申辩和听证权利，无需重复提交']);
    expect(transitionProblems(waived, 'request_hearing', enterprise, { today: '2026-09-30' })).toEqual(['当事人已书面放弃陈述、申辩和听证权利']);
    expect(transitionProblems(waived, 'submit_review', officerA, { today: '2026-09-30' })).toEqual([]);
    expect(transitionProblems(notified, 'waive_rights', enterprise, { today: '2026-10-13' })).toEqual(['陈述、申辩和听证期限已于2026-10-12届满，逾期未提出的已视为放弃，无需再书面放弃']);
    // the enterprise never takes a staff action, and speaks only for a unit
    expect(transitionProblems(notified, 'submit_review', enterprise)).toEqual(['企业用户无权“提交法制审核”：该操作由执法人员办理']);
    expect(transitionProblems(notified, 'notify', enterprise)).toEqual(['企业用户无权“告知拟处罚及权利”：该操作由执法人员办理']);
    expect(transitionProblems({ ...notified, partyKind: 'citizen' }, 'request_hearing', enterprise, { today: '2026-09-30' })).toEqual(['本案当事人为自然人，应由当事人本人陈述申辩或者提出听证要求，企业账户不能代为办理']);
    // admin and oversight take no party act; an officer off the case cannot record one
    expect(transitionProblems(notified, 'record_statement', { id: 1, role: 'oversight' }, { reason: '代为提交陈述意见' })).toEqual(['执法监督人员无权“记录陈述申辩”：该操作由执法人员办理']);
    expect(transitionProblems(notified, 'request_hearing', otherOfficer, { today: '2026-09-30' })).toEqual(['只有本案承办人员可以登记听证申请']);
    expect(transitionProblems(notified, 'waive_rights', otherOfficer, { today: '2026-09-30' })).toEqual(['只有本案承办人员可以登记当事人放弃权利']);
    expect(penaltyActionRoles.record_statement).toEqual(['officer', 'enterprise']);
    for (const a of penaltyCaseActions) if (!(penaltyPartyActions as readonly string[]).includes(a)) expect(penaltyActionRoles[a], a).not.toContain('enterprise');
  });

  it('R27: the party withdraws its hearing request before the hearing (《行政处罚法》第六十四条) — online or recorded from paper; the case then goes on to review and decision', () => {
    const notified = baseCase({ status: 'notified', openedOn: '2026-09-01', notifiedOn: '2026-09-29', notified: bigFine, proposal: bigFine });
    const requested = step(notified, 'request_hearing', enterprise, '2026-10-09', { hearing: { requestedOn: '2026-10-09' } });
    expect(requested.status).toBe('hearing');
    // offered to the party and to the 承办人员 (who records a paper withdrawal), only in the hearing stage
    expect(availablePenaltyActions(requested, enterprise, { today: '2026-10-12' })).toEqual(['withdraw_hearing']);
    expect(availablePenaltyActions(requested, officerA, { today: '2026-10-12' })).toEqual(['withdraw_hearing']);
    expect(availablePenaltyActions(notified, enterprise, { today: '2026-09-30' })).not.toContain('withdraw_hearing');
    expect(transitionProblems(notified, 'withdraw_hearing', enterprise, { today: '2026-09-30' })).toEqual(['案件当前为“已告知”，不能“撤回听证申请”']);
    expect(transitionProblems(notified, 'withdraw_hearing', officerA, { today: '2026-09-30' })).toEqual(['案件当前为“已告知”，不能“登记撤回听证申请”']);
    // the same checks as the other party acts: a unit's account, an investigator of the case; admin and oversight never
    expect(transitionProblems({ ...requested, partyKind: 'citizen' }, 'withdraw_hearing', enterprise, { today: '2026-10-12' })).toEqual(['本案当事人为自然人，应由当事人本人撤回听证申请，企业账户不能代为办理']);
    expect(transitionProblems(requested, 'withdraw_hearing', otherOfficer, { today: '2026-10-12' })).toEqual(['只有本案承办人员可以登记撤回听证申请']);
    expect(transitionProblems(requested, 'withdraw_hearing', { id: 1, role: 'oversight' }, { today: '2026-10-12' })).toEqual(['执法监督人员无权“登记撤回听证申请”：该操作由执法人员办理']);
    expect(transitionProblems(requested, 'withdraw_hearing', leader, { today: '2026-10-12' })).toEqual(['单位负责人无权“登记撤回听证申请”：该操作由执法人员办理']);
    expect(penaltyActionRoles.withdraw_hearing).toEqual(['officer', 'enterprise']);
    // a scheduled hearing may still be withdrawn; from its day on it counts as held
    const scheduled = { ...requested, hearing: { requestedOn: '2026-10-09', noticeOn: '2026-10-12', heldOn: '2026-10-22', hostId: 30, notice: noticeFacts, minutes } };
    expect(transitionProblems(scheduled, 'withdraw_hearing', enterprise, { today: '2026-10-21' })).toEqual([]);
    expect(transitionProblems(scheduled, 'withdraw_hearing', enterprise, { today: '2026-10-22' })).toEqual(['听证已经举行，不能撤回听证申请']);
    expect(transitionProblems(scheduled, 'withdraw_hearing', officerA, { today: '2026-10-23' })).toEqual(['听证已经举行，不能撤回听证申请']);
    // a paper withdrawal is dated by the day received: not before the request
    expect(transitionProblems(requested, 'withdraw_hearing', officerA, { today: '2026-10-08' })).toEqual(['撤回日期不能早于提出听证要求的日期（2026-10-09）']);
    // nothing to withdraw: no request, a waiver, an abandoned hearing
    expect(transitionProblems({ ...requested, hearing: null }, 'withdraw_hearing', enterprise, { today: '2026-10-12' })).toEqual(['当事人没有提出听证要求，无需撤回']);
    expect(transitionProblems({ ...requested, rightsWaived: true }, 'withdraw_hearing', enterprise, { today: '2026-10-12' })).toEqual(['当事人已书面放弃陈述、申辩和听证权利，没有可撤回的听证申请']);
    expect(transitionProblems({ ...requested, hearing: { requestedOn: '2026-10-09', abandoned: true } }, 'withdraw_hearing', enterprise, { today: '2026-10-12' })).toEqual(['已登记当事人放弃听证，听证已终止，无需撤回听证申请']);

    // before: the hearing blocks the review; after the withdrawal (status unchanged) it no longer does
    expect(transitionProblems(requested, 'submit_review', officerA, { today: '2026-10-12' })).toEqual(['当事人要求听证的，应当组织听证后再作决定（《行政处罚法》第六十三条、第六十五条）']);
    // a scheduled hearing blocks the review until its day, not only an unscheduled one
    expect(transitionProblems(scheduled, 'submit_review', officerA, { today: '2026-10-21' })).toEqual(['听证定于2026-10-22举行，听证结束后方可提交法制审核或者作出决定（《行政处罚法》第六十五条）']);
    expect(transitionProblems(scheduled, 'submit_review', officerA, { today: '2026-10-22' })).toEqual([]);
    const withdrawn = step(scheduled, 'withdraw_hearing', enterprise, '2026-10-21', { hearing: { ...scheduled.hearing, abandoned: true, withdrawnOn: '2026-10-21' } });
    expect(withdrawn.status).toBe('hearing');
    expect(transitionProblems(withdrawn, 'withdraw_hearing', enterprise, { today: '2026-10-21' })).toEqual(['当事人已于2026-10-21撤回听证申请，不能重复撤回']);
    expect(transitionProblems(withdrawn, 'request_hearing', enterprise, { today: '2026-10-21' })).toEqual(['当事人已于2026-10-21撤回听证申请，不能再次申请听证']);
    expect(availablePenaltyActions(withdrawn, enterprise, { today: '2026-10-21' })).toEqual([]);
    expect(availablePenaltyActions(withdrawn, officerA, { today: '2026-10-21' })).toEqual(['submit_review']);
    // the hearing that never took place is not "经过听证程序", even after its scheduled day
    expect(majorCaseReasons(withdrawn)).toEqual(['罚款8万元达到重大案件标准（5万元）']);
    expect(transitionProblems(withdrawn, 'submit_review', officerA, { today: '2026-10-26' })).toEqual([]);
    // a withdrawal within the statement period (here on its last day): the period still runs — withdrawing the hearing
    // does not cut short the party's right to state and defend itself; the case waits for the statement or the period's end
    const plain = step(requested, 'withdraw_hearing', officerA, '2026-10-12', { hearing: { requestedOn: '2026-10-09', abandoned: true, withdrawnOn: '2026-10-12' } });
    const statementOpen = '陈述、申辩期限至2026-10-12届满，期满或当事人陈述申辩、书面放弃后方可继续（《行政处罚法》第四十四条、第六十二条）';
    expect(transitionProblems(plain, 'submit_review', officerA, { today: '2026-10-12' })).toEqual([statementOpen]);
    expect(availablePenaltyActions(plain, enterprise, { today: '2026-10-12' })).toEqual(['record_statement']);
    expect(transitionProblems(plain, 'submit_review', officerA, { today: '2026-10-13' })).toEqual([]);
    expect(availablePenaltyActions(plain, enterprise, { today: '2026-10-13' })).toEqual([]);
    const stated = step(plain, 'record_statement', enterprise, '2026-10-12', { statementReceived: true }, '对违法事实无异议，请求从轻处罚');
    expect(stated.status).toBe('defence');
    expect(transitionProblems(stated, 'submit_review', officerA, { today: '2026-10-12' })).toEqual([]);
    // a hearing not withdrawn still takes no written statement: what the party has to say, it says at the hearing
    expect(transitionProblems(requested, 'record_statement', enterprise, { today: '2026-10-12', reason: '补充陈述意见内容' })).toEqual(['案件当前为“听证”，不能“提交陈述申辩”']);
    // a leader may decide directly when the case is not major (here: a higher 重大案件 amount)
    const lenient = { ...defaultMajorCaseThresholds, organizationFine: 100000 };
    expect(transitionProblems(plain, 'decide', leader, { today: '2026-10-12', majorCase: lenient })).toEqual([statementOpen]);
    expect(transitionProblems(stated, 'decide', leader, { today: '2026-10-12', majorCase: lenient })).toEqual([]);
    expect(transitionProblems(requested, 'decide', leader, { today: '2026-10-12', majorCase: lenient })).toEqual(['当事人要求听证的，应当组织听证后再作决定（《行政处罚法》第六十三条、第六十五条）']);
  });

  it('R27: the decision may not be heavier than what was notified (行政处罚法 第四十五条)', () => {
    const c = baseCase({ status: 'defence', notifiedOn: '2026-03-10', statementReceived: true, notified: { kind: 'penalty', fine: 30000, sanctions: [] }, proposal: { kind: 'penalty', fine: 40000, sanctions: [] } });
    expect(transitionProblems(c, 'decide', leader, { today: '2026-03-20' })).toContain('拟作出的处罚重于告知内容：不得因当事人陈述、申辩而给予更重的处罚；因新的事实需加重的，应当重新告知（《行政处罚法》第四十五条、第六十二条）');
    expect(transitionProblems({ ...c, proposal: { kind: 'penalty', fine: 20000, sanctions: [] } }, 'decide', leader, { today: '2026-03-20' })).toEqual([]);
  });

  it('R18: the simple procedure — on the spot, 3000 yuan for an organisation, 200 yuan for a citizen (行政处罚法 第五十一条)', () => {
    const spot = (fine: number, partyKind: 'organization' | 'citizen' = 'organization') => baseCase({ procedure: 'simple', partyKind, proposal: { kind: 'penalty', fine, sanctions: ['order_correction'] } });
    expect(transitionProblems(spot(3000), 'decide_on_spot', officerA, { factsClearWithBasis: true })).toEqual([]);
    expect(nextPenaltyStatus(spot(3000), 'decide_on_spot')).toBe('decided');
    expect(transitionProblems(spot(3001), 'decide_on_spot', officerA, { factsClearWithBasis: true })).toEqual(['当场处罚的罚款不得超过对法人或者其他组织3000元（《行政处罚法》第五十一条），本案应适用普通程序']);
    expect(transitionProblems(spot(201, 'citizen'), 'decide_on_spot', officerA, { factsClearWithBasis: true })).toEqual(['当场处罚的罚款不得超过对公民200元（《行政处罚法》第五十一条），本案应适用普通程序']);
    expect(transitionProblems(spot(200, 'citizen'), 'decide_on_spot', officerA, { factsClearWithBasis: false })).toEqual(['适用简易程序须违法事实确凿并有法定依据（《行政处罚法》第五十一条）']);
    expect(simpleProcedureProblems('organization', { kind: 'penalty', fine: 2000, sanctions: ['suspend_for_rectification'] }, true)).toEqual(['责令停产停业整顿不能适用简易程序']);
    expect(transitionProblems(spot(100), 'decide_on_spot', leader, { factsClearWithBasis: true })).toEqual(['单位负责人无权“简易程序当场处罚”：该操作由执法人员办理']);
  });

  it('R30: a case that may be a crime is transferred with a written reason, and may come back', () => {
    const c = baseCase({ status: 'investigating', proposal: bigFine });
    expect(transitionProblems(c, 'transfer', leader, { reason: '涉嫌' })).toEqual(['移送司法机关须写明涉嫌犯罪的事实和理由']);
    expect(transitionProblems(c, 'transfer', officerA, { reason: '涉嫌重大责任事故罪，移送公安机关立案侦查' })).toEqual(['执法人员无权“移送司法机关”：该操作由单位负责人办理']);
    const t = step(c, 'transfer', leader, '2026-04-01', {}, '涉嫌重大责任事故罪，移送公安机关立案侦查');
    expect(t.status).toBe('transferred');
    expect(transitionProblems(t, 'resume', leader, { reason: '公安机关决定不予立案，移回处理' })).toEqual([]);
    expect(nextPenaltyStatus(t, 'resume')).toBe('investigating');
    expect(transitionProblems(t, 'close', leader)).toEqual([]);
  });
});

// ---------- deadlines ----------

describe('statutory periods on working days (R27, R29, R38)', () => {
  it('R38: 三日/五日/七日 are working days (行政处罚法 第八十五条) — across 国庆 2026 (10-01…10-07 off, 10-10 a working Saturday)', () => {
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(statementDefenseDue('2026-09-29')).toBe('2026-10-12');
    expect(serviceDue('2026-09-30', false)).toBe('2026-10-15');
    expect(serviceDue('2026-09-30', true)).toBe('2026-09-30');
    expect(latestHearingNoticeDate('2026-10-12')).toBe('2026-09-27');
    expect(hearingNoticeProblems('2026-09-28', '2026-10-12')).toEqual(['听证应当在举行的七个工作日前通知当事人：2026-10-12举行的听证最迟应于2026-09-27通知（《行政处罚法》第六十四条）']);
  });

  it('R38: 九十日 and 十五日 are calendar days; the party’s payment day rolls over a holiday, the agency’s decision day does not', () => {
    expect(decisionDue('2026-07-01')).toBe('2026-09-29');
    expect(decisionDue('2026-07-03')).toBe('2026-10-01');
    expect(paymentDue('2026-09-16')).toBe('2026-10-08');
    expect(paymentDue('2026-03-02')).toBe('2026-03-17');
    expect(remedyDeadlines('2026-03-02')).toEqual({ reconsideration: '2026-05-06', litigation: '2026-09-02' });
    expect(latePaymentSurcharge(10000, '2026-03-17', '2026-03-27')).toEqual({ days: 10, amount: 3000, perDay: 300, capped: false });
    expect(latePaymentSurcharge(10000, '2026-03-17', '2026-05-01')).toEqual({ days: 45, amount: 10000, perDay: 300, capped: true });
  });

  it('R29: the late-payment surcharge (《行政处罚法》第七十二条) — 3% a day from the day after the due day, to the fen, never above the fine', () => {
    // paid on the due day: nothing; the day after: one day
    expect(latePaymentSurcharge(37500, '2026-03-17', '2026-03-17')).toMatchObject({ days: 0, amount: 0, capped: false });
    expect(latePaymentSurcharge(37500, '2026-03-17', '2026-03-18')).toMatchObject({ days: 1, amount: 1125, perDay: 1125 });
    // 3% of 1234 yuan is 37.02 yuan: the fen are kept (the old rounding to the yuan dropped them)
    expect(latePaymentSurcharge(1234, '2026-03-17', '2026-03-20')).toMatchObject({ days: 3, amount: 111.06, perDay: 37.02 });
    // day 33 is still below the fine, day 34 reaches it and it stops there
    expect(latePaymentSurcharge(37500, '2026-03-17', addDays('2026-03-17', 33))).toMatchObject({ amount: 37125, capped: false });
    expect(latePaymentSurcharge(37500, '2026-03-17', addDays('2026-03-17', 34))).toMatchObject({ amount: 37500, capped: true });
    expect(latePaymentSurcharge(37500, '2026-03-17', addDays('2026-03-17', 400)).amount).toBe(37500);
    // reconsideration days are not counted (第七十三条第三款)
    expect(latePaymentSurcharge(37500, '2026-03-17', '2026-03-27', 10)).toMatchObject({ days: 0, amount: 0 });
  });

  it('R27: the hearing is held at the earliest seven working days after its notice — the same rule both ways', () => {
    expect(earliestHearingDate('2026-09-27')).toBe('2026-10-12');
    expect(hearingNoticeProblems('2026-09-27', earliestHearingDate('2026-09-27'))).toEqual([]);
    expect(hearingNoticeProblems('2026-09-28', earliestHearingDate('2026-09-27'))).toHaveLength(1);
  });

  it('R29: the reconsideration body is the people’s government of the agency’s level (《行政复议法》2023 第二十四条); the periods come from the period table', () => {
    expect(reconsiderationBody({ level: 'county', regionCode: '330106' })).toBe('杭州市西湖区人民政府');
    expect(reconsiderationBody({ level: 'city', regionCode: '330100' })).toBe('杭州市人民政府');
    expect(reconsiderationBody({ level: 'province', regionCode: '330000' })).toBe('浙江省人民政府');
    expect(reconsiderationBody({ level: 'county', regionCode: '110105' })).toBe('北京市朝阳区人民政府');
    expect(reconsiderationBody({ level: 'township', regionCode: '330106002' })).toBe('杭州市西湖区人民政府');
    const t = remediesText({ body: '杭州市西湖区人民政府' });
    expect(t).toContain('六十日内向杭州市西湖区人民政府申请行政复议');
    expect(t).toContain('六个月内依法向人民法院提起行政诉讼');
    expect(remediesText({ body: '杭州市西湖区人民政府', onTheSpot: true })).toContain('先向杭州市西湖区人民政府申请行政复议');
  });

  it('R29: publication by the stricter of 7 working days and 15 days — around 春节 2026 the 15 days are stricter, otherwise the 7 working days', () => {
    expect(publicationDue('2026-02-12')).toEqual({ due: '2026-02-27', byWorkingDays: '2026-02-28', byCalendarDays: '2026-02-27', rule: 'publication_calendar' });
    expect(publicationDue('2026-03-02')).toEqual({ due: '2026-03-11', byWorkingDays: '2026-03-11', byCalendarDays: '2026-03-17', rule: 'publication_working' });
    expect(publicationDue('2026-03-02', { statementDefenseWorkingDays: 5, decisionDays: 90, publicationWorkingDays: 7, publicationCalendarDays: 5, creditRepairWorkingDays: 3 }).due).toBe('2026-03-07');
  });

  it('R38: countdown helpers — days left, working days left, overdue', () => {
    expect(countdown('2026-10-09', '2026-09-30')).toEqual({ due: '2026-10-09', daysLeft: 9, workingDaysLeft: 2, overdue: false, dueToday: false });
    expect(countdown('2026-10-09', '2026-10-09')).toMatchObject({ daysLeft: 0, overdue: false, dueToday: true });
    expect(countdown('2026-10-09', '2026-10-12')).toMatchObject({ daysLeft: -3, workingDaysLeft: -2, overdue: true });
  });

  it('R25: 《安全生产法》第一百一十二条 — refusing to correct after a fine: the original fine per day from the day after the order', () => {
    const history: PastPenalty[] = [
      { id: 1, decidedOn: '2026-03-02', underWorkSafetyLaw: true, majorHazard: false, fine: 20000, correctionOrderedOn: '2026-03-02', correctionDeadline: '2026-03-16' },
      { id: 2, decidedOn: '2026-03-02', underWorkSafetyLaw: true, majorHazard: false, fine: 5000, correctionOrderedOn: '2026-03-02', correctionDeadline: '2026-03-16', correctedOn: '2026-03-10' },
      { id: 3, decidedOn: '2026-03-02', underWorkSafetyLaw: true, majorHazard: false, fine: 0, correctionOrderedOn: '2026-03-02', correctionDeadline: '2026-03-16' },
    ];
    expect(dailyPenaltyCandidates(history, '2026-03-16')).toEqual([]);
    const [c] = dailyPenaltyCandidates(history, '2026-03-20');
    expect(dailyPenaltyCandidates(history, '2026-03-20')).toHaveLength(1);
    expect(c).toMatchObject({ penaltyId: 1, from: '2026-03-03', until: '2026-03-20', days: 18, perDay: 20000, amount: 360000 });
    expect(c!.text).toContain('《安全生产法》第一百一十二条');
    // corrected late: counted up to the day before the correction
    expect(dailyPenaltyCandidates([{ ...history[0]!, correctedOn: '2026-03-18' }], '2026-03-25')[0]).toMatchObject({ until: '2026-03-17', days: 15 });
  });

  it('R25: 《安全生产法》第一百一十三条 — a major hazard penalised three times in 180 days or four times in a year: propose closure', () => {
    const p = (id: number, decidedOn: string, extra: Partial<PastPenalty> = {}): PastPenalty => ({ id, decidedOn, underWorkSafetyLaw: true, majorHazard: true, fine: 10000, ...extra });
    const three = [p(1, '2026-01-05'), p(2, '2026-03-10'), p(3, '2026-07-03')];
    expect(closureGrounds(three, {}, '2026-07-10')).toEqual([
      expect.objectContaining({ ground: 'major_hazard_repeat', clause: '《安全生产法》第一百一十三条第（一）项', penaltyIds: [1, 2, 3], window: { from: '2026-01-05', to: '2026-07-03', count: 3, span: '180_days' } }),
    ]);
    // 180 days apart is outside "一百八十日内"
    expect(closureGrounds([p(1, '2026-01-05'), p(2, '2026-03-10'), p(3, '2026-07-04')], {}, '2026-07-10')).toEqual([]);
    // four within a year
    const four = [p(1, '2026-01-05'), p(2, '2026-05-10'), p(3, '2026-09-10'), p(4, '2027-01-04')];
    expect(closureGrounds(four, {}, '2027-01-10')[0]).toMatchObject({ window: { from: '2026-01-05', to: '2027-01-04', count: 4, span: 'one_year' } });
    expect(closureGrounds([...four.slice(0, 3), p(4, '2027-01-05')], {}, '2027-01-10')).toEqual([]);
    // only penalties under this law for a major hazard count, and only those decided by today
    expect(closureGrounds([p(1, '2026-01-05'), p(2, '2026-02-10', { majorHazard: false }), p(3, '2026-03-03', { underWorkSafetyLaw: false }), p(4, '2026-04-01')], {}, '2026-12-31')).toEqual([]);
    expect(closureGrounds(three, {}, '2026-07-02')).toEqual([]);
    expect(closureGrounds([], { refusedSuspension: true, unsafeAfterSuspension: true }, '2026-07-10').map((g) => g.clause)).toEqual(['《安全生产法》第一百一十三条第（二）项', '《安全生产法》第一百一十三条第（四）项']);
  });
});
