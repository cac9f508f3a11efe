/** 承办单位: the departments that handle cases in the district. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { departmentsApi } from '../../api/resources.ts';
import type { Department } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { ContactCell } from '../../components/ContactCell.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { EntityActions } from '../../components/EntityActions.tsx';
import { ListToolbar, StatusFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useRecordDialog } from '../../hooks/useRecordDialog.ts';
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
  const dialog = useRecordDialog<Department>(list);
  const { edit } = dialog;

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
          <EntityActions
            record={d}
            name={d.name}
            onEdit={() => edit(d)}
            onSetActive={(a) => departmentsApi.setActive(d.id, d.version, a)}
            onDone={list.reload}
          />
        ),
      },
    ],
    [t, i18n.language, sort, list.reload, edit],
  );

  return (
    <div className="page">
      <PageHeader
        title={t('departments.title')}
        subtitle={t('departments.subtitle')}
        extra={
          <Space wrap>
            <ExportButton path="/departments" query={{ q, active, sort: sort.value }} />
            {hasRole('admin') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={dialog.create}>
                {t('departments.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card variant="borderless">
        <ListToolbar searchPlaceholder={t('departments.searchPlaceholder')} searchWidth={260} onSearch={setQ} onRefresh={list.reload}>
          <StatusFilter value={active} onChange={setActive} width={120} />
        </ListToolbar>
        <CursorTable list={list} columns={columns} sort={sort} />
      </Card>
      <DepartmentForm open={dialog.open} department={dialog.record} onClose={dialog.close} onSaved={dialog.onSaved} />
    </div>
  );
}
