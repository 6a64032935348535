import { describe, expect, it } from 'vitest';
import {
  availablePenaltyActions,
  collectiveDiscussionProblems,
  todoItem,
  todoKindDefs,
  todoKindsByRole,
  todoMenuCounts,
  transitionProblems,
  type PenaltyCaseState,
} from '../src/index.js';

const inReview = (c: Partial<PenaltyCaseState> = {}): PenaltyCaseState => ({
  status: 'legal_review',
  procedure: 'general',
  partyKind: 'organization',
  investigatorIds: [11, 12],
  notifiedOn: '2026-03-02',
  rightsWaived: true,
  notified: { kind: 'penalty', fine: 10000, sanctions: [] },
  proposal: { kind: 'penalty', fine: 10000, sanctions: [] },
  legalReview: { reviewerId: 0, approved: null, submittedBy: 7 },
  ...c,
});

describe('four eyes ', () => {
  it('R28: the user who submitted the review cannot review it; an investigator neither; another reviewer can', () => {
    expect(transitionProblems(inReview(), 'approve_review', { id: -7, role: 'legal_reviewer', userId: 7 }, { reason: '同意' })).toContain('提交法制审核的人员不得审核本人提交的案件');
    expect(transitionProblems(inReview(), 'approve_review', { id: 11, role: 'legal_reviewer', userId: 8 }, { reason: '同意' })).toContain('法制审核人员不得为本案承办人员');
    expect(transitionProblems(inReview(), 'approve_review', { id: -9, role: 'legal_reviewer', userId: 9 }, { reason: '同意' })).toEqual([]);
  });

  it('R28: once the round has its conclusion the review actions are gone; the decision is never an investigator’s nor the submitter’s', () => {
    const approved = inReview({ legalReview: { reviewerId: 9, approved: true, submittedBy: 7 } });
    expect(availablePenaltyActions(approved, { id: -9, role: 'legal_reviewer', userId: 9 })).toEqual([]);
    expect(transitionProblems(approved, 'approve_review', { id: -9, role: 'legal_reviewer', userId: 9 })[0]).toContain('法制审核已通过');
    expect(availablePenaltyActions(approved, { id: -20, role: 'leader', userId: 20 })).toContain('decide');
    expect(availablePenaltyActions(approved, { id: 12, role: 'leader', userId: 21 })).not.toContain('decide');
    expect(transitionProblems(approved, 'decide', { id: 12, role: 'leader', userId: 21 })).toContain('本案承办人员不得对本案作出处罚决定，应由其他机关负责人决定');
    expect(transitionProblems(approved, 'decide', { id: -7, role: 'leader', userId: 7 })).toContain('提交法制审核的人员不得对本案作出决定');
  });
});

describe('负责人集体讨论 ', () => {
  const three = [
    { name: '张局长', position: '局长' },
    { name: '李副局长', position: '副局长' },
    { name: '王副局长', position: '副局长' },
  ];
  const opinions = [{ name: '张局长', opinion: '同意法制审核意见' }];
  it('R28: three distinct participants with positions and a conclusion, on a day between 立案 and today', () => {
    expect(collectiveDiscussionProblems({ heldOn: '2026-03-10', participants: three, conclusion: '同意处罚决定', opinions }, '2026-03-10', '2026-03-02')).toEqual([]);
    expect(collectiveDiscussionProblems({ heldOn: '2026-03-10', participants: three.slice(0, 2), conclusion: '同意处罚决定', opinions }, '2026-03-10').join()).toContain('3名以上');
    expect(collectiveDiscussionProblems({ heldOn: '2026-03-10', participants: [...three.slice(0, 2), three[0]!], conclusion: '同意处罚决定', opinions }, '2026-03-10').join()).toContain('重复');
    expect(collectiveDiscussionProblems({ heldOn: '2026-03-10', participants: [...three.slice(0, 2), { name: '赵副局长', position: ' ' }], conclusion: '同意处罚决定', opinions }, '2026-03-10').join()).toContain('职务');
    expect(collectiveDiscussionProblems({ heldOn: '2026-03-10', participants: three, conclusion: '同意', opinions }, '2026-03-10').join()).toContain('结论');
    expect(collectiveDiscussionProblems({ heldOn: '2026-03-11', participants: three, conclusion: '同意处罚决定', opinions }, '2026-03-10').join()).toContain('晚于今天');
    expect(collectiveDiscussionProblems({ heldOn: '2026-03-01', participants: three, conclusion: '同意处罚决定', opinions }, '2026-03-10', '2026-03-02').join()).toContain('早于立案日期');
  });
  it('R28: the record holds the participants\' opinions, each by one who took part', () => {
    expect(collectiveDiscussionProblems({ heldOn: '2026-03-10', participants: three, conclusion: '同意处罚决定', opinions: [] }, '2026-03-10').join()).toContain('讨论意见');
    expect(collectiveDiscussionProblems({ heldOn: '2026-03-10', participants: three, conclusion: '同意处罚决定', opinions: [{ name: '赵科长', opinion: '同意' }] }, '2026-03-10').join()).toContain('参加讨论的人员');
  });
});

describe('to-do kinds', () => {
  it('every kind has a Chinese title, a link and a menu entry; each role its own kinds, the administrator none', () => {
    for (const d of Object.values(todoKindDefs)) {
      expect(d.title).toMatch(/^[\u4e00-\u9fa5、，（）]+$/);
      expect(d.link.startsWith('/')).toBe(true);
    }
    const all = Object.values(todoKindsByRole).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(todoKindsByRole.admin).toEqual([]);
  });

  it('an item is overdue only when it has pending work past its due day; the menu adds up the counts of its entries', () => {
    expect(todoItem('hazard_rectify', 2, '2026-03-10', '2026-03-09')).toMatchObject({ count: 2, due: '2026-03-09', overdue: true, title: '隐患待整改' });
    expect(todoItem('hazard_rectify', 2, '2026-03-10', '2026-03-10')).toMatchObject({ overdue: false });
    expect(todoItem('hazard_rectify', 0, '2026-03-10', '2026-03-01')).toEqual({ kind: 'hazard_rectify', title: '隐患待整改', count: 0, link: '/hazards?status=open', overdue: false });
    expect(todoItem('case_step', 1, '2026-03-10', null, '/cases/5').link).toBe('/cases/5');
    expect(todoMenuCounts([{ kind: 'case_opening', count: 2 }, { kind: 'case_decision', count: 1 }, { kind: 'plan_approval', count: 0 }])).toEqual({ '/cases': 3, '/plans': 0 });
  });
});
