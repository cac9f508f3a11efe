/**
 * A project's milestones (实施节点) in order: due date, done date, evidence text and files; an
 * overdue one in red. Those whom `abilities.milestones` allows (the office, the responsible
 * department) add, edit (mark done with evidence), delete undone ones and upload evidence files.
 * The server keeps the due dates in order: its refusal shows on the date field of the dialog.
 */
import { CheckCircleFilled, ClockCircleOutlined, DeleteOutlined, EditOutlined, ExclamationCircleFilled, FileImageOutlined, FileOutlined, FilePdfOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Empty, Form, Input, Modal, Popconfirm, Space, Tag, Timeline, Tooltip, Typography, Upload, Card } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROJECT_LIMITS, type MilestoneItem, type ProjectDetail } from '../../../../shared/projects.ts';
import { projectsApi, type MilestoneChanges } from '../../api/projects.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { errorText } from '../../utils/errors.ts';
import { changedFields, text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { fileSize } from '../cases/AttachmentList.tsx';
import type { Write } from './ProjectDetailPage.tsx';
import { todayInBeijing } from './project-shared.tsx';

const EVIDENCE_ACCEPT = 'image/*,.pdf,.doc,.docx,.xls,.xlsx,.txt,.csv';
const DAY = 'YYYY-MM-DD';

function fileIcon(mime: string) {
  if (mime.startsWith('image/')) return <FileImageOutlined />;
  if (mime === 'application/pdf') return <FilePdfOutlined />;
  return <FileOutlined />;
}

export function MilestonesCard({ p, write }: { p: ProjectDetail; write: Write }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<MilestoneItem | 'new' | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const can = p.abilities.milestones;
  const milestones = [...p.milestones].sort((a, b) => a.sort - b.sort);
  const done = milestones.filter((m) => m.doneOn).length;
  const full = milestones.length >= PROJECT_LIMITS.maxMilestones;

  const remove = async (m: MilestoneItem) => {
    try {
      await write(() => projectsApi.removeMilestone(p.id, m.id, m.version), t('projects.milestones.removed'));
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const removeFile = async (m: MilestoneItem, fileId: string) => {
    try {
      await write(() => projectsApi.removeFile(p.id, m.id, fileId), t('projects.milestones.fileRemoved'));
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const upload = async (m: MilestoneItem, file: File) => {
    setUploading(m.id);
    try {
      await write(() => projectsApi.uploadFile(p.id, m.id, file), t('projects.milestones.uploaded', { name: file.name }));
    } catch (err) {
      void message.error(`${file.name} — ${errorText(err)}`);
    } finally {
      setUploading(null);
    }
  };

  return (
    <Card
      variant="borderless"
      className="prj-block"
      title={
        <Space size={8}>
          <span>{t('projects.milestones.title')}</span>
          {milestones.length ? (
            <Typography.Text type="secondary" className="cell-sub">
              {t('projects.milestones.doneOf', { done, total: milestones.length })}
            </Typography.Text>
          ) : null}
        </Space>
      }
      extra={
        can ? (
          <Tooltip title={full ? t('projects.milestones.full', { max: PROJECT_LIMITS.maxMilestones }) : undefined}>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} disabled={full}>
              {t('projects.milestones.add')}
            </Button>
          </Tooltip>
        ) : null
      }
    >
      {milestones.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={can ? t('projects.milestones.emptyCan') : t('projects.milestones.empty')} />
      ) : (
        <Timeline
          className="prj-milestones"
          items={milestones.map((m) => ({
            key: m.id,
            color: m.doneOn ? 'green' : m.overdue ? 'red' : 'gray',
            icon: m.doneOn ? <CheckCircleFilled className="prj-ms-icon-done" /> : m.overdue ? <ExclamationCircleFilled className="prj-ms-icon-overdue" /> : <ClockCircleOutlined className="prj-ms-icon-open" />,
            content: (
              <div className={`prj-ms${m.overdue ? ' prj-ms-overdue' : ''}`} data-milestone={m.title}>
                <div className="prj-ms-head">
                  <Typography.Text strong className="prj-ms-title">
                    {m.title}
                  </Typography.Text>
                  {m.doneOn ? (
                    <Tag color="success" variant="outlined">
                      {t('projects.milestones.done')}
                    </Tag>
                  ) : m.overdue ? (
                    <Tag color="error">{t('projects.milestones.overdue')}</Tag>
                  ) : (
                    <Tag variant="outlined">{t('projects.milestones.open')}</Tag>
                  )}
                  {can ? (
                    <Space size={0} wrap className="prj-ms-actions">
                      <Upload accept={EVIDENCE_ACCEPT} showUploadList={false} customRequest={({ file }) => void upload(m, file as File)}>
                        <Button type="link" size="small" icon={<UploadOutlined />} loading={uploading === m.id}>
                          {t('projects.milestones.upload')}
                        </Button>
                      </Upload>
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(m)}>
                        {m.doneOn ? t('common.edit') : t('projects.milestones.editOrDone')}
                      </Button>
                      {m.doneOn ? null : (
                        <Popconfirm
                          title={t('projects.milestones.removeConfirm', { title: m.title })}
                          okText={t('common.delete')}
                          okButtonProps={{ danger: true }}
                          cancelText={t('common.cancel')}
                          onConfirm={() => remove(m)}
                        >
                          <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} · ${m.title}`} />
                        </Popconfirm>
                      )}
                    </Space>
                  ) : null}
                </div>
                <div className="prj-ms-dates">
                  <Typography.Text type={m.overdue ? 'danger' : 'secondary'}>{t('projects.common.dueOn', { date: m.dueOn })}</Typography.Text>
                  {m.doneOn ? <Typography.Text type="success">{t('projects.milestones.doneOn', { date: m.doneOn })}</Typography.Text> : null}
                </div>
                {m.evidence ? <Typography.Paragraph className="pre-wrap prj-ms-evidence">{m.evidence}</Typography.Paragraph> : null}
                {m.files.length ? (
                  <div className="prj-ms-files">
                    {m.files.map((f) => (
                      <Space key={f.id} size={4} className="prj-ms-file">
                        <Button
                          type="link"
                          size="small"
                          icon={fileIcon(f.mime)}
                          className="attachment-link"
                          onClick={() => projectsApi.downloadFile(p.id, m.id, f).catch((err: unknown) => void message.error(errorText(err)))}
                        >
                          {f.filename}
                        </Button>
                        <Typography.Text type="secondary" className="cell-sub">
                          {fileSize(f.size)}
                        </Typography.Text>
                        {can ? (
                          <Popconfirm
                            title={t('projects.milestones.removeFileConfirm', { name: f.filename })}
                            okText={t('common.delete')}
                            okButtonProps={{ danger: true }}
                            cancelText={t('common.cancel')}
                            onConfirm={() => removeFile(m, f.id)}
                          >
                            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} · ${f.filename}`} />
                          </Popconfirm>
                        ) : null}
                      </Space>
                    ))}
                  </div>
                ) : null}
              </div>
            ),
          }))}
        />
      )}
      <MilestoneDialog p={p} milestone={editing} onClose={() => setEditing(null)} write={write} />
    </Card>
  );
}

