/**
 * One case action as a dialog (the console's shared ActionDialog): the action's fields
 * (docs/plans/cases-api.md), sent with the version the page last loaded. A 409 (someone else acted
 * first, or the status moved on) shows the server's message and reloads the case; other errors go
 * onto the field they name.
 */
import { BulbOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Radio, Select, Tag, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_ACTION_LABELS, RATINGS, RATING_LABELS, type CaseAction, type CaseAttachmentOut, type CaseOut, type Rating } from '../../../../shared/cases.ts';
import { caseCategoriesApi, casesApi, type CaseActionBodies } from '../../api/cases.ts';
import { routingRulesApi } from '../../api/settings.ts';
import type { Department } from '../../api/types.ts';
import { ActionDialog } from '../../components/ActionDialog.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useEnumOptions, useLabel } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { rules } from '../../utils/rules.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { CasePicker } from './CasePicker.tsx';
import { CategorySuggestion } from './CategorySuggestion.tsx';
import { ReplyHints } from './ReplyHints.tsx';

interface Values {
  note?: string;
  reason?: string;
  reply?: string;
  content?: string;
  departmentId?: string;
  workingDays?: number | null;
  approve?: boolean;
  rating?: Rating;
  intoCaseId?: string;
  attachments?: UploadFile<CaseAttachmentOut>[];
  category?: string;
}

const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
const req = (s: string | undefined) => (s ?? '').trim();
const uploadedIds = (files: UploadFile<CaseAttachmentOut>[] | undefined) =>
  (files ?? []).flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));

const BODY: { [A in CaseAction]: (v: Values) => CaseActionBodies[A] } = {
  accept: (v) => ({ note: opt(v.note), category: v.category || undefined }),
  reject: (v) => ({ reason: req(v.reason) }),
  assign: (v) => ({ departmentId: v.departmentId ?? '', workingDays: v.workingDays ?? undefined, note: opt(v.note), category: v.category || undefined }),
  resolve: (v) => ({ reply: req(v.reply) }),
  'dept-accept': () => ({}),
  return: (v) => ({ reason: req(v.reason) }),
  'request-extension': (v) => ({ workingDays: v.workingDays ?? 0, reason: req(v.reason) }),
  'approve-extension': (v) => ({ approve: v.approve === true, note: opt(v.note) }),
  reply: (v) => {
    const ids = uploadedIds(v.attachments);
    return { content: req(v.content), attachmentIds: ids.length ? ids : undefined };
  },
  feedback: (v) => ({ content: req(v.content) }),
  'follow-up': (v) => ({ rating: v.rating ?? 'satisfied', note: req(v.note) }),
  supervise: (v) => ({ note: req(v.note) }),
  merge: (v) => ({ intoCaseId: v.intoCaseId ?? '' }),
  close: (v) => ({ note: req(v.note) }),
};

const DANGER: CaseAction[] = ['reject', 'return'];
const WIDE: CaseAction[] = ['assign', 'merge', 'reply'];

interface Props {
  c: CaseOut;
  action: CaseAction | null;
  onClose: () => void;
  onDone: (updated: CaseOut, action: CaseAction) => void;
  /** The case changed under us (409): close and reload. */
  onStale: () => void;
}

