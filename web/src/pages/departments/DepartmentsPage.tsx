/** 承办单位: the departments that handle cases in the district. */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { departmentsApi } from '../../api/resources.ts';
import type { Department } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { ActiveToggle } from '../../components/ActiveToggle.tsx';
import { ContactCell } from '../../components/ContactCell.tsx';
import { CursorPager } from '../../components/CursorPager.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useSort } from '../../hooks/useSort.ts';
import { dash, formatDate } from '../../utils/format.ts';
import { DepartmentForm } from './DepartmentForm.tsx';

export function DepartmentsPage() {
  const { t, i18n } = useTranslation();
  const { hasRole } = useAuth();
  const [q, setQ] = useState('');
  const [active, setActive] = useState<string | undefined>('true');
  const sort = useSort('name');
  const list = useCursorList<Department>('/departments', { q, active, sort: sort.value });
  const [editing, setEditing] = useState<Department | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const columns = useMemo<ColumnsType<Department>>(
    () => [
      {
        title: t('departments.name'),
        dataIndex: 'name',
        key: 'name',
        sorter: true,
        sortOrder: sort.orderOf('name'),
        width: 240,
        render: (_: unknown, d) => (
          <Link to={`/departments/${d.id}`} className="cell-strong">
            {d.name}
          </Link>
        ),
      },
      { title: t('departments.shortName'), dataIndex: 'shortName', width: 120, render: dash },
      { title: t('departments.jurisdiction'), dataIndex: 'regionName', width: 130, render: dash },
      {
        title: t('departments.categories'),
        dataIndex: 'categories',
        render: (cs: string[]) =>
          cs.length ? (
            <Space size={[0, 4]} wrap>
              {cs.map((c) => (
                <Tag key={c}>{c}</Tag>
              ))}
            </Space>
          ) : (
            '—'
          ),
      },
      {
        title: t('common.contact'),
        key: 'contact',
        width: 150,
        render: (_: unknown, d) => <ContactCell name={d.contactName} phone={d.contactPhone} />,
      },
      { title: t('common.status'), dataIndex: 'active', width: 80, render: (a: boolean) => <StatusTag active={a} /> },
      { title: t('common.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 112, sorter: true, sortOrder: sort.orderOf('createdAt'), render: formatDate },
      {
        title: t('common.actions'),
        key: 'actions',
        width: isEnglish(i18n.language) ? 180 : 120,
        fixed: 'right',
        render: (_: unknown, d) => (
          <Space size={0}>
            {d.abilities?.update ? (
              <Button
                type="link"
                size="small"
                onClick={() => {
                  setEditing(d);
                  setFormOpen(true);
                }}
              >
                {t('common.edit')}
              </Button>
            ) : null}
            {d.abilities?.deactivate ? (
              <ActiveToggle active={d.active} name={d.name} onToggle={(a) => departmentsApi.setActive(d.id, d.version, a)} onDone={list.reload} />
            ) : null}
          </Space>
        ),
      },
    ],
    [t, i18n.language, sort, list.reload],
  );

  return (
    <div className="page">
      <PageHeader
        title={t('departments.title')}
        subtitle={t('departments.subtitle')}
        extra={
          hasRole('admin') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
            >
              {t('departments.create')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <div className="toolbar">
          <Input.Search allowClear placeholder={t('departments.searchPlaceholder')} onSearch={(v) => setQ(v.trim())} style={{ width: 260 }} aria-label={t('common.search')} />
          <Select
            allowClear
            placeholder={t('common.status')}
            value={active}
            onChange={setActive}
            style={{ width: 120 }}
            options={[
              { value: 'true', label: t('common.active') },
              { value: 'false', label: t('common.inactive') },
            ]}
            aria-label={t('common.status')}
          />
          <span className="toolbar-spacer" />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />
          </Tooltip>
        </div>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <>
            <Table<Department>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.items}
              loading={list.loading}
              pagination={false}
              onChange={(_p, _f, sorter) => sort.onTableChange(sorter)}
              scroll={{ x: 1100 }}
              rowClassName={(d) => (d.active ? '' : 'row-inactive')}
            />
            <CursorPager list={list} />
          </>
        )}
      </Card>
      <DepartmentForm
        open={formOpen}
        department={editing}
        onClose={() => setFormOpen(false)}
        onSaved={() => {
          setFormOpen(false);
          if (editing) list.reload();
          else list.reset();
        }}
      />
    </div>
  );
}
