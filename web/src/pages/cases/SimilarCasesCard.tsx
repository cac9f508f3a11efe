/**
 * 相似诉求 on a case page: the open cases of the same street whose text reads like this one's
 * (`POST /cases/similar` with the case's own station, title and content; the case itself left
 * out), each with 合并到此诉求 (that case merged into this one) and 合并 (this one into that), one
 * click and a confirmation, through the workflow's `merge` action with the version each case has
 * now. Shown only for open cases, and only when there is something similar the user may see;
 * never asked for by roles the server refuses (department handlers: SIMILAR_CHECK_ROLES).
 */
import { App, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUS_GROUPS, type CaseOut } from '../../../../shared/cases.ts';
import { casesApi } from '../../api/cases.ts';
import { isApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { SIMILAR_CHECK_ROLES, SimilarCaseItem, similarCasesApi, type SimilarCase } from './SimilarCases.tsx';

const OPEN: readonly string[] = CASE_STATUS_GROUPS.open;

/** `onMerged(out)`: this case was merged (its new state); `onMerged()`: another case was merged into it (reload it). */
export function SimilarCasesCard({ c, onMerged }: { c: CaseOut; onMerged: (out?: CaseOut) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const { hasRole } = useAuth();
  const mayCheck = hasRole(...SIMILAR_CHECK_ROLES);
  const open = OPEN.includes(c.status);
  const found = useAsync(
    (signal) =>
      open && mayCheck
        ? similarCasesApi.check({ stationId: c.stationId, title: c.title, content: c.content }, signal).then((r) => r.items.filter((i) => i.id !== c.id)).catch(() => [])
        : Promise.resolve([] as SimilarCase[]),
    [c.id, c.version, open, mayCheck],
  );
  const items = found.data ?? [];
  if (!open || !mayCheck || !items.length) return null;

  const fail = (e: unknown) => void message.error(isApiError(e) ? e.message : String(e));

  /** That case into this one: its current version and whether the user may merge it. */
  async function mergeHere(item: SimilarCase) {
    setBusy(item.id);
    try {
      const other = await casesApi.get(item.id);
      if (!other.abilities.merge) {
        void message.error(t('duplicates.cannotMerge', { title: item.title }));
        return;
      }
      await casesApi.act(item.id, 'merge', other.version, { intoCaseId: c.id });
      void message.success(t('duplicates.merged'));
      found.reload();
      onMerged();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  }

  /** This case into that one, at the version the page shows. */
  async function mergeInto(item: SimilarCase) {
    setBusy(item.id);
    try {
      const out = await casesApi.act(c.id, 'merge', c.version, { intoCaseId: item.id });
      void message.success(t('duplicates.merged'));
      onMerged(out);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  }

  const canMerge = c.abilities.merge;
  return (
    <Card variant="borderless" title={t('duplicates.cardTitle', { count: items.length })} className="side-card similar-card">
      <Typography.Paragraph type="secondary" className="similar-card-hint">
        {t('duplicates.cardHint')}
      </Typography.Paragraph>
      <div className="similar-list">
        {items.map((i) => (
          <SimilarCaseItem
            key={i.id}
            item={i}
            actions={
              canMerge ? (
                <Space size={4} wrap>
                  <Popconfirm
                    title={t('duplicates.mergeHere')}
                    description={<div className="similar-confirm">{t('duplicates.mergeHereConfirm', { title: i.title })}</div>}
                    okText={t('duplicates.confirm')}
                    cancelText={t('duplicates.cancel')}
                    onConfirm={() => mergeHere(i)}
                  >
                    <Button size="small" type="primary" ghost loading={busy === i.id} disabled={busy !== null && busy !== i.id}>
                      {t('duplicates.mergeHere')}
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={t('duplicates.mergeInto')}
                    description={<div className="similar-confirm">{t('duplicates.mergeIntoConfirm', { title: i.title })}</div>}
                    okText={t('duplicates.confirm')}
                    cancelText={t('duplicates.cancel')}
                    onConfirm={() => mergeInto(i)}
                  >
                    <Button size="small" disabled={busy !== null}>
                      {t('duplicates.mergeInto')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null
            }
          />
        ))}
      </div>
    </Card>
  );
}
