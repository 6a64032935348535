// 案卷评查 (R34): the scoring sheet, scores and grades, the league table, and the verifiable review draw.
import { describe, expect, it } from 'vitest';
import {
  defaultReviewSheet,
  drawReviewSample,
  gradeOf,
  itemsFor,
  leagueTable,
  quarterPeriod,
  reviewSheetProblems,
  scoreReview,
  verifyReviewDraw,
  type ItemScore,
  type ReviewSheet,
} from '../src/index.js';

const clean = (sheet: ReviewSheet, kind: 'penalty' | 'inspection'): ItemScore[] => itemsFor(sheet, kind).map((it) => ({ code: it.code, deduction: 0 }));

describe('R34 case-file review: scoring sheet', () => {
  it('R34: the default sheet is valid, covers all seven sections and both kinds of file', () => {
    expect(reviewSheetProblems(defaultReviewSheet)).toEqual([]);
    expect(new Set(defaultReviewSheet.items.map((i) => i.section))).toEqual(new Set(['subject', 'evidence', 'law', 'procedure', 'discretion', 'documents', 'archive']));
    expect(itemsFor(defaultReviewSheet, 'penalty').length).toBeGreaterThan(10);
    expect(itemsFor(defaultReviewSheet, 'inspection').length).toBeGreaterThan(10);
  });

  it('R34: a clean file scores 100 and is excellent; deductions give the share kept, rounded to one decimal', () => {
    expect(scoreReview(defaultReviewSheet, 'penalty', clean(defaultReviewSheet, 'penalty'))).toMatchObject({ score: 100, grade: 'excellent', veto: false, defects: [] });
    const total = itemsFor(defaultReviewSheet, 'penalty').reduce((s, i) => s + i.points, 0);
    const scores = clean(defaultReviewSheet, 'penalty').map((s) => (s.code === 'E2' ? { code: 'E2', deduction: 6, note: '现场照片未注明拍摄时间' } : s.code === 'D1' ? { code: 'D1', deduction: 5.5, note: '未说明裁量理由' } : s));
    const r = scoreReview(defaultReviewSheet, 'penalty', scores);
    expect(r.applicablePoints).toBe(total);
    expect(r.deducted).toBe(11.5);
    expect(r.score).toBe(Math.round(((total - 11.5) / total) * 1000) / 10);
    expect(r.defects.map((d) => [d.code, d.note])).toEqual([['E2', '现场照片未注明拍摄时间'], ['D1', '未说明裁量理由']]);
  });

  it('R34: a deduction on a veto item (执法人员无证) fails the file whatever the total', () => {
    const scores = clean(defaultReviewSheet, 'inspection').map((s) => (s.code === 'S2' ? { code: 'S2', deduction: 1, note: '仅一名执法人员在场' } : s));
    const r = scoreReview(defaultReviewSheet, 'inspection', scores);
    expect(r.score).toBeGreaterThan(95);
    expect(r).toMatchObject({ veto: true, grade: 'fail' });
  });

  it('R34: scoring refuses a missing item, a deduction above the weight, a deduction without a note, an item of the other kind', () => {
    const ok = clean(defaultReviewSheet, 'penalty');
    expect(() => scoreReview(defaultReviewSheet, 'penalty', ok.slice(1))).toThrow(/未评分/);
    expect(() => scoreReview(defaultReviewSheet, 'penalty', ok.map((s) => (s.code === 'S1' ? { ...s, deduction: 6, note: 'x' } : s)))).toThrow(/扣分应在0至5分/);
    expect(() => scoreReview(defaultReviewSheet, 'penalty', ok.map((s) => (s.code === 'S1' ? { ...s, deduction: 0.3, note: 'x' } : s)))).toThrow(/0.5分为单位/);
    expect(() => scoreReview(defaultReviewSheet, 'penalty', ok.map((s) => (s.code === 'W1' ? { ...s, deduction: 1 } : s)))).toThrow(/扣分理由/);
    expect(() => scoreReview(defaultReviewSheet, 'penalty', [...ok, { code: 'E3', deduction: 0 }])).toThrow(/不在本轮适用/);
  });

  it('R34: grades follow the score bands; an edited sheet is checked before it is published', () => {
    expect([gradeOf(95, false), gradeOf(85, false), gradeOf(60, false), gradeOf(59.9, false), gradeOf(99, true)]).toEqual(['excellent', 'good', 'pass', 'fail', 'fail']);
    const bad: ReviewSheet = { items: [{ code: 'X1', section: 'subject', text: '主体合法', points: 5, appliesTo: ['penalty'] }, { code: 'X1', section: 'law', text: '短', points: 0, appliesTo: ['penalty'] }] };
    const problems = reviewSheetProblems(bad);
    expect(problems.join('；')).toMatch(/重复/);
    expect(problems.join('；')).toMatch(/不少于4个字/);
    expect(problems.join('；')).toMatch(/分值/);
    expect(problems.join('；')).toMatch(/监督检查案卷没有适用的评查项目/);
  });

  it('R34: the league table ranks agencies by average, ties share a rank, unscored agencies come last', () => {
    const t = leagueTable([
      { agencyId: 1, agencyName: '甲', score: 80, grade: 'good', openDefects: true },
      { agencyId: 1, agencyName: '甲', score: 90, grade: 'excellent', openDefects: false },
      { agencyId: 2, agencyName: '乙', score: 95, grade: 'excellent', openDefects: false },
      { agencyId: 3, agencyName: '丙', score: 85, grade: 'good', openDefects: false },
      { agencyId: 4, agencyName: '丁', score: null, grade: null, openDefects: false },
      { agencyId: 5, agencyName: '戊', score: 50, grade: 'fail', openDefects: true },
    ]);
    expect(t.map((r) => [r.agencyName, r.rank, r.average])).toEqual([['乙', 1, 95], ['甲', 2, 85], ['丙', 2, 85], ['戊', 4, 50], ['丁', null, null]]);
    expect(t.find((r) => r.agencyId === 1)).toMatchObject({ drawn: 2, scored: 2, excellent: 1, openRectifications: 1, passRate: 100 });
    expect(t.find((r) => r.agencyId === 5)).toMatchObject({ failed: 1, passRate: 0 });
  });

  it('R34: a quarter is its first and last day', () => {
    expect(quarterPeriod('2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31', label: '2026年第1季度' });
    expect(quarterPeriod('2024Q4')?.end).toBe('2024-12-31');
    expect(quarterPeriod('2026-Q5')).toBeNull();
  });
});

