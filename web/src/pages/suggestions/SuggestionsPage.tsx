/**
 * 代表建议: the suggestions the user may see (the server scopes them: the district for the office, a
 * deputy's own and those he/she is invited to co-sign, a department's assigned ones, a station's
 * deputies'), newest first, with quick views by role and the filters in the URL.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { HANDLER_ROLE_LABELS, SUGGESTION_PERIODS, SUGGESTION_PERIOD_LABELS, SUGGESTION_STATUSES, SUGGESTION_STATUS_LABELS, type SuggestionSummary } from '../../../../shared/suggestions.ts';
import { deputiesApi, departmentsApi } from '../../api/resources.ts';
import type { Department, Deputy } from '../../api/types.ts';
import { useAuth, useUser } from '../../auth/AuthContext.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useEnumOptions, useLabel } from '../../i18n/labels.ts';
import { presetsFor, sameFilters, toApiQuery, useSuggestionFilters } from './suggestion-filters.ts';
import { dueRunning, RatingTag, ReplyCategoryTag, SuggestionDue, SuggestionStatusTag } from './suggestion-shared.tsx';
import './suggestions.css';

const CUSTOM_TAB = 'custom';

/** Years offered by the filter: from the platform's first year to next year. */
function yearOptions(chosen: string | undefined): { value: string; label: string }[] {
  const last = Math.max(new Date().getFullYear() + 1, 2027);
  const years: number[] = [];
  for (let y = last; y >= 2020; y--) years.push(y);
  if (chosen && /^\d{4}$/.test(chosen) && !years.includes(Number(chosen))) years.push(Number(chosen));
  return years.map((y) => ({ value: String(y), label: String(y) }));
}

