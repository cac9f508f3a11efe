import { Card, Skeleton, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Loaded } from './dashboard-data.ts';

interface Props<T> {
  title: string;
  icon: ReactNode;
  data: Loaded<T> | undefined;
  value: (items: T[]) => number;
  detail: (items: T[]) => ReactNode;
  to?: string;
}

export function StatCard<T>({ title, icon, data, value, detail, to }: Props<T>) {
  const { t } = useTranslation();
  let body: ReactNode;
  if (!data) body = <Skeleton active paragraph={{ rows: 1 }} title={false} />;
  else if (data.state === 'ok')
    body = (
      <>
        <Statistic value={value(data.items)} prefix={data.truncated ? '≥' : undefined} styles={{ content: { fontSize: 30, fontWeight: 600 } }} />
        <Typography.Text type="secondary" className="stat-detail">
          {detail(data.items)}
        </Typography.Text>
      </>
    );
  else
    body = (
      <>
        <Statistic value="—" styles={{ content: { fontSize: 30, color: '#bbb' } }} />
        <Typography.Text type="secondary" className="stat-detail">
          {data.state === 'forbidden' ? t('dashboard.notInScope') : t('errors.loadFailed')}
        </Typography.Text>
      </>
    );
  return (
    <Card className="stat-card" variant="borderless">
      <div className="stat-card-head">
        <span className="stat-icon">{icon}</span>
        <span className="stat-title">{title}</span>
        {to && data?.state === 'ok' ? (
          <Link to={to} className="stat-link">
            {t('dashboard.viewAll')}
          </Link>
        ) : null}
      </div>
      {body}
    </Card>
  );
}
