/** 办理时限: the district's default time limits and each case category's own (empty = the default). */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseCategoryOut } from '../../../../shared/cases.ts';
import { caseCategoriesApi, SLA_FIELDS, slaDefaultsApi, type SlaField } from '../../api/settings.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { ActiveToggle } from '../../components/ActiveToggle.tsx';
import { StatusFilter } from '../../components/ListToolbar.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useRecordDialog } from '../../hooks/useRecordDialog.ts';
import { isEnglish } from '../../i18n/index.ts';
import { CaseCategoryForm } from './CaseCategoryForm.tsx';
import { reloadOnConflict, useCaseCategories } from './settings-shared.ts';
import { SlaDefaultsCard } from './SlaDefaultsCard.tsx';
import './settings.css';

export function SlaSettingsPage() {
  const { t, i18n } = useTranslation();
  const { hasRole } = useAuth();
  const admin = hasRole('admin');
  const defaultsState = useAsync((signal) => slaDefaultsApi.get(signal), []);
  const defaults = defaultsState.data;
  const categories = useCaseCategories();
  const [q, setQ] = useState('');
  const [active, setActive] = useState<string | undefined>('true');
  const dialog = useRecordDialog<CaseCategoryOut>({ reload: categories.reload, reset: categories.reload });
  const { edit } = dialog;

  const shown = useMemo(
    () => categories.items.filter((c) => (!q || c.name.includes(q)) && (active === undefined || String(c.active) === active)),
    [categories.items, q, active],
  );

  const columns = useMemo<ColumnsType<CaseCategoryOut>>(() => {
    const limit = (f: SlaField) => (v: number | null) =>
      v === null ? (
        <Typography.Text type="secondary">{defaults ? t('settings.sla.usesDefault', { n: defaults[f] }) : t('settings.sla.usesDefaultBare')}</Typography.Text>
      ) : (
        <span className="sla-override">
          <b>{v}</b> {t('settings.common.workingDaysUnit')}
        </span>
      );
    return [
      { title: t('settings.sla.categoryName'), dataIndex: 'name', width: 180, render: (n: string) => <span className="cell-strong">{n}</span> },
      ...SLA_FIELDS.map((f) => ({ title: t(`settings.sla.fields.${f}`), dataIndex: f, key: f, width: 150, render: limit(f) })),
      { title: t('common.status'), dataIndex: 'active', width: 80, render: (a: boolean) => <StatusTag active={a} /> },
      ...(admin
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: isEnglish(i18n.language) ? 170 : 120,
              fixed: 'right' as const,
              render: (_: unknown, c: CaseCategoryOut) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => edit(c)}>
                    {t('common.edit')}
                  </Button>
                  <ActiveToggle
                    active={c.active}
                    name={c.name}
                    onToggle={(a) => reloadOnConflict(caseCategoriesApi.setActive(c.id, c.version, a), categories.reload)}
                    onDone={categories.reload}
                  />
                </Space>
              ),
            },
          ]
        : []),
    ];
  }, [t, i18n.language, defaults, admin, edit, categories.reload]);

  return (
    <div className="page">
      <PageHeader
        crumbs={[{ title: t('settings.crumb') }, { title: t('settings.sla.title') }]}
        title={t('settings.sla.title')}
        subtitle={
          <>
            {t('settings.sla.subtitle')} <Link to="/settings/calendar">{t('settings.sla.calendarLink')}</Link>
          </>
        }
      />
      <SlaDefaultsCard
        defaults={defaults}
        error={defaultsState.error}
        reload={defaultsState.reload}
        canEdit={admin}
        onSaved={defaultsState.reload}
      />
      <Card
        variant="borderless"
        className="settings-block"
        title={t('settings.sla.categoriesTitle')}
        extra={
          admin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={dialog.create}>
              {t('settings.sla.createCategory')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" className="settings-card-lead">
          {t('settings.sla.categoriesLead')}
        </Typography.Paragraph>
        <div className="toolbar">
          <Input.Search allowClear placeholder={t('settings.sla.searchPlaceholder')} onSearch={(v) => setQ(v.trim())} style={{ width: 220 }} aria-label={t('common.search')} />
          <StatusFilter value={active} onChange={setActive} width={120} />
          <span className="toolbar-spacer" />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={categories.reload} aria-label={t('common.refresh')} />
          </Tooltip>
        </div>
        {categories.error ? (
          <LoadError error={categories.error} onRetry={categories.reload} />
        ) : (
          <Table<CaseCategoryOut>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={shown}
            loading={categories.loading}
            pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 960 }}
            rowClassName={(c) => (c.active ? '' : 'row-inactive')}
          />
        )}
      </Card>
      {admin ? (
        <CaseCategoryForm
          open={dialog.open}
          category={dialog.record}
          defaults={defaults}
          onClose={dialog.close}
          onSaved={dialog.onSaved}
          onConflict={categories.reload}
        />
      ) : null}
    </div>
  );
}
