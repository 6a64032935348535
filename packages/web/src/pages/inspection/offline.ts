// The phone's outbox (R16–R19, R35: "a whole inspection works without network"). Every act on site — entering,
// 亮证, the commitment, answers, exams, certificates, findings, photos, completion — is written to IndexedDB first
// with the phone's time, and the page shows the server's record overlaid with it. The sender then uploads the
// inspection's photos and sends the rest in one `POST /api/inspections/:id/sync`, which the server applies at once
// and idempotently: a connection that drops after the server saved but before the phone heard back costs nothing,
// and an app closed mid-sync resends on the next start. A part is removed only when the server has it and it was
// not rewritten meanwhile; a refusal keeps the parts with the server's reason until the officer resends or discards.
// Online and offline take this one path.
import { createStore, entries, set } from 'idb-keyval';
import { useSyncExternalStore } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { inspectionsApi } from '../../api/inspection';
import { captureFields, LOCATE_MS, locate, sealCapture } from './capture';
import { buildBody, heldInspections, isPending, keyTime, planSync, recordedBy, replaces, type EvidenceFields, type OutboxEntry, type OutboxOp } from './syncPlan';

export type { OutboxEntry, OutboxOp } from './syncPlan';
export { opsOfKind } from './syncPlan';

const store = createStore('anjian-outbox', 'ops');
let seq = 0;
let revs = Date.now();
/** Keys sort in creation order (IndexedDB orders string keys), so parts go in the order they were done. */
const newKey = () => `${Date.now().toString(36).padStart(10, '0')}-${(seq++).toString(36).padStart(4, '0')}-${Math.random().toString(36).slice(2, 8)}`;

type State = {
  /** not yet accepted by the server: waiting, or refused */
  entries: OutboxEntry[];
  /** accepted, kept only until the page holds a record fetched after them (see partsOf) */
  sent: OutboxEntry[];
  online: boolean;
  syncing: boolean;
};
let state: State = { entries: [], sent: [], online: typeof navigator === 'undefined' ? true : navigator.onLine, syncing: false };
const listeners = new Set<() => void>();
const emit = (patch: Partial<State>) => {
  state = { ...state, ...patch };
  for (const l of listeners) l();
};
const onSynced = new Set<(inspectionId: number) => void>();

/**
 * The signed-in officer. Parts are recorded in their name and sent only in their session: another officer logging in on
 * the same phone neither sees nor sends them (they wait for their officer's next log-in).
 */
let currentUser: number | null = null;
export function setOutboxUser(userId: number | null): void {
  if (userId === currentUser) return;
  currentUser = userId;
  void reload().then(() => {
    if (state.online) void flush();
  });
}

async function reload(): Promise<void> {
  const all = (await entries<string, OutboxEntry>(store))
    .map(([, v]) => v)
    .filter((e) => recordedBy(e, currentUser))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  emit({ entries: all.filter((e) => e.sentAt == null), sent: all.filter((e) => e.sentAt != null) });
}

/** Runs `fn` on the entry in one IndexedDB transaction: it sees the stored revision, not a copy read earlier. */
function rewrite(key: string, fn: (cur: OutboxEntry | undefined) => OutboxEntry | null | undefined): Promise<void> {
  return store('readwrite', (s) => {
    const r = s.get(key);
    r.onsuccess = () => {
      const next = fn(r.result as OutboxEntry | undefined);
      if (next === null) s.delete(key);
      else if (next) s.put(next, key);
    };
    return new Promise<void>((resolve, reject) => {
      s.transaction.oncomplete = () => resolve();
      s.transaction.onabort = s.transaction.onerror = () => reject(s.transaction.error);
    });
  });
}

/**
 * Records an act on site. A step done once (entry, 亮证, commitment, completion) or the answer to an item replaces the
 * unsent one in its place — refused or not: acting again is the officer's correction — the rest is appended.
 */
export async function enqueue(op: OutboxOp): Promise<string> {
  // a sent one is replaced too: the new content is pending again in the same place
  const same = [...state.entries, ...state.sent].find((e) => replaces(e, op));
  const key = same?.key ?? newKey();
  await set(key, { key, rev: ++revs, op, userId: currentUser ?? undefined } satisfies OutboxEntry, store);
  await reload();
  // offline: wait for the "online" event (or the periodic retry) instead of failing request after request
  if (state.online) void flush();
  return key;
}

/**
 * R35: a photo is sealed when taken — SM3 of the bytes and the phone's time — and kept in the outbox at once; the
 * position is added when the phone gives it (the sender waits for it at most LOCATE_MS, never longer).
 */
export async function capturePhoto(inspectionId: number, fields: EvidenceFields, blob: Blob, name: string): Promise<void> {
  const at = new Date();
  const where = locate();
  const capture = await sealCapture(blob, at);
  const key = await enqueue({ kind: 'evidence', inspectionId, fields, capture, blob, name });
  if (!capture.locating) return;
  const pos = await where;
  await rewrite(key, (cur) =>
    cur && cur.op.kind === 'evidence' && cur.op.capture ? { ...cur, rev: ++revs, op: { ...cur.op, capture: { ...cur.op.capture, ...(pos ?? {}), locating: false } } } : undefined,
  );
  await reload();
  if (state.online) void flush();
}

const isRefusal = (e: unknown): e is ApiError => e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429;

/**
 * Marks the parts the server now has as sent, unless rewritten while they were on the way (then the newer goes next
 * time); the page forgets them once its record is newer (forgetSent).
 */
async function settle(parts: readonly OutboxEntry[]): Promise<void> {
  const at = Date.now();
  for (const p of parts) await rewrite(p.key, (cur) => (cur?.rev === p.rev ? { ...cur, sentAt: at } : undefined));
  if (parts.length) progressed.add(parts[0]!.op.inspectionId);
}
/** inspections some part of which reached the server in this round: their pages reload the record */
const progressed = new Set<number>();

