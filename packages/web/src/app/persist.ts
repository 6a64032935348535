// The officer's day kept on the phone (issue #20, docs/offline.md): the queries the field needs are written to
// IndexedDB and restored when the app opens, so the app opens and shows today's inspections with no network.
// Only those queries: the rest of the app works online as before. One officer's data never survives a change of
// user: log-in, log-out, a lost session and a different user confirmed by the server all remove it.
import { createStore, del, get, set } from 'idb-keyval';
import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import { onlineManager, type Query, type QueryClient } from '@tanstack/react-query';
import type { PersistQueryClientOptions } from '@tanstack/react-query-persist-client';

/** the day's data stays usable for a few days (a weekend, a long day in the mountains) */
export const FIELD_MAX_AGE = 3 * 24 * 3600_000;

/** first parts of the query keys the field needs: who is logged in, today's list, inspection details, enterprise cards */
const FIELD_KEYS = new Set(['me', 'today', 'inspection', 'enterprise']);
export const isFieldQuery = (key: readonly unknown[]): boolean => FIELD_KEYS.has(String(key[0]));

const store = createStore('anjian-cache', 'queries');

export const persister = createAsyncStoragePersister({
  storage: {
    getItem: async (key) => (await get<string>(key, store)) ?? null,
    setItem: (key, value) => set(key, value, store),
    removeItem: (key) => del(key, store),
  },
  key: 'field-day',
  throttleTime: 1000,
});

export function persistOptions(queryClient: QueryClient): Omit<PersistQueryClientOptions, 'queryClient'> {
  // a persisted query that the in-memory cache garbage-collects would vanish from the phone at the next save
  for (const k of FIELD_KEYS) queryClient.setQueryDefaults([k], { gcTime: FIELD_MAX_AGE });
  return {
    persister,
    maxAge: FIELD_MAX_AGE,
    // a new app version may read the data differently: start from the server again
    buster: `v${__APP_VERSION__}-1`,
    dehydrateOptions: {
      shouldDehydrateQuery: (q: Query) => q.state.status === 'success' && q.state.data != null && isFieldQuery(q.queryKey),
      shouldDehydrateMutation: () => false,
    },
  };
}

/** Removes the persisted day (log-in, log-out, another user): nothing of the previous officer stays on the phone. */
export async function forgetFieldDay(): Promise<void> {
  await persister.removeClient();
}

/**
 * TanStack Query v5 starts "online" whatever the browser says; an app opened with no network would then try every
 * request, fail and show errors over the cached data. Start from the browser's own state so queries wait instead.
 */
export function syncOnlineState(): void {
  if (typeof navigator !== 'undefined') onlineManager.setOnline(navigator.onLine);
}

/** fetch's own failure (Chrome, Firefox, Safari wording), not a TypeError of a bug in the page */
const isNetworkError = (e: unknown): boolean => e instanceof TypeError && /failed to fetch|networkerror|load failed|network/i.test(e.message);

/**
 * A phone often shows signal with no data getting through ("lie-fi"): the browser says online while every request
 * fails. A request failing for the network (fetch's TypeError) therefore also counts as offline — queries wait over
 * the cached data instead of turning into errors — and the server's health is asked, soon at first (a blip passes in
 * seconds) and then every 15 s, until it answers.
 */
export function watchReachability(queryClient: QueryClient): void {
  let probe: ReturnType<typeof setTimeout> | undefined;
  const stopProbe = () => {
    if (probe !== undefined) clearTimeout(probe);
    probe = undefined;
  };
  const check = async (delay: number) => {
    try {
      const res = await fetch('/api/health', { cache: 'no-store' });
      if (res.ok) return onlineManager.setOnline(true);
    } catch {
      // still unreachable
    }
    if (probe !== undefined) probe = setTimeout(() => void check(Math.min(delay * 2, 15_000)), delay);
  };
  onlineManager.subscribe((online) => online && stopProbe());
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || (event.action.type !== 'failed' && event.action.type !== 'error') || !isNetworkError(event.action.error)) return;
    if (!onlineManager.isOnline() || probe !== undefined) return;
    onlineManager.setOnline(false);
    probe = setTimeout(() => void check(2000), 1000);
  });
}
