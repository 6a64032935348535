// 投诉举报 (complaints and reports): how they come in, the periods within which they are accepted and answered,
// when one is overdue, and how the complainant's identity is shown to those who do not handle it (保护举报人).
// Pure, without the calendar: the browser imports this file alone (@anjian/domain/complaints).

export const complaintSources = ['hotline', 'portal', 'letter', 'transfer', 'observation_point'] as const;
export type ComplaintSource = (typeof complaintSources)[number];
export const complaintSourceLabels: Record<ComplaintSource, string> = {
  hotline: '12350热线',
  portal: '网上举报',
  letter: '来信',
  transfer: '其他部门转办',
  observation_point: '基层观测点',
};

export const complaintStatuses = ['received', 'accepted', 'not_accepted', 'replied'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];
export const complaintStatusLabels: Record<ComplaintStatus, string> = {
  received: '待受理',
  accepted: '已受理，办理中',
  not_accepted: '不予受理',
  replied: '已答复',
};

/** How a complaint reached its handling agency. */
export const complaintRoutings = ['enterprise', 'region', 'province_queue', 'observation', 'transfer'] as const;
export type ComplaintRouting = (typeof complaintRoutings)[number];
export const complaintRoutingLabels: Record<ComplaintRouting, string> = {
  enterprise: '按企业监管主体分派',
  region: '按所在地区分派',
  province_queue: '省级待人工分派',
  observation: '观测点线索报对口联系部门',
  transfer: '已转交',
};

export const complaintOverdueLabels: Record<'accept' | 'reply', string> = { accept: '逾期未受理', reply: '逾期未答复' };

/** 张三 → 张*；欧阳娜娜 → 欧***: the family name shows whom to call back at most, never who. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name.trim()];
  if (chars.length === 0) return null;
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 13812345678 → 138****5678; other numbers keep only their last two digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const p = phone.trim();
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  return '*'.repeat(Math.max(0, p.length - 2)) + p.slice(-2);
}

/** The tracking code's alphabet: no 0/O, 1/I/L, so it can be read out on the phone. */
const TRACKING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const TRACKING_CODE_LENGTH = 12;
export const trackingCodePattern = /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{12}$/;

/** A tracking code from random bytes (at least 12): 12 characters of a 31-letter alphabet, about 59 bits. */
export function trackingCodeFrom(bytes: ArrayLike<number>): string {
  if (bytes.length < TRACKING_CODE_LENGTH) throw new Error('need 12 random bytes');
  let s = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) s += TRACKING_ALPHABET[bytes[i]! % TRACKING_ALPHABET.length];
  return s;
}

export const mobileOrLandline = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export interface ComplaintInput {
  enterpriseName: string;
  content: string;
  complainantName?: string | null;
  complainantPhone?: string | null;
  anonymous: boolean;
}

/**
 * What makes a complaint unusable, in Chinese (empty when it can be registered): the enterprise named, content that says
 * something (not one repeated character, not a link), a callable number unless anonymous.
 */
export function complaintInputProblems(c: ComplaintInput): string[] {
  const problems: string[] = [];
  const name = c.enterpriseName.trim();
  const content = c.content.trim();
  if ([...name].length < 2) problems.push('请填写被举报单位的名称');
  if ([...content].length < 10) problems.push('请具体描述举报的问题（不少于10个字）');
  else if (new Set([...content.replace(/\s/g, '')]).size < 5) problems.push('举报内容无法识别，请具体描述举报的问题');
  if (/https?:\/\/|www\./i.test(content) || /https?:\/\/|www\./i.test(name)) problems.push('举报内容不能包含网址链接');
  if (!/[\u4e00-\u9fff]/.test(content)) problems.push('请用中文描述举报的问题');
  if (!c.anonymous) {
    if (!c.complainantPhone || !mobileOrLandline.test(c.complainantPhone.trim())) problems.push('实名举报请填写正确的联系电话（匿名举报可不填）');
    if (!c.complainantName || [...c.complainantName.trim()].length < 2) problems.push('实名举报请填写举报人姓名（匿名举报可不填）');
  } else if (c.complainantPhone && !mobileOrLandline.test(c.complainantPhone.trim())) {
    problems.push('联系电话格式不正确');
  }
  return problems;
}
