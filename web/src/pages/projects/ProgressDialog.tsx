/**
 * 报告进度: the new percentage (slider and number, 0–100) and what was done (required). The status
 * follows from the percentage (0 未开工, 1–99 实施中, 100 已完成); 100 % needs every milestone done,
 * which the dialog says before the server refuses. Followers are notified of the report.
 */
import { Alert, Form, Input, InputNumber, Modal, Slider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail, ProjectStatus } from '../../../../shared/projects.ts';
import { projectsApi } from '../../api/projects.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import type { Write } from './ProjectDetailPage.tsx';
import { ProjectStatusTag } from './project-shared.tsx';

interface Values {
  progress: number;
  note: string;
}

const statusFor = (progress: number): ProjectStatus => (progress >= 100 ? 'completed' : progress > 0 ? 'in_progress' : 'passed');

export function ProgressDialog({ p, open, onClose, write }: { p: ProjectDetail; open: boolean; onClose: () => void; write: Write }) {
  const { t } = useTranslation();
  const r = formRules(t);
  const [form] = Form.useForm<Values>();
  const progress = Form.useWatch('progress', form) ?? p.progress;
  const openMilestones = p.milestones.filter((m) => !m.doneOn).length;
  const { saving, submit } = useFormSubmit(form, async (v) => {
    await write(() => projectsApi.report(p.id, p.version, v.progress, text(v.note)), t('projects.progress.reported'));
    onClose();
  });

  return (
    <Modal
      open={open}
      title={t('projects.progress.title')}
      okText={t('projects.progress.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      className="prj-dialog"
    >
      <Typography.Paragraph type="secondary" className="prj-dialog-lead">
        {t('projects.progress.lead', { title: p.title })}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ progress: p.progress, note: '' }}>
        <Form.Item
          name="progress"
          label={t('projects.progress.value')}
          rules={[
            { required: true, message: t('projects.progress.valueRequired') },
            { type: 'integer', min: 0, max: 100, message: t('projects.progress.valueRange') },
          ]}
        >
          <ProgressInput />
        </Form.Item>
        <div className="prj-progress-status">
          <Typography.Text type="secondary">{t('projects.progress.statusAfter')}</Typography.Text>
          <ProjectStatusTag status={statusFor(progress)} />
          {progress < p.progress ? <Typography.Text type="warning">{t('projects.progress.lower', { from: p.progress })}</Typography.Text> : null}
        </div>
        {progress >= 100 && openMilestones > 0 ? (
          <Alert className="prj-dialog-alert" type="warning" showIcon title={t('projects.progress.openMilestones', { count: openMilestones })} />
        ) : null}
        <Form.Item name="note" label={t('projects.progress.note')} rules={[r.required(t('projects.progress.note')), r.max(t('projects.progress.note'), PROJECT_NOTE_MAX)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={PROJECT_NOTE_MAX} showCount placeholder={t('projects.progress.notePlaceholder')} />
        </Form.Item>
        <Typography.Text type="secondary" className="cell-sub">
          {t('projects.progress.notifyHint')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}

const PROJECT_NOTE_MAX = 2000;

/** A slider for the thumb and a number box for the keyboard, one value. */
function ProgressInput({ id, value, onChange }: { id?: string; value?: number; onChange?: (v: number | null) => void }) {
  const { t } = useTranslation();
  return (
    <div className="prj-progress-input">
      <Slider min={0} max={100} step={1} value={value ?? 0} onChange={(v: number) => onChange?.(v)} className="prj-progress-slider" tooltip={{ formatter: (v) => `${v ?? 0}%` }} aria-label={t('projects.progress.value')} />
      <InputNumber id={id} min={0} max={100} precision={0} value={value} onChange={(v) => onChange?.(v)} suffix="%" className="prj-progress-number" aria-label={t('projects.progress.valueNumber')} />
    </div>
  );
}
