// R25/R26/R18: the discretion engine. For each violation it proposes a tier, an amount range and a suggested amount
// from the catalogue item and the facts, never above the statutory maximum and never below the minimum unless the
// penalty is mitigated (减轻, 行政处罚法 第三十二条) — and never below zero; it writes the reasoning for the decision
// document; a case with several violations is assessed violation by violation and penalised together
// (分别裁量、合并处罚, 江西《实施意见》三（十）). Pure functions; amounts are whole yuan.
import {
  aggravatingFactorBasis,
  aggravatingFactorLabels,
  chineseNumeral,
  correctiveOrders,
  discretionItemClauses,
  discretionTierLabels,
  discretionTiers,
  faultLevelLabels,
  findDiscretionItem,
  fineRuleText,
  formatYuan,
  formatYuanRange,
  harmLevelLabels,
  mitigatingFactorBasis,
  mitigatingFactorLabels,
  penaltyPartyLabels,
  sanctionText,
  type AggravatingFactor,
  type ArticleClause,
  type DiscretionCatalogue,
  type DiscretionItem,
  type DiscretionTier,
  type FaultLevel,
  type HarmLevel,
  type MitigatingFactor,
  type PenaltyParty,
  type SanctionEntry,
  type TieredRange,
} from './catalogue.js';

/** The facts of one violation, as the investigation established them. */
export interface ViolationFacts {
  /** the catalogue item (article × circumstance × party) */
  itemCode: string;
  /** the item (项) of the article applied, when the article lists several acts (第一百零一条第（三）项) */
  clause?: number | null;
  /** identifies the act: the same act is never fined twice (行政处罚法 第二十九条) */
  actId?: string;
  /** the party's name (单位名称 or 姓名); totals are per party */
  partyName?: string;
  /** 违法情节 */
  circumstance: DiscretionTier;
  /** 危害后果 */
  harm: HarmLevel;
  /** 主观过错 */
  fault: FaultLevel;
  /** 初次违法 */
  firstViolation: boolean;
  /** 及时改正 (before the case was decided / within the deadline set) */
  correctedInTime: boolean;
  /** 一年内因同一违法行为受到两次以上行政处罚 — counted as a 从重 factor */
  repeatWithinYear: boolean;
  /** the violation is (or contains) a 重大事故隐患 — never exempted (R18), a 从重 factor */
  majorHazard?: boolean;
  /** 从轻或者减轻 (行政处罚法 第三十二条) */
  mitigating?: readonly MitigatingFactor[];
  /** 从重 */
  aggravating?: readonly AggravatingFactor[];
  /** ask for 减轻 (below the statutory minimum); needs a 第三十二条 factor */
  reduce?: boolean;
  /** 违法所得 in yuan (0 when none); needed by the illegal-gain rule */
  illegalGain?: number | null;
  /** the person's income of the previous year in yuan; needed by the percentage rules */
  annualIncome?: number | null;
}

/**
 * penalty: a fine and/or sanctions; no_penalty: 不予行政处罚 (mandatory); no_penalty_optional: 可以不予行政处罚
 * (the proposal still carries the lowest tier, should the officer punish); order_only: the law sets only corrective
 * orders for this circumstance (no penalty exists to give); other_law: the article refers to other laws;
 * daily_penalty: 按日连续处罚 (computed from the original fine, see deadlines.ts); incomplete: inputs are missing.
 */
export type ProposalOutcome = 'penalty' | 'no_penalty' | 'no_penalty_optional' | 'order_only' | 'other_law' | 'daily_penalty' | 'incomplete';

export type MitigationMode = 'none' | 'lighter' | 'reduced';

export interface YuanRange {
  min: number;
  max: number;
}

