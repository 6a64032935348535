// 回访抽查 (R33): which inspected enterprises of a period are visited. The province visits at least 10 % of the
// targets of its own plan; each city and county sets its own ratio. The draw is reproducible like the 双随机 draws:
// the result is a pure function of (seed, input), and the input's SM3 hash is recorded and published with it.
import { canonicalJsonText, hashInputs, weightedSample } from '../planning/plan.js';
import { canonicalJson } from '../lib/canonicalJson.js';
import type { IsoDate } from '../calendar/workingDays.js';
import type { FollowUpReason } from './questionnaire.js';

/** The province's floor, and the share below which an agency's visits are flagged in the statistics. */
export const FOLLOW_UP_MIN_PERCENT = 10;
export const FOLLOW_UP_DEFAULT_PERCENT = 10;

/** Why a ratio may not be set (Chinese), or null: the province never below 10 %, no agency above 100 % or at 0. */
export function followUpRatioProblem(agencyLevel: string, percent: number): string | null {
  if (!(percent > 0) || percent > 100) return '回访比例应在 0% 到 100% 之间（不含 0%）';
  if (agencyLevel === 'province' && percent < FOLLOW_UP_MIN_PERCENT) return `省级回访比例不得低于${FOLLOW_UP_MIN_PERCENT}%`;
  return null;
}

/** How many of `targets` enterprises a ratio asks for: rounded up, so a small county still visits at least one. */
export function followUpSampleSize(targets: number, percent: number): number {
  if (targets <= 0) return 0;
  return Math.min(targets, Math.ceil((targets * percent) / 100 - 1e-9));
}

/** Whether an agency's visits fall short of 10 % of the enterprises it inspected (the statistics' flag). */
export function followUpShortfall(inspectedTargets: number, visited: number): boolean {
  return inspectedTargets > 0 && visited < followUpSampleSize(inspectedTargets, FOLLOW_UP_MIN_PERCENT);
}

export interface FollowUpPoolEntry {
  /** the inspection (one per enterprise: its last completed inspection of the period) */
  id: number;
  enterpriseId: number;
}

export interface FollowUpMandatoryEntry {
  inspectionId: number;
  enterpriseId: number;
  reason: Exclude<FollowUpReason, 'random'>;
}

export interface FollowUpDrawInput {
  seed: number;
  agencyId: number;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  percent: number;
  /** the enterprises the agency inspected in the period, each with its last completed inspection */
  pool: FollowUpPoolEntry[];
  /** inspections always visited (bad rating by the enterprise; complaints): not part of the random sample */
  mandatory: FollowUpMandatoryEntry[];
}

export interface FollowUpDrawResult {
  inputHash: string;
  /** the canonical input's text: what is stored and whose SM3 is inputHash */
  inputText: string;
  /** how many the ratio asks for, out of the pool's enterprises */
  required: number;
  picked: { inspectionId: number; enterpriseId: number; reason: FollowUpReason }[];
}

export function canonicalFollowUpInput(input: FollowUpDrawInput): FollowUpDrawInput {
  return {
    seed: input.seed,
    agencyId: input.agencyId,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    percent: input.percent,
    pool: [...input.pool].sort((a, b) => a.id - b.id).map((p) => ({ id: p.id, enterpriseId: p.enterpriseId })),
    mandatory: [...input.mandatory]
      .sort((a, b) => a.inspectionId - b.inspectionId || a.reason.localeCompare(b.reason))
      .map((m) => ({ inspectionId: m.inspectionId, enterpriseId: m.enterpriseId, reason: m.reason })),
  };
}

/**
 * The draw: every mandatory inspection (once, with its first reason), then a uniform sample of the pool's other
 * enterprises so that the random part alone reaches the ratio of the whole pool — a bad rating never takes the place
 * of a random visit.
 */
export function drawFollowUps(raw: FollowUpDrawInput): FollowUpDrawResult {
  if (raw.percent <= 0 || raw.percent > 100) throw new RangeError('回访比例应在 0% 到 100% 之间（不含 0%）');
  if (raw.periodEnd < raw.periodStart) throw new RangeError('回访期间的结束日期不能早于开始日期');
  const input = canonicalFollowUpInput(raw);
  const inputText = canonicalJsonText(input);
  const inputHash = hashInputs(input);
  const picked: FollowUpDrawResult['picked'] = [];
  const seenInspections = new Set<number>();
  const mandatoryEnterprises = new Set<number>();
  for (const m of input.mandatory) {
    if (seenInspections.has(m.inspectionId)) continue;
    seenInspections.add(m.inspectionId);
    mandatoryEnterprises.add(m.enterpriseId);
    picked.push({ inspectionId: m.inspectionId, enterpriseId: m.enterpriseId, reason: m.reason });
  }
  const required = followUpSampleSize(input.pool.length, input.percent);
  const rest = input.pool.filter((p) => !mandatoryEnterprises.has(p.enterpriseId));
  for (const p of weightedSample(rest, () => 1, required, input.seed)) picked.push({ inspectionId: p.id, enterpriseId: p.enterpriseId, reason: 'random' });
  return { inputHash, inputText, required, picked };
}

/** Re-runs a recorded follow-up draw from its stored input and says whether the stored result is what it gives. */
export function verifyFollowUpDraw(inputText: string, recorded: { inputHash: string; picked: { inspectionId: number; reason: string }[] }): { ok: boolean; reason: string | null; recomputedHash: string } {
  const again = drawFollowUps(JSON.parse(inputText) as FollowUpDrawInput);
  if (again.inputHash !== recorded.inputHash) return { ok: false, reason: '输入数据的哈希与记录不一致：回访抽查的对象名单已被改动', recomputedHash: again.inputHash };
  const key = (xs: { inspectionId: number; reason: string }[]) => canonicalJson([...xs].map((x) => [x.inspectionId, x.reason]).sort((a, b) => Number(a[0]) - Number(b[0])));
  if (key(again.picked) !== key(recorded.picked)) return { ok: false, reason: '按记录的种子重新抽取，结果与记录不一致', recomputedHash: again.inputHash };
  return { ok: true, reason: null, recomputedHash: again.inputHash };
}
