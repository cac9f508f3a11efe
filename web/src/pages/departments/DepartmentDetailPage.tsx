/** One department's record (also "本单位" for a department handler). */
import { Card, Descriptions, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { departmentsApi } from '../../api/resources.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { EntityActions } from '../../components/EntityActions.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { RecordHeader } from '../../components/RecordHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { dash, formatDateTime } from '../../utils/format.ts';
import { DepartmentForm } from './DepartmentForm.tsx';
import { DepartmentWebhookCard } from './DepartmentWebhookCard.tsx';

export function DepartmentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user, hasRole } = useAuth();
  const { data: d, error, reload } = useAsync((signal) => departmentsApi.get(id, signal), [id]);
  const [editing, setEditing] = useState(false);

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!d) return <Skeleton active className="page" />;
  const mine = user?.departmentId === d.id;

  return (
    <div className="page">
      <RecordHeader
        crumbs={mine ? [{ title: t('menu.myDepartment') }] : [{ title: t('menu.departments'), to: '/departments' }, { title: d.name }]}
        name={d.name}
        active={d.active}
        subtitle={d.shortName ?? undefined}
        actions={
          <EntityActions
            variant="header"
            record={d}
            name={d.name}
            onEdit={() => setEditing(true)}
            onSetActive={(a) => departmentsApi.setActive(d.id, d.version, a)}
            onDone={reload}
          />
        }
      />
      <Card variant="borderless">
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'short', label: t('departments.shortName'), children: dash(d.shortName) },
            { key: 'region', label: t('departments.jurisdiction'), children: dash(d.regionName) },
            { key: 'address', label: t('common.address'), children: dash(d.address) },
            { key: 'contactName', label: t('common.contactName'), children: dash(d.contactName) },
            { key: 'contactPhone', label: t('common.contactPhone'), children: dash(d.contactPhone) },
            { key: 'created', label: t('common.createdAt'), children: formatDateTime(d.createdAt) },
            {
              key: 'categories',
              label: t('departments.categories'),
              span: 'filled',
              children: d.categories.length ? d.categories.map((c) => <Tag key={c}>{c}</Tag>) : '—',
            },
          ]}
        />
      </Card>
      {/* The office only; keyed by the version, so it re-reads after the department itself changed. */}
      {hasRole('admin') && <DepartmentWebhookCard key={d.version} departmentId={d.id} onChanged={reload} />}
      <DepartmentForm
        open={editing}
        department={d}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          reload();
        }}
      />
    </div>
  );
}
