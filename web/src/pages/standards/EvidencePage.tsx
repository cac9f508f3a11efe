/**
 * The evidence of one station for one item: what the item asks for, the text (说明) and the files
 * (photos shown as thumbnails), the workflow (submit / withdraw for station staff, approve / return
 * for the district office) and the history, newest first. A return's reason is shown at the top.
 */
import { ArrowLeftOutlined, ArrowRightOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams } from 'react-router-dom';
import type { EvidenceDetailOut, EvidenceOut, StationStandardsOut } from '../../../../shared/standards.ts';
import { standardsApi } from '../../api/standards.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { showFormError } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { EvidenceFiles } from './EvidenceFiles.tsx';
import { EvidenceTimeline } from './EvidenceTimeline.tsx';
import { EvidenceActions, EvidenceStatusTag, isConflict, standardsPaths } from './standards-shared.tsx';
import './standards.css';

interface TextValues {
  text: string;
}

export function EvidencePage() {
  const { id: stationId = '', itemId = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const detail = useAsync((signal) => standardsApi.evidence(stationId, itemId, signal), [stationId, itemId]);
  // the station's name and its checklist (for 上一项 / 下一项)
  const station = useAsync((signal) => standardsApi.station(stationId, signal), [stationId]);
  const { data, error, reload } = detail;

  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  // still showing another item (上一项 / 下一项 pressed): wait for this one
  if (!data || data.item.id !== itemId || data.evidence.stationId !== stationId) {
    return error ? <LoadError error={error} onRetry={reload} /> : <Skeleton active className="page" paragraph={{ rows: 12 }} />;
  }

  const { item, evidence: ev } = data;
  const st = station.data?.station;
  const list = station.data?.items ?? [];
  const at = list.findIndex((e) => e.item.id === itemId);
  const prev = at > 0 ? list[at - 1] : undefined;
  const next = at >= 0 && at < list.length - 1 ? list[at + 1] : undefined;
  const reloadAll = () => {
    reload();
    station.reload();
  };

  return (
    <div className="page std-evidence">
      <PageHeader
        crumbs={[
          { title: t('standards.crumb') },
          { title: t('standards.coverage.title'), to: standardsPaths.coverage },
          { title: st?.name ?? '…', to: standardsPaths.station(stationId) },
          { title: item.name },
        ]}
        title={
          <Space wrap size={8}>
            {item.name}
            <EvidenceStatusTag status={ev.status} className="std-title-status" />
          </Space>
        }
        subtitle={
          st
            ? t('standards.evidence.subtitle', {
                station: st.name,
                set: t(`standards.sets.${st.kind}`),
                n: at >= 0 ? at + 1 : '—',
                total: list.length,
              })
            : undefined
        }
        extra={
          <Space wrap>
            <Tooltip title={prev ? prev.item.name : undefined}>
              <Button icon={<ArrowLeftOutlined />} disabled={!prev} onClick={() => prev && navigate(standardsPaths.evidence(stationId, prev.item.id))}>
                {t('standards.evidence.prev')}
              </Button>
            </Tooltip>
            <Tooltip title={next ? next.item.name : undefined}>
              <Button disabled={!next} onClick={() => next && navigate(standardsPaths.evidence(stationId, next.item.id))}>
                {t('standards.evidence.next')} <ArrowRightOutlined />
              </Button>
            </Tooltip>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={reloadAll} loading={detail.loading} aria-label={t('common.refresh')} />
            </Tooltip>
          </Space>
        }
      />
      <StatusBanner data={data} />
      {!item.active ? <Alert type="warning" showIcon className="std-alert" title={t('standards.evidence.itemInactive')} /> : null}
      {st && !st.active ? <Alert type="warning" showIcon className="std-alert" title={t('standards.station.inactive')} /> : null}
      {/* keyed by the item, so moving to 下一项 starts a fresh editor */}
      <EvidenceBody key={`${stationId}/${itemId}`} stationId={stationId} data={data} stationKind={st?.kind} onChanged={reloadAll} />
    </div>
  );
}

/** What the status means for the reader: the return's reason first and large, the approval, or what to do next. */
function StatusBanner({ data }: { data: EvidenceDetailOut }) {
  const { t } = useTranslation();
  const ev = data.evidence;
  const a = ev.abilities;
  const who = (p: EvidenceOut['reviewedBy']) => p?.name ?? t('standards.common.system');
  if (ev.status === 'returned') {
    return (
      <Alert
        type="warning"
        showIcon
        className="std-alert std-return-banner"
        title={a.edit ? t('standards.evidence.returnedTitleStaff') : t('standards.evidence.returnedTitle')}
        description={
          <div>
            <div className="std-return-reason" data-testid="return-reason">
              {ev.reviewNote || t('standards.evidence.noReason')}
            </div>
            <Typography.Text type="secondary" className="cell-sub">
              {t('standards.evidence.reviewedBy', { name: who(ev.reviewedBy), time: formatDateTime(ev.reviewedAt) })}
            </Typography.Text>
          </div>
        }
      />
    );
  }
  if (ev.status === 'approved') {
    return (
      <Alert
        type="success"
        showIcon
        className="std-alert"
        title={t('standards.evidence.approvedTitle')}
        description={
          <div>
            {ev.reviewNote ? <div className="pre-wrap">{t('standards.evidence.approvedNote', { note: ev.reviewNote })}</div> : null}
            <Typography.Text type="secondary" className="cell-sub">
              {t('standards.evidence.reviewedBy', { name: who(ev.reviewedBy), time: formatDateTime(ev.reviewedAt) })}
              {a.withdraw ? ` · ${t('standards.evidence.approvedWithdrawHint')}` : ''}
            </Typography.Text>
          </div>
        }
      />
    );
  }
  if (ev.status === 'submitted') {
    return (
      <Alert
        type="info"
        showIcon
        className="std-alert"
        title={a.approve ? t('standards.evidence.submittedTitleReview') : t('standards.evidence.submittedTitle')}
        description={
          <Typography.Text type="secondary" className="cell-sub">
            {t('standards.evidence.submittedBy', { name: who(ev.submittedBy), time: formatDateTime(ev.submittedAt) })}
            {a.withdraw ? ` · ${t('standards.evidence.submittedWithdrawHint')}` : ''}
          </Typography.Text>
        }
      />
    );
  }
  return (
    <Alert
      type={a.edit ? 'info' : 'warning'}
      showIcon
      className="std-alert"
      title={a.edit ? t('standards.evidence.missingTitleStaff') : t('standards.evidence.missingTitle')}
    />
  );
}

function EvidenceBody({ stationId, data, stationKind, onChanged }: { stationId: string; data: EvidenceDetailOut; stationKind?: StationStandardsOut['station']['kind']; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { item, evidence: ev, history } = data;
  const editable = ev.abilities.edit;
  const [form] = Form.useForm<TextValues>();
  const watched = Form.useWatch('text', form);
  const dirty = editable && watched !== undefined && watched !== ev.text;
  const shownText = useRef(ev.text);
  const blocker = useBlocker(dirty);

  // Leaving with a text not saved: ask first (in the console and when closing the tab).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // The server's text arrives again after every write; what is being typed stays.
  useEffect(() => {
    const current = form.getFieldValue('text') as string | undefined;
    if (current === undefined || current === shownText.current) form.setFieldsValue({ text: ev.text });
    shownText.current = ev.text;
  }, [ev.text, ev.version, form]);

  /** Saves the text if it changed; returns the evidence's version afterwards, or null when it failed. */
  const save = async (): Promise<number | null> => {
    if (!dirty) return ev.version;
    let values: TextValues;
    try {
      values = await form.validateFields();
    } catch {
      return null;
    }
    try {
      const out = await standardsApi.putText(stationId, item.id, ev.version, values.text ?? '');
      shownText.current = out.text;
      form.setFieldsValue({ text: out.text });
      onChanged();
      return out.version;
    } catch (err) {
      showFormError(form, err, message);
      if (isConflict(err)) onChanged();
      return null;
    }
  };

  const onSave = async () => {
    const v = await save();
    if (v !== null) void message.success(t('standards.evidence.textSaved'));
  };

  const kindTags = item.appliesTo.map((k) => (
    <Tag key={k} color={k === 'station' ? 'red' : 'gold'} variant="outlined">
      {t(`standards.kindSet.${k}`)}
    </Tag>
  ));

  return (
    <>
      <Modal
        open={blocker.state === 'blocked'}
        title={t('standards.evidence.leaveTitle')}
        okText={t('standards.evidence.leave')}
        okButtonProps={{ danger: true }}
        cancelText={t('standards.evidence.stay')}
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        {t('standards.evidence.leaveConfirm')}
      </Modal>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15} className="std-evidence-main">
          <Card variant="borderless" className="std-requirement" title={t('standards.evidence.requirement')} extra={<Space size={4}>{kindTags}</Space>}>
            <Typography.Paragraph className="std-requirement-text pre-wrap">{item.description || t('standards.evidence.noDescription')}</Typography.Paragraph>
            {stationKind && !item.appliesTo.includes(stationKind) ? <Typography.Text type="secondary">{t('standards.evidence.notApplicable')}</Typography.Text> : null}
          </Card>
          <Card
            variant="borderless"
            title={t('standards.evidence.textTitle')}
            className="std-text-card"
            extra={dirty ? <Tag color="orange">{t('standards.evidence.unsaved')}</Tag> : null}
          >
            {editable ? (
              <Form<TextValues> form={form} layout="vertical" className="std-text-form" initialValues={{ text: ev.text }}>
                <Form.Item
                  name="text"
                  extra={t('standards.evidence.textHelp')}
                  rules={[{ max: 2000, message: t('validation.max', { field: t('standards.evidence.textTitle'), max: 2000 }) }]}
                >
                  <Input.TextArea
                    autoSize={{ minRows: 5, maxRows: 16 }}
                    maxLength={2000}
                    showCount
                    placeholder={t('standards.evidence.textPlaceholder')}
                    aria-label={t('standards.evidence.textTitle')}
                  />
                </Form.Item>
                <Space className="std-text-buttons">
                  <Button type="primary" ghost onClick={onSave} disabled={!dirty}>
                    {t('standards.evidence.saveText')}
                  </Button>
                  {dirty ? <Button onClick={() => form.setFieldsValue({ text: ev.text })}>{t('standards.evidence.discard')}</Button> : null}
                </Space>
              </Form>
            ) : ev.text ? (
              <Typography.Paragraph className="std-text pre-wrap">{ev.text}</Typography.Paragraph>
            ) : (
              <Typography.Text type="secondary">{t('standards.evidence.noText')}</Typography.Text>
            )}
          </Card>
          <EvidenceFiles stationId={stationId} itemId={item.id} evidence={ev} onChanged={onChanged} />
        </Col>
        <Col xs={24} xl={9}>
          <Card variant="borderless" className="std-workflow-card" title={t('standards.evidence.workflowTitle')}>
            <EvidenceActions
              stationId={stationId}
              itemId={item.id}
              itemName={item.name}
              evidence={ev}
              onChanged={onChanged}
              onConflict={onChanged}
              beforeSubmit={save}
              hasDraft={dirty && (watched ?? '').trim() !== ''}
            />
            {editable && !ev.abilities.submit && !(dirty && (watched ?? '').trim() !== '') ? (
              <Typography.Text type="secondary" className="std-workflow-hint">
                {t('standards.evidence.submitNeedsContent')}
              </Typography.Text>
            ) : null}
            {!editable && !ev.abilities.submit && !ev.abilities.withdraw && !ev.abilities.approve && !ev.abilities.return ? (
              <Typography.Text type="secondary" className="std-workflow-hint">
                {t('standards.evidence.noActions')}
              </Typography.Text>
            ) : null}
            {ev.abilities.submit && dirty ? (
              <Typography.Text type="secondary" className="std-workflow-hint">
                {t('standards.evidence.submitSavesText')}
              </Typography.Text>
            ) : null}
            <Descriptions
              size="small"
              column={1}
              className="std-workflow-facts"
              items={[
                { key: 'status', label: t('common.status'), children: <EvidenceStatusTag status={ev.status} /> },
                {
                  key: 'submitted',
                  label: t('standards.evidence.submittedLabel'),
                  children: ev.submittedAt ? `${ev.submittedBy?.name ?? t('standards.common.system')} · ${formatDateTime(ev.submittedAt)}` : '—',
                },
                {
                  key: 'reviewed',
                  label: t('standards.evidence.reviewedLabel'),
                  children: ev.reviewedAt ? `${ev.reviewedBy?.name ?? t('standards.common.system')} · ${formatDateTime(ev.reviewedAt)}` : '—',
                },
                { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(ev.updatedAt) },
              ]}
            />
          </Card>
          <Card variant="borderless" className="std-history-card" title={t('standards.evidence.historyTitle')}>
            <EvidenceTimeline entries={history} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
