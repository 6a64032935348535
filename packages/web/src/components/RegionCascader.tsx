import { useEffect, useRef, useState } from 'react';
import { Cascader } from 'antd';
import { api, type Region } from '../api';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  loading?: boolean;
  children?: Option[];
}

const toOption = (r: Region): Option => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren });

/** GB/T 2260 ancestors of a code, outermost first (6-digit county codes, 9/12-digit townships). */
export function regionAncestors(code: string): string[] {
  const out: string[] = [];
  const push = (c: string) => {
    if (!out.includes(c)) out.push(c);
  };
  if (code.length >= 6) {
    push(code.slice(0, 2) + '0000');
    push(code.slice(0, 4) + '00');
    push(code.slice(0, 6));
  }
  if (code.length >= 9) push(code.slice(0, 9));
  if (code.length >= 12) push(code.slice(0, 12));
  if (!out.includes(code)) out.push(code);
  return out;
}

function findOption(options: Option[], code: string): Option | undefined {
  for (const o of options) {
    if (o.value === code) return o;
    if (o.children) {
      const f = findOption(o.children, code);
      if (f) return f;
    }
  }
  return undefined;
}

interface Props {
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  allowClear?: boolean;
  'aria-label'?: string;
}

/** 行政区划 cascader loading lazily from GET /api/regions?parent=; any level can be chosen. */
export function RegionCascader({ value, onChange, placeholder = '行政区划', style, id, allowClear = true, ...rest }: Props) {
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);
  const loadedFor = useRef<string | undefined>(undefined);

  // Root: the caller's own region; then, for a preset value, the chain of its ancestors.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        if (options.length === 0) {
          const root = (await api.regions()).items.map(toOption);
          if (cancelled) return;
          setOptions(root);
          if (!value) return;
          await expandTo(root, value);
        } else if (value && loadedFor.current !== value && !path.includes(value)) {
          await expandTo(options, value);
        } else if (!value) {
          setPath([]);
        }
      } catch {
        // errors are already shown by the caller's pages; leave the cascader empty
      }
    })();
    async function expandTo(root: Option[], code: string) {
      loadedFor.current = code;
      const anc = regionAncestors(code);
      const start = anc.findIndex((c) => root.some((r) => r.value === c));
      if (start < 0) {
        setPath([code]);
        return;
      }
      const chain = anc.slice(start);
      const next = structuredClone(root);
      for (let i = 0; i < chain.length - 1; i++) {
        const node = findOption(next, chain[i]!);
        if (!node || node.isLeaf) break;
        if (!node.children) node.children = (await api.regions(node.value)).items.map(toOption);
      }
      if (cancelled) return;
      setOptions(next);
      setPath(chain);
    }
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (!target || target.children) return;
    target.loading = true;
    setOptions((o) => [...o]);
    try {
      target.children = (await api.regions(target.value)).items.map(toOption);
      if (target.children.length === 0) target.isLeaf = true;
    } finally {
      target.loading = false;
      setOptions((o) => [...o]);
    }
  };

  return (
    <Cascader<Option>
      id={id}
      aria-label={rest['aria-label']}
      options={options}
      loadData={loadData}
      changeOnSelect
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      value={value ? (path.length && path[path.length - 1] === value ? path : [value]) : []}
      displayRender={(labels) => labels.slice(-2).join(' / ')}
      onChange={(v) => {
        const arr = (v ?? []) as string[];
        setPath(arr);
        loadedFor.current = arr[arr.length - 1];
        onChange?.(arr.length ? arr[arr.length - 1] : undefined);
      }}
      notFoundContent="暂无下级区划"
    />
  );
}
