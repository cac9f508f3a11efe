/** Create or edit a department (承办单位). */
import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_SUGGESTIONS } from '../../../../shared/org.ts';
import { departmentsApi } from '../../api/resources.ts';
import type { Department, DepartmentInput } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { showFormError } from '../../utils/errors.ts';
import { changedFields, compact, text } from '../../utils/form-values.ts';
import { rules } from '../../utils/rules.ts';

interface Values {
  name: string;
  shortName?: string;
  regionCode?: string;
  categories?: string[];
  contactName?: string;
  contactPhone?: string;
  address?: string;
}

const toValues = (d: Department): Values => ({
  name: d.name,
  shortName: d.shortName ?? undefined,
  regionCode: d.regionCode,
  categories: d.categories,
  contactName: d.contactName ?? undefined,
  contactPhone: d.contactPhone ?? undefined,
  address: d.address ?? undefined,
});

const toInput = (v: Values): DepartmentInput => ({
  name: v.name.trim(),
  shortName: text(v.shortName),
  regionCode: v.regionCode ?? '',
  categories: (v.categories ?? []).map((c) => c.trim()).filter(Boolean),
  contactName: text(v.contactName),
  contactPhone: text(v.contactPhone),
  address: text(v.address),
});

interface Props {
  open: boolean;
  department: Department | null;
  onClose: () => void;
  onSaved: (d: Department) => void;
}

export function DepartmentForm({ open, department, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const r = rules(t);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(department ? toValues(department) : { regionCode: user.districtCode ?? undefined, categories: [] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, department, form]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const input = toInput(values);
      let saved: Department;
      if (department) {
        const changes = changedFields(toInput(toValues(department)), input);
        if (Object.keys(changes).length === 0) {
          onClose();
          return;
        }
        saved = await departmentsApi.update(department.id, department.version, changes);
      } else {
        saved = await departmentsApi.create(compact(input) as DepartmentInput);
      }
      void message.success(department ? t('common.saved') : t('common.created'));
      onSaved(saved);
    } catch (err) {
      showFormError(form, err, message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={department ? t('departments.editTitle', { name: department.name }) : t('departments.createTitle')}
      width={720}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values> form={form} layout="vertical" className="record-form" scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="name" label={t('departments.name')} rules={[r.required(t('departments.name')), r.max(t('departments.name'), 60)]}>
              <Input placeholder={t('departments.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="shortName" label={t('departments.shortName')} rules={[r.max(t('departments.shortName'), 30)]}>
              <Input placeholder={t('departments.shortNamePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('departments.jurisdiction')} rules={[r.requiredSelect(t('departments.jurisdiction'))]}>
              <RegionCascader rootCode={user.districtCode} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('common.address')} rules={[r.max(t('common.address'), 200)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="categories"
              label={t('departments.categories')}
              extra={t('departments.categoriesHelp')}
              rules={[
                { type: 'array', max: 20, message: t('validation.maxItems', { max: 20 }) },
                {
                  validator: async (_: unknown, v: string[] | undefined) => {
                    if ((v ?? []).some((s) => s.trim().length > 20)) throw new Error(t('validation.tagMax', { max: 20 }));
                  },
                },
              ]}
            >
              <Select mode="tags" options={CATEGORY_SUGGESTIONS.map((c) => ({ value: c, label: c }))} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t('common.contactName')} rules={[r.max(t('common.contactName'), 50)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactPhone" label={t('common.contactPhone')} rules={[r.phone(t('common.contactPhone'))]}>
              <Input placeholder="0731-28888888" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