export interface DiscretionProposal {
  itemCode: string;
  article: number;
  articleLabel: string;
  /** 《中华人民共和国安全生产法》第九十七条, with the item applied when one was chosen: …第一百零一条第（三）项 */
  basis: string;
  /** the item (项) of the article applied */
  clause?: ArticleClause;
  party: PenaltyParty;
  partyName: string;
  actId?: string;
  violation: string;
  outcome: ProposalOutcome;
  /** for the no-penalty outcomes: the rule applied */
  noPenaltyBasis?: string;
  tier: DiscretionTier | null;
  /** 从轻 (lower half), 减轻 (below the minimum) or none */
  mitigation: MitigationMode;
  /** 从重 (upper half) */
  aggravated: boolean;
  /** the statutory range in yuan for these facts (percentages and multiples resolved) */
  statutoryRange: YuanRange | null;
  /** the proposed range in yuan: the tier's sub-range, or [0, statutory minimum] when reduced */
  amountRange: YuanRange | null;
  suggestedAmount: number | null;
  /** the other sanctions and orders of the item */
  sanctions: SanctionEntry[];
  /** the circumstances weighed, each with its basis */
  factors: string[];
  /** the discretion as written into the decision document (R25) */
  reasoning: string;
  /** what is missing or contradictory in the facts */
  problems: string[];
  /** R18 inputs carried along */
  majorHazard: boolean;
  serious: boolean;
  /** the article reserves criminal liability: check for a transfer (R30) */
  criminalReserved: boolean;
}

const tierIndex = (t: DiscretionTier) => discretionTiers.indexOf(t);
const HARM_TIER: Record<HarmLevel, number> = { none: 0, minor: 0, general: 1, serious: 2, severe: 3 };

/** Round to 100 yuan when the range is wide enough, else to the yuan; always inside the range. */
function suggest(r: YuanRange): number {
  const mid = (r.min + r.max) / 2;
  const unit = r.max - r.min >= 1000 ? 100 : 1;
  const v = Math.round(mid / unit) * unit;
  return Math.min(r.max, Math.max(r.min, v));
}

/** The statutory range of an item for these facts, in yuan, with the tiers scaled the same way. */
function resolveRange(item: DiscretionItem, f: ViolationFacts, problems: string[]): { range: TieredRange; scale: (v: number) => number; note?: string } | null {
  const fine = item.fine;
  switch (fine.kind) {
    case 'amount':
      return { range: fine.range, scale: (v) => v };
    case 'percentOfAnnualIncome': {
      const income = f.annualIncome;
      if (income == null || !(income >= 0)) {
        problems.push('该条按上一年年收入的比例处罚，请填写当事人上一年年收入（元）');
        return null;
      }
      return { range: fine.range, scale: (v) => Math.round((v * income) / 100), note: `当事人上一年年收入${formatYuan(income)}` };
    }
    case 'timesIllegalGain': {
      const g = f.illegalGain;
      if (g == null || !(g >= 0)) {
        problems.push('该条按违法所得处罚，请填写违法所得金额（元；没有违法所得的填0）');
        return null;
      }
      if (g >= fine.gainThreshold) return { range: fine.times, scale: (v) => Math.round(v * g), note: `违法所得${formatYuan(g)}，处违法所得${fine.times.min}倍以上${fine.times.max}倍以下的罚款` };
      return { range: fine.otherwise, scale: (v) => v, note: g > 0 ? `违法所得${formatYuan(g)}，不足${formatYuan(fine.gainThreshold)}` : '没有违法所得' };
    }
    default:
      return null;
  }
}

const unique = <T,>(xs: readonly T[]) => [...new Set(xs)];

const missingClauseMessage = (articleRef: string) => `${articleRef}分项列举了违法行为，请选择适用的项：决定书写明具体的项，而不是整条`;

/** The item (项) is required where the item's article lists several acts: the problem, or null when it is named. */
export function missingClauseProblem(catalogue: DiscretionCatalogue, facts: Pick<ViolationFacts, 'itemCode' | 'clause'>): string | null {
  const item = findDiscretionItem(catalogue, facts.itemCode);
  if (!item || facts.clause != null || discretionItemClauses(item).length === 0) return null;
  return missingClauseMessage(`${item.articleLabel}${item.paragraph ? `第${chineseNumeral(item.paragraph)}款` : ''}`);
}

