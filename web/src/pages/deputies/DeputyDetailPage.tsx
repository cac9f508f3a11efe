/** One deputy's record (also "我的信息" for a deputy). */
import { Card, Descriptions, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { DEPUTY_LEVEL_LABELS, GENDER_LABELS } from '../../../../shared/org.ts';
import { deputiesApi } from '../../api/resources.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { EntityActions } from '../../components/EntityActions.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { RecordHeader } from '../../components/RecordHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { dash, formatDateTime } from '../../utils/format.ts';
import { DeputyReceptionsCard } from '../schedule/DeputyReceptionsCard.tsx';
import { DeputyForm } from './DeputyForm.tsx';
import { LEVEL_COLORS } from './level-colors.ts';

export function DeputyDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const L = useLabel();
  const { user } = useAuth();
  const { data: d, error, reload } = useAsync((signal) => deputiesApi.get(id, signal), [id]);
  const [editing, setEditing] = useState(false);

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!d) return <Skeleton active className="page" />;
  const mine = user?.deputyId === d.id;
  const term = [d.term, d.termStart || d.termEnd ? `${d.termStart ?? '?'}–${d.termEnd ?? '?'}` : null].filter(Boolean).join(' · ');

  return (
    <div className="page">
      <RecordHeader
        crumbs={mine ? [{ title: t('menu.myDeputy') }] : [{ title: t('menu.deputies'), to: '/deputies' }, { title: d.name }]}
        name={d.name}
        tags={<Tag color={LEVEL_COLORS[d.level] ?? 'default'}>{L(DEPUTY_LEVEL_LABELS, d.level)}</Tag>}
        active={d.active}
        subtitle={d.occupation ?? undefined}
        actions={
          <EntityActions
            variant="header"
            record={d}
            name={d.name}
            onEdit={() => setEditing(true)}
            onSetActive={(a) => deputiesApi.setActive(d.id, d.version, a)}
            onDone={reload}
          />
        }
      />
      <Card variant="borderless">
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'gender', label: t('deputies.gender'), children: L(GENDER_LABELS, d.gender) || '—' },
            { key: 'level', label: t('deputies.level'), children: L(DEPUTY_LEVEL_LABELS, d.level) },
            { key: 'term', label: t('deputies.term'), children: term || '—' },
            { key: 'occupation', label: t('deputies.occupation'), children: dash(d.occupation) },
            { key: 'constituency', label: t('deputies.constituency'), children: dash(d.constituency) },
            { key: 'region', label: t('common.region'), children: dash(d.regionName) },
            { key: 'phone', label: t('deputies.publicPhone'), children: dash(d.publicPhone) },
            {
              key: 'stations',
              label: t('deputies.stations'),
              children: d.stations.length
                ? d.stations.map((s) => (
                    <Tag key={s.id}>
                      <Link to={`/stations/${s.id}`}>{s.name}</Link>
                    </Tag>
                  ))
                : '—',
            },
            {
              key: 'expertise',
              label: t('deputies.expertise'),
              children: d.expertise.length
                ? d.expertise.map((e) => (
                    <Tag key={e} color="blue" variant="filled">
                      {e}
                    </Tag>
                  ))
                : '—',
            },
            { key: 'created', label: t('common.createdAt'), children: formatDateTime(d.createdAt) },
            { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(d.updatedAt) },
            { key: 'bio', label: t('deputies.bio'), span: 'filled', children: <span className="pre-wrap">{dash(d.bio)}</span> },
          ]}
        />
      </Card>
      {user?.roles.some((r) => r === 'admin' || r === 'station' || r === 'liaison' || r === 'deputy') ? <DeputyReceptionsCard deputyId={d.id} /> : null}
      <DeputyForm
        open={editing}
        deputy={d}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          reload();
        }}
      />
    </div>
  );
}
