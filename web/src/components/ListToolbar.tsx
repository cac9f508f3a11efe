/** The bar above a list table: the search box, the page's filters, and "refresh" at the far end. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  searchPlaceholder: string;
  searchWidth: number;
  /** The trimmed search text. */
  onSearch: (q: string) => void;
  onRefresh: () => void;
  /** The filters, between the search box and "refresh". */
  children?: ReactNode;
}

export function ListToolbar({ searchPlaceholder, searchWidth, onSearch, onRefresh, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className="toolbar">
      <Input.Search allowClear placeholder={searchPlaceholder} onSearch={(v) => onSearch(v.trim())} style={{ width: searchWidth }} aria-label={t('common.search')} />
      {children}
      <span className="toolbar-spacer" />
      <Tooltip title={t('common.refresh')}>
        <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} />
      </Tooltip>
    </div>
  );
}

/** Active / inactive (the `active` query parameter as a string; empty: both). */
export function StatusFilter({ value, onChange, width }: { value: string | undefined; onChange: (v: string | undefined) => void; width: number }) {
  const { t } = useTranslation();
  return (
    <Select
      allowClear
      placeholder={t('common.status')}
      value={value}
      onChange={onChange}
      style={{ width }}
      options={[
        { value: 'true', label: t('common.active') },
        { value: 'false', label: t('common.inactive') },
      ]}
      aria-label={t('common.status')}
    />
  );
}
