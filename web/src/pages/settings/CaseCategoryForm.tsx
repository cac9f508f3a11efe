/** Create or edit a case category (诉求类别) and its own time limits; an empty limit uses the district default. */
import { Alert, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseCategoryOut, SlaDefaultsOut } from '../../../../shared/cases.ts';
import { caseCategoriesApi, SLA_FIELDS, SLA_MAX, type CaseCategoryInput } from '../../api/settings.ts';
import { useEntityForm } from '../../hooks/useEntityForm.ts';
import { changedFields, compact, num } from '../../utils/form-values.ts';
import { rules } from '../../utils/rules.ts';
import { reloadOnConflict } from './settings-shared.ts';

interface Values {
  name: string;
  assignDays?: number | null;
  handleDays?: number | null;
  urgentHandleDays?: number | null;
  followUpDays?: number | null;
}

const toValues = (c: CaseCategoryOut): Values => ({
  name: c.name,
  assignDays: c.assignDays,
  handleDays: c.handleDays,
  urgentHandleDays: c.urgentHandleDays,
  followUpDays: c.followUpDays,
});

const toInput = (v: Values): CaseCategoryInput => ({
  name: v.name.trim(),
  assignDays: num(v.assignDays),
  handleDays: num(v.handleDays),
  urgentHandleDays: num(v.urgentHandleDays),
  followUpDays: num(v.followUpDays),
});

interface Props {
  open: boolean;
  category: CaseCategoryOut | null;
  defaults: SlaDefaultsOut | undefined;
  onClose: () => void;
  onSaved: (c: CaseCategoryOut) => void;
  /** 409: the table is reloaded and the dialog closes (the server's message is shown). */
  onConflict: () => void;
}

export function CaseCategoryForm({ open, category, defaults, onClose, onSaved, onConflict }: Props) {
  const { t } = useTranslation();
  const r = rules(t);
  const { form, modalProps } = useEntityForm<Values, CaseCategoryOut>({
    open,
    record: category,
    initialValues: () => (category ? toValues(category) : { name: '' }),
    save: async (values) => {
      const input = toInput(values);
      // a new category sends only the limits filled in; the others follow the district default
      if (!category) return caseCategoriesApi.create({ ...compact(input), name: input.name });
      const changes = changedFields(toInput(toValues(category)), input);
      if (Object.keys(changes).length === 0) return null;
      return reloadOnConflict(caseCategoriesApi.update(category.id, category.version, changes), () => {
        onClose();
        onConflict();
      });
    },
    onClose,
    onSaved,
  });

  const name = Form.useWatch('name', form);
  const renamed = !!category && typeof name === 'string' && name.trim() !== '' && name.trim() !== category.name;

  return (
    <Modal {...modalProps} title={category ? t('settings.sla.editCategoryTitle', { name: category.name }) : t('settings.sla.createCategoryTitle')} width={600}>
      <Form<Values> form={form} layout="vertical" className="record-form" scrollToFirstError>
        <Form.Item name="name" label={t('settings.sla.categoryName')} rules={[r.required(t('settings.sla.categoryName')), r.max(t('settings.sla.categoryName'), 50)]}>
          <Input placeholder={t('settings.sla.categoryNamePlaceholder')} maxLength={50} />
        </Form.Item>
        {renamed ? <Alert type="info" showIcon className="settings-form-hint" title={t('settings.sla.renameHint')} /> : null}
        <div className="sla-override-head">{t('settings.sla.overridesTitle')}</div>
        <Row gutter={16}>
          {SLA_FIELDS.map((f) => (
            <Col key={f} xs={24} sm={12}>
              <Form.Item name={f} label={t(`settings.sla.fields.${f}`)}>
                <InputNumber
                  min={1}
                  max={SLA_MAX[f]}
                  precision={0}
                  style={{ width: '100%' }}
                  suffix={t('settings.common.workingDaysUnit')}
                  placeholder={defaults ? t('settings.sla.defaultPlaceholder', { n: defaults[f] }) : t('settings.sla.defaultPlaceholderBare')}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <div className="sla-override-help">{t('settings.sla.overridesHelp')}</div>
      </Form>
    </Modal>
  );
}
