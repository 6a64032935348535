// @vitest-environment jsdom
// The shared table pieces: ResponsiveTable turns each row into a card of 标题：内容 lines at phone width, so no column
// hides behind a sideways scroll; CardList shows its empty text only when not loading. RegionCascader's GB/T 2260
// ancestors open the cascader at a stored code.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { ResponsiveTable } from '../../src/components/ResponsiveTable';
import { CardList } from '../../src/components/CardList';
import { regionAncestors } from '../../src/components/RegionCascader';
import { setWidth } from './setup';

const rows = [{ id: 7, name: '丙矿业', owner: { name: '张三' } }];
const columns = [
  { title: '企业', dataIndex: 'name', key: 'name' },
  { title: '负责人', dataIndex: ['owner', 'name'], key: 'owner' },
  { title: '操作', key: 'op', render: () => <a>查看</a> },
];

describe('ResponsiveTable', () => {
  it('desktop width: an antd table with the column titles as headers', () => {
    render(<ResponsiveTable rowKey="id" columns={columns} dataSource={rows} testId="rt" />);
    const table = screen.getByTestId('rt');
    expect(table.querySelector('table')).not.toBeNull();
    expect(within(table).getByText('负责人').closest('th')).not.toBeNull();
  });

  it('phone width (390 px): one card per row, every column a 标题 / 内容 line, nested paths and render kept', () => {
    setWidth(390);
    render(<ResponsiveTable rowKey="id" columns={columns} dataSource={rows} testId="rt" onRow={() => ({ 'data-id': 7 }) as never} />);
    const cards = screen.getByTestId('rt');
    expect(cards.querySelector('table')).toBeNull();
    const card = cards.querySelector('dl.stacked-row')!;
    expect(card.getAttribute('data-id')).toBe('7');
    expect([...card.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['企业', '负责人', '操作']);
    expect([...card.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['丙矿业', '张三', '查看']);
  });

  it('phone width: no rows shows the table locale empty text', () => {
    setWidth(390);
    render(<ResponsiveTable rowKey="id" columns={columns} dataSource={[]} testId="rt" locale={{ emptyText: '暂无企业' }} />);
    expect(screen.getByTestId('rt').textContent).toBe('暂无企业');
  });
});

describe('CardList', () => {
  it('shows the empty text when there are no items and nothing is loading, and not while loading', () => {
    const { rerender } = render(<CardList items={[]} rowKey={() => 1} render={() => null} empty="暂无记录" testId="cl" />);
    expect(screen.getByTestId('cl').textContent).toBe('暂无记录');
    rerender(<CardList items={[]} rowKey={() => 1} render={() => null} empty="暂无记录" testId="cl" loading />);
    expect(screen.getByTestId('cl').textContent).not.toContain('暂无记录');
  });
});

describe('RegionCascader', () => {
  it('GB/T 2260: a township code opens at province, city, county, then itself', () => {
    expect(regionAncestors('330102001')).toEqual(['330000', '330100', '330102', '330102001']);
    expect(regionAncestors('330000')).toEqual(['330000']);
  });
});
