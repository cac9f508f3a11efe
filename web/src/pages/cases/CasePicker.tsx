/**
 * Picks a case the user may see, searched on the server by tracking code, title or content: another open
 * case of the same station (the one a duplicate is merged into), or any case (an activity outcome's link).
 */
import { Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListItemOut } from '../../../../shared/cases.ts';
import { casesApi } from '../../api/cases.ts';
import { CaseStatusTag } from './case-tags.tsx';

interface Props {
  id?: string;
  /** Only this station's open cases (merging); without it, any case in the user's jurisdiction. */
  stationId?: string;
  /** The case being merged: never offered. */
  excludeId?: string;
  placeholder?: string;
  notFound?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}

export function CasePicker({ id, stationId, excludeId, placeholder, notFound, value, onChange }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<CaseListItemOut[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    const timer = setTimeout(
      () => {
        setLoading(true);
        casesApi
          .list({ ...(stationId ? { stationId, status: 'open' } : {}), q: search || undefined, limit: 30 }, ctrl.signal)
          .then((page) => setFound(page.items.filter((c) => c.id !== excludeId)))
          .catch(() => undefined)
          .finally(() => {
            if (!ctrl.signal.aborted) setLoading(false);
          });
      },
      search ? 300 : 0,
    );
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [stationId, excludeId, search]);

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={placeholder ?? t('cases.actions.mergePlaceholder')}
      notFoundContent={loading ? t('common.loading') : (notFound ?? t('cases.actions.mergeNone'))}
      options={found.map((c) => ({
        value: c.id,
        label: `${c.trackingCode} ${c.title}`,
        title: c.title,
      }))}
      optionRender={(o) => {
        const c = found.find((x) => x.id === o.value);
        if (!c) return o.label;
        return (
          <div className="case-option">
            <Space size={6}>
              <Typography.Text className="tracking-code">{c.trackingCode}</Typography.Text>
              <CaseStatusTag status={c.status} />
            </Space>
            <div className="case-option-title">{c.title}</div>
          </div>
        );
      }}
    />
  );
}
