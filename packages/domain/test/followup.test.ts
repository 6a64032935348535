import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  drawFollowUps,
  followUpAnswerProblems,
  followUpConcerns,
  followUpItemText,
  followUpQuestionnaire,
  followUpQuestions,
  followUpRatioProblem,
  followUpSampleSize,
  followUpShortfall,
  verifyFollowUpDraw,
  type FollowUpAnswers,
  type FollowUpDrawInput,
} from '../src/index.js';

const clean = (): FollowUpAnswers => Object.fromEntries(followUpQuestions.map((q) => [q.key, q.options[0]!.value]));
const input = (over: Partial<FollowUpDrawInput> = {}): FollowUpDrawInput => ({
  seed: 7,
  agencyId: 3,
  periodStart: '2026-03-01',
  periodEnd: '2026-03-31',
  percent: 10,
  pool: Array.from({ length: 95 }, (_, i) => ({ id: 1000 + i, enterpriseId: 1 + i })),
  mandatory: [],
  ...over,
});

describe('R33: the follow-up questionnaire (附件3)', () => {
  it('R33: has the eight items of 附件3, worded as in 江西《实施意见》', () => {
    expect(followUpQuestionnaire.map((i) => i.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(followUpQuestionnaire[0]!.text).toBe('执法人员何时到企业开展执法检查，检查发现什么问题，是否已整改完毕。');
    expect(followUpQuestionnaire[1]!.text).toBe('执法人员是否为两人以上共同执法，并主动出示行政执法证件。');
    expect(followUpQuestionnaire[6]!.text).toBe('执法人员是否存在吃、拿、卡、要，以及滥用职权等违法违纪行为。');
    expect(followUpQuestionnaire[7]!.text).toBe('对应急管理部门执法工作的总体评价及意见建议。');
    // question keys are unique
    expect(new Set(followUpQuestions.map((q) => q.key)).size).toBe(followUpQuestions.length);
  });

  it('R33: every question must be answered with one of its options; unknown questions are refused', () => {
    expect(followUpAnswerProblems(clean())).toEqual([]);
    const missing = clean();
    delete missing.improperDemand;
    expect(followUpAnswerProblems(missing)).toEqual(['第7项“是否存在吃、拿、卡、要行为”未作答']);
    expect(followUpAnswerProblems({ ...clean(), overall: 'excellent' })[0]).toContain('不是可选项');
    expect(followUpAnswerProblems({ ...clean(), other: 'yes' })[0]).toContain('没有');
    expect(followUpAnswerProblems({})).toHaveLength(followUpQuestions.length);
  });

  it('R33: misconduct answers (demands, no credentials, one officer …) become 核查事项; a clean visit opens none', () => {
    expect(followUpConcerns(clean())).toEqual([]);
    const c = followUpConcerns({ ...clean(), improperDemand: 'yes', credentialsShown: 'no', twoOfficers: 'no', visitMatches: 'no' });
    expect(c.map((x) => x.concern)).toEqual(['检查记录与企业所述不符，可能存在虚假检查', '执法人员少于两人', '未主动出示行政执法证件', '存在吃、拿、卡、要行为']);
    expect(c.map((x) => x.itemNo)).toEqual([1, 2, 2, 7]);
    // an overall "unsatisfied" is an opinion, not misconduct
    expect(followUpConcerns({ ...clean(), overall: 'unsatisfied' })).toEqual([]);
  });

  it('R33: an item reads in words for the ledger and the export', () => {
    const text = followUpItemText(followUpQuestionnaire[1]!, { ...clean(), credentialsShown: 'no' }, { '2': '只出示了工作证' });
    expect(text).toBe('是否两人以上共同执法：是；是否主动出示行政执法证件：否；说明：只出示了工作证');
  });
});

describe('R33: the follow-up ratio and draw', () => {
  it('R33: the province never below 10 %; cities and counties choose; the size rounds up', () => {
    expect(followUpRatioProblem('province', 9)).toContain('不得低于10%');
    expect(followUpRatioProblem('province', 10)).toBeNull();
    expect(followUpRatioProblem('county', 5)).toBeNull();
    expect(followUpRatioProblem('county', 0)).not.toBeNull();
    expect(followUpRatioProblem('city', 101)).not.toBeNull();
    expect(followUpSampleSize(95, 10)).toBe(10);
    expect(followUpSampleSize(100, 10)).toBe(10);
    expect(followUpSampleSize(3, 10)).toBe(1);
    expect(followUpSampleSize(0, 10)).toBe(0);
    expect(followUpShortfall(40, 3)).toBe(true);
    expect(followUpShortfall(40, 4)).toBe(false);
    expect(followUpShortfall(0, 0)).toBe(false);
  });

  it('R33: reproducible — the same seed and input give the same picks and hash whatever the input order; another seed differs', () => {
    const a = drawFollowUps(input());
    const b = drawFollowUps(input({ pool: [...input().pool].reverse() }));
    expect(b.picked).toEqual(a.picked);
    expect(b.inputHash).toBe(a.inputHash);
    expect(a.inputHash).toBe(createHash('sm3').update(a.inputText).digest('hex'));
    expect(a.required).toBe(10);
    expect(a.picked).toHaveLength(10);
    expect(new Set(a.picked.map((p) => p.enterpriseId)).size).toBe(10);
    const c = drawFollowUps(input({ seed: 8 }));
    expect(c.picked.map((p) => p.inspectionId)).not.toEqual(a.picked.map((p) => p.inspectionId));
  });

  it('R33: badly rated inspections are always added, on top of the ratio', () => {
    const r = drawFollowUps(input({ mandatory: [{ inspectionId: 1003, enterpriseId: 4, reason: 'negative_feedback' }, { inspectionId: 1003, enterpriseId: 4, reason: 'negative_feedback' }] }));
    expect(r.picked.filter((p) => p.reason === 'negative_feedback')).toEqual([{ inspectionId: 1003, enterpriseId: 4, reason: 'negative_feedback' }]);
    expect(r.picked.filter((p) => p.reason === 'random')).toHaveLength(10);
    expect(r.picked.filter((p) => p.enterpriseId === 4)).toHaveLength(1);
  });

  it('R33: verification re-runs the stored input and detects a changed result or input', () => {
    const r = drawFollowUps(input());
    expect(verifyFollowUpDraw(r.inputText, { inputHash: r.inputHash, picked: r.picked })).toMatchObject({ ok: true, reason: null });
    const changed = [...r.picked.slice(1), { inspectionId: 9999, enterpriseId: 9999, reason: 'random' }];
    expect(verifyFollowUpDraw(r.inputText, { inputHash: r.inputHash, picked: changed }).ok).toBe(false);
    const tampered = r.inputText.replace('"percent":10', '"percent":5');
    expect(verifyFollowUpDraw(tampered, { inputHash: r.inputHash, picked: r.picked }).reason).toContain('哈希');
  });
});
