/** 组织概况: the stations, deputies and departments the user may see, counted from their lists. */
import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/AuthContext.tsx';
import type { DashboardData } from './dashboard-data.ts';
import { countActive } from './dashboard-data.ts';
import { StatCard } from './StatCard.tsx';

export function OrgOverview({ data }: { data: DashboardData | undefined }) {
  const { t } = useTranslation();
  const user = useUser();
  // "view all" only for those whose menu has the lists (the office)
  const listLinks = user.roles.includes('admin');
  return (
    <section className="dash-section" aria-labelledby="dash-org">
      <Typography.Title level={5} id="dash-org" className="dash-section-title">
        {t('stats.org.title')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
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
    </section>
  );
}
