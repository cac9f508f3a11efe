/**
 * Creates a yearly assessment round or edits one still in draft: year, name, criteria with weights
 * (the seven usual ones by default), rater kinds with weights (自评 10, 代表小组 20, 乡镇（街道）人大 30,
 * 代表工委 40 by default) and the deputies assessed (by default every serving 区人大代表). Both sets
 * of weights must sum to 100, as the server requires; its refusals land on the fields they name.
 */
import { App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_ASSESSMENT_CRITERIA, DEFAULT_RATER_WEIGHTS, RATER_KINDS, type AssessmentCriterion, type AssessmentRound, type RaterKind, type RaterWeight,
} from '../../../../shared/assessment.ts';
import { fetchAll } from '../../api/client.ts';
import { criteriaToSend, weightSum, WeightedCriteriaList, type CriterionValue } from '../../components/WeightedCriteriaList.tsx';
import type { Deputy } from '../../api/types.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { changedFields, text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { assessmentApi, type RoundIn } from './api.ts';
import { useRaterLabel } from './assessment-shared.tsx';

interface Values {
  year: number;
  name: string;
  criteria: CriterionValue[];
  raters: Array<{ kind: RaterKind; weight: number | null }>;
  deputyIds: string[];
}

const MAX_CRITERIA = 12;

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

