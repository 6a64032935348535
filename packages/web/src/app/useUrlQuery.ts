import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export type UrlPatch = Record<string, string | number | string[] | null | undefined>;

/** Filters, paging and sorting kept in the URL query string, so links and the back button work. */
export function useUrlQuery() {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => Object.fromEntries(params.entries()) as Record<string, string>, [params]);
  const update = useCallback(
    (patch: UrlPatch, opts: { resetPage?: boolean } = { resetPage: true }) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            const s = Array.isArray(v) ? v.join(',') : v === null || v === undefined ? '' : String(v);
            if (s === '') next.delete(k);
            else next.set(k, s);
          }
          if (opts.resetPage && !('page' in patch)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
  const list = useCallback((k: string) => (values[k] ? values[k]!.split(',').filter(Boolean) : []), [values]);
  return { values, update, list, setParams };
}
