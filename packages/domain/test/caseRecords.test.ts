import { describe, expect, it } from 'vitest';
import { hearingMinutesProblems, hearingNoticeFactsProblems, serviceProblems } from '../src/index.js';

describe('issue #17: the facts recorded for the procedure documents', () => {
  const base = { method: 'direct' as const, recipient: '某某有限公司', place: '杭州市西湖区某路1号' };
  it('R27/R29: a service names its method, recipient and place, on a day between the decision and today', () => {
    expect(serviceProblems(base, '2026-03-20', '2026-03-18')).toEqual([]);
    expect(serviceProblems({ ...base, recipient: ' ', place: '' }, '2026-03-20').join()).toMatch(/受送达人.*送达地点/);
    expect(serviceProblems({ ...base, servedOn: '2026-03-21' }, '2026-03-20').join()).toContain('不能晚于今天');
    expect(serviceProblems({ ...base, servedOn: '2026-03-17' }, '2026-03-20', '2026-03-18').join()).toContain('不能早于决定日期');
    expect(serviceProblems({ ...base, signer: { name: '钱文员', relation: '' } }, '2026-03-20').join()).toContain('签收人');
  });
  it('R27: 留置送达 needs a witness', () => {
    expect(serviceProblems({ ...base, method: 'left_at_premises' }, '2026-03-20').join()).toContain('见证人');
    expect(serviceProblems({ ...base, method: 'left_at_premises', witness: { name: '孙社区干部' } }, '2026-03-20')).toEqual([]);
  });
  it('R27: 电子送达 only with the party\'s written consent signed before (《行政处罚法》第六十一条)', () => {
    const e = { ...base, method: 'electronic' as const, place: 'party@example.com' };
    expect(serviceProblems(e, '2026-03-20').join()).toContain('第六十一条');
    expect(serviceProblems({ ...e, electronicConsentOn: '2026-03-21', servedOn: '2026-03-20' }, '2026-03-20').join()).toContain('确认书的日期不能晚于送达日期');
    expect(serviceProblems({ ...e, electronicConsentOn: '2026-03-10' }, '2026-03-20')).toEqual([]);
  });
  it('R27: the hearing notice states time, place and clerk; the minutes the four parts, or the non-attendance', () => {
    expect(hearingNoticeFactsProblems({ time: '9:30', place: '', panelists: [], clerk: '' })).toHaveLength(3);
    expect(hearingNoticeFactsProblems({ time: '09:30', place: '听证室', panelists: ['周某'], clerk: '吴某' })).toEqual([]);
    const m = { attended: true, partyAttendees: [{ name: '赵某', role: '委托代理人' }], investigatorCase: '事实和证据', partyStatement: '申辩', crossExamination: '质证', finalStatements: '陈述' };
    expect(hearingMinutesProblems(m)).toEqual([]);
    expect(hearingMinutesProblems({ ...m, crossExamination: '' }).join()).toContain('质证情况');
    expect(hearingMinutesProblems({ ...m, partyAttendees: [] }).join()).toContain('出席听证');
    expect(hearingMinutesProblems({ ...m, attended: false, partyAttendees: [] }).join()).toContain('未出席');
    expect(hearingMinutesProblems({ ...m, attended: false, partyAttendees: [], absenceNote: '当事人经通知无正当理由未到场' })).toEqual([]);
  });
});
