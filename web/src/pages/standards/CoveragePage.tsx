/**
 * 达标情况: the district at a glance — every active station (and its rooms) against every applicable
 * item, a coloured status per cell linking to the evidence, district totals and a chart per item.
 * The "待审核" filter is the district office's work queue. Station staff, liaison officers and
 * deputies see their own stations (the server scopes the answer).
 */
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined, ReloadOutlined, SafetyCertificateOutlined, SettingOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Radio, Row, Segmented, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { STATION_KIND_LABELS } from '../../../../shared/org.ts';
import { EVIDENCE_STATUS_LABELS, EVIDENCE_STATUSES, type CoverageOut, type EvidenceStatus } from '../../../../shared/standards.ts';
import { standardsApi } from '../../api/standards.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { EChart } from '../../components/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { isEnglish } from '../../i18n/index.ts';
import { pickLabel, useLabel } from '../../i18n/labels.ts';
import { chartItems, itemGroups, kindsPresent, matrixItems, matrixRows, perItemChart, type CoverageItem, type Focus, type KindFilter, type MatrixRow } from './coverage-data.ts';
import { EvidenceStatusTag, standardsPaths } from './standards-shared.tsx';
import './standards.css';

const FOCUSES: Focus[] = ['all', 'submitted', 'returned', 'missing'];
const KINDS: KindFilter[] = ['all', 'station', 'room'];

function useCoverageFilters() {
  const [params, setParams] = useSearchParams();
  const focusParam = params.get('focus') as Focus | null;
  const kindParam = params.get('kind') as KindFilter | null;
  const focus: Focus = focusParam && FOCUSES.includes(focusParam) ? focusParam : 'all';
  const kind: KindFilter = kindParam && KINDS.includes(kindParam) ? kindParam : 'all';
  const set = (key: 'focus' | 'kind', value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === 'all') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return { focus, kind, setFocus: (f: Focus) => set('focus', f), setKind: (k: KindFilter) => set('kind', k) };
}

