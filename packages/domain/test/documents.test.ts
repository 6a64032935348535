import { describe, expect, it } from 'vitest';
import {
  isSiteDocumentKind,
  agencyShortName,
  documentContentProblems,
  documentKindTable,
  documentKinds,
  formatDocumentNumber,
  shanghaiYear,
  type InspectionRecordContent,
  type ReinspectionOpinionContent,
  type RectificationOrderContent,
} from '../src/index.js';

const enterprise = { name: '杭州鑫源化工有限公司', creditCode: '91330106MA2CFXXX1X', address: '杭州市西湖区文一西路1号', legalRepresentative: '张三' };
const officers = [
  { name: '李四', credentialNo: '33010620001' },
  { name: '王五', credentialNo: '33010620002' },
];

const inspectionRecord: InspectionRecordContent = {
  enterprise,
  startedAt: '2026-03-05T01:30:00.000Z',
  endedAt: '2026-03-05T03:00:00.000Z',
  place: '企业生产车间及仓库',
  officers,
  legalBasis: ['《中华人民共和国安全生产法》第六十五条'],
  checkItems: [
    { code: 'G01', title: '主要负责人履行职责情况', result: 'conform' },
    { code: 'G09', title: '事故隐患排查治理情况', result: 'nonconform', note: '隐患台账未更新' },
    { code: 'G08', title: '重大危险源安全管理情况', result: 'na' },
  ],
  findings: ['事故隐患排查治理台账自2025年10月起未更新'],
  examinations: [{ person: '张三', position: '主要负责人', subject: '安全生产责任制', passed: true }],
  certificateChecks: [{ certificate: '安全生产许可证', number: '(浙)WH安许证字〔2024〕0001', validTo: '2027-06-30', result: 'valid' }],
  onSiteRepresentative: { name: '赵六', position: '安全主管' },
};

