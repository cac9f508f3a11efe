/**
 * The constituent's contact details, masked. Roles that call people back (district office, station
 * staff, departments) may reveal the full number; the server logs every reveal.
 */
import { EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseOut } from '../../../../shared/cases.ts';
import { casesApi, type UnmaskedContact } from '../../api/cases.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { errorText } from '../../utils/errors.ts';
import { dash } from '../../utils/format.ts';

export function ContactCard({ c }: { c: CaseOut }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const [full, setFull] = useState<{ caseId: string; contact: UnmaskedContact } | null>(null);
  const [loading, setLoading] = useState(false);
  const shown = full?.caseId === c.id ? full.contact : null;
  const contact = shown ?? c.contact;
  const mayReveal = hasRole('admin', 'station', 'department') && !!c.contact?.masked && !shown;

  const reveal = async () => {
    setLoading(true);
    try {
      setFull({ caseId: c.id, contact: await casesApi.contact(c.id) });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card
      variant="borderless"
      title={t('cases.contact.title')}
      extra={c.anonymous ? <Tag>{t('cases.contact.anonymous')}</Tag> : null}
      className="side-card"
    >
      {!contact || (!contact.name && !contact.phone && !contact.email) ? (
        <Typography.Text type="secondary">{t('cases.contact.none')}</Typography.Text>
      ) : (
        <>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'name', label: t('cases.contact.name'), children: dash(contact.name) },
              { key: 'phone', label: t('cases.contact.phone'), children: <span className="contact-phone">{dash(contact.phone)}</span> },
              { key: 'email', label: t('cases.contact.email'), children: dash(contact.email) },
            ]}
          />
          {mayReveal ? (
            <div className="contact-reveal">
              <Button size="small" icon={<EyeOutlined />} loading={loading} onClick={reveal}>
                {t('cases.contact.reveal')}
              </Button>
              <Typography.Text type="secondary" className="cell-sub">
                {t('cases.contact.revealNote')}
              </Typography.Text>
            </div>
          ) : shown ? (
            <Space size={4} className="contact-reveal">
              <Tooltip title={t('cases.contact.revealNote')}>
                <Tag icon={<SafetyCertificateOutlined />} color="warning">
                  {t('cases.contact.revealed')}
                </Tag>
              </Tooltip>
            </Space>
          ) : null}
        </>
      )}
      {c.anonymous ? (
        <Typography.Paragraph type="secondary" className="contact-anon-note">
          {t('cases.contact.anonymousNote')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
