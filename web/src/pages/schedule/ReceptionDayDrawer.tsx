/**
 * One calendar day: its reception(s) with the deputies on duty, and what the user may do with them —
 * assign deputies (the form alternative to dragging), trade a deputy with another day, cancel or
 * restore the day, start or open its record; on a free day, add an extra reception day. In the
 * district view: the day's stations.
 */
import { CalendarOutlined, EnvironmentOutlined, FileTextOutlined, PlusOutlined, RollbackOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Divider, Drawer, Empty, Form, Grid, Input, Modal, Select, Space, Tag, TimePicker, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ReceptionOut } from '../../../../shared/schedule.ts';
import { receptionsApi } from '../../api/schedule.ts';
import type { Deputy, Station } from '../../api/types.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { isEnglish } from '../../i18n/index.ts';
import { errorText } from '../../utils/errors.ts';
import { text } from '../../utils/form-values.ts';
import { rules } from '../../utils/rules.ts';
import { addDays, DutyTag, dayTitle, hours } from './schedule-shared.tsx';

interface Props {
  date: string | null;
  receptions: ReceptionOut[];
  district: boolean;
  station: Station | undefined;
  deputies: Deputy[];
  /** The user keeps this station's schedule (restore a cancelled day, add a day). */
  canKeep: boolean;
  today: string;
  onChanged: () => void;
  onClose: () => void;
  onShowStation: (stationId: string) => void;
}

export function ReceptionDayDrawer({ date, receptions, district, station, deputies, canKeep, today, onChanged, onClose, onShowStation }: Props) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const day = date ? receptions.filter((r) => r.date === date) : [];
  const lunar = day[0]?.lunar;
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={!!date}
      onClose={onClose}
      size={screens.sm === false ? '100%' : 560}
      destroyOnHidden
      title={
        date ? (
          <Space wrap size={4}>
            <CalendarOutlined />
            <span>{dayTitle(date, en)}</span>
            {lunar ? <Typography.Text type="secondary">{t('schedule.common.lunarDay', { lunar })}</Typography.Text> : null}
          </Space>
        ) : null
      }
      className="sched-drawer"
    >
      {date && district ? <DistrictDayList day={day} onShowStation={onShowStation} /> : null}
      {date && !district
        ? day.map((r, i) => (
            <div key={r.id}>
              {i > 0 ? <Divider /> : null}
              <ReceptionSection r={r} deputies={deputies} canKeep={canKeep} today={today} onChanged={onChanged} />
            </div>
          ))
        : null}
      {date && !district && day.length === 0 ? (
        canKeep && station && date >= today ? (
          <ExtraDayForm date={date} station={station} deputies={deputies} onCreated={onChanged} />
        ) : (
          <Empty description={t('schedule.calendar.noReception')} />
        )
      ) : null}
    </Drawer>
  );
}

function DistrictDayList({ day, onShowStation }: { day: ReceptionOut[]; onShowStation: (id: string) => void }) {
  const { t } = useTranslation();
  if (!day.length) return <Empty description={t('schedule.calendar.noReceptionDistrict')} />;
  return (
    <div className="sched-district-list">
      {day.map((r) => (
        <div key={r.id} className="sched-district-item">
          <div className="sched-district-item-head">
            <span className="cell-strong">{r.stationName}</span>
            <Button size="small" type="link" onClick={() => onShowStation(r.stationId)}>
              {t('schedule.calendar.openStation')}
            </Button>
          </div>
          <Space wrap size={[4, 4]}>
            <Typography.Text>{hours(r.start, r.end)}</Typography.Text>
            <StatusMarks r={r} />
            {r.deputies.map((d) => (
              <DutyTag key={d.id} name={d.name} source={d.source} />
            ))}
            {r.deputies.length === 0 ? <Typography.Text type="secondary">{t('schedule.common.noDeputies')}</Typography.Text> : null}
          </Space>
        </div>
      ))}
    </div>
  );
}

function StatusMarks({ r }: { r: ReceptionOut }) {
  const { t } = useTranslation();
  return (
    <>
      {r.moved ? <Tag color="gold">{t('schedule.common.movedFrom', { date: r.plannedDate })}</Tag> : null}
      {r.status === 'cancelled' ? (
        <Tag icon={<StopOutlined />}>{t('schedule.common.cancelled')}</Tag>
      ) : r.sessionId ? (
        <Tag color="success">{t('schedule.calendar.recorded')}</Tag>
      ) : null}
      {r.ruleId ? null : <Tag color="blue">{t('schedule.common.extraDay')}</Tag>}
    </>
  );
}

