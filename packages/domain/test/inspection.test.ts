import { describe, expect, it } from 'vitest';
import {
  backfillDue,
  backfillOverdue,
  catalogueProblems,
  closingProblems,
  completionProblems,
  defaultCheckItemCatalogue,
  dispositionProblems,
  dueEscalations,
  feedbackConcerns,
  filingProblems,
  industries,
  itemsForIndustry,
  type AnswerResult,
} from '../src/index.js';

const officer = (id: number, validTo = '2028-12-31') => ({ id, name: `执法员${id}`, credentialNo: `33010600${id}`, credentialValidFrom: '2020-01-01', credentialValidTo: validTo });

describe('check items ', () => {
  it('R17: the catalogue has the 14 general items of 江西《实施意见》附件1 and items for every industry', () => {
    const general = defaultCheckItemCatalogue.items.filter((i) => i.scope === 'general');
    expect(general.map((i) => i.code)).toEqual(Array.from({ length: 14 }, (_, k) => `G${String(k + 1).padStart(2, '0')}`));
    expect(general[0]!.title).toBe('主要负责人履行职责情况');
    expect(general[13]!.title).toBe('预案制修定、应急演练等应急准备工作情况');
    for (const ind of industries) expect(itemsForIndustry(defaultCheckItemCatalogue, ind).length).toBeGreaterThan(14);
    expect(catalogueProblems(defaultCheckItemCatalogue.items)).toEqual([]);
  });

  it('R17: a chemical enterprise is checked against the chemical major-hazard criteria, not the mining ones', () => {
    const items = itemsForIndustry(defaultCheckItemCatalogue, 'hazardous_chemicals');
    expect(items.some((i) => i.code === 'C13' && i.majorHazardStandard?.includes('化工和危险化学品'))).toBe(true);
    expect(items.some((i) => i.scope === 'mining')).toBe(false);
  });

  it('R17/R18: major-hazard items read as requirements (符合 = met); the standard\'s wording of the hazard is kept as the criterion', () => {
    const major = defaultCheckItemCatalogue.items.filter((i) => i.majorHazardStandard);
    expect(major.length).toBeGreaterThan(20);
    for (const i of major) {
      expect(i.criterion, i.code).toBeTruthy();
      expect(i.title, i.code).not.toEqual(i.criterion);
      // the standard words a hazard as a failure (未…/超过…/共用…); the checklist states what is required
      expect(i.title.startsWith('未'), i.code).toBe(false);
    }
    const i11 = major.find((i) => i.code === 'I11')!;
    expect(i11.title).toBe('对承包单位、承租单位的安全生产工作统一协调、管理，并定期进行安全检查');
    expect(i11.criterion).toBe('未对承包单位、承租单位的安全生产工作统一协调、管理，或者未定期进行安全检查');
  });

  it('R17: an edited catalogue with duplicate codes or no general item is refused', () => {
    expect(catalogueProblems([{ code: 'C11', scope: 'hazardous_chemicals', title: 'x' }, { code: 'C11', scope: 'hazardous_chemicals', title: 'y' }])).toEqual([
      '事项编码“C11”重复',
      '检查事项清单至少应包含一项通用检查事项',
    ]);
    expect(catalogueProblems([{ code: 'g1', scope: 'general', title: ' ' }])).toHaveLength(2);
  });
});

