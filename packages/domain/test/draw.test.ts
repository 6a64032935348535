import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalDrawInput, canonicalJson, drawFrom, prepareDraw, runDraw, verifyDraw, type DrawInput, type DrawOfficer } from '../src/index.js';

const officer = (id: number, over: Partial<DrawOfficer> = {}): DrawOfficer => ({
  id,
  department: '应急管理',
  credentialValidFrom: '2024-01-01',
  credentialValidTo: '2029-01-01',
  ...over,
});
const base = (over: Partial<DrawInput> = {}): DrawInput => ({
  seed: 20260315,
  drawDate: '2026-03-15',
  targets: Array.from({ length: 100 }, (_, i) => ({ id: i + 1, weight: 1 + (i % 3) })),
  targetCount: 30,
  officers: Array.from({ length: 12 }, (_, i) => officer(i + 1)),
  teamSize: 2,
  departments: [],
  lastTeams: {},
  ...over,
});

describe('R13: double-random draw', () => {
  it('R13: draws the requested number of targets, each with a team of at least two distinct officers', () => {
    const r = runDraw(base());
    expect(r.assignments).toHaveLength(30);
    expect(new Set(r.assignments.map((a) => a.enterpriseId)).size).toBe(30);
    for (const a of r.assignments) {
      expect(a.officerIds).toHaveLength(2);
      expect(new Set(a.officerIds).size).toBe(2);
    }
    // Work is spread: 60 seats over 12 officers, nobody takes more than one above the average.
    const load = new Map<number, number>();
    for (const a of r.assignments) for (const o of a.officerIds) load.set(o, (load.get(o) ?? 0) + 1);
    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
  });
  it('R4: officers with an expired credential are never drawn', () => {
    const officers = [...base().officers, officer(50, { credentialValidTo: '2026-03-14' }), officer(51, { credentialValidFrom: '2026-04-01' })];
    const r = runDraw(base({ officers }));
    expect(r.assignments.flatMap((a) => a.officerIds)).not.toContain(50);
    expect(r.assignments.flatMap((a) => a.officerIds)).not.toContain(51);
    expect(r.excludedOfficers.map((x) => x.officerId).sort()).toEqual([50, 51]);
  });
  it('R13: recusal and rotation keep officers off enterprises', () => {
    const first = runDraw(base({ targetCount: 100 }));
    const lastTeams = Object.fromEntries(first.assignments.map((a) => [a.enterpriseId, a.officerIds]));
    const officers = base().officers.map((o) => (o.id === 1 ? { ...o, recusedEnterpriseIds: [5, 6, 7] } : o));
    const second = runDraw(base({ targetCount: 100, seed: 7, lastTeams, officers }));
    for (const a of second.assignments) {
      for (const o of a.officerIds) expect(lastTeams[a.enterpriseId]).not.toContain(o);
      if ([5, 6, 7].includes(a.enterpriseId)) expect(a.officerIds).not.toContain(1);
    }
  });
  it('R14: a joint draw puts an officer of every department in each team', () => {
    const officers = [...base().officers, ...Array.from({ length: 5 }, (_, i) => officer(100 + i, { department: '市场监管' }))];
    const r = runDraw(base({ officers, departments: ['应急管理', '市场监管'], targetCount: 10 }));
    for (const a of r.assignments) {
      expect(a.officerIds.some((id) => id >= 100)).toBe(true);
      expect(a.officerIds.some((id) => id < 100)).toBe(true);
    }
  });
  it('R16: when too few officers remain the target is reported unassigned, not given a one-person team', () => {
    const r = runDraw(base({ officers: [officer(1)], targetCount: 3 }));
    expect(r.assignments).toHaveLength(0);
    expect(r.unassigned).toHaveLength(3);
    expect(r.unassigned[0]!.reason).toContain('不足2人');
    expect(() => runDraw(base({ teamSize: 1 }))).toThrow(/不少于2人/);
  });
  it('R13: the same seed and inputs (in any order) give the same draw and hash; verification catches changes', () => {
    const a = runDraw(base());
    const shuffled = base();
    shuffled.targets.reverse();
    shuffled.officers.reverse();
    const b = runDraw(shuffled);
    expect(b).toEqual(a);
    expect(a.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyDraw(base(), a)).toEqual({ ok: true, reason: null });
    const tampered = { ...a, assignments: a.assignments.map((x, i) => (i === 0 ? { ...x, enterpriseId: 999 } : x)) };
    expect(verifyDraw(base(), tampered).ok).toBe(false);
    const changedInput = base({ targets: base().targets.slice(1) });
    expect(verifyDraw(changedInput, a).reason).toContain('哈希');
    expect(runDraw(base({ seed: 1 })).assignments).not.toEqual(a.assignments);
  });
  it('R13: the input text kept for publication is the canonical JSON whose SM3 is the input hash', () => {
    const shuffled = base();
    shuffled.targets.reverse();
    const r = runDraw(shuffled, { keepInputText: true });
    expect(r.inputText).toBe(canonicalJson(canonicalDrawInput(base())));
    expect(createHash('sm3').update(r.inputText!).digest('hex')).toBe(r.inputHash);
    const plain = runDraw(base());
    expect(plain.inputText).toBeUndefined();
    expect({ ...r, inputText: undefined }).toEqual({ ...plain, inputText: undefined });
    // Re-run from the published text alone: the same draw.
    expect(runDraw(JSON.parse(r.inputText!) as DrawInput).assignments).toEqual(plain.assignments);
  });
  it('R13/R16: a draw in two halves (prepared input first, then the draw) is runDraw; the checks come with the first half', () => {
    const prepared = prepareDraw(base(), { keepInputText: true });
    expect(prepared.inputHash).toBe(runDraw(base()).inputHash);
    expect(createHash('sm3').update(prepared.inputText!).digest('hex')).toBe(prepared.inputHash);
    expect(drawFrom(prepared)).toEqual(runDraw(base(), { keepInputText: true }));
    expect(() => prepareDraw(base({ teamSize: 1 }))).toThrow(RangeError);
    expect(() => prepareDraw(base({ targetCount: -1 }))).toThrow(RangeError);
  });
  it('R9/R13: heavier targets are drawn more often', () => {
    const targets = [...Array.from({ length: 50 }, (_, i) => ({ id: i + 1, weight: 3 })), ...Array.from({ length: 50 }, (_, i) => ({ id: 100 + i, weight: 1 }))];
    let heavy = 0;
    for (let s = 0; s < 40; s++) heavy += runDraw(base({ seed: s, targets, targetCount: 20 })).assignments.filter((a) => a.enterpriseId <= 50).length;
    expect(heavy / (40 * 20)).toBeGreaterThan(0.65);
  });
});
