// R34 案卷评查: the scoring sheet (评查标准) and how a case file's score, grade and defects follow from it, and the
// league table of agencies. Pure and browser-safe: the scoring form shows the same total the server stores.
// The default items follow the usual 行政执法案卷评查 standards (主体合法、事实清楚、证据确凿、适用法律正确、程序合法、
// 裁量适当、文书规范、归档完整) and the problems of the 监管执法领域突出问题清单 (以责令整改代替行政处罚, 未取得执法证件,
// 未按计划检查, 同案异罚, 手写文书, 该录入不录入 …).

export const caseReviewKinds = ['penalty', 'inspection'] as const;
export type CaseReviewKind = (typeof caseReviewKinds)[number];
export const caseReviewKindLabels: Record<CaseReviewKind, string> = { penalty: '行政处罚案卷', inspection: '监督检查案卷' };

export const reviewSections = ['subject', 'evidence', 'law', 'procedure', 'discretion', 'documents', 'archive'] as const;
export type ReviewSection = (typeof reviewSections)[number];
export const reviewSectionLabels: Record<ReviewSection, string> = {
  subject: '主体',
  evidence: '事实与证据',
  law: '适用法律',
  procedure: '程序',
  discretion: '裁量',
  documents: '文书',
  archive: '归档',
};

export interface ReviewSheetItem {
  /** stable within a sheet version: scores refer to it */
  code: string;
  section: ReviewSection;
  text: string;
  /** the item's weight: the most that can be deducted on it */
  points: number;
  appliesTo: CaseReviewKind[];
  /** 否决项: any deduction makes the file 不合格 whatever the total */
  veto?: boolean;
}

export interface ReviewSheet {
  items: ReviewSheetItem[];
}

const both: CaseReviewKind[] = ['penalty', 'inspection'];
const P: CaseReviewKind[] = ['penalty'];
const I: CaseReviewKind[] = ['inspection'];

export const defaultReviewSheet: ReviewSheet = {
  items: [
    { code: 'S1', section: 'subject', text: '执法主体合法，案件或检查对象属于本机关管辖', points: 5, appliesTo: both, veto: true },
    { code: 'S2', section: 'subject', text: '执法人员两人以上，均持有效执法证件并主动出示', points: 5, appliesTo: both, veto: true },
    { code: 'E1', section: 'evidence', text: '违法事实清楚，当事人认定准确', points: 10, appliesTo: P },
    { code: 'E2', section: 'evidence', text: '证据确凿充分、取证合法，证据之间能够相互印证', points: 10, appliesTo: P },
    { code: 'E3', section: 'evidence', text: '检查记录如实记载检查时间、地点、事项和发现的问题隐患，到要害部位和关键岗位检查', points: 15, appliesTo: I },
    { code: 'E4', section: 'evidence', text: '问题隐患描述准确，未避重就轻，重大事故隐患判定准确', points: 10, appliesTo: I },
    { code: 'L1', section: 'law', text: '适用法律、法规、规章正确，引用条款具体到条、款、项', points: 10, appliesTo: P },
    { code: 'L2', section: 'law', text: '定性准确，未以责令整改代替行政处罚，该立案的已立案', points: 10, appliesTo: both },
    { code: 'L3', section: 'law', text: '检查依据明确，检查事项符合检查事项清单', points: 5, appliesTo: I },
    { code: 'P1', section: 'procedure', text: '按批准的年度监督检查计划或经批准的计划外检查开展，事前报备', points: 10, appliesTo: I },
    { code: 'P2', section: 'procedure', text: '立案、调查、告知、决定、送达依法定程序和期限办理', points: 10, appliesTo: P },
    { code: 'P3', section: 'procedure', text: '依法告知陈述、申辩、听证等权利，听取并复核当事人意见', points: 8, appliesTo: P },
    { code: 'P4', section: 'procedure', text: '重大案件经法制审核和负责人集体讨论', points: 7, appliesTo: P },
    { code: 'P5', section: 'procedure', text: '发现的问题隐患依法责令改正或现场处理，重大事故隐患整改闭环', points: 10, appliesTo: I },
    { code: 'D1', section: 'discretion', text: '执行裁量基准，裁量理由写入文书，偏离建议档次的有书面理由', points: 10, appliesTo: P },
    { code: 'D2', section: 'discretion', text: '无同案异罚、畸轻畸重', points: 5, appliesTo: P },
    { code: 'D3', section: 'discretion', text: '责令整改期限合理，复查及时', points: 5, appliesTo: I },
    { code: 'W1', section: 'documents', text: '文书格式规范、要素齐全、编号规范，签名盖章完整', points: 5, appliesTo: both },
    { code: 'W2', section: 'documents', text: '文书依法送达，送达回证齐全', points: 5, appliesTo: both },
    { code: 'W3', section: 'documents', text: '文书通过执法信息系统制作，无手写文书、手工填表', points: 3, appliesTo: both },
    { code: 'A1', section: 'archive', text: '案卷材料齐全，按顺序装订归档', points: 4, appliesTo: both },
    { code: 'A2', section: 'archive', text: '执法全过程记录完整，音像和电子数据可回溯', points: 3, appliesTo: both },
    { code: 'A3', section: 'archive', text: '处罚决定按期公示', points: 3, appliesTo: P },
    { code: 'A4', section: 'archive', text: '检查结果和问题隐患及时录入系统', points: 3, appliesTo: I },
  ],
};

