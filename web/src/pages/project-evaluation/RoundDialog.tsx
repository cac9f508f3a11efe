/**
 * Creates an evaluation round (year, title, criteria) or edits one still in draft. The criteria
 * start as DEFAULT_EVALUATION_CRITERIA; their weights must sum to 100 (the dialog shows the sum
 * and refuses otherwise, as the server does).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_EVALUATION_CRITERIA, type EvaluationCriterion, type EvaluationRound } from '../../../../shared/projects.ts';
import { evaluationApi, type RoundIn } from '../../api/projects.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { changedFields, text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { todayInBeijing } from '../projects/project-shared.tsx';

interface Values {
  year: number;
  title: string;
  criteria: Array<{ key?: string; label: string; weight: number | null }>;
}

const MAX_CRITERIA = 10;

/** A key for a criterion added in the dialog: c1, c2, … not yet taken. */
function freshKey(taken: string[]): string {
  for (let i = 1; ; i++) if (!taken.includes(`c${i}`)) return `c${i}`;
}

export function RoundDialog({ open, round, onClose, onSaved }: { open: boolean; round: EvaluationRound | null; onClose: () => void; onSaved: (r: EvaluationRound) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const r = formRules(t);
  const [form] = Form.useForm<Values>();
  const criteria = Form.useWatch('criteria', form);
  const sum = (criteria ?? []).reduce((s, c) => s + (typeof c?.weight === 'number' ? c.weight : 0), 0);

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
    const taken = v.criteria.map((c) => c.key ?? '').filter(Boolean);
    const list: EvaluationCriterion[] = v.criteria.map((c) => {
      const key = c.key || freshKey(taken);
      if (!c.key) taken.push(key);
      return { key, label: text(c.label), weight: c.weight ?? 0 };
    });
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
        <Form.List
          name="criteria"
          rules={[
            {
              validator: async (_, value: Values['criteria'] | undefined) => {
                const list = value ?? [];
                if (list.length === 0) throw new Error(t('projectEvaluation.form.criteriaRequired'));
                const total = list.reduce((s, c) => s + (c?.weight ?? 0), 0);
                if (total !== 100) throw new Error(t('projectEvaluation.form.weightsSum', { sum: total }));
                const labels = list.map((c) => text(c?.label));
                if (new Set(labels).size !== labels.length) throw new Error(t('projectEvaluation.form.labelsUnique'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} className="prj-criteria-row">
                  <Form.Item name={[f.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'label']}
                    rules={[r.required(t('projectEvaluation.form.criterion')), r.max(t('projectEvaluation.form.criterion'), 20)]}
                    style={{ flex: 1, minWidth: 160 }}
                  >
                    <Input maxLength={20} placeholder={t('projectEvaluation.form.criterion')} aria-label={`${t('projectEvaluation.form.criterion')} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: t('projectEvaluation.form.weightRequired') }]} style={{ width: 120 }}>
                    <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: '100%' }} aria-label={`${t('projectEvaluation.form.weight')} ${i + 1}`} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={fields.length <= 1} aria-label={`${t('common.delete')} ${i + 1}`} />
                </div>
              ))}
              <Typography.Text type={sum === 100 ? 'secondary' : 'warning'} className="prj-criteria-sum">
                {t('projectEvaluation.form.sum', { sum })}
              </Typography.Text>
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', weight: null })} disabled={fields.length >= MAX_CRITERIA} block>
                {t('projectEvaluation.form.addCriterion')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
