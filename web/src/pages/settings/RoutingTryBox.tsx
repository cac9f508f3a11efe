/** 试一试: pick a category and a place, see which department the rules suggest (GET /routing/suggest). */
import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseCategoryOut, RoutingRuleRevisionOut } from '../../../../shared/cases.ts';
import { routingRulesApi, type RoutingSuggestOut } from '../../api/settings.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { errorText } from '../../utils/errors.ts';
import { ANY_CATEGORY, useRegionNames } from './settings-shared.ts';

interface Values {
  category: string;
  regionCode?: string;
}

interface Outcome {
  suggestion: RoutingSuggestOut;
  /** The matching rule as it stands now (its newest revision). */
  rule: RoutingRuleRevisionOut['snapshot'] | null;
}

export function RoutingTryBox({ categories }: { categories: CaseCategoryOut[] }) {
  const { t } = useTranslation();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const regionName = useRegionNames([outcome?.rule?.regionCode]);

  const options = useMemo(
    () => [{ value: ANY_CATEGORY, label: t('settings.routing.tryNoCategory') }, ...categories.filter((c) => c.active).map((c) => ({ value: c.name, label: c.name }))],
    [categories, t],
  );

  const run = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      // no place picked: the district itself, which only whole-district rules match
      const regionCode = v.regionCode ?? user.districtCode;
      const suggestion = await routingRulesApi.suggest({ category: v.category === ANY_CATEGORY ? null : v.category, regionCode });
      let rule: Outcome['rule'] = null;
      if (suggestion.ruleId) {
        // only to say which rule matched: the suggestion stands without it
        rule = await routingRulesApi
          .history(suggestion.ruleId)
          .then((h) => h.items[0]?.snapshot ?? null)
          .catch(() => null);
      }
      setOutcome({ suggestion, rule });
    } catch (err) {
      setOutcome(null);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const dept = outcome?.suggestion.department;
  return (
    <Card
      variant="borderless"
      className="settings-side-card"
      title={
        <span>
          <ExperimentOutlined className="settings-card-icon" />
          {t('settings.routing.tryTitle')}
        </span>
      }
    >
      <Typography.Paragraph type="secondary" className="settings-card-lead">
        {t('settings.routing.tryLead')}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" initialValues={{ category: ANY_CATEGORY }} onFinish={run} onValuesChange={() => setOutcome(null)} requiredMark={false}>
        <Form.Item name="category" label={t('settings.routing.category')} className="settings-compact-item">
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('settings.routing.tryRegion')} className="settings-compact-item">
          <RegionCascader rootCode={user.districtCode} placeholder={t('settings.routing.tryRegionPlaceholder')} showPath={false} />
        </Form.Item>
        <Button type="primary" ghost htmlType="submit" loading={busy} block>
          {t('settings.routing.tryRun')}
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon className="settings-try-result" title={error} /> : null}
      {outcome ? (
        dept ? (
          <Alert
            type="success"
            showIcon
            className="settings-try-result"
            title={
              <span>
                {t('settings.routing.trySuggests')}
                <Typography.Text strong>{dept.name}</Typography.Text>
              </span>
            }
            description={
              outcome.rule
                ? t('settings.routing.tryMatched', {
                    category: outcome.rule.category ?? t('settings.common.anyCategory'),
                    region: outcome.rule.regionCode ? regionName(outcome.rule.regionCode) : t('settings.common.wholeDistrict'),
                  })
                : undefined
            }
          />
        ) : (
          <Alert type="warning" showIcon className="settings-try-result" title={t('settings.routing.tryNone')} description={t('settings.routing.tryNoneHelp')} />
        )
      ) : null}
    </Card>
  );
}
