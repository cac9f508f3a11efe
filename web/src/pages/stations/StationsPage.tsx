/** 联络站: the stations and rooms of the user's jurisdiction, searched, filtered, sorted and paged on the server. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { STATION_KINDS, STATION_KIND_LABELS } from '../../../../shared/org.ts';
import { stationsApi } from '../../api/resources.ts';
import type { Station } from '../../api/types.ts';
import { useAuth, useUser } from '../../auth/AuthContext.tsx';
import { ContactCell } from '../../components/ContactCell.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { EntityActions } from '../../components/EntityActions.tsx';
import { ListToolbar, StatusFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useRecordDialog } from '../../hooks/useRecordDialog.ts';
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
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [active, setActive] = useState<string | undefined>('true');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const sort = useSort('name');
  const list = useCursorList<Station>('/stations', { q, kind, active, regionCode, sort: sort.value });
  const dialog = useRecordDialog<Station>(list);

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
          <EntityActions
            record={s}
            name={s.name}
            viewTo={`/stations/${s.id}`}
            onEdit={() => dialog.edit(s)}
            onSetActive={(a) => stationsApi.setActive(s.id, s.version, a)}
            onDone={list.reload}
          />
        ),
      },
    ],
    // L follows the language through t
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, sort, list.reload, dialog.edit],
  );

  return (
    <div className="page">
      <PageHeader
        title={t('stations.title')}
        subtitle={t('stations.subtitle')}
        extra={
          <Space wrap>
            <ExportButton path="/stations" query={{ q, kind, active, regionCode, sort: sort.value }} />
            {hasRole('admin') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={dialog.create}>
                {t('stations.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card variant="borderless">
        <ListToolbar searchPlaceholder={t('stations.searchPlaceholder')} searchWidth={260} onSearch={setQ} onRefresh={list.reload}>
          <Select
            allowClear
            placeholder={t('stations.kind')}
            value={kind}
            onChange={setKind}
            style={{ width: 130 }}
            options={enumOptions(STATION_KINDS, STATION_KIND_LABELS)}
            aria-label={t('stations.kind')}
          />
          <StatusFilter value={active} onChange={setActive} width={120} />
          <RegionCascader
            rootCode={user.districtCode}
            value={regionCode}
            onChange={setRegionCode}
            showPath={false}
            placeholder={t('common.regionFilter')}
            style={{ width: 240 }}
          />
        </ListToolbar>
        <CursorTable list={list} columns={columns} sort={sort} />
      </Card>
      <StationForm open={dialog.open} station={dialog.record} onClose={dialog.close} onSaved={dialog.onSaved} />
    </div>
  );
}
