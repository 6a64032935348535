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
});
