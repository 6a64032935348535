// R13/R14 双随机: targets drawn at random (weighted by credit and risk, R9) and officers drawn at random for each
// target. Reproducible: the result is a pure function of (seed, inputs); the inputs' SM3 hash is recorded with it.
import { createRng } from '../generator/random.js';
import { sm3Hex } from '../lib/sm3.js';
import { canonicalJsonText, hashInputs, inIdOrder, weightedSample } from '../planning/plan.js';
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
  /** with `keepInputText`: the canonical JSON of the input, the very text whose SM3 is inputHash (what is stored and published) */
  inputText?: string;
}

/** A canonical form of the input: order-independent, so the hash and the result do not depend on query order. */
export function canonicalDrawInput(input: DrawInput): DrawInput {
  return {
    seed: input.seed,
    drawDate: input.drawDate,
    // a pool read in id order (a province's is a million targets) needs no sorted copy
    targets: inIdOrder(input.targets) ? input.targets : [...input.targets].sort((a, b) => a.id - b.id),
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

/** A draw's input made canonical and hashed: what is recorded and published before anything is drawn. */
export interface PreparedDraw {
  input: DrawInput;
  inputHash: string;
  /** with `keepInputText`: the canonical JSON of the input, the very text whose SM3 is inputHash */
  inputText?: string;
}

/**
 * The first half of runDraw: checks, canonical input, its hash (and, with keepInputText, its text). A caller that stores
 * the text can start writing or compressing it while drawFrom runs.
 */
export function prepareDraw(raw: DrawInput, opts: { keepInputText?: boolean } = {}): PreparedDraw {
  if (raw.teamSize < 2) throw new RangeError('每组执法人员不少于2人');
  if (raw.targetCount < 0) throw new RangeError('抽取数量不能为负数');
  const input = canonicalDrawInput(raw);
  // The hash is SM3 of the canonical JSON text; when the caller stores that text, it is built once for both.
  const inputText = opts.keepInputText ? canonicalJsonText(input) : undefined;
  const inputHash = inputText !== undefined ? sm3Hex(inputText) : hashInputs(input);
  return { input, inputHash, ...(inputText !== undefined ? { inputText } : {}) };
}

export function runDraw(raw: DrawInput, opts: { keepInputText?: boolean } = {}): DrawResult {
  return drawFrom(prepareDraw(raw, opts));
}

/** The second half of runDraw: the weighted sample of targets and the officers of each team, from a prepared input. */
export function drawFrom({ input, inputHash, inputText }: PreparedDraw): DrawResult {
  const excludedOfficers: DrawResult['excludedOfficers'] = [];
  // R4: only officers whose credential is valid on the draw date.
  const eligible = input.officers.filter((o) => {
    const ok = o.credentialValidFrom <= input.drawDate && o.credentialValidTo >= input.drawDate;
    if (!ok) excludedOfficers.push({ officerId: o.id, reason: '执法证不在有效期内' });
    return ok;
  });
  const sampled = weightedSample(input.targets, (t) => t.weight, Math.min(input.targetCount, input.targets.length), input.seed);
  // (the sample comes in id order but for the rare keys equal to the threshold, added last)
  const targets = inIdOrder(sampled) ? sampled : sampled.sort((a, b) => a.id - b.id);

  const rng = createRng(input.seed ^ 0x0ff1ce5);
  // A random but fixed tie-break per officer, so equally loaded officers are picked in random order.
  const tieBreak = new Map<number, number>(eligible.map((o) => [o.id, rng.next()]));
  const homeDept = input.departments[0] ?? eligible[0]?.department ?? '应急管理';
  const required = input.departments.length ? input.departments : [homeDept];
  // One min-heap per department keyed by (load, tie-break, id): each pick is O(log n), so a draw of
  // hundreds of thousands of targets over tens of thousands of officers stays fast.
  const heaps = new Map<string, OfficerHeap>();
  for (const o of eligible) {
    if (!heaps.has(o.department)) heaps.set(o.department, new OfficerHeap(tieBreak));
    const heap = heaps.get(o.department)!;
    heap.push(heap.item(o, 0));
  }
  const recused = new Map(eligible.map((o) => [o.id, new Set(o.recusedEnterpriseIds ?? [])]));

  const assignments: DrawAssignment[] = [];
  const unassigned: DrawResult['unassigned'] = [];
  const none: readonly number[] = [];
  // The officer at the top of the heap who may inspect the target: not on the team already, not of the team that
  // inspected it last time (rotation), not recused. Small arrays, no per-target sets: a draw may have 300,000 targets.
  const pick = (heap: OfficerHeap | undefined, targetId: number, banned: readonly number[], team: HeapItem[]): HeapItem | undefined => {
    if (!heap) return undefined;
    const skipped: HeapItem[] = [];
    let found: HeapItem | undefined;
    while (heap.size > 0) {
      const item = heap.pop()!;
      const id = item.officer.id;
      if (banned.includes(id) || team.some((m) => m.officer.id === id) || recused.get(id)!.has(targetId)) skipped.push(item);
      else {
        found = item;
        break;
      }
    }
    for (const s of skipped) heap.push(s);
    if (found) team.push(found);
    return found;
  };
  for (const t of targets) {
    const banned = input.lastTeams[t.id] ?? none;
    const team: HeapItem[] = [];
    let missing: string | null = null;
    for (const dept of required) {
      if (!pick(heaps.get(dept), t.id, banned, team)) {
        missing = `没有可派出的${dept}执法人员（回避、轮换或证件无效后无人可选）`;
        break;
      }
    }
    while (!missing && team.length < input.teamSize) {
      // Fill the team from the lead department first, then from the other departments of the draw.
      if (pick(heaps.get(homeDept), t.id, banned, team)) continue;
      if (required.some((d) => d !== homeDept && pick(heaps.get(d), t.id, banned, team))) continue;
      missing = `可派出的执法人员不足${input.teamSize}人`;
    }
    if (missing) {
      for (const item of team) heaps.get(item.officer.department)!.push(item);
      unassigned.push({ enterpriseId: t.id, reason: missing });
      continue;
    }
    for (const item of team) {
      const heap = heaps.get(item.officer.department)!;
      heap.push(heap.item(item.officer, item.load + 1));
    }
    assignments.push({ enterpriseId: t.id, officerIds: team.map((x) => x.officer.id).sort((a, b) => a - b) });
  }
  return { assignments, unassigned, inputHash, excludedOfficers, ...(inputText !== undefined ? { inputText } : {}) };
}

/** Re-runs a recorded draw and says whether the stored result is exactly what the inputs and seed give. */
export function verifyDraw(input: DrawInput, recorded: { inputHash: string; assignments: DrawAssignment[] }, again: DrawResult = runDraw(input)): { ok: boolean; reason: string | null } {
  if (again.inputHash !== recorded.inputHash) return { ok: false, reason: '输入数据的哈希与记录不一致：抽取对象或人员名录已被改动' };
  if (canonicalJson(again.assignments) !== canonicalJson(recorded.assignments)) return { ok: false, reason: '按记录的种子重新抽取，结果与公布结果不一致' };
  return { ok: true, reason: null };
}

interface HeapItem {
  officer: DrawOfficer;
  load: number;
  /** load + the officer's tie-break in [0, 1): one number to compare keeps the heap fast */
  key: number;
}

/** Binary min-heap of officers by (load, tie-break, id). */
class OfficerHeap {
  private items: HeapItem[] = [];
  constructor(private readonly tie: Map<number, number>) {}
  get size(): number {
    return this.items.length;
  }
  item(officer: DrawOfficer, load: number): HeapItem {
    return { officer, load, key: load + 0.999 * this.tie.get(officer.id)! };
  }
  private less(a: HeapItem, b: HeapItem): boolean {
    return a.key !== b.key ? a.key < b.key : a.officer.id < b.officer.id;
  }
  push(item: HeapItem): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): HeapItem | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
