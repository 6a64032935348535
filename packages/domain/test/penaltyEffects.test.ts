import { describe, expect, it } from 'vitest';
import { actionReason, decisionDue, decisionOutcome, penaltyActionEffects, RIGHTS_WAIVER_TEXT, worstCircumstance, type ActionEffectCase, type ActionEffectInput } from '../src/penalty/index.js';

const fresh: ActionEffectCase = { procedure: 'general', partyKind: 'organization', statementReceived: false, statementText: null, hearing: null, noPenaltyBasis: null };
const fine = { kind: 'penalty' as const, fine: 30000, sanctions: [] as const };
const step = (action: ActionEffectInput['action'], more: Partial<ActionEffectInput> = {}, c: ActionEffectCase = fresh) =>
  penaltyActionEffects(c, { action, today: '2026-03-02', on: '2026-03-02', reason: null, proposal: fine, reasoning: '', decidedBy: '王局长', ...more });

describe('what a step of a penalty case changes (R27–R30)', () => {
  it('R38: opening sets the day and the 90-day decision deadline; the case number is the 立案审批表 number', () => {
    const e = step('open');
    expect(e.set).toEqual({ openedOn: '2026-03-02', decisionDue: decisionDue('2026-03-02') });
    expect(e.caseNumberFromFirstDocument).toBe(true);
  });

  it('R27: a new notice starts the party’s rights over (statement, waiver and hearing request cleared)', () => {
    const e = step('notify', {}, { ...fresh, statementReceived: true, hearing: { requestedOn: '2026-01-05' } });
    expect(e.set).toMatchObject({ notified: fine, notifiedOn: '2026-03-02', statementReceived: false, rightsWaived: false, hearing: null });
    expect(step('notify', { proposal: { kind: 'penalty', fine: 500000, sanctions: [] } }).documents.hearingNotice).toBe(true); // a large fine: a hearing may be asked for
    expect(step('notify', { proposal: { kind: 'penalty', fine: 1000, sanctions: [] } }).documents.hearingNotice).toBe(false);
  });

  it('R27: a further statement is appended as a supplement on the day received, not replacing the first', () => {
    const first = step('record_statement', { reason: '已整改' });
    expect(first.set).toEqual({ statementReceived: true, statementText: '已整改' });
    const again = step('record_statement', { reason: '补交票据', on: '2026-03-04' }, { ...fresh, statementReceived: true, statementText: '已整改' });
    expect(again.set.statementText).toBe('已整改\n【补充陈述、申辩（2026-03-04）】补交票据');
  });

  it('R27: a hearing request is dated the day made; its withdrawal keeps the request and marks it abandoned', () => {
    expect(step('request_hearing', { on: '2026-03-01' }).set.hearing).toEqual({ requestedOn: '2026-03-01' });
    expect(step('withdraw_hearing', {}, { ...fresh, hearing: { requestedOn: '2026-03-01', noticeOn: '2026-03-02' } }).set.hearing).toEqual({ requestedOn: '2026-03-01', noticeOn: '2026-03-02', abandoned: true, withdrawnOn: '2026-03-02' });
    expect(actionReason('waive_rights', ' ')).toBe(RIGHTS_WAIVER_TEXT);
    expect(actionReason('record_statement', ' 已整改 ')).toBe('已整改');
  });

  it('R28: submitting opens a legal review, approving or rejecting concludes it with the 法制审核意见书', () => {
    expect(step('submit_review').legalReview).toBe('submit');
    expect(step('approve_review')).toMatchObject({ legalReview: 'approved', documents: { legalReviewOpinion: true } });
    expect(step('reject_review')).toMatchObject({ legalReview: 'returned', documents: { legalReviewOpinion: true } });
  });

  it('R29: a general-procedure penalty decision is published and recorded in credit; a simple one only recorded', () => {
    const e = step('decide', { reasoning: '情节一般' });
    expect(e.set).toMatchObject({ decidedOn: '2026-03-02', decision: { ...fine, reasoning: '情节一般', decidedBy: '王局长', decidedOn: '2026-03-02', noPenaltyBasis: null } });
    expect(e).toMatchObject({ publication: true, credit: true });
    const spot = step('decide_on_spot', {}, { ...fresh, procedure: 'simple' });
    expect(spot.set.openedOn).toBe('2026-03-02');
    expect(spot).toMatchObject({ publication: false, credit: true });
    expect(step('decide', { proposal: { kind: 'no_penalty', fine: 0, sanctions: [] } }).publication).toBe(false);
  });

  it('R29/R30: serving records the 送达回证 facts (served today unless dated); a transfer names the organ', () => {
    const service = { method: 'direct' as const, recipient: '某公司', place: '公司办公室' };
    expect(step('serve', { service }).set).toEqual({ servedOn: '2026-03-02', service: { ...service, servedOn: '2026-03-02' } });
    expect(step('serve', { service }).documents.serviceRecord).toBe(true);
    expect(step('transfer', { transferTo: ' 某市公安局 ' }).set).toEqual({ transferredTo: '某市公安局' });
    expect(step('close').set).toEqual({ closedOn: '2026-03-02' });
  });

  it('R18: a decision with only orders to correct is rectification only; the worst circumstance is the most serious', () => {
    expect(decisionOutcome('decide', { kind: 'penalty', fine: 0, sanctions: ['order_correction'] })).toBe('rectification_only');
    expect(decisionOutcome('decide', fine)).toBe('penalty');
    expect(decisionOutcome('cancel', fine)).toBe('no_penalty');
    expect(worstCircumstance(['general', 'severe', 'minor'])).toBe('severe');
    expect(worstCircumstance([])).toBeNull();
  });
});
