import { useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api, type Enterprise } from '../api';

interface Props {
  value?: number | null;
  onChange?: (id: number | undefined) => void;
  /** the chosen enterprise with all its fields (supervising agency etc.) */
  onPick?: (e: Enterprise | undefined) => void;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
}

/** Enterprise chooser searching GET /api/enterprises?q= (name or credit-code prefix) as the user types. */
export function EnterpriseSearchSelect({ value, onChange, onPick, placeholder = '输入企业名称或统一社会信用代码搜索', id, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  const [picked, setPicked] = useState<Enterprise | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { data, isFetching } = useQuery({
    queryKey: ['enterprises', { q: term, pageSize: 20, picker: true }],
    queryFn: () => api.enterprises({ q: term, pageSize: 20 }),
    enabled: term.length >= 2,
    staleTime: 60_000,
  });
  const items = data?.items ?? [];
  const options = items.map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` }));
  if (picked && value === picked.id && !options.some((o) => o.value === picked.id)) {
    options.unshift({ value: picked.id, label: `${picked.name}（${picked.creditCode}）` });
  }
  return (
    <Select<number>
      id={id}
      aria-label={rest['aria-label']}
      allowClear
      showSearch={{
        filterOption: false,
        searchValue: search,
        onSearch: (v) => {
          setSearch(v);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => setTerm(v.trim()), 300);
        },
      }}
      placeholder={placeholder}
      style={{ width: '100%' }}
      loading={isFetching}
      notFoundContent={term.length < 2 ? '请输入至少2个字' : isFetching ? '搜索中…' : '无匹配企业'}
      options={options}
      value={value ?? undefined}
      onChange={(v) => {
        const e = v === undefined ? undefined : (items.find((x) => x.id === v) ?? (picked?.id === v ? picked : undefined));
        setPicked(e);
        onChange?.(v);
        onPick?.(e);
      }}
    />
  );
}
