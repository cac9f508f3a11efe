/**
 * 起草代表建议 / 修改建议草稿: one form for both. A new draft is posted whole (from cases chosen on the case
 * list: `?cases=id,id`); an edit sends its version and only what changed. 保存并提交 saves, then submits
 * with the version the save returned. Server refusals that name a field land on that field.
 */
import { App, Alert, Button, Card, Col, Empty, Form, Input, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { CaseOut } from '../../../../shared/cases.ts';
import type { SuggestionDetail } from '../../../../shared/suggestions.ts';
import { caseCategoriesApi, casesApi } from '../../api/cases.ts';
import { deputiesApi } from '../../api/resources.ts';
import { suggestionsApi, type SuggestionBody, type SuggestionChanges } from '../../api/suggestions.ts';
import type { Deputy } from '../../api/types.ts';
import { useAuth, useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { errorText } from '../../utils/errors.ts';
import { changedFields, compact, text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { MultiCasePicker } from '../cases/CasePicker.tsx';
import './suggestions.css';

interface Values {
  title?: string;
  content?: string;
  proposals?: string;
  category?: string;
  leadDeputyId?: string;
  cosponsorIds?: string[];
  caseIds?: string[];
}

const LIMITS = { title: 100, content: 20000, proposals: 10000 } as const;

function bodyOf(v: Values): SuggestionBody {
  return {
    title: text(v.title),
    content: text(v.content),
    proposals: text(v.proposals),
    category: v.category ?? '',
    leadDeputyId: v.leadDeputyId,
    cosponsorIds: v.cosponsorIds ?? [],
    caseIds: v.caseIds ?? [],
  };
}

function changesOf(s: SuggestionDetail, v: Values): SuggestionChanges {
  const before: SuggestionChanges = {
    title: s.title,
    content: s.content,
    proposals: s.proposals,
    category: s.category ?? '',
    cosponsorIds: s.cosponsors.map((c) => c.deputyId),
    caseIds: s.cases.map((c) => c.id),
  };
  const after = bodyOf(v);
  delete after.leadDeputyId;
  return changedFields(before, after as SuggestionChanges);
}

/** The ids in `?cases=a,b` (from the case list's 转为代表建议, or a hot issue's 起草代表建议 with `title` and `content` to start from). */
function caseIdsFrom(params: URLSearchParams): string[] {
  return [...new Set((params.get('cases') ?? '').split(',').map((s) => s.trim()).filter(Boolean))].slice(0, 50);
}

export function SuggestionFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const { t } = useTranslation();
  const loaded = useAsync((signal) => (id ? suggestionsApi.get(id, signal) : Promise.resolve(null)), [id]);
  const crumbs = [
    { title: t('suggestions.crumb'), to: '/suggestions' },
    ...(editing && loaded.data ? [{ title: loaded.data.number ?? loaded.data.title, to: `/suggestions/${id}` }] : []),
    { title: editing ? t('suggestions.form.editTitle') : t('suggestions.form.newTitle') },
  ];
  if (editing) {
    if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
    if (!loaded.data) return <Skeleton active className="page" />;
    if (!loaded.data.abilities.edit) {
      return (
        <div className="page sug-page">
          <PageHeader crumbs={crumbs} title={t('suggestions.form.editTitle')} />
          <Card variant="borderless">
            <Empty description={t('suggestions.form.cannotEdit')} />
          </Card>
        </div>
      );
    }
  }
  return <SuggestionForm key={id ?? 'new'} suggestion={loaded.data ?? null} crumbs={crumbs} />;
}

function SuggestionForm({ suggestion, crumbs }: { suggestion: SuggestionDetail | null; crumbs: { title: string; to?: string }[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const user = useUser();
  const { hasRole } = useAuth();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const r = formRules(t);
  const categories = useAsync((signal) => caseCategoriesApi.list(signal), []);
  // a deputy is always the lead of his/her own; the office chooses whom it drafts for
  const choosesLead = !suggestion && hasRole('admin') && !user.deputyId;
  const leadDeputyId = Form.useWatch('leadDeputyId', form);
  const selfId = suggestion?.leadDeputy.id ?? (choosesLead ? leadDeputyId : user.deputyId) ?? undefined;
  // a deputy drafting his/her own sees his/her name as the roster has it (not the account's display name)
  const me = useAsync((signal) => (!suggestion && user.deputyId ? deputiesApi.get(user.deputyId, signal).catch(() => null) : Promise.resolve(null)), [suggestion, user.deputyId]);

  // the cases chosen on the case list, named by code and title
  const fromCases = useMemo(() => (suggestion ? [] : caseIdsFrom(params)), [suggestion, params]);
  const chosen = useAsync(
    (signal) =>
      Promise.all(fromCases.map((cid) => casesApi.get(cid, signal).catch(() => null))).then((cs) => cs.filter((c): c is CaseOut => c !== null)),
    [fromCases.join(',')],
  );
  const filled = useRef(false);
  useEffect(() => {
    if (filled.current || !chosen.data || suggestion) return;
    filled.current = true;
    form.setFieldValue(
      'caseIds',
      chosen.data.map((c) => c.id),
    );
  }, [chosen.data, suggestion, form]);
  const knownCases = useMemo(
    () => [
      ...(suggestion?.cases.filter((c) => c.visible).map((c) => ({ id: c.id, trackingCode: c.trackingCode, title: c.title, status: c.status as CaseOut['status'] })) ?? []),
      ...(chosen.data ?? []).map((c) => ({ id: c.id, trackingCode: c.trackingCode, title: c.title, status: c.status })),
    ],
    [suggestion, chosen.data],
  );

  // which button sent the form: 保存草稿 or 保存并提交 (a ref: read when the form has validated)
  const submitIntent = useRef(false);
  const [submitting, setSubmitting] = useState(false);
  const { saving, run } = useFormSubmit(form, async (v) => {
    const submit = submitIntent.current;
    let saved: SuggestionDetail;
    if (!suggestion) {
      const body = bodyOf(v);
      if (!choosesLead) delete body.leadDeputyId;
      saved = await suggestionsApi.create(compact(body) as SuggestionBody);
    } else {
      const changes = changesOf(suggestion, v);
      if (Object.keys(changes).length === 0) {
        if (!submit) {
          void message.info(t('suggestions.form.nothingChanged'));
          navigate(`/suggestions/${suggestion.id}`);
          return;
        }
        saved = suggestion;
      } else saved = await suggestionsApi.update(suggestion.id, suggestion.version, changes);
    }
    if (submit) {
      try {
        await suggestionsApi.act(saved.id, 'submit', saved.version, {});
        void message.success(t('suggestions.form.submitted'));
      } catch (err) {
        void message.error(t('suggestions.form.submitFailed', { error: errorText(err) }));
      }
    } else void message.success(suggestion ? t('common.saved') : t('suggestions.form.created'));
    navigate(`/suggestions/${saved.id}`, { replace: !suggestion });
  });

  const initial: Values = suggestion
    ? {
        title: suggestion.title,
        content: suggestion.content,
        proposals: suggestion.proposals,
        category: suggestion.category ?? undefined,
        cosponsorIds: suggestion.cosponsors.map((c) => c.deputyId),
        caseIds: suggestion.cases.map((c) => c.id),
      }
    : {
        cosponsorIds: [],
        caseIds: [],
        // a draft from a hot issue (?title=…&content=…): the deputy edits it before saving
        ...(params.get('title') ? { title: params.get('title')!.slice(0, LIMITS.title) } : {}),
        ...(params.get('content') ? { content: params.get('content')!.slice(0, LIMITS.content) } : {}),
      };

  const canSubmit = !suggestion || suggestion.abilities.submit;
  const submitWith = (submit: boolean) => {
    submitIntent.current = submit;
    setSubmitting(submit);
    form.submit();
  };

  return (
    <div className="page sug-page">
      <PageHeader
        crumbs={crumbs}
        title={suggestion ? t('suggestions.form.editTitle') : t('suggestions.form.newTitle')}
        subtitle={suggestion ? suggestion.title : t('suggestions.form.newSubtitle')}
      />
      {fromCases.length ? (
        <Alert type="info" showIcon className="sug-alert" title={t('suggestions.form.fromCases', { count: fromCases.length })} description={t('suggestions.form.fromCasesHelp')} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void run(v)}
        disabled={saving}
        scrollToFirstError
        className="sug-form"
      >
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <Card variant="borderless" className="sug-block" title={t('suggestions.form.basics')}>
              <Form.Item name="title" label={t('suggestions.common.title')} rules={[r.required(t('suggestions.common.title')), r.max(t('suggestions.common.title'), LIMITS.title)]}>
                <Input maxLength={LIMITS.title} showCount placeholder={t('suggestions.form.titlePlaceholder')} />
              </Form.Item>
              <Form.Item name="content" label={t('suggestions.common.content')} rules={[r.required(t('suggestions.common.content')), r.max(t('suggestions.common.content'), LIMITS.content)]}>
                <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} maxLength={LIMITS.content} showCount placeholder={t('suggestions.form.contentPlaceholder')} />
              </Form.Item>
              <Form.Item name="proposals" label={t('suggestions.common.proposals')} rules={[r.max(t('suggestions.common.proposals'), LIMITS.proposals)]}>
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={LIMITS.proposals} showCount placeholder={t('suggestions.form.proposalsPlaceholder')} />
              </Form.Item>
              <Form.Item name="category" label={t('suggestions.common.category')} className="sug-form-narrow">
                <Select
                  allowClear
                  showSearch
                  loading={categories.loading}
                  placeholder={t('suggestions.form.categoryPlaceholder')}
                  options={(categories.data?.items ?? []).filter((c) => c.active || c.name === suggestion?.category).map((c) => ({ value: c.name, label: c.name }))}
                />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card variant="borderless" className="sug-block" title={t('suggestions.form.people')}>
              {choosesLead ? (
                <Form.Item name="leadDeputyId" label={t('suggestions.common.leadDeputy')} rules={[r.requiredSelect(t('suggestions.common.leadDeputy'))]} extra={t('suggestions.form.leadDeputyHelp')}>
                  <RemoteSelect<Deputy> path="/deputies" query={{ active: true }} toOption={(d) => ({ value: d.id, label: d.name })} placeholder={t('suggestions.form.leadDeputyPlaceholder')} />
                </Form.Item>
              ) : (
                <Form.Item label={t('suggestions.common.leadDeputy')}>
                  <Typography.Text strong>{suggestion?.leadDeputy.name ?? me.data?.name ?? user.displayName}</Typography.Text>
                  {!suggestion ? (
                    <Typography.Text type="secondary" className="sug-form-note">
                      {t('suggestions.form.leadDeputySelf')}
                    </Typography.Text>
                  ) : null}
                </Form.Item>
              )}
              <Form.Item
                name="cosponsorIds"
                label={t('suggestions.common.cosponsors')}
                extra={t('suggestions.form.cosponsorsHelp')}
                rules={[
                  {
                    validator: (_r, ids: string[] | undefined) =>
                      selfId && ids?.includes(selfId) ? Promise.reject(new Error(t('suggestions.form.cosponsorSelf'))) : Promise.resolve(),
                  },
                ]}
              >
                <RemoteSelect<Deputy>
                  path="/deputies"
                  query={{ active: true }}
                  mode="multiple"
                  toOption={(d) => ({ value: d.id, label: d.name })}
                  knownOptions={suggestion?.cosponsors.map((c) => ({ value: c.deputyId, label: c.name })) ?? []}
                  placeholder={t('suggestions.form.cosponsorsPlaceholder')}
                />
              </Form.Item>
            </Card>
            <Card variant="borderless" className="sug-block" title={t('suggestions.form.provenance')}>
              <Form.Item name="caseIds" label={t('suggestions.common.cases')} extra={t('suggestions.form.casesHelp')}>
                <MultiCasePicker known={knownCases} placeholder={t('suggestions.form.casesPlaceholder')} notFound={t('suggestions.form.noCases')} />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <div className="form-footer sug-form-footer">
          <Space>
            <Button onClick={() => navigate(suggestion ? `/suggestions/${suggestion.id}` : '/suggestions')} disabled={false}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => submitWith(false)} loading={saving && !submitting}>
              {suggestion ? t('suggestions.form.save') : t('suggestions.form.saveDraft')}
            </Button>
            {canSubmit ? (
              <Button type="primary" onClick={() => submitWith(true)} loading={saving && submitting}>
                {t('suggestions.form.saveAndSubmit')}
              </Button>
            ) : null}
          </Space>
        </div>
      </Form>
    </div>
  );
}
