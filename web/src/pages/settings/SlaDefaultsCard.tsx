/** 全区默认时限: the four limits every case category uses unless it sets its own (PUT /sla-defaults with version). */
import { FieldTimeOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaDefaultsOut } from '../../../../shared/cases.ts';
import { SLA_FIELDS, SLA_MAX, slaDefaultsApi, type SlaDays } from '../../api/settings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { reloadOnConflict } from './settings-shared.ts';

/** The product's defaults (PRODUCT.md): assign 2, handle 15, urgent 3, follow-up 5 working days. */
export const RECOMMENDED_SLA: SlaDays = { assignDays: 2, handleDays: 15, urgentHandleDays: 3, followUpDays: 5 };

const daysOf = (d: SlaDefaultsOut): SlaDays => ({ assignDays: d.assignDays, handleDays: d.handleDays, urgentHandleDays: d.urgentHandleDays, followUpDays: d.followUpDays });

interface Props {
  defaults: SlaDefaultsOut | undefined;
  error: unknown;
  reload: () => void;
  canEdit: boolean;
  onSaved: () => void;
}

export function SlaDefaultsCard({ defaults, error, reload, canEdit, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SlaDays>();

  useEffect(() => {
    if (defaults) form.setFieldsValue(daysOf(defaults));
  }, [defaults, form]);

  const { saving, run } = useFormSubmit(form, async (values) => {
    if (!defaults) return;
    await reloadOnConflict(slaDefaultsApi.put(defaults.version, values), reload);
    void message.success(t('settings.sla.defaultsSaved'));
    onSaved();
  });

  const dirty = Form.useWatch((v: SlaDays) => !!defaults && SLA_FIELDS.some((f) => v[f] !== defaults[f]), form);

  return (
    <Card
      variant="borderless"
      className="settings-block"
      title={
        <span>
          <FieldTimeOutlined className="settings-card-icon" />
          {t('settings.sla.defaultsTitle')}
        </span>
      }
    >
      <Typography.Paragraph type="secondary" className="settings-card-lead">
        {t('settings.sla.defaultsLead')}
      </Typography.Paragraph>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : !defaults ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : !canEdit ? (
        <Row gutter={[24, 16]}>
          {SLA_FIELDS.map((f) => (
            <Col key={f} xs={24} sm={12} xl={6}>
              <div className="sla-read">
                <div className="sla-read-label">{t(`settings.sla.fields.${f}`)}</div>
                <div className="sla-read-value">
                  <b>{defaults[f]}</b> {t('settings.common.workingDaysUnit')}
                </div>
                <div className="sla-read-desc">{t(`settings.sla.desc.${f}`)}</div>
              </div>
            </Col>
          ))}
        </Row>
      ) : (
        <Form<SlaDays> form={form} layout="vertical" onFinish={run} requiredMark={false}>
          <Row gutter={[24, 0]}>
            {SLA_FIELDS.map((f) => (
              <Col key={f} xs={24} sm={12} xl={6}>
                <Form.Item
                  name={f}
                  label={<span className="sla-field-label">{t(`settings.sla.fields.${f}`)}</span>}
                  extra={t('settings.sla.recommended', { desc: t(`settings.sla.desc.${f}`), n: RECOMMENDED_SLA[f] })}
                  dependencies={f === 'urgentHandleDays' ? ['handleDays'] : f === 'handleDays' ? ['urgentHandleDays'] : undefined}
                  rules={[
                    { required: true, message: t('validation.required', { field: t(`settings.sla.fields.${f}`) }) },
                    ...(f === 'urgentHandleDays'
                      ? [
                          ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
                            validator: async (_: unknown, v: number | null) => {
                              const handle = getFieldValue('handleDays');
                              if (typeof v === 'number' && typeof handle === 'number' && v > handle) throw new Error(t('settings.sla.urgentTooLong'));
                            },
                          }),
                        ]
                      : []),
                  ]}
                >
                  <InputNumber min={1} max={SLA_MAX[f]} precision={0} style={{ width: '100%' }} suffix={t('settings.common.workingDaysUnit')} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={saving} disabled={!dirty}>
              {t('settings.sla.saveDefaults')}
            </Button>
            <Button htmlType="button" disabled={!dirty} onClick={() => form.setFieldsValue(daysOf(defaults))}>
              {t('settings.sla.undo')}
            </Button>
            <Button htmlType="button" type="link" onClick={() => form.setFieldsValue(RECOMMENDED_SLA)}>
              {t('settings.sla.fillRecommended')}
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
