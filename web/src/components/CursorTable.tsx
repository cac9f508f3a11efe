/** A list page's table over a cursor list: the load error with "retry", or the rows (inactive ones dimmed, when rows have `active`) and the pager. */
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CursorList } from '../hooks/useCursorList.ts';
import type { useSort } from '../hooks/useSort.ts';
import { CursorPager } from './CursorPager.tsx';
import { LoadError } from './LoadError.tsx';

interface Props<T> {
  list: CursorList<T>;
  columns: ColumnsType<T>;
  /** Server-side sorting by the columns' sorters. */
  sort?: ReturnType<typeof useSort>;
}

export function CursorTable<T extends { id: string; active?: boolean }>({ list, columns, sort }: Props<T>) {
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
        scroll={{ x: 1100 }}
        rowClassName={(r) => (r.active === false ? 'row-inactive' : '')}
      />
      <CursorPager list={list} />
    </>
  );
}
