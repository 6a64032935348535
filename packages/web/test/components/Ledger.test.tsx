// @vitest-environment jsdom
// The one ledger of the list pages: filters live in the URL and reach the query; a table at desktop width, cards on
// the phone; empty and error states in Chinese.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { Checkbox } from 'antd';
import { LedgerFilters, LedgerTable, useLedgerUrl, useLocalLedger, type LedgerQuery } from '../../src/components/Ledger';
import { setWidth } from './setup';

interface Row {
  id: number;
  name: string;
}
const rows: Row[] = [
  { id: 1, name: '甲化工有限公司' },
  { id: 2, name: '乙建材厂' },
];

let seen: Record<string, string> = {};
function Harness({ data, error }: { data?: Row[]; error?: unknown }) {
  const url = useLedgerUrl(['q', 'overdue']);
  seen = url.values;
  const location = useLocation();
  return (
    <>
      <div data-testid="search">{location.search}</div>
      <LedgerFilters
        url={url}
        search={{ placeholder: '企业名称', ariaLabel: '搜索' }}
        flags={
          <Checkbox checked={url.values.overdue === 'true'} onChange={(e) => url.update({ overdue: e.target.checked ? 'true' : undefined })}>
            仅看逾期
          </Checkbox>
        }
      />
      <LedgerTable<Row>
        url={url}
        rows={data}
        total={data?.length ?? 0}
        loading={false}
        fetching={false}
        error={error}
        rowKey={(r) => r.id}
        columns={[{ title: '企业', dataIndex: 'name', key: 'name' }]}
        card={(r) => <b>{r.name}</b>}
        testId="t"
        noun="家企业"
        unit="家"
        empty={{ text: '暂无企业', filtered: '没有符合条件的企业' }}
      />
    </>
  );
}

const many: Row[] = Array.from({ length: 45 }, (_, i) => ({ id: i + 1, name: `企业${i + 1}` }));

/** A page that hands the ledger its react-query result, with quick status buttons above the search. */
function QueryHarness({ query, client, local }: { query: LedgerQuery<Row>; client?: boolean; local?: boolean }) {
  const urlLedger = useLedgerUrl(['q']);
  const localLedger = useLocalLedger();
  seen = urlLedger.values;
  return (
    <>
      <LedgerFilters url={urlLedger} top={<span data-testid="top">快捷</span>} search={{ placeholder: '企业名称', ariaLabel: '搜索' }} />
      <LedgerTable<Row>
        url={local ? localLedger : urlLedger}
        query={query}
        clientPaging={client}
        rowKey={(r) => r.id}
        rowData={(r) => ({ 'data-state': r.id % 2 ? 'odd' : 'even' })}
        columns={[{ title: '企业', dataIndex: 'name', key: 'name' }]}
        card={(r) => <b>{r.name}</b>}
        testId="q"
        noun="家企业"
        unit="家"
        title="名单"
        empty={{ text: '暂无企业' }}
      />
    </>
  );
}
const result = (over: Partial<LedgerQuery<Row>>): LedgerQuery<Row> => ({ isLoading: false, isFetching: false, error: null, refetch: () => undefined, ...over });
const mountQuery = (props: { query: LedgerQuery<Row>; client?: boolean; local?: boolean }, at = '/list') =>
  render(
    <MemoryRouter initialEntries={[at]}>
      <QueryHarness {...props} />
    </MemoryRouter>,
  );

const mount = (props: { data?: Row[]; error?: unknown }, at = '/list') =>
  render(
    <MemoryRouter initialEntries={[at]}>
      <Harness {...props} />
    </MemoryRouter>,
  );

