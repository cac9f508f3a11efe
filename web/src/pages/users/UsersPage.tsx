/** 账号管理: staff, deputy and department accounts of the district (admin only). */
import { MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, ROLE_LABELS } from '../../../../shared/org.ts';
import { usersApi } from '../../api/resources.ts';
import type { Station, User } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { EntityActions } from '../../components/EntityActions.tsx';
import { ListToolbar, StatusFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useRecordDialog } from '../../hooks/useRecordDialog.ts';
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
  const dialog = useRecordDialog<User>(list);
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
            <EntityActions
              record={u}
              name={u.displayName}
              canToggle={!self}
              onEdit={() => dialog.edit(u)}
              onSetActive={(a) => usersApi.setActive(u.id, u.version, a)}
              onDone={list.reload}
            >
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
            </EntityActions>
          );
        },
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, list.reload, me.id, dialog.edit],
  );

  return (
    <div className="page">
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Space wrap>
            <ExportButton path="/users" query={{ q, role, stationId, active }} />
            <Button type="primary" icon={<PlusOutlined />} onClick={dialog.create}>
              {t('users.create')}
            </Button>
          </Space>
        }
      />
      <Card variant="borderless">
        <ListToolbar searchPlaceholder={t('users.searchPlaceholder')} searchWidth={240} onSearch={setQ} onRefresh={list.reload}>
          <Select allowClear placeholder={t('users.roles')} value={role} onChange={setRole} style={{ width: 200 }} options={enumOptions(ROLES, ROLE_LABELS)} aria-label={t('users.roles')} />
          <RemoteSelect<Station>
            path="/stations"
            toOption={(s) => ({ value: s.id, label: s.name })}
            value={stationId}
            onChange={(v) => setStationId(typeof v === 'string' ? v : undefined)}
            placeholder={t('users.station')}
            style={{ width: 200 }}
          />
          <StatusFilter value={active} onChange={setActive} width={110} />
        </ListToolbar>
        <CursorTable list={list} columns={columns} />
      </Card>
      <UserForm open={dialog.open} user={dialog.record} onClose={dialog.close} onSaved={dialog.onSaved} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}
