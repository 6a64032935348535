// R34 案卷评查 draw: each round samples closed penalty cases and completed inspections per agency and kind, with the
// same machinery as the R13 draws (seeded weightedSample, SM3 of the canonical input), so anyone holding the published
// seed and input can re-run it and get the same files.
import { hashInputs, weightedSample } from '../planning/plan.js';
import { canonicalJson } from '../lib/canonicalJson.js';
import type { CaseReviewKind } from './caseReviewSheet.js';

export interface ReviewPool {
  agencyId: number;
  kind: CaseReviewKind;
  /** the files that may be drawn: closed penalty cases / completed inspections of the period */
  ids: number[];
}

export interface ReviewDrawInput {
  seed: number;
  periodStart: string;
  periodEnd: string;
  /** files per agency and kind (when no ratio) */
  perAgency: number;
  /** share of each pool (0–1], at least one file of a non-empty pool; overrides perAgency */
  ratio: number | null;
  pools: ReviewPool[];
}

export interface ReviewPick {
  agencyId: number;
  kind: CaseReviewKind;
  ids: number[];
}

export interface ReviewDrawResult {
  inputHash: string;
  picks: ReviewPick[];
}

export function reviewSampleSize(n: number, perAgency: number, ratio: number | null): number {
  if (n <= 0) return 0;
  return Math.min(n, ratio != null ? Math.max(1, Math.ceil(n * ratio)) : perAgency);
}

export function canonicalReviewDrawInput(input: ReviewDrawInput): ReviewDrawInput {
  return {
    seed: input.seed,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    perAgency: input.perAgency,
    ratio: input.ratio,
    pools: input.pools
      .filter((p) => p.ids.length > 0)
      .map((p) => ({ agencyId: p.agencyId, kind: p.kind, ids: [...p.ids].sort((a, b) => a - b) }))
      .sort((a, b) => a.agencyId - b.agencyId || a.kind.localeCompare(b.kind)),
  };
}

/** One seed per pool, derived from the round's seed, so adding an agency does not change another agency's files. */
const poolSeed = (seed: number, p: { agencyId: number; kind: CaseReviewKind }) => (seed ^ Math.imul(p.agencyId, 0x9e3779b1) ^ (p.kind === 'penalty' ? 0x51ed27 : 0x2545f4)) >>> 0;

export function drawReviewSample(raw: ReviewDrawInput): ReviewDrawResult {
  if (!Number.isInteger(raw.perAgency) || raw.perAgency < 1) throw new RangeError('每个单位抽取数量应为正整数');
  if (raw.ratio != null && !(raw.ratio > 0 && raw.ratio <= 1)) throw new RangeError('抽取比例应大于0且不超过100%');
  const input = canonicalReviewDrawInput(raw);
  const inputHash = hashInputs(input);
  const picks = input.pools.map((p) => {
    const k = reviewSampleSize(p.ids.length, input.perAgency, input.ratio);
    const ids = weightedSample(p.ids.map((id) => ({ id })), () => 1, k, poolSeed(input.seed, p))
      .map((x) => x.id)
      .sort((a, b) => a - b);
    return { agencyId: p.agencyId, kind: p.kind, ids };
  });
  return { inputHash, picks };
}

/** Re-runs a recorded round: the hash of its stored input and the files drawn must both match. */
export function verifyReviewDraw(input: ReviewDrawInput, recorded: { inputHash: string; picks: ReviewPick[] }): { ok: boolean; reason: string | null } {
  const again = drawReviewSample(input);
  if (again.inputHash !== recorded.inputHash) return { ok: false, reason: '输入数据的哈希与记录不一致：可抽取的案卷名单已被改动' };
  const norm = (ps: ReviewPick[]) => canonicalJson(ps.filter((p) => p.ids.length).map((p) => ({ ...p, ids: [...p.ids].sort((a, b) => a - b) })).sort((a, b) => a.agencyId - b.agencyId || a.kind.localeCompare(b.kind)));
  if (norm(again.picks) !== norm(recorded.picks)) return { ok: false, reason: '按记录的种子重新抽取，结果与公布的评查案卷不一致' };
  return { ok: true, reason: null };
}