describe('filing (R15, R16)', () => {
  const base = { legalBasis: '《安全生产法》第六十五条', itemCodes: ['G01'], date: '2026-11-23' };
  it('R16: two officers with valid credentials are required', () => {
    expect(filingProblems({ ...base, officers: [officer(1), officer(2)] })).toEqual([]);
    expect(filingProblems({ ...base, officers: [officer(1)] })).toEqual(['执法检查须由两名以上执法人员共同进行']);
    expect(filingProblems({ ...base, officers: [officer(1), officer(1)] })).toHaveLength(1);
  });
  it('R16: an officer whose credential has expired on the inspection date cannot be filed', () => {
    const p = filingProblems({ ...base, officers: [officer(1), officer(2, '2026-11-22')] });
    expect(p).toHaveLength(1);
    expect(p[0]).toContain('执法员2的执法证');
    expect(filingProblems({ ...base, date: '2026-11-22', officers: [officer(1), officer(2, '2026-11-22')] })).toEqual([]);
  });
  it('R15: legal basis and check items are required', () => {
    expect(filingProblems({ legalBasis: '', itemCodes: [], date: '2026-11-23', officers: [officer(1), officer(2)] })).toEqual([
      '请填写检查的法律依据',
      '请至少选择一项检查事项',
    ]);
  });
});

describe('emergency backfill (R15, R38)', () => {
  it('R15/R38: the backfill is due 1 working day after entry, across weekends and the National Day holiday', () => {
    expect(backfillDue('2026-11-23')).toBe('2026-11-24'); // Monday → Tuesday
    expect(backfillDue('2026-11-20')).toBe('2026-11-23'); // Friday → Monday
    expect(backfillDue('2026-09-30')).toBe('2026-10-08'); // before 国庆 → first working day after it
  });
  it('R15: overdue only after the due day ends', () => {
    expect(backfillOverdue('2026-11-20', null, '2026-11-23')).toBe(false);
    expect(backfillOverdue('2026-11-20', null, '2026-11-24')).toBe(true);
    expect(backfillOverdue('2026-11-20', '2026-11-23', '2026-12-01')).toBe(false);
    expect(backfillOverdue('2026-11-20', '2026-11-24', '2026-12-01')).toBe(true);
  });
});

describe('completing an inspection ', () => {
  const done = {
    filed: true,
    credentialsShown: true,
    commitmentSigned: true,
    itemCodes: ['G01', 'G02'],
    answers: new Map<string, AnswerResult>([
      ['G01', 'conform'],
      ['G02', 'nonconform'],
    ]),
    findingItemCodes: new Set(['G02']),
    examCount: 1,
    certificateCount: 1,
  };
  it('R16–R18: a complete inspection has no problems', () => expect(completionProblems(done)).toEqual([]));
  it('R18: a non-conformity without a finding blocks completion', () => {
    expect(completionProblems({ ...done, findingItemCodes: new Set() })).toEqual(['不符合的事项须逐项处理（当场整改、隐患整改或立案调查）：G02']);
  });
  it('R16/R17: commitment, credentials, answers, 逢查必考 and 逢查必检 are required', () => {
    const p = completionProblems({ ...done, filed: false, credentialsShown: false, commitmentSigned: false, answers: new Map(), examCount: 0, certificateCount: 0 });
    expect(p).toHaveLength(6);
    expect(p.join()).toContain('还有2项检查事项未填写结果');
  });
});

