import { App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordCard({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run: submit } = useFormSubmit(form, async (v) => {
    await api.post<void>('/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
    void message.success(t('me.passwordChanged'));
    form.resetFields();
    onChanged();
  });

  return (
    <Card variant="borderless" title={t('me.changePassword')}>
      <Form<Values> form={form} layout="vertical" onFinish={submit} autoComplete="off" style={{ maxWidth: 420 }}>
        <Form.Item name="currentPassword" label={t('me.currentPassword')} rules={[{ required: true, message: t('validation.required', { field: t('me.currentPassword') }) }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('me.newPassword')}
          extra={t('me.passwordHelp')}
          rules={[
            { required: true, message: t('validation.required', { field: t('me.newPassword') }) },
            { min: 10, message: t('validation.passwordMin') },
            { max: 200, message: t('validation.max', { field: t('me.newPassword'), max: 200 }) },
            ({ getFieldValue }) => ({
              validator: async (_: unknown, v: string) => {
                if (v && v === getFieldValue('currentPassword')) throw new Error(t('me.passwordSame'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('me.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required', { field: t('me.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: async (_: unknown, v: string) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error(t('validation.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('me.changePasswordSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
