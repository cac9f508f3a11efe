/**
 * 建议类别 on 登记诉求 (and in the 受理 / 交办 dialogs of a case recorded without a category, e.g.
 * from the public form): while staff type, the district's category model reads the title and content
 * (`POST /insight/suggest-category`, debounced) and suggests a category with its confidence and,
 * through the routing rules, the department; 采用 puts the category into the form's 类别 field,
 * an alternative can be taken the same way. Only a hint: it never blocks saving, and shows
 * nothing when there is nothing to say (text too short, no model yet, nothing the model knows,
 * or the call failed).
 */
import { CheckOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Button, Form, Space, Tooltip, Typography, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { formatDate } from '../../utils/format.ts';
import { insightModelsApi, type CategorySuggestionOut } from '../insight/models/models-api.ts';
import '../insight/models/models.i18n.ts';
import '../insight/models/models.css';

/** Fewer characters than this (title and content) say too little to suggest from. */
const MIN_CHARS = 6;
const DEBOUNCE_MS = 600;

const percent = (x: number) => Math.round(x * 100);

/** A case already recorded: its words, read instead of the form's fields (受理 and 交办 dialogs). */
export interface SuggestionText {
  title: string;
  content: string;
  stationId: string;
}

/**
 * The line under the content; `form` is the page's form (its title, content, stationId and
 * category fields), or, with `text`, a dialog whose form has only the category field.
 */
export function CategorySuggestion({ form, text: given }: { form: FormInstance; text?: SuggestionText }) {
  const { t } = useTranslation();
  const watchedStation = Form.useWatch('stationId', form) as string | undefined;
  const watchedTitle = Form.useWatch('title', form) as string | undefined;
  const watchedContent = Form.useWatch('content', form) as string | undefined;
  const stationId = given ? given.stationId : watchedStation;
  const title = (given ? given.title : watchedTitle) ?? '';
  const content = (given ? given.content : watchedContent) ?? '';
  const category = Form.useWatch('category', form) as string | undefined;
  const [suggestion, setSuggestion] = useState<CategorySuggestionOut | null>(null);
  // No model in this district: stop asking for this form.
  const [noModel, setNoModel] = useState(false);

  useEffect(() => {
    const text = content.trim();
    if (noModel || !text || [...`${title.trim()}${text}`].length < MIN_CHARS) {
      setSuggestion(null);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      insightModelsApi
        .suggest({ content: text, ...(title.trim() ? { title: title.trim() } : {}), ...(stationId ? { stationId } : {}) }, ctrl.signal)
        .then((s) => setSuggestion(s.basis === 'text' ? s : null))
        .catch((e: unknown) => {
          if (e instanceof DOMException && e.name === 'AbortError') return;
          if (isApiError(e) && e.code === 'NO_MODEL') setNoModel(true);
          setSuggestion(null);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [stationId, title, content, noModel]);

  if (!suggestion) return null;
  const take = (c: string) => form.setFieldValue('category', c);
  const adopted = category === suggestion.category;
  // Alternatives the model gives less than 5 % say nothing.
  const others = suggestion.alternatives.filter((a) => a.confidence >= 0.05);
  return (
    <div className="category-suggestion" role="region" aria-label={t('insightModels.suggestTitle')}>
      <Space size={[8, 4]} wrap align="center">
        <Tooltip title={t('insightModels.basedOn', { version: suggestion.modelVersion, date: formatDate(suggestion.trainedAt) })}>
          <Typography.Text type="secondary" className="category-suggestion-label">
            <ExperimentOutlined /> {t('insightModels.suggestTitle')}
          </Typography.Text>
        </Tooltip>
        <Typography.Text strong>{t('insightModels.suggestion', { category: suggestion.category, percent: percent(suggestion.confidence) })}</Typography.Text>
        <Typography.Text>
          <Typography.Text type="secondary">→ </Typography.Text>
          {t('insightModels.department')}：
          {suggestion.departmentName ?? <Typography.Text type="secondary">{t('insightModels.noDepartment')}</Typography.Text>}
        </Typography.Text>
        {adopted ? (
          <Typography.Text type="success" className="category-suggestion-adopted">
            <CheckOutlined /> {t('insightModels.adopted')}
          </Typography.Text>
        ) : (
          <Button size="small" type="primary" ghost onClick={() => take(suggestion.category)}>
            {t('insightModels.adopt')}
          </Button>
        )}
      </Space>
      {others.length ? (
        <div className="category-suggestion-others">
          <Typography.Text type="secondary">{t('insightModels.others')}</Typography.Text>
          {others.map((a) => (
            <Button key={a.category} type="link" size="small" className="category-suggestion-other" onClick={() => take(a.category)} disabled={category === a.category}>
              {t('insightModels.otherItem', { category: a.category, percent: percent(a.confidence) })}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
