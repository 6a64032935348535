// The data half of a LedgerTable's props from a react-query list, so a page does not spell out rows, total, the
// loading flags, the error and the retry each time. A list the server sends whole is paged here (`paged`).
import type { UseQueryResult } from '@tanstack/react-query';

interface LedgerData<T> {
  rows: T[] | undefined;
  total: number;
  loading: boolean;
  fetching: boolean;
  error: unknown;
  onRetry: () => void;
}

type PageLike<T> = { items: T[]; total?: number; capped?: boolean; totalCapped?: boolean };

/** A server-paged list: its page of rows and the total. */
export function ledgerRows<T>(q: UseQueryResult<PageLike<T>>): LedgerData<T> & { capped: boolean } {
  return {
    rows: q.data?.items,
    total: q.data?.total ?? 0,
    capped: !!(q.data?.capped || q.data?.totalCapped),
    loading: q.isLoading,
    fetching: q.isFetching,
    error: q.error,
    onRetry: () => void q.refetch(),
  };
}

/** A list fetched whole and filtered here (`rows`): the current page of it. */
export function pagedRows<T>(q: UseQueryResult<unknown>, rows: T[], url: { page: number; pageSize: number }): LedgerData<T> {
  return {
    rows: q.data ? rows.slice((url.page - 1) * url.pageSize, url.page * url.pageSize) : undefined,
    total: rows.length,
    loading: q.isLoading,
    fetching: q.isFetching,
    error: q.error,
    onRetry: () => void q.refetch(),
  };
}
