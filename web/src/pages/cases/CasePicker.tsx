/**
 * Picks a case the user may see, searched on the server by tracking code, title or content: another open
 * case of the same station (the one a duplicate is merged into), or any case (an activity outcome's link);
 * with `mode="multiple"`, several (the cases a deputy's suggestion is drafted from).
 */
import { Select, Space, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
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

/** Cases already chosen, so they show by code and title before any search. */
type KnownCase = Pick<CaseListItemOut, 'id' | 'trackingCode' | 'title' | 'status'>;

interface MultipleProps extends Omit<Props, 'value' | 'onChange' | 'excludeId'> {
  value?: string[];
  onChange?: (value: string[]) => void;
  known?: KnownCase[];
}

/** Several cases at once. */
export function MultiCasePicker({ id, stationId, placeholder, notFound, value, onChange, known = [] }: MultipleProps) {
  const { t } = useTranslation();
  const { found, loading, setSearch } = useCaseSearch(stationId);
  const shown = [...known.filter((k) => value?.includes(k.id) && !found.some((c) => c.id === k.id)), ...found];
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={(v) => onChange?.(v ?? [])}
      allowClear
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={placeholder}
      notFoundContent={loading ? t('common.loading') : (notFound ?? t('common.noData'))}
      options={shown.map((c) => ({ value: c.id, label: `${c.trackingCode} ${c.title}`, title: c.title }))}
      optionRender={(o) => <CaseOption c={shown.find((x) => x.id === o.value)} fallback={o.label} />}
    />
  );
}

function CaseOption({ c, fallback }: { c: KnownCase | undefined; fallback: ReactNode }) {
  if (!c) return fallback;
  return (
    <div className="case-option">
      <Space size={6}>
        <Typography.Text className="tracking-code">{c.trackingCode}</Typography.Text>
        <CaseStatusTag status={c.status} />
      </Space>
      <div className="case-option-title">{c.title}</div>
    </div>
  );
}

/** The user's cases matching what is typed (debounced), optionally one station's open ones. */
function useCaseSearch(stationId: string | undefined, excludeId?: string) {
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
  return { found, loading, setSearch };
}

export function CasePicker({ id, stationId, excludeId, placeholder, notFound, value, onChange }: Props) {
  const { t } = useTranslation();
  const { found, loading, setSearch } = useCaseSearch(stationId, excludeId);

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
      optionRender={(o) => <CaseOption c={found.find((x) => x.id === o.value)} fallback={o.label} />}
    />
  );
}
