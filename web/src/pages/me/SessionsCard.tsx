import { LaptopOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { SessionInfo } from '../../api/types.ts';
import { errorText } from '../../utils/errors.ts';
import { describeUserAgent, formatDateTime } from '../../utils/format.ts';

interface Props {
  sessions: SessionInfo[] | undefined;
  loading: boolean;
  onChanged: () => void;
}

export function SessionsCard({ sessions, loading, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const others = (sessions ?? []).filter((s) => !s.current).length;

  const revokeOthers = async () => {
    setBusy(true);
    try {
      const r = await api.post<{ revoked: number }>('/me/sessions/revoke-others');
      void message.success(t('me.revoked', { count: r.revoked }));
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      variant="borderless"
      title={t('me.sessions')}
      extra={
        <Popconfirm title={t('me.revokeOthersConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={revokeOthers} disabled={others === 0}>
          <Button danger disabled={others === 0} loading={busy}>
            {t('me.revokeOthers')}
          </Button>
        </Popconfirm>
      }
    >
      <Table<SessionInfo>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={sessions ?? []}
        scroll={{ x: 760 }}
        columns={[
          {
            title: t('me.device'),
            dataIndex: 'userAgent',
            render: (ua: string | null, s) => (
              <Space>
                <LaptopOutlined />
                <Typography.Text title={ua ?? undefined}>{describeUserAgent(ua)}</Typography.Text>
                {s.current ? <Tag color="green">{t('me.current')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('me.ip'), dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? '—' },
          { title: t('me.signedIn'), dataIndex: 'createdAt', width: 150, render: formatDateTime },
          { title: t('me.lastSeen'), dataIndex: 'lastSeenAt', width: 150, render: formatDateTime },
          { title: t('me.expires'), dataIndex: 'expiresAt', width: 150, render: formatDateTime },
        ]}
      />
    </Card>
  );
}
