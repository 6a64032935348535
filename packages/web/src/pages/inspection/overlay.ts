// The inspection as the officer sees it on the phone: the server's record (possibly cached from before the network
// went) overlaid with what is still in the outbox. Every step reads this view, so each can be done with no network,
// and what is missing before completion is computed here with the domain's own rule (the server checks it again).
import { completionProblems } from '@anjian/domain/inspectionRules';
import type { AnswerResult, InspectionStatus } from '@anjian/domain/inspection';
import type { CertificateRecord, ExamRecord, InspectionDetail, InspectionItem } from '../../api/inspection';
import { isPending, type OutboxEntry, type OutboxOp } from './syncPlan';

type Unsent = { unsent: boolean };
export type ViewItem = InspectionItem & Unsent;
export type PendingFinding = Extract<OutboxOp, { kind: 'finding' }>['body'] & Unsent;

export interface SiteView {
  /** the status the officer works in: entering offline puts it under way at once */
  status: InspectionStatus;
  entered: ({ at: string | null } & Unsent) | null;
  credentialsShown: ({ at: string } & Unsent) | null;
  commitment: ({ signers: string[]; signedAt: string } & Unsent) | null;
  items: ViewItem[];
  exams: (ExamRecord & Unsent)[];
  certificates: (CertificateRecord & Unsent)[];
  /** findings made on the phone and not yet on the server (stored ones are in detail.findings) */
  unsentFindings: PendingFinding[];
  /** completed on the phone, waiting for the sync that issues the documents (or sent, the record not yet reloaded) */
  completion: ({ summary: string; at: string } & Unsent) | null;
  /** what still blocks completion, by the domain rule on the overlaid record */
  problems: string[];
}

/**
 * The outbox entries of one inspection the page overlays on its record fetched at `fetchedAt`: the unsent ones and
 * those sent after it (not yet in that record). `pending` wait to be sent, `refused` were turned down by the server.
 */
export function partsOf(entries: readonly OutboxEntry[], inspectionId: number, fetchedAt = 0) {
  const mine = entries.filter((e) => e.op.inspectionId === inspectionId && (e.sentAt == null || e.sentAt >= fetchedAt));
  return { mine, pending: mine.filter(isPending), refused: mine.filter((e) => e.error) };
}

type Of<K extends OutboxOp['kind']> = { op: Extract<OutboxOp, { kind: K }>; unsent: boolean };
function entriesOf<K extends OutboxOp['kind']>(parts: readonly OutboxEntry[], kind: K): Of<K>[] {
  return parts.filter((e) => e.op.kind === kind).map((e) => ({ op: e.op as Extract<OutboxOp, { kind: K }>, unsent: e.sentAt == null }));
}

/**
 * `parts`: the inspection's outbox entries, refused ones included — they are still the officer's record until
 * discarded, and the page marks them — so a refusal never makes a step look undone.
 */
export function siteView(detail: InspectionDetail, parts: readonly OutboxEntry[], today: string): SiteView {
  const last = <K extends OutboxOp['kind']>(k: K) => entriesOf(parts, k).at(-1);
  const enter = last('enter');
  const shown = last('credentials');
  const signed = last('commitment');
  const complete = last('complete');

  const local = new Map<string, { result: AnswerResult; note: string; unsent: boolean }>();
  for (const { op, unsent } of entriesOf(parts, 'answer')) local.set(op.answer.itemCode, { result: op.answer.result, note: op.answer.note ?? '', unsent });
  const items = detail.items.map((i) => ({ ...i, unsent: false, ...(local.get(i.code) ?? {}) }));

  const exams = [
    ...detail.exams.map((e) => ({ ...e, unsent: false })),
    ...entriesOf(parts, 'exam')
      .filter(({ op }) => !detail.exams.some((x) => x.clientId === op.body.clientId))
      .map(({ op, unsent }) => ({ clientId: op.body.clientId, personName: op.body.personName, position: op.body.position, questions: op.body.questions, score: op.body.score, passed: op.body.score >= 60, unsent })),
  ];
  const certificates = [
    ...detail.certificates.map((c) => ({ ...c, unsent: false })),
    ...entriesOf(parts, 'certificate')
      .filter(({ op }) => !detail.certificates.some((x) => x.clientId === op.body.clientId))
      .map(({ op, unsent }) => ({ clientId: op.body.clientId, holderName: op.body.holderName, certificateType: op.body.certificateType, certificateNo: op.body.certificateNo, validTo: op.body.validTo, valid: op.body.validTo >= today, unsent })),
  ];
  const unsentFindings = entriesOf(parts, 'finding')
    .filter(({ op }) => !detail.findings.some((f) => f.clientId === op.body.clientId))
    .map(({ op, unsent }) => ({ ...op.body, unsent }));

  const status: InspectionStatus = detail.status === 'filed' && enter ? 'in_progress' : detail.status;
  const entered = detail.status !== 'filed' && detail.status !== 'cancelled' ? { at: null, unsent: false } : enter ? { at: enter.op.at, unsent: enter.unsent } : null;
  const credentialsShown = detail.credentialsShownAt ? { at: detail.credentialsShownAt, unsent: false } : shown ? { at: shown.op.at, unsent: shown.unsent } : null;
  const commitment = detail.commitment
    ? { signers: detail.commitment.signers, signedAt: detail.commitment.signedAt, unsent: false }
    : signed
      ? { signers: signed.op.signerNames, signedAt: signed.op.at, unsent: signed.unsent }
      : null;

  const answers = new Map<string, AnswerResult>();
  for (const i of items) if (i.result) answers.set(i.code, i.result);
  const findingItemCodes = new Set([...detail.findings.map((f) => f.itemCode), ...unsentFindings.map((f) => f.itemCode)].filter((c): c is string => !!c));
  const problems =
    status === 'in_progress'
      ? completionProblems({
          filed: detail.filed,
          credentialsShown: credentialsShown != null,
          commitmentSigned: commitment != null,
          itemCodes: detail.items.map((i) => i.code),
          answers,
          findingItemCodes,
          examCount: exams.length,
          certificateCount: certificates.length,
        })
      : [];

  return {
    status,
    entered,
    credentialsShown,
    commitment,
    items,
    exams,
    certificates,
    unsentFindings,
    completion: status === 'in_progress' && complete ? { summary: complete.op.summary, at: complete.op.at, unsent: complete.unsent } : null,
    problems,
  };
}

/** Human words for a part, as the refusal list and the banner show it. */
export function describeOp(op: OutboxOp): string {
  switch (op.kind) {
    case 'enter':
      return '进场';
    case 'credentials':
      return '亮证亮单';
    case 'commitment':
      return '廉政承诺书';
    case 'answer':
      return `检查事项 ${op.answer.itemCode}`;
    case 'exam':
      return `考核 ${op.body.personName}`;
    case 'certificate':
      return `证件 ${op.body.holderName}`;
    case 'finding':
      return `问题“${op.body.description.slice(0, 12)}”`;
    case 'evidence':
      return `照片 ${op.name}`;
    case 'complete':
      return '结束检查';
  }
}
