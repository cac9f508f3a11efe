/** 账号管理: staff, deputy and department accounts of the district (admin only). */
import { MoreOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, ROLE_LABELS } from '../../../../shared/org.ts';
import { usersApi } from '../../api/resources.ts';
import type { Station, User } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { ActiveToggle } from '../../components/ActiveToggle.tsx';
import { CursorPager } from '../../components/CursorPager.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useEnumOptions, useLabel } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { dash, formatDateTime } from '../../utils/format.ts';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserForm } from './UserForm.tsx';

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const L = useLabel();
  const enumOptions = useEnumOptions();
  const me = useUser();
  const { message, modal } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [stationId, setStationId] = useState<string | undefined>();
  const [active, setActive] = useState<string | undefined>('true');
  const list = useCursorList<User>('/users', { q, role, stationId, active });
  const [editing, setEditing] = useState<User | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const revoke = (u: User) =>
    modal.confirm({
      title: t('users.revokeTitle'),
      content: t('users.revokeConfirm', { name: u.displayName }),
      okText: t('users.revokeSessions'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await usersApi.revokeSessions(u.id);
          void message.success(t('users.revoked', { count: r.revoked }));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });

  const columns = useMemo<ColumnsType<User>>(
    () => [
      {
        title: t('users.displayName'),
        dataIndex: 'displayName',
        width: 150,
        render: (_: unknown, u) => (
          <Space orientation="vertical" size={0}>
            <span className="cell-strong">{u.displayName}</span>
            <Typography.Text type="secondary" className="cell-sub">
              {u.username}
            </Typography.Text>
          </Space>
        ),
      },
      {
        title: t('users.roles'),
        dataIndex: 'roles',
        render: (rs: User['roles']) => (
          <Space size={[0, 4]} wrap>
            {rs.map((r) => (
              <Tag key={r} color={r === 'admin' ? 'red' : 'default'}>
                {L(ROLE_LABELS, r)}
              </Tag>
            ))}
          </Space>
        ),
      },
      {
        title: t('users.belongsTo'),
        key: 'belongs',
        render: (_: unknown, u) => [u.stationName, u.departmentName, u.deputyName].filter(Boolean).join(' · ') || '—',
      },
      { title: t('users.phone'), dataIndex: 'phone', width: 140, render: dash },
      { title: t('common.status'), dataIndex: 'active', width: 80, render: (a: boolean) => <StatusTag active={a} /> },
      { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: formatDateTime },
      {
        title: t('common.actions'),
        key: 'actions',
        width: isEnglish(i18n.language) ? 230 : 170,
        fixed: 'right',
        render: (_: unknown, u) => {
          const can = u.abilities ?? {};
          const self = u.id === me.id;
          const more = [
            ...(can.resetPassword ?? can.update ? [{ key: 'reset', label: t('users.resetPassword') }] : []),
            ...(can.revokeSessions ?? can.update ? [{ key: 'revoke', label: t('users.revokeSessions') }] : []),
          ];
          return (
            <Space size={0}>
              {can.update ? (
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    setEditing(u);
                    setFormOpen(true);
                  }}
                >
                  {t('common.edit')}
                </Button>
              ) : null}
              {can.deactivate && !self ? (
                <ActiveToggle active={u.active} name={u.displayName} onToggle={(a) => usersApi.setActive(u.id, u.version, a)} onDone={list.reload} />
              ) : null}
              {more.length ? (
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: more,
                    onClick: ({ key }) => (key === 'reset' ? setResetting(u) : revoke(u)),
                  }}
                >
                  <Button type="link" size="small" icon={<MoreOutlined />} aria-label={t('common.more')} />
                </Dropdown>
              ) : null}
            </Space>
          );
        },
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, list.reload, me.id],
  );

  return (
    <div className="page">
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setFormOpen(true);
            }}
          >
            {t('users.create')}
          </Button>
        }
      />
      <Card variant="borderless">
        <div className="toolbar">
          <Input.Search allowClear placeholder={t('users.searchPlaceholder')} onSearch={(v) => setQ(v.trim())} style={{ width: 240 }} aria-label={t('common.search')} />
          <Select allowClear placeholder={t('users.roles')} value={role} onChange={setRole} style={{ width: 200 }} options={enumOptions(ROLES, ROLE_LABELS)} aria-label={t('users.roles')} />
          <RemoteSelect<Station>
            path="/stations"
            toOption={(s) => ({ value: s.id, label: s.name })}
            value={stationId}
            onChange={(v) => setStationId(typeof v === 'string' ? v : undefined)}
            placeholder={t('users.station')}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            placeholder={t('common.status')}
            value={active}
            onChange={setActive}
            style={{ width: 110 }}
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
            <Table<User>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.items}
              loading={list.loading}
              pagination={false}
              scroll={{ x: 1100 }}
              rowClassName={(u) => (u.active ? '' : 'row-inactive')}
            />
            <CursorPager list={list} />
          </>
        )}
      </Card>
      <UserForm
        open={formOpen}
        user={editing}
        onClose={() => setFormOpen(false)}
        onSaved={() => {
          setFormOpen(false);
          if (editing) list.reload();
          else list.reset();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}
