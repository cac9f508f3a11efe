/**
 * The figures of the period as cards: 收到、受理、交办、答复、办结、当前超期, then 按时答复率、
 * 平均答复用时（工作日）、满意率. Each names its definition (shared/stats.ts) and its number
 * opens the case list with the cases it counts.
 */
import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CASE_MEASURE_LABELS, RATE_DEFINITIONS, type CaseMeasure } from '../../../../shared/stats.ts';
import type { StatsFigures } from '../../api/stats.ts';
import { useLabel } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { drillLink, type DashboardFilters } from './dashboard-filters.ts';

const COUNT_CARDS: CaseMeasure[] = ['received', 'accepted', 'assigned', 'resolved', 'closed', 'overdue'];

export const formatRate = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
export const formatDays = (d: number | null | undefined) => (d === null || d === undefined ? '—' : (Math.round(d * 10) / 10).toFixed(1));

interface CardProps {
  id: string;
  title: string;
  definition: string;
  value: ReactNode;
  unit?: string;
  to: string;
  detail?: ReactNode;
  tone?: 'warn';
}

function FigureCard({ id, title, definition, value, unit, to, detail, tone }: CardProps) {
  const { t } = useTranslation();
  return (
    <Card variant="borderless" className={`figure-card${tone === 'warn' ? ' figure-warn' : ''}`} size="small">
      <div className="figure-head">
        <span className="figure-title">{title}</span>
        <Tooltip title={definition}>
          <InfoCircleOutlined className="dash-help" aria-label={definition} tabIndex={0} />
        </Tooltip>
      </div>
      <Tooltip title={t('stats.cards.openHelp')} mouseEnterDelay={0.6}>
        <Link to={to} className="figure-value" data-figure={id} aria-label={`${title} ${typeof value === 'string' || typeof value === 'number' ? value : ''}${unit ?? ''}，${t('stats.cards.open')}`}>
          {value}
          {unit ? <span className="figure-unit">{unit}</span> : null}
        </Link>
      </Tooltip>
      {detail ? (
        <Typography.Text type="secondary" className="figure-detail">
          {detail}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

export function FigureCards({ figures, loading, error, filters }: { figures: StatsFigures | undefined; loading: boolean; error: unknown; filters: DashboardFilters }) {
  const { t } = useTranslation();
  const L = useLabel();
  if (error) {
    return (
      <Card variant="borderless" className="dash-section">
        <Typography.Text type="danger">
          {t('stats.cards.loadFailed')}：{errorText(error)}
        </Typography.Text>
      </Card>
    );
  }
  if (!figures) {
    return (
      <Card variant="borderless" className="dash-section">
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
    );
  }
  const f = figures;
  const rate = (k: keyof typeof RATE_DEFINITIONS) => L(RATE_DEFINITIONS, k);
  return (
    <div className={`dash-section dash-figures${loading ? ' is-reloading' : ''}`} aria-busy={loading}>
      <Row gutter={[12, 12]}>
        {COUNT_CARDS.map((m) => (
          <Col key={m} xs={12} sm={8} xl={4}>
            <FigureCard
              id={m}
              title={L(CASE_MEASURE_LABELS, m)}
              definition={CASE_MEASURE_LABELS[m].definition}
              value={f[m]}
              to={drillLink(filters, { measure: m })}
              tone={m === 'overdue' && f.overdue > 0 ? 'warn' : undefined}
            />
          </Col>
        ))}
        <Col xs={24} sm={8}>
          <FigureCard
            id="onTimeRate"
            title={rate('onTimeRate')}
            definition={RATE_DEFINITIONS.onTimeRate.definition}
            value={formatRate(f.onTimeRate)}
            to={drillLink(filters, { measure: 'onTime' })}
            detail={t('stats.cards.onTimeDetail', { onTime: f.onTime, resolved: f.resolved })}
          />
        </Col>
        <Col xs={24} sm={8}>
          <FigureCard
            id="avgReplyWorkingDays"
            title={rate('avgReplyWorkingDays')}
            definition={RATE_DEFINITIONS.avgReplyWorkingDays.definition}
            value={formatDays(f.avgReplyWorkingDays)}
            unit={f.avgReplyWorkingDays === null ? undefined : t('stats.cards.days')}
            to={drillLink(filters, { measure: 'resolved' })}
            detail={f.avgReplyWorkingDays === null ? t('stats.cards.noRate') : t('stats.cards.avgDetail')}
          />
        </Col>
        <Col xs={24} sm={8}>
          <FigureCard
            id="satisfactionRate"
            title={rate('satisfactionRate')}
            definition={RATE_DEFINITIONS.satisfactionRate.definition}
            value={formatRate(f.satisfactionRate)}
            to={drillLink(filters, { measure: 'satisfied' })}
            detail={t('stats.cards.satisfactionDetail', { satisfied: f.satisfied, rated: f.rated })}
          />
        </Col>
      </Row>
    </div>
  );
}
