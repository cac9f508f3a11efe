/** One station: its record, its rooms and its deputies; edit, add a room, deactivate. */
import { EnvironmentOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { DEPUTY_LEVEL_LABELS, STATION_KIND_LABELS } from '../../../../shared/org.ts';
import { stationsApi } from '../../api/resources.ts';
import type { Station } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { EntityActions } from '../../components/EntityActions.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { RecordHeader } from '../../components/RecordHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { dash, formatDateTime } from '../../utils/format.ts';
import { StationForm } from './StationForm.tsx';

export function StationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const L = useLabel();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const { data: s, loading, error, reload } = useAsync((signal) => stationsApi.get(id, signal), [id]);
  const [form, setForm] = useState<{ station: Station | null; room: boolean } | null>(null);

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!s) return <Skeleton active className="page" />;

  const isAdmin = hasRole('admin');
  return (
    <div className="page">
      <RecordHeader
        crumbs={[{ title: t('menu.stations'), to: '/stations' }, { title: s.name }]}
        name={s.name}
        tags={<Tag color={s.kind === 'station' ? 'red' : 'gold'}>{L(STATION_KIND_LABELS, s.kind)}</Tag>}
        active={s.active}
        subtitle={s.parentName ? t('stations.roomOf', { name: s.parentName }) : s.regionName}
        actions={
          <Space wrap>
            {/* 标准化建设 (八有/五有): everyone at a station reads it; department handlers do not */}
            {hasRole('admin', 'station', 'liaison', 'deputy') ? (
              <Button icon={<SafetyCertificateOutlined />} onClick={() => navigate(`/stations/${s.id}/standards`)}>
                {t('standards.stationLink', { set: t(`standards.sets.${s.kind}`) })}
              </Button>
            ) : null}
            <EntityActions
              variant="header"
              record={s}
              name={s.name}
              onEdit={() => setForm({ station: s, room: false })}
              onSetActive={(a) => stationsApi.setActive(s.id, s.version, a)}
              onDone={reload}
            />
          </Space>
        }
      />
      <Card variant="borderless" loading={loading && !s}>
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'region', label: t('common.region'), children: dash(s.regionName) },
            { key: 'address', label: t('common.address'), children: dash(s.address) },
            {
              key: 'location',
              label: t('stations.location'),
              children: s.location ? (
                <Space size={4}>
                  <EnvironmentOutlined />
                  {`${s.location.lat.toFixed(6)}, ${s.location.lng.toFixed(6)}`}
                </Space>
              ) : (
                '—'
              ),
            },
            { key: 'hours', label: t('stations.openingHours'), children: dash(s.openingHours) },
            { key: 'contactName', label: t('common.contactName'), children: dash(s.contactName) },
            { key: 'contactPhone', label: t('common.contactPhone'), children: dash(s.contactPhone) },
            ...(s.parentId
              ? [{ key: 'parent', label: t('stations.parent'), children: <Link to={`/stations/${s.parentId}`}>{s.parentName ?? s.parentId}</Link> }]
              : []),
            { key: 'created', label: t('common.createdAt'), children: formatDateTime(s.createdAt) },
            { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(s.updatedAt) },
            { key: 'description', label: t('stations.description'), span: 'filled', children: <span className="pre-wrap">{dash(s.description)}</span> },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {s.kind === 'station' ? (
          <Col xs={24} xl={14}>
            <Card
              variant="borderless"
              title={t('stations.roomsTitle', { count: s.rooms.length })}
              extra={
                isAdmin ? (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setForm({ station: null, room: true })}>
                    {t('stations.createRoom')}
                  </Button>
                ) : null
              }
            >
              <Table<Station>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={s.rooms}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stations.noRooms')} /> }}
                columns={[
                  { title: t('stations.name'), dataIndex: 'name', render: (_: unknown, r) => <Link to={`/stations/${r.id}`}>{r.name}</Link> },
                  { title: t('common.address'), dataIndex: 'address', render: dash, ellipsis: true },
                  { title: t('stations.deputies'), dataIndex: 'deputyCount', width: 80, align: 'right' },
                  { title: t('common.status'), dataIndex: 'active', width: 80, render: (a: boolean) => <StatusTag active={a} /> },
                ]}
              />
            </Card>
          </Col>
        ) : null}
        <Col xs={24} xl={s.kind === 'station' ? 10 : 24}>
          <Card variant="borderless" title={t('stations.deputiesTitle', { count: s.deputies.length })}>
            {s.deputies.length ? (
              <List
                size="small"
                dataSource={s.deputies}
                renderItem={(d) => (
                  <List.Item>
                    <Link to={`/deputies/${d.id}`}>{d.name}</Link>
                    <Typography.Text type="secondary">{L(DEPUTY_LEVEL_LABELS, d.level)}</Typography.Text>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stations.noDeputies')} />
            )}
          </Card>
        </Col>
      </Row>
      <StationForm
        open={!!form}
        station={form?.station ?? null}
        defaults={form?.room ? { kind: 'room', parentId: s.id, parentName: s.name, regionCode: s.regionCode } : undefined}
        onClose={() => setForm(null)}
        onSaved={() => {
          setForm(null);
          reload();
        }}
      />
    </div>
  );
}
