import type { ReactNode } from 'react';
import { Spin, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useIsMobile } from '../app/useIsMobile';

type Props<T> = TableProps<T> & { testId?: string; 'data-testid'?: string };

function cellValue<T>(row: T, dataIndex: ColumnType<T>['dataIndex']): unknown {
  if (dataIndex === undefined || dataIndex === null) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  return path.reduce<unknown>((v, k) => (v === null || v === undefined ? v : (v as Record<string | number, unknown>)[k as string | number]), row);
}

/**
 * A table at desktop width; at phone width each row becomes a card of stacked 标题：内容 lines, so no column hides
 * behind a sideways scroll. Takes the same columns as the antd table (flat columns, title as text or node).
 */
export function ResponsiveTable<T extends object>(props: Props<T>) {
  const isMobile = useIsMobile();
  const { testId: ownId, 'data-testid': passedId, ...table } = props;
  const testId = ownId ?? passedId;
  if (!isMobile) return <Table<T> {...table} data-testid={testId} />;
  const columns = (table.columns ?? []) as ColumnType<T>[];
  const rows = (table.dataSource ?? []) as T[];
  const keyOf = (row: T, i: number): React.Key =>
    typeof table.rowKey === 'function' ? table.rowKey(row, i) : table.rowKey ? (cellValue(row, table.rowKey as string) as React.Key) : i;
  const empty = (table.locale?.emptyText as ReactNode) ?? '暂无数据';
  const attrs = (row: T, i: number) =>
    Object.fromEntries(Object.entries((table.onRow?.(row, i) ?? {}) as Record<string, unknown>).filter(([k]) => k.startsWith('data-')));
  return (
    <Spin spinning={table.loading === true}>
      <div className="card-list" data-testid={testId}>
        {rows.length === 0 ? <div className="card-list-empty">{empty}</div> : null}
        {rows.map((row, i) => (
          <dl key={keyOf(row, i)} className={`card-list-item stacked-row ${typeof table.rowClassName === 'function' ? table.rowClassName(row, i, 0) : (table.rowClassName ?? '')}`} {...attrs(row, i)}>
            {columns.map((c, ci) => {
              const value = cellValue(row, c.dataIndex);
              const content = c.render ? (c.render(value, row, i) as ReactNode) : (value as ReactNode);
              return (
                <div key={String(c.key ?? ci)} className="stacked-row-line">
                  <dt>{typeof c.title === 'function' ? null : (c.title as ReactNode)}</dt>
                  <dd>{content ?? '—'}</dd>
                </div>
              );
            })}
          </dl>
        ))}
      </div>
    </Spin>
  );
}
