/** 联络站: the stations and rooms of the user's jurisdiction, searched, filtered, sorted and paged on the server. */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { STATION_KINDS, STATION_KIND_LABELS } from '../../../../shared/org.ts';
import { stationsApi } from '../../api/resources.ts';
import type { Station } from '../../api/types.ts';
import { useAuth, useUser } from '../../auth/AuthContext.tsx';
import { ActiveToggle } from '../../components/ActiveToggle.tsx';
import { ContactCell } from '../../components/ContactCell.tsx';
import { CursorPager } from '../../components/CursorPager.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useSort } from '../../hooks/useSort.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useEnumOptions, useLabel } from '../../i18n/labels.ts';
import { dash, formatDate } from '../../utils/format.ts';
import { StationForm } from './StationForm.tsx';

export function StationsPage() {
  const { t, i18n } = useTranslation();
  const L = useLabel();
  const enumOptions = useEnumOptions();
  const user = useUser();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [active, setActive] = useState<string | undefined>('true');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const sort = useSort('name');
  const list = useCursorList<Station>('/stations', { q, kind, active, regionCode, sort: sort.value });
  const [editing, setEditing] = useState<Station | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const columns = useMemo<ColumnsType<Station>>(
    () => [
      {
        title: t('stations.name'),
        dataIndex: 'name',
        key: 'name',
        sorter: true,
        sortOrder: sort.orderOf('name'),
        width: 240,
        render: (_: unknown, s) => (
          <Space orientation="vertical" size={0}>
            <Link to={`/stations/${s.id}`} className="cell-strong">
              {s.name}
            </Link>
            {s.parentName ? <Typography.Text type="secondary" className="cell-sub">{t('stations.roomOf', { name: s.parentName })}</Typography.Text> : null}
          </Space>
        ),
      },
      {
        title: t('stations.kind'),
        dataIndex: 'kind',
        width: 84,
        render: (k: Station['kind']) => <Tag color={k === 'station' ? 'red' : 'gold'}>{L(STATION_KIND_LABELS, k)}</Tag>,
      },
      {
        title: t('stations.regionAndAddress'),
        key: 'where',
        ellipsis: true,
        render: (_: unknown, s) => (
          <div className="cell-two-lines">
            <div>{dash(s.regionName)}</div>
            <Typography.Text type="secondary" className="cell-sub" title={s.address ?? undefined}>
              {dash(s.address)}
            </Typography.Text>
          </div>
        ),
      },
      {
        title: t('common.contact'),
        key: 'contact',
        width: 130,
        render: (_: unknown, s) => <ContactCell name={s.contactName} phone={s.contactPhone} />,
      },
      { title: t('stations.rooms'), dataIndex: 'roomCount', width: 72, align: 'right' },
      { title: t('stations.deputies'), dataIndex: 'deputyCount', width: 64, align: 'right' },
      { title: t('common.status'), dataIndex: 'active', width: 76, render: (a: boolean) => <StatusTag active={a} /> },
      {
        title: t('common.createdAt'),
        dataIndex: 'createdAt',
        key: 'createdAt',
        width: 112,
        sorter: true,
        sortOrder: sort.orderOf('createdAt'),
        render: formatDate,
      },
      {
        title: t('common.actions'),
        key: 'actions',
        width: isEnglish(i18n.language) ? 220 : 150,
        fixed: 'right',
        render: (_: unknown, s) => (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => navigate(`/stations/${s.id}`)}>
              {t('common.view')}
            </Button>
            {s.abilities?.update ? (
              <Button
                type="link"
                size="small"
                onClick={() => {
                  setEditing(s);
                  setFormOpen(true);
                }}
              >
                {t('common.edit')}
              </Button>
            ) : null}
            {s.abilities?.deactivate ? (
              <ActiveToggle active={s.active} name={s.name} onToggle={(a) => stationsApi.setActive(s.id, s.version, a)} onDone={list.reload} />
            ) : null}
          </Space>
        ),
      },
    ],
    // L follows the language through t
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, sort, list.reload, navigate],
  );

  return (
    <div className="page">
      <PageHeader
        title={t('stations.title')}
        subtitle={t('stations.subtitle')}
        extra={
          hasRole('admin') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
            >
              {t('stations.create')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <div className="toolbar">
          <Input.Search
            allowClear
            placeholder={t('stations.searchPlaceholder')}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 260 }}
            aria-label={t('common.search')}
          />
          <Select
            allowClear
            placeholder={t('stations.kind')}
            value={kind}
            onChange={setKind}
            style={{ width: 130 }}
            options={enumOptions(STATION_KINDS, STATION_KIND_LABELS)}
            aria-label={t('stations.kind')}
          />
          <Select
            allowClear
            placeholder={t('common.status')}
            value={active}
            onChange={setActive}
            style={{ width: 120 }}
            options={[
              { value: 'true', label: t('common.active') },
              { value: 'false', label: t('common.inactive') },
            ]}
            aria-label={t('common.status')}
          />
          <RegionCascader
            rootCode={user.districtCode}
            value={regionCode}
            onChange={setRegionCode}
            showPath={false}
            placeholder={t('common.regionFilter')}
            style={{ width: 240 }}
          />
          <span className="toolbar-spacer" />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />
          </Tooltip>
        </div>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <>
            <Table<Station>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.items}
              loading={list.loading}
              pagination={false}
              onChange={(_p, _f, sorter) => sort.onTableChange(sorter)}
              scroll={{ x: 1100 }}
              rowClassName={(s) => (s.active ? '' : 'row-inactive')}
            />
            <CursorPager list={list} />
          </>
        )}
      </Card>
      <StationForm
        open={formOpen}
        station={editing}
        onClose={() => setFormOpen(false)}
        onSaved={() => {
          setFormOpen(false);
          if (editing) list.reload();
          else list.reset();
        }}
      />
    </div>
  );
}