interface SectionProps {
  r: ReceptionOut;
  deputies: Deputy[];
  canKeep: boolean;
  today: string;
  onChanged: () => void;
}

function ReceptionSection({ r, deputies, canKeep, today, onChanged }: SectionProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [cancelling, setCancelling] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancelled = r.status === 'cancelled';

  const restore = async () => {
    setBusy(true);
    try {
      await receptionsApi.restore(r.id, r.version);
      void message.success(t('schedule.calendar.restored'));
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
      onChanged();
    } finally {
      setBusy(false);
    }
  };

  const actions = [
    r.abilities.record ? (
      <Button key="record" type="primary" icon={<FileTextOutlined />} onClick={() => navigate(`/schedule/sessions/new?reception=${r.id}`)}>
        {t('schedule.calendar.startRecord')}
      </Button>
    ) : null,
    r.sessionId ? (
      <Button key="open" icon={<FileTextOutlined />} onClick={() => navigate(`/schedule/sessions/${r.sessionId}`)}>
        {t('schedule.calendar.openRecord')}
      </Button>
    ) : null,
    r.abilities.update && !r.sessionId ? (
      <Button key="cancel" danger icon={<StopOutlined />} onClick={() => setCancelling(true)}>
        {t('schedule.calendar.cancelDay')}
      </Button>
    ) : null,
    cancelled && canKeep && r.date >= today ? (
      <Button key="restore" icon={<RollbackOutlined />} loading={busy} onClick={restore}>
        {t('schedule.calendar.restoreDay')}
      </Button>
    ) : null,
  ].filter(Boolean);
  // those who keep the schedule learn why a past day offers no change
  const pastNote = !r.abilities.update && !cancelled && canKeep && r.date < today;

  return (
    <section className="sched-section" aria-label={hours(r.start, r.end)}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'time', label: t('schedule.common.time'), children: <span className="cell-strong">{hours(r.start, r.end)}</span> },
          { key: 'place', label: t('schedule.common.place'), children: r.place || '—' },
          ...(r.moved ? [{ key: 'planned', label: t('schedule.calendar.plannedDate'), children: t('schedule.common.movedFrom', { date: r.plannedDate }) }] : []),
          ...(cancelled ? [{ key: 'reason', label: t('schedule.calendar.cancelReason'), children: r.cancelReason || '—' }] : []),
          {
            key: 'status',
            label: t('common.status'),
            children: (
              <Space wrap size={4}>
                {cancelled ? <Tag icon={<StopOutlined />}>{t('schedule.common.cancelled')}</Tag> : <Tag color="red">{t('schedule.calendar.scheduled')}</Tag>}
                {r.sessionId ? <Tag color="success">{t('schedule.calendar.recorded')}</Tag> : null}
                {r.ruleId ? null : <Tag color="blue">{t('schedule.common.extraDay')}</Tag>}
              </Space>
            ),
          },
        ]}
      />

      <Typography.Title level={5} className="sched-section-title">
        {t('schedule.common.deputiesOnDuty')}
      </Typography.Title>
      {r.abilities.update ? (
        <DutiesForm r={r} deputies={deputies} onSaved={onChanged} />
      ) : (
        <Space wrap size={[4, 4]}>
          {r.deputies.length ? r.deputies.map((d) => <DutyTag key={d.id} name={d.name} source={d.source} />) : <Typography.Text type="secondary">{t('schedule.common.noDeputies')}</Typography.Text>}
        </Space>
      )}

      {r.abilities.update && r.deputies.length ? <SwapForm r={r} today={today} onSwapped={onChanged} /> : null}

      {actions.length || pastNote ? (
        <div className="sched-section-actions">
          {actions.length ? <Space wrap>{actions}</Space> : null}
          {pastNote ? (
            <Typography.Paragraph type="secondary" className="sched-hint">
              {t('schedule.calendar.pastReadOnly')}
            </Typography.Paragraph>
          ) : null}
        </div>
      ) : null}
      <CancelDialog r={r} open={cancelling} onClose={() => setCancelling(false)} onDone={onChanged} />
    </section>
  );
}