/**
 * R25/R26: the proposal for one violation. Steps, in order:
 * 1. 不予处罚 (行政处罚法 第三十三条): no fault proven → none; 轻微 + corrected in time + no harm → none (mandatory);
 *    first violation + harm at most minor + corrected in time → may be none. Never for a major hazard or a serious
 *    violation (R18), nor for items that are not exemptible (escalated stages, accidents, mandatory suspensions).
 * 2. Base tier = the higher of the circumstance (情节) and the harm (危害后果); intent raises it one tier.
 * 3. Each 从重 factor (including repeat within a year and a major hazard) raises one tier, each 从轻/减轻 factor
 *    (第三十二条) lowers one; then 从轻 alone keeps the tier in the lower half and 从重 alone puts it in the upper half.
 * 4. 减轻 on request with a 第三十二条 factor: [0, statutory minimum]; when the law has no minimum, the lowest tier.
 * The amount range is the tier's sub-range; the suggestion is its middle, rounded to 100 yuan.
 */
export function proposeDiscretion(catalogue: DiscretionCatalogue, facts: ViolationFacts): DiscretionProposal {
  const item = findDiscretionItem(catalogue, facts.itemCode);
  if (!item) throw new RangeError(`裁量基准中没有事项“${facts.itemCode}”`);
  const problems: string[] = [];
  const factors: string[] = [];
  const articleRef = `${item.articleLabel}${item.paragraph ? `第${chineseNumeral(item.paragraph)}款` : ''}`;
  // the item applied: the decision names it and its own words, not the catalogue's summary of the whole article
  const clauses = discretionItemClauses(item);
  const clause = facts.clause != null ? clauses.find((c) => c.no === facts.clause) : undefined;
  if (facts.clause != null && !clause) throw new RangeError(clauses.length ? `${articleRef}只有第（一）项至第${clauses.at(-1)!.label}项，请重新选择适用的项` : `${articleRef}未分项列举违法行为，无需选择适用的项`);
  // a decision names the item applied, never the whole list (行政处罚法 第五十九条: 违反法律规定的事实和依据)
  if (clauses.length && !clause) problems.push(missingClauseMessage(articleRef));
  const basis = `《${item.law}》${articleRef}${clause ? `第${clause.label}项` : ''}`;
  const violation = !clause ? item.violation : item.stage === 'initial' && item.party === 'unit' ? clause.text : item.violation.includes(`${item.articleLabel}所列违法行为`) ? item.violation.replace(`${item.articleLabel}所列违法行为`, `${item.articleLabel}第${clause.label}项所列违法行为（${clause.text}）`) : `${item.violation}（${clause.text}）`;
  const partyName = facts.partyName?.trim() || penaltyPartyLabels[item.party];
  const serious = facts.circumstance === 'serious' || facts.circumstance === 'severe';
  const majorHazard = !!facts.majorHazard;
  const mitigating = unique(facts.mitigating ?? []);
  const aggravating = unique([...(facts.aggravating ?? []), ...(facts.repeatWithinYear ? (['repeat_within_year'] as const) : []), ...(majorHazard ? (['major_hazard'] as const) : [])]);

  const base: DiscretionProposal = {
    itemCode: item.code,
    article: item.article,
    articleLabel: item.articleLabel,
    basis,
    ...(clause ? { clause } : {}),
    party: item.party,
    partyName,
    ...(facts.actId ? { actId: facts.actId } : {}),
    violation,
    outcome: 'penalty',
    tier: null,
    mitigation: 'none',
    aggravated: false,
    statutoryRange: null,
    amountRange: null,
    suggestedAmount: null,
    sanctions: [...item.sanctions],
    factors,
    reasoning: '',
    problems,
    majorHazard,
    serious,
    criminalReserved: item.criminalReserved,
  };
  const intro = `当事人${partyName}${violation}，`;

  if (item.fine.kind === 'otherLaw') {
    return { ...base, outcome: 'other_law', reasoning: `${intro}依据${basis}的规定，应当依照${item.fine.basis}的规定予以处罚${item.criminalReserved ? '；涉嫌犯罪的，依法移送司法机关' : ''}。` };
  }
  if (item.fine.kind === 'dailyRepeat') {
    return { ...base, outcome: 'daily_penalty', reasoning: `${intro}依据${basis}的规定，可以自作出责令改正之日的次日起，按照原处罚数额按日连续处罚。` };
  }

  // ---- facts as circumstances ----
  factors.push(`违法情节${discretionTierLabels[facts.circumstance]}`);
  factors.push(harmLevelLabels[facts.harm]);
  factors.push(`主观过错：${faultLevelLabels[facts.fault]}`);
  if (facts.firstViolation) factors.push('系初次违法');
  if (facts.correctedInTime) factors.push('已及时改正');
  for (const m of mitigating) factors.push(`从轻、减轻情节：${mitigatingFactorLabels[m]}（${mitigatingFactorBasis[m]}）`);
  for (const a of aggravating) factors.push(`从重情节：${aggravatingFactorLabels[a]}（${aggravatingFactorBasis[a]}）`);
  const factorText = `经查，${factors.join('；')}。`;
  if (facts.firstViolation && facts.repeatWithinYear) problems.push('“初次违法”与“一年内因同一违法行为受到两次以上行政处罚”相互矛盾，请核实');
  if (!item.exemptible && facts.correctedInTime && (item.stage === 'overdue' || item.stage === 'refused')) problems.push(`所选裁量事项为“逾期未改正/拒不执行”情形，与“已及时改正”不符，请核实`);

  // ---- 不予处罚 (行政处罚法 第三十三条), barred by R18 ----
  const r18Bar = majorHazard || serious;
  // not punishing still orders the correction (行政处罚法 第二十八条)
  const orders = item.sanctions.filter((x) => correctiveOrders.includes(x.kind));
  const exempt = { ...base, sanctions: orders.length ? orders : [{ kind: 'order_correction' as const }] };
  const orderText = `；${(orders.length ? orders : exempt.sanctions).map(sanctionText).join('；')}`;
  if (facts.fault === 'none_proven') {
    if (r18Bar) problems.push('当事人主张没有主观过错，但违法行为涉及重大事故隐患或情节严重：须有足以证明没有主观过错的证据，并经法制审核');
    return { ...exempt, outcome: 'no_penalty', noPenaltyBasis: '《行政处罚法》第三十三条第二款', reasoning: `${intro}${factorText}当事人有证据足以证明没有主观过错，依据《行政处罚法》第三十三条第二款的规定，不予行政处罚，并对当事人进行教育${orderText}。` };
  }
  if (item.exemptible && !r18Bar && facts.correctedInTime) {
    if (facts.circumstance === 'minor' && facts.harm === 'none') {
      return { ...exempt, outcome: 'no_penalty', noPenaltyBasis: '《行政处罚法》第三十三条第一款（违法行为轻微并及时改正，没有造成危害后果）', reasoning: `${intro}${factorText}违法行为轻微并及时改正，没有造成危害后果，依据《行政处罚法》第三十三条第一款的规定，不予行政处罚，并对当事人进行教育${orderText}。` };
    }
    if (facts.firstViolation && (facts.harm === 'none' || facts.harm === 'minor')) {
      const { proposal: p } = tieredProposal(item, facts, base, 0, 'none', false, problems);
      return {
        ...p,
        outcome: p.outcome === 'incomplete' ? 'incomplete' : 'no_penalty_optional',
        noPenaltyBasis: '《行政处罚法》第三十三条第一款（初次违法且危害后果轻微并及时改正，可以不予行政处罚）',
        reasoning: `${intro}${factorText}当事人初次违法且危害后果轻微并及时改正，依据《行政处罚法》第三十三条第一款的规定，可以不予行政处罚，并对当事人进行教育；如决定给予处罚，${p.amountRange ? `适用“轻微”裁量档次（${formatYuanRange(p.amountRange.min, p.amountRange.max)}）` : '适用最低裁量档次'}。`,
      };
    }
  }

  if (item.fine.kind === 'none') {
    const onlyOrders = orders.length === item.sanctions.length;
    const text = item.sanctions.map(sanctionText).join('；');
    return { ...base, outcome: onlyOrders ? 'order_only' : 'penalty', reasoning: `${intro}${factorText}依据${basis}的规定，${text}。` };
  }

  // ---- the tier ----
  let idx = Math.max(tierIndex(facts.circumstance), HARM_TIER[facts.harm]);
  if (facts.fault === 'intentional') idx += 1;
  idx += aggravating.length - mitigating.length;
  idx = Math.min(3, Math.max(0, idx));
  let mode: MitigationMode = 'none';
  let aggravated = false;
  if (mitigating.length > 0 && aggravating.length === 0) {
    idx = Math.min(idx, 1);
    mode = 'lighter';
  }
  if (aggravating.length > 0 && mitigating.length === 0) {
    idx = Math.max(idx, 2);
    aggravated = true;
  }
  if (facts.reduce) {
    if (mitigating.length === 0) problems.push('减轻处罚须具有《行政处罚法》第三十二条规定的情形');
    else mode = 'reduced';
  }
  const { proposal: p, rangeNote } = tieredProposal(item, facts, base, idx, mode, aggravated, problems);
  if (p.outcome === 'incomplete') return { ...p, reasoning: `${intro}${factorText}` };
  const rangeText = p.amountRange ? formatYuanRange(p.amountRange.min, p.amountRange.max) : '';
  const modeText =
    p.mitigation === 'reduced'
      ? `依据《行政处罚法》第三十二条的规定减轻处罚，在法定最低罚款数额以下（${rangeText}）确定`
      : `${p.mitigation === 'lighter' ? '依法从轻处罚，' : aggravated ? '依法从重处罚，' : ''}适用“${discretionTierLabels[p.tier!]}”裁量档次（${rangeText}）`;
  const others = item.sanctions.length ? `；同时${item.sanctions.map(sanctionText).join('；')}` : '';
  const reasoning = `${intro}依据${basis}的规定，${fineRuleText(item.fine)}${rangeNote ? `（${rangeNote}，法定幅度为${formatYuanRange(p.statutoryRange!.min, p.statutoryRange!.max)}）` : ''}。${factorText}综合考虑违法行为的事实、性质、情节、社会危害程度以及当事人的主观过错，${modeText}，建议罚款${formatYuan(p.suggestedAmount!)}${others}。`;
  return { ...p, reasoning };
}