async function refuse(parts: readonly OutboxEntry[], reason: string): Promise<void> {
  for (const p of parts) await rewrite(p.key, (cur) => (cur?.rev === p.rev ? { ...cur, error: reason } : undefined));
}

async function sendSync(inspectionId: number, parts: OutboxEntry[]): Promise<void> {
  if (!parts.length) return;
  await inspectionsApi.sync(inspectionId, buildBody(parts));
  await settle(parts);
}

type Outcome = 'done' | 'refused' | 'offline' | 'waiting';

async function syncInspection(inspectionId: number): Promise<Outcome> {
  const plan = planSync(state.entries, inspectionId);
  // a photo whose position is still coming waits a few seconds (its finding and the completion wait with it)
  const waitUntil = Math.max(0, ...plan.photos.map((p) => (p.op.kind === 'evidence' && p.op.capture?.locating ? Date.parse(keyTime(p.key)) + LOCATE_MS : 0)));
  if (waitUntil > Date.now()) {
    setTimeout(() => void flush(), waitUntil - Date.now() + 50);
    return 'waiting';
  }
  let batch: OutboxEntry[] = [];
  try {
    for (const p of plan.photos) {
      batch = [p];
      if (p.op.kind !== 'evidence') continue;
      // entries stored before sealing existed are sealed now, with the time they were stored
      const capture = p.op.capture ?? (await sealCapture(p.op.blob, new Date(keyTime(p.key))));
      await inspectionsApi.evidence(inspectionId, p.op.fields, p.op.blob, p.op.name, captureFields(capture));
      await settle([p]);
    }
    batch = plan.parts;
    await sendSync(inspectionId, plan.parts);
    emit({ online: true });
    return 'done';
  } catch (e) {
    if (isRefusal(e)) {
      await refuse(batch, errorMessage(e));
      return 'refused';
    }
    emit({ online: e instanceof ApiError ? state.online : false });
    return 'offline'; // no network, or the server is unwell: keep everything and retry later
  } finally {
    await reload();
  }
}

let flushing: Promise<void> | null = null;
let again = false;

/** Sends what is waiting, inspection by inspection; stops at the first network failure and tries again later. */
export function flush(): Promise<void> {
  // assigned before drain() can finish: an empty outbox drains synchronously up to its first await
  if (flushing) {
    again = true; // a part added during a round that already looked for work
    return flushing;
  }
  flushing = withLock(drain).finally(() => {
    flushing = null;
    if (again) {
      again = false;
      if (state.online) void flush();
    }
  });
  return flushing;
}

/** One sender across the app's tabs (a second tab would only resend what the first is sending). */
function withLock(fn: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('anjian-outbox-sync', fn).then(() => undefined) : fn();
}

async function drain(): Promise<void> {
  await reload(); // another tab may have sent or added parts
  emit({ syncing: true });
  const skip = new Set<number>();
  try {
    for (;;) {
      const held = heldInspections(state.entries);
      const next = state.entries.find((e) => isPending(e) && !held.has(e.op.inspectionId) && !skip.has(e.op.inspectionId));
      if (!next) break;
      const outcome = await syncInspection(next.op.inspectionId);
      if (outcome === 'refused') progressed.add(next.op.inspectionId);
      for (const id of progressed) for (const cb of onSynced) cb(id);
      progressed.clear();
      if (outcome === 'offline') break;
      // parts added while this one was on the way go in the next round
      if (outcome !== 'done') skip.add(next.op.inspectionId);
    }
  } finally {
    emit({ syncing: false });
  }
}

/** The page holds the inspection as fetched at `fetchedAt`: parts sent before that are in it and can go. */
export async function forgetSent(inspectionId: number, fetchedAt: number): Promise<void> {
  const done = state.sent.filter((e) => e.op.inspectionId === inspectionId && e.sentAt! < fetchedAt);
  if (!done.length) return;
  for (const e of done) await rewrite(e.key, (cur) => (cur?.sentAt != null && cur.sentAt < fetchedAt ? null : undefined));
  await reload();
}

/** Sent parts of an inspection whose page was not opened again are not kept for ever. */
async function forgetOldSent(): Promise<void> {
  const old = Date.now() - 3 * 86400_000;
  for (const e of state.sent.filter((x) => x.sentAt! < old)) await rewrite(e.key, () => null);
}

/** Throws a refused part away, after the officer has seen why. */
export async function discard(key: string): Promise<void> {
  await rewrite(key, () => null);
  await reload();
}

/** The officer has read the refusal and corrected what was wrong: send the inspection's parts again. */
export async function resend(inspectionId: number): Promise<void> {
  for (const e of state.entries.filter((x) => x.op.inspectionId === inspectionId && x.error)) {
    await rewrite(e.key, (cur) => (cur ? { ...cur, error: undefined, rev: ++revs } : undefined));
  }
  await reload();
  void flush();
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
  // a phone that never fires "online" (captive portals, flaky links, a response lost on the way) still retries
  setInterval(() => {
    const held = heldInspections(state.entries);
    if (!state.syncing && state.entries.some((e) => isPending(e) && !held.has(e.op.inspectionId))) void flush();
  }, 5_000);
  // the app was closed or the phone restarted mid-sync: what is stored goes on from where it was
  void reload()
    .then(forgetOldSent)
    .then(reload)
    .then(() => flush());
}

function subscribe(l: () => void) {
  start();
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useOutbox(): State {
  return useSyncExternalStore(subscribe, () => state);
}

/** Called after a send for an inspection ended (reached the server, or not), so its page reloads the record. */
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
