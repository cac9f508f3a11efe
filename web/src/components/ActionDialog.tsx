/**
 * One workflow action as a dialog (a case's, a suggestion's): the action's fields in a form, sent by
 * `onSubmit` with the version the page last loaded. A 409 (someone else acted first, or the status
 * moved on) shows the server's message and calls `onStale` (the page reloads the record); other
 * errors go onto the field they name (`body.x` → field `x`) or show as a toast.
 */
import { App, Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useFormSubmit } from '../hooks/useEntityForm.ts';
import { errorText } from '../utils/errors.ts';

interface Props<V> {
  open: boolean;
  title: ReactNode;
  okText: string;
  danger?: boolean;
  width?: number;
  /** What the form starts with each time it opens. */
  initialValues?: Partial<V>;
  /** Sends the action; throws the server's error (the dialog shows it). */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  /** The record changed under us (409): the dialog is closed by the caller and the record reloaded. */
  onStale: () => void;
  /** The action's fields (`Form.Item`s); `Form.useWatch(name)` inside them follows this dialog's form. */
  children: ReactNode;
}

export function ActionDialog<V extends object>({ open, title, okText, danger = false, width = 540, initialValues, onSubmit, onClose, onStale, children }: Props<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const { saving, submit } = useFormSubmit(form, async (values) => {
    try {
      await onSubmit(values);
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        void message.error(errorText(err));
        onStale();
        return;
      }
      throw err;
    }
  });

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={width}
    >
      {open ? (
        // clearOnDestroy: one form instance serves every opening; a value another action's dialog left
        // behind (even undefined) would otherwise hide this dialog's initial value for that field.
        <Form<V> form={form} layout="vertical" className="record-form action-form" initialValues={initialValues} preserve={false} clearOnDestroy disabled={saving}>
          {children}
        </Form>
      ) : null}
    </Modal>
  );
}
