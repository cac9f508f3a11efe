/**
 * The live preview of a rule being edited: the reception days it would generate (asked of the server,
 * debounced, nothing stored), month by month with their lunar dates and the days moved by a holiday;
 * for a new rule taking turns, who would be on duty.
 */
import { SwapRightOutlined } from '@ant-design/icons';
import { Alert, Empty, Spin, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { receptionRulesApi, type PreviewDay, type RulePreviewBody } from '../../api/schedule.ts';
import { isEnglish } from '../../i18n/index.ts';
import { errorText } from '../../utils/errors.ts';
import { monthTitle, weekdayName } from './schedule-shared.tsx';

interface Props {
  /** null: the form is not complete enough to ask. */
  body: RulePreviewBody | null;
  /** Why the form cannot be previewed (its own checks), shown instead. */
  issue?: string | null;
  /** Names of the rotation pool in order, to show who would be on duty (new rules taking turns). */
  rota: { names: string[]; perDay: number } | null;
  today: string;
  /** Form labels by body field, to name the field at fault. */
  fieldLabels: Record<string, string>;
}

export function RulePreview({ body, issue, rota, today, fieldLabels }: Props) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const key = body ? JSON.stringify(body) : '';
  const [state, setState] = useState<{ key: string; items: PreviewDay[] | null; error: unknown }>({ key: '', items: null, error: null });
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!key) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      receptionRulesApi
        .preview(JSON.parse(key) as RulePreviewBody, ctrl.signal)
        .then((r) => setState({ key, items: r.items, error: null }))
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setState({ key, items: null, error });
        })
        .finally(() => {
          if (!ctrl.signal.aborted) setLoading(false);
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [key]);

  const months = useMemo(() => {
    const out: { month: string; days: (PreviewDay & { k: number })[] }[] = [];
    (state.items ?? []).forEach((d, k) => {
      const m = d.date.slice(0, 7);
      const last = out[out.length - 1];
      if (last?.month === m) last.days.push({ ...d, k });
      else out.push({ month: m, days: [{ ...d, k }] });
    });
    return out;
  }, [state.items]);

  if (issue) return <Alert type="warning" showIcon title={issue} />;
  if (!body) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('schedule.rules.previewIncomplete')} />;
  const stale = state.key !== key;
  if (state.error && !stale) {
    const field = (state.error as { field?: string }).field?.replace(/^body\./, '');
    const label = field ? fieldLabels[field] : undefined;
    return <Alert type="warning" showIcon title={label ? `${label}：${errorText(state.error)}` : errorText(state.error)} />;
  }
  if (!state.items) return <Spin className="sched-center-block" />;
  const items = state.items;
  const moved = items.filter((d) => d.moved).length;
  const dutyOf = (k: number) => {
    if (!rota || !rota.names.length) return '';
    const n = rota.names.length;
    return Array.from({ length: Math.min(rota.perDay, n) }, (_, j) => rota.names[(k * rota.perDay + j) % n]).join('、');
  };

  return (
    <div className={`rule-preview${stale || loading ? ' rule-preview-stale' : ''}`} aria-busy={stale || loading}>
      <div className="rule-preview-summary">
        <span className="rule-preview-count">{t('schedule.rules.previewCount', { count: items.length })}</span>
        {moved ? <Tag color="gold">{t('schedule.rules.previewMoved', { count: moved })}</Tag> : null}
        {stale || loading ? <Spin size="small" /> : null}
      </div>
      {rota ? <Typography.Paragraph type="secondary" className="rule-preview-note">{t('schedule.rules.previewRotaNote')}</Typography.Paragraph> : null}
      <div className="rule-preview-months">
        {months.map((m) => (
          <div key={m.month} className="rule-preview-month">
            <div className="rule-preview-month-title">
              {monthTitle(m.month, en)} <span className="rule-preview-month-count">{t('schedule.rules.previewDays', { count: m.days.length })}</span>
            </div>
            <ul>
              {m.days.map((d) => (
                <li key={d.date} className={d.date < today ? 'rule-preview-past' : undefined}>
                  <span className="rule-preview-date">
                    {en ? d.date.slice(5) : `${Number(d.date.slice(8))}日`} {weekdayName(d.date, en)}
                  </span>
                  <span className="sched-lunar">{d.lunar}</span>
                  {d.moved ? (
                    <Tooltip title={t('schedule.common.movedFrom', { date: d.plannedDate })}>
                      <Tag color="gold" icon={<SwapRightOutlined />} className="rule-preview-moved">
                        {t('schedule.rules.movedFromShort', { date: d.plannedDate.slice(5) })}
                      </Tag>
                    </Tooltip>
                  ) : null}
                  {rota ? <span className="rule-preview-duty">{dutyOf(d.k)}</span> : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </div>
  );
}
