/**
 * A dashboard card with a chart and, one click away, the same figures as a table of links
 * (for the keyboard, screen readers, and anyone who wants the exact numbers). Loading, refused and
 * empty states are the card's own: one failing figure does not blank the page.
 */
import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Empty, Segmented, Skeleton, Table, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../utils/errors.ts';

export interface FigureCell {
  value: ReactNode;
  /** Where the number leads (a console path); none when it cannot be listed on its own. */
  to?: string;
}

export interface FigureTable {
  /** Column titles after the first (the row's name). */
  columns: string[];
  rows: { key: string; label: string; cells: FigureCell[] }[];
}

interface Props {
  title: string;
  help?: ReactNode;
  loading: boolean;
  error?: unknown;
  empty: boolean;
  table: FigureTable;
  children: ReactNode;
  /** Extra lines under the chart (totals, the period compared). */
  footer?: ReactNode;
  testId?: string;
}

export function ChartCard({ title, help, loading, error, empty, table, children, footer, testId }: Props) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  let body: ReactNode;
  if (error) body = <Typography.Text type="danger">{errorText(error)}</Typography.Text>;
  else if (loading) body = <Skeleton active paragraph={{ rows: 5 }} />;
  else if (empty) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.charts.noData')} />;
  else if (view === 'chart') body = children;
  else
    body = (
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={table.rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '', dataIndex: 'label', key: 'label' },
          ...table.columns.map((c, i) => ({
            title: c,
            key: `c${i}`,
            align: 'right' as const,
            render: (_: unknown, r: FigureTable['rows'][number]) => {
              const cell = r.cells[i];
              if (!cell) return '—';
              return cell.to ? <Link to={cell.to}>{cell.value}</Link> : cell.value;
            },
          })),
        ]}
      />
    );
  return (
    <Card
      variant="borderless"
      className="chart-card dash-chart-card"
      data-testid={testId}
      title={
        <span className="dash-card-title">
          {title}
          {help ? (
            <Tooltip title={help}>
              <InfoCircleOutlined className="dash-help" aria-label={typeof help === 'string' ? help : undefined} />
            </Tooltip>
          ) : null}
        </span>
      }
      extra={
        <Segmented
          size="small"
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          options={[
            { value: 'chart', label: t('stats.charts.asChart') },
            { value: 'table', label: t('stats.charts.asTable') },
          ]}
        />
      }
    >
      {body}
      {footer && !error && !loading ? <div className="dash-card-footer">{footer}</div> : null}
    </Card>
  );
}