/** The form alternative to dragging: who is on duty that day. */
function DutiesForm({ r, deputies, onSaved }: { r: ReceptionOut; deputies: Deputy[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ deputyIds: string[] }>();
  const current = r.deputies.map((d) => d.id);
  useEffect(() => {
    form.setFieldsValue({ deputyIds: r.deputies.map((d) => d.id) });
  }, [form, r]);
  const options = useMemo(() => {
    const opts = deputies.map((d) => ({ value: d.id, label: d.name }));
    for (const d of r.deputies) if (!opts.some((o) => o.value === d.id)) opts.push({ value: d.id, label: d.name });
    return opts;
  }, [deputies, r.deputies]);
  const { saving, run } = useFormSubmit(form, async (v) => {
    try {
      await receptionsApi.setDuties(r.id, r.version, v.deputyIds ?? []);
    } catch (err) {
      onSaved();
      throw err;
    }
    void message.success(t('schedule.calendar.dutiesSaved'));
    onSaved();
  });
  const value = Form.useWatch('deputyIds', form);
  const changed = JSON.stringify(value ?? current) !== JSON.stringify(current);
  return (
    <Form form={form} layout="vertical" onFinish={run} initialValues={{ deputyIds: current }} className="sched-duties-form">
      <Form.Item name="deputyIds" extra={t('schedule.calendar.dutiesHelp')} className="sched-compact-item">
        <Select mode="multiple" options={options} placeholder={t('schedule.calendar.chooseDeputies')} optionFilterProp="label" aria-label={t('schedule.common.deputiesOnDuty')} />
      </Form.Item>
      <Button htmlType="submit" type={changed ? 'primary' : 'default'} disabled={!changed} loading={saving}>
        {t('schedule.calendar.saveDuties')}
      </Button>
    </Form>
  );
}

/** Two deputies trade days: this day's deputy with a deputy of another day of the station. */
function SwapForm({ r, today, onSwapped }: { r: ReceptionOut; today: string; onSwapped: () => void }) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ mine?: string; otherDay?: string; theirs?: string }>();
  const from = r.date > today ? today : r.date;
  const others = useAsync(
    (signal) => (open ? receptionsApi.list({ stationId: r.stationId, from: addDays(from, -31), to: addDays(from, 180) }, signal).then((x) => x.items) : Promise.resolve([])),
    [open, r.stationId, from],
  );
  const candidates = (others.data ?? []).filter((o) => o.id !== r.id && o.abilities.update && o.deputies.length > 0);
  const otherId = Form.useWatch('otherDay', form);
  const mine = Form.useWatch('mine', form);
  const other = candidates.find((o) => o.id === otherId);
  const { saving, run } = useFormSubmit(form, async (v) => {
    if (!other || !v.mine || !v.theirs) return;
    try {
      await receptionsApi.swap({ receptionId: r.id, deputyId: v.mine, version: r.version }, { receptionId: other.id, deputyId: v.theirs, version: other.version });
    } catch (err) {
      onSwapped();
      throw err;
    }
    void message.success(t('schedule.calendar.swapped'));
    onSwapped();
  });
  if (!open) {
    return (
      <Button className="sched-swap-open" icon={<SwapOutlined />} onClick={() => setOpen(true)}>
        {t('schedule.calendar.swapWithOther')}
      </Button>
    );
  }
  const r0 = rules(t);
  return (
    <div className="sched-swap">
      <Typography.Title level={5} className="sched-section-title">
        <SwapOutlined /> {t('schedule.calendar.swapTitle')}
      </Typography.Title>
      <Form form={form} layout="vertical" onFinish={run} className="sched-swap-form">
        <Form.Item name="mine" label={t('schedule.calendar.swapMine')} rules={[r0.requiredSelect(t('schedule.calendar.swapMine'))]} className="sched-compact-item">
          <Select options={r.deputies.map((d) => ({ value: d.id, label: d.name }))} placeholder={t('common.pleaseSelect')} />
        </Form.Item>
        <Form.Item name="otherDay" label={t('schedule.calendar.swapDay')} rules={[r0.requiredSelect(t('schedule.calendar.swapDay'))]} className="sched-compact-item">
          <Select
            loading={others.loading}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.pleaseSelect')}
            onChange={() => form.setFieldValue('theirs', undefined)}
            notFoundContent={others.loading ? t('common.loading') : t('schedule.calendar.swapNoDays')}
            options={candidates.map((o) => ({ value: o.id, label: `${dayTitle(o.date, en)} · ${o.deputies.map((d) => d.name).join('、')}` }))}
          />
        </Form.Item>
        <Form.Item name="theirs" label={t('schedule.calendar.swapTheirs')} rules={[r0.requiredSelect(t('schedule.calendar.swapTheirs'))]} className="sched-compact-item">
          <Select
            disabled={!other}
            placeholder={other ? t('common.pleaseSelect') : t('schedule.calendar.swapDayFirst')}
            options={(other?.deputies ?? []).map((d) => ({ value: d.id, label: d.name, disabled: r.deputies.some((x) => x.id === d.id) }))}
          />
        </Form.Item>
        {other && mine && other.deputies.some((d) => d.id === mine) ? <Alert type="warning" showIcon title={t('schedule.calendar.swapAlreadyThere')} className="sched-compact-item" /> : null}
        <Space>
          <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving} icon={<SwapOutlined />}>
            {t('schedule.calendar.swapSubmit')}
          </Button>
        </Space>
      </Form>
    </div>
  );
}