/** What is wrong with a sheet (in Chinese), empty when it may be published. */
export function reviewSheetProblems(sheet: ReviewSheet): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  if (!sheet.items.length) out.push('评查标准至少应有一个评查项目');
  for (const [i, it] of sheet.items.entries()) {
    const at = `第${i + 1}项`;
    if (!/^[A-Za-z0-9]{1,8}$/.test(it.code)) out.push(`${at}的编号应为1至8位字母或数字`);
    else if (seen.has(it.code)) out.push(`${at}的编号“${it.code}”重复`);
    seen.add(it.code);
    if (!reviewSections.includes(it.section)) out.push(`${at}的评查类别不正确`);
    if (!it.text || it.text.trim().length < 4) out.push(`${at}的评查内容不少于4个字`);
    if (!(it.points > 0 && it.points <= 50) || Math.round(it.points * 2) !== it.points * 2) out.push(`${at}的分值应在0.5至50分之间，以0.5分为单位`);
    if (!it.appliesTo.length) out.push(`${at}应至少适用于一类案卷`);
  }
  for (const k of caseReviewKinds) if (!sheet.items.some((it) => it.appliesTo.includes(k))) out.push(`${caseReviewKindLabels[k]}没有适用的评查项目`);
  return out;
}

export const reviewGrades = ['excellent', 'good', 'pass', 'fail'] as const;
export type ReviewGrade = (typeof reviewGrades)[number];
export const reviewGradeLabels: Record<ReviewGrade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

export function gradeOf(score: number, veto: boolean): ReviewGrade {
  if (veto || score < 60) return 'fail';
  if (score >= 90) return 'excellent';
  if (score >= 80) return 'good';
  return 'pass';
}

export interface ItemScore {
  code: string;
  /** points deducted on the item, 0 … its weight, in steps of 0.5 */
  deduction: number;
  /** required when something is deducted: what is wrong (the defect returned for rectification) */
  note?: string;
}

export interface ReviewDefect {
  code: string;
  section: ReviewSection;
  text: string;
  deduction: number;
  note: string;
  veto: boolean;
}

export interface ReviewResult {
  /** the sum of the weights of the items that apply to this kind of file */
  applicablePoints: number;
  deducted: number;
  /** out of 100, one decimal: (applicable − deducted) / applicable × 100 */
  score: number;
  grade: ReviewGrade;
  veto: boolean;
  defects: ReviewDefect[];
}

export class ReviewScoreError extends Error {}

export const itemsFor = (sheet: ReviewSheet, kind: CaseReviewKind) => sheet.items.filter((it) => it.appliesTo.includes(kind));

/**
 * The score of one file from the reviewer's deductions on every item of the sheet that applies to its kind. Weights
 * need not add up to 100: the score is the share kept, so sheets can be edited without re-balancing every item.
 */
export function scoreReview(sheet: ReviewSheet, kind: CaseReviewKind, scores: readonly ItemScore[]): ReviewResult {
  const items = itemsFor(sheet, kind);
  const byCode = new Map(items.map((it) => [it.code, it]));
  const given = new Map<string, ItemScore>();
  for (const s of scores) {
    const it = byCode.get(s.code);
    if (!it) throw new ReviewScoreError(`评查项目“${s.code}”不在本轮适用的评查标准中`);
    if (given.has(s.code)) throw new ReviewScoreError(`评查项目“${s.code}”重复评分`);
    if (!(s.deduction >= 0) || s.deduction > it.points || Math.round(s.deduction * 2) !== s.deduction * 2) throw new ReviewScoreError(`“${it.text}”的扣分应在0至${it.points}分之间，以0.5分为单位`);
    if (s.deduction > 0 && !(s.note ?? '').trim()) throw new ReviewScoreError(`“${it.text}”扣了分，请写明扣分理由（存在的问题）`);
    given.set(s.code, s);
  }
  const missing = items.filter((it) => !given.has(it.code));
  if (missing.length) throw new ReviewScoreError(`还有${missing.length}个评查项目未评分：${missing.slice(0, 3).map((m) => m.text).join('；')}${missing.length > 3 ? '……' : ''}`);
  const applicablePoints = items.reduce((s, it) => s + it.points, 0);
  const defects: ReviewDefect[] = items
    .filter((it) => given.get(it.code)!.deduction > 0)
    .map((it) => ({ code: it.code, section: it.section, text: it.text, deduction: given.get(it.code)!.deduction, note: given.get(it.code)!.note!.trim(), veto: !!it.veto }));
  const deducted = defects.reduce((s, d) => s + d.deduction, 0);
  const score = applicablePoints > 0 ? Math.round(((applicablePoints - deducted) / applicablePoints) * 1000) / 10 : 0;
  const veto = defects.some((d) => d.veto);
  return { applicablePoints, deducted, score, grade: gradeOf(score, veto), veto, defects };
}

