/**
 * 登记诉求: staff record what people brought to a reception day, phoned in, wrote, posted in the
 * WeChat group, told a liaison officer or raised at a roundtable. One Idempotency-Key per opened
 * form, so a double click or a retry after a lost answer never makes two cases.
 *
 * Without network (a liaison officer on a round), 登记 keeps the case as a draft on the device
 * with that same key (case-drafts.ts): also when the request was sent and its answer lost, so
 * sending the draft later gives the case the server may already have made, never a second one.
 */
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/org.ts';
import { useNavigate } from 'react-router-dom';
import { CASE_CHANNELS, CASE_CHANNEL_LABELS, CASE_KINDS, CASE_KIND_LABELS, type CaseChannel, type CaseKind } from '../../../../shared/cases.ts';
import { caseCategoriesApi, casesApi, type CaseCreated, type CaseCreateInput } from '../../api/cases.ts';
import { isApiError } from '../../api/client.ts';
import { stationsApi } from '../../api/resources.ts';
import type { Deputy, Station } from '../../api/types.ts';
import { useAuth, useUser } from '../../auth/AuthContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { fieldPath } from '../../utils/errors.ts';
import { compact, text } from '../../utils/form-values.ts';
import { rules } from '../../utils/rules.ts';
import { isTransient, putDraft, removeDraft, type CaseDraft } from './case-drafts.ts';
import { CaseDraftsCard } from './CaseDrafts.tsx';
import { CategorySuggestion } from './CategorySuggestion.tsx';
import { SimilarCases } from './SimilarCases.tsx';
import './cases.css';

interface Values {
  channel?: CaseChannel;
  stationId?: string;
  kind: CaseKind;
  category?: string;
  urgent: boolean;
  title?: string;
  content: string;
  anonymous: boolean;
  noPublish: boolean;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  address?: string;
  deputyIds?: string[];
}

/** A v4 UUID; `crypto.randomUUID` exists only on https or localhost, and offices often use plain http on their network. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The channels each role may record through (the server's rule in cases.policy `mayRecord`; it
 * has the last word): liaison officers what they hear on their rounds, deputies what reaches them
 * at receptions, visits and roundtables; station staff and the office every channel.
 */
export function channelsFor(roles: readonly Role[]): readonly CaseChannel[] {
  if (roles.includes('admin') || roles.includes('station')) return CASE_CHANNELS;
  const out = new Set<CaseChannel>();
  if (roles.includes('liaison')) for (const c of ['visit', 'phone', 'wechat'] as const) out.add(c);
  if (roles.includes('deputy')) for (const c of ['reception', 'visit', 'roundtable'] as const) out.add(c);
  return CASE_CHANNELS.filter((c) => out.has(c));
}

/** Server field (body.…) → form field, where the form names it differently. */
const FIELD_OF: Record<string, keyof Values> = { 'contact.name': 'contactName', 'contact.phone': 'contactPhone', 'contact.email': 'contactEmail', 'location.address': 'address' };

function toInput(v: Values): CaseCreateInput {
  const contact = compact({ name: text(v.contactName), phone: text(v.contactPhone), email: text(v.contactEmail) });
  const address = text(v.address);
  return {
    channel: v.channel as CaseChannel,
    stationId: v.stationId ?? '',
    content: v.content.trim(),
    title: text(v.title) || undefined,
    kind: v.kind,
    category: v.category || undefined,
    urgent: v.urgent,
    anonymous: v.anonymous,
    noPublish: v.noPublish || undefined,
    contact: Object.keys(contact).length ? contact : undefined,
    location: address ? { address } : undefined,
    deputyIds: v.deputyIds?.length ? v.deputyIds : undefined,
  };
}

