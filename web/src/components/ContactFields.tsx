/** The contact person and phone of a record form (stations, departments): two half-width columns of a `Row`. */
import { Col, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { rules } from '../utils/rules.ts';

export function ContactFields() {
  const { t } = useTranslation();
  const r = rules(t);
  return (
    <>
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
    </>
  );
}
