/** A list page's table over a cursor list: the load error with "retry", or the rows (inactive ones dimmed, when rows have `active`) and the pager. */
import { Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TableRowSelection } from 'antd/es/table/interface';
import type { ReactNode } from 'react';
import type { CursorList } from '../hooks/useCursorList.ts';
import type { useSort } from '../hooks/useSort.ts';
import { CursorPager } from './CursorPager.tsx';
import { LoadError } from './LoadError.tsx';

interface Props<T> {
  list: CursorList<T>;
  columns: ColumnsType<T>;
  /** Server-side sorting by the columns' sorters. */
  sort?: ReturnType<typeof useSort>;
  /** Ticked rows (e.g. cases turned into a suggestion). */
  rowSelection?: TableRowSelection<T>;
  /** What an empty page says (Ant Design's "no data" otherwise). */
  emptyText?: ReactNode;
  /** Table width before it scrolls sideways (1100 by default). */
  scrollX?: number;
  rowClassName?: (row: T) => string;
}

export function CursorTable<T extends { id: string; active?: boolean }>({ list, columns, sort, rowSelection, emptyText, scrollX = 1100, rowClassName }: Props<T>) {
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  return (
    <>
      <Table<T>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        onChange={sort ? (_p, _f, sorter) => sort.onTableChange(sorter) : undefined}
        scroll={{ x: scrollX }}
        rowSelection={rowSelection}
        locale={emptyText ? { emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> } : undefined}
        rowClassName={(r) => [r.active === false ? 'row-inactive' : '', rowClassName?.(r) ?? ''].filter(Boolean).join(' ')}
      />
      <CursorPager list={list} />
    </>
  );
}
