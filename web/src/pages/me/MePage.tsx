/** 我的账号: who I am, change my password, my sign-in sessions. */
import { Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ROLE_LABELS } from '../../../../shared/org.ts';
import { api } from '../../api/client.ts';
import type { SessionInfo } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { ChangePasswordCard } from './ChangePasswordCard.tsx';
import { SessionsCard } from './SessionsCard.tsx';

export function MePage() {
  const { t } = useTranslation();
  const L = useLabel();
  const user = useUser();
  const sessions = useAsync((signal) => api.get<{ items: SessionInfo[] }>('/me/sessions', undefined, signal), [user.id]);

  return (
    <div className="page">
      <PageHeader title={t('me.title')} subtitle={t('me.subtitle')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card variant="borderless" title={t('me.account')} style={{ height: '100%' }}>
              <Descriptions
                column={1}
                items={[
                  { key: 'username', label: t('users.username'), children: user.username },
                  { key: 'displayName', label: t('users.displayName'), children: user.displayName },
                  {
                    key: 'roles',
                    label: t('users.roles'),
                    children: user.roles.map((r) => (
                      <Tag key={r} color="red" variant="outlined">
                        {L(ROLE_LABELS, r)}
                      </Tag>
                    )),
                  },
                  ...(user.stationId ? [{ key: 'station', label: t('users.station'), children: <Link to={`/stations/${user.stationId}`}>{t('me.viewStation')}</Link> }] : []),
                  ...(user.departmentId
                    ? [{ key: 'department', label: t('users.department'), children: <Link to={`/departments/${user.departmentId}`}>{t('me.viewDepartment')}</Link> }]
                    : []),
                  ...(user.deputyId ? [{ key: 'deputy', label: t('users.deputy'), children: <Link to={`/deputies/${user.deputyId}`}>{t('me.viewDeputy')}</Link> }] : []),
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <ChangePasswordCard onChanged={sessions.reload} />
          </Col>
        </Row>
        <SessionsCard sessions={sessions.data?.items} loading={sessions.loading} onChanged={sessions.reload} />
      </Space>
    </div>
  );
}
