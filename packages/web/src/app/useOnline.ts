import { useSyncExternalStore } from 'react';
import { onlineManager } from '@tanstack/react-query';

/** The network as the queries see it (the query client pauses requests while offline; app/persist.ts). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (l) => onlineManager.subscribe(l),
    () => onlineManager.isOnline(),
  );
}

/** When data was saved, as the officer reads it: 08:12 today, else 12月6日 08:12 (Beijing time). */
export function savedAtLabel(t: number, now = Date.now()): string {
  const bj = (x: number) => new Date(x + 8 * 3600_000).toISOString();
  const at = bj(t);
  const hm = at.slice(11, 16);
  if (at.slice(0, 10) === bj(now).slice(0, 10)) return hm;
  return `${Number(at.slice(5, 7))}月${Number(at.slice(8, 10))}日 ${hm}`;
}
