// The periods of 查封、扣押 and 先行登记保存, the content checks of the evidence and measure documents and the escalation
// letters, and what a 卷宗 must hold once they were recorded.
import { describe, expect, it } from 'vitest';
import {
  actRemediesText,
  caseFileCompleteness,
  documentContentProblems,
  documentKindTable,
  documentKinds,
  evidencePreservationDue,
  isResidentIdNumber,
  penaltyPeriods,
  requiredCaseDocuments,
  seizureDue,
  seizureExtensionProblems,
  siteDocumentKinds,
} from '../src/index.js';

describe('R27: the periods of evidence preservation and seizure', () => {
  it('R27: 先行登记保存 is decided within 7 working days (第五十六条、第八十五条) — across 国庆 and its 调休 Saturday', () => {
    // Mon 28 Sep 2026: 29, 30 Sep, then 8, 9, Sat 10 Oct (调休 working day), 12, 13 Oct
    expect(evidencePreservationDue('2026-09-28')).toBe('2026-10-13');
    // a Friday before an ordinary weekend: 7 working days end the second Monday after
    expect(evidencePreservationDue('2026-03-06')).toBe('2026-03-17');
    expect(penaltyPeriods().evidence_preservation.unit).toBe('working_days');
  });
  it('R27: 查封、扣押 last 30 calendar days (《行政强制法》第二十五条), not moved off a holiday; extended once by 30', () => {
    expect(seizureDue('2026-03-02')).toBe('2026-04-01');
    // the 30th day falls in the 国庆 holiday: the agency's own limit does not roll over
    expect(seizureDue('2026-09-02')).toBe('2026-10-02');
    expect(seizureDue('2026-09-02', true)).toBe('2026-11-01');
    expect(penaltyPeriods().seizure).toMatchObject({ length: 30, unit: 'calendar_days', basis: '《行政强制法》第二十五条第一款' });
  });
  it('R27: an extension is refused a second time, after the period ended, or without reasons', () => {
    expect(seizureExtensionProblems({ decidedOn: '2026-03-02', alreadyExtended: false, on: '2026-04-01', reason: '检测机构尚未出具检验报告' })).toEqual([]);
    expect(seizureExtensionProblems({ decidedOn: '2026-03-02', alreadyExtended: true, on: '2026-03-20', reason: '检测机构尚未出具检验报告' })[0]).toContain('只能延长一次');
    expect(seizureExtensionProblems({ decidedOn: '2026-03-02', alreadyExtended: false, on: '2026-04-02', reason: '检测机构尚未出具检验报告' })[0]).toContain('已于2026-04-01届满');
    expect(seizureExtensionProblems({ decidedOn: '2026-03-02', alreadyExtended: false, on: '2026-03-20', reason: '' })[0]).toContain('理由');
  });
  it('R27: the remedies of a measure carry the periods of the table and say it is not suspended', () => {
    const t = actRemediesText('杭州市西湖区人民政府');
    expect(t).toContain('六十日内向杭州市西湖区人民政府申请行政复议');
    expect(t).toContain('六个月内依法向人民法院提起行政诉讼');
    expect(t).toContain('不停止执行');
  });
});

