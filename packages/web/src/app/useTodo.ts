import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { todoMenuCounts } from '@anjian/domain/todo';
import { api, type Me } from '../api';

export const todoKey = ['todo'] as const;

/** The caller's to-do list; refreshed on focus and every two minutes, so the menu badges follow the work. */
export function useTodo(me: Me | null | undefined) {
  return useQuery({
    queryKey: todoKey,
    queryFn: api.todo,
    enabled: !!me && me.role !== 'admin',
    staleTime: 20_000,
    refetchInterval: 120_000,
    meta: { silent: true },
  });
}

/** The badge count per menu route. */
export function useTodoMenuCounts(me: Me | null | undefined): Record<string, number> {
  const { data } = useTodo(me);
  return useMemo(() => (data ? todoMenuCounts(data.items) : {}), [data]);
}
