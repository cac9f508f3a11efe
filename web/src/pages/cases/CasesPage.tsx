/**
 * 诉求办理 (and the department handlers' 待办件 at /inbox): the cases the user may see, with quick
 * views by role, the user's saved filters, and the filters in the URL so a link reproduces the view.
 */
import { BulbOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Select, Space, Tooltip } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useMemo, useState, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { CASE_CHANNELS, CASE_CHANNEL_LABELS, CASE_STATUSES, CASE_STATUS_LABELS } from '../../../../shared/cases.ts';
import { caseCategoriesApi } from '../../api/cases.ts';
import { api } from '../../api/client.ts';
import type { Department, Station } from '../../api/types.ts';
import { useAuth, useUser } from '../../auth/AuthContext.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useCursorList } from '../../hooks/useCursorList.ts';
import type { useSort } from '../../hooks/useSort.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useEnumOptions, useLabel } from '../../i18n/labels.ts';
import { caseColumns } from './case-columns.tsx';
import { CaseFilterTags } from './CaseFilterTags.tsx';
import { ALL_STATUSES, presetOf, presetsFor, toApiQuery, useCaseFilters, withoutPresetKeys, type CaseFilters } from './case-filters.ts';
import { SavedFilters } from './SavedFilters.tsx';
import { SearchSummary, type CaseRow, type ElsewhereCount } from './CaseSearch.tsx';
import './cases.css';

/** Roles that record cases (intake); the others only read or handle them. */
export const CREATE_ROLES = ['admin', 'station', 'liaison', 'deputy'] as const;

const CUSTOM_TAB = 'custom';

type DueFilter = 'overdue' | 'yellow' | 'notOverdue';

function dueFilterOf(f: CaseFilters): DueFilter | undefined {
  if (f.overdue === 'true') return 'overdue';
  if (f.dueState === 'yellow') return 'yellow';
  if (f.overdue === 'false') return 'notOverdue';
  return undefined;
}

const DUE_PATCH: Record<DueFilter | 'none', CaseFilters> = {
  overdue: { overdue: 'true', dueState: undefined },
  yellow: { dueState: 'yellow', overdue: undefined },
  notOverdue: { overdue: 'false', dueState: undefined },
  none: { overdue: undefined, dueState: undefined },
};

