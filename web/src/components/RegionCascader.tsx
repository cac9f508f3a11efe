/**
 * Picks a region (行政区划) by walking down from the user's district, loading each level's
 * children only when opened. The value is one region code; the full path is shown below.
 */
import { Cascader, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fetchAll } from '../api/client.ts';
import type { Region, RegionDetail } from '../api/types.ts';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** The top of the tree offered; provinces when absent. */
  rootCode?: string | null;
  placeholder?: string;
  allowClear?: boolean;
  showPath?: boolean;
  style?: CSSProperties;
  disabled?: boolean;
}

const toOption = (r: Region): Option => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren });

async function children(parent: string | null): Promise<Option[]> {
  const { items } = await fetchAll<Region>('/regions', parent ? { parent } : {}, 2000);
  return items.map(toOption);
}

function withChildren(options: Option[], parent: string, kids: Option[]): Option[] {
  return options.map((o) => {
    if (o.value === parent) return { ...o, children: kids, isLeaf: kids.length === 0 };
    if (o.children) return { ...o, children: withChildren(o.children, parent, kids) };
    return o;
  });
}

function findOption(options: Option[], code: string): Option | undefined {
  for (const o of options) {
    if (o.value === code) return o;
    const hit = o.children && findOption(o.children, code);
    if (hit) return hit;
  }
  return undefined;
}

export function RegionCascader({ id, value, onChange, rootCode, placeholder, allowClear = true, showPath = true, style, disabled }: Props) {
  const { t } = useTranslation();
  const [options, setOptionsState] = useState<Option[]>([]);
  const optionsRef = useRef<Option[]>([]);
  const setOptions = useCallback((next: Option[]) => {
    optionsRef.current = next;
    setOptionsState(next);
  }, []);
  const [rootReady, setRootReady] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [pathText, setPathText] = useState('');

  useEffect(() => {
    let cancelled = false;
    setRootReady(false);
    (async () => {
      if (rootCode) {
        const root = await api.get<RegionDetail>(`/regions/${encodeURIComponent(rootCode)}`);
        if (!cancelled) setOptions([{ value: root.code, label: root.name, isLeaf: false }]);
      } else {
        const top = await children(null);
        if (!cancelled) setOptions(top);
      }
    })()
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) setRootReady(true);
      });
    return () => {
      cancelled = true;
    };
  }, [rootCode, setOptions]);

  // An outside value (a record being edited): find its path and open the levels above it.
  useEffect(() => {
    if (!rootReady) return;
    if (!value) {
      setSelected([]);
      setPathText('');
      return;
    }
    if (selected[selected.length - 1] === value) return;
    let cancelled = false;
    (async () => {
      const detail = await api.get<RegionDetail>(`/regions/${encodeURIComponent(value)}`);
      const path = detail.path.length ? detail.path : [{ code: detail.code, name: detail.name, level: detail.level }];
      const start = rootCode ? path.findIndex((p) => p.code === rootCode) : 0;
      let opts = optionsRef.current;
      let chain: string[];
      if (start < 0) {
        // Outside the user's district: offer it as it is, by its full name.
        const label = path.map((p) => p.name).join(' / ');
        if (!findOption(opts, value)) opts = [...opts, { value, label, isLeaf: true }];
        chain = [value];
      } else {
        chain = path.slice(start).map((p) => p.code);
        for (const code of chain.slice(0, -1)) {
          const existing = findOption(opts, code);
          if (existing?.children) continue;
          opts = withChildren(opts, code, await children(code));
        }
      }
      if (cancelled) return;
      setOptions(opts);
      setSelected(chain);
      setPathText(path.map((p) => p.name).join(' / '));
    })().catch(() => {
      if (!cancelled) setPathText(value);
    });
    return () => {
      cancelled = true;
    };
    // `selected` is read only to skip values the user just picked
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, rootReady, rootCode, setOptions]);

  const loadData = async (picked: Option[]) => {
    const target = picked[picked.length - 1];
    if (!target || target.children) return;
    const kids = await children(target.value);
    setOptions(withChildren(optionsRef.current, target.value, kids));
  };

  const handleChange = (codes: (string | number)[] | undefined, picked: Option[] | undefined) => {
    const list = (codes ?? []).map(String);
    setSelected(list);
    const last = list[list.length - 1];
    if (!last) {
      setPathText('');
      onChange?.(undefined);
      return;
    }
    onChange?.(last);
    // the levels above the root are filled in when the value comes back through the effect
    setPathText((picked ?? []).map((o) => o.label).join(' / '));
    void api
      .get<RegionDetail>(`/regions/${encodeURIComponent(last)}`)
      .then((d) => setPathText(d.path.map((p) => p.name).join(' / ')))
      .catch(() => undefined);
  };

  return (
    <div style={style}>
      <Cascader<Option>
        id={id}
        options={options}
        value={selected}
        loadData={loadData}
        changeOnSelect
        onChange={(codes, picked) => handleChange(codes as (string | number)[] | undefined, picked as Option[] | undefined)}
        placeholder={placeholder ?? t('region.placeholder')}
        allowClear={allowClear}
        disabled={disabled}
        style={{ width: '100%' }}
        notFoundContent={rootReady ? t('common.noData') : t('common.loading')}
      />
      {showPath && pathText ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          {t('region.path')}：{pathText}
        </Typography.Text>
      ) : null}
    </div>
  );
}
