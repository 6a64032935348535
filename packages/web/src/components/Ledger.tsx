// The one ledger (台账) of every list page: filters kept in the URL, a table at desktop width and cards on the phone,
// server paging, the total, and the empty and error states. A page brings its filters, columns and card.
import { useEffect, useState, type HTMLAttributes, type Key, type ReactNode } from 'react';
import { Button, Card, Col, Empty, Input, Pagination, Result, Row, Space, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { errorMessage } from '../api/client';
import { useUrlQuery, type UrlPatch } from '../app/useUrlQuery';
import { useIsMobile } from '../app/useIsMobile';
import { CardList } from './CardList';

export const pageSizeOptions = [10, 20, 50, 100];

/** The URL half of a ledger: filter values, page and page size, and whether any filter is set. */
export function useLedgerUrl(filterKeys: readonly string[]) {
  const { values, update, list } = useUrlQuery();
  const page = Math.max(1, Number(values.page) || 1);
  const pageSize = Math.min(100, Math.max(10, Number(values.pageSize) || 20));
  const hasFilters = filterKeys.some((k) => values[k]);
  // the search box is counted on its own: it stays visible when the phone folds the other filters away
  const activeFilterCount = filterKeys.filter((k) => k !== 'q' && values[k]).length;
  const clear = () => update(Object.fromEntries(filterKeys.map((k) => [k, undefined])));
  return { values, update, list, page, pageSize, hasFilters, activeFilterCount, clear };
}

export type LedgerUrl = ReturnType<typeof useLedgerUrl>;

/** Paging kept in component state, for a second list on a page or a list that is not worth a link. */
export function useLocalLedger() {
  const [state, setState] = useState({ page: 1, pageSize: 20 });
  // the table always sends page and pageSize together (absent = first page, 20 a page)
  const update = (patch: UrlPatch) => setState({ page: Number(patch.page) || 1, pageSize: Number(patch.pageSize) || 20 });
  return { ...state, hasFilters: false, clear: () => undefined, update };
}

/** The part of a react-query result a ledger reads: `query={useQuery(...)}` instead of six props. */
export interface LedgerQuery<T> {
  data?: { items: T[]; total?: number; totalCapped?: boolean } | undefined;
  isLoading: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface FiltersProps {
  url: LedgerUrl;
  /** a full-width row above the search, e.g. quick status buttons */
  top?: ReactNode;
  /** the free-text search (URL key `q`) */
  search?: { placeholder: string; ariaLabel: string; span?: { md?: number; lg?: number } };
  /** always shown next to the search: on the phone it shares the row with the 筛选 toggle */
  primary?: { node: ReactNode; span?: { md?: number; lg?: number } };
  /** folded away on the phone until 筛选 is tapped (antd Col elements) */
  children?: ReactNode;
  /** check boxes beside 清空筛选 at the end of the filters */
  flags?: ReactNode;
  flagsCol?: { md?: number; lg?: number; className?: string };
}

/** The filter card: search, the main filter, the rest folded on the phone, and 清空筛选. */
export function LedgerFilters({ url, top, search, primary, children, flags, flagsCol }: FiltersProps) {
  const isMobile = useIsMobile();
  const { values, update, hasFilters, activeFilterCount, clear } = url;
  const [text, setText] = useState(values.q ?? '');
  useEffect(() => setText(values.q ?? ''), [values.q]);
  const [showMore, setShowMore] = useState(!isMobile || activeFilterCount > 0);
  useEffect(() => {
    if (!isMobile) setShowMore(true);
  }, [isMobile]);
  const foldable = Boolean(children || flags);
  return (
    <Card size="small" className="filter-card">
      <Row gutter={[12, 12]} align="middle">
        {top ? <Col xs={24}>{top}</Col> : null}
        {search ? (
          <Col xs={24} md={search.span?.md ?? 12} lg={search.span?.lg ?? 8}>
            <Input.Search
              allowClear
              placeholder={search.placeholder}
              aria-label={search.ariaLabel}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                if (!e.target.value && values.q) update({ q: undefined });
              }}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              enterButton="查询"
            />
          </Col>
        ) : null}
        {primary ? (
          <Col xs={isMobile && foldable ? 16 : 24} md={primary.span?.md ?? 12} lg={primary.span?.lg ?? 5}>
            {primary.node}
          </Col>
        ) : null}
        {isMobile && foldable ? (
          <Col xs={primary ? 8 : 24}>
            <Button block icon={<FilterOutlined />} onClick={() => setShowMore((s) => !s)} data-testid="ledger-more-filters">
              {showMore ? '收起' : `筛选${activeFilterCount ? `(${activeFilterCount})` : ''}`}
            </Button>
          </Col>
        ) : null}
        {showMore || !foldable ? (
          <>
            {children}
            <Col xs={24} md={flagsCol?.md ?? 12} lg={flagsCol?.lg ?? 8} className={flagsCol?.className}>
              <Space wrap>
                {flags}
                <Button disabled={!hasFilters} onClick={clear}>
                  清空筛选
                </Button>
              </Space>
            </Col>
          </>
        ) : null}
      </Row>
    </Card>
  );
}

