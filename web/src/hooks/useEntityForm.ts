/**
 * Submitting Ant Design forms: validate, keep a `saving` flag, and put a server error on the field
 * it names (`showFormError`) or show it as a toast. `useEntityForm` adds what the create/edit
 * dialogs of stations, deputies, departments and accounts share.
 */
import { App, Form, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../utils/errors.ts';
import { changedFields, compact } from '../utils/form-values.ts';

/** `run` takes values already validated (e.g. `onFinish`); `submit` validates the form first (e.g. a Modal's `onOk`). */
export function useFormSubmit<V>(form: FormInstance<V>, action: (values: V) => Promise<void>) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const run = async (values: V) => {
    setSaving(true);
    try {
      await action(values);
    } catch (err) {
      showFormError(form, err, message);
    } finally {
      setSaving(false);
    }
  };
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    await run(values);
  };
  return { saving, run, submit };
}

type FormValues<V> = Parameters<FormInstance<V>['setFieldsValue']>[0];

interface EntityFormOptions<V, R> {
  open: boolean;
  /** The record being edited; null creates one. */
  record: R | null;
  /** What the form shows each time the dialog opens: the record's values or a new record's defaults. */
  initialValues: () => FormValues<V>;
  /** Creates or updates; null when nothing changed (the dialog just closes). */
  save: (values: V) => Promise<R | null>;
  onClose: () => void;
  onSaved: (saved: R) => void;
}

/** A create/edit dialog: the form, its submit (with "saved"/"created" toasts) and the props its `Modal` shares with the others. */
export function useEntityForm<V, R>({ open, record, initialValues, save, onClose, onSaved }: EntityFormOptions<V, R>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();

  // Filled once each time the dialog opens; `initialValues` may be a fresh function on every render.
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initialValues());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, record, form]);

  const { saving, submit } = useFormSubmit(form, async (values) => {
    const saved = await save(values);
    if (!saved) {
      onClose();
      return;
    }
    void message.success(record ? t('common.saved') : t('common.created'));
    onSaved(saved);
  });

  const modalProps = {
    open,
    okText: t('common.save'),
    cancelText: t('common.cancel'),
    confirmLoading: saving,
    onOk: submit,
    onCancel: onClose,
    destroyOnHidden: true,
    mask: { closable: false },
  };
  return { form, saving, submit, modalProps };
}

interface RecordApi<R, I> {
  create: (input: I) => Promise<R>;
  update: (id: string, version: number, changes: Partial<I>) => Promise<R>;
}

/**
 * The usual save: a new record is created from what was filled in; an edited one is sent its
 * version and only the fields that changed (none: null, nothing to save).
 */
export async function createOrUpdate<R extends { id: string; version: number }, I extends object>(
  api: RecordApi<R, I>,
  record: R | null,
  input: I,
  before: (record: R) => I,
): Promise<R | null> {
  if (!record) return api.create(compact(input) as I);
  const changes = changedFields(before(record), input);
  if (Object.keys(changes).length === 0) return null;
  return api.update(record.id, record.version, changes);
}
