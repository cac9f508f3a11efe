/**
 * A round's criteria with weights, as the office edits them (履职考评 rounds, 项目测评 rounds): one
 * row per criterion (name up to 20 characters, weight 1–100 %), add and remove, the running sum,
 * and the list's own rules: at least one criterion, weights summing to 100, names unique — the
 * rules the server applies, so its refusals are rare. Each page keeps its own words (`texts`).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { text } from '../utils/form-values.ts';
import { rules as formRules } from '../utils/rules.ts';
import './weighted-criteria.css';

/** A criterion as the form holds it: no key yet for one added in the dialog, no weight while empty. */
export interface CriterionValue {
  key?: string;
  label: string;
  weight: number | null;
}

export interface CriteriaTexts {
  /** A criterion's name (label, placeholder, error messages). */
  criterion: string;
  weight: string;
  weightRequired: string;
  /** "合计 {{sum}}%" */
  sum: (sum: number) => string;
  addCriterion: string;
  criteriaRequired: string;
  weightsSum: (sum: number) => string;
  labelsUnique: string;
}

type Weighted = { weight: number | null } | undefined;
const weightOf = (c: Weighted) => (typeof c?.weight === 'number' ? c.weight : 0);

/** Sum of the weights entered so far (empty ones count 0). */
export const weightSum = (list: readonly Weighted[] | undefined): number => (list ?? []).reduce((s, c) => s + weightOf(c), 0);

/** The criteria to send: names trimmed, new ones keyed c1, c2, … (keys not yet taken). */
export function criteriaToSend(list: readonly CriterionValue[]): Array<{ key: string; label: string; weight: number }> {
  const taken = list.map((c) => c.key ?? '').filter(Boolean);
  return list.map((c) => {
    let key = c.key;
    if (!key) {
      for (let i = 1; ; i++) {
        if (!taken.includes(`c${i}`)) {
          key = `c${i}`;
          break;
        }
      }
      taken.push(key);
    }
    return { key, label: text(c.label), weight: c.weight ?? 0 };
  });
}

export function WeightedCriteriaList({ name, max, texts }: { name: string; max: number; texts: CriteriaTexts }) {
  const { t } = useTranslation();
  const r = formRules(t);
  const form = Form.useFormInstance();
  const sum = weightSum(Form.useWatch(name, form) as CriterionValue[] | undefined);
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, value: CriterionValue[] | undefined) => {
            const list = value ?? [];
            if (list.length === 0) throw new Error(texts.criteriaRequired);
            const total = weightSum(list);
            if (total !== 100) throw new Error(texts.weightsSum(total));
            const labels = list.map((c) => text(c?.label));
            if (new Set(labels).size !== labels.length) throw new Error(texts.labelsUnique);
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((f, i) => (
            <div key={f.key} className="wcl-row">
              <Form.Item name={[f.name, 'key']} hidden>
                <Input />
              </Form.Item>
              <Form.Item name={[f.name, 'label']} rules={[r.required(texts.criterion), r.max(texts.criterion, 20)]}>
                <Input maxLength={20} placeholder={texts.criterion} aria-label={`${texts.criterion} ${i + 1}`} />
              </Form.Item>
              <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: texts.weightRequired }]}>
                <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: '100%' }} aria-label={`${texts.weight} ${i + 1}`} />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={fields.length <= 1} aria-label={`${t('common.delete')} ${i + 1}`} />
            </div>
          ))}
          <Typography.Text type={sum === 100 ? 'secondary' : 'warning'} className="wcl-sum">
            {texts.sum(sum)}
          </Typography.Text>
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', weight: null })} disabled={fields.length >= max} block className="wcl-add">
            {texts.addCriterion}
          </Button>
        </>
      )}
    </Form.List>
  );
}
