/** Enter or change one day of the office's calendar (放假 / 调休上班); remove the office's entry. */
import { DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDayOut } from '../../../../shared/cases.ts';
import { calendarApi, type CalendarDayKind } from '../../api/settings.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { isEnglish } from '../../i18n/index.ts';
import { errorText } from '../../utils/errors.ts';
import { rules } from '../../utils/rules.ts';
import { isWeekend, weekdayName } from './calendar-dates.ts';

interface Values {
  date: Dayjs;
  kind: CalendarDayKind;
  name: string;
}

export interface DayDialogTarget {
  /** Preset date (a day clicked on the grid or a row); absent: a new entry, date chosen in the form. */
  date?: string;
  /** What the date is now (the office's entry wins over the builtin one). */
  day?: CalendarDayOut;
}

interface Props {
  target: DayDialogTarget | null;
  /** The year shown (the date picker opens there). */
  year: number;
  /** The entries of the year shown, to say what a picked date already is. */
  lookup: (date: string) => DayDialogTarget;
  onClose: () => void;
  onSaved: () => void;
}

export function CalendarDayForm({ target, year, lookup, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const r = rules(t);
  const [form] = Form.useForm<Values>();
  const open = !!target;
  const picked = Form.useWatch('date', form);
  const pickedDate = picked ? picked.format('YYYY-MM-DD') : target?.date;
  const existing = target?.date ? target : pickedDate ? lookup(pickedDate) : undefined;
  const [removing, setRemoving] = useState(false);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const current = target.day;
    const date = target.date ?? `${year}-01-01`;
    form.setFieldsValue({
      date: target.date ? dayjs(target.date) : undefined,
      // a weekend day is usually entered as a make-up working day, a weekday as a holiday
      kind: current?.kind ?? (target.date && isWeekend(date) ? 'workday' : 'holiday'),
      name: current?.name ?? '',
    });
  }, [target, form, year]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    const date = v.date.format('YYYY-MM-DD');
    await calendarApi.putDay(date, { kind: v.kind, name: v.name.trim() });
    void message.success(t('settings.calendar.savedDay', { date }));
    onSaved();
  });

  const office = existing?.day?.source === 'office' ? existing.day : undefined;
  const builtin = existing?.day?.source === 'builtin' ? existing.day : undefined;

  const remove = async () => {
    if (!office) return;
    setRemoving(true);
    try {
      await calendarApi.deleteDay(office.date);
      void message.success(t('settings.calendar.removedDay', { date: office.date }));
      onSaved();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setRemoving(false);
    }
  };

  const title = target?.date
    ? t(existing?.day ? 'settings.calendar.editTitle' : 'settings.calendar.addTitleFor', { date: `${target.date} ${weekdayName(target.date, isEnglish(i18n.language))}` })
    : t('settings.calendar.addTitle');

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={520}
      footer={[
        office ? (
          <Popconfirm
            key="remove"
            title={t('settings.calendar.removeTitle')}
            description={t('settings.calendar.removeConfirm')}
            okText={t('settings.calendar.remove')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={remove}
          >
            <Button danger icon={<DeleteOutlined />} loading={removing} className="cal-remove-btn">
              {t('settings.calendar.remove')}
            </Button>
          </Popconfirm>
        ) : null,
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={saving} onClick={submit}>
          {t('common.save')}
        </Button>,
      ]}
    >
      {builtin ? (
        <Alert
          type="info"
          showIcon
          className="settings-form-hint"
          title={t('settings.calendar.builtinHint', { name: builtin.name, kind: t(`settings.calendar.kinds.${builtin.kind}`) })}
          description={t('settings.calendar.builtinOverride')}
        />
      ) : office ? (
        <Alert type="info" showIcon className="settings-form-hint" title={t('settings.calendar.officeHint')} description={t('settings.calendar.removeConfirm')} />
      ) : pickedDate ? (
        <Alert
          type="info"
          showIcon
          className="settings-form-hint"
          title={isWeekend(pickedDate) ? t('settings.calendar.ordinaryWeekend') : t('settings.calendar.ordinaryWeekday')}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        className="record-form"
        onValuesChange={(changed: Partial<Values>) => {
          // a date that already has an entry: start from what it is
          const day = changed.date ? lookup(changed.date.format('YYYY-MM-DD')).day : undefined;
          if (day) form.setFieldsValue({ kind: day.kind, name: day.name });
        }}
      >
        <Form.Item name="date" label={t('settings.calendar.date')} rules={[r.requiredSelect(t('settings.calendar.date'))]} hidden={!!target?.date}>
          <DatePicker style={{ width: '100%' }} defaultPickerValue={dayjs(`${year}-01-01`)} />
        </Form.Item>
        <Form.Item name="kind" label={t('settings.calendar.kind')} rules={[r.requiredSelect(t('settings.calendar.kind'))]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'holiday', label: t('settings.calendar.kinds.holiday') },
              { value: 'workday', label: t('settings.calendar.kinds.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('settings.calendar.name')}
          extra={t('settings.calendar.nameHelp')}
          rules={[r.required(t('settings.calendar.name')), r.max(t('settings.calendar.name'), 30)]}
        >
          <Input placeholder={t('settings.calendar.namePlaceholder')} maxLength={30} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