interface TableCardProps<T> {
  url: Pick<LedgerUrl, 'page' | 'pageSize' | 'hasFilters' | 'clear' | 'update'>;
  /** the list's react-query result: gives rows, total, loading, fetching, error and retry unless given one by one
   * (a result of another shape gives only the states; the page passes rows) */
  query?: LedgerQuery<T> | (Omit<LedgerQuery<T>, 'data'> & { data?: unknown });
  rows?: T[] | undefined;
  total?: number;
  loading?: boolean;
  fetching?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** the rows are all loaded at once: page them here (total = number of rows) */
  clientPaging?: boolean;
  /** extra attributes on every row and card, e.g. data-state for tests */
  rowData?: (row: T) => Record<string, string>;
  /** a card title and extra (e.g. a Segmented) above the total */
  title?: ReactNode;
  extra?: ReactNode;
  className?: string;
  rowKey: (row: T) => Key;
  columns: TableColumnsType<T>;
  /** the phone card of one row */
  card: (row: T) => ReactNode;
  cardClassName?: (row: T) => string;
  onCardClick?: (row: T) => void;
  /** test ids: `${testId}-table`, `${testId}-cards`, `${testId}-total`, and `${testId}-row` on every row */
  testId: string;
  /** 共 N {noun}, e.g. 项隐患; the table footer says 共 N {unit} */
  noun: string;
  unit: string;
  /** `filtered` defaults to 没有符合条件的记录… */
  empty: { text: string; filtered?: string; action?: ReactNode };
  scrollX?: number;
  rowClassName?: TableProps<T>['rowClassName'];
  size?: TableProps<T>['size'];
  /** columns with `sorter: true` sort on the server: the sort goes to the URL as sort/order */
  sortable?: boolean;
  /** the count stopped at `total` (a very large jurisdiction): shown as N+ 条 */
  capped?: boolean;
}

