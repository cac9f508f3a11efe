/**
 * 我的考评 (deputies): each round the deputy is assessed in, newest year first — the self-assessment
 * (填写 / 继续填写 / 查看) and, once the round is closed, his/her result: total, grade, each
 * criterion's score and each rater kind's. Only the deputy's own figures; never a ranking.
 */
import { Card, Descriptions, Empty, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { MyAssessmentItem } from '../../../../shared/assessment.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { assessmentApi } from './api.ts';
import { fmt2, GradeTag, RoundStatusTag, SheetStateTag, sheetPath, useRaterLabel } from './assessment-shared.tsx';

export function MyAssessmentPage() {
  const { t } = useTranslation();
  const loaded = useAsync((signal) => assessmentApi.mine(signal), []);
  const items = loaded.data?.items ?? [];
  return (
    <div className="page asm-page">
      <PageHeader title={t('assessment.mine.title')} subtitle={t('assessment.mine.subtitle')} />
      {loaded.error ? (
        <LoadError error={loaded.error} onRetry={loaded.reload} />
      ) : loaded.loading && !loaded.data ? (
        <Card variant="borderless">
          <Skeleton active />
        </Card>
      ) : items.length === 0 ? (
        <Card variant="borderless">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessment.mine.empty')} />
        </Card>
      ) : (
        items.map((item) => <RoundCard key={item.round.id} item={item} />)
      )}
    </div>
  );
}

function RoundCard({ item }: { item: MyAssessmentItem }) {
  const { t } = useTranslation();
  const user = useUser();
  const raterLabel = useRaterLabel();
  const { round, selfSheet, canFillSelf, result } = item;
  const selfWeight = round.raters.find((r) => r.kind === 'self')?.weight ?? 0;
  const selfAction = canFillSelf ? (selfSheet ? t('assessment.mine.continueSelf') : t('assessment.mine.fillSelf')) : selfSheet?.id ? t('assessment.mine.viewSelf') : null;
  const kinds = round.raters.filter((r) => r.weight > 0).map((r) => r.kind);

  return (
    <Card
      variant="borderless"
      className="asm-block asm-mine-card"
      title={
        <Space wrap size={[8, 4]}>
          <span>{round.name}</span>
          <RoundStatusTag status={round.status} />
        </Space>
      }
      extra={<Link to={`/assessment/${round.id}`}>{t('assessment.mine.open')}</Link>}
    >
      <div className="asm-mine-body">
        <div>
          {selfWeight > 0 ? (
            <>
              <Typography.Text type="secondary">{t('assessment.mine.selfSheet')}</Typography.Text>
              <div style={{ display: 'flex', alignItems: 'center', gap: 12, margin: '6px 0 16px' }}>
                {selfSheet ? <SheetStateTag state={selfSheet} /> : <span className="asm-muted">{round.status === 'closed' ? t('assessment.mine.selfMissed') : t('assessment.mine.selfWaiting')}</span>}
                {selfAction && user.deputyId ? <Link to={sheetPath(round.id, user.deputyId, 'self')}>{selfAction}</Link> : null}
              </div>
            </>
          ) : null}
          <Typography.Text type="secondary">{t('assessment.mine.result')}</Typography.Text>
          {result ? (
            <div className="asm-mine-score">
              <strong>{fmt2(result.total)}</strong>
              <GradeTag grade={result.grade} />
            </div>
          ) : (
            <div className="asm-muted" style={{ marginTop: 6 }}>
              {t('assessment.mine.resultPending')}
            </div>
          )}
        </div>
        {result ? (
          <div className="asm-result-detail">
            <Descriptions size="small" column={1} title={t('assessment.results.byCriterion')}>
              {round.criteria.map((c) => (
                <Descriptions.Item key={c.key} label={`${c.label}（${c.weight}%）`}>
                  <span className="asm-num">{fmt2(result.criteria[c.key])}</span>
                </Descriptions.Item>
              ))}
            </Descriptions>
            <Descriptions size="small" column={1} title={t('assessment.results.byRater')}>
              {kinds.map((k) => (
                <Descriptions.Item key={k} label={raterLabel(k)}>
                  <span className="asm-num">{result.byRater[k] === null || result.byRater[k] === undefined ? t('assessment.results.missed') : fmt2(result.byRater[k])}</span>
                </Descriptions.Item>
              ))}
            </Descriptions>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
