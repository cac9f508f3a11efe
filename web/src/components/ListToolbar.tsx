/** The bar above a list table: the search box, the page's filters, and "refresh" at the far end. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Tooltip } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  searchPlaceholder: string;
  searchWidth: number;
  /** The search applied now, when the page keeps it elsewhere (e.g. in the URL): the box follows it. */
  search?: string;
  /** The trimmed search text. */
  onSearch: (q: string) => void;
  onRefresh: () => void;
  /** The filters, between the search box and "refresh". */
  children?: ReactNode;
}

export function ListToolbar({ searchPlaceholder, searchWidth, search, onSearch, onRefresh, children }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(search ?? '');
  const [applied, setApplied] = useState(search);
  if (search !== applied) {
    // the page changed the search (a saved filter, the browser's back button): show it
    setApplied(search);
    setText(search ?? '');
  }
  return (
    <div className="toolbar">
      <Input.Search
        allowClear
        placeholder={searchPlaceholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => onSearch(v.trim())}
        style={{ width: searchWidth }}
        aria-label={t('common.search')}
      />
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