export function CoveragePage() {
  const { t } = useTranslation();
  const { user, hasRole } = useAuth();
  const admin = hasRole('admin');
  const navigate = useNavigate();
  const { data, error, loading, reload } = useAsync((signal) => standardsApi.coverage(signal), []);
  const { focus, kind, setFocus, setKind } = useCoverageFilters();

  const header = (
    <PageHeader
      crumbs={[{ title: t('standards.crumb') }, { title: t('standards.coverage.title') }]}
      title={t('standards.coverage.title')}
      subtitle={admin ? t('standards.coverage.subtitle') : hasRole('station') ? t('standards.coverage.subtitleScoped') : t('standards.coverage.subtitleRead')}
      extra={
        <Space wrap>
          {user?.stationId && hasRole('station') ? (
            <Button icon={<UnorderedListOutlined />} onClick={() => navigate(standardsPaths.station(user.stationId!))}>
              {t('standards.coverage.myChecklist')}
            </Button>
          ) : null}
          {admin ? (
            <Button icon={<SettingOutlined />} onClick={() => navigate(standardsPaths.items)}>
              {t('standards.coverage.manageItems')}
            </Button>
          ) : null}
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading && !!data} aria-label={t('common.refresh')} />
          </Tooltip>
        </Space>
      }
    />
  );

  if (error && !data) {
    return (
      <div className="page">
        {header}
        <Card variant="borderless">
          <LoadError error={error} onRetry={reload} />
        </Card>
      </div>
    );
  }
  if (!data) {
    return (
      <div className="page">
        {header}
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }

  if (!data.stations.length || !data.items.length) {
    return (
      <div className="page">
        {header}
        <Card variant="borderless">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={!data.items.length ? t('standards.coverage.noItems') : t('standards.coverage.noStations')}
          >
            {!data.items.length && admin ? (
              <Button type="primary" onClick={() => navigate(standardsPaths.items)}>
                {t('standards.coverage.manageItems')}
              </Button>
            ) : null}
          </Empty>
        </Card>
      </div>
    );
  }

  return (
    <div className="page std-coverage">
      {header}
      <Totals data={data} focus={focus} onFocus={setFocus} />
      <Card variant="borderless" className="std-matrix-card" title={t('standards.coverage.matrixTitle')} extra={<Legend />}>
        <div className="toolbar std-matrix-toolbar">
          {kindsPresent(data).length > 1 ? (
            <div className="std-scroll-x">
              <Segmented<KindFilter>
                value={kind}
                onChange={setKind}
                options={KINDS.map((k) => ({ value: k, label: t(`standards.coverage.kind.${k}`) }))}
                aria-label={t('standards.coverage.kindLabel')}
              />
            </div>
          ) : null}
          <div className="std-scroll-x">
            <Radio.Group value={focus} onChange={(e) => setFocus(e.target.value as Focus)} optionType="button" buttonStyle="solid" aria-label={t('standards.coverage.focusLabel')}>
              {FOCUSES.map((f) => (
                <Radio.Button key={f} value={f} className={`std-focus-${f}`}>
                  {f === 'all' ? t('standards.coverage.focus.all') : t(`standards.coverage.focus.${f}`, { count: data.totals.counts[f] })}
                </Radio.Button>
              ))}
            </Radio.Group>
          </div>
        </div>
        <Matrix data={data} kind={kind} focus={focus} district={admin} />
        {focus === 'submitted' && admin ? (
          <Typography.Text type="secondary" className="table-note">
            {t('standards.coverage.queueHint')}
          </Typography.Text>
        ) : null}
      </Card>
      <PerItemChart data={data} />
    </div>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap className="std-legend" aria-label={t('standards.coverage.legend')}>
      {(['approved', 'submitted', 'returned', 'missing'] as EvidenceStatus[]).map((s) => (
        <EvidenceStatusTag key={s} status={s} short />
      ))}
      <Typography.Text type="secondary" className="std-legend-na">
        {t('standards.coverage.blankNotApplicable')}
      </Typography.Text>
    </Space>
  );
}

function Totals({ data, focus, onFocus }: { data: CoverageOut; focus: Focus; onFocus: (f: Focus) => void }) {
  const { t } = useTranslation();
  const { totals } = data;
  const all = EVIDENCE_STATUSES.reduce((n, s) => n + totals.counts[s], 0);
  const rate = all ? Math.round((totals.counts.approved / all) * 1000) / 10 : 0;
  const stations = data.stations.filter((s) => s.kind === 'station');
  const rooms = data.stations.filter((s) => s.kind === 'room');
  const card = (key: string, icon: ReactNode, title: string, value: ReactNode, detail: ReactNode, target?: Focus) => {
    const active = target !== undefined && focus === target;
    const onClick = target ? () => onFocus(active ? 'all' : target) : undefined;
    return (
      <Col xs={12} md={8} xl={key === 'complete' || key === 'rate' ? 6 : 4} key={key}>
        <Card
          variant="borderless"
          className={`stat-card std-stat std-stat-${key}${target ? ' std-stat-clickable' : ''}${active ? ' std-stat-active' : ''}`}
          onClick={onClick}
          role={target ? 'button' : undefined}
          tabIndex={target ? 0 : undefined}
          aria-pressed={target ? active : undefined}
          onKeyDown={target ? (e) => (e.key === 'Enter' || e.key === ' ') && onClick?.() : undefined}
        >
          <div className="stat-card-head">
            <span className="stat-icon">{icon}</span>
            <span className="stat-title">{title}</span>
          </div>
          <div className="std-stat-value">{value}</div>
          <Typography.Text type="secondary" className="stat-detail">
            {detail}
          </Typography.Text>
        </Card>
      </Col>
    );
  };
  return (
    <Row gutter={[16, 16]} className="std-totals">
      {card(
        'complete',
        <SafetyCertificateOutlined />,
        t('standards.coverage.complete'),
        <>
          {totals.complete}
          <span className="std-stat-of"> / {totals.stations}</span>
        </>,
        [
          stations.length ? t('standards.coverage.completeStations', { n: stations.filter((s) => s.complete).length, total: stations.length }) : null,
          rooms.length ? t('standards.coverage.completeRooms', { n: rooms.filter((s) => s.complete).length, total: rooms.length }) : null,
        ]
          .filter(Boolean)
          .join(t('standards.coverage.listSeparator')),
      )}
      {card(
        'rate',
        <CheckCircleOutlined />,
        t('standards.coverage.rate'),
        <>
          {rate}
          <span className="std-stat-of">%</span>
        </>,
        t('standards.coverage.rateDetail', { approved: totals.counts.approved, total: all }),
      )}
      {card('submitted', <ClockCircleOutlined />, t('standards.coverage.submitted'), totals.counts.submitted, t('standards.coverage.submittedDetail'), 'submitted')}
      {card('returned', <ExclamationCircleOutlined />, t('standards.coverage.returned'), totals.counts.returned, t('standards.coverage.returnedDetail'), 'returned')}
      {card('missing', <MinusCircleOutlined />, t('standards.coverage.missing'), totals.counts.missing, t('standards.coverage.missingDetail'), 'missing')}
    </Row>
  );
}