// ---- the league table (评查结果通报): per agency ----

export interface LeagueInput {
  agencyId: number;
  agencyName: string;
  /** null while the file is not scored */
  score: number | null;
  grade: ReviewGrade | null;
  /** defects returned and not yet accepted as rectified */
  openDefects: boolean;
}

export interface LeagueRow {
  rank: number | null;
  agencyId: number;
  agencyName: string;
  drawn: number;
  scored: number;
  average: number | null;
  excellent: number;
  failed: number;
  /** share of scored files graded 合格 or better, in % */
  passRate: number | null;
  openRectifications: number;
}

/** Agencies ranked by their files' average score (ties share a rank); agencies with nothing scored come last, unranked. */
export function leagueTable(rows: readonly LeagueInput[]): LeagueRow[] {
  const by = new Map<number, LeagueRow & { sum: number }>();
  for (const r of rows) {
    let a = by.get(r.agencyId);
    if (!a) {
      a = { rank: null, agencyId: r.agencyId, agencyName: r.agencyName, drawn: 0, scored: 0, average: null, excellent: 0, failed: 0, passRate: null, openRectifications: 0, sum: 0 };
      by.set(r.agencyId, a);
    }
    a.drawn++;
    if (r.openDefects) a.openRectifications++;
    if (r.score != null) {
      a.scored++;
      a.sum += r.score;
      if (r.grade === 'excellent') a.excellent++;
      if (r.grade === 'fail') a.failed++;
    }
  }
  const out = [...by.values()].map(({ sum, ...a }) => ({
    ...a,
    average: a.scored ? Math.round((sum / a.scored) * 10) / 10 : null,
    passRate: a.scored ? Math.round(((a.scored - a.failed) / a.scored) * 1000) / 10 : null,
  }));
  out.sort((x, y) => (y.average ?? -1) - (x.average ?? -1) || (y.passRate ?? -1) - (x.passRate ?? -1) || x.agencyId - y.agencyId);
  let prev: LeagueRow | null = null;
  out.forEach((r, i) => {
    if (r.average == null) return;
    r.rank = prev && prev.average === r.average && prev.passRate === r.passRate ? prev.rank : i + 1;
    prev = r;
  });
  return out;
}

// ---- statuses of a drawn file ----

export const caseReviewStatuses = ['pending', 'rectifying', 'rectified', 'closed'] as const;
export type CaseReviewStatus = (typeof caseReviewStatuses)[number];
export const caseReviewStatusLabels: Record<CaseReviewStatus, string> = { pending: '待评查', rectifying: '待整改', rectified: '整改待验收', closed: '已办结' };

/** A quarter 'YYYY-Qn' as its first and last day. */
export function quarterPeriod(quarter: string): { start: string; end: string; label: string } | null {
  const m = /^(\d{4})-?Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const y = Number(m[1]);
  const q = Number(m[2]);
  const sm = (q - 1) * 3 + 1;
  const em = sm + 2;
  const last = new Date(Date.UTC(y, em, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${y}-${pad(sm)}-01`, end: `${y}-${pad(em)}-${pad(last)}`, label: `${y}年第${q}季度` };
}

// ---- supervisory measures (监督措施) that a review defect or a case can lead to ----

export const interventionKinds = ['reminder', 'supervise', 'interview', 'circular'] as const;
export type InterventionKind = (typeof interventionKinds)[number];
export const interventionKindLabels: Record<InterventionKind, string> = { reminder: '监督提醒', supervise: '督办', interview: '约谈', circular: '通报' };
export const interventionSubjects = ['case_review', 'penalty_case'] as const;
export type InterventionSubject = (typeof interventionSubjects)[number];
export const interventionSubjectLabels: Record<InterventionSubject, string> = { case_review: '评查案卷', penalty_case: '处罚案件' };