function tieredProposal(
  item: DiscretionItem,
  facts: ViolationFacts,
  base: DiscretionProposal,
  idx: number,
  mode: MitigationMode,
  aggravated: boolean,
  problems: string[],
): { proposal: DiscretionProposal; rangeNote?: string } {
  const resolved = resolveRange(item, facts, problems);
  if (!resolved) return { proposal: { ...base, outcome: 'incomplete' } };
  const { range, scale, note } = resolved;
  const statutoryRange = { min: scale(range.min), max: scale(range.max) };
  let tier: DiscretionTier = discretionTiers[idx]!;
  let amountRange: YuanRange;
  if (mode === 'reduced' && statutoryRange.min > 0) {
    amountRange = { min: 0, max: statutoryRange.min };
  } else {
    if (mode === 'reduced') {
      problems.push('法定幅度无最低数额，减轻处罚按从轻处罚在“轻微”档次内确定');
      mode = 'lighter';
      tier = 'minor';
    }
    const t = range.tiers.find((x) => x.tier === tier)!;
    amountRange = { min: scale(t.min), max: scale(t.max) };
  }
  const suggestedAmount = suggest(amountRange);
  return { proposal: { ...base, outcome: 'penalty', tier, mitigation: mode, aggravated, statutoryRange, amountRange, suggestedAmount }, ...(note ? { rangeNote: note } : {}) };
}

