import { useSyncExternalStore } from 'react';

const query = '(max-width: 768px)';

function subscribe(cb: () => void): () => void {
  const mql = window.matchMedia(query);
  mql.addEventListener('change', cb);
  return () => mql.removeEventListener('change', cb);
}

/** True at phone width (≤ 768px): side menu becomes a drawer, tables become cards. */
export function useIsMobile(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
