/**
 * 活动成果: what an activity agreed or proposed, each optionally followed up as a case — an existing
 * one (searched by tracking code, title or content) or a new one made from the outcome's text.
 * One Idempotency-Key per opened dialog: a retry after a lost answer never makes a second case.
 */
import { DeleteOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Form, Input, Modal, Popconfirm, Radio, Row, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { OUTCOME_CASE_CHANNEL, type ActivityOut, type ActivityOutcomeOut } from '../../../../shared/activities.ts';
import { CASE_CHANNEL_LABELS, type CaseStatus } from '../../../../shared/cases.ts';
import { activitiesApi, type NewCaseIn } from '../../api/activities.ts';
import { caseCategoriesApi } from '../../api/cases.ts';
import { isApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { useLabel } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { compact, text } from '../../utils/form-values.ts';
import { formatDateTime } from '../../utils/format.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { CasePicker } from '../cases/CasePicker.tsx';
import { CaseStatusTag } from '../cases/case-tags.tsx';
import { newIdempotencyKey } from '../cases/NewCasePage.tsx';
import { StationPicker, useActivityStations } from './activity-shared.tsx';

type Write = (action: () => Promise<ActivityOut>, done?: string) => Promise<ActivityOut>;

export function OutcomesCard({ a, write, reload }: { a: ActivityOut; write: Write; reload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = a.abilities.outcomes;
  const [dialog, setDialog] = useState<{ outcome: ActivityOutcomeOut | null } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const remove = async (o: ActivityOutcomeOut) => {
    setRemoving(o.id);
    try {
      await write(() => activitiesApi.removeOutcome(a.id, a.version, o.id), t('activities.outcomes.removed'));
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setRemoving(null);
    }
  };

  return (
    <Card
      variant="borderless"
      className="act-block"
      title={`${t('activities.outcomes.title')}${a.outcomes.length ? ` (${a.outcomes.length})` : ''}`}
      extra={
        can ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ outcome: null })}>
            {t('activities.outcomes.add')}
          </Button>
        ) : null
      }
    >
      {a.outcomes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.outcomes.empty')}>
          {can ? <Typography.Text type="secondary" className="cell-sub">{t('activities.outcomes.emptyHelp')}</Typography.Text> : null}
        </Empty>
      ) : (
        <ol className="act-outcomes">
          {a.outcomes.map((o) => (
            <li key={o.id} className="act-outcome">
              <div className="act-outcome-main">
                <Typography.Paragraph className="act-outcome-text pre-wrap">{o.text}</Typography.Paragraph>
                <div className="act-outcome-case">
                  {o.case ? (
                    <Space size={6} wrap>
                      <LinkOutlined />
                      <Link to={`/cases/${o.case.id}`} className="tracking-code">
                        {o.case.trackingCode}
                      </Link>
                      <CaseStatusTag status={o.case.status as CaseStatus} />
                      <Typography.Text type="secondary" className="act-outcome-case-title" ellipsis={{ tooltip: o.case.title }}>
                        {o.case.title}
                      </Typography.Text>
                    </Space>
                  ) : o.caseLinked ? (
                    <Typography.Text type="secondary">{t('activities.outcomes.linkedOutside')}</Typography.Text>
                  ) : (
                    <Space size={8} wrap>
                      <Typography.Text type="secondary">{t('activities.outcomes.noCase')}</Typography.Text>
                      {can ? (
                        <Button size="small" icon={<LinkOutlined />} onClick={() => setDialog({ outcome: o })}>
                          {t('activities.outcomes.linkAction')}
                        </Button>
                      ) : null}
                    </Space>
                  )}
                </div>
              </div>
              <div className="act-outcome-side">
                <Typography.Text type="secondary" className="cell-sub">
                  {formatDateTime(o.createdAt)}
                </Typography.Text>
                {can ? (
                  <Popconfirm
                    title={t('activities.outcomes.removeConfirm')}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove(o)}
                  >
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} loading={removing === o.id} aria-label={t('common.delete')} />
                  </Popconfirm>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      <OutcomeDialog a={a} outcome={dialog?.outcome ?? null} open={!!dialog} onClose={() => setDialog(null)} write={write} reload={reload} />
    </Card>
  );
}

type CaseMode = 'none' | 'link' | 'new';

interface Values {
  text?: string;
  caseMode: CaseMode;
  caseId?: string;
  newCase?: { title?: string; content?: string; category?: string; stationId?: string; contact?: { name?: string; phone?: string } };
}

/** Adds an outcome (with or without a case), or — given `outcome` — links or creates the case of one that has none. */
function OutcomeDialog({ a, outcome, open, onClose, write, reload }: { a: ActivityOut; outcome: ActivityOutcomeOut | null; open: boolean; onClose: () => void; write: Write; reload: () => void }) {
  const { t } = useTranslation();
  const L = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const r = formRules(t);
  const [key, setKey] = useState(newIdempotencyKey);
  const caseMode = Form.useWatch('caseMode', form);
  const categories = useAsync((signal) => (open ? caseCategoriesApi.list(signal).then((x) => x.items.filter((c) => c.active)) : Promise.resolve(null)), [open]);
  const st = useActivityStations();
  const districtLevel = a.stationId === null;

  const contentEdited = useRef(false);

  useEffect(() => {
    if (!open) return;
    contentEdited.current = false;
    setKey(newIdempotencyKey());
    form.resetFields();
    form.setFieldsValue({ caseMode: outcome ? 'link' : 'none', newCase: { content: outcome?.text ?? '' } });
    // a new form each time the dialog opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const newCaseOf = (v: Values): NewCaseIn => {
    const n = v.newCase ?? {};
    const contact = compact({ name: text(n.contact?.name), phone: text(n.contact?.phone) });
    return compact({
      title: text(n.title),
      content: text(n.content),
      category: n.category,
      stationId: districtLevel ? n.stationId : undefined,
      contact: Object.keys(contact).length ? contact : undefined,
    }) as NewCaseIn;
  };

  const { saving, submit } = useFormSubmit(form, async (v) => {
    const mode = v.caseMode;
    try {
      let out: ActivityOut;
      if (outcome) {
        const body = mode === 'new' ? { newCase: newCaseOf(v) } : { caseId: v.caseId ?? '' };
        out = await write(() => activitiesApi.linkOutcome(a.id, a.version, outcome.id, body));
      } else {
        out = await write(() =>
          activitiesApi.addOutcome(
            a.id,
            a.version,
            { text: text(v.text), caseId: mode === 'link' ? v.caseId : undefined, newCase: mode === 'new' ? newCaseOf(v) : undefined },
            key,
          ),
        );
      }
      const made = mode === 'new' ? (outcome ? out.outcomes.find((o) => o.id === outcome.id) : out.outcomes[out.outcomes.length - 1])?.case : null;
      void message.success(made ? t('activities.outcomes.addedWithCase', { code: made.trackingCode }) : outcome ? t('activities.outcomes.linked') : t('activities.outcomes.added'));
      onClose();
    } catch (err) {
      // this dialog already saved the outcome (its answer was lost) and was then changed: never a second one
      if (isApiError(err) && err.code === 'IDEMPOTENCY_KEY_REUSED') {
        void message.warning(t('activities.outcomes.alreadySubmitted'), 8);
        reload();
        onClose();
        return;
      }
      throw err;
    }
  });

  const channel = L(CASE_CHANNEL_LABELS, OUTCOME_CASE_CHANNEL[a.kind]);
  return (
    <Modal
      open={open}
      title={outcome ? t('activities.outcomes.linkTitle') : t('activities.outcomes.add')}
      okText={t('activities.outcomes.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={680}
    >
      <Form<Values> form={form} layout="vertical" disabled={saving} className="act-outcome-form">
        {outcome ? (
          <Typography.Paragraph className="act-outcome-quote pre-wrap">{outcome.text}</Typography.Paragraph>
        ) : (
          <Form.Item
            name="text"
            label={t('activities.outcomes.text')}
            rules={[r.required(t('activities.outcomes.text')), r.max(t('activities.outcomes.text'), 2000)]}
            extra={t('activities.outcomes.textPublic')}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
              placeholder={t('activities.outcomes.textPlaceholder')}
              onChange={(e) => {
                // the new case's content follows the outcome's text until it is edited on its own
                if (!contentEdited.current) form.setFieldValue(['newCase', 'content'], e.target.value);
              }}
            />
          </Form.Item>
        )}
        <Form.Item name="caseMode" label={t('activities.outcomes.caseMode')}>
          <Radio.Group
            optionType="button"
            options={[
              ...(outcome ? [] : [{ value: 'none', label: t('activities.outcomes.caseNone') }]),
              { value: 'link', label: t('activities.outcomes.caseLink') },
              { value: 'new', label: t('activities.outcomes.caseNew') },
            ]}
          />
        </Form.Item>
        {caseMode === 'link' ? (
          <Form.Item name="caseId" label={t('activities.outcomes.casePick')} rules={[r.requiredSelect(t('activities.outcomes.casePick'))]}>
            <CasePicker placeholder={t('activities.outcomes.casePickPlaceholder')} notFound={t('activities.outcomes.caseNoneFound')} />
          </Form.Item>
        ) : null}
        {caseMode === 'new' ? (
          <div className="act-newcase">
            <Typography.Paragraph type="secondary" className="cell-sub">
              {t('activities.outcomes.newCaseChannel', { channel })}
            </Typography.Paragraph>
            <Form.Item name={['newCase', 'title']} label={t('activities.outcomes.newCaseTitle')} rules={[r.max(t('activities.outcomes.newCaseTitle'), 100)]}>
              <Input maxLength={100} placeholder={t('activities.outcomes.newCaseTitlePlaceholder')} />
            </Form.Item>
            <Form.Item
              name={['newCase', 'content']}
              label={t('activities.outcomes.newCaseContent')}
              rules={[r.max(t('activities.outcomes.newCaseContent'), 5000)]}
              extra={t('activities.outcomes.newCaseContentHelp')}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} onChange={() => (contentEdited.current = true)} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name={['newCase', 'category']} label={t('activities.outcomes.newCaseCategory')}>
                  <Select
                    allowClear
                    showSearch
                    loading={categories.loading}
                    placeholder={t('common.pleaseSelect')}
                    options={(categories.data ?? []).map((c) => ({ value: c.name, label: c.name }))}
                  />
                </Form.Item>
              </Col>
              {districtLevel ? (
                <Col xs={24} sm={12}>
                  <Form.Item
                    name={['newCase', 'stationId']}
                    label={t('activities.outcomes.newCaseStation')}
                    rules={[r.requiredSelect(t('activities.outcomes.newCaseStation'))]}
                    extra={t('activities.outcomes.newCaseStationHelp')}
                  >
                    <StationPicker stations={st.stations} loading={st.loading} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ) : null}
            </Row>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name={['newCase', 'contact', 'name']} label={t('activities.outcomes.contactName')} rules={[r.max(t('activities.outcomes.contactName'), 50)]}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name={['newCase', 'contact', 'phone']} label={t('activities.outcomes.contactPhone')} rules={[r.phone(t('activities.outcomes.contactPhone'))]}>
                  <Input maxLength={30} inputMode="tel" />
                </Form.Item>
              </Col>
            </Row>
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