/**
 * R25/R29: the discretion reasoning as a document states it. The engine writes “建议罚款X” (its proposal); the notice
 * states the amount the agency intends (拟罚款Y), the decision the amount decided (决定罚款Y) — with the written reason
 * when Y lies outside the proposed tier.
 */
export function reasoningWithAmount(p: Pick<DiscretionProposal, 'reasoning' | 'suggestedAmount'>, amount: number | null | undefined, o: { stage: 'notice' | 'decision'; reason?: string | null }): string {
  if (p.suggestedAmount == null) return p.reasoning;
  const chosen = amount ?? p.suggestedAmount;
  const verb = o.stage === 'decision' ? '决定' : '拟';
  const why = o.reason?.trim() ? `因${o.reason.trim().replace(/[。；]$/, '')}，` : '';
  const suggestion = `建议罚款${formatYuan(p.suggestedAmount)}`;
  if (!p.reasoning.includes(suggestion)) return p.reasoning;
  return p.reasoning.replace(suggestion, `${why}${verb}罚款${formatYuan(chosen)}`);
}

/**
 * R25: the chosen amount of one violation. Never above the statutory maximum; below the minimum only when the proposal
 * is 减轻; never below zero; a fine outside the proposed tier needs a written reason (≥ 10 characters).
 */