function CancelDialog({ r, open, onClose, onDone }: { r: ReceptionOut; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, submit } = useFormSubmit(form, async (v) => {
    try {
      await receptionsApi.cancel(r.id, r.version, v.reason.trim());
    } catch (err) {
      onDone();
      throw err;
    }
    void message.success(t('schedule.calendar.cancelledToast'));
    onClose();
    onDone();
  });
  const r0 = rules(t);
  return (
    <Modal
      open={open}
      title={t('schedule.calendar.cancelTitle')}
      okText={t('schedule.calendar.cancelDay')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('schedule.calendar.cancelLead')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('schedule.calendar.cancelReason')} rules={[r0.required(t('schedule.calendar.cancelReason')), r0.max(t('schedule.calendar.cancelReason'), 200)]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('schedule.calendar.cancelPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ExtraValues {
  startTime?: Dayjs;
  endTime?: Dayjs;
  place?: string;
  deputyIds?: string[];
}

/** A reception day outside the rules (a special session, a make-up day). */
function ExtraDayForm({ date, station, deputies, onCreated }: { date: string; station: Station; deputies: Deputy[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ExtraValues>();
  const [open, setOpen] = useState(false);
  const r0 = rules(t);
  const { saving, run } = useFormSubmit(form, async (v) => {
    await receptionsApi.create({
      stationId: station.id,
      date,
      startTime: v.startTime?.format('HH:mm') ?? '',
      endTime: v.endTime?.format('HH:mm') ?? '',
      place: text(v.place) || undefined,
      deputyIds: v.deputyIds ?? [],
    });
    void message.success(t('schedule.calendar.extraCreated'));
    onCreated();
  });
  return (
    <div>
      <Empty description={t('schedule.calendar.noReception')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      {!open ? (
        <div className="sched-center">
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('schedule.calendar.addExtra')}
          </Button>
        </div>
      ) : (
        <Form<ExtraValues>
          form={form}
          layout="vertical"
          onFinish={run}
          initialValues={{ startTime: dayjs('09:00', 'HH:mm'), endTime: dayjs('11:30', 'HH:mm'), deputyIds: [] }}
          className="sched-extra-form"
        >
          <Alert type="info" showIcon title={t('schedule.calendar.extraLead')} className="sched-compact-item" />
          <Space wrap>
            <Form.Item name="startTime" label={t('schedule.common.startTime')} rules={[r0.requiredSelect(t('schedule.common.startTime'))]}>
              <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} />
            </Form.Item>
            <Form.Item name="endTime" label={t('schedule.common.endTime')} rules={[r0.requiredSelect(t('schedule.common.endTime'))]}>
              <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} />
            </Form.Item>
          </Space>
          <Form.Item name="place" label={t('schedule.common.place')} rules={[r0.max(t('schedule.common.place'), 100)]}>
            <Input maxLength={100} prefix={<EnvironmentOutlined />} placeholder={t('schedule.rules.placePlaceholder')} />
          </Form.Item>
          <Form.Item name="deputyIds" label={t('schedule.common.deputiesOnDuty')}>
            <Select mode="multiple" options={deputies.map((d) => ({ value: d.id, label: d.name }))} optionFilterProp="label" placeholder={t('schedule.calendar.chooseDeputies')} />
          </Form.Item>
          <Space>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('schedule.calendar.addExtraSubmit')}
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