describe('findings and hazards (R18, R22, R24)', () => {
  const today = '2026-11-23';
  it('R18: a major hazard cannot be settled by fixing it on the spot', () => {
    expect(dispositionProblems({ disposition: 'fixed_on_spot', major: true, evidenceCount: 1, today, deadline: '2026-12-01', responsiblePerson: '张三', trackerName: '李四' })).toEqual([
      '重大事故隐患不得以当场整改了结，须责令整改并依法立案处罚',
    ]);
  });
  it('R22: a hazard needs a future deadline and a responsible person; a major hazard a named tracker', () => {
    expect(dispositionProblems({ disposition: 'hazard', major: false, evidenceCount: 0, today, deadline: '2026-12-01', responsiblePerson: '张三' })).toEqual([]);
    expect(dispositionProblems({ disposition: 'hazard', major: true, evidenceCount: 0, today, deadline: '2026-11-01', responsiblePerson: '' })).toEqual([
      '整改期限不能早于今天',
      '请填写企业整改责任人',
      '重大事故隐患须指定跟踪督办人',
    ]);
    expect(dispositionProblems({ disposition: 'fixed_on_spot', major: false, evidenceCount: 0, today })).toEqual(['当场整改须附整改后的照片等证据']);
  });
  const passed = { major: false, reinspectionPassed: true, reinspectionEvidenceCount: 1, penaltyCaseId: null, noPenaltyReason: null, rootCause: null };
  it('R22: closing needs a passed reinspection with evidence', () => {
    expect(closingProblems(passed)).toEqual([]);
    expect(closingProblems({ ...passed, reinspectionPassed: false })).toEqual(['隐患须经复查合格后才能销号']);
    expect(closingProblems({ ...passed, reinspectionEvidenceCount: 0 })).toEqual(['复查须附整改后的证据']);
  });
  it('R18/R24: a major hazard closes only with a penalty case (or a legal reason) and the four root-cause answers', () => {
    const p = closingProblems({ ...passed, major: true });
    expect(p).toHaveLength(2);
    expect(p[0]).toContain('不能以责令整改代替行政处罚');
    expect(p[1]).toContain('四不放过');
    const rootCause = { cause: '除尘器未设泄爆', responsibility: '车间主任已处理', education: '全员培训', measures: '加装泄爆片' };
    expect(closingProblems({ ...passed, major: true, penaltyCaseId: 7, rootCause })).toEqual([]);
    expect(closingProblems({ ...passed, major: true, noPenaltyReason: '依据《行政处罚法》第三十三条首违不罚', rootCause })).toEqual([]);
    expect(closingProblems({ ...passed, major: true, noPenaltyReason: '不罚', rootCause })).toHaveLength(1);
  });
});

describe('escalation (R23, R38)', () => {
  it('R23: 函告 → 通报 → 约谈 → 督办 by working days overdue, never skipping a step', () => {
    expect(dueEscalations('2026-11-23', '2026-11-23')).toEqual([]);
    expect(dueEscalations('2026-11-20', '2026-11-22')).toEqual([]); // the weekend is not overdue time
    expect(dueEscalations('2026-11-20', '2026-11-23')).toEqual(['letter']);
    expect(dueEscalations('2026-11-02', '2026-11-09')).toEqual(['letter', 'notice']);
    expect(dueEscalations('2026-11-02', '2026-11-16')).toEqual(['letter', 'notice', 'interview']);
    expect(dueEscalations('2026-11-02', '2026-11-23')).toEqual(['letter', 'notice', 'interview', 'supervision']);
  });
  it('R23/R38: the National Day holiday does not count as overdue time', () => {
    expect(dueEscalations('2026-09-30', '2026-10-07')).toEqual([]);
    expect(dueEscalations('2026-09-30', '2026-10-08')).toEqual(['letter']);
  });
});

describe('enterprise feedback ', () => {
  it('R19: a missing duty or an improper demand is a concern for oversight', () => {
    const good = { twoOfficers: true, credentialsShown: true, courteous: true, rightsExplained: true, guidance: true, improperDemand: false };
    expect(feedbackConcerns(good)).toEqual([]);
    expect(feedbackConcerns({ ...good, credentialsShown: false, improperDemand: true })).toEqual([
      '执法人员是否主动出示行政执法证件：否',
      '执法人员是否有吃拿卡要、指定服务机构等不当要求：是',
    ]);
  });
});

describe('escalation cut-offs ', () => {
  it('R23: the set-based cut-offs agree with the ladder for every deadline, across holidays', async () => {
    const { escalationCutoffs, addDays, escalationLevels } = await import('../src/index.js');
    for (const today of ['2026-10-09', '2026-11-23', '2026-02-24', '2027-01-04']) {
      const cut = escalationCutoffs(today);
      for (let k = 0; k < 60; k++) {
        const deadline = addDays(today, -k);
        const expected = dueEscalations(deadline, today);
        expect(escalationLevels.filter((l) => deadline <= cut[l]), `${deadline} → ${today}`).toEqual(expected);
      }
    }
  });
});
