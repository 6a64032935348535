// The phone's outbox (R16–R18 "keeps working without network"). Every record made on site — an answer, an
// examination, a certificate check, a finding, a photo — is written to IndexedDB first and sent from there, in the
// order it was made. Each carries a clientId (answers: their time, newer wins), so sending one twice is harmless:
// a connection that drops after the server saved but before the phone heard back costs nothing.
import { createStore, del, entries, get, set } from 'idb-keyval';
import { useSyncExternalStore } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { inspectionsApi, type AnswerInput, type CertificateInput, type ExamInput, type FindingInput } from '../../api/inspections';

export type OutboxOp =
  | { kind: 'answer'; inspectionId: number; answer: AnswerInput }
  | { kind: 'exam'; inspectionId: number; body: ExamInput }
  | { kind: 'certificate'; inspectionId: number; body: CertificateInput }
  | { kind: 'finding'; inspectionId: number; body: FindingInput }
  | { kind: 'evidence'; inspectionId: number; fields: { clientId: string; itemCode?: string | null; findingClientId?: string | null }; blob: Blob; name: string };

export interface OutboxEntry {
  key: string;
  /** changes when an answer is replaced, so a send of the older content does not delete the newer one */
  rev: number;
  op: OutboxOp;
  /** set when the server refused it (4xx): kept and shown, never silently dropped */
  error?: string;
}

const store = createStore('anjian-outbox', 'ops');
let seq = 0;
let revs = Date.now();
/** Keys sort in creation order (IndexedDB orders string keys), so a photo always goes before the finding it proves. */
const newKey = () => `${Date.now().toString(36).padStart(10, '0')}-${(seq++).toString(36).padStart(4, '0')}-${Math.random().toString(36).slice(2, 8)}`;

type State = { entries: OutboxEntry[]; online: boolean; syncing: boolean };
let state: State = { entries: [], online: typeof navigator === 'undefined' ? true : navigator.onLine, syncing: false };
const listeners = new Set<() => void>();
const emit = (patch: Partial<State>) => {
  state = { ...state, ...patch };
  for (const l of listeners) l();
};
const onSynced = new Set<(inspectionId: number) => void>();

async function reload(): Promise<void> {
  const all = (await entries<string, OutboxEntry>(store)).map(([, v]) => v).sort((a, b) => (a.key < b.key ? -1 : 1));
  emit({ entries: all });
}

/** An answer replaces an unsent answer to the same item (only the latest matters, in its original place); the rest is appended. */
export async function enqueue(op: OutboxOp): Promise<void> {
  const same =
    op.kind === 'answer'
      ? state.entries.find((e) => !e.error && e.op.kind === 'answer' && e.op.inspectionId === op.inspectionId && e.op.answer.itemCode === op.answer.itemCode)
      : undefined;
  const key = same?.key ?? newKey();
  await set(key, { key, rev: ++revs, op } satisfies OutboxEntry, store);
  await reload();
  // offline: wait for the "online" event (or the periodic retry) instead of failing request after request
  if (state.online) void flush();
}

async function send(op: OutboxOp): Promise<void> {
  switch (op.kind) {
    case 'answer':
      await inspectionsApi.answers(op.inspectionId, [op.answer]);
      return;
    case 'exam':
      await inspectionsApi.exam(op.inspectionId, op.body);
      return;
    case 'certificate':
      await inspectionsApi.certificate(op.inspectionId, op.body);
      return;
    case 'finding':
      await inspectionsApi.finding(op.inspectionId, op.body);
      return;
    case 'evidence':
      await inspectionsApi.evidence(op.inspectionId, op.fields, op.blob, op.name);
      return;
  }
}

let flushing: Promise<void> | null = null;

/** Sends what is waiting, oldest first; stops at the first network failure and tries again later. */
export function flush(): Promise<void> {
  // assigned before drain() can finish: an empty outbox drains synchronously up to its first await
  flushing ??= drain().finally(() => {
    flushing = null;
  });
  return flushing;
}

async function drain(): Promise<void> {
  emit({ syncing: true });
  const touched = new Set<number>();
  try {
    for (;;) {
      const next = state.entries.find((e) => !e.error);
      if (!next) break;
      try {
        await send(next.op);
        if ((await get<OutboxEntry>(next.key, store))?.rev === next.rev) await del(next.key, store);
        touched.add(next.op.inspectionId);
        emit({ online: true });
      } catch (e) {
        if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429) {
          // refused for good (e.g. the inspection was completed meanwhile): keep it visible with the reason
          await set(next.key, { ...next, error: errorMessage(e) }, store);
        } else {
          emit({ online: e instanceof ApiError ? state.online : false });
          break; // offline, or the server is unwell: keep the order and retry later
        }
      }
      await reload();
    }
  } finally {
    emit({ syncing: false });
    for (const id of touched) for (const cb of onSynced) cb(id);
  }
}

/** Throws away a refused entry after the officer has seen why. */
export async function discard(key: string): Promise<void> {
  await del(key, store);
  await reload();
}

let started = false;
function start() {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('online', () => {
    emit({ online: true });
    void flush();
  });
  window.addEventListener('offline', () => emit({ online: false }));
  // a phone that never fires "online" (captive portals, flaky links) still retries
  setInterval(() => {
    if (state.entries.some((e) => !e.error)) void flush();
  }, 15_000);
  void reload().then(() => flush());
}

function subscribe(l: () => void) {
  start();
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useOutbox(): State {
  return useSyncExternalStore(subscribe, () => state);
}

/** Called after entries of an inspection reached the server, so its page can reload the record. */
export function onInspectionSynced(cb: (inspectionId: number) => void): () => void {
  onSynced.add(cb);
  return () => onSynced.delete(cb);
}

/** A UUID v4; crypto.randomUUID exists only on https, and officers' phones may reach the server over plain http. */
export function newClientId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The unsent operations of one kind. */
export function opsOfKind<K extends OutboxOp['kind']>(entries: readonly OutboxEntry[], kind: K): Extract<OutboxOp, { kind: K }>[] {
  return entries.map((e) => e.op).filter((op): op is Extract<OutboxOp, { kind: K }> => op.kind === kind);
}
