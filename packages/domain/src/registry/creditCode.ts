// R2: 统一社会信用代码, GB 32100-2015. 18 characters from a 31-character set (no I, O, Z, S, V):
// 1 registration department, 2 organisation category, 3–8 region (GB/T 2260), 9–17 organisation
// code (GB 11714), 18 check character over the first 17.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// GB 32100 表1: 登记管理部门代码 and the organisation categories each department may issue.
const CATEGORIES: Record<string, string> = {
  '1': '1239', // 机构编制
  '2': '19', // 外交
  '3': '19', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '129', // 工会
  '9': '123', // 工商
  A: '19', // 中央军委改革和编制办公室
  N: '129', // 农业
  Y: '1', // 其他
};

export type CreditCodeCheck = { ok: true; code: string } | { ok: false; message: string };

export function computeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Validates a credit code; the message names the exact problem in Chinese. Lower case is accepted and upper-cased. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = (input ?? '').trim().toUpperCase();
  if (code.length === 0) return { ok: false, message: '统一社会信用代码不能为空' };
  if (code.length !== 18) return { ok: false, message: `统一社会信用代码应为18位，当前为${code.length}位` };
  for (let i = 0; i < 18; i++) {
    if (!CHARSET.includes(code[i]!)) {
      return { ok: false, message: `统一社会信用代码第${i + 1}位“${code[i]}”不是合法字符（不得使用I、O、Z、S、V）` };
    }
  }
  const categories = CATEGORIES[code[0]!];
  if (!categories) return { ok: false, message: `统一社会信用代码第1位“${code[0]}”不是有效的登记管理部门代码` };
  if (!categories.includes(code[1]!)) {
    return { ok: false, message: `统一社会信用代码第2位“${code[1]}”不是该登记管理部门的有效机构类别代码` };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return { ok: false, message: '统一社会信用代码第3至8位应为6位数字的行政区划代码' };
  }
  const expected = computeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return { ok: false, message: `统一社会信用代码校验位错误：第18位应为“${expected}”，实际为“${code[17]}”` };
  }
  return { ok: true, code };
}

/** Builds a valid code from a 17-character body (used by the data generator). */
export function withCheckChar(first17: string): string {
  return first17 + computeCheckChar(first17);
}

export const CREDIT_CODE_CHARSET = CHARSET;