export function NewCasePage() {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const user = useUser();
  const { hasRole } = useAuth();
  const [form] = Form.useForm<Values>();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  // the refused draft being edited: its key is the form's until it is recorded
  const [editing, setEditing] = useState<CaseDraft | null>(null);
  const stationId = Form.useWatch('stationId', form);
  const anonymous = Form.useWatch('anonymous', form);
  const categories = useAsync((signal) => caseCategoriesApi.list(signal), []);
  // the user's own station is filled in: its name, not its id
  const own = useAsync((signal) => (user.stationId ? stationsApi.get(user.stationId, signal) : Promise.resolve(null)), [user.stationId]);
  const r = rules(t);

  /** Keeps the case as a draft with the form's key, then starts a new form. */
  const keepAsDraft = (v: Values, input: CaseCreateInput, afterFailure: boolean) => {
    putDraft(user.id, {
      key: idempotencyKey,
      input,
      values: { ...v },
      stationName: own.data && own.data.id === input.stationId ? own.data.name : undefined,
      savedAt: new Date().toISOString(),
    });
    void message.warning(t(afterFailure ? 'caseDrafts.savedAfterFailure' : 'caseDrafts.savedOffline'), 6);
    setEditing(null);
    setIdempotencyKey(newIdempotencyKey());
    form.resetFields();
    window.scrollTo({ top: 0 });
  };

  const editDraft = (d: CaseDraft) => {
    setEditing(d);
    // The server refused this key's request, so it holds no case for it: the edited request may use it.
    setIdempotencyKey(d.key);
    form.resetFields();
    form.setFieldsValue(d.values as Partial<Values>);
    // the server's refusal on the field it names (body.contact.phone → contactPhone…)
    const path = fieldPath(d.error?.field);
    const name = path ? (FIELD_OF[path.join('.')] ?? path[0]) : undefined;
    if (name && d.error) form.setFields([{ name: name as keyof Values, errors: [d.error.message] }]);
    window.scrollTo({ top: 0 });
  };

  const stopEditing = () => {
    setEditing(null);
    setIdempotencyKey(newIdempotencyKey());
    form.resetFields();
  };

  const { saving, run } = useFormSubmit(form, async (v) => {
    let out: CaseCreated;
    const input = toInput(v);
    if (!navigator.onLine) {
      keepAsDraft(v, input, false);
      return;
    }
    try {
      out = await casesApi.create(input, idempotencyKey);
    } catch (err) {
      // No answer (network) or a failing server: the request may have made the case; the draft's
      // later sending with the same key gets that case, or makes it once.
      if (isTransient(err)) {
        keepAsDraft(v, input, true);
        return;
      }
      // This form already made a case (its answer was lost) and was then changed: do not make a second one.
      if (isApiError(err) && err.code === 'IDEMPOTENCY_KEY_REUSED') {
        void message.warning(t('cases.alreadySubmitted'), 8);
        return;
      }
      throw err;
    }
    if (editing) removeDraft(user.id, editing.key);
    void message.success(t('cases.createdToast', { code: out.trackingCode }));
    navigate(`/cases/${out.id}`, { replace: true, state: { created: out.trackingCode } });
  });

  const channels = channelsFor(user.roles);
  const initialValues: Partial<Values> = {
    // staff choose each time; a liaison officer is mostly on a visit, a deputy at a reception
    channel: hasRole('admin', 'station') ? undefined : channels[0],
    stationId: user.stationId ?? undefined,
    kind: 'problem',
    urgent: false,
    anonymous: false,
    noPublish: false,
  };

  return (
    <div className="page new-case-page">
      <PageHeader crumbs={[{ title: t('menu.cases'), to: '/cases' }, { title: t('cases.create') }]} title={t('cases.newTitle')} subtitle={t('cases.newSubtitle')} />
      <CaseDraftsCard onEdit={editDraft} />
      {editing ? (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title={t('caseDrafts.editing')}
          action={
            <Button size="small" onClick={stopEditing}>
              {t('caseDrafts.cancelEdit')}
            </Button>
          }
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" className="record-form" initialValues={initialValues} onFinish={run} scrollToFirstError disabled={saving}>
        <Card variant="borderless" title={t('cases.sections.source')} className="form-card">
          <Form.Item name="channel" label={t('cases.channel')} rules={[r.requiredSelect(t('cases.channel'))]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={enumOptions(channels, CASE_CHANNEL_LABELS)} className="channel-radios" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="stationId" label={t('cases.station')} rules={[r.requiredSelect(t('cases.station'))]} extra={t('cases.stationHelp')}>
                <RemoteSelect<Station>
                  path="/stations"
                  query={{ active: true }}
                  toOption={(s) => ({ value: s.id, label: s.name })}
                  knownOptions={own.data ? [{ value: own.data.id, label: own.data.name }] : []}
                  onChange={() => form.setFieldValue('deputyIds', [])}
                  placeholder={t('cases.stationPlaceholder')}
                  allowClear={false}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="deputyIds" label={t('cases.deputies')} extra={t('cases.deputiesHelp')}>
                <RemoteSelect<Deputy>
                  path="/deputies"
                  query={{ stationId, active: true }}
                  toOption={(d) => ({ value: d.id, label: d.name })}
                  mode="multiple"
                  disabled={!stationId}
                  placeholder={stationId ? t('cases.deputiesPlaceholder') : t('cases.chooseStationFirst')}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card variant="borderless" title={t('cases.sections.content')} className="form-card">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('cases.kind')}>
                <Select options={enumOptions(CASE_KINDS, CASE_KIND_LABELS)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="category" label={t('cases.category')} extra={t('cases.categoryHelp')}>
                <Select
                  allowClear
                  showSearch
                  loading={categories.loading}
                  placeholder={t('common.pleaseSelect')}
                  options={(categories.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.name, label: c.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="urgent" label={t('cases.urgentLabel')} valuePropName="checked" extra={t('cases.urgentHelp')}>
                <Switch checkedChildren={t('cases.urgent')} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="title" label={t('cases.caseTitle')} rules={[r.max(t('cases.caseTitle'), 100)]} extra={t('cases.titleHelp')}>
                <Input placeholder={t('cases.titlePlaceholder')} maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="content" label={t('cases.content')} rules={[r.required(t('cases.content')), r.max(t('cases.content'), 5000)]}>
                <Input.TextArea rows={7} showCount maxLength={5000} placeholder={t('cases.contentPlaceholder')} />
              </Form.Item>
            </Col>
            <Col span={24}><CategorySuggestion form={form} /></Col>
            <Col span={24}>
              <Form.Item name="address" label={t('cases.location')} rules={[r.max(t('cases.location'), 200)]}>
                <Input placeholder={t('cases.locationPlaceholder')} maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <SimilarCases form={form} />

        <Card variant="borderless" title={t('cases.sections.person')} className="form-card">
          <Form.Item name="anonymous" label={t('cases.anonymous')} valuePropName="checked" extra={t('cases.anonymousHelp')}>
            <Switch />
          </Form.Item>
          {anonymous ? <Alert type="info" showIcon className="form-alert" title={t('cases.anonymousNote')} /> : null}
          <Form.Item name="noPublish" valuePropName="checked" extra={t('cases.noPublishHelp')}>
            <Checkbox>{t('cases.noPublish')}</Checkbox>
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="contactName" label={t('cases.contact.name')} rules={[r.max(t('cases.contact.name'), 40)]}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactPhone" label={t('cases.contact.phone')} rules={[r.phone(t('cases.contact.phone'))]}>
                <Input maxLength={30} inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="contactEmail"
                label={t('cases.contact.email')}
                rules={[{ type: 'email', message: t('cases.emailInvalid') }, r.max(t('cases.contact.email'), 120)]}
              >
                <Input maxLength={120} inputMode="email" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary" className="cell-sub">
            {t('cases.contactPrivacy')}
          </Typography.Text>
        </Card>

        <div className="form-footer">
          <Space>
            <Button onClick={() => navigate(-1)}>
              {t('common.cancel')}
            </Button>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('cases.submit')}
            </Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}