describe('R34 case-file review: the draw is verifiable', () => {
  const input = {
    seed: 20261207,
    periodStart: '2026-07-01',
    periodEnd: '2026-09-30',
    perAgency: 3,
    ratio: null,
    pools: [
      { agencyId: 7, kind: 'penalty' as const, ids: [5, 9, 3, 11, 40, 41, 42] },
      { agencyId: 7, kind: 'inspection' as const, ids: [100, 101] },
      { agencyId: 2, kind: 'penalty' as const, ids: Array.from({ length: 50 }, (_, i) => 1000 + i) },
    ],
  };

  it('R34: the same seed and input give the same files whatever the order; another seed gives others', () => {
    const a = drawReviewSample(input);
    const b = drawReviewSample({ ...input, pools: [...input.pools].reverse().map((p) => ({ ...p, ids: [...p.ids].reverse() })) });
    expect(b).toEqual(a);
    expect(a.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.picks.map((p) => [p.agencyId, p.kind, p.ids.length])).toEqual([[2, 'penalty', 3], [7, 'inspection', 2], [7, 'penalty', 3]]);
    expect(a.picks.every((p) => p.ids.every((id) => input.pools.find((q) => q.agencyId === p.agencyId && q.kind === p.kind)!.ids.includes(id)))).toBe(true);
    const c = drawReviewSample({ ...input, seed: 1 });
    expect(c.picks.find((p) => p.agencyId === 2)!.ids).not.toEqual(a.picks.find((p) => p.agencyId === 2)!.ids);
    expect(verifyReviewDraw(input, a)).toEqual({ ok: true, reason: null });
    expect(verifyReviewDraw(input, { ...a, picks: a.picks.map((p) => (p.agencyId === 2 ? { ...p, ids: [1000, 1001, 1002] } : p)) }).ok).toBe(false);
    expect(verifyReviewDraw({ ...input, pools: input.pools.slice(1) }, a).reason).toMatch(/哈希/);
  });

  it('R34: a ratio takes that share of each pool, at least one file', () => {
    const r = drawReviewSample({ ...input, ratio: 0.1 });
    expect(r.picks.map((p) => p.ids.length)).toEqual([5, 1, 1]);
    expect(() => drawReviewSample({ ...input, ratio: 1.5 })).toThrow(RangeError);
    expect(() => drawReviewSample({ ...input, perAgency: 0 })).toThrow(RangeError);
  });
});
