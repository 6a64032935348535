import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { showError } from './feedback';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

function shouldToast(error: unknown, silent?: boolean): boolean {
  if (silent) return false;
  // A 401 redirects to the login page; no toast on top of that.
  if (error instanceof ApiError && error.status === 401) return false;
  return true;
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (shouldToast(error, query.meta?.silent)) showError(error);
    },
  }),
  mutationCache: new MutationCache({
    // any change may add or settle pending work: the to-do list (and the menu badges) follow
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['todo'] }),
    onError: (error, _vars, _ctx, mutation) => {
      if (shouldToast(error, mutation.meta?.silent)) showError(error);
    },
  }),
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});
