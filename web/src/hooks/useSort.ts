/** Server-side sort as the API spells it (`name`, `-name`), driven by Ant Design's table sorter. */
import type { SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';

export function useSort(initial: string) {
  const [value, setValue] = useState<string>(initial);
  return useMemo(() => {
    const field = value.replace(/^-/, '');
    const desc = value.startsWith('-');
    return {
      value,
      set: setValue,
      orderOf: (key: string): 'ascend' | 'descend' | null => (field === key ? (desc ? 'descend' : 'ascend') : null),
      onTableChange: <T,>(sorter: SorterResult<T> | SorterResult<T>[]) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        const key = s?.columnKey ?? (typeof s?.field === 'string' ? s.field : undefined);
        if (!s?.order || !key) setValue(initial);
        else setValue(`${s.order === 'descend' ? '-' : ''}${String(key)}`);
      },
    };
  }, [value, initial]);
}