describe('document kinds and numbering', () => {
  it('R34: every kind has a title and an abbreviation, and abbreviations are distinct', () => {
    // the evidence and measure kinds (siteRecords.test.ts) are counted apart
    expect(documentKinds.filter((k) => !isSiteDocumentKind(k))).toHaveLength(9);
    const abbrs = documentKinds.map((k) => documentKindTable[k].abbreviation);
    expect(new Set(abbrs).size).toBe(abbrs.length);
    expect(documentKindTable.inspection_record).toMatchObject({ title: '现场检查记录', abbreviation: '检记' });
    expect(documentKindTable.rectification_order).toMatchObject({ title: '责令限期整改指令书', abbreviation: '责改' });
    expect(documentKindTable.reinspection_opinion).toMatchObject({ title: '整改复查意见书', abbreviation: '复查' });
    expect(documentKindTable.penalty_decision.title).toBe('行政处罚决定书');
  });

  it.each([
    ['浙江省应急管理厅', '浙'],
    ['广西壮族自治区应急管理厅', '桂'],
    ['北京市应急管理局', '京'],
    ['杭州市应急管理局', '杭'],
    ['宁波市应急管理局', '甬'],
    ['杭州市西湖区应急管理局', '西湖'],
    ['济南市市中区应急管理局', '市中'],
    ['北京市朝阳区应急管理局', '朝阳'],
    ['金华市义乌市应急管理局', '义乌'],
    ['沛县应急管理局', '沛'],
    ['景宁畲族自治县应急管理局', '景宁'],
    ['长阳土家族自治县应急管理局', '长阳'],
    ['神农架林区应急管理局', '神农架'],
    ['西湖区北山街道应急管理办公室', '北山'],
    ['杭州市西湖区转塘街道办事处', '转塘'],
    ['余杭区瓶窑镇人民政府', '瓶窑'],
  ])('R35: the short name of %s in document numbers is %s', (name, short) => {
    expect(agencyShortName(name)).toBe(short);
  });

  it('R35: the number reads 西湖应急检记〔2026〕12号', () => {
    expect(formatDocumentNumber({ shortName: '西湖', kind: 'inspection_record', year: 2026, seq: 12 })).toBe('西湖应急检记〔2026〕12号');
    expect(formatDocumentNumber({ shortName: '浙', kind: 'penalty_decision', year: 2027, seq: 1 })).toBe('浙应急罚〔2027〕1号');
    expect(() => formatDocumentNumber({ shortName: '西湖', kind: 'inspection_record', year: 2026, seq: 0 })).toThrow('正整数');
  });

  it('R35: the year of a number is the Asia/Shanghai year of the issue instant', () => {
    expect(shanghaiYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(shanghaiYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
  });
});

describe('document content', () => {
  it('R34: a complete inspection record has no problems', () => {
    expect(documentContentProblems('inspection_record', inspectionRecord)).toEqual([]);
  });

  it('R16/R17: an inspection record needs two officers with credentials, 逢查必考 and 逢查必检', () => {
    const p = documentContentProblems('inspection_record', { ...inspectionRecord, officers: [officers[0]], examinations: [], certificateChecks: [] });
    expect(p.join('\n')).toContain('不得少于两人');
    expect(p.join('\n')).toContain('逢查必考');
    expect(p.join('\n')).toContain('逢查必检');
    const noCred = documentContentProblems('inspection_record', { ...inspectionRecord, officers: [officers[0], { name: '王五', credentialNo: '' }] });
    expect(noCred.join()).toContain('执法证号');
    const badResult = documentContentProblems('inspection_record', { ...inspectionRecord, checkItems: [{ title: 'x', result: 'ok' }] });
    expect(badResult.join()).toContain('符合、不符合或不涉及');
  });

  it('R18: a rectification order lists each problem with a requirement and a deadline not before the inspection', () => {
    const order: RectificationOrderContent = {
      enterprise,
      inspectedOn: '2026-03-05',
      hazards: [{ description: '隐患台账未更新', requirement: '建立并更新隐患排查治理台账', deadline: '2026-03-20' }],
      officers,
      reconsiderationBody: '杭州市西湖区人民政府',
      litigationCourt: '杭州市西湖区人民法院',
    };
    expect(documentContentProblems('rectification_order', order)).toEqual([]);
    const late = documentContentProblems('rectification_order', { ...order, hazards: [{ description: 'x', requirement: 'y', deadline: '2026-03-01' }] });
    expect(late.join()).toContain('不能早于检查日期');
    const none = documentContentProblems('rectification_order', { ...order, hazards: [], reconsiderationBody: '' });
    expect(none.join()).toContain('至少一项问题');
    expect(none.join()).toContain('行政复议机关');
    expect(documentContentProblems('rectification_order', { ...order, hazards: [{ description: 'x', requirement: 'y', deadline: '2026-02-30' }] }).join()).toContain('整改期限');
  });

  it('R22: a reinspection opinion names the original order and gives a result per hazard', () => {
    const op: ReinspectionOpinionContent = {
      enterprise,
      originalOrderNumber: '西湖应急责改〔2026〕3号',
      originalOrderDate: '2026-03-05',
      reinspectedOn: '2026-03-21',
      officers,
      items: [{ hazard: '隐患台账未更新', result: 'rectified', opinion: '已建立台账并按月更新' }],
      conclusion: '经复查，上述问题已整改完毕。',
    };
    expect(documentContentProblems('reinspection_opinion', op)).toEqual([]);
    expect(documentContentProblems('reinspection_opinion', { ...op, items: [{ hazard: 'x', result: 'done', opinion: 'y' }] }).join()).toContain('复查结果');
  });

  it('R27: penalty kinds take sections of paragraphs', () => {
    expect(documentContentProblems('penalty_notice', { recipient: '杭州鑫源化工有限公司', sections: [{ heading: '违法事实', paragraphs: ['经查……'] }] })).toEqual([]);
    expect(documentContentProblems('penalty_notice', { sections: [] })).toEqual(['文书正文至少需要一节']);
    expect(documentContentProblems('penalty_decision', 'text')).toEqual(['行政处罚决定书内容格式不正确']);
  });
});
