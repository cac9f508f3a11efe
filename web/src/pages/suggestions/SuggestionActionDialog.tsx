/**
 * The buttons of what the caller may do to a suggestion now (`abilities`) and one dialog per action
 * with its fields (docs/plans/suggestions-api.md), sent with the version the page last loaded through
 * the console's shared ActionDialog (409: the server's message and a reload).
 */
import { Alert, Button, DatePicker, Descriptions, Form, Input, InputNumber, List, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  EVALUATION_RATINGS,
  EVALUATION_RATING_LABELS,
  REPLY_CATEGORIES,
  REPLY_CATEGORY_LABELS,
  SUGGESTION_ACTIONS,
  SUGGESTION_ACTION_LABELS,
  SUGGESTION_LIMITS,
  SUGGESTION_PERIODS,
  SUGGESTION_PERIOD_LABELS,
  type EvaluationRating,
  type ReplyCategory,
  type SuggestionAction,
  type SuggestionDetail,
  type SuggestionPeriod,
} from '../../../../shared/suggestions.ts';
import { caseCategoriesApi } from '../../api/cases.ts';
import { suggestionsApi, type SuggestionActionBodies } from '../../api/suggestions.ts';
import type { Department } from '../../api/types.ts';
import { ActionDialog } from '../../components/ActionDialog.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useEnumOptions, useLabel } from '../../i18n/labels.ts';
import { text } from '../../utils/form-values.ts';
import { formatDate, formatDateTime } from '../../utils/format.ts';
import { rules as formRules } from '../../utils/rules.ts';

/** The step that moves the suggestion forward comes first and is the primary button. */
const FORWARD: SuggestionAction[] = ['submit', 'sign', 'register', 'assign', 'reply', 'evaluate', 'approve-extension', 'co-opinion'];
const DANGER: SuggestionAction[] = ['return', 'withdraw', 'decline'];
const WIDE: SuggestionAction[] = ['assign', 'reply', 'evaluate', 'register'];

export function SuggestionActions({ s, onAction }: { s: SuggestionDetail; onAction: (a: SuggestionAction) => void }) {
  const { t } = useTranslation();
  const L = useLabel();
  const allowed = SUGGESTION_ACTIONS.filter((a) => s.abilities[a]);
  if (!allowed.length) return null;
  const primary = FORWARD.find((a) => allowed.includes(a));
  const ordered = primary ? [primary, ...allowed.filter((a) => a !== primary)] : allowed;
  return (
    <Space wrap size={8} className="sug-actions">
      {ordered.map((a) => (
        <Button key={a} type={a === primary ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => onAction(a)}>
          {a === 'publish' && s.published ? t('suggestions.actions.unpublish') : L(SUGGESTION_ACTION_LABELS, a)}
        </Button>
      ))}
    </Space>
  );
}

interface Values {
  reason?: string;
  period?: SuggestionPeriod;
  congress?: string;
  category?: string;
  leadDepartmentId?: string;
  coDepartmentIds?: string[];
  dueAt?: Dayjs | null;
  content?: string;
  months?: number | null;
  approve?: boolean;
  note?: string;
  rating?: EvaluationRating;
  comment?: string;
}

const opt = (s: string | undefined) => (text(s) ? text(s) : undefined);

/** The deadline the assign dialog proposes: three months from today. */
const defaultDue = () => dayjs().add(SUGGESTION_LIMITS.replyMonths, 'month');

function bodyOf<A extends SuggestionAction>(action: A, v: Values, s: SuggestionDetail): SuggestionActionBodies[A] {
  const bodies: { [K in SuggestionAction]: () => SuggestionActionBodies[K] } = {
    submit: () => ({}),
    withdraw: () => ({ reason: opt(v.reason) }),
    return: () => ({ reason: text(v.reason) }),
    register: () => ({ period: v.period ?? 'recess', congress: opt(v.congress), category: v.category ?? undefined }),
    // the default deadline is the server's (on its clock): a date is sent only when the user chose another
    assign: () => ({
      leadDepartmentId: v.leadDepartmentId ?? '',
      coDepartmentIds: v.coDepartmentIds ?? [],
      dueAt: v.dueAt && !v.dueAt.isSame(defaultDue(), 'day') ? v.dueAt.format('YYYY-MM-DD') : undefined,
    }),
    'co-opinion': () => ({ content: text(v.content) }),
    'request-extension': () => ({ months: v.months ?? 0, reason: text(v.reason) }),
    'approve-extension': () => ({ approve: v.approve === true, note: opt(v.note) }),
    reply: () => ({ category: (v.category ?? '') as ReplyCategory, content: text(v.content) }),
    evaluate: () => ({ rating: v.rating ?? 'satisfied', comment: opt(v.comment) }),
    supervise: () => ({ note: text(v.note) }),
    publish: () => ({ published: !s.published }),
    sign: () => ({}),
    decline: () => ({}),
  };
  return bodies[action]() as SuggestionActionBodies[A];
}

