/** 分办规则: which department a case goes to, by category and place; the console suggests it when assigning. */
import { HistoryOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RoutingRuleOut } from '../../../../shared/cases.ts';
import { routingRulesApi } from '../../api/settings.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { ActiveToggle } from '../../components/ActiveToggle.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { StatusFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useRecordDialog } from '../../hooks/useRecordDialog.ts';
import { isEnglish } from '../../i18n/index.ts';
import { formatDateTime } from '../../utils/format.ts';
import { RoutingHistoryDrawer } from './RoutingHistoryDrawer.tsx';
import { RoutingRuleForm } from './RoutingRuleForm.tsx';
import { RoutingTryBox } from './RoutingTryBox.tsx';
import { reloadOnConflict, useCaseCategories } from './settings-shared.ts';
import './settings.css';

export function RoutingRulesPage() {
  const { t, i18n } = useTranslation();
  const { hasRole } = useAuth();
  const admin = hasRole('admin');
  const [category, setCategory] = useState<string | undefined>();
  const [active, setActive] = useState<string | undefined>('true');
  const list = useCursorList<RoutingRuleOut>('/routing-rules', { category, active });
  const dialog = useRecordDialog<RoutingRuleOut>(list);
  const { edit } = dialog;
  const categories = useCaseCategories();
  const [history, setHistory] = useState<RoutingRuleOut | null>(null);

  const describe = useMemo(
    () => (r: RoutingRuleOut) =>
      t('settings.routing.ruleName', {
        category: r.category ?? t('settings.common.anyCategory'),
        region: r.regionName ?? t('settings.common.wholeDistrict'),
        department: r.departmentName,
      }),
    [t],
  );

  const columns = useMemo<ColumnsType<RoutingRuleOut>>(
    () => [
      {
        title: t('settings.routing.category'),
        dataIndex: 'category',
        width: 140,
        render: (c: string | null) => (c ? <span className="cell-strong">{c}</span> : <Tag className="settings-any-tag">{t('settings.common.anyCategory')}</Tag>),
      },
      {
        title: t('settings.routing.region'),
        key: 'region',
        width: 170,
        render: (_: unknown, r) =>
          r.regionCode ? (
            <div className="cell-two-lines">
              <span>{r.regionName ?? r.regionCode}</span>
              <Typography.Text type="secondary" className="cell-sub region-code">
                {r.regionCode}
              </Typography.Text>
            </div>
          ) : (
            <Tag color="gold" variant="outlined">
              {t('settings.common.wholeDistrict')}
            </Tag>
          ),
      },
      {
        title: t('settings.routing.department'),
        dataIndex: 'departmentName',
        width: 230,
        render: (_: unknown, r) => <Link to={`/departments/${r.departmentId}`}>{r.departmentName}</Link>,
      },
      {
        title: t('settings.routing.note'),
        dataIndex: 'note',
        ellipsis: { showTitle: true },
        render: (n: string) => n || '—',
      },
      { title: t('common.status'), dataIndex: 'active', width: 80, render: (a: boolean) => <StatusTag active={a} /> },
      { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 140, render: formatDateTime },
      {
        title: t('common.actions'),
        key: 'actions',
        width: admin ? (isEnglish(i18n.language) ? 210 : 160) : 90,
        fixed: 'right',
        render: (_: unknown, r) => (
          <Space size={0}>
            {admin ? (
              <>
                <Button type="link" size="small" onClick={() => edit(r)}>
                  {t('common.edit')}
                </Button>
                <ActiveToggle
                  active={r.active}
                  name={describe(r)}
                  onToggle={(a) => reloadOnConflict(routingRulesApi.setActive(r.id, r.version, a), list.reload)}
                  onDone={list.reload}
                />
              </>
            ) : null}
            <Button type="link" size="small" onClick={() => setHistory(r)}>
              {t('settings.routing.history')}
            </Button>
          </Space>
        ),
      },
    ],
    [t, i18n.language, admin, edit, list.reload, describe],
  );

  const filterOptions = useMemo(() => categories.items.map((c) => ({ value: c.name, label: c.name })), [categories.items]);

  return (
    <div className="page">
      <PageHeader
        crumbs={[{ title: t('settings.crumb') }, { title: t('settings.routing.title') }]}
        title={t('settings.routing.title')}
        subtitle={t('settings.routing.subtitle')}
        extra={
          admin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={dialog.create}>
              {t('settings.routing.create')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]} className="settings-top-row">
        <Col xs={24} xl={15}>
          <Card variant="borderless" className="settings-side-card" title={t('settings.routing.howTitle')}>
            <ol className="settings-how">
              <li>{t('settings.routing.how1')}</li>
              <li>
                {t('settings.routing.how2')}
                <div className="settings-how-example" aria-label={t('settings.routing.howOrder')}>
                  <span className="settings-how-order">{t('settings.routing.howOrder')}</span>
                  {[1, 2, 3, 4, 5, 6].map((n) => (
                    <span key={n} className="settings-how-step">
                      <Tag>{t(`settings.routing.howExample${n}`)}</Tag>
                      {n < 6 ? <span className="settings-how-gt">›</span> : null}
                    </span>
                  ))}
                </div>
              </li>
              <li>{t('settings.routing.how3')}</li>
              <li>{t('settings.routing.how4')}</li>
            </ol>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <RoutingTryBox categories={categories.items} />
        </Col>
      </Row>
      <Card variant="borderless">
        <div className="toolbar">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('settings.routing.categoryFilter')}
            value={category}
            onChange={setCategory}
            options={filterOptions}
            style={{ width: 200 }}
            aria-label={t('settings.routing.categoryFilter')}
          />
          <StatusFilter value={active} onChange={setActive} width={120} />
          <span className="toolbar-spacer" />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />
          </Tooltip>
        </div>
        <CursorTable list={list} columns={columns} />
        <Typography.Text type="secondary" className="table-note">
          <HistoryOutlined /> {t('settings.routing.tableNote')}
        </Typography.Text>
      </Card>
      {admin ? (
        <RoutingRuleForm
          open={dialog.open}
          rule={dialog.record}
          categories={categories.items}
          onClose={dialog.close}
          onSaved={dialog.onSaved}
          onConflict={list.reload}
        />
      ) : null}
      <RoutingHistoryDrawer rule={history} title={history ? describe(history) : ''} onClose={() => setHistory(null)} />
    </div>
  );
}
