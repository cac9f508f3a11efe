/**
 * One score sheet: a deputy × rater kind of a round (`/assessment/:id/sheet/:deputyId/:kind`). Each
 * criterion 0–100 with at most one decimal, a comment, the sheet's weighted total as it is typed;
 * 暂存 saves a draft (created on the first save), 提交 submits it (every criterion scored; final).
 * A submitted sheet, a closed round or a sheet the user may not fill is shown read-only. Beside it,
 * the deputy's archive of the round's year (一人一档), when the user may read it.
 */
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { RATER_KINDS, type AssessmentRound, type AssessmentSheet, type RaterKind } from '../../../../shared/assessment.ts';
import { isApiError } from '../../api/client.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { showFormError } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { assessmentApi } from './api.ts';
import { fmt2, RoundStatusTag, SheetStateTag, sheetTotal, useRaterLabel } from './assessment-shared.tsx';

interface Values {
  scores: Record<string, number | null>;
  comment: string;
}

export function ScoreSheetPage() {
  const { id = '', deputyId = '', kind: kindParam = '' } = useParams();
  const kind = (RATER_KINDS as readonly string[]).includes(kindParam) ? (kindParam as RaterKind) : null;
  const { t } = useTranslation();
  const user = useUser();
  const raterLabel = useRaterLabel();
  const loaded = useAsync(
    async (signal) => {
      const [round, sheets] = await Promise.all([assessmentApi.get(id, signal), kind ? assessmentApi.sheets(id, { deputyId, raterKind: kind }, signal) : Promise.resolve({ items: [] })]);
      return { round, sheet: sheets.items[0] ?? null };
    },
    [id, deputyId, kind],
  );
  const [sheet, setSheet] = useState<AssessmentSheet | null | undefined>(undefined);
  const current = sheet === undefined ? loaded.data?.sheet : sheet;

  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data || !kind) return kind ? <Skeleton active className="page" /> : <LoadError error={new Error(t('assessment.sheet.notFillable'))} />;
  const { round } = loaded.data;
  const deputy = round.deputies.find((d) => d.deputyId === deputyId);
  const mineOnly = user.roles.includes('deputy') && !user.roles.includes('admin') && !user.roles.includes('station');

  return (
    <div className="page asm-page">
      <PageHeader
        crumbs={[
          mineOnly ? { title: t('assessment.menuMine'), to: '/assessment/mine' } : { title: t('assessment.crumb'), to: '/assessment' },
          { title: round.name, to: `/assessment/${round.id}` },
          { title: t('assessment.sheet.title') },
        ]}
        title={
          <Space wrap size={[8, 4]}>
            <span>{t('assessment.sheet.forDeputy', { deputy: deputy?.name ?? current?.deputyName ?? '', kind: raterLabel(kind) })}</span>
            {current ? <SheetStateTag state={{ id: current.id, status: current.status }} /> : null}
          </Space>
        }
        subtitle={
          <Space size={6} wrap>
            <span>{round.name}</span>
            <RoundStatusTag status={round.status} />
          </Space>
        }
      />
      <div className="asm-sheet-layout">
        <SheetForm
          key={`${round.id}:${deputyId}:${kind}`}
          round={round}
          deputyId={deputyId}
          kind={kind}
          sheet={current ?? null}
          fillable={deputy?.fillable.includes(kind) ?? false}
          onSaved={setSheet}
          onStale={() => {
            setSheet(undefined);
            loaded.reload();
          }}
        />
        <ArchiveSummary deputyId={deputyId} year={round.year} />
      </div>
    </div>
  );
}