/** The total, then a table (desktop) or cards with simple paging (phone); empty and error states in Chinese. */
export function LedgerTable<T extends object>(props: TableCardProps<T>) {
  const isMobile = useIsMobile();
  const { page, pageSize, hasFilters, clear, update } = props.url;
  const q = props.query;
  const qd = q?.data as LedgerQuery<T>['data'];
  const all = props.rows ?? qd?.items;
  const p = {
    ...props,
    rows: props.clientPaging && all ? all.slice((page - 1) * pageSize, page * pageSize) : all,
    total: props.total ?? (props.clientPaging ? all?.length : qd?.total) ?? 0,
    loading: props.loading ?? q?.isLoading ?? false,
    fetching: props.fetching ?? q?.isFetching ?? false,
    error: props.error ?? q?.error,
    onRetry: props.onRetry ?? (q ? () => void q.refetch() : undefined),
    capped: props.capped ?? qd?.totalCapped,
  };
  const rows = p.rows ?? [];
  const toPage = (n: number, size = pageSize) =>
    update({ page: n > 1 ? n : undefined, pageSize: size !== 20 ? size : undefined }, { resetPage: false });
  const onChange: TableProps<T>['onChange'] = (pg, _filters, sorter, extra) => {
    const size = pg.pageSize ?? pageSize;
    // a new sort or page size starts again from page 1
    const patch: UrlPatch = { page: extra.action === 'paginate' && (pg.current ?? 1) > 1 ? pg.current : undefined, pageSize: size !== 20 ? size : undefined };
    if (p.sortable) {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.order ? String(s.columnKey ?? s.field ?? '') : '';
      patch.sort = field || undefined;
      patch.order = field ? (s?.order === 'descend' ? 'desc' : 'asc') : undefined;
    }
    update(patch, { resetPage: false });
  };
  const cardClass = `table-card${p.className ? ` ${p.className}` : ''}`;
  const totalText = p.capped ? `${p.total}+ 条` : `共 ${p.total.toLocaleString('zh-CN')} ${p.unit}`;

  if (p.error && !p.rows) {
    return (
      <Card size="small" className={cardClass} title={p.title} extra={p.extra}>
        <Result
          status="warning"
          title="台账加载失败"
          subTitle={errorMessage(p.error)}
          extra={p.onRetry ? <Button onClick={p.onRetry}>重新加载</Button> : null}
          data-testid={`${p.testId}-error`}
        />
      </Card>
    );
  }
  const empty = (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={hasFilters ? (p.empty.filtered ?? '没有符合条件的记录，请调整或清空筛选条件') : p.empty.text} data-testid={`${p.testId}-empty`}>
      {hasFilters ? <Button onClick={clear}>清空筛选</Button> : (p.empty.action ?? null)}
    </Empty>
  );
  const rowAttrs = (r: T) => ({ 'data-testid': `${p.testId}-row`, 'data-id': p.rowKey(r), ...p.rowData?.(r) }) as HTMLAttributes<HTMLElement>;
  return (
    <Card size="small" className={cardClass} title={p.title} extra={p.extra}>
      <div className="table-summary" data-testid={`${p.testId}-total`}>
        {p.rows && p.capped ? (
          <Typography.Text strong>{totalText}</Typography.Text>
        ) : p.rows ? (
          <Typography.Text>
            共 <Typography.Text strong>{p.total.toLocaleString('zh-CN')}</Typography.Text> {p.noun}
          </Typography.Text>
        ) : (
          ' '
        )}
      </div>
      {isMobile ? (
        <>
          <CardList<T>
            loading={p.loading || p.fetching}
            items={rows}
            rowKey={p.rowKey}
            empty={empty}
            testId={`${p.testId}-cards`}
            itemClassName={p.cardClassName}
            onItemClick={p.onCardClick}
            render={(r) => <div {...rowAttrs(r)}>{p.card(r)}</div>}
          />
          {p.total > (p.clientPaging ? pageSize : 0) ? <Pagination className="mobile-pagination" simple current={page} pageSize={pageSize} total={p.total} onChange={(n) => toPage(n)} /> : null}
        </>
      ) : (
        <Table<T>
          rowKey={p.rowKey}
          size={p.size ?? 'middle'}
          columns={p.columns}
          dataSource={rows}
          loading={p.fetching}
          scroll={p.scrollX ? { x: p.scrollX } : undefined}
          rowClassName={p.rowClassName}
          locale={{ emptyText: p.loading ? ' ' : empty }}
          data-testid={`${p.testId}-table`}
          onRow={rowAttrs}
          onChange={onChange}
          pagination={{
            current: page,
            pageSize,
            total: p.total,
            showSizeChanger: true,
            pageSizeOptions,
            showTotal: () => totalText,
            showQuickJumper: p.total > pageSize * 5,
            hideOnSinglePage: p.clientPaging,
          }}
        />
      )}
    </Card>
  );
}

