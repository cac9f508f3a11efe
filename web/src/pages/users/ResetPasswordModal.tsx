/** An administrator sets a new password for an account (the user should change it after signing in). */
import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../../api/resources.ts';
import type { User } from '../../api/types.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  // Only reachable while the dialog is open, that is with a user.
  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!user) return;
    await usersApi.resetPassword(user.id, v.password);
    void message.success(t('users.resetDone', { name: user.displayName }));
    onClose();
  });

  return (
    <Modal
      open={!!user}
      title={t('users.resetTitle', { name: user?.displayName ?? '' })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.resetHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          rules={[{ required: true, message: t('validation.required', { field: t('users.newPassword') }) }, { min: 10, message: t('validation.passwordMin') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('me.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required', { field: t('me.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: async (_: unknown, v: string) => {
                if (v && v !== getFieldValue('password')) throw new Error(t('validation.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
