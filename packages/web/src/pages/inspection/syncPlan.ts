// What the outbox sends for one inspection, as pure functions (no IndexedDB, no network) so the order and the body
// are tested in Node. The server applies a body idempotently (@anjian/domain/contract/inspection), so a batch may be sent again whole.
import type { InspectionSyncBody, SyncAnswer, SyncCertificate, SyncExam, SyncFinding } from '@anjian/domain/contract/inspection';
import type { Capture } from './capture';

export type EvidenceFields = { clientId: string; itemCode?: string | null; findingClientId?: string | null };

/** One act on site, with the phone's time of it. */
export type OutboxOp =
  | { kind: 'enter'; inspectionId: number; at: string }
  | { kind: 'credentials'; inspectionId: number; at: string }
  | { kind: 'commitment'; inspectionId: number; signerNames: string[]; at: string }
  | { kind: 'answer'; inspectionId: number; answer: SyncAnswer }
  | { kind: 'exam'; inspectionId: number; body: Omit<SyncExam, 'at'> & { at?: string } }
  | { kind: 'certificate'; inspectionId: number; body: Omit<SyncCertificate, 'at'> & { at?: string } }
  | { kind: 'finding'; inspectionId: number; body: Omit<SyncFinding, 'at'> & { at?: string } }
  | { kind: 'evidence'; inspectionId: number; fields: EvidenceFields; capture?: Capture; blob: Blob; name: string }
  | { kind: 'complete'; inspectionId: number; summary: string; at: string };

export interface OutboxEntry {
  key: string;
  /** changes whenever the entry is rewritten, so a send of older content does not delete the newer one */
  rev: number;
  op: OutboxOp;
  /** the server's reason when it refused the part (4xx): kept and shown, never silently dropped */
  error?: string;
  /**
   * when the server accepted it. The entry stays until the page holds a record fetched after that moment, so a
   * phone that loses the network right after a sync (and restarts) still shows what it sent over its older copy.
   */
  sentAt?: number;
  /** the officer whose session recorded it: sent only in that officer's session, never under another login */
  userId?: number;
}

/** Waiting to be sent: neither sent nor refused. */
export const isPending = (e: OutboxEntry) => !e.error && e.sentAt == null;

/** Recorded in this officer's session (entries from before the field existed count as anyone's). */
export const recordedBy = (e: OutboxEntry, userId: number | null) => userId != null && (e.userId == null || e.userId === userId);

/** Steps done once per inspection: a new one replaces the unsent one (e.g. a corrected summary). */
const singleKinds = new Set<OutboxOp['kind']>(['enter', 'credentials', 'commitment', 'complete']);

/** The unsent entry a new act replaces: the same single step, or the answer to the same item (only the latest counts). */
export function replaces(e: OutboxEntry, op: OutboxOp): boolean {
  if (e.op.inspectionId !== op.inspectionId || e.op.kind !== op.kind) return false;
  if (singleKinds.has(op.kind)) return true;
  return op.kind === 'answer' && e.op.kind === 'answer' && e.op.answer.itemCode === op.answer.itemCode;
}

/** Keys start with the creation time in base 36 (see offline.ts), the time of entries written before `at` existed. */
export function keyTime(key: string): string {
  const ms = parseInt(key.slice(0, 10), 36);
  return new Date(Number.isFinite(ms) && ms > 0 ? ms : Date.now()).toISOString();
}

/** The sync body carrying the given parts (not photos: they go through the evidence upload). */
export function buildBody(parts: readonly OutboxEntry[]): InspectionSyncBody {
  const body: InspectionSyncBody = { answers: [], exams: [], certificates: [], findings: [] };
  for (const { op, key } of parts) {
    switch (op.kind) {
      case 'enter':
        body.enteredAt = op.at;
        break;
      case 'credentials':
        body.credentialsShownAt = op.at;
        break;
      case 'commitment':
        body.commitment = { signerNames: op.signerNames, signedAt: op.at };
        break;
      case 'answer':
        body.answers!.push(op.answer);
        break;
      case 'exam':
        body.exams!.push({ ...op.body, at: op.body.at ?? keyTime(key) });
        break;
      case 'certificate':
        body.certificates!.push({ ...op.body, at: op.body.at ?? keyTime(key) });
        break;
      case 'finding':
        body.findings!.push({ ...op.body, at: op.body.at ?? keyTime(key) });
        break;
      case 'complete':
        body.completion = { summary: op.summary, completedAt: op.at };
        break;
      case 'evidence':
        break;
    }
  }
  return body;
}

export interface SyncPlan {
  /** uploaded first, each on its own, in the order taken (the server takes them while the inspection is filed too) */
  photos: OutboxEntry[];
  /** then ONE sync with everything else: findings fixed on the spot name photos that are now on the server */
  parts: OutboxEntry[];
}

/** The order of sending one inspection's pending parts (entries without a refusal, in key order). */
export function planSync(entries: readonly OutboxEntry[], inspectionId: number): SyncPlan {
  const mine = entries.filter((e) => e.op.inspectionId === inspectionId && isPending(e));
  return { photos: mine.filter((e) => e.op.kind === 'evidence'), parts: mine.filter((e) => e.op.kind !== 'evidence') };
}

/** An inspection with a refused part waits for the officer (resend or discard) before anything more of it is sent. */
export function heldInspections(entries: readonly OutboxEntry[]): Set<number> {
  return new Set(entries.filter((e) => e.error).map((e) => e.op.inspectionId));
}

/** The unsent operations of one kind. */
export function opsOfKind<K extends OutboxOp['kind']>(entries: readonly OutboxEntry[], kind: K): Extract<OutboxOp, { kind: K }>[] {
  return entries.map((e) => e.op).filter((op): op is Extract<OutboxOp, { kind: K }> => op.kind === kind);
}
