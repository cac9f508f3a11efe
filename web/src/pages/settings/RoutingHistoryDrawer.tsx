/** 历史: every revision of one routing rule, newest first, with what changed from the one before. */
import { Descriptions, Drawer, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingRuleOut, RoutingRuleRevisionOut } from '../../../../shared/cases.ts';
import { routingRulesApi } from '../../api/settings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { formatDateTime } from '../../utils/format.ts';
import { useRegionNames } from './settings-shared.ts';

type Snapshot = RoutingRuleRevisionOut['snapshot'];
type Field = 'category' | 'regionCode' | 'departmentId' | 'note' | 'active';
const FIELDS: Field[] = ['category', 'regionCode', 'departmentId', 'note', 'active'];

/** Timeline dots and tags: the theme's primary colour is red, so "blue" is spelt out. */
const ACTION_COLORS: Record<RoutingRuleRevisionOut['action'], { dot: string; tag: string }> = {
  create: { dot: 'green', tag: 'green' },
  update: { dot: '#1f5fa8', tag: 'blue' },
  deactivate: { dot: 'gray', tag: 'default' },
  activate: { dot: 'green', tag: 'green' },
};

interface Props {
  rule: RoutingRuleOut | null;
  /** Names the rule in the title. */
  title: string;
  onClose: () => void;
}

export function RoutingHistoryDrawer({ rule, title, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer open={!!rule} onClose={onClose} size={560} destroyOnHidden title={t('settings.routing.historyTitle')} extra={<Typography.Text type="secondary">{title}</Typography.Text>}>
      {rule ? <History ruleId={rule.id} /> : null}
    </Drawer>
  );
}

function History({ ruleId }: { ruleId: string }) {
  const { t } = useTranslation();
  const { data, error, reload } = useAsync((signal) => routingRulesApi.history(ruleId, signal), [ruleId]);
  const items = data?.items ?? [];
  const regionName = useRegionNames(items.map((r) => r.snapshot.regionCode));

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;
  if (!items.length) return <Empty description={t('settings.routing.historyEmpty')} />;

  const show: Record<Field, (s: Snapshot) => ReactNode> = {
    category: (s) => s.category ?? <Typography.Text type="secondary">{t('settings.common.anyCategory')}</Typography.Text>,
    regionCode: (s) => (s.regionCode ? regionName(s.regionCode) : <Typography.Text type="secondary">{t('settings.common.wholeDistrict')}</Typography.Text>),
    departmentId: (s) => s.departmentName,
    note: (s) => s.note || '—',
    active: (s) => <StatusTag active={s.active} />,
  };
  const label: Record<Field, string> = {
    category: t('settings.routing.category'),
    regionCode: t('settings.routing.region'),
    departmentId: t('settings.routing.department'),
    note: t('settings.routing.note'),
    active: t('common.status'),
  };

  return (
    <>
      <Typography.Paragraph type="secondary" className="settings-drawer-note">
        {t('settings.routing.historyNote')}
      </Typography.Paragraph>
      <Timeline
        items={items.map((rev, i) => {
          const older = items[i + 1]?.snapshot;
          const changed = (f: Field) => !!older && older[f] !== rev.snapshot[f];
          return {
            key: rev.revision,
            color: ACTION_COLORS[rev.action].dot,
            content: (
              <>
                <div className="settings-rev-head">
                  <Tag color={ACTION_COLORS[rev.action].tag}>{t(`settings.routing.actions.${rev.action}`)}</Tag>
                  <Typography.Text strong>{t('settings.routing.revision', { n: rev.revision })}</Typography.Text>
                  <Typography.Text type="secondary">
                    {rev.by} · {formatDateTime(rev.at)}
                  </Typography.Text>
                </div>
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  className="settings-rev-snapshot"
                  items={FIELDS.map((f) => ({
                    key: f,
                    label: label[f],
                    children: (
                      <span className={changed(f) ? 'settings-changed' : undefined}>
                        {show[f](rev.snapshot)}
                        {changed(f) ? (
                          <Tag color="orange" className="settings-changed-tag">
                            {t('settings.routing.changed')}
                          </Tag>
                        ) : null}
                      </span>
                    ),
                  }))}
                />
              </>
            ),
          };
        })}
      />
    </>
  );
}
