import { Breadcrumb, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

interface Props {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  crumbs?: { title: ReactNode; to?: string }[];
}

export function PageHeader({ title, subtitle, extra, crumbs }: Props) {
  return (
    <div className="page-header">
      {crumbs?.length ? (
        <Breadcrumb
          className="page-crumbs"
          items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        />
      ) : null}
      <div className="page-header-row">
        <div>
          <Typography.Title level={3} className="page-title">
            {title}
          </Typography.Title>
          {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        </div>
        {extra ? <div className="page-header-extra">{extra}</div> : null}
      </div>
    </div>
  );
}
