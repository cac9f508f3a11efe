/** Create or edit a routing rule (分办规则): category (or any), region (or the whole district), department, note. */
import { Alert, Col, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseCategoryOut, RoutingRuleOut } from '../../../../shared/cases.ts';
import { fetchAll } from '../../api/client.ts';
import { routingRulesApi, type RoutingRuleInput } from '../../api/settings.ts';
import type { Department } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useEntityForm } from '../../hooks/useEntityForm.ts';
import { changedFields, text } from '../../utils/form-values.ts';
import { rules } from '../../utils/rules.ts';
import { ANY_CATEGORY, reloadOnConflict } from './settings-shared.ts';

interface Values {
  category: string;
  scope: 'district' | 'region';
  regionCode?: string;
  departmentId?: string;
  note?: string;
}

const toValues = (r: RoutingRuleOut): Values => ({
  category: r.category ?? ANY_CATEGORY,
  scope: r.regionCode ? 'region' : 'district',
  regionCode: r.regionCode ?? undefined,
  departmentId: r.departmentId,
  note: r.note,
});

const toInput = (v: Values): RoutingRuleInput => ({
  category: v.category === ANY_CATEGORY ? null : v.category,
  regionCode: v.scope === 'region' ? (v.regionCode ?? null) : null,
  departmentId: v.departmentId ?? '',
  note: text(v.note),
});

interface Props {
  open: boolean;
  rule: RoutingRuleOut | null;
  categories: CaseCategoryOut[];
  onClose: () => void;
  onSaved: (r: RoutingRuleOut) => void;
  /** 409: the list is reloaded and the dialog closes (the server's message is shown). */
  onConflict: () => void;
}

export function RoutingRuleForm({ open, rule, categories, onClose, onSaved, onConflict }: Props) {
  const { t } = useTranslation();
  const user = useUser();
  const r = rules(t);
  const { form, modalProps } = useEntityForm<Values, RoutingRuleOut>({
    open,
    record: rule,
    initialValues: () => (rule ? toValues(rule) : { category: ANY_CATEGORY, scope: 'district' }),
    save: async (values) => {
      const input = toInput(values);
      if (!rule) return routingRulesApi.create(input);
      const changes = changedFields(toInput(toValues(rule)), input);
      if (Object.keys(changes).length === 0) return null;
      return reloadOnConflict(routingRulesApi.update(rule.id, rule.version, changes), () => {
        onClose();
        onConflict();
      });
    },
    onClose,
    onSaved,
  });
  const scope = Form.useWatch('scope', form);
  const category = Form.useWatch('category', form);
  const regionCode = Form.useWatch('regionCode', form);

  // The active rules, to warn before a second rule for the same category and area (the older one would win).
  const [activeRules, setActiveRules] = useState<RoutingRuleOut[]>([]);
  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    fetchAll<RoutingRuleOut>('/routing-rules', { active: 'true' }, 1000, ctrl.signal)
      .then((r) => setActiveRules(r.items))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [open]);
  const twin = useMemo(() => {
    if (!category || (scope === 'region' && !regionCode)) return undefined;
    const c = category === ANY_CATEGORY ? null : category;
    const region = scope === 'region' ? (regionCode ?? null) : null;
    return activeRules.find((o) => o.id !== rule?.id && o.category === c && o.regionCode === region);
  }, [activeRules, category, scope, regionCode, rule]);

  const categoryOptions = useMemo(() => {
    const names = categories.filter((c) => c.active).map((c) => c.name);
    // a rule may name a category that has since been deactivated
    if (rule?.category && !names.includes(rule.category)) names.push(rule.category);
    return [{ value: ANY_CATEGORY, label: t('settings.common.anyCategory') }, ...names.map((n) => ({ value: n, label: n }))];
  }, [categories, rule, t]);

  return (
    <Modal {...modalProps} title={rule ? t('settings.routing.editTitle') : t('settings.routing.createTitle')} width={640}>
      <Alert type="info" showIcon className="settings-form-hint" title={t('settings.routing.formHint')} />
      <Form<Values> form={form} layout="vertical" className="record-form" scrollToFirstError>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="category" label={t('settings.routing.category')} extra={t('settings.routing.categoryHelp')} rules={[r.requiredSelect(t('settings.routing.category'))]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={categoryOptions} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="scope" label={t('settings.routing.region')} style={{ marginBottom: scope === 'region' ? 8 : undefined }}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'district', label: t('settings.common.wholeDistrict') },
                  { value: 'region', label: t('settings.routing.regionSpecific') },
                ]}
              />
            </Form.Item>
            {scope === 'region' ? (
              <Form.Item
                name="regionCode"
                extra={t('settings.routing.regionHelp')}
                rules={[
                  r.requiredSelect(t('settings.routing.regionStreet')),
                  {
                    validator: async (_: unknown, v: string | undefined) => {
                      if (v && user.districtCode && (v === user.districtCode || !v.startsWith(user.districtCode))) throw new Error(t('settings.routing.regionInvalid'));
                    },
                  },
                ]}
              >
                <RegionCascader rootCode={user.districtCode} placeholder={t('settings.routing.regionPlaceholder')} />
              </Form.Item>
            ) : null}
          </Col>
          {twin ? (
            <Col span={24}>
              <Alert type="warning" showIcon className="settings-form-hint" title={t('settings.routing.duplicate', { department: twin.departmentName })} description={t('settings.routing.duplicateHelp')} />
            </Col>
          ) : null}
          <Col span={24}>
            <Form.Item name="departmentId" label={t('settings.routing.department')} rules={[r.requiredSelect(t('settings.routing.department'))]}>
              <RemoteSelect<Department>
                path="/departments"
                query={{ active: 'true', sort: 'name' }}
                toOption={(d) => ({ value: d.id, label: d.name })}
                knownOptions={rule ? [{ value: rule.departmentId, label: rule.departmentName }] : undefined}
                placeholder={t('settings.routing.departmentPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('settings.routing.note')} rules={[r.max(t('settings.routing.note'), 500)]}>
              <Input.TextArea rows={2} showCount maxLength={500} placeholder={t('settings.routing.notePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
