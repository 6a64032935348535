import { describe, expect, it } from 'vitest';
import {
  acceptDueDate,
  complaintInputProblems,
  complaintOverdue,
  maskName,
  maskPhone,
  replyDueDate,
  trackingCodeFrom,
  trackingCodePattern,
} from '../src/index.js';

describe('R37: complaint periods in working days (R38)', () => {
  it('R37: acceptance is due 5 working days after receipt, counted over the National Day holiday and its makeup Saturday', () => {
    // 2025: 10月1日–8日 放假, 10月11日（周六）上班
    expect(acceptDueDate('2025-09-30')).toBe('2025-10-14');
    expect(acceptDueDate('2025-06-02')).toBe('2025-06-09');
  });
  it('R37: the answer is due 30 working days after acceptance', () => {
    expect(replyDueDate('2025-06-02')).toBe('2025-07-14');
  });
  it('R37: overdue the day after the due day, for acceptance and for the answer', () => {
    const c = { status: 'received' as const, acceptDue: '2025-10-14', replyDue: null };
    expect(complaintOverdue(c, '2025-10-14')).toBeNull();
    expect(complaintOverdue(c, '2025-10-15')).toEqual({ kind: 'accept', dueDate: '2025-10-14' });
    const a = { status: 'accepted' as const, acceptDue: '2025-10-14', replyDue: '2025-11-25' };
    expect(complaintOverdue(a, '2025-11-25')).toBeNull();
    expect(complaintOverdue(a, '2025-11-26')).toEqual({ kind: 'reply', dueDate: '2025-11-25' });
    expect(complaintOverdue({ ...a, status: 'replied' }, '2026-01-01')).toBeNull();
    expect(complaintOverdue({ ...c, status: 'not_accepted' }, '2026-01-01')).toBeNull();
  });
});

describe('R37: protection of the complainant', () => {
  it('R37: names and phones are masked', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName(null)).toBeNull();
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0571-87654321')).toBe('***********21');
  });
  it('R37: tracking codes are 12 readable characters', () => {
    const code = trackingCodeFrom(Array.from({ length: 12 }, (_, i) => i * 37));
    expect(code).toMatch(trackingCodePattern);
    expect(code).not.toMatch(/[01OIL]/);
  });
});

describe('R37: junk is refused', () => {
  const ok = { enterpriseName: '某某化工有限公司', content: '该企业夜间违规动火作业，未办理动火审批手续。', complainantName: '张三', complainantPhone: '13812345678', anonymous: false };
  it('R37: a usable complaint has no problems; anonymous needs no name or phone', () => {
    expect(complaintInputProblems(ok)).toEqual([]);
    expect(complaintInputProblems({ ...ok, complainantName: null, complainantPhone: null, anonymous: true })).toEqual([]);
  });
  it('R37: repeated characters, links, missing contact details are refused in Chinese', () => {
    expect(complaintInputProblems({ ...ok, content: '啊啊啊啊啊啊啊啊啊啊啊啊' })).toContain('举报内容无法识别，请具体描述举报的问题');
    expect(complaintInputProblems({ ...ok, content: '详情请看 http://spam.example.com 该企业违规' })).toContain('举报内容不能包含网址链接');
    expect(complaintInputProblems({ ...ok, content: 'aaaa bbbb cccc dddd eeee' })).toContain('请用中文描述举报的问题');
    expect(complaintInputProblems({ ...ok, complainantPhone: '123' }).join()).toContain('联系电话');
    expect(complaintInputProblems({ ...ok, enterpriseName: '某' })).toContain('请填写被举报单位的名称');
  });
});
