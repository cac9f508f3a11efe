/**
 * 检查项目: the district's checklist (八有 for stations, 五有 for rooms). The district office adds,
 * edits, deactivates and activates items; a deactivated item leaves the checklists and the coverage
 * view, its evidence is kept and comes back on activation. Other roles read it.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationKind } from '../../../../shared/org.ts';
import type { StandardItemOut } from '../../../../shared/standards.ts';
import { standardItemsApi } from '../../api/standards.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { ActiveToggle } from '../../components/ActiveToggle.tsx';
import { StatusFilter } from '../../components/ListToolbar.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { isEnglish } from '../../i18n/index.ts';
import { formatDateTime } from '../../utils/format.ts';
import { StandardItemForm } from './StandardItemForm.tsx';
import { isConflict } from './standards-shared.tsx';
import './standards.css';

type KindFilter = 'all' | StationKind;

export function StandardItemsPage() {
  const { t, i18n } = useTranslation();
  const { hasRole } = useAuth();
  const admin = hasRole('admin');
  const [active, setActive] = useState<string | undefined>();
  const [kind, setKind] = useState<KindFilter>('all');
  const { data, error, loading, reload } = useAsync(
    (signal) => standardItemsApi.list({ active, kind: kind === 'all' ? undefined : kind }, signal).then((r) => r.items),
    [active, kind],
  );
  const [dialog, setDialog] = useState<{ item: StandardItemOut | null } | null>(null);

  const columns = useMemo<ColumnsType<StandardItemOut>>(
    () => [
      { title: t('standards.items.sort'), dataIndex: 'sort', width: 72, align: 'right', className: 'std-sort-cell' },
      {
        title: t('standards.items.name'),
        key: 'name',
        render: (_: unknown, it) => (
          <div className="std-item-cell">
            <Space size={6} wrap>
              <span className="cell-strong">{it.name}</span>
              <Typography.Text type="secondary" className="std-code" copyable={false}>
                {it.code}
              </Typography.Text>
            </Space>
            {it.description ? (
              <Typography.Paragraph type="secondary" className="std-item-desc" ellipsis={{ rows: 2, tooltip: it.description }}>
                {it.description}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      },
      {
        title: t('standards.items.appliesTo'),
        dataIndex: 'appliesTo',
        width: isEnglish(i18n.language) ? 230 : 170,
        render: (kinds: StationKind[]) => (
          <Space size={[4, 4]} wrap>
            {kinds.map((k) => (
              <Tag key={k} color={k === 'station' ? 'red' : 'gold'} variant="outlined">
                {t(`standards.kindSet.${k}`)}
              </Tag>
            ))}
          </Space>
        ),
      },
      { title: t('common.status'), dataIndex: 'active', width: 80, render: (a: boolean) => <StatusTag active={a} /> },
      { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 140, render: formatDateTime, responsive: ['lg'] },
      ...(admin
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: isEnglish(i18n.language) ? 170 : 120,
              fixed: 'right' as const,
              render: (_: unknown, it: StandardItemOut) => (
                <Space size={0}>
                  {it.abilities.update ? (
                    <Button type="link" size="small" onClick={() => setDialog({ item: it })}>
                      {t('common.edit')}
                    </Button>
                  ) : null}
                  {it.abilities.deactivate ? (
                    <ActiveToggle
                      active={it.active}
                      name={it.name}
                      onToggle={(a) =>
                        standardItemsApi.setActive(it.id, it.version, a).catch((err: unknown) => {
                          if (isConflict(err)) reload();
                          throw err;
                        })
                      }
                      onDone={reload}
                    />
                  ) : null}
                </Space>
              ),
            },
          ]
        : []),
    ],
    [t, i18n.language, admin, reload],
  );

  return (
    <div className="page std-items">
      <PageHeader
        crumbs={[{ title: t('standards.crumb') }, { title: t('standards.items.title') }]}
        title={t('standards.items.title')}
        subtitle={t('standards.items.subtitle')}
        extra={
          admin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ item: null })}>
              {t('standards.items.create')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <Alert type="info" showIcon className="std-alert" title={t('standards.items.how')} />
        <div className="toolbar">
          <Segmented<KindFilter>
            value={kind}
            onChange={setKind}
            options={(['all', 'station', 'room'] as KindFilter[]).map((k) => ({ value: k, label: t(`standards.items.kind.${k}`) }))}
            aria-label={t('standards.items.appliesTo')}
          />
          <StatusFilter value={active} onChange={setActive} width={120} />
          <span className="toolbar-spacer" />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </Tooltip>
        </div>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<StandardItemOut>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={data ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: 720 }}
            rowClassName={(it) => (it.active ? '' : 'row-inactive')}
            locale={{ emptyText: loading ? ' ' : t('standards.items.empty') }}
          />
        )}
      </Card>
      {admin ? (
        <StandardItemForm
          open={!!dialog}
          item={dialog?.item ?? null}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
          onConflict={reload}
        />
      ) : null}
    </div>
  );
}
