/** For a deputy or a department handler: their own record, as the register holds it. */
import { Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DEPUTY_LEVEL_LABELS } from '../../../../shared/org.ts';
import type { Department, Deputy } from '../../api/types.ts';
import { useLabel } from '../../i18n/labels.ts';
import { dash } from '../../utils/format.ts';

export function MyRecordCard({ deputy, department }: { deputy: Deputy | null; department: Department | null }) {
  const { t } = useTranslation();
  const L = useLabel();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', marginTop: 16 }}>
      {deputy ? (
        <Card variant="borderless" title={t('dashboard.myDeputy')} extra={<Link to={`/deputies/${deputy.id}`}>{t('common.detail')}</Link>}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: 'name', label: t('deputies.name'), children: deputy.name },
              { key: 'level', label: t('deputies.level'), children: L(DEPUTY_LEVEL_LABELS, deputy.level) },
              { key: 'term', label: t('deputies.term'), children: dash(deputy.term) },
              {
                key: 'stations',
                label: t('deputies.stations'),
                children: deputy.stations.length ? deputy.stations.map((s) => <Tag key={s.id}>{s.name}</Tag>) : '—',
              },
              { key: 'expertise', label: t('deputies.expertise'), children: deputy.expertise.length ? deputy.expertise.map((e) => <Tag key={e}>{e}</Tag>) : '—' },
            ]}
          />
        </Card>
      ) : null}
      {department ? (
        <Card variant="borderless" title={t('dashboard.myDepartment')} extra={<Link to={`/departments/${department.id}`}>{t('common.detail')}</Link>}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: 'name', label: t('departments.name'), children: department.name },
              { key: 'region', label: t('common.region'), children: dash(department.regionName) },
              { key: 'contact', label: t('common.contact'), children: [department.contactName, department.contactPhone].filter(Boolean).join(' ') || '—' },
              {
                key: 'categories',
                label: t('departments.categories'),
                children: department.categories.length ? department.categories.map((c) => <Tag key={c}>{c}</Tag>) : '—',
              },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
