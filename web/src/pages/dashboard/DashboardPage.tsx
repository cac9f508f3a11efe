/** 工作台: real counts from the lists the user may see, with small charts. */
import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DEPUTY_LEVEL_LABELS, ROLE_LABELS } from '../../../../shared/org.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { EChart } from '../../components/EChart.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { formatLongDate } from '../../utils/format.ts';
import { donut, horizontalBar, levelBar } from './charts.ts';
import { countActive, deputiesByLevel, deputiesPerStation, loadDashboard, topCounts } from './dashboard-data.ts';
import { MyRecordCard } from './MyRecordCard.tsx';
import { StatCard } from './StatCard.tsx';

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const L = useLabel();
  const user = useUser();
  const { data, loading } = useAsync((signal) => loadDashboard(user, signal), [user.id]);

  const stations = data?.stations.state === 'ok' ? data.stations.items : null;
  const deputies = data?.deputies.state === 'ok' ? data.deputies.items : null;

  const levelOption = useMemo(
    () =>
      deputies
        ? levelBar(
            // "全国人大代表" → "全国": the axis has room for short names; the tooltip says the rest
            deputiesByLevel(deputies).map((d) => ({ name: L(DEPUTY_LEVEL_LABELS, d.level).replace(/(人大)?代表$/, ''), value: d.count })),
            t('dashboard.deputies'),
          )
        : null,
    // L follows the language
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [deputies, i18n.language],
  );
  const perStation = useMemo(() => (stations ? deputiesPerStation(stations, 10) : []), [stations]);
  const perStationOption = useMemo(
    () => horizontalBar(perStation.map((d) => ({ name: d.name, value: d.count })), t('dashboard.deputies')),
    [perStation, t],
  );
  const expertise = useMemo(() => (deputies ? topCounts(deputies.filter((d) => d.active).flatMap((d) => d.expertise ?? []), 8) : []), [deputies]);
  const expertiseOption = useMemo(() => donut(expertise.map((e) => ({ name: e.name, value: e.count })), t('dashboard.expertise')), [expertise, t]);

  const districtPath = data?.district?.path.map((p) => p.name).join(' / ');
  // "view all" only for those whose menu has the lists (office and station staff)
  const listLinks = user.roles.includes('admin') || user.roles.includes('station');

  return (
    <div className="page dashboard">
      <Card variant="borderless" className="welcome-card">
        <div className="welcome-row">
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('dashboard.hello', { name: user.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary">{formatLongDate(new Date(), i18n.language)}</Typography.Text>
          </div>
          <Space wrap>
            {user.roles.map((r) => (
              <Tag key={r} color="red" variant="outlined">
                {L(ROLE_LABELS, r)}
              </Tag>
            ))}
            {districtPath ? (
              <Tag icon={<EnvironmentOutlined />} variant="outlined">
                {districtPath}
              </Tag>
            ) : null}
          </Space>
        </div>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            title={t('dashboard.stations')}
            icon={<BankOutlined />}
            data={data?.stations}
            to={listLinks ? '/stations' : undefined}
            value={(items) => countActive(items).active}
            detail={(items) => {
              const rooms = items.filter((s) => s.kind === 'room' && s.active).length;
              return t('dashboard.stationsDetail', { stations: countActive(items).active - rooms, rooms, inactive: countActive(items).inactive });
            }}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            title={t('dashboard.deputies')}
            icon={<TeamOutlined />}
            data={data?.deputies}
            to={listLinks ? '/deputies' : undefined}
            value={(items) => countActive(items).active}
            detail={(items) => t('dashboard.deputiesDetail', { inactive: countActive(items).inactive })}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            title={t('dashboard.departments')}
            icon={<ApartmentOutlined />}
            data={data?.departments}
            to={listLinks ? '/departments' : undefined}
            value={(items) => countActive(items).active}
            detail={(items) => t('dashboard.departmentsDetail', { inactive: countActive(items).inactive })}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            title={t('dashboard.coverage')}
            icon={<EnvironmentOutlined />}
            data={data?.stations}
            value={(items) => new Set(items.filter((s) => s.active).map((s) => s.regionCode)).size}
            detail={() => t('dashboard.coverageDetail')}
          />
        </Col>
      </Row>

      {data && (data.myDeputy || data.myDepartment) ? <MyRecordCard deputy={data.myDeputy} department={data.myDepartment} /> : null}

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={8}>
          <Card title={t('dashboard.byLevel')} variant="borderless" className="chart-card">
            {loading && !data ? <Skeleton active /> : levelOption && deputies?.length ? <EChart option={levelOption} ariaLabel={t('dashboard.byLevel')} /> : <Empty description={t('dashboard.noData')} />}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('dashboard.perStation')} variant="borderless" className="chart-card">
            {loading && !data ? <Skeleton active /> : perStation.length ? <EChart option={perStationOption} ariaLabel={t('dashboard.perStation')} /> : <Empty description={t('dashboard.noData')} />}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('dashboard.expertise')} variant="borderless" className="chart-card">
            {loading && !data ? <Skeleton active /> : expertise.length ? <EChart option={expertiseOption} ariaLabel={t('dashboard.expertise')} /> : <Empty description={t('dashboard.noData')} />}
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" className="dashboard-note">
        {t('dashboard.note')}
      </Typography.Paragraph>
    </div>
  );
}