export function ActionModal({ c, action, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const L = useLabel();
  const { message } = App.useApp();
  const label = action ? L(CASE_ACTION_LABELS, action) : '';
  const category = c.category ?? undefined;
  const initialValues: Values =
    action === 'assign' ? { departmentId: c.suggestedDepartment?.id, category } : action === 'accept' ? { category } : action === 'approve-extension' ? { approve: true } : {};

  return (
    <ActionDialog<Values>
      open={!!action}
      title={t('cases.actions.dialogTitle', { action: label, code: c.trackingCode })}
      okText={label}
      danger={!!action && DANGER.includes(action)}
      width={action && WIDE.includes(action) ? 640 : 540}
      initialValues={initialValues}
      onClose={onClose}
      onStale={onStale}
      onSubmit={async (v) => {
        if (!action) return;
        if ((v.attachments ?? []).some((f) => f.status === 'uploading')) {
          void message.warning(t('cases.actions.waitUpload'));
          return;
        }
        const out = await casesApi.act(c.id, action, c.version, BODY[action](v));
        onDone(out, action);
      }}
    >
      {action ? <ActionFields action={action} c={c} /> : null}
    </ActionDialog>
  );
}

function ActionFields({ action, c }: { action: CaseAction; c: CaseOut }) {
  const { t } = useTranslation();
  const unsatisfied = Form.useWatch('rating', Form.useFormInstance<Values>()) === 'unsatisfied';
  const replyDraft = Form.useWatch(action === 'resolve' ? 'reply' : 'content', Form.useFormInstance<Values>()) as string | undefined;
  const enumOptions = useEnumOptions();
  const r = rules(t);
  const text = (name: keyof Values, labelKey: string, required: boolean, max: number, extra?: string, rows = 4) => (
    <Form.Item name={name} label={t(labelKey)} extra={extra} rules={[...(required ? [r.required(t(labelKey))] : []), r.max(t(labelKey), max)]}>
      <Input.TextArea rows={rows} showCount maxLength={max} />
    </Form.Item>
  );

  switch (action) {
    case 'accept':
      return (
        <>
          <Typography.Paragraph type="secondary">{t('cases.actions.acceptHelp')}</Typography.Paragraph>
          <CategoryField c={c} />
          {text('note', 'cases.actions.acceptNote', false, 1000, undefined, 3)}
        </>
      );
    case 'reject':
      return text('reason', 'cases.actions.rejectReason', true, 1000, t('cases.actions.rejectHelp'));
    case 'assign':
      return (
        <>
          <CategoryField c={c} />
          <DepartmentField c={c} />
          <Form.Item name="workingDays" label={t('cases.actions.workingDays')} extra={t('cases.actions.workingDaysHelp')}>
            <InputNumber min={1} max={60} precision={0} style={{ width: 210 }} placeholder={t('cases.actions.workingDaysDefault')} suffix={t('cases.actions.daysUnit')} />
          </Form.Item>
          {text('note', 'cases.actions.assignNote', false, 1000, undefined, 3)}
        </>
      );
    case 'resolve':
      return (
        <>
          {text('reply', 'cases.actions.resolveReply', true, 5000, t('cases.actions.resolveHelp'), 5)}
          <ReplyHints text={replyDraft} />
        </>
      );
    case 'dept-accept':
      return <Typography.Paragraph>{t('cases.actions.deptAcceptHelp')}</Typography.Paragraph>;
    case 'return':
      return text('reason', 'cases.actions.returnReason', true, 1000, t('cases.actions.returnHelp'));
    case 'request-extension':
      return (
        <>
          <Form.Item
            name="workingDays"
            label={t('cases.actions.extensionDays')}
            rules={[{ required: true, message: t('validation.required', { field: t('cases.actions.extensionDays') }) }]}
          >
            <InputNumber min={1} max={30} precision={0} style={{ width: 210 }} suffix={t('cases.actions.daysUnit')} />
          </Form.Item>
          {text('reason', 'cases.actions.extensionReason', true, 1000)}
        </>
      );
    case 'approve-extension':
      return (
        <>
          {c.extension ? (
            <Descriptions
              size="small"
              column={1}
              bordered
              className="action-extension"
              items={[
                { key: 'days', label: t('cases.extension.days'), children: t('cases.extension.daysValue', { count: c.extension.workingDays }) },
                { key: 'reason', label: t('cases.extension.reason'), children: <span className="pre-wrap">{c.extension.reason}</span> },
                { key: 'at', label: t('cases.extension.requestedAt'), children: formatDateTime(c.extension.requestedAt) },
              ]}
            />
          ) : null}
          <Form.Item name="approve" label={t('cases.actions.decision')} rules={[{ required: true, message: t('validation.select', { field: t('cases.actions.decision') }) }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: true, label: t('cases.actions.approve') },
                { value: false, label: t('cases.actions.refuse') },
              ]}
            />
          </Form.Item>
          {text('note', 'cases.actions.decisionNote', false, 1000, undefined, 3)}
        </>
      );
    case 'reply':
      return (
        <>
          {text('content', 'cases.actions.replyContent', true, 5000, t('cases.actions.replyHelp'), 6)}
          <ReplyHints text={replyDraft} />
          <ReplyAttachments caseId={c.id} />
        </>
      );
    case 'feedback':
      return text('content', 'cases.actions.feedbackContent', true, 5000, t('cases.actions.feedbackHelp'), 5);
    case 'follow-up':
      return (
        <>
          <Form.Item name="rating" label={t('cases.actions.rating')} rules={[{ required: true, message: t('validation.select', { field: t('cases.actions.rating') }) }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={enumOptions(RATINGS, RATING_LABELS)} />
          </Form.Item>
          {unsatisfied ? <Alert type="warning" showIcon className="action-alert" title={t('cases.actions.unsatisfiedHelp')} /> : null}
          {text('note', 'cases.actions.followUpNote', true, 2000, t('cases.actions.followUpHelp'))}
        </>
      );
    case 'supervise':
      return text('note', 'cases.actions.superviseNote', true, 1000, t('cases.actions.superviseHelp'));
    case 'merge':
      return (
        <>
          <Alert type="info" showIcon className="action-alert" title={t('cases.actions.mergeHelp')} />
          <Form.Item name="intoCaseId" label={t('cases.actions.mergeInto')} rules={[r.requiredSelect(t('cases.actions.mergeInto'))]}>
            <CasePicker stationId={c.stationId} excludeId={c.id} />
          </Form.Item>
        </>
      );
    case 'close':
      return text('note', 'cases.actions.closeNote', true, 1000, t('cases.actions.closeHelp'));
  }
}

/** Files go up as soon as they are chosen (POST /cases/:id/attachments); the reply then names their ids. */
function ReplyAttachments({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const customRequest: UploadProps<CaseAttachmentOut>['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File)) return;
    casesApi
      .uploadAttachment(caseId, file)
      .then((a) => onSuccess?.(a))
      .catch((err: unknown) => {
        const text = errorText(err);
        void message.error(t('cases.actions.uploadFailed', { name: file.name, error: text }));
        onError?.(new Error(text));
      });
  };
  return (
    <Form.Item
      name="attachments"
      label={t('cases.actions.attachments')}
      valuePropName="fileList"
      getValueFromEvent={(e: { fileList: UploadFile<CaseAttachmentOut>[] }) => e.fileList}
      extra={t('cases.actions.attachmentsHelp')}
    >
      <Upload<CaseAttachmentOut>
        customRequest={customRequest}
        multiple
        maxCount={10}
        accept="image/*,.pdf,.doc,.docx,.xls,.xlsx"
      >
        <Button icon={<UploadOutlined />}>{t('cases.actions.chooseFiles')}</Button>
      </Upload>
    </Form.Item>
  );
}

/**
 * 类别 in the 受理 and 交办 dialogs: the case's category, to set or correct (the list of the
 * district's active categories); for a case recorded without one (the public form's 不确定),
 * the category model's suggestion under it, to take with one click.
 */
function CategoryField({ c }: { c: CaseOut }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const categories = useAsync((signal) => caseCategoriesApi.list(signal), []);
  const active = (categories.data?.items ?? []).filter((x) => x.active).map((x) => x.name);
  // A category since retired stays choosable as it is (unchanged, it is not sent again as a change).
  const names = c.category && !active.includes(c.category) ? [c.category, ...active] : active;
  return (
    <>
      <Form.Item name="category" label={t('cases.actions.category')} extra={t('cases.actions.categoryHelp')} style={{ marginBottom: c.category ? undefined : 4 }}>
        <Select
          allowClear={!c.category}
          showSearch
          loading={categories.loading}
          placeholder={t('cases.actions.categoryPlaceholder')}
          options={names.map((n) => ({ value: n, label: n }))}
        />
      </Form.Item>
      {c.category ? null : (
        <div className="action-category-suggestion">
          <CategorySuggestion form={form} text={{ title: c.title, content: c.content, stationId: c.stationId }} />
        </div>
      )}
    </>
  );
}

/**
 * 承办单位 in the 交办 dialog, with the routing rules' suggestion for the category chosen above
 * (the case's own when unchanged, `GET /routing/suggest` when staff change it). While the
 * department is still the suggested one, a new suggestion replaces it; a department staff chose
 * themselves stays.
 */
function DepartmentField({ c }: { c: CaseOut }) {
  const { t } = useTranslation();
  const r = rules(t);
  const form = Form.useFormInstance<Values>();
  const category = Form.useWatch('category', form) as string | undefined;
  const [suggested, setSuggested] = useState<{ id: string; name: string } | null>(c.suggestedDepartment);
  const lastSuggested = useRef<string | undefined>(c.suggestedDepartment?.id);
  useEffect(() => {
    if ((category ?? null) === (c.category ?? null)) {
      setSuggested(c.suggestedDepartment);
      return;
    }
    const ctrl = new AbortController();
    routingRulesApi
      .suggest({ category: category ?? null, regionCode: c.regionCode }, ctrl.signal)
      .then((s) => setSuggested(s.department))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [category, c.category, c.suggestedDepartment, c.regionCode]);
  useEffect(() => {
    const current = form.getFieldValue('departmentId') as string | undefined;
    if (suggested && (current === undefined || current === lastSuggested.current)) form.setFieldValue('departmentId', suggested.id);
    lastSuggested.current = suggested?.id;
  }, [suggested, form]);
  return (
    <Form.Item
      name="departmentId"
      label={t('cases.department')}
      rules={[r.requiredSelect(t('cases.department'))]}
      extra={
        suggested ? (
          <span className="suggest-hint">
            <Tag color="gold" icon={<BulbOutlined />}>
              {t('cases.actions.suggested')}
            </Tag>
            {t('cases.actions.suggestedHelp', { name: suggested.name })}
          </span>
        ) : (
          t('cases.actions.noSuggestion')
        )
      }
    >
      <RemoteSelect<Department>
        path="/departments"
        query={{ active: true }}
        toOption={(d) => ({ value: d.id, label: d.name })}
        knownOptions={suggested ? [{ value: suggested.id, label: suggested.name }] : []}
        placeholder={t('cases.actions.departmentPlaceholder')}
      />
    </Form.Item>
  );
}