export function SuggestionsPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const enumOptions = useEnumOptions();
  const L = useLabel();
  const navigate = useNavigate();
  const user = useUser();
  const { hasRole } = useAuth();
  const presets = useMemo(() => presetsFor(user), [user]);
  const { filters, update, replace } = useSuggestionFilters(presets[0]?.query ?? {});
  const apiQuery = useMemo(() => toApiQuery(filters), [filters]);
  const list = useCursorList<SuggestionSummary>('/suggestions', apiQuery);
  const activePreset = presets.find((p) => sameFilters(p.query, filters))?.key;

  const admin = hasRole('admin');
  const deptOnly = hasRole('department') && !hasRole('admin', 'station', 'deputy');
  const myDepartment = hasRole('department') ? user.departmentId : null;
  const canCreate = hasRole('admin', 'deputy');
  const subtitle = admin
    ? t('suggestions.list.subtitleAdmin')
    : hasRole('deputy')
      ? t('suggestions.list.subtitleDeputy')
      : hasRole('department')
        ? t('suggestions.list.subtitleDepartment')
        : t('suggestions.list.subtitleStation');

  // the selects show names for ids taken from the URL
  const deputy = useAsync((signal) => (filters.deputyId && admin ? deputiesApi.get(filters.deputyId, signal).catch(() => null) : Promise.resolve(null)), [filters.deputyId, admin]);
  const department = useAsync(
    (signal) => (filters.departmentId && !deptOnly ? departmentsApi.get(filters.departmentId, signal).catch(() => null) : Promise.resolve(null)),
    [filters.departmentId, deptOnly],
  );

  const columns = useMemo<ColumnsType<SuggestionSummary>>(
    () => [
      {
        title: t('suggestions.list.suggestion'),
        key: 'title',
        render: (_: unknown, s) => (
          <div className="cell-two-lines sug-list-cell">
            <Link to={`/suggestions/${s.id}`} className="cell-strong" title={s.title}>
              {s.title}
            </Link>
            <Typography.Text type="secondary" className="cell-sub">
              {s.number ? <span className="sug-number">{s.number}</span> : t('suggestions.common.noNumber')}
              {s.caseCount ? ` · ${t('suggestions.common.casesN', { count: s.caseCount })}` : ''}
            </Typography.Text>
          </div>
        ),
      },
      {
        title: t('suggestions.common.leadDeputy'),
        key: 'deputy',
        width: en ? 150 : 118,
        render: (_: unknown, s) => (
          <div className="cell-two-lines">
            <span>{s.leadDeputy.name}</span>
            <Typography.Text type="secondary" className="cell-sub">
              {s.cosponsorCount ? t('suggestions.common.cosponsorsN', { count: s.cosponsorCount }) : '\u00a0'}
            </Typography.Text>
          </div>
        ),
      },
      {
        title: t('suggestions.common.leadDepartment'),
        key: 'department',
        width: 170,
        ellipsis: { showTitle: true },
        render: (_: unknown, s) =>
          !s.leadDepartment ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : myDepartment && s.leadDepartment.id !== myDepartment ? (
            // a department handler sees which ones it only co-handles
            <Space size={4} className="sug-dept-cell">
              <Tag color="purple" variant="outlined" style={{ marginInlineEnd: 0 }}>
                {L(HANDLER_ROLE_LABELS, 'co')}
              </Tag>
              <span title={s.leadDepartment.name}>{s.leadDepartment.name}</span>
            </Space>
          ) : (
            s.leadDepartment.name
          ),
      },
      {
        title: t('suggestions.common.status'),
        key: 'status',
        width: en ? 120 : 92,
        // the number says the period (大/闭)
        render: (_: unknown, s) => <SuggestionStatusTag status={s.status} />,
      },
      {
        title: t('suggestions.common.dueAt'),
        key: 'due',
        width: 132,
        render: (_: unknown, s) => <SuggestionDue dueAt={s.dueAt} overdue={s.overdue} running={dueRunning(s.status)} />,
      },
      {
        title: t('suggestions.common.replyCategory'),
        key: 'reply',
        width: en ? 150 : 132,
        render: (_: unknown, s) => <ReplyCategoryTag category={s.replyCategory} />,
      },
      {
        title: t('suggestions.common.rating'),
        key: 'rating',
        width: en ? 150 : 92,
        render: (_: unknown, s) => (
          <Space size={4} orientation="vertical">
            <RatingTag rating={s.rating} />
            {s.published ? (
              <Tag color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
                {t('suggestions.common.published')}
              </Tag>
            ) : null}
          </Space>
        ),
      },
    ],
    [t, en, L, myDepartment],
  );

  const filtered = Object.keys(filters).length > 0;

  return (
    <div className="page sug-page">
      <PageHeader
        title={t('suggestions.list.title')}
        subtitle={subtitle}
        extra={
          <Space wrap>
            <ExportButton path="/suggestions" query={apiQuery} />
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/suggestions/new')}>
                {t('suggestions.list.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card
        variant="borderless"
        className="sug-list-card"
        tabList={[
          ...presets.map((p) => ({ key: p.key, label: t(`suggestions.list.presets.${p.label}`) })),
          ...(activePreset ? [] : [{ key: CUSTOM_TAB, label: t('suggestions.list.presets.custom') }]),
        ]}
        activeTabKey={activePreset ?? CUSTOM_TAB}
        onTabChange={(key) => {
          const p = presets.find((x) => x.key === key);
          if (p) replace(p.query);
        }}
        tabProps={{ size: 'middle' }}
      >
        <ListToolbar searchPlaceholder={t('suggestions.list.search')} searchWidth={200} search={filters.q ?? ''} onSearch={(q) => update({ q })} onRefresh={list.reload}>
          <Select<string[]>
            allowClear
            mode="multiple"
            maxTagCount="responsive"
            placeholder={t('suggestions.list.statusFilter')}
            aria-label={t('suggestions.list.statusFilter')}
            value={filters.status ? filters.status.split(',') : []}
            onChange={(v) => update({ status: v.length ? SUGGESTION_STATUSES.filter((x) => v.includes(x)).join(',') : undefined })}
            options={enumOptions(SUGGESTION_STATUSES, SUGGESTION_STATUS_LABELS)}
            style={{ width: en ? 190 : 160 }}
            popupMatchSelectWidth={160}
          />
          <Select
            allowClear
            placeholder={t('suggestions.list.yearFilter')}
            aria-label={t('suggestions.list.yearFilter')}
            value={filters.year}
            onChange={(v?: string) => update({ year: v })}
            options={yearOptions(filters.year)}
            style={{ width: 96 }}
          />
          <Select
            allowClear
            placeholder={t('suggestions.list.periodFilter')}
            aria-label={t('suggestions.list.periodFilter')}
            value={filters.period}
            onChange={(v?: string) => update({ period: v })}
            options={enumOptions(SUGGESTION_PERIODS, SUGGESTION_PERIOD_LABELS)}
            style={{ width: en ? 170 : 112 }}
            popupMatchSelectWidth={170}
          />
          {!deptOnly ? (
            <RemoteSelect<Department>
              path="/departments"
              query={{ active: true }}
              toOption={(d) => ({ value: d.id, label: d.name })}
              knownOptions={department.data ? [{ value: department.data.id, label: department.data.name }] : []}
              value={filters.departmentId}
              onChange={(v) => update({ departmentId: typeof v === 'string' ? v : undefined })}
              placeholder={t('suggestions.list.departmentFilter')}
              style={{ width: 180 }}
            />
          ) : null}
          {admin ? (
            <RemoteSelect<Deputy>
              path="/deputies"
              query={{ active: true }}
              toOption={(d) => ({ value: d.id, label: d.name })}
              knownOptions={deputy.data ? [{ value: deputy.data.id, label: deputy.data.name }] : []}
              value={filters.deputyId}
              onChange={(v) => update({ deputyId: typeof v === 'string' ? v : undefined })}
              placeholder={t('suggestions.list.deputyFilter')}
              style={{ width: 120 }}
            />
          ) : null}
          <Checkbox checked={filters.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })} className="toolbar-check">
            {t('suggestions.list.onlyOverdue')}
          </Checkbox>
        </ListToolbar>
        <CursorTable<SuggestionSummary>
          list={list}
          columns={columns}
          scrollX={1000}
          rowClassName={(s) => (s.overdue ? 'sug-row-overdue' : '')}
          emptyText={filtered ? t('suggestions.list.empty') : t('suggestions.list.emptyAll')}
        />
      </Card>
    </div>
  );
}
