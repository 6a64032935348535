import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { agencyLevelLabels, labelOf } from '@anjian/domain/enums';
import { api, type Agency } from '../api';

/** The caller's agency and its whole subtree (flat). */
export function useAgencies(enabled = true) {
  return useQuery({
    queryKey: ['agencies'],
    queryFn: async () => (await api.agencies()).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function agencyOptions(items: Agency[] | undefined) {
  return (items ?? []).map((a) => ({
    value: a.id,
    label: a.name,
    title: `${a.name}（${labelOf(agencyLevelLabels, a.level)}）`,
  }));
}

type AgencySelectProps = Omit<SelectProps<number>, 'options'> & { filter?: (a: Agency) => boolean };

export function AgencySelect({ filter, ...props }: AgencySelectProps) {
  const { data, isLoading } = useAgencies();
  const options = useMemo(() => agencyOptions(filter ? data?.filter(filter) : data), [data, filter]);
  return (
    <Select<number>
      showSearch={{ optionFilterProp: 'label' }}
      loading={isLoading}
      placeholder="选择执法机构"
      options={options}
      notFoundContent={isLoading ? '加载中…' : '无匹配机构'}
      {...props}
    />
  );
}
