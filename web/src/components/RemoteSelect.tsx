/** A Select whose options come from a list endpoint, searched on the server with `q`. */
import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page, type Query } from '../api/client.ts';

export interface RemoteOption {
  value: string;
  label: string;
}

interface Props<T> {
  id?: string;
  path: string;
  query?: Query;
  toOption: (item: T) => RemoteOption;
  mode?: 'multiple';
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  /** Labels of values already chosen (so a record being edited shows names, not ids). */
  knownOptions?: RemoteOption[];
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  disabled?: boolean;
}

export function RemoteSelect<T>({ id, path, query, toOption, mode, value, onChange, knownOptions, placeholder, allowClear = true, style, disabled }: Props<T>) {
  const { t } = useTranslation();
  const [found, setFound] = useState<RemoteOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const remembered = useRef(new Map<string, RemoteOption>());
  const queryKey = JSON.stringify(query ?? {});

  for (const o of knownOptions ?? []) if (!remembered.current.has(o.value)) remembered.current.set(o.value, o);
  // labels may arrive after the value (e.g. a value from the URL, named once a list has loaded)
  const knownKey = (knownOptions ?? []).map((o) => o.value).join('\n');

  useEffect(() => {
    if (!opened) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Page<T>>(path, { ...(JSON.parse(queryKey) as Query), q: search || undefined, limit: 50 }, ctrl.signal)
        .then((page) => {
          const opts = page.items.map(toOption);
          for (const o of opts) remembered.current.set(o.value, o);
          setFound(opts);
        })
        .catch(() => undefined)
        .finally(() => {
          if (!ctrl.signal.aborted) setLoading(false);
        });
    }, search ? 300 : 0);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
    // toOption is a pure mapping given inline by callers
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, queryKey, search, opened]);

  const options = useMemo(() => {
    const chosen = (Array.isArray(value) ? value : value ? [value] : []).map(
      (v) => remembered.current.get(v) ?? { value: v, label: v },
    );
    const seen = new Set<string>();
    return [...chosen, ...found].filter((o) => (seen.has(o.value) ? false : (seen.add(o.value), true)));
    // knownKey: the remembered labels changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [found, value, knownKey]);

  return (
    <Select<string | string[]>
      id={id}
      mode={mode}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (open) setOpened(true);
        else setSearch('');
      }}
      placeholder={placeholder}
      allowClear={allowClear}
      style={style}
      disabled={disabled}
      maxTagCount="responsive"
      notFoundContent={loading ? t('common.loading') : t('common.noData')}
    />
  );
}
