/**
 * 登记问题: a case brought to a reception, recorded on the spot. It is posted as a reception case
 * linked to the record (channel 'reception', receptionId), received by the deputies present unless
 * the form narrows them. One Idempotency-Key per opened form: a double click never makes two cases.
 */
import { App, Checkbox, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_KIND_LABELS, CASE_KINDS, type CaseKind } from '../../../../shared/cases.ts';
import type { ReceptionSessionOut } from '../../../../shared/schedule.ts';
import { caseCategoriesApi, casesApi } from '../../api/cases.ts';
import { isApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { compact, text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { newIdempotencyKey } from '../cases/NewCasePage.tsx';

interface Values {
  content: string;
  title?: string;
  kind: CaseKind;
  category?: string;
  contactName?: string;
  contactPhone?: string;
  deputyIds?: string[];
}

interface Props {
  session: ReceptionSessionOut;
  open: boolean;
  onClose: () => void;
  onCreated: (trackingCode: string) => void;
}

export function RegisterCaseModal({ session, open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(newIdempotencyKey);
  const categories = useAsync((signal) => (open ? caseCategoriesApi.list(signal).then((r) => r.items.filter((c) => c.active)) : Promise.resolve(null)), [open]);
  const r = formRules(t);

  useEffect(() => {
    if (!open) return;
    setKey(newIdempotencyKey());
    form.resetFields();
    form.setFieldsValue({ kind: 'problem', deputyIds: session.deputies.map((d) => d.id) });
    // a new form each time the dialog opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    const contact = compact({ name: text(v.contactName), phone: text(v.contactPhone) });
    try {
      const out = await casesApi.create(
        {
          channel: 'reception',
          stationId: session.stationId,
          receptionId: session.id,
          content: v.content.trim(),
          title: text(v.title) || undefined,
          kind: v.kind,
          category: v.category || undefined,
          contact: Object.keys(contact).length ? contact : undefined,
          deputyIds: v.deputyIds?.length ? v.deputyIds : undefined,
        },
        key,
      );
      void message.success(t('cases.createdToast', { code: out.trackingCode }));
      onCreated(out.trackingCode);
    } catch (err) {
      // this form already made a case (its answer was lost) and was then changed: do not make a second one
      if (isApiError(err) && err.code === 'IDEMPOTENCY_KEY_REUSED') {
        void message.warning(t('cases.alreadySubmitted'), 8);
        onCreated('');
        return;
      }
      throw err;
    }
  });

  return (
    <Modal
      open={open}
      title={t('schedule.sessions.registerTitle')}
      okText={t('schedule.sessions.registerSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={680}
    >
      <Typography.Paragraph type="secondary">{t('schedule.sessions.registerLead', { station: session.stationName, date: session.date })}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" disabled={saving} className="sched-case-form">
        <Form.Item name="content" label={t('cases.content')} rules={[r.required(t('cases.content')), r.max(t('cases.content'), 5000)]}>
          <Input.TextArea rows={5} showCount maxLength={5000} placeholder={t('schedule.sessions.contentPlaceholder')} />
        </Form.Item>
        <Form.Item name="title" label={t('cases.caseTitle')} rules={[r.max(t('cases.caseTitle'), 100)]} extra={t('cases.titleHelp')}>
          <Input maxLength={100} placeholder={t('cases.titlePlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('cases.kind')}>
              <Select options={enumOptions(CASE_KINDS, CASE_KIND_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={t('cases.category')}>
              <Select
                allowClear
                showSearch
                loading={categories.loading}
                placeholder={t('common.pleaseSelect')}
                options={(categories.data ?? []).map((c) => ({ value: c.name, label: c.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactName" label={t('cases.contact.name')} rules={[r.max(t('cases.contact.name'), 40)]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactPhone" label={t('cases.contact.phone')} rules={[r.phone(t('cases.contact.phone'))]}>
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="deputyIds" label={t('schedule.sessions.receivedBy')} extra={t('schedule.sessions.receivedByHelp')}>
          {session.deputies.length ? (
            <Checkbox.Group options={session.deputies.map((d) => ({ value: d.id, label: d.name }))} />
          ) : (
            <Typography.Text type="secondary">{t('schedule.sessions.noDeputiesPresent')}</Typography.Text>
          )}
        </Form.Item>
        <Typography.Text type="secondary" className="cell-sub">
          {t('cases.contactPrivacy')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
