// R13/R14 双随机: targets drawn at random (weighted by credit and risk, R9) and officers drawn at random for each
// target. Reproducible: the result is a pure function of (seed, inputs); the inputs' SM3 hash is recorded with it.
import { createRng } from '../generator/random.js';
import { hashInputs, weightedSample } from '../planning/plan.js';
import type { IsoDate } from '../calendar/workingDays.js';
import { canonicalJson } from '../lib/canonicalJson.js';

export interface DrawOfficer {
  id: number;
  name?: string;
  /** R14: the department the officer belongs to (应急管理 unless a joint draw brings others) */
  department: string;
  credentialValidFrom: IsoDate;
  credentialValidTo: IsoDate;
  /** enterprises this officer must not inspect (回避: relatives, former employer …) */
  recusedEnterpriseIds?: number[];
}

export interface DrawTarget {
  id: number;
  weight: number;
}

export interface DrawInput {
  seed: number;
  drawDate: IsoDate;
  targets: DrawTarget[];
  targetCount: number;
  officers: DrawOfficer[];
  /** R16: at least two officers per inspection */
  teamSize: number;
  /** R14: a joint draw puts one officer of each of these departments in every team (进一次门、查多项事) */
  departments: string[];
  /** rotation: the officers who inspected each enterprise last time are not drawn for it again */
  lastTeams: Record<number, number[]>;
}

export interface DrawAssignment {
  enterpriseId: number;
  officerIds: number[];
}

export interface DrawResult {
  assignments: DrawAssignment[];
  unassigned: { enterpriseId: number; reason: string }[];
  inputHash: string;
  excludedOfficers: { officerId: number; reason: string }[];
}

/** A canonical form of the input: order-independent, so the hash and the result do not depend on query order. */
export function canonicalDrawInput(input: DrawInput): DrawInput {
  return {
    seed: input.seed,
    drawDate: input.drawDate,
    targets: [...input.targets].sort((a, b) => a.id - b.id),
    targetCount: input.targetCount,
    officers: [...input.officers]
      .sort((a, b) => a.id - b.id)
      .map((o) => ({ ...o, recusedEnterpriseIds: [...(o.recusedEnterpriseIds ?? [])].sort((a, b) => a - b) })),
    teamSize: input.teamSize,
    departments: [...input.departments].sort(),
    lastTeams: Object.fromEntries(
      Object.entries(input.lastTeams)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([k, v]) => [k, [...v].sort((a, b) => a - b)]),
    ),
  };
}

export function runDraw(raw: DrawInput): DrawResult {
  if (raw.teamSize < 2) throw new RangeError('每组执法人员不少于2人（R16）');
  if (raw.targetCount < 0) throw new RangeError('抽取数量不能为负数');
  const input = canonicalDrawInput(raw);
  const inputHash = hashInputs(input);
  const excludedOfficers: DrawResult['excludedOfficers'] = [];
  // R4: only officers whose credential is valid on the draw date.
  const eligible = input.officers.filter((o) => {
    const ok = o.credentialValidFrom <= input.drawDate && o.credentialValidTo >= input.drawDate;
    if (!ok) excludedOfficers.push({ officerId: o.id, reason: '执法证不在有效期内（R4）' });
    return ok;
  });
  const targets = weightedSample(
    input.targets.map((t) => ({ ...t })),
    (t) => t.weight,
    Math.min(input.targetCount, input.targets.length),
    input.seed,
  ).sort((a, b) => a.id - b.id);

  const rng = createRng(input.seed ^ 0x0ff1ce5);
  const load = new Map<number, number>(eligible.map((o) => [o.id, 0]));
  // A random but fixed tie-break per officer, so equally loaded officers are picked in random order.
  const tieBreak = new Map<number, number>(eligible.map((o) => [o.id, rng.next()]));
  const byDept = new Map<string, DrawOfficer[]>();
  for (const o of eligible) byDept.set(o.department, [...(byDept.get(o.department) ?? []), o]);
  const homeDept = input.departments[0] ?? eligible[0]?.department ?? '应急管理';
  const required = input.departments.length ? input.departments : [homeDept];

  const assignments: DrawAssignment[] = [];
  const unassigned: DrawResult['unassigned'] = [];
  for (const t of targets) {
    const banned = new Set(input.lastTeams[t.id] ?? []);
    const canTake = (o: DrawOfficer) => !banned.has(o.id) && !(o.recusedEnterpriseIds ?? []).includes(t.id);
    const pickFrom = (pool: DrawOfficer[], taken: Set<number>) =>
      pool
        .filter((o) => canTake(o) && !taken.has(o.id))
        .sort((a, b) => load.get(a.id)! - load.get(b.id)! || tieBreak.get(a.id)! - tieBreak.get(b.id)! || a.id - b.id)[0];
    const team = new Set<number>();
    let missing: string | null = null;
    for (const dept of required) {
      const o = pickFrom(byDept.get(dept) ?? [], team);
      if (!o) {
        missing = `没有可派出的${dept}执法人员（回避、轮换或证件无效后无人可选）`;
        break;
      }
      team.add(o.id);
    }
    while (!missing && team.size < input.teamSize) {
      // Fill the team from the lead department first, then from any department of the draw.
      const o = pickFrom(byDept.get(homeDept) ?? [], team) ?? pickFrom(eligible.filter((x) => required.includes(x.department)), team);
      if (!o) missing = `可派出的执法人员不足${input.teamSize}人（R16）`;
      else team.add(o.id);
    }
    if (missing) {
      unassigned.push({ enterpriseId: t.id, reason: missing });
      continue;
    }
    for (const id of team) load.set(id, load.get(id)! + 1);
    assignments.push({ enterpriseId: t.id, officerIds: [...team].sort((a, b) => a - b) });
  }
  return { assignments, unassigned, inputHash, excludedOfficers };
}

/** Re-runs a recorded draw and says whether the stored result is exactly what the inputs and seed give. */
export function verifyDraw(input: DrawInput, recorded: { inputHash: string; assignments: DrawAssignment[] }): { ok: boolean; reason: string | null } {
  const again = runDraw(input);
  if (again.inputHash !== recorded.inputHash) return { ok: false, reason: '输入数据的哈希与记录不一致：抽取对象或人员名录已被改动' };
  if (canonicalJson(again.assignments) !== canonicalJson(recorded.assignments)) return { ok: false, reason: '按记录的种子重新抽取，结果与公布结果不一致' };
  return { ok: true, reason: null };
}
