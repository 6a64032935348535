// 回访 (follow-up visits to the inspected enterprise): the questionnaire of the provincial implementing opinions,
// 附件3 行政相对人回访问题清单. The eight items are kept word for word; each is asked as one or more closed questions
// (so every answer can be checked and counted) plus a note. Answers that reveal misconduct open a 核查事项.

export interface FollowUpOption {
  value: string;
  label: string;
  /** the answer points at misconduct of the inspecting officers: what the 核查事项 opened for it is about */
  concern?: string;
}

export interface FollowUpQuestion {
  key: string;
  text: string;
  options: readonly FollowUpOption[];
}

export interface FollowUpItem {
  no: number;
  /** the item as worded in 附件3 */
  text: string;
  questions: readonly FollowUpQuestion[];
  /** what the note of the item records (item 8: the enterprise's opinions and suggestions) */
  noteLabel: string;
}

const yesNo = (yes: string, no: string, concernIfNo?: string): FollowUpOption[] => [
  { value: 'yes', label: yes },
  { value: 'no', label: no, ...(concernIfNo ? { concern: concernIfNo } : {}) },
];
const absentPresent = (concern: string): FollowUpOption[] => [
  { value: 'no', label: '不存在' },
  { value: 'yes', label: '存在', concern },
];

export const followUpQuestionnaire: readonly FollowUpItem[] = [
  {
    no: 1,
    text: '执法人员何时到企业开展执法检查，检查发现什么问题，是否已整改完毕。',
    questions: [
      {
        key: 'visitMatches',
        text: '企业所述检查时间与执法记录是否一致',
        options: [
          { value: 'yes', label: '一致' },
          { value: 'no', label: '不一致或企业称未接受该次检查', concern: '检查记录与企业所述不符，可能存在虚假检查' },
        ],
      },
      {
        key: 'rectified',
        text: '检查发现的问题是否已整改完毕',
        options: [
          { value: 'done', label: '已整改完毕' },
          { value: 'ongoing', label: '正在整改' },
          { value: 'none_found', label: '检查未发现问题' },
        ],
      },
    ],
    noteLabel: '检查时间及发现的问题',
  },
  {
    no: 2,
    text: '执法人员是否为两人以上共同执法，并主动出示行政执法证件。',
    questions: [
      { key: 'twoOfficers', text: '是否两人以上共同执法', options: yesNo('是', '否', '执法人员少于两人') },
      { key: 'credentialsShown', text: '是否主动出示行政执法证件', options: yesNo('是', '否', '未主动出示行政执法证件') },
    ],
    noteLabel: '说明',
  },
  {
    no: 3,
    text: '执法人员执法检查过程中是否文明礼貌，是否存在走过场、乱作为现象。',
    questions: [
      { key: 'courteous', text: '是否文明礼貌', options: yesNo('是', '否', '执法过程不文明礼貌') },
      { key: 'perfunctory', text: '是否存在走过场、乱作为现象', options: absentPresent('存在走过场、乱作为现象') },
    ],
    noteLabel: '说明',
  },
  {
    no: 4,
    text: '执法人员是否依法依规制作、送达有关执法文书。',
    questions: [{ key: 'documentsServed', text: '是否依法依规制作、送达执法文书', options: yesNo('是', '否', '未依法依规制作、送达执法文书') }],
    noteLabel: '说明',
  },
  {
    no: 5,
    text: '执法人员是否告知可以行使陈述、申辩、申请听证和行政复议、提起行政诉讼等其他合法权益。',
    questions: [{ key: 'rightsExplained', text: '是否告知陈述、申辩、听证、复议、诉讼等权利', options: yesNo('是', '否', '未告知陈述、申辩、听证、复议、诉讼等权利') }],
    noteLabel: '说明',
  },
  {
    no: 6,
    text: '执法人员是否进行说理式执法，指出发现的问题隐患同时宣传相关法律法规标准，并指导企业进行整改。',
    questions: [{ key: 'reasonedGuidance', text: '是否说理式执法并指导整改', options: yesNo('是', '否', '未进行说理式执法、未指导企业整改') }],
    noteLabel: '说明',
  },
  {
    no: 7,
    text: '执法人员是否存在吃、拿、卡、要，以及滥用职权等违法违纪行为。',
    questions: [
      { key: 'improperDemand', text: '是否存在吃、拿、卡、要行为', options: absentPresent('存在吃、拿、卡、要行为') },
      { key: 'abuseOfPower', text: '是否存在滥用职权等违法违纪行为', options: absentPresent('存在滥用职权等违法违纪行为') },
    ],
    noteLabel: '具体情况',
  },
  {
    no: 8,
    text: '对应急管理部门执法工作的总体评价及意见建议。',
    questions: [
      {
        key: 'overall',
        text: '总体评价',
        options: [
          { value: 'satisfied', label: '满意' },
          { value: 'fair', label: '基本满意' },
          { value: 'unsatisfied', label: '不满意' },
        ],
      },
    ],
    noteLabel: '意见建议',
  },
];

