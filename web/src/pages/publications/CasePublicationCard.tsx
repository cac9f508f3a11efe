/**
 * On a case page (station staff and the office): whether the case's result is or may be published —
 * the publication with its status (to its page), 申请公开 when the case is closed and the constituent
 * agreed, or why not (不同意公开). Nothing for those who do not publish (the server answers 403).
 */
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { PublicationStatusTag } from './publication-shared.tsx';
import { publicationsApi } from './publications-api.ts';
import './publications.css';

/** `version` reloads the card when the case changes (an action on the page). */
export function CasePublicationCard({ caseId, version }: { caseId: string; version: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const found = useAsync((signal) => publicationsApi.stateOfCase(caseId, signal).catch(() => null), [caseId, version]);
  const s = found.data;
  if (!s) return null;
  // Open cases the constituent did not object to: nothing to say yet.
  if (!s.publication && !s.closed && !s.noPublish) return null;
  return (
    <Card variant="borderless" title={t('publications.card.title')} className="side-card pub-case-card">
      {s.publication ? (
        <Space orientation="vertical" size={6} className="pub-case-card-item">
          <Space size={8} wrap>
            <PublicationStatusTag status={s.publication.status} />
            <Link to={`/publications/${s.publication.id}`} className="cell-strong">
              {s.publication.title || t('publications.card.open')}
            </Link>
          </Space>
          {s.publication.status === 'returned' && s.publication.returnReason ? (
            <Typography.Text type="secondary">{t('publications.page.returned', { reason: s.publication.returnReason })}</Typography.Text>
          ) : null}
        </Space>
      ) : s.noPublish ? (
        <Alert type="info" showIcon title={t('publications.page.noPublishTitle')} description={s.blockedReason ?? undefined} />
      ) : s.canPrepare ? (
        <Button type="primary" block onClick={() => navigate(`/publications/new?caseId=${encodeURIComponent(caseId)}`)}>
          {t('publications.card.apply')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{s.blockedReason ?? t('publications.card.notClosed')}</Typography.Text>
      )}
    </Card>
  );
}
