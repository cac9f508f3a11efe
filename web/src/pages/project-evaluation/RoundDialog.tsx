/**
 * Creates an evaluation round (year, title, criteria) or edits one still in draft. The criteria
 * start as DEFAULT_EVALUATION_CRITERIA; their weights must sum to 100 (the dialog shows the sum
 * and refuses otherwise, as the server does).
 */
import { App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_EVALUATION_CRITERIA, type EvaluationCriterion, type EvaluationRound } from '../../../../shared/projects.ts';
import { evaluationApi, type RoundIn } from '../../api/projects.ts';
import { criteriaToSend, WeightedCriteriaList, type CriterionValue } from '../../components/WeightedCriteriaList.tsx';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { changedFields, text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { todayInBeijing } from '../projects/project-shared.tsx';

interface Values {
  year: number;
  title: string;
  criteria: CriterionValue[];
}

const MAX_CRITERIA = 10;

export function RoundDialog({ open, round, onClose, onSaved }: { open: boolean; round: EvaluationRound | null; onClose: () => void; onSaved: (r: EvaluationRound) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const r = formRules(t);
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!open) return;
    const year = round?.year ?? Number(todayInBeijing().slice(0, 4));
    form.resetFields();
    form.setFieldsValue({
      year,
      title: round?.title ?? t('projectEvaluation.form.defaultTitle', { year }),
      criteria: (round?.criteria ?? DEFAULT_EVALUATION_CRITERIA).map((c) => ({ ...c })),
    });
  }, [open, round, form, t]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    const list: EvaluationCriterion[] = criteriaToSend(v.criteria);
    const body: RoundIn = { year: v.year, title: text(v.title), criteria: list };
    if (!round) {
      const created = await evaluationApi.create(body);
      void message.success(t('common.created'));
      onSaved(created);
      return;
    }
    // the year of a round stays (a round per district and year)
    const changes = changedFields<Omit<RoundIn, 'year'>>({ title: round.title, criteria: round.criteria }, { title: body.title, criteria: body.criteria });
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    const saved = await evaluationApi.update(round.id, round.version, changes);
    void message.success(t('common.saved'));
    onSaved(saved);
  });

  return (
    <Modal
      open={open}
      title={round ? t('projectEvaluation.form.editTitle') : t('projectEvaluation.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
      className="prj-dialog"
    >
      <Form<Values> form={form} layout="vertical">
        <div className="prj-criteria-row">
          <Form.Item name="year" label={t('projectEvaluation.common.year')} rules={[r.requiredSelect(t('projectEvaluation.common.year'))]} style={{ width: 120 }}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} disabled={!!round} />
          </Form.Item>
          <Form.Item name="title" label={t('projectEvaluation.form.title')} rules={[r.required(t('projectEvaluation.form.title')), r.max(t('projectEvaluation.form.title'), 200)]} style={{ flex: 1, minWidth: 200 }}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <Typography.Text strong>{t('projectEvaluation.form.criteria')}</Typography.Text>
        <Typography.Paragraph type="secondary" className="cell-sub">
          {t('projectEvaluation.form.criteriaHelp')}
        </Typography.Paragraph>
        <WeightedCriteriaList
          name="criteria"
          max={MAX_CRITERIA}
          texts={{
            criterion: t('projectEvaluation.form.criterion'), weight: t('projectEvaluation.form.weight'), weightRequired: t('projectEvaluation.form.weightRequired'),
            sum: (sum) => t('projectEvaluation.form.sum', { sum }), addCriterion: t('projectEvaluation.form.addCriterion'), criteriaRequired: t('projectEvaluation.form.criteriaRequired'),
            weightsSum: (sum) => t('projectEvaluation.form.weightsSum', { sum }), labelsUnique: t('projectEvaluation.form.labelsUnique'),
          }}
        />
      </Form>
    </Modal>
  );
}
