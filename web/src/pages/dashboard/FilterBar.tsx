/**
 * The dashboard's filters: the period (本月、上月、今年、全部 or custom days), the street or town
 * (the district's second level of regions), the station, the category and the channel. The
 * station select lists the stations the user may see (the server scopes `/stations`).
 */
import { ClearOutlined } from '@ant-design/icons';
import { Button, DatePicker, Grid, Segmented, Select, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CASE_CHANNELS, CASE_CHANNEL_LABELS } from '../../../../shared/cases.ts';
import { caseCategoriesApi } from '../../api/cases.ts';
import { fetchAll } from '../../api/client.ts';
import type { Region, Station } from '../../api/types.ts';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { DEFAULT_PRESET, RANGE_PRESETS, presetRange, type DashboardFilters, type RangePreset } from './dashboard-filters.ts';

interface Props {
  filters: DashboardFilters;
  update: (patch: Partial<DashboardFilters>) => void;
  today: string;
  districtCode: string | null;
  showStation: boolean;
  /** The name of the chosen station, when known (from the by-station figures). */
  stationName?: string;
}

export function FilterBar({ filters, update, today, districtCode, showStation, stationName }: Props) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const narrow = !Grid.useBreakpoint().sm;
  const regions = useAsync(
    (signal) => (districtCode ? fetchAll<Region>('/regions', { parent: districtCode }, 500, signal).then((r) => r.items) : Promise.resolve([])),
    [districtCode],
  );
  const categories = useAsync((signal) => caseCategoriesApi.list(signal), []);
  const filtered = !!(filters.regionCode || filters.stationId || filters.category || filters.channel || filters.range !== DEFAULT_PRESET);

  const choosePreset = (range: RangePreset) => {
    // "custom" starts from the days shown now, so the picker opens on something sensible
    if (range === 'custom') update({ range, from: filters.from ?? presetRange('year', today).from, to: filters.to ?? today });
    else update({ range, from: undefined, to: undefined });
  };

  return (
    <div className="dash-filters" role="search" aria-label={t('stats.filters.label')}>
      <Tooltip title={t('stats.filters.rangeHelp')} placement="topLeft">
        <Segmented<RangePreset>
          size={narrow ? 'small' : 'middle'}
          value={filters.range}
          onChange={choosePreset}
          options={RANGE_PRESETS.map((p) => ({ value: p, label: t(`stats.filters.presets.${p}`) }))}
          aria-label={t('stats.filters.range')}
        />
      </Tooltip>
      {filters.range === 'custom' ? (
        <DatePicker.RangePicker
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          allowEmpty={[true, true]}
          onChange={(v) => update({ range: 'custom', from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          placeholder={[t('stats.filters.from'), t('stats.filters.to')]}
          aria-label={t('stats.filters.range')}
          style={{ width: 250 }}
        />
      ) : null}
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('stats.filters.region')}
        aria-label={t('stats.filters.region')}
        value={filters.regionCode}
        onChange={(v?: string) => update({ regionCode: v })}
        loading={regions.loading}
        options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
        style={{ width: 140 }}
        popupMatchSelectWidth={180}
      />
      {showStation ? (
        <RemoteSelect<Station>
          path="/stations"
          toOption={(s) => ({ value: s.id, label: s.name })}
          knownOptions={filters.stationId && stationName ? [{ value: filters.stationId, label: stationName }] : []}
          value={filters.stationId}
          onChange={(v) => update({ stationId: typeof v === 'string' ? v : undefined })}
          placeholder={t('stats.filters.station')}
          style={{ width: 200 }}
        />
      ) : null}
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('stats.filters.category')}
        aria-label={t('stats.filters.category')}
        value={filters.category}
        onChange={(v?: string) => update({ category: v })}
        loading={categories.loading}
        options={(categories.data?.items ?? []).map((c) => ({ value: c.name, label: c.name }))}
        style={{ width: 120 }}
        popupMatchSelectWidth={160}
      />
      <Select
        allowClear
        placeholder={t('stats.filters.channel')}
        aria-label={t('stats.filters.channel')}
        value={filters.channel}
        onChange={(v?: string) => update({ channel: v })}
        options={enumOptions(CASE_CHANNELS, CASE_CHANNEL_LABELS)}
        style={{ width: 124 }}
        popupMatchSelectWidth={170}
      />
      {filtered ? (
        <Button icon={<ClearOutlined />} onClick={() => update({ range: DEFAULT_PRESET, from: undefined, to: undefined, regionCode: undefined, stationId: undefined, category: undefined, channel: undefined })}>
          {t('stats.filters.reset')}
        </Button>
      ) : null}
    </div>
  );
}