function SheetForm({ round, deputyId, kind, sheet, fillable, onSaved, onStale }: {
  round: AssessmentRound; deputyId: string; kind: RaterKind; sheet: AssessmentSheet | null; fillable: boolean;
  onSaved: (s: AssessmentSheet) => void; onStale: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const scores = Form.useWatch('scores', form) ?? {};
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const editable = sheet ? sheet.abilities.update : fillable;

  useEffect(() => {
    form.setFieldsValue({
      scores: Object.fromEntries(round.criteria.map((c) => [c.key, sheet?.scores[c.key] ?? null])),
      comment: sheet?.comment ?? '',
    });
  }, [form, round.criteria, sheet]);

  const values = (): { scores: Record<string, number>; comment: string } => {
    const v = form.getFieldsValue();
    const out: Record<string, number> = {};
    for (const c of round.criteria) {
      const s = v.scores?.[c.key];
      if (typeof s === 'number') out[c.key] = s;
    }
    return { scores: out, comment: (v.comment ?? '').trim() };
  };

  const run = async (what: 'save' | 'submit') => {
    if (what === 'submit') {
      try {
        await form.validateFields();
      } catch {
        return;
      }
    }
    const v = values();
    setBusy(what);
    try {
      const out = sheet
        ? what === 'submit'
          ? await assessmentApi.submitSheet(round.id, sheet.id, sheet.version, v)
          : await assessmentApi.updateSheet(round.id, sheet.id, sheet.version, v)
        : await assessmentApi.createSheet(round.id, { deputyId, raterKind: kind, scores: v.scores, comment: v.comment || undefined, submit: what === 'submit' });
      void message.success(t(what === 'submit' ? 'assessment.sheet.submitted' : 'assessment.sheet.saved'));
      onSaved(out);
    } catch (err) {
      showFormError(form, err, message);
      if (isApiError(err) && err.status === 409) onStale();
    } finally {
      setBusy(null);
    }
  };

  const total = sheetTotal(round.criteria, scores);
  const readOnlyNote = !editable ? (sheet?.status === 'submitted' ? t('assessment.sheet.readOnly') : round.status === 'closed' ? t('assessment.sheet.closedReadOnly') : t('assessment.sheet.notFillable')) : null;

  return (
    <Card variant="borderless" title={t('assessment.sheet.title')}>
      {readOnlyNote ? <Alert type={sheet?.status === 'submitted' ? 'success' : 'warning'} showIcon title={readOnlyNote} style={{ marginBottom: 12 }} /> : <Typography.Paragraph type="secondary">{t('assessment.sheet.lead')}</Typography.Paragraph>}
      <Form<Values> form={form} layout="vertical" disabled={!editable}>
        {round.criteria.map((c) => (
          <div key={c.key} className="asm-score-row">
            <label htmlFor={`score-${c.key}`} className="asm-score-label">
              {c.label}
              <Typography.Text type="secondary" className="asm-sub">
                {t('assessment.common.weight')} {c.weight}%
              </Typography.Text>
            </label>
            <Form.Item name={['scores', c.key]} rules={[{ required: true, message: t('assessment.sheet.scoreRequired', { criterion: c.label }) }]}>
              <InputNumber id={`score-${c.key}`} min={0} max={100} step={0.5} precision={1} style={{ width: '100%' }} inputMode="decimal" />
            </Form.Item>
          </div>
        ))}
        <div className="asm-sheet-total" aria-live="polite">
          <span>{t('assessment.sheet.total')}</span>
          {total === null ? <Typography.Text type="secondary">{t('assessment.sheet.totalHint')}</Typography.Text> : <strong>{fmt2(total)}</strong>}
        </div>
        <Form.Item name="comment" label={t('assessment.sheet.comment')}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t(kind === 'self' ? 'assessment.sheet.commentPlaceholderSelf' : 'assessment.sheet.commentPlaceholder')} />
        </Form.Item>
      </Form>
      <div className="asm-sheet-actions">
        {sheet ? (
          <Typography.Text type="secondary" style={{ marginInlineEnd: 'auto', alignSelf: 'center' }}>
            {t('assessment.sheet.lastSaved', { name: sheet.raterName, at: formatDateTime(sheet.updatedAt) })}
          </Typography.Text>
        ) : null}
        <Link to={`/assessment/${round.id}`}>
          <Button>{t('assessment.sheet.back')}</Button>
        </Link>
        {editable ? (
          <>
            <Button icon={<SaveOutlined />} onClick={() => run('save')} loading={busy === 'save'} disabled={busy !== null}>
              {t('assessment.sheet.save')}
            </Button>
            <Popconfirm title={t('assessment.sheet.submitConfirm')} okText={t('assessment.sheet.submit')} cancelText={t('common.cancel')} onConfirm={() => run('submit')}>
              <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={busy !== null}>
                {t('assessment.sheet.submit')}
              </Button>
            </Popconfirm>
          </>
        ) : null}
      </div>
    </Card>
  );
}

/** The deputy's archive figures of the year, for reference while scoring; nothing when the archive cannot be read. */
function ArchiveSummary({ deputyId, year }: { deputyId: string; year: number }) {
  const { t } = useTranslation();
  // The archive covers years up to this one: a round for a year still to come has nothing to show yet.
  const future = year > Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const loaded = useAsync((signal) => (future ? Promise.resolve(null) : assessmentApi.archive(deputyId, year, signal).catch(() => null)), [deputyId, year, future]);
  if (loaded.loading) return <Card variant="borderless"><Skeleton active /></Card>;
  const a = loaded.data;
  if (!a) return <Card variant="borderless" title={t('assessment.sheet.archive', { year })}><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessment.sheet.archiveNone')} /></Card>;
  const s = a.summary;
  const rows: Array<[string, string]> = [
    [t('assessment.sheet.receptionDays'), t('assessment.sheet.receptionDaysValue', { attended: s.receptionDuty.attended, days: s.receptionDuty.days })],
    [t('assessment.sheet.people'), t('assessment.sheet.peopleValue', { count: s.receptionPeople.people })],
    [t('assessment.sheet.cases'), t('assessment.sheet.casesValue', { count: s.cases.collected, closed: s.cases.closed })],
    [t('assessment.sheet.suggestions'), t('assessment.sheet.suggestionsValue', { total: s.suggestions.total, lead: s.suggestions.lead, cosigned: s.suggestions.cosigned })],
    [t('assessment.sheet.votes'), t('assessment.sheet.votesValue', { count: s.votes.sessions })],
    [t('assessment.sheet.activities'), t('assessment.sheet.activitiesValue', { count: s.activities.total, training: s.activities.training, reportBack: s.activities.reportBack })],
    [t('assessment.sheet.selfReports'), t('assessment.sheet.selfReportsValue', { count: s.selfReports.approved })],
  ];
  return (
    <Card variant="borderless" className="asm-archive" title={t('assessment.sheet.archive', { year })} extra={<Link to={`/archive/deputies/${deputyId}`}>{t('assessment.sheet.archiveOpen')}</Link>}>
      <Typography.Paragraph type="secondary" className="asm-sub">
        {t('assessment.sheet.archiveHint')}
      </Typography.Paragraph>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
