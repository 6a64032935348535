// The phone's side of the offline inspection (R16–R19, R35): the SM3 taken at capture equals the server's, the sync
// body and its order, and the page's view of a record overlaid with what is not yet synced.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inspectionSyncBody } from '@anjian/domain/contract/inspection';
import { sm3Hex } from '../src/lib/sm3';
import { buildBody, heldInspections, keyTime, planSync, recordedBy, replaces, type OutboxEntry, type OutboxOp } from '../src/pages/inspection/syncPlan';
import { partsOf, siteView } from '../src/pages/inspection/overlay';
import type { InspectionDetail } from '../src/api/inspection';

const nodeSm3 = (b: Uint8Array) => createHash('sm3').update(b).digest('hex');

describe('R35: a photo is sealed on the phone with the same SM3 the server computes', () => {
  it.each([0, 1, 55, 56, 64, 1000, 1 << 20])('R35: %i bytes hash as Node crypto sm3 does', (n) => {
    const bytes = new Uint8Array(randomBytes(n));
    expect(sm3Hex(bytes)).toBe(nodeSm3(bytes));
  });
  it('R35: the standard test vector "abc" (GB/T 32905 A.1)', () => {
    expect(sm3Hex(new TextEncoder().encode('abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});

let n = 0;
const entry = (op: OutboxOp, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({ key: `${(1_796_700_000_000 + n * 1000).toString(36).padStart(10, '0')}-${(n++).toString(36).padStart(4, '0')}-abcdef`, rev: n, op, ...extra });
const at = '2026-12-07T02:00:00.000Z';
const photo = (findingClientId: string | null = null) =>
  entry({ kind: 'evidence', inspectionId: 7, fields: { clientId: `photo-${n}-xxxxxxxx`, findingClientId }, blob: new Blob([new Uint8Array([1, 2, 3])]), name: 'a.png', capture: { sm3: 'a'.repeat(64), capturedAt: at } });
const finding = entry({ kind: 'finding', inspectionId: 7, body: { clientId: 'finding-1-xxxxxxxx', description: '消防通道堵塞', disposition: 'fixed_on_spot', major: false, at } });

describe('R16–R19: one sync carries all of an inspection\'s pending parts, after its photos', () => {
  const all = [
    entry({ kind: 'enter', inspectionId: 7, at }),
    entry({ kind: 'credentials', inspectionId: 7, at }),
    entry({ kind: 'commitment', inspectionId: 7, signerNames: ['甲', '乙'], at }),
    entry({ kind: 'answer', inspectionId: 7, answer: { itemCode: 'G01', result: 'conform', answeredAt: at } }),
    entry({ kind: 'exam', inspectionId: 7, body: { clientId: 'exam-1-xxxxxxxx', personName: '王总', position: '主要负责人', questions: '应急预案', score: 80, at } }),
    entry({ kind: 'certificate', inspectionId: 7, body: { clientId: 'cert-1-xxxxxxxx', holderName: '李工', certificateType: '电工', certificateNo: 'T1', validTo: '2027-01-01' } }),
    photo('finding-1-xxxxxxxx'),
    finding,
    entry({ kind: 'complete', inspectionId: 7, summary: '发现问题1项，已当场整改', at }),
    entry({ kind: 'answer', inspectionId: 8, answer: { itemCode: 'G01', result: 'na', answeredAt: at } }),
  ];

  it('R16–R19: the body passes the shared contract, with every part and the phone\'s times', () => {
    const body = buildBody(all.filter((e) => e.op.inspectionId === 7));
    const parsed = inspectionSyncBody.parse(body);
    expect(parsed).toMatchObject({ enteredAt: at, credentialsShownAt: at, commitment: { signerNames: ['甲', '乙'], signedAt: at }, completion: { summary: '发现问题1项，已当场整改', completedAt: at } });
    expect(parsed.answers).toHaveLength(1);
    expect(parsed.exams).toHaveLength(1);
    expect(parsed.findings).toHaveLength(1);
    // an entry stored before parts carried their time gets the time it was stored
    expect(parsed.certificates[0]!.at).toBe(keyTime(all[5]!.key));
  });

  it('R16–R19: photos go first, then one sync with every other part, in the order done', () => {
    const plan = planSync(all, 7);
    expect(plan.photos).toHaveLength(1);
    expect(plan.parts.map((e) => e.op.kind)).toEqual(['enter', 'credentials', 'commitment', 'answer', 'exam', 'certificate', 'finding', 'complete']);
  });

  it('R16–R19: a refused part holds its inspection (not the others) until the officer acts', () => {
    const refused = [...all.slice(0, 3), { ...all[3]!, error: '该检查已取消' }, ...all.slice(4)];
    expect([...heldInspections(refused)]).toEqual([7]);
    expect(planSync(refused, 7).parts.some((e) => e.error)).toBe(false);
  });

  it('R16: parts are sent only in the session of the officer who recorded them, never under another login on the phone', () => {
    const mine = entry({ kind: 'enter', inspectionId: 7, at }, { userId: 5 });
    const older = entry({ kind: 'credentials', inspectionId: 7, at });
    expect(recordedBy(mine, 5)).toBe(true);
    expect(recordedBy(mine, 6)).toBe(false);
    expect(recordedBy(mine, null)).toBe(false);
    expect(recordedBy(older, 6)).toBe(true); // stored before the field existed
    expect(recordedBy(older, null)).toBe(false);
  });
  it('R17: a later answer to the same item, or a step done again, replaces the unsent one; other parts add up', () => {
    const a = all[3]!;
    expect(replaces(a, { kind: 'answer', inspectionId: 7, answer: { itemCode: 'G01', result: 'na', answeredAt: at } })).toBe(true);
    expect(replaces(a, { kind: 'answer', inspectionId: 7, answer: { itemCode: 'G02', result: 'na', answeredAt: at } })).toBe(false);
    expect(replaces(a, { kind: 'answer', inspectionId: 8, answer: { itemCode: 'G01', result: 'na', answeredAt: at } })).toBe(false);
    expect(replaces(all[8]!, { kind: 'complete', inspectionId: 7, summary: '更正后的结论', at })).toBe(true);
    expect(replaces(finding, { ...finding.op, body: { ...(finding.op as Extract<OutboxOp, { kind: 'finding' }>).body, clientId: 'finding-2-xxxxxxxx' } })).toBe(false);
  });
});

const detail = (over: Partial<InspectionDetail> = {}): InspectionDetail =>
  ({
    id: 7,
    status: 'filed',
    filed: true,
    items: ['G01', 'G02'].map((code) => ({ code, title: code, scope: 'general', majorHazardStandard: null, criterion: null, result: null, resultLabel: null, note: '', answeredAt: null })),
    credentialsShownAt: null,
    commitment: null,
    exams: [],
    certificates: [],
    findings: [],
    evidence: [],
    problems: [],
    ...over,
  }) as InspectionDetail;

describe('R16–R18: the page works on the record overlaid with what is not synced', () => {
  it('R16: entered, 亮证 and signed offline: under way, each marked unsynced, and completion checked by the domain rule', () => {
    const parts = [
      entry({ kind: 'enter', inspectionId: 7, at }),
      entry({ kind: 'credentials', inspectionId: 7, at }),
      entry({ kind: 'commitment', inspectionId: 7, signerNames: ['甲', '乙'], at }),
      entry({ kind: 'answer', inspectionId: 7, answer: { itemCode: 'G01', result: 'nonconform', answeredAt: at } }),
    ];
    const v = siteView(detail(), parts, '2026-12-07');
    expect(v.status).toBe('in_progress');
    expect(v.entered).toMatchObject({ unsent: true, at });
    expect(v.credentialsShown).toMatchObject({ unsent: true });
    expect(v.commitment).toMatchObject({ unsent: true, signers: ['甲', '乙'] });
    expect(v.items.find((i) => i.code === 'G01')).toMatchObject({ result: 'nonconform', unsent: true });
    expect(v.problems.join('；')).toMatch(/还有1项检查事项未填写结果（G02）/);
    expect(v.problems.join('；')).toMatch(/不符合的事项须逐项处理.*G01/);
    expect(v.problems.join('；')).toMatch(/逢查必考/);
    expect(v.problems.join('；')).toMatch(/逢查必检/);
    // completed with the whole visit still on the phone: the page shows it completed, pending the sync
    expect(siteView(detail(), [...parts, entry({ kind: 'complete', inspectionId: 7, summary: '结论', at })], '2026-12-07').completion).toMatchObject({ summary: '结论', at, unsent: true });
  });

  it('R17/R18: with everything recorded on the phone, nothing blocks completion; the completion waits for the sync', () => {
    const parts = [
      entry({ kind: 'credentials', inspectionId: 7, at }),
      entry({ kind: 'commitment', inspectionId: 7, signerNames: ['甲', '乙'], at }),
      entry({ kind: 'answer', inspectionId: 7, answer: { itemCode: 'G01', result: 'nonconform', answeredAt: at } }),
      entry({ kind: 'answer', inspectionId: 7, answer: { itemCode: 'G02', result: 'conform', answeredAt: at } }),
      entry({ kind: 'exam', inspectionId: 7, body: { clientId: 'exam-1-xxxxxxxx', personName: '王总', position: '主要负责人', questions: '应急预案', score: 50, at } }),
      entry({ kind: 'certificate', inspectionId: 7, body: { clientId: 'cert-1-xxxxxxxx', holderName: '李工', certificateType: '电工', certificateNo: 'T1', validTo: '2026-12-06', at } }),
      entry({ kind: 'finding', inspectionId: 7, body: { clientId: 'finding-1-xxxxxxxx', itemCode: 'G01', description: '消防通道堵塞', disposition: 'fixed_on_spot', major: false, at } }),
    ];
    const v = siteView(detail({ status: 'in_progress' }), parts, '2026-12-07');
    expect(v.problems).toEqual([]);
    expect(v.exams[0]).toMatchObject({ passed: false, unsent: true });
    expect(v.certificates[0]).toMatchObject({ valid: false, unsent: true });
    expect(v.completion).toBeNull();
    const done = siteView(detail({ status: 'in_progress' }), [...parts, entry({ kind: 'complete', inspectionId: 7, summary: '结论', at })], '2026-12-07');
    expect(done.completion).toMatchObject({ summary: '结论', at, unsent: true });
  });

  it('R17: a part already on the server is shown once, as stored', () => {
    const stored = detail({ status: 'in_progress', exams: [{ clientId: 'exam-1-xxxxxxxx', personName: '王总', position: '主要负责人', questions: '应急预案', score: 80, passed: true }] });
    const v = siteView(stored, [entry({ kind: 'exam', inspectionId: 7, body: { clientId: 'exam-1-xxxxxxxx', personName: '王总', position: '主要负责人', questions: '应急预案', score: 80, at } })], '2026-12-07');
    expect(v.exams).toEqual([expect.objectContaining({ clientId: 'exam-1-xxxxxxxx', unsent: false })]);
  });

  it('R16: a part the server accepted stays on the page, not marked unsynced, until a record fetched after it is there', () => {
    const sent = entry({ kind: 'enter', inspectionId: 7, at }, { sentAt: 2_000 });
    const older = partsOf([sent], 7, 1_000);
    expect(older.mine).toHaveLength(1);
    expect(older.pending).toHaveLength(0);
    expect(siteView(detail(), older.mine, '2026-12-07')).toMatchObject({ status: 'in_progress', entered: { unsent: false } });
    expect(partsOf([sent], 7, 3_000).mine).toHaveLength(0);
    expect(planSync([sent], 7).parts).toHaveLength(0);
  });
});