describe('R34/R35: the evidence, measure and escalation documents are real kinds', () => {
  it('R35: each has a title and a distinct abbreviation, appended after the existing kinds', () => {
    const abbr = documentKinds.map((k) => documentKindTable[k].abbreviation);
    expect(new Set(abbr).size).toBe(abbr.length);
    expect(documentKinds.slice(-siteDocumentKinds.length)).toEqual([...siteDocumentKinds]);
    expect(documentKindTable.interview_record.title).toBe('询问笔录');
    expect(documentKindTable.site_examination_record.title).toBe('勘验（检查）笔录');
  });
  it('R16: the ID number is checked with its check character', () => {
    expect(isResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isResidentIdNumber('110105194912310021')).toBe(false);
    expect(isResidentIdNumber('110105194913310028')).toBe(false);
  });
  it('R16: an interview record with one officer, a wrong ID number or no answers is refused, in Chinese', () => {
    const ok = {
      enterprise: { name: '某化工有限公司' },
      startedAt: '2026-03-02T01:00:00Z',
      endedAt: '2026-03-02T02:00:00Z',
      place: '企业会议室',
      interviewee: { name: '王五', sex: 'male', idNumber: '11010519491231002X', workUnit: '某化工有限公司', post: '安全员', phone: '13800000000', relation: '当事单位工作人员' },
      officers: [
        { name: '甲', credentialNo: '1' },
        { name: '乙', credentialNo: '2' },
      ],
      recusalAnswer: '不申请',
      qa: [{ q: '你单位的特种作业人员是否持证？', a: '有两人没有证。' }],
    };
    expect(documentContentProblems('interview_record', ok)).toEqual([]);
    const bad = documentContentProblems('interview_record', { ...ok, officers: ok.officers.slice(0, 1), interviewee: { ...ok.interviewee, idNumber: '110105194912310021' }, qa: [] });
    expect(bad).toEqual(['被询问人公民身份号码不正确（18位，含校验位）', '询问人员不得少于两人', '请记录询问的问题和回答']);
  });
  it('R23: an 约谈通知书 needs the time, place and who attends; a 督办 notice its supervising unit', () => {
    const base = { recipient: '某公司', enterprise: { name: '某公司' }, hazard: { description: '消防通道堵塞' }, history: { currentDeadline: '2026-03-01' }, requirement: '立即整改', requiredBy: '2026-03-20' };
    expect(documentContentProblems('hazard_letter', base)).toEqual([]);
    expect(documentContentProblems('interview_notice', base)).toEqual(['请填写约谈时间']);
    expect(documentContentProblems('interview_notice', { ...base, meeting: { at: '2026-03-10T02:00:00Z', place: '', attendees: [] } })).toEqual(['请填写约谈地点', '请填写须参加约谈的人员']);
    expect(documentContentProblems('supervision_notice', base)).toEqual(['请填写督办单位']);
  });
});

describe('R29: the 卷宗 of a case with evidence and measures', () => {
  const big = { kind: 'penalty' as const, fine: 80000, sanctions: [] };
  const kinds = (c: Parameters<typeof requiredCaseDocuments>[0]) => requiredCaseDocuments(c).map((d) => d.kind);
  it('R29: a case from an inspection, investigated to a decision, holds an 询问笔录 or 勘验（检查）笔录 after the 立案审批表', () => {
    const c = { procedure: 'general' as const, partyKind: 'organization' as const, openedOn: '2026-03-01', notifiedOn: '2026-03-10', notified: big, decision: big, fromInspection: true };
    // 8万元 carries the hearing right, so the case is major: decided after a 集体讨论 (第五十七条第二款)
    expect(kinds(c)).toEqual(['case_opening_approval', 'interview_record', 'penalty_notice', 'hearing_notice', 'collective_discussion_record', 'penalty_decision', 'credit_repair_notice']);
    const issued = ['case_opening_approval', 'penalty_notice', 'hearing_notice', 'collective_discussion_record', 'penalty_decision', 'credit_repair_notice'];
    expect(caseFileCompleteness(c, issued).missing.map((d) => d.label)).toEqual(['询问笔录或勘验（检查）笔录']);
    expect(caseFileCompleteness(c, [...issued, 'site_examination_record']).missing).toEqual([]);
    expect(caseFileCompleteness(c, [...issued, 'interview_record']).missing).toEqual([]);
  });
  it('R29: a decision on the spot, a case not yet investigated and a case not from an inspection need no 笔录', () => {
    expect(kinds({ procedure: 'simple', partyKind: 'organization', decidedOnSpot: true, decision: { kind: 'penalty', fine: 1000, sanctions: [] }, fromInspection: true })).toEqual(['penalty_decision', 'credit_repair_notice']);
    expect(kinds({ procedure: 'general', partyKind: 'organization', openedOn: '2026-03-01', fromInspection: true })).toEqual(['case_opening_approval']);
    expect(kinds({ procedure: 'general', partyKind: 'organization', openedOn: '2026-03-01', decision: big, notifiedOn: '2026-03-10', notified: big })).not.toContain('interview_record');
  });
  it('R29: a 查封扣押 requires its 决定书, a 先行登记保存 its 通知书', () => {
    expect(kinds({ procedure: 'general', partyKind: 'organization', openedOn: '2026-03-01', seized: true, preserved: true })).toEqual(['case_opening_approval', 'evidence_preservation_notice', 'seizure_decision']);
  });
});
