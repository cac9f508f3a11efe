/**
 * The case list's filters that have no control in its toolbar, as removable tags: the
 * statistics filters a dashboard figure opens the list with (统计口径、登记日期、区域), and the
 * station or department when the user's toolbar does not offer that select. A tag names what it
 * filters by (names, not ids) and says what the figure counts.
 */
import { CloseOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_MEASURE_LABELS, type CaseMeasure } from '../../../../shared/stats.ts';
import { api, isApiError } from '../../api/client.ts';
import type { RegionDetail } from '../../api/types.ts';
import { departmentsApi, stationsApi } from '../../api/resources.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import i18n from '../../i18n/index.ts';
import { useLabel } from '../../i18n/labels.ts';
import type { CaseFilters } from './case-filters.ts';

const zhCN = {
  title: '统计筛选',
  measure: '统计口径：{{label}}',
  range: '登记日期：{{from}} 至 {{to}}',
  rangeFrom: '登记日期：{{from}} 起',
  rangeTo: '登记日期：至 {{to}}',
  rangeHelp: '按诉求登记（收到）的日期筛选，北京时间，含首尾两天',
  region: '区域：{{name}}',
  regionHelp: '诉求发生地在该区划（含下辖区划）',
  station: '联络站：{{name}}',
  department: '承办单位：{{name}}',
  remove: '去掉筛选条件：{{label}}',
};
const en: typeof zhCN = {
  title: 'Statistics filters',
  measure: 'Measure: {{label}}',
  range: 'Received: {{from}} to {{to}}',
  rangeFrom: 'Received: from {{from}}',
  rangeTo: 'Received: until {{to}}',
  rangeHelp: 'By the day the case was received (Beijing time), both days included',
  region: 'Area: {{name}}',
  regionHelp: 'Cases located in this area (and the areas within it)',
  station: 'Station: {{name}}',
  department: 'Department: {{name}}',
  remove: 'Remove filter: {{label}}',
};
i18n.addResourceBundle('zh-CN', 'translation', { caseFilterTags: zhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { caseFilterTags: en }, true, false);

const isMeasure = (m: string | undefined): m is CaseMeasure => !!m && m in CASE_MEASURE_LABELS;

/** A name for an id, or the id itself when it cannot be read (gone, outside the jurisdiction). */
async function nameOr<T>(load: () => Promise<T>, pick: (v: T) => string, fallback: string): Promise<string> {
  try {
    return pick(await load());
  } catch (err) {
    if (isApiError(err) && (err.status === 403 || err.status === 404)) return fallback;
    throw err;
  }
}

interface Props {
  filters: CaseFilters;
  onChange: (patch: CaseFilters) => void;
  /** The station and department selects the toolbar shows (their filters need no tag). */
  stationSelect: boolean;
  departmentSelect: boolean;
}

export function CaseFilterTags({ filters, onChange, stationSelect, departmentSelect }: Props) {
  const { t } = useTranslation();
  const L = useLabel();
  const { measure, from, to, regionCode } = filters;
  const stationId = stationSelect ? undefined : filters.stationId;
  const departmentId = departmentSelect ? undefined : filters.departmentId;

  const region = useAsync(
    (signal) => (regionCode ? nameOr(() => api.get<RegionDetail>(`/regions/${encodeURIComponent(regionCode)}`, undefined, signal), (r) => r.name, regionCode) : Promise.resolve('')),
    [regionCode],
  );
  const station = useAsync((signal) => (stationId ? nameOr(() => stationsApi.get(stationId, signal), (s) => s.name, stationId) : Promise.resolve('')), [stationId]);
  const department = useAsync(
    (signal) => (departmentId ? nameOr(() => departmentsApi.get(departmentId, signal), (d) => d.name, departmentId) : Promise.resolve('')),
    [departmentId],
  );

  const tags: { key: string; label: string; help?: string; patch: CaseFilters }[] = [];
  if (measure) {
    const known = isMeasure(measure);
    tags.push({
      key: 'measure',
      label: t('caseFilterTags.measure', { label: known ? L(CASE_MEASURE_LABELS, measure) : measure }),
      help: known ? CASE_MEASURE_LABELS[measure].definition : undefined,
      patch: { measure: undefined },
    });
  }
  if (from || to) {
    const label = from && to ? t('caseFilterTags.range', { from, to }) : from ? t('caseFilterTags.rangeFrom', { from }) : t('caseFilterTags.rangeTo', { to });
    tags.push({ key: 'range', label, help: t('caseFilterTags.rangeHelp'), patch: { from: undefined, to: undefined } });
  }
  if (regionCode) tags.push({ key: 'region', label: t('caseFilterTags.region', { name: region.data || regionCode }), help: t('caseFilterTags.regionHelp'), patch: { regionCode: undefined } });
  if (stationId) tags.push({ key: 'station', label: t('caseFilterTags.station', { name: station.data || '…' }), patch: { stationId: undefined } });
  if (departmentId) tags.push({ key: 'department', label: t('caseFilterTags.department', { name: department.data || '…' }), patch: { departmentId: undefined } });
  if (!tags.length) return null;

  return (
    <div className="case-filter-tags" aria-label={t('caseFilterTags.title')} role="group">
      <Typography.Text type="secondary">{t('caseFilterTags.title')}</Typography.Text>
      <Space size={[6, 6]} wrap>
        {tags.map((tag) => (
          <Tooltip key={tag.key} title={tag.help}>
            <Tag
              color="blue"
              closable
              data-filter={tag.key}
              closeIcon={<CloseOutlined aria-label={t('caseFilterTags.remove', { label: tag.label })} />}
              onClose={(e) => {
                e.preventDefault();
                onChange(tag.patch);
              }}
            >
              {tag.label}
            </Tag>
          </Tooltip>
        ))}
      </Space>
    </div>
  );
}
