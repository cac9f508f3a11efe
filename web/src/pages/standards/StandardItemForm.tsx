/** Create or edit a checklist item: code (fixed once made), name, description, which kinds it applies to, sort. */
import { Checkbox, Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATION_KINDS, type StationKind } from '../../../../shared/org.ts';
import type { StandardItemOut } from '../../../../shared/standards.ts';
import { standardItemsApi, type StandardItemChanges } from '../../api/standards.ts';
import { useEntityForm } from '../../hooks/useEntityForm.ts';
import { changedFields, num } from '../../utils/form-values.ts';
import { rules } from '../../utils/rules.ts';
import { isConflict } from './standards-shared.tsx';

interface Values {
  code: string;
  name: string;
  description?: string;
  appliesTo: StationKind[];
  sort?: number | null;
}

const CODE_PATTERN = /^[a-z][a-z0-9_]*$/;

const toChanges = (v: Values): Required<StandardItemChanges> => ({
  name: v.name.trim(),
  description: (v.description ?? '').trim(),
  appliesTo: STATION_KINDS.filter((k) => v.appliesTo.includes(k)),
  sort: num(v.sort) ?? 0,
});

interface Props {
  open: boolean;
  item: StandardItemOut | null;
  onClose: () => void;
  onSaved: (item: StandardItemOut) => void;
  /** 409: the list is reloaded and the dialog closes (the server's message is shown). */
  onConflict: () => void;
}

export function StandardItemForm({ open, item, onClose, onSaved, onConflict }: Props) {
  const { t } = useTranslation();
  const r = rules(t);
  const { form, modalProps } = useEntityForm<Values, StandardItemOut>({
    open,
    record: item,
    initialValues: () =>
      item
        ? { code: item.code, name: item.name, description: item.description, appliesTo: item.appliesTo, sort: item.sort }
        : { code: '', name: '', description: '', appliesTo: ['station'], sort: null },
    save: async (values) => {
      const input = toChanges(values);
      if (!item) {
        return standardItemsApi.create({
          code: values.code.trim(),
          name: input.name,
          appliesTo: input.appliesTo,
          ...(input.description ? { description: input.description } : {}),
          // empty: the server puts it after the last item
          ...(num(values.sort) !== null ? { sort: num(values.sort)! } : {}),
        });
      }
      const changes = changedFields<StandardItemChanges>(
        { name: item.name, description: item.description, appliesTo: item.appliesTo, sort: item.sort },
        { ...input, sort: num(values.sort) ?? item.sort },
      );
      if (Object.keys(changes).length === 0) return null;
      try {
        return await standardItemsApi.update(item.id, item.version, changes);
      } catch (err) {
        if (isConflict(err)) {
          onClose();
          onConflict();
        }
        throw err;
      }
    },
    onClose,
    onSaved,
  });

  return (
    <Modal {...modalProps} title={item ? t('standards.items.editTitle', { name: item.name }) : t('standards.items.createTitle')} width={600}>
      <Form<Values> form={form} layout="vertical" className="record-form" scrollToFirstError>
        <Form.Item
          name="code"
          label={t('standards.items.code')}
          extra={item ? t('standards.items.codeFixed') : t('standards.items.codeHelp')}
          rules={
            item
              ? []
              : [
                  r.required(t('standards.items.code')),
                  { min: 2, max: 32, message: t('standards.items.codeLength') },
                  { pattern: CODE_PATTERN, message: t('standards.items.codePattern') },
                ]
          }
        >
          <Input disabled={!!item} maxLength={32} placeholder={t('standards.items.codePlaceholder')} className="std-code-input" autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('standards.items.name')} rules={[r.required(t('standards.items.name')), r.max(t('standards.items.name'), 50)]}>
          <Input maxLength={50} placeholder={t('standards.items.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="description" label={t('standards.items.description')} rules={[r.max(t('standards.items.description'), 500)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} showCount placeholder={t('standards.items.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="appliesTo"
          label={t('standards.items.appliesTo')}
          extra={t('standards.items.appliesToHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('standards.items.appliesToRequired') }]}
        >
          <Checkbox.Group
            options={STATION_KINDS.map((k) => ({ value: k, label: t(`standards.kindSet.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="sort" label={t('standards.items.sort')} extra={t('standards.items.sortHelp')}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: 200 }} placeholder={item ? undefined : t('standards.items.sortPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