export function CasesPage({ mode = 'cases' }: { mode?: 'cases' | 'inbox' }) {
  const { t, i18n } = useTranslation();
  const L = useLabel();
  const enumOptions = useEnumOptions();
  const navigate = useNavigate();
  const user = useUser();
  const { hasRole } = useAuth();
  const presets = useMemo(() => presetsFor(user.roles, mode), [user.roles, mode]);
  const { filters, update, replace, switchTo } = useCaseFilters(presets[0]?.query ?? {});
  const apiQuery = useMemo(() => toApiQuery(filters), [filters]);
  // A keyword searches (GET /cases/search: titles, contents, replies; by relevance, so no sort); none lists.
  const searching = !!filters.q;
  const searchQuery = useMemo(() => Object.fromEntries(Object.entries(apiQuery).filter(([k]) => k !== 'sort')), [apiQuery]);
  const list = useCursorList<CaseRow>(searching ? '/cases/search' : '/cases', searching ? searchQuery : apiQuery);
  const categories = useAsync((signal) => caseCategoriesApi.list(signal), []);

  // Searching in a tab narrower than 全部: how many cases of any status match (the other filters kept),
  // so that "nothing here" can say where the matches are. Asked with the page's own search, one row.
  const allPreset = presets.find((p) => p.key === 'all');
  const elsewhereKey = useMemo(() => {
    if (!searching || !allPreset) return null;
    const everyStatus = withoutPresetKeys(searchQuery);
    return Object.keys(everyStatus).length === Object.keys(searchQuery).length ? null : JSON.stringify({ ...everyStatus, limit: 1 });
  }, [searching, allPreset, searchQuery]);
  const elsewhere = useAsync(
    (signal) =>
      elsewhereKey
        ? api.get<{ total: number | null }>('/cases/search', JSON.parse(elsewhereKey) as Record<string, string>, signal).then(
            (r) => ({ key: elsewhereKey, total: r.total as ElsewhereCount }),
            // the list itself shows what went wrong (a query with nothing to search)
            () => ({ key: elsewhereKey, total: 'unknown' as ElsewhereCount }),
          )
        : Promise.resolve(null),
    [elsewhereKey],
  );
  const elsewhereTotal: ElsewhereCount = elsewhere.data && elsewhere.data.key === elsewhereKey ? elsewhere.data.total : 'pending';

  const inbox = mode === 'inbox';
  const isDeptOnly = inbox || (hasRole('department') && !hasRole('admin', 'station'));
  const readOnly = !inbox && hasRole('deputy') && !hasRole('admin', 'station', 'liaison', 'department');
  const canCreate = !inbox && hasRole(...CREATE_ROLES);
  const sortedByDue = filters.sort === 'due' && !searching;
  const activePreset = presetOf(presets, filters)?.key;
  // 转为代表建议: deputies and the office tick cases (across pages) and draft a suggestion from them
  const canSuggest = !inbox && hasRole('deputy', 'admin');
  const [picked, setPicked] = useState<string[]>([]);

  const sort: ReturnType<typeof useSort> = useMemo(
    () => ({
      value: sortedByDue ? 'due' : 'newest',
      set: (v: SetStateAction<string>) => {
        const next = typeof v === 'function' ? v(sortedByDue ? 'due' : 'newest') : v;
        update({ sort: next === 'due' ? 'due' : undefined });
      },
      orderOf: (key: string) => (key === 'due' && sortedByDue ? 'ascend' : null),
      onTableChange: <T,>(sorter: SorterResult<T> | SorterResult<T>[]) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        update({ sort: s?.columnKey === 'due' && s.order ? 'due' : undefined });
      },
    }),
    [sortedByDue, update],
  );

  const en = isEnglish(i18n.language);
  const columns = useMemo(() => caseColumns({ t, L, showDepartment: !isDeptOnly, sortedByDue, en }), [t, L, isDeptOnly, sortedByDue, en]);

  // The selects show names for ids taken from the URL as soon as a row carries them.
  const stationKnown = useMemo(() => {
    const row = list.items.find((c) => c.stationId === filters.stationId);
    return row ? [{ value: row.stationId, label: row.stationName }] : [];
  }, [list.items, filters.stationId]);
  const departmentKnown = useMemo(() => {
    const row = list.items.find((c) => c.departmentId === filters.departmentId);
    return row?.departmentId ? [{ value: row.departmentId, label: row.departmentName ?? row.departmentId }] : [];
  }, [list.items, filters.departmentId]);

  const statusOptions = [
    {
      label: t('cases.statusGroups.title'),
      options: [
        { value: 'open', label: t('cases.statusGroups.open') },
        { value: 'handling', label: t('cases.statusGroups.handling') },
        { value: 'ended', label: t('cases.statusGroups.ended') },
      ],
    },
    { label: t('cases.statusGroups.single'), options: enumOptions(CASE_STATUSES, CASE_STATUS_LABELS) },
  ];

  const stationSelect = hasRole('admin') && !inbox;
  const departmentSelect = !isDeptOnly;

  const title = inbox ? t('cases.inboxTitle') : readOnly ? t('cases.deputyTitle') : t('cases.title');
  const subtitle = inbox ? t('cases.inboxSubtitle') : readOnly ? t('cases.deputySubtitle') : t('cases.subtitle');

  return (
    <div className="page">
      <PageHeader
        title={title}
        subtitle={subtitle}
        extra={
          <Space wrap>
            <ExportButton path={searching ? '/cases/search' : '/cases'} query={searching ? searchQuery : apiQuery} />
            {canSuggest ? (
              <Tooltip title={picked.length ? undefined : t('suggestions.cases.convertHelp')}>
                <Button icon={<BulbOutlined />} disabled={!picked.length} onClick={() => navigate(`/suggestions/new?cases=${picked.join(',')}`)}>
                  {picked.length ? t('suggestions.cases.convertN', { count: picked.length }) : t('suggestions.cases.convert')}
                </Button>
              </Tooltip>
            ) : null}
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')}>
                {t('cases.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card
        variant="borderless"
        className="cases-card"
        tabList={[
          ...presets.map((p) => ({ key: p.key, label: t(`cases.presets.${p.label}`) })),
          // Filters that match no preset (a saved filter, a shared link) get a tab of their own, so no preset looks chosen.
          ...(activePreset ? [] : [{ key: CUSTOM_TAB, label: t('cases.presets.custom') }]),
        ]}
        activeTabKey={activePreset || CUSTOM_TAB}
        onTabChange={(key) => {
          const p = presets.find((x) => x.key === key);
          if (p) switchTo(p);
        }}
        tabProps={{ size: 'middle' }}
      >
        <SavedFilters current={filters} onApply={replace} />
        <ListToolbar searchPlaceholder={t('caseSearch.placeholder')} searchWidth={210} search={filters.q ?? ''} onSearch={(q) => update({ q })} onRefresh={list.reload}>
          <Select
            allowClear
            placeholder={t('cases.status')}
            aria-label={t('cases.status')}
            value={filters.status && filters.status !== ALL_STATUSES ? filters.status : undefined}
            onChange={(v?: string) => update({ status: v ?? ALL_STATUSES })}
            options={statusOptions}
            style={{ width: 124 }}
            popupMatchSelectWidth={180}
          />
          {stationSelect ? (
            <RemoteSelect<Station>
              path="/stations"
              query={{ active: true }}
              toOption={(s) => ({ value: s.id, label: s.name })}
              knownOptions={stationKnown}
              value={filters.stationId}
              onChange={(v) => update({ stationId: typeof v === 'string' ? v : undefined })}
              placeholder={t('cases.station')}
              style={{ width: 190 }}
            />
          ) : null}
          {departmentSelect ? (
            <RemoteSelect<Department>
              path="/departments"
              query={{ active: true }}
              toOption={(d) => ({ value: d.id, label: d.name })}
              knownOptions={departmentKnown}
              value={filters.departmentId}
              onChange={(v) => update({ departmentId: typeof v === 'string' ? v : undefined })}
              placeholder={t('cases.department')}
              style={{ width: 170 }}
            />
          ) : null}
          <Select
            allowClear
            showSearch
            placeholder={t('cases.category')}
            aria-label={t('cases.category')}
            value={filters.category}
            onChange={(v?: string) => update({ category: v })}
            loading={categories.loading}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.name, label: c.name }))}
            style={{ width: 116 }}
            popupMatchSelectWidth={160}
          />
          <Select
            allowClear
            placeholder={t('cases.channel')}
            aria-label={t('cases.channel')}
            value={filters.channel}
            onChange={(v?: string) => update({ channel: v })}
            options={enumOptions(CASE_CHANNELS, CASE_CHANNEL_LABELS)}
            style={{ width: 116 }}
            popupMatchSelectWidth={160}
          />
          <Select<DueFilter>
            allowClear
            placeholder={t('cases.dueFilter')}
            aria-label={t('cases.dueFilter')}
            value={dueFilterOf(filters)}
            onChange={(v?: DueFilter) => update(DUE_PATCH[v ?? 'none'])}
            options={[
              { value: 'overdue', label: t('cases.dueFilters.overdue') },
              { value: 'yellow', label: t('cases.dueFilters.yellow') },
              { value: 'notOverdue', label: t('cases.dueFilters.notOverdue') },
            ]}
            style={{ width: 116 }}
            popupMatchSelectWidth={190}
          />
          <Checkbox checked={filters.supervised === 'true'} onChange={(e) => update({ supervised: e.target.checked ? 'true' : undefined })} className="toolbar-check">
            {t('cases.onlySupervised')}
          </Checkbox>
        </ListToolbar>
        <CaseFilterTags filters={filters} onChange={update} stationSelect={stationSelect} departmentSelect={departmentSelect} />
        {searching && !list.error ? (
          <SearchSummary
            total={list.total}
            loading={list.loading}
            elsewhere={
              elsewhereKey && allPreset
                ? {
                    scope: activePreset === 'open' ? t('caseSearch.scopeOpen') : activePreset ? t('caseSearch.scopeTab', { tab: t(`cases.presets.${presets.find((p) => p.key === activePreset)!.label}`) }) : t('caseSearch.scopeCustom'),
                    q: filters.q ?? '',
                    total: elsewhereTotal,
                    onShow: () => switchTo(allPreset),
                  }
                : undefined
            }
          />
        ) : null}
        <CursorTable
          list={list}
          columns={columns}
          sort={sort}
          rowSelection={canSuggest ? { selectedRowKeys: picked, onChange: (keys) => setPicked(keys.map(String)), preserveSelectedRowKeys: true } : undefined}
        />
      </Card>
    </div>
  );
}