export const followUpQuestions: readonly FollowUpQuestion[] = followUpQuestionnaire.flatMap((i) => i.questions);

export const followUpMethods = ['phone', 'onsite'] as const;
export type FollowUpMethod = (typeof followUpMethods)[number];
export const followUpMethodLabels: Record<FollowUpMethod, string> = { phone: '电话回访', onsite: '实地回访' };

/** Why an inspection is in a follow-up draw: drawn at random, or always added (a bad rating by the enterprise …). */
export const followUpReasons = ['random', 'negative_feedback', 'complaint'] as const;
export type FollowUpReason = (typeof followUpReasons)[number];
export const followUpReasonLabels: Record<FollowUpReason, string> = { random: '随机抽取', negative_feedback: '企业评价差必回访', complaint: '涉及投诉举报必回访' };

export const followUpStatuses = ['pending', 'visited'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];
export const followUpStatusLabels: Record<FollowUpStatus, string> = { pending: '待回访', visited: '已回访' };

export const followUpMatterFindings = ['confirmed', 'unfounded'] as const;
export type FollowUpMatterFinding = (typeof followUpMatterFindings)[number];
export const followUpMatterFindingLabels: Record<FollowUpMatterFinding, string> = { confirmed: '查实', unfounded: '查否' };

/** question key → the chosen option's value */
export type FollowUpAnswers = Record<string, string>;
/** item number ('1'…'8') → the note of the item (what the enterprise said; item 8: its opinions and suggestions) */
export type FollowUpNotes = Record<string, string>;

/**
 * Checks a visit's answers against the questionnaire: every question answered with one of its options. Returns the
 * problems in Chinese (empty when complete).
 */
export function followUpAnswerProblems(answers: FollowUpAnswers): string[] {
  const problems: string[] = [];
  for (const item of followUpQuestionnaire) {
    for (const q of item.questions) {
      const a = answers[q.key];
      if (!a) problems.push(`第${item.no}项“${q.text}”未作答`);
      else if (!q.options.some((o) => o.value === a)) problems.push(`第${item.no}项“${q.text}”的回答不是可选项之一`);
    }
  }
  const known = new Set(followUpQuestions.map((q) => q.key));
  for (const k of Object.keys(answers)) if (!known.has(k)) problems.push(`回访问题清单中没有“${k}”这一问`);
  return problems;
}

export interface FollowUpConcern {
  questionKey: string;
  itemNo: number;
  /** the 核查事项's subject, in Chinese */
  concern: string;
}

/** The answers that reveal misconduct: one 核查事项 each (R33 → the review of R34). */
export function followUpConcerns(answers: FollowUpAnswers): FollowUpConcern[] {
  const out: FollowUpConcern[] = [];
  for (const item of followUpQuestionnaire) {
    for (const q of item.questions) {
      const o = q.options.find((x) => x.value === answers[q.key]);
      if (o?.concern) out.push({ questionKey: q.key, itemNo: item.no, concern: o.concern });
    }
  }
  return out;
}

/** The answers of one item as the ledger and the export show them: “是否两人以上共同执法：是；…”, then the note. */
export function followUpItemText(item: FollowUpItem, answers: FollowUpAnswers, notes: FollowUpNotes): string {
  const parts = item.questions.map((q) => `${q.text}：${q.options.find((o) => o.value === answers[q.key])?.label ?? '未作答'}`);
  const note = notes[String(item.no)]?.trim();
  return note ? `${parts.join('；')}；${item.noteLabel}：${note}` : parts.join('；');
}
