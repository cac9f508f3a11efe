/** A department's webhook to its own system (the office only): address, secret, test, recent deliveries with their errors. */
import { App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useEntityForm } from '../../hooks/useEntityForm.ts';
import { dash, formatDateTime } from '../../utils/format.ts';
import { departmentWebhookApi, type DepartmentWebhook, type WebhookDelivery } from './webhook-api.ts';

const STATUS_COLOURS: Record<WebhookDelivery['status'], string> = { queued: 'gold', sending: 'blue', sent: 'green', failed: 'red' };

interface Values {
  url: string;
  secret?: string;
}

function randomSecret(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function WebhookForm({ open, webhook, departmentId, onClose, onSaved }: { open: boolean; webhook: DepartmentWebhook; departmentId: string; onClose: () => void; onSaved: (w: DepartmentWebhook) => void }) {
  const { t } = useTranslation();
  const { form, modalProps } = useEntityForm<Values, DepartmentWebhook>({
    open,
    record: webhook,
    initialValues: () => ({ url: webhook.url ?? '', secret: undefined }),
    save: (v) => {
      const secret = v.secret?.trim();
      return departmentWebhookApi.set(departmentId, { version: webhook.version, url: v.url.trim(), ...(secret ? { secret } : {}) });
    },
    onClose,
    onSaved,
  });
  return (
    <Modal {...modalProps} title={t('departmentWebhook.editTitle')} width={640}>
      <Form<Values> form={form} layout="vertical" className="record-form">
        <Form.Item
          name="url"
          label={t('departmentWebhook.url')}
          extra={t('departmentWebhook.urlHelp')}
          rules={[{ required: true, type: 'url', pattern: /^https?:\/\//, message: t('departmentWebhook.urlInvalid') }, { max: 500 }]}
        >
          <Input placeholder="https://" inputMode="url" />
        </Form.Item>
        <Form.Item label={t('departmentWebhook.secret')} extra={webhook.secretSet ? t('departmentWebhook.secretHelpKeep', { hint: webhook.secretHint }) : t('departmentWebhook.secretHelpNew')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="secret"
              noStyle
              rules={[{ required: !webhook.secretSet, pattern: /^[\x21-\x7e]{16,200}$/, message: t('departmentWebhook.secretInvalid') }]}
            >
              <Input autoComplete="off" spellCheck={false} />
            </Form.Item>
            <Button onClick={() => form.setFieldsValue({ secret: randomSecret() })}>{t('departmentWebhook.generate')}</Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DepartmentWebhookCard({ departmentId, onChanged }: { departmentId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: w, error, reload } = useAsync((signal) => departmentWebhookApi.get(departmentId, signal), [departmentId]);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!w) return <Card variant="borderless" loading />;

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      void message.success(done);
      reload();
      onChanged();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card variant="borderless" title={t('departmentWebhook.title')} className="department-webhook" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('departmentWebhook.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button onClick={reload}>{t('departmentWebhook.refresh')}</Button>
        {w.url && <Button loading={busy} onClick={() => void run(() => departmentWebhookApi.ping(departmentId), t('departmentWebhook.pinged'))}>{t('departmentWebhook.ping')}</Button>}
        {w.url && (
          <Popconfirm title={t('departmentWebhook.removeConfirm')} onConfirm={() => run(() => departmentWebhookApi.set(departmentId, { version: w.version, url: null }), t('departmentWebhook.removed'))}>
            <Button danger loading={busy}>{t('departmentWebhook.remove')}</Button>
          </Popconfirm>
        )}
        <Button type="primary" onClick={() => setEditing(true)}>{t('departmentWebhook.edit')}</Button>
      </Space>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'url', label: t('departmentWebhook.url'), children: w.url ? <Typography.Text copyable style={{ wordBreak: 'break-all' }}>{w.url}</Typography.Text> : t('departmentWebhook.notSet') },
          { key: 'secret', label: t('departmentWebhook.secret'), children: w.secretSet ? t('departmentWebhook.secretStored', { hint: w.secretHint }) : t('departmentWebhook.notSet') },
          {
            key: 'events', label: t('departmentWebhook.events'), span: 'filled',
            children: (
              <Space wrap size={[0, 4]}>
                {w.events.filter((e) => e !== 'ping').map((e) => <Tag key={e}>{t(`departmentWebhook.eventNames.${e}`, { defaultValue: e })}</Tag>)}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('departmentWebhook.deliveries')}</Typography.Title>
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={w.deliveries}
        locale={{ emptyText: t('departmentWebhook.noDeliveries') }}
        columns={[
          { key: 'event', title: t('departmentWebhook.event'), render: (_, d) => t(`departmentWebhook.eventNames.${d.event}`, { defaultValue: d.event }), width: 130 },
          { key: 'status', title: t('departmentWebhook.status'), render: (_, d) => <Tag color={STATUS_COLOURS[d.status]}>{t(`departmentWebhook.statuses.${d.status}`)}</Tag>, width: 90 },
          { key: 'attempts', title: t('departmentWebhook.attempts'), dataIndex: 'attempts', width: 90 },
          { key: 'createdAt', title: t('departmentWebhook.createdAt'), render: (_, d) => formatDateTime(d.createdAt), width: 150 },
          { key: 'sentAt', title: t('departmentWebhook.sentAt'), render: (_, d) => (d.sentAt ? formatDateTime(d.sentAt) : '—'), width: 150 },
          { key: 'lastError', title: t('departmentWebhook.lastError'), render: (_, d) => <Typography.Text type={d.status === 'failed' ? 'danger' : undefined}>{dash(d.lastError)}</Typography.Text> },
        ]}
      />
      <WebhookForm
        open={editing}
        webhook={w}
        departmentId={departmentId}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          reload();
          onChanged();
        }}
      />
    </Card>
  );
}
