import type { ReactNode } from 'react';
import { Radio, Tabs } from 'antd';
import { useIsMobile } from '../app/useIsMobile';

interface Item {
  key: string;
  label: ReactNode;
  children: ReactNode;
}

interface Props {
  activeKey: string;
  onChange: (key: string) => void;
  items: Item[];
  testId?: string;
}

/**
 * Tabs at desktop width; at phone width a wrapping row of buttons, so no tab hides behind the "…" overflow menu.
 * Only the active item is rendered (like destroyOnHidden).
 */
export function ResponsiveTabs({ activeKey, onChange, items, testId }: Props) {
  const isMobile = useIsMobile();
  if (!isMobile) return <Tabs activeKey={activeKey} onChange={onChange} destroyOnHidden items={items} data-testid={testId} />;
  const active = items.find((i) => i.key === activeKey) ?? items[0];
  return (
    <div data-testid={testId}>
      <Radio.Group className="wrap-tabs" optionType="button" buttonStyle="solid" value={active?.key} onChange={(e) => onChange(String(e.target.value))}>
        {items.map((i) => (
          <Radio.Button key={i.key} value={i.key}>
            <span role="tab" aria-selected={i.key === active?.key}>
              {i.label}
            </span>
          </Radio.Button>
        ))}
      </Radio.Group>
      <div className="wrap-tabs-body">{active?.children}</div>
    </div>
  );
}
