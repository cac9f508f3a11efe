/** A detail page's header: the record's name with its tags and status, a subtitle, and its actions. */
import { Space } from 'antd';
import type { ComponentProps, ReactNode } from 'react';
import { PageHeader } from './PageHeader.tsx';
import { StatusTag } from './StatusTag.tsx';

interface Props {
  crumbs: ComponentProps<typeof PageHeader>['crumbs'];
  name: ReactNode;
  /** Between the name and the status. */
  tags?: ReactNode;
  active: boolean;
  subtitle?: ReactNode;
  actions: ReactNode;
}

export function RecordHeader({ crumbs, name, tags, active, subtitle, actions }: Props) {
  return (
    <PageHeader
      crumbs={crumbs}
      title={
        <Space>
          {name}
          {tags}
          <StatusTag active={active} />
        </Space>
      }
      subtitle={subtitle}
      extra={actions}
    />
  );
}