export function RoundDialog({ open, round, onClose, onSaved }: { open: boolean; round: AssessmentRound | null; onClose: () => void; onSaved: (r: AssessmentRound) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const r = formRules(t);
  const raterLabel = useRaterLabel();
  const [form] = Form.useForm<Values>();
  const raters = Form.useWatch('raters', form);
  const ratersSum = weightSum(raters);
  const deputies = useAsync((signal) => (open ? fetchAll<Deputy>('/deputies', { active: true }, 2000, signal) : Promise.resolve({ items: [], truncated: false })), [open]);
  const options = useMemo(
    () => (deputies.data?.items ?? []).map((d) => ({ value: d.id, label: d.stations.length ? `${d.name}（${d.stations.map((s) => s.name).join('、')}）` : d.name, level: d.level })),
    [deputies.data],
  );

  useEffect(() => {
    if (!open) return;
    const year = round?.year ?? thisYear();
    const weights = new Map((round?.raters ?? DEFAULT_RATER_WEIGHTS).map((x) => [x.kind, x.weight]));
    form.resetFields();
    form.setFieldsValue({
      year,
      name: round?.name ?? t('assessment.form.defaultName', { year }),
      criteria: (round?.criteria ?? DEFAULT_ASSESSMENT_CRITERIA).map((c) => ({ ...c })),
      raters: RATER_KINDS.map((kind) => ({ kind, weight: weights.get(kind) ?? 0 })),
      deputyIds: round ? round.deputies.map((d) => d.deputyId) : [],
    });
  }, [open, round, form, t]);

  // A new round starts with every serving district deputy, once the list is in.
  useEffect(() => {
    if (!open || round || !deputies.data) return;
    if ((form.getFieldValue('deputyIds') as string[] | undefined)?.length) return;
    form.setFieldValue('deputyIds', deputies.data.items.filter((d) => d.level === 'county').map((d) => d.id));
  }, [open, round, deputies.data, form]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    const list: AssessmentCriterion[] = criteriaToSend(v.criteria);
    const weights: RaterWeight[] = v.raters.map((x) => ({ kind: x.kind, weight: x.weight ?? 0 }));
    const body: RoundIn = { year: v.year, name: text(v.name), criteria: list, raters: weights, deputyIds: v.deputyIds };
    if (!round) {
      const created = await assessmentApi.create(body);
      void message.success(t('common.created'));
      onSaved(created);
      return;
    }
    const before = { name: round.name, criteria: round.criteria, raters: RATER_KINDS.map((kind) => ({ kind, weight: round.raters.find((x) => x.kind === kind)?.weight ?? 0 })), deputyIds: round.deputies.map((d) => d.deputyId) };
    const changes = changedFields<Omit<RoundIn, 'year'>>(before, { name: body.name, criteria: body.criteria, raters: body.raters, deputyIds: body.deputyIds });
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    const saved = await assessmentApi.update(round.id, round.version, changes);
    void message.success(t('common.saved'));
    onSaved(saved);
  });

  const ratersRule = {
    validator: async (_: unknown, value: Values['raters'] | undefined) => {
      const total = weightSum(value);
      if (total !== 100) throw new Error(t('assessment.form.weightsSum', { sum: total }));
    },
  };

  return (
    <Modal
      open={open}
      title={round ? t('assessment.form.editTitle') : t('assessment.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
      className="asm-dialog"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onValuesChange={(changed: Partial<Values>) => {
          // A new round's default name follows its year until the user writes another.
          if (round || typeof changed.year !== 'number') return;
          const name = text(form.getFieldValue('name'));
          if (!name || /^\d*年度代表履职考评$/.test(name) || /^Deputies’ performance assessment \d*$/.test(name)) form.setFieldValue('name', t('assessment.form.defaultName', { year: changed.year }));
        }}
      >
        <div className="asm-row">
          <Form.Item name="year" label={t('assessment.common.year')} rules={[r.requiredSelect(t('assessment.common.year'))]} style={{ width: 120 }}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} disabled={!!round} />
          </Form.Item>
          <Form.Item name="name" label={t('assessment.form.name')} rules={[r.required(t('assessment.form.name')), r.max(t('assessment.form.name'), 100)]} style={{ flex: 1, minWidth: 200 }}>
            <Input maxLength={100} />
          </Form.Item>
        </div>

        <Typography.Text strong>{t('assessment.common.criteria')}</Typography.Text>
        <Typography.Paragraph type="secondary" className="asm-sub">
          {t('assessment.form.criteriaHelp')}
        </Typography.Paragraph>
        <WeightedCriteriaList
          name="criteria"
          max={MAX_CRITERIA}
          texts={{
            criterion: t('assessment.form.criterion'), weight: t('assessment.common.weight'), weightRequired: t('assessment.form.weightRequired'),
            sum: (sum) => t('assessment.form.sum', { sum }), addCriterion: t('assessment.form.addCriterion'), criteriaRequired: t('assessment.form.criteriaRequired'),
            weightsSum: (sum) => t('assessment.form.weightsSum', { sum }), labelsUnique: t('assessment.form.labelsUnique'),
          }}
        />

        <Typography.Text strong>{t('assessment.common.raters')}</Typography.Text>
        <Typography.Paragraph type="secondary" className="asm-sub">
          {t('assessment.form.ratersHelp')}
        </Typography.Paragraph>
        <Form.List name="raters" rules={[ratersRule]}>
          {(fields, _ops, { errors }) => (
            <>
              {fields.map((f) => {
                const kind = (raters?.[f.name]?.kind ?? RATER_KINDS[f.name]) as RaterKind;
                return (
                  <div key={f.key} className="asm-rater-row">
                    <Form.Item name={[f.name, 'kind']} hidden>
                      <Input />
                    </Form.Item>
                    <span>{raterLabel(kind)}</span>
                    <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: t('assessment.form.weightRequired') }]}>
                      <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} aria-label={`${raterLabel(kind)} ${t('assessment.common.weight')}`} />
                    </Form.Item>
                  </div>
                );
              })}
              <Typography.Text type={ratersSum === 100 ? 'secondary' : 'warning'} className="asm-sum">
                {t('assessment.form.sum', { sum: ratersSum })}
              </Typography.Text>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>

        <Form.Item
          name="deputyIds"
          label={t('assessment.common.deputies')}
          extra={t('assessment.form.deputiesHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('assessment.form.deputiesRequired') }]}
          style={{ marginTop: 16 }}
        >
          <Select
            mode="multiple"
            options={options}
            loading={deputies.loading}
            placeholder={t('assessment.form.deputiesPlaceholder')}
            optionFilterProp="label"
            maxTagCount="responsive"
            allowClear
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