interface Props {
  s: SuggestionDetail;
  action: SuggestionAction | null;
  onClose: () => void;
  onDone: (updated: SuggestionDetail, action: SuggestionAction) => void;
  /** The suggestion changed under us (409): close and reload. */
  onStale: () => void;
}

export function SuggestionActionDialog({ s, action, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const L = useLabel();
  const label = !action ? '' : action === 'publish' && s.published ? t('suggestions.actions.unpublish') : L(SUGGESTION_ACTION_LABELS, action);
  const initialValues: Values =
    action === 'assign'
      ? { dueAt: defaultDue(), coDepartmentIds: [] }
      : action === 'approve-extension'
        ? { approve: true }
        : action === 'register'
          ? { period: s.period ?? 'recess', category: s.category ?? undefined }
          : action === 'request-extension'
            ? { months: 1 }
            : {};
  return (
    <ActionDialog<Values>
      open={!!action}
      title={t('suggestions.actions.dialogTitle', { action: label, name: s.number ?? s.title })}
      okText={label}
      danger={!!action && DANGER.includes(action)}
      width={action && WIDE.includes(action) ? 640 : 540}
      initialValues={initialValues}
      onClose={onClose}
      onStale={onStale}
      onSubmit={async (v) => {
        if (!action) return;
        const out = await suggestionsApi.act(s.id, action, s.version, bodyOf(action, v, s));
        onDone(out, action);
      }}
    >
      {action ? <ActionFields action={action} s={s} /> : null}
    </ActionDialog>
  );
}

function ActionFields({ action, s }: { action: SuggestionAction; s: SuggestionDetail }) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const r = formRules(t);
  const form = Form.useFormInstance<Values>();
  const rating = Form.useWatch('rating', form);
  const lead = Form.useWatch('leadDepartmentId', form);
  const categories = useAsync((signal) => (action === 'register' ? caseCategoriesApi.list(signal) : Promise.resolve(null)), [action]);
  const help = (key: string) => <Typography.Paragraph type="secondary">{t(key)}</Typography.Paragraph>;
  // the help goes above the box: below it, it would run into the character count
  const textArea = (name: keyof Values, labelKey: string, required: boolean, max: number, extra?: string, rows = 4) => (
    <>
      {extra ? <Typography.Paragraph type="secondary">{extra}</Typography.Paragraph> : null}
      <Form.Item name={name} label={t(labelKey)} rules={[...(required ? [r.required(t(labelKey))] : []), r.max(t(labelKey), max)]}>
        <Input.TextArea autoSize={{ minRows: rows, maxRows: rows + 8 }} showCount maxLength={max} />
      </Form.Item>
    </>
  );

  switch (action) {
    case 'submit':
      return help('suggestions.actions.submitHelp');
    case 'withdraw':
      return (
        <>
          {help('suggestions.actions.withdrawHelp')}
          {textArea('reason', 'suggestions.actions.withdrawReason', false, 1000, undefined, 2)}
        </>
      );
    case 'return':
      return textArea('reason', 'suggestions.actions.returnReason', true, 1000, t('suggestions.actions.returnHelp'));
    case 'register':
      return (
        <>
          {help('suggestions.actions.registerHelp')}
          <Form.Item name="period" label={t('suggestions.actions.period')} rules={[r.requiredSelect(t('suggestions.actions.period'))]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={enumOptions(SUGGESTION_PERIODS, SUGGESTION_PERIOD_LABELS)} />
          </Form.Item>
          <Form.Item name="congress" label={t('suggestions.actions.congress')} rules={[r.max(t('suggestions.actions.congress'), 100)]}>
            <Input maxLength={100} placeholder={t('suggestions.actions.congressPlaceholder')} />
          </Form.Item>
          <Form.Item name="category" label={t('suggestions.common.category')}>
            <Select
              allowClear
              showSearch
              loading={categories.loading}
              options={(categories.data?.items ?? []).filter((c) => c.active || c.name === s.category).map((c) => ({ value: c.name, label: c.name }))}
              style={{ width: 240 }}
            />
          </Form.Item>
        </>
      );
    case 'assign':
      return (
        <>
          <Form.Item name="leadDepartmentId" label={t('suggestions.actions.leadDepartment')} rules={[r.requiredSelect(t('suggestions.actions.leadDepartment'))]}>
            <RemoteSelect<Department> path="/departments" query={{ active: true }} toOption={(d) => ({ value: d.id, label: d.name })} placeholder={t('suggestions.actions.departmentPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="coDepartmentIds"
            label={t('suggestions.actions.coDepartments')}
            dependencies={['leadDepartmentId']}
            rules={[{ validator: (_r, ids: string[] | undefined) => (lead && ids?.includes(lead) ? Promise.reject(new Error(t('suggestions.actions.coSameAsLead'))) : Promise.resolve()) }]}
          >
            <RemoteSelect<Department> path="/departments" query={{ active: true }} mode="multiple" toOption={(d) => ({ value: d.id, label: d.name })} placeholder={t('suggestions.actions.departmentPlaceholder')} />
          </Form.Item>
          <Form.Item name="dueAt" label={t('suggestions.actions.dueAt')} extra={t('suggestions.actions.dueHelp')} rules={[r.requiredSelect(t('suggestions.actions.dueAt'))]}>
            <DatePicker
              allowClear={false}
              style={{ width: 200 }}
              disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(SUGGESTION_LIMITS.maxMonths, 'month'), 'day')}
            />
          </Form.Item>
        </>
      );
    case 'co-opinion':
      return textArea('content', 'suggestions.actions.coOpinion', true, 5000, t('suggestions.actions.coOpinionHelp'), 5);
    case 'request-extension': {
      const left = SUGGESTION_LIMITS.maxMonths - SUGGESTION_LIMITS.replyMonths - s.extendedMonths;
      return (
        <>
          <Typography.Paragraph type="secondary">{t('suggestions.actions.extensionHelp', { due: formatDate(s.dueAt), extended: s.extendedMonths })}</Typography.Paragraph>
          <Form.Item name="months" label={t('suggestions.actions.months')} rules={[r.requiredSelect(t('suggestions.actions.months'))]}>
            <InputNumber min={1} max={Math.max(1, Math.min(3, left))} precision={0} style={{ width: 160 }} suffix={t('suggestions.actions.monthsUnit')} />
          </Form.Item>
          {textArea('reason', 'suggestions.actions.extensionReason', true, 1000)}
        </>
      );
    }
    case 'approve-extension':
      return (
        <>
          {s.extensionRequest ? (
            <Descriptions
              size="small"
              column={1}
              bordered
              className="action-extension"
              items={[
                { key: 'months', label: t('suggestions.actions.months'), children: t('suggestions.detail.extendedMonthsValue', { count: s.extensionRequest.months }) },
                { key: 'reason', label: t('suggestions.actions.extensionReason'), children: <span className="pre-wrap">{s.extensionRequest.reason}</span> },
                { key: 'due', label: t('suggestions.common.dueAt'), children: formatDateTime(s.dueAt) },
              ]}
            />
          ) : null}
          <Form.Item name="approve" label={t('suggestions.actions.decision')} rules={[r.requiredSelect(t('suggestions.actions.decision'))]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: true, label: t('suggestions.actions.approve') },
                { value: false, label: t('suggestions.actions.refuse') },
              ]}
            />
          </Form.Item>
          {textArea('note', 'suggestions.actions.decisionNote', false, 1000, undefined, 2)}
        </>
      );
    case 'reply': {
      const opinions = s.departments.filter((d) => d.role === 'co' && d.opinion);
      return (
        <>
          {opinions.length ? (
            <div className="sug-dialog-opinions">
              <Typography.Text strong>{t('suggestions.actions.coOpinionsForLead')}</Typography.Text>
              <List
                size="small"
                dataSource={opinions}
                renderItem={(d) => (
                  <List.Item>
                    <div>
                      <Typography.Text type="secondary">{d.name}</Typography.Text>
                      <div className="pre-wrap">{d.opinion}</div>
                    </div>
                  </List.Item>
                )}
              />
            </div>
          ) : null}
          <Form.Item name="category" label={t('suggestions.actions.replyCategory')} rules={[r.requiredSelect(t('suggestions.actions.replyCategory'))]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={enumOptions(REPLY_CATEGORIES, REPLY_CATEGORY_LABELS)} className="sug-radio-wrap" />
          </Form.Item>
          {textArea('content', 'suggestions.actions.replyContent', true, 10000, t('suggestions.actions.replyHelp'), 6)}
        </>
      );
    }
    case 'evaluate': {
      const unsatisfied = rating === 'unsatisfied';
      const lastRound = s.round >= SUGGESTION_LIMITS.maxRounds;
      return (
        <>
          <Form.Item name="rating" label={t('suggestions.actions.ratingLabel')} rules={[r.requiredSelect(t('suggestions.actions.ratingLabel'))]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={enumOptions(EVALUATION_RATINGS, EVALUATION_RATING_LABELS)} />
          </Form.Item>
          {unsatisfied ? <Alert type="warning" showIcon className="action-alert" title={t(lastRound ? 'suggestions.actions.unsatisfiedLast' : 'suggestions.actions.unsatisfiedFirst')} /> : null}
          <Form.Item
            name="comment"
            label={t('suggestions.actions.comment')}
            dependencies={['rating']}
            rules={[
              ...(unsatisfied ? [{ required: true, whitespace: true, message: t('suggestions.actions.commentRequired') }] : []),
              r.max(t('suggestions.actions.comment'), 2000),
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} showCount maxLength={2000} />
          </Form.Item>
        </>
      );
    }
    case 'supervise':
      return textArea('note', 'suggestions.actions.superviseNote', true, 1000, t('suggestions.actions.superviseHelp'));
    case 'publish':
      return help(s.published ? 'suggestions.actions.unpublishHelp' : 'suggestions.actions.publishHelp');
    case 'sign':
      return help('suggestions.actions.signHelp');
    case 'decline':
      return help('suggestions.actions.declineHelp');
  }
}
