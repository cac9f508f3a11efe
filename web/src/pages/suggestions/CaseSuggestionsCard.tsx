/**
 * On a case page: the deputies' suggestions the case went into (`GET /suggestions?caseId=`), each linked
 * to its page. Nothing is shown when there are none the user may see.
 */
import { Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { suggestionsApi } from '../../api/suggestions.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { ReplyCategoryTag, SuggestionStatusTag } from './suggestion-shared.tsx';

export function CaseSuggestionsCard({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const found = useAsync((signal) => suggestionsApi.list({ caseId, limit: 20 }, signal).catch(() => null), [caseId]);
  const items = found.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card variant="borderless" title={`${t('suggestions.cases.linked')} (${items.length})`} className="side-card sug-case-card">
      <List
        size="small"
        dataSource={items}
        renderItem={(s) => (
          <List.Item>
            <Space orientation="vertical" size={2} className="sug-case-card-item">
              <Link to={`/suggestions/${s.id}`} className="cell-strong">
                {s.title}
              </Link>
              <Space size={6} wrap>
                <SuggestionStatusTag status={s.status} />
                {s.replyCategory ? <ReplyCategoryTag category={s.replyCategory} /> : null}
                <Typography.Text type="secondary" className="cell-sub">
                  {s.number ?? t('suggestions.common.noNumber')} · {s.leadDeputy.name}
                </Typography.Text>
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
