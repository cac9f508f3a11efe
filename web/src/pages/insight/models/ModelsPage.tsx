/**
 * 分类模型 (the office): the category model in use — when it was trained, on how many cases, its
 * macro-F1 and accuracy measured on cases held out of training, and each category's precision,
 * recall and F1 — the versions before it, and 立即重新训练 (POST /insight/models/train). The
 * server retrains by itself when the categorised cases grow by 10 %; this page says when.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Popconfirm, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useAsync } from '../../../hooks/useAsync.ts';
import { formatDateTime } from '../../../utils/format.ts';
import { insightModelsApi, type InsightModel, type InsightModels } from './models-api.ts';
import './models.css';
import './models.i18n.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fixed = (x: number) => x.toFixed(3);

interface ClassRow {
  category: string;
  trained: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  support: number;
}

export function ModelsPage() {
  const { t } = useTranslation();
  const state = useAsync((s) => insightModelsApi.list(s), []);
  const crumbs = [{ title: t('insightModels.menu') }];
  if (state.error) return <LoadError error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Skeleton active className="page" />;
  return <ModelsView data={state.data} crumbs={crumbs} reload={state.reload} />;
}

function ModelsView({ data, crumbs, reload }: { data: InsightModels; crumbs: { title: string }[]; reload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [training, setTraining] = useState(false);
  const active = data.items.find((m) => m.active) ?? null;
  const canTrain = data.categorisedCases >= data.minSamples;

  async function train() {
    setTraining(true);
    try {
      const m = await insightModelsApi.train();
      void message.success(t('insightModels.retrainOk', { version: m.version, f1: m.quality ? fixed(m.quality.macroF1) : '—' }));
      reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setTraining(false);
    }
  }

  const button = (
    <Popconfirm title={t('insightModels.retrainConfirm', { count: data.categorisedCases })} okText={t('insightModels.confirm')} cancelText={t('insightModels.cancel')} onConfirm={train} disabled={!canTrain}>
      <Tooltip title={canTrain ? undefined : t('insightModels.notEnough', { min: data.minSamples })}>
        <Button type="primary" icon={<ReloadOutlined />} loading={training} disabled={!canTrain}>
          {t('insightModels.retrain')}
        </Button>
      </Tooltip>
    </Popconfirm>
  );

  return (
    <div className="page models-page">
      <PageHeader crumbs={crumbs} title={t('insightModels.title')} subtitle={t('insightModels.subtitle')} extra={button} />
      {active ? (
        <Current model={active} data={data} />
      ) : (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title={t('insightModels.noModel')}
          description={t('insightModels.noModelHint', { count: data.categorisedCases, min: data.minSamples })}
        />
      )}
      {active ? <PerClass model={active} /> : null}
      {data.items.length ? <Versions items={data.items} /> : null}
    </div>
  );
}

function Current({ model, data }: { model: InsightModel; data: InsightModels }) {
  const { t } = useTranslation();
  const q = model.quality;
  return (
    <Card
      variant="borderless"
      className="models-summary"
      title={
        <Space>
          {t('insightModels.current')}
          <Tag color="blue">{t('insightModels.version', { version: model.version })}</Tag>
        </Space>
      }
    >
      <Row gutter={[24, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('insightModels.macroF1')} value={q ? fixed(q.macroF1) : '—'} />
          <Typography.Text type="secondary" className="cell-sub">{t('insightModels.macroF1Help')}</Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('insightModels.accuracy')} value={q ? pct(q.accuracy) : '—'} />
          <Typography.Text type="secondary" className="cell-sub">{t('insightModels.accuracyHelp')}</Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('insightModels.samples')} value={model.samples} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('insightModels.trainedAt')} value={formatDateTime(model.trainedAt)} valueStyle={{ fontSize: 18 }} />
          <Typography.Text type="secondary" className="cell-sub">{t('insightModels.trainSeconds', { seconds: model.trainSeconds })}</Typography.Text>
        </Col>
      </Row>
      <Typography.Text type="secondary" className="models-next">
        {t('insightModels.heldOut')}：{q ? t('insightModels.heldOutValue', { heldOut: q.heldOut, trainedOn: q.trainedOn }) : t('insightModels.noQuality')}
        {' · '}
        {t('insightModels.next', { count: data.categorisedCases, at: data.retrainAt })}
      </Typography.Text>
    </Card>
  );
}

function PerClass({ model }: { model: InsightModel }) {
  const { t } = useTranslation();
  const rows = useMemo<ClassRow[]>(
    () =>
      model.labels.map((l) => {
        const q = model.quality?.perClass[l.category];
        return { category: l.category, trained: l.samples, precision: q?.precision ?? null, recall: q?.recall ?? null, f1: q?.f1 ?? null, support: q?.support ?? 0 };
      }),
    [model],
  );
  const num = (v: number | null) => (v === null ? '—' : pct(v));
  const columns: ColumnsType<ClassRow> = [
    { title: t('insightModels.category'), dataIndex: 'category', width: 160, render: (c: string) => <span className="cell-strong">{c}</span> },
    { title: t('insightModels.trained'), dataIndex: 'trained', width: 100, align: 'right' },
    { title: t('insightModels.precision'), dataIndex: 'precision', width: 100, align: 'right', render: num },
    { title: t('insightModels.recall'), dataIndex: 'recall', width: 100, align: 'right', render: num },
    {
      title: t('insightModels.f1'),
      dataIndex: 'f1',
      width: 200,
      render: (v: number | null) =>
        v === null ? '—' : (
          <div className="models-f1">
            <Progress percent={Math.round(v * 100)} size="small" showInfo={false} strokeColor={v >= 0.9 ? '#389e0d' : v >= 0.7 ? '#1677ff' : '#d48806'} />
            <span>{fixed(v)}</span>
          </div>
        ),
    },
    { title: t('insightModels.support'), dataIndex: 'support', width: 100, align: 'right' },
  ];
  return (
    <Card variant="borderless" title={t('insightModels.perClass')} className="form-card">
      <Typography.Paragraph type="secondary" className="cell-sub">
        {t('insightModels.perClassHelp')}
      </Typography.Paragraph>
      <Table<ClassRow> rowKey="category" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 760 }} />
    </Card>
  );
}

function Versions({ items }: { items: InsightModel[] }) {
  const { t } = useTranslation();
  const columns: ColumnsType<InsightModel> = [
    { title: t('insightModels.versionCol'), dataIndex: 'version', width: 90, render: (v: number) => t('insightModels.version', { version: v }) },
    { title: t('insightModels.trainedAt'), dataIndex: 'trainedAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('insightModels.samples'), dataIndex: 'samples', width: 100, align: 'right' },
    { title: t('insightModels.macroF1'), key: 'f1', width: 110, align: 'right', render: (_: unknown, m) => (m.quality ? fixed(m.quality.macroF1) : '—') },
    { title: t('insightModels.accuracy'), key: 'acc', width: 100, align: 'right', render: (_: unknown, m) => (m.quality ? pct(m.quality.accuracy) : '—') },
    { title: t('insightModels.reason'), dataIndex: 'reason', width: 180, render: (r: InsightModel['reason']) => t(`insightModels.reasons.${r}`) },
    {
      title: t('insightModels.state'),
      key: 'state',
      width: 120,
      render: (_: unknown, m) => (m.active ? <Tag color="blue">{t('insightModels.inUse')}</Tag> : m.stored ? <Tag>{t('insightModels.kept')}</Tag> : <Typography.Text type="secondary">{t('insightModels.figuresOnly')}</Typography.Text>),
    },
  ];
  return (
    <Card variant="borderless" title={t('insightModels.versions')} className="form-card">
      <Table<InsightModel> rowKey="id" size="small" columns={columns} dataSource={items} pagination={false} scroll={{ x: 870 }} />
    </Card>
  );
}