describe('Ledger', () => {
  it('a search typed in the filter reaches the URL (and so the query), and resets the page', () => {
    mount({ data: rows }, '/list?page=3');
    const box = screen.getByLabelText('搜索');
    fireEvent.change(box, { target: { value: ' 甲化工 ' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(seen.q).toBe('甲化工');
    expect(seen.page).toBeUndefined();
    fireEvent.click(screen.getByText('仅看逾期'));
    expect(screen.getByTestId('search').textContent).toContain('overdue=true');
  });

  it('清空筛选 removes every filter from the URL', () => {
    mount({ data: rows }, '/list?q=%E7%94%B2&overdue=true');
    fireEvent.click(screen.getByText('清空筛选'));
    expect(seen).toEqual({});
  });

  it('desktop width: a table with one row per item and the total', () => {
    mount({ data: rows });
    expect(screen.getByTestId('t-table')).toBeTruthy();
    expect(screen.getAllByTestId('t-row').map((r) => r.getAttribute('data-id'))).toEqual(['1', '2']);
    expect(screen.getByTestId('t-total').textContent).toBe('共 2 家企业');
  });

  it('phone width (390 px): cards instead of the table', () => {
    setWidth(390);
    mount({ data: rows });
    expect(screen.queryByTestId('t-table')).toBeNull();
    const cards = screen.getByTestId('t-cards');
    expect(within(cards).getByText('乙建材厂').tagName).toBe('B');
    expect(within(cards).getAllByTestId('t-row')).toHaveLength(2);
  });

  it('empty: the Chinese empty text, and with a filter set the filtered text and 清空筛选', () => {
    mount({ data: [] });
    expect(screen.getByTestId('t-empty').textContent).toContain('暂无企业');
    mount({ data: [] }, '/list?q=x');
    expect(screen.getAllByTestId('t-empty')[1]!.textContent).toContain('没有符合条件的企业清空筛选');
  });

  it('an error before any data: the error state in Chinese, not an empty table', () => {
    mount({ error: new Error('网络连接失败') });
    expect(screen.getByTestId('t-error').textContent).toContain('台账加载失败');
    expect(screen.queryByTestId('t-table')).toBeNull();
  });

  it('query prop: rows, total and the server pager come from the react-query result; page 2 goes to the URL', () => {
    mountQuery({ query: result({ data: { items: many.slice(0, 20), total: 45 } }) });
    expect(screen.getByTestId('top').textContent).toBe('快捷');
    expect(screen.getByTestId('q-total').textContent).toBe('共 45 家企业');
    expect(screen.getAllByTestId('q-row')).toHaveLength(20);
    expect(screen.getAllByTestId('q-row')[1]!.getAttribute('data-state')).toBe('even');
    expect(screen.getByText('共 45 家')).toBeTruthy();
    fireEvent.click(screen.getByTitle('2'));
    expect(seen.page).toBe('2');
  });

  it('client paging: all rows loaded at once are shown 20 a page, the URL page picks the slice', () => {
    mountQuery({ query: result({ data: { items: many } }), client: true }, '/list?page=3');
    expect(screen.getByTestId('q-total').textContent).toBe('共 45 家企业');
    expect(screen.getAllByTestId('q-row').map((r) => r.getAttribute('data-id'))).toEqual(['41', '42', '43', '44', '45']);
  });

  it('local paging: a second list on a page pages in its own state, not in the URL', () => {
    mountQuery({ query: result({ data: { items: many } }), client: true, local: true });
    expect(screen.getAllByTestId('q-row')[0]!.getAttribute('data-id')).toBe('1');
    fireEvent.click(screen.getByTitle('3'));
    expect(screen.getAllByTestId('q-row')[0]!.getAttribute('data-id')).toBe('41');
    expect(seen.page).toBeUndefined();
  });

  it('client paging with one page: no pager; phone width pages too', () => {
    mountQuery({ query: result({ data: { items: rows } }), client: true });
    expect(document.querySelector('.ant-pagination')).toBeNull();
    setWidth(390);
    mountQuery({ query: result({ data: { items: many } }), client: true });
    expect(within(screen.getByTestId('q-cards')).getAllByTestId('q-row')).toHaveLength(20);
    expect(document.querySelector('.mobile-pagination')).toBeTruthy();
  });

  it('query prop, empty: the empty text; filtered: the default filtered text and 清空筛选', () => {
    mountQuery({ query: result({ data: { items: [], total: 0 } }) });
    expect(screen.getByTestId('q-empty').textContent).toContain('暂无企业');
    mountQuery({ query: result({ data: { items: [], total: 0 } }) }, '/list?q=x');
    expect(screen.getAllByTestId('q-empty')[1]!.textContent).toContain('没有符合条件的记录，请调整或清空筛选条件');
  });

  it('query prop, error: the Chinese error state, and 重新加载 calls refetch', () => {
    const refetch = vi.fn();
    mountQuery({ query: result({ error: new Error('网络连接失败'), refetch }) });
    expect(screen.getByTestId('q-error').textContent).toContain('台账加载失败');
    expect(screen.getByTestId('q-error').textContent).toContain('网络连接失败');
    fireEvent.click(screen.getByText('重新加载'));
    expect(refetch).toHaveBeenCalledTimes(1);
  });
});
