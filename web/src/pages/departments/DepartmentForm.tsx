/** Create or edit a department (承办单位). */
import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CATEGORY_SUGGESTIONS } from '../../../../shared/org.ts';
import { departmentsApi } from '../../api/resources.ts';
import type { Department, DepartmentInput } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { ContactFields } from '../../components/ContactFields.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { createOrUpdate, useEntityForm } from '../../hooks/useEntityForm.ts';
import { text } from '../../utils/form-values.ts';
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
  const user = useUser();
  const { form, modalProps } = useEntityForm<Values, Department>({
    open,
    record: department,
    initialValues: () => (department ? toValues(department) : { regionCode: user.districtCode ?? undefined, categories: [] }),
    save: (values) => createOrUpdate(departmentsApi, department, toInput(values), (d) => toInput(toValues(d))),
    onClose,
    onSaved,
  });
  const r = rules(t);

  return (
    <Modal
      {...modalProps}
      title={department ? t('departments.editTitle', { name: department.name }) : t('departments.createTitle')}
      width={720}
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
          <ContactFields />
        </Row>
      </Form>
    </Modal>
  );
}