interface MilestoneValues {
  title: string;
  dueOn: Dayjs | null;
  doneOn?: Dayjs | null;
  evidence?: string;
}

/** Adds a milestone (title, due date; placed last) or edits one: dates, done date and evidence. */
function MilestoneDialog({ p, milestone, onClose, write }: { p: ProjectDetail; milestone: MilestoneItem | 'new' | null; onClose: () => void; write: Write }) {
  const { t } = useTranslation();
  const r = formRules(t);
  const [form] = Form.useForm<MilestoneValues>();
  const open = milestone !== null;
  const m = milestone === 'new' ? null : milestone;
  const today = todayInBeijing();
  const last = [...p.milestones].sort((a, b) => b.sort - a.sort)[0];
  const { saving, submit } = useFormSubmit(form, async (v) => {
    const dueOn = v.dueOn ? v.dueOn.format(DAY) : '';
    if (!m) {
      await write(() => projectsApi.addMilestone(p.id, { title: text(v.title), dueOn }), t('projects.milestones.added'));
      onClose();
      return;
    }
    const after: MilestoneChanges = { title: text(v.title), dueOn, doneOn: v.doneOn ? v.doneOn.format(DAY) : null, evidence: text(v.evidence) };
    const changes = changedFields<MilestoneChanges>({ title: m.title, dueOn: m.dueOn, doneOn: m.doneOn, evidence: m.evidence }, after);
    if (Object.keys(changes).length) await write(() => projectsApi.updateMilestone(p.id, m.id, m.version, changes), t('common.saved'));
    onClose();
  });

  return (
    <Modal
      open={open}
      title={m ? t('projects.milestones.editTitle') : t('projects.milestones.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      className="prj-dialog"
    >
      <Form<MilestoneValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          m
            ? { title: m.title, dueOn: dayjs(m.dueOn), doneOn: m.doneOn ? dayjs(m.doneOn) : null, evidence: m.evidence }
            : { title: '', dueOn: null }
        }
      >
        {!m && last ? (
          <Alert className="prj-dialog-alert" type="info" showIcon title={t('projects.milestones.orderHint', { title: last.title, date: last.dueOn })} />
        ) : null}
        <Form.Item name="title" label={t('projects.milestones.name')} rules={[r.required(t('projects.milestones.name')), r.max(t('projects.milestones.name'), 100)]}>
          <Input placeholder={t('projects.milestones.namePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('projects.milestones.dueOn')} rules={[r.requiredSelect(t('projects.milestones.dueOn'))]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {m ? (
          <>
            <Form.Item name="doneOn" label={t('projects.milestones.doneOnLabel')} extra={t('projects.milestones.doneOnHelp')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format(DAY) > today} />
            </Form.Item>
            <Form.Item name="evidence" label={t('projects.milestones.evidence')}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount placeholder={t('projects.milestones.evidencePlaceholder')} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