function Matrix({ data, kind, focus, district }: { data: CoverageOut; kind: KindFilter; focus: Focus; district: boolean }) {
  const { t, i18n } = useTranslation();
  const L = useLabel();
  const en = isEnglish(i18n.language);
  const rows = useMemo(() => matrixRows(data, kind, focus), [data, kind, focus]);
  const items = useMemo(() => matrixItems(data, kind, focus), [data, kind, focus]);
  const per = useMemo(() => new Map(data.totals.perItem.map((p) => [p.itemId, p])), [data]);

  const columns = useMemo<ColumnsType<MatrixRow>>(() => {
    const cellWidth = en ? 84 : 60;
    const itemColumn = (item: CoverageItem): ColumnType<MatrixRow> => ({
      key: item.id,
      title: (
        <span className="std-col-head" title={item.name}>
          {item.name}
        </span>
      ),
      width: cellWidth,
      align: 'center',
      onCell: () => ({ className: 'std-cell' }),
      render: (_: unknown, r) => {
        const status = r.statuses[item.id];
        if (!status) return <span className="std-na" aria-label={t('standards.coverage.notApplicable')} />;
        if (focus !== 'all' && status !== focus) return <span className="std-dot" title={L(EVIDENCE_STATUS_LABELS, status)} />;
        return (
          <Link
            to={standardsPaths.evidence(r.id, item.id)}
            className="std-cell-link"
            title={`${r.name} · ${item.name}：${L(EVIDENCE_STATUS_LABELS, status)}`}
            aria-label={`${r.name} · ${item.name}：${L(EVIDENCE_STATUS_LABELS, status)}`}
            data-station={r.name}
            data-item={item.name}
            data-status={status}
          >
            <EvidenceStatusTag status={status} short />
          </Link>
        );
      },
    });
    const groups = itemGroups(items);
    const nameColumn: ColumnType<MatrixRow> = {
      key: 'name',
      title: t('standards.coverage.stationColumn'),
      fixed: 'left',
      width: en ? 250 : 232,
      render: (_: unknown, r) => (
        <div className="std-row-name">
          <Link to={standardsPaths.station(r.id)} className="std-row-link" title={r.name}>
            {r.name}
          </Link>
          <div className="std-row-sub">
            {r.kind === 'room' ? <Tag className="std-kind-tag">{L(STATION_KIND_LABELS, r.kind)}</Tag> : null}
            {r.complete ? (
              <Tag color="success" variant="filled" className="std-complete-tag" icon={<SafetyCertificateOutlined />}>
                {t('standards.coverage.completeTag')}
              </Tag>
            ) : (
              <Typography.Text type="secondary" className="cell-sub">
                {t('standards.coverage.approvedOf', { approved: r.counts.approved, total: r.total })}
              </Typography.Text>
            )}
            {r.parentName ? (
              <Typography.Text type="secondary" className="cell-sub std-parent" ellipsis>
                {t('standards.coverage.roomOf', { name: r.parentName })}
              </Typography.Text>
            ) : null}
          </div>
        </div>
      ),
    };
    const groupTitle = (key: 'station' | 'room' | 'both') =>
      key === 'both' ? t('standards.coverage.groupBoth') : t(`standards.kindSet.${key}`);
    return [
      nameColumn,
      ...(groups.length > 1 || kind === 'all'
        ? groups.map((g) => ({ key: `g-${g.key}`, title: groupTitle(g.key), className: `std-group std-group-${g.key}`, children: g.items.map(itemColumn) }))
        : groups.flatMap((g) => g.items.map(itemColumn))),
    ];
  }, [items, en, focus, kind, t, L]);

  if (!rows.length) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={focus === 'all' ? t('standards.coverage.noRows') : t(`standards.coverage.emptyFocus.${focus}`)}
        className="std-empty"
      />
    );
  }

  return (
    <Table<MatrixRow>
      // remount when the rows change so every station opens with its rooms shown
      key={`${kind}-${focus}`}
      className="std-matrix"
      rowKey="id"
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      columns={columns}
      scroll={{ x: 'max-content' }}
      expandable={{ defaultExpandAllRows: true, indentSize: 14 }}
      rowClassName={(r) => `std-row-${r.kind}${r.complete ? ' std-row-complete' : ''}`}
      summary={() =>
        focus === 'all' ? (
          <Table.Summary fixed="bottom">
            <Table.Summary.Row className="std-summary-row">
              <Table.Summary.Cell index={0} className="std-summary-name">
                {district ? t('standards.coverage.summaryRow') : t('standards.coverage.summaryRowScoped')}
              </Table.Summary.Cell>
              {items.map((item, i) => {
                const p = per.get(item.id);
                const pct = p?.approvedPercent;
                return (
                  <Table.Summary.Cell key={item.id} index={i + 1} align="center">
                    {pct === null || pct === undefined ? (
                      '—'
                    ) : (
                      <Tooltip title={t('standards.coverage.summaryTip', { approved: p?.approved ?? 0, total: p?.applicable ?? 0 })}>
                        <span className={`std-pct${pct >= 100 ? ' std-pct-full' : pct < 60 ? ' std-pct-low' : ''}`}>{pct}%</span>
                      </Tooltip>
                    )}
                  </Table.Summary.Cell>
                );
              })}
            </Table.Summary.Row>
          </Table.Summary>
        ) : null
      }
    />
  );
}

function PerItemChart({ data }: { data: CoverageOut }) {
  const { t, i18n } = useTranslation();
  const labels = useMemo(
    () => Object.fromEntries(EVIDENCE_STATUSES.map((s) => [s, pickLabel(EVIDENCE_STATUS_LABELS[s], i18n.language)])) as Record<EvidenceStatus, string>,
    [i18n.language],
  );
  const option = useMemo(() => perItemChart(data, labels, t('standards.coverage.chartApproved')), [data, labels, t]);
  const rows = chartItems(data).length;
  if (!rows) return null;
  return (
    <Card variant="borderless" className="std-chart-card" title={t('standards.coverage.chartTitle')}>
      <EChart option={option} height={Math.max(160, rows * 30 + 60)} ariaLabel={t('standards.coverage.chartTitle')} />
      <Typography.Text type="secondary" className="table-note">
        {t('standards.coverage.chartHint')}
      </Typography.Text>
    </Card>
  );
}
