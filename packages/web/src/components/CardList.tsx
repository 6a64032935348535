import type { ReactNode } from 'react';
import { Spin } from 'antd';

interface Props<T> {
  items: T[];
  rowKey: (item: T) => React.Key;
  render: (item: T) => ReactNode;
  loading?: boolean;
  empty: ReactNode;
  testId?: string;
  itemClassName?: (item: T) => string;
  onItemClick?: (item: T) => void;
}

/** The phone rendering of a table: one card per row. */
export function CardList<T>({ items, rowKey, render, loading, empty, testId, itemClassName, onItemClick }: Props<T>) {
  return (
    <Spin spinning={!!loading}>
      <div className="card-list" data-testid={testId}>
        {items.length === 0 && !loading ? <div className="card-list-empty">{empty}</div> : null}
        {items.map((item) => (
          <div
            key={rowKey(item)}
            className={`card-list-item ${itemClassName?.(item) ?? ''}`}
            onClick={onItemClick ? () => onItemClick(item) : undefined}
          >
            {render(item)}
          </div>
        ))}
        {items.length === 0 && loading ? <div style={{ height: 120 }} /> : null}
      </div>
    </Spin>
  );
}
