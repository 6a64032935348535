import { describe, expect, it } from 'vitest';
import { caseFileCompleteness, requiredCaseDocuments } from '../src/index.js';

const kinds = (c: Parameters<typeof requiredCaseDocuments>[0]) => requiredCaseDocuments(c).map((d) => d.kind);

describe('R29: the documents a 卷宗 must hold', () => {
  it('R29: a general-procedure penalty with the hearing right needs opening, notices, decision and credit-repair notice', () => {
    const big = { kind: 'penalty' as const, fine: 80000, sanctions: [] };
    expect(kinds({ procedure: 'general', partyKind: 'organization', openedOn: '2026-03-01', notifiedOn: '2026-03-10', notified: big, decision: big })).toEqual([
      'case_opening_approval',
      'penalty_notice',
      'hearing_notice',
      // 8万元 is a major case (R28): decided after the leaders' collective discussion (第五十七条第二款)
      'collective_discussion_record',
      'penalty_decision',
      'credit_repair_notice',
    ]);
  });
  it('R29: without the hearing right there is no hearing notice', () => {
    const small = { kind: 'penalty' as const, fine: 5000, sanctions: [] };
    expect(kinds({ procedure: 'general', partyKind: 'organization', openedOn: '2026-03-01', notifiedOn: '2026-03-10', notified: small, decision: small })).not.toContain('hearing_notice');
  });
  it('R29: a simple procedure decided on the spot needs the decision only (and the credit-repair notice)', () => {
    expect(kinds({ procedure: 'simple', partyKind: 'citizen', openedOn: '2026-03-01', decidedOnSpot: true, decision: { kind: 'penalty', fine: 100, sanctions: [] } })).toEqual(['penalty_decision', 'credit_repair_notice']);
  });
  it('R29: a no-penalty decision needs no notice and no credit-repair notice', () => {
    expect(kinds({ procedure: 'general', partyKind: 'organization', openedOn: '2026-03-01', decision: { kind: 'no_penalty', fine: 0, sanctions: [] } })).toEqual(['case_opening_approval', 'penalty_decision']);
  });
  it('R30: a transferred case needs the transfer letter', () => {
    expect(kinds({ procedure: 'general', partyKind: 'organization', openedOn: '2026-03-01', transferredTo: '某县公安局' })).toEqual(['case_opening_approval', 'case_transfer']);
  });
  it('R29: the missing ones are named by their titles', () => {
    const r = caseFileCompleteness({ procedure: 'general', partyKind: 'organization', openedOn: '2026-03-01', transferredTo: '某县公安局' }, ['case_opening_approval']);
    expect(r.missing).toEqual([{ kind: 'case_transfer', label: '案件移送书' }]);
  });

  const big = { kind: 'penalty' as const, fine: 80000, sanctions: [] };
  const notice = { time: '09:30', place: '听证室', panelists: [], clerk: '吴某' };
  const minutes = { attended: true, partyAttendees: [{ name: '赵某', role: '委托代理人' }], investigatorCase: '事实', partyStatement: '申辩', crossExamination: '质证', finalStatements: '陈述' };
  const general = { procedure: 'general' as const, partyKind: 'organization' as const, openedOn: '2026-03-01', notifiedOn: '2026-03-10', notified: big, decision: big };
  it('R27/R28/R29: a hearing held, reviewed, discussed and served: 听证通知书, 听证笔录, 法制审核意见书, 集体讨论记录 and 送达回证, in 归档 order', () => {
    expect(kinds({ ...general, hearing: { requestedOn: '2026-03-11', noticeOn: '2026-03-12', heldOn: '2026-03-23', hostId: 3, notice, minutes }, legalReviewed: true, servedOn: '2026-03-30' })).toEqual([
      'case_opening_approval',
      'penalty_notice',
      'hearing_notice',
      'hearing_notification',
      'hearing_record',
      'legal_review_opinion',
      'collective_discussion_record',
      'penalty_decision',
      'credit_repair_notice',
      'service_record',
    ]);
  });
  it('R27: a hearing withdrawn after its notice needs the notice, not the record; one the party did not attend needs the record of non-attendance only once recorded', () => {
    const withdrawn = kinds({ ...general, hearing: { requestedOn: '2026-03-11', noticeOn: '2026-03-12', heldOn: '2026-03-23', hostId: 3, notice, abandoned: true, withdrawnOn: '2026-03-20' } });
    expect(withdrawn).toContain('hearing_notification');
    expect(withdrawn).not.toContain('hearing_record');
    const absent = { requestedOn: '2026-03-11', noticeOn: '2026-03-12', heldOn: '2026-03-23', hostId: 3, notice, abandoned: true };
    expect(kinds({ ...general, hearing: absent })).not.toContain('hearing_record');
    expect(kinds({ ...general, hearing: { ...absent, minutes: { ...minutes, attended: false, absenceNote: '当事人未到场' } } })).toContain('hearing_record');
    // a request withdrawn before any notice: neither
    expect(kinds({ ...general, hearing: { requestedOn: '2026-03-11', abandoned: true, withdrawnOn: '2026-03-12' } })).not.toContain('hearing_notification');
  });
  it('R28: a case below the major-case thresholds needs no 集体讨论记录; one migrated from the yes/no flag neither', () => {
    const small = { kind: 'penalty' as const, fine: 5000, sanctions: [] };
    expect(kinds({ ...general, notified: small, decision: small })).not.toContain('collective_discussion_record');
    expect(kinds({ ...general, legacyCollectiveDiscussion: true })).not.toContain('collective_discussion_record');
  });
});