export function chosenAmountProblems(p: DiscretionProposal, amount: number, reason?: string | null): string[] {
  const out: string[] = [];
  if (!Number.isFinite(amount) || !Number.isInteger(amount)) return ['罚款数额应为整数元'];
  if (amount < 0) return ['罚款数额不能为负数'];
  if (p.outcome === 'no_penalty') return amount > 0 ? [`依法应当不予行政处罚（${p.noPenaltyBasis ?? '《行政处罚法》第三十三条'}），不得处以罚款`] : [];
  if (!p.statutoryRange || !p.amountRange) return amount > 0 ? ['该裁量事项没有罚款幅度，不得处以罚款'] : [];
  const { min, max } = p.statutoryRange;
  if (amount > max) out.push(`罚款${formatYuan(amount)}超过法定最高数额${formatYuan(max)}（${p.basis}）`);
  if (amount < min && p.mitigation !== 'reduced') out.push(`罚款${formatYuan(amount)}低于法定最低数额${formatYuan(min)}：除依法减轻处罚外，不得低于法定最低数额`);
  if (amount === 0 && p.mitigation !== 'reduced') out.push('罚款数额应大于零；不予处罚的，应适用《行政处罚法》第三十三条');
  if (out.length) return out;
  const inTier = amount >= p.amountRange.min && amount <= p.amountRange.max;
  if (!inTier && !(reason && reason.trim().length >= 10)) {
    const label = p.mitigation === 'reduced' ? '减轻处罚幅度' : `“${discretionTierLabels[p.tier!]}”档次`;
    out.push(`罚款${formatYuan(amount)}不在建议的${label}（${formatYuanRange(p.amountRange.min, p.amountRange.max)}）内，须书面说明理由`);
  }
  return out;
}

export interface CaseViolation {
  proposal: DiscretionProposal;
  /** the amount chosen; defaults to the suggestion */
  amount?: number | null;
  /** the written reason when the amount is outside the proposed tier */
  reason?: string | null;
  /** the officer decides to punish although 可以不予处罚 applies */
  punishDespiteOptionalExemption?: boolean;
}

export interface CombinedLine {
  itemCode: string;
  basis: string;
  party: PenaltyParty;
  partyName: string;
  tier: DiscretionTier | null;
  amount: number;
  /** the chosen amount was above the item's maximum and was capped */
  capped: boolean;
}

export interface CombinedPenalty {
  lines: CombinedLine[];
  /** one total per party (the unit and each person are separate parties) */
  totalsByParty: { partyName: string; party: PenaltyParty; total: number }[];
  total: number;
  sanctions: SanctionEntry[];
  problems: string[];
  /** 分别裁量、合并处罚, as written into the decision document */
  reasoning: string;
}

