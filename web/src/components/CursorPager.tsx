import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZES, type CursorList } from '../hooks/useCursorList.ts';

/** Previous / next over a cursor list, with the page size (10/20/50/100). */
export function CursorPager<T>({ list }: { list: CursorList<T> }) {
  const { t } = useTranslation();
  return (
    <div className="cursor-pager">
      <Typography.Text type="secondary">
        {t('pager.page', { page: list.page })}
        {list.items.length ? ` · ${t('pager.shown', { count: list.items.length })}` : ''}
      </Typography.Text>
      <Space wrap>
        <Button icon={<LeftOutlined />} disabled={!list.hasPrev || list.loading} onClick={list.prev}>
          {t('pager.prev')}
        </Button>
        <Button disabled={!list.hasNext} onClick={list.next}>
          {t('pager.next')} <RightOutlined />
        </Button>
        <Select
          aria-label={t('pager.size')}
          value={list.pageSize}
          onChange={list.setPageSize}
          style={{ width: 116 }}
          options={PAGE_SIZES.map((n) => ({ value: n, label: t('pager.perPage', { n }) }))}
        />
      </Space>
    </div>
  );
}
