/**
 * One publication: status and the actions its `abilities` allow in the header; the return or withdrawal
 * reason; the public text as /results/:id will show it, or the editor (修改文本) while it may be edited;
 * the process (who prepared, submitted, reviewed, when) and the masking rules.
 */
import { EditOutlined, ExportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Row, Skeleton, Space } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PUBLICATION_ACTION_LABELS, type CasePublicationOut, type PublicationAction } from '../../../../shared/case-publications.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { dash, formatDateTime } from '../../utils/format.ts';
import { MaskingRules, PublicationActionDialog, PublicationActions, PublicationStatusTag, PublicationTextFields, PublicPreview, textsOf, type PublicTexts } from './publication-shared.tsx';
import { publicationsApi } from './publications-api.ts';
import './publications.css';

interface EditorProps {
  p: CasePublicationOut;
  /** Saved (and submitted when asked): the editor closes. */
  onSaved: (out: CasePublicationOut, submitted: boolean) => void;
  /** Saved but the submission was refused (its message is on the field): the page takes the new version, the editor stays. */
  onProgress: (out: CasePublicationOut) => void;
  onCancel: () => void;
}

function Editor({ p, onSaved, onProgress, onCancel }: EditorProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PublicTexts>();
  // Which button was pressed: read when the form's values are sent (state would lag a render behind).
  const submitAfter = useRef(false);
  const [pressed, setPressed] = useState<'save' | 'submit'>('save');
  const { saving, submit } = useFormSubmit(form, async (values) => {
    const saved = await publicationsApi.update(p.id, p.version, textsOf(values));
    if (!submitAfter.current) return onSaved(saved, false);
    onProgress(saved);
    onSaved(await publicationsApi.act(saved.id, 'submit', saved.version), true);
  });
  const press = (which: 'save' | 'submit') => {
    submitAfter.current = which === 'submit';
    setPressed(which);
    void submit();
  };
  return (
    <Card variant="borderless" title={t('publications.page.edit')} className="pub-editor">
      <Form<PublicTexts> form={form} layout="vertical" className="record-form" initialValues={{ title: p.title, summary: p.summary, result: p.result }} disabled={saving}>
        <PublicationTextFields />
        <Space wrap>
          {p.abilities.submit ? (
            <Button
              type="primary"
              loading={saving && pressed === 'submit'}
              onClick={() => press('submit')}
            >
              {t('publications.page.saveAndSubmit')}
            </Button>
          ) : null}
          <Button
            type={p.abilities.submit ? 'default' : 'primary'}
            loading={saving && pressed === 'save'}
            onClick={() => press('save')}
          >
            {t('publications.page.save')}
          </Button>
          <Button onClick={onCancel}>{t('publications.page.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

export function PublicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const L = useLabel();
  const { message } = App.useApp();
  const loaded = useAsync((signal) => publicationsApi.get(id, signal), [id]);
  const [updated, setUpdated] = useState<CasePublicationOut | null>(null);
  const [action, setAction] = useState<PublicationAction | null>(null);
  const [editing, setEditing] = useState(false);

  const p = updated && updated.id === id && (!loaded.data || updated.version >= loaded.data.version) ? updated : loaded.data;
  const reload = () => {
    setUpdated(null);
    loaded.reload();
  };
  if (loaded.error && !p) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!p) return <Skeleton active className="page" />;

  return (
    <div className="page pub-page">
      <PageHeader
        crumbs={[{ title: t('publications.page.crumb'), to: '/publications' }, { title: p.trackingCode }]}
        title={
          <Space size={10} wrap>
            <span>{p.title || '—'}</span>
            <PublicationStatusTag status={p.status} />
          </Space>
        }
        subtitle={
          <Space size={12} wrap>
            <span>
              {t('publications.page.case')}：
              <Link to={`/cases/${p.caseId}`} className="tracking-code">
                {p.trackingCode}
              </Link>{' '}
              {p.caseTitle}
            </span>
            <span>{p.stationName}</span>
          </Space>
        }
        extra={
          <Space wrap size={8}>
            {p.abilities.update && !editing ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('publications.page.edit')}
              </Button>
            ) : null}
            <PublicationActions p={p} onAction={setAction} />
          </Space>
        }
      />

      {p.status === 'returned' && p.returnReason ? <Alert type="warning" showIcon className="pub-alert" title={t('publications.page.returned', { reason: p.returnReason })} /> : null}
      {p.status === 'withdrawn' ? (
        <Alert type="info" showIcon className="pub-alert" title={t('publications.page.withdrawn', { reason: p.withdrawReason ? `：${p.withdrawReason}` : '' })} />
      ) : null}
      {p.status === 'published' ? (
        <Alert
          type="success"
          showIcon
          className="pub-alert"
          title={t('publications.page.published')}
          action={
            <a href={`/results/${p.id}`} target="_blank" rel="noreferrer">
              <Button size="small" icon={<ExportOutlined />}>
                {t('publications.page.openPublic')}
              </Button>
            </a>
          }
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          {editing && p.abilities.update ? (
            <Editor
              p={p}
              onCancel={() => setEditing(false)}
              onProgress={setUpdated}
              onSaved={(out, submitted) => {
                setEditing(false);
                setUpdated(out);
                void message.success(submitted ? t('publications.dialog.done', { action: L(PUBLICATION_ACTION_LABELS, 'submit') }) : t('publications.page.saved'));
              }}
            />
          ) : (
            <PublicPreview texts={p} p={p} />
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Card variant="borderless" title={t('publications.page.process')} className="side-card">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'status', label: t('publications.list.status'), children: <PublicationStatusTag status={p.status} /> },
                { key: 'preparedBy', label: t('publications.page.preparedBy'), children: dash(p.preparedBy) },
                { key: 'createdAt', label: t('publications.page.createdAt'), children: formatDateTime(p.createdAt) },
                { key: 'submittedAt', label: t('publications.page.submittedAt'), children: p.submittedAt ? formatDateTime(p.submittedAt) : '—' },
                { key: 'reviewedBy', label: t('publications.page.reviewedBy'), children: dash(p.reviewedBy) },
                { key: 'reviewedAt', label: t('publications.page.reviewedAt'), children: p.reviewedAt ? formatDateTime(p.reviewedAt) : '—' },
                { key: 'publishedAt', label: t('publications.page.publishedAt'), children: p.publishedAt ? formatDateTime(p.publishedAt) : '—' },
                ...(p.withdrawnAt ? [{ key: 'withdrawnAt', label: t('publications.page.withdrawnAt'), children: formatDateTime(p.withdrawnAt) }] : []),
              ]}
            />
          </Card>
          <MaskingRules />
        </Col>
      </Row>

      <PublicationActionDialog
        p={p}
        action={action}
        onClose={() => setAction(null)}
        onDone={(out, a) => {
          setAction(null);
          setEditing(false);
          setUpdated(out);
          void message.success(t('publications.dialog.done', { action: L(PUBLICATION_ACTION_LABELS, a) }));
        }}
        onStale={() => {
          setAction(null);
          reload();
        }}
      />
    </div>
  );
}