/**
 * R25 分别裁量、合并处罚: each violation keeps its own discretion and its own statutory cap; the case's fine is the sum per
 * party. The same act (actId) is never fined twice (行政处罚法 第二十九条).
 */
export function combinePenalties(violations: readonly CaseViolation[]): CombinedPenalty {
  const problems: string[] = [];
  const lines: CombinedLine[] = [];
  const sanctions: SanctionEntry[] = [];
  const acts = new Map<string, string>();
  for (const [k, v] of violations.entries()) {
    const p = v.proposal;
    const where = `第${k + 1}项违法行为（${p.basis}）`;
    if (p.actId) {
      const prev = acts.get(p.actId);
      if (prev) problems.push(`${where}与${prev}是同一个违法行为，不得给予两次以上罚款；违反多个法律规范的，按照罚款数额高的规定处罚（《行政处罚法》第二十九条）`);
      else acts.set(p.actId, where);
    }
    for (const x of p.problems) problems.push(`${where}：${x}`);
    const exempt = p.outcome === 'no_penalty' || (p.outcome === 'no_penalty_optional' && !v.punishDespiteOptionalExemption);
    let amount = exempt ? 0 : (v.amount ?? p.suggestedAmount ?? 0);
    let capped = false;
    if (!exempt) {
      for (const x of chosenAmountProblems(p, amount, v.reason)) problems.push(`${where}：${x}`);
      if (p.statutoryRange && amount > p.statutoryRange.max) {
        amount = p.statutoryRange.max;
        capped = true;
      }
      for (const s of p.sanctions) if (!sanctions.some((o) => o.kind === s.kind && o.condition === s.condition)) sanctions.push(s);
    }
    lines.push({ itemCode: p.itemCode, basis: p.basis, party: p.party, partyName: p.partyName, tier: exempt ? null : p.tier, amount, capped });
  }
  const totals = new Map<string, { partyName: string; party: PenaltyParty; total: number }>();
  for (const l of lines) {
    const t = totals.get(l.partyName) ?? { partyName: l.partyName, party: l.party, total: 0 };
    t.total += l.amount;
    totals.set(l.partyName, t);
  }
  const totalsByParty = [...totals.values()];
  const total = lines.reduce((a, l) => a + l.amount, 0);
  const parts = lines.map((l, k) => `${k + 1}. ${l.partyName}违反${l.basis}，${l.amount > 0 ? `罚款${formatYuan(l.amount)}` : '不予罚款'}`);
  const reasoning = `对上述违法行为分别裁量、合并处罚：${parts.join('；')}。${totalsByParty.map((t) => `对${t.partyName}合计罚款${formatYuan(t.total)}`).join('；')}。`;
  return { lines, totalsByParty, total, sanctions, problems, reasoning };
}

/**
 * R18: a major hazard or a serious violation must end in a penalty, never in "rectification only" (以责令整改代替
 * 行政处罚, 江西《实施意见》附件2 一.3). `no_penalty` is accepted only with a written legal basis (≥ 10 characters), e.g. no fault
 * proven or the facts not established, which the legal review then checks.
 */
export function rectificationOnlyProblems(f: { majorHazard: boolean; circumstance?: DiscretionTier | null; outcome: 'penalty' | 'rectification_only' | 'no_penalty'; noPenaltyBasis?: string | null }): string[] {
  const serious = f.circumstance === 'serious' || f.circumstance === 'severe';
  if (!f.majorHazard && !serious) return [];
  const what = f.majorHazard ? '重大事故隐患' : '情节严重的违法行为';
  if (f.outcome === 'rectification_only') return [`${what}必须依法给予行政处罚，不得以责令限期整改代替行政处罚`];
  if (f.outcome === 'no_penalty' && !(f.noPenaltyBasis && f.noPenaltyBasis.trim().length >= 10)) return [`${what}不予处罚的，须写明不予处罚的法律依据并经法制审核`];
  return [];
}
