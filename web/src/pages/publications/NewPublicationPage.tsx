/**
 * 申请公开办理结果 (opened from a closed case's page, `?caseId=`): the public text pre-filled by the server
 * with the constituent's data masked (GET /cases/:id/publication/draft), edited beside a live preview,
 * saved as a draft or saved and submitted for review. A refusal naming a field lands on it.
 */
import { App, Button, Card, Col, Form, Row, Skeleton, Space } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { PUBLICATION_ACTION_LABELS, type CasePublicationOut } from '../../../../shared/case-publications.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { useLabel } from '../../i18n/labels.ts';
import { MaskingRules, PublicationTextFields, PublicPreview, textsOf, type PublicTexts } from './publication-shared.tsx';
import { publicationsApi } from './publications-api.ts';
import './publications.css';

export function NewPublicationPage() {
  const [params] = useSearchParams();
  const caseId = params.get('caseId') ?? '';
  const { t } = useTranslation();
  const L = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const loaded = useAsync(async (signal) => {
    const state = await publicationsApi.stateOfCase(caseId, signal);
    // Prepared already (by someone else, or in another tab): that one is the place to work.
    if (state.publication) return { state, draft: null };
    return { state, draft: await publicationsApi.draftOfCase(caseId, signal) };
  }, [caseId]);
  const [form] = Form.useForm<PublicTexts>();
  const watched = Form.useWatch([], form) as Partial<PublicTexts> | undefined;
  // A draft saved by the first press; a failed submission then continues from it (no second draft).
  const created = useRef<CasePublicationOut | null>(null);
  const submitAfter = useRef(false);
  const [pressed, setPressed] = useState<'save' | 'submit'>('save');
  const { saving, submit } = useFormSubmit(form, async (values) => {
    const texts = textsOf(values);
    let pub = created.current ? await publicationsApi.update(created.current.id, created.current.version, texts) : await publicationsApi.create(caseId, texts);
    created.current = pub;
    if (submitAfter.current) {
      pub = await publicationsApi.act(pub.id, 'submit', pub.version);
      void message.success(t('publications.dialog.done', { action: L(PUBLICATION_ACTION_LABELS, 'submit') }));
    } else void message.success(t('publications.page.created'));
    navigate(`/publications/${pub.id}`, { replace: true });
  });
  const press = (which: 'save' | 'submit') => {
    submitAfter.current = which === 'submit';
    setPressed(which);
    void submit();
  };

  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Skeleton active className="page" />;
  const { state, draft } = loaded.data;
  if (state.publication) return <Navigate to={`/publications/${state.publication.id}`} replace />;

  return (
    <div className="page pub-page">
      <PageHeader
        crumbs={[{ title: t('publications.page.crumb'), to: '/publications' }, { title: t('publications.page.newTitle') }]}
        title={t('publications.page.newTitle')}
        subtitle={
          <span>
            {t('publications.page.newSubtitle')} · <Link to={`/cases/${caseId}`}>{t('publications.page.case')}</Link>
          </span>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card variant="borderless" className="pub-editor">
            <Form<PublicTexts> form={form} layout="vertical" className="record-form" initialValues={draft ?? undefined} disabled={saving}>
              <PublicationTextFields />
              <Space wrap>
                <Button type="primary" loading={saving && pressed === 'submit'} onClick={() => press('submit')}>
                  {t('publications.page.saveAndSubmit')}
                </Button>
                <Button loading={saving && pressed === 'save'} onClick={() => press('save')}>
                  {t('publications.page.saveDraft')}
                </Button>
                <Button onClick={() => navigate(`/cases/${caseId}`)}>{t('publications.page.cancel')}</Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <MaskingRules />
          <PublicPreview texts={textsOf({ ...draft, ...watched })} p={state.facts} narrow />
        </Col>
      </Row>
    </div>
  );
}
