/** 时限计算器: from a date and N working days, the due instant the server computes (GET /calendar/due). */
import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, InputNumber, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaDefaultsOut } from '../../../../shared/cases.ts';
import { calendarApi, SLA_FIELDS, type SlaField } from '../../api/settings.ts';
import { isEnglish } from '../../i18n/index.ts';
import { errorText } from '../../utils/errors.ts';
import { beijingDate, formatInstant, weekdayName } from './calendar-dates.ts';

interface Values {
  from: Dayjs;
  workingDays: number;
}

interface Result {
  from: string;
  workingDays: number;
  dueAt: string;
}

interface Props {
  today: string;
  /** The district's limits, offered as quick picks (when readable). */
  sla?: SlaDefaultsOut;
}

const QUICK_LABELS: Record<SlaField, string> = {
  assignDays: 'settings.sla.fields.assignDays',
  handleDays: 'settings.sla.fields.handleDays',
  urgentHandleDays: 'settings.sla.fields.urgentHandleDays',
  followUpDays: 'settings.sla.fields.followUpDays',
};

export function DueCalculator({ today, sla }: Props) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (v: Values) => {
    const from = v.from.format('YYYY-MM-DD');
    setBusy(true);
    setError(null);
    try {
      const { dueAt } = await calendarApi.due(from, v.workingDays);
      setResult({ from, workingDays: v.workingDays, dueAt });
    } catch (err) {
      setResult(null);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const dueDate = result ? beijingDate(result.dueAt) : '';
  return (
    <Card
      variant="borderless"
      className="settings-side-card"
      title={
        <span>
          <CalculatorOutlined className="settings-card-icon" />
          {t('settings.calendar.calcTitle')}
        </span>
      }
    >
      <Typography.Paragraph type="secondary" className="settings-card-lead">
        {t('settings.calendar.calcLead')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ from: dayjs(today), workingDays: 15 }}
        onFinish={run}
        onValuesChange={() => setResult(null)}
      >
        <Form.Item name="from" label={t('settings.calendar.calcFrom')} rules={[{ required: true, message: t('validation.select', { field: t('settings.calendar.calcFrom') }) }]} className="settings-compact-item">
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item
          name="workingDays"
          label={t('settings.calendar.calcDays')}
          rules={[{ required: true, message: t('validation.required', { field: t('settings.calendar.calcDays') }) }]}
          className="settings-compact-item"
        >
          <InputNumber min={1} max={400} precision={0} style={{ width: '100%' }} suffix={t('settings.common.workingDaysUnit')} />
        </Form.Item>
        {sla ? (
          <div className="cal-quick">
            <Typography.Text type="secondary">{t('settings.calendar.calcQuick')}</Typography.Text>
            <Space size={[4, 4]} wrap>
              {SLA_FIELDS.map((f) => (
                <Tag.CheckableTag
                  key={f}
                  checked={false}
                  onChange={() => {
                    form.setFieldValue('workingDays', sla[f]);
                    setResult(null);
                  }}
                  className="cal-quick-tag"
                >
                  {t(QUICK_LABELS[f])} {sla[f]}
                </Tag.CheckableTag>
              ))}
            </Space>
          </div>
        ) : null}
        <Button type="primary" ghost htmlType="submit" loading={busy} block>
          {t('settings.calendar.calcRun')}
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon className="settings-try-result" title={error} /> : null}
      {result ? (
        <div className="cal-due" aria-live="polite">
          <div className="cal-due-label">{t('settings.calendar.calcDue')}</div>
          <div className="cal-due-value">{formatInstant(result.dueAt)}</div>
          <div className="cal-due-weekday">
            {weekdayName(dueDate, en)} · {t('settings.calendar.calcBeijing')}
          </div>
          <Typography.Text type="secondary" className="cal-due-note">
            {t('settings.calendar.calcExplain', { from: result.from, n: result.workingDays })}
          </Typography.Text>
        </div>
      ) : null}
    </Card>
  );
}
