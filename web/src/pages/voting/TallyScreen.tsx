/**
 * The live tally screen (大屏) for a projector: full screen, no side menu, large type on the console's
 * dark red. It reads the session every 2 s: per candidate a horizontal stacked bar of for / against /
 * abstain with the pass-threshold line, the turnout against the quorum, the members and the status;
 * once closed, each project's result (通过 / 未通过 and why). Only totals are shown — never who voted what.
 */
import { CompressOutlined, ExpandOutlined } from '@ant-design/icons';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { VotingResultRow } from '../../../../shared/projects.ts';
import { isApiError } from '../../api/client.ts';
import { votingApi, type VotingSession } from '../../api/voting.ts';
import { EChart, type ChartOption } from '../../components/EChart.tsx';
import { errorText } from '../../utils/errors.ts';
import { formatDateTimeSeconds } from '../../utils/format.ts';
import { theme } from '../../theme.ts';
import { useResultText } from './voting-shared.tsx';
import './tally-screen.css';

echarts.use([MarkLineComponent]);

const POLL_MS = 2000;
const COLORS = { for: '#f6c344', against: '#7fb2e5', abstain: '#b9b2ae' } as const;

export function TallyScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [s, setS] = useState<VotingSession | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [full, setFull] = useState(false);
  const chartBox = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: 1200, height: 500 });

  // poll every 2 s; one request at a time; a closed session's results no longer change
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ctrl: AbortController | null = null;
    const tick = async () => {
      ctrl = new AbortController();
      let closed = false;
      try {
        const next = await votingApi.get(id, ctrl.signal);
        if (stopped) return;
        setS(next);
        setError(null);
        setUpdatedAt(new Date());
        closed = next.status === 'closed' && next.results !== null;
      } catch (err) {
        if (stopped || (err instanceof DOMException && err.name === 'AbortError')) return;
        setError(err);
        if (isApiError(err) && (err.status === 404 || err.status === 403)) return;
      }
      if (!stopped) timer = setTimeout(() => void tick(), closed ? POLL_MS * 15 : POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      ctrl?.abort();
      if (timer) clearTimeout(timer);
    };
  }, [id]);

  useEffect(() => {
    const el = chartBox.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setBox({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, [s !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const on = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);

  const toggleFull = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  const resultText = useResultText();
  const option = useMemo(() => (s ? chartOption(s, box, t, resultText) : null), [s, box, t, resultText]);

  if (!s) {
    return (
      <div className="vt-screen vt-screen-center">
        <div className="vt-screen-msg">{error ? errorText(error) : t('common.loading')}</div>
      </div>
    );
  }

  const quorumMet = s.turnout >= s.quorum;
  const results = s.status === 'closed' ? s.results : null;
  const passed = results?.rows.filter((r) => r.passed).length ?? 0;
  const turnoutPct = s.memberCount ? Math.min(100, (s.turnout / s.memberCount) * 100) : 0;
  const quorumPct = s.memberCount ? Math.min(100, (s.quorum / s.memberCount) * 100) : 0;

  return (
    <div className="vt-screen">
      <header className="vt-screen-head">
        <div className="vt-screen-titles">
          <h1 className="vt-screen-title">{s.title}</h1>
          <div className="vt-screen-sub">{s.congress}</div>
        </div>
        <div className="vt-screen-status">
          <span className={`vt-screen-pill vt-pill-${s.status}`}>
            {s.status === 'open' ? <span className="vt-live-dot" aria-hidden /> : null}
            {t(`voting.screen.status.${s.status}`)}
          </span>
          <button type="button" className="vt-screen-full" onClick={toggleFull} aria-label={full ? t('voting.screen.exitFull') : t('voting.screen.full')} title={full ? t('voting.screen.exitFull') : t('voting.screen.full')}>
            {full ? <CompressOutlined /> : <ExpandOutlined />}
          </button>
        </div>
      </header>

      <section className="vt-screen-stats">
        <div className="vt-stat">
          <div className="vt-stat-label">{t('voting.screen.members')}</div>
          <div className="vt-stat-value">
            {s.memberCount}
            <small>{t('voting.screen.people')}</small>
          </div>
        </div>
        <div className="vt-stat vt-stat-wide">
          <div className="vt-stat-label">
            {t('voting.screen.turnout')}
            <span className={quorumMet ? 'vt-quorum-ok' : 'vt-quorum-no'}>{quorumMet ? t('voting.screen.quorumMet', { quorum: s.quorum }) : t('voting.screen.quorumNotMet', { quorum: s.quorum })}</span>
          </div>
          <div className="vt-stat-value">
            {s.turnout}
            <small>/ {s.memberCount}</small>
          </div>
          <div className="vt-quorum-bar" role="img" aria-label={t('voting.screen.turnoutAria', { turnout: s.turnout, quorum: s.quorum, members: s.memberCount })}>
            <div className={`vt-quorum-fill${quorumMet ? ' vt-quorum-fill-ok' : ''}`} style={{ width: `${turnoutPct}%` }} />
            <div className="vt-quorum-mark" style={{ left: `${quorumPct}%` }}>
              <span>{t('voting.screen.quorumMark', { quorum: s.quorum })}</span>
            </div>
          </div>
        </div>
        <div className="vt-stat">
          <div className="vt-stat-label">{t('voting.screen.threshold')}</div>
          <div className="vt-stat-value">
            {s.passThreshold}
            <small>{t('voting.screen.votes')}</small>
          </div>
        </div>
        <div className="vt-stat">
          <div className="vt-stat-label">{results ? t('voting.screen.passedOf') : s.seats ? t('voting.screen.projectsSeats', { seats: s.seats }) : t('voting.screen.projects')}</div>
          <div className="vt-stat-value">
            {results ? (
              <>
                {passed}
                <small>/ {s.projects.length}</small>
              </>
            ) : (
              <>
                {s.projects.length}
                <small>{t('voting.screen.items')}</small>
              </>
            )}
          </div>
        </div>
      </section>

      {results && !results.quorumMet ? <div className="vt-screen-banner">{t('voting.screen.noQuorum', { turnout: results.turnout, quorum: s.quorum })}</div> : null}

      <main className="vt-screen-chart" ref={chartBox}>
        {s.projects.length === 0 ? (
          <div className="vt-screen-msg">{t('voting.screen.noProjects')}</div>
        ) : option ? (
          <EChart option={option} height={Math.max(240, box.height)} ariaLabel={t('voting.screen.chartAria')} />
        ) : null}
      </main>

      {/* the chart is a canvas: the same totals and results as text for screen readers */}
      <ol className="vt-sr-only" aria-label={t('voting.screen.chartAria')}>
        {[...s.projects]
          .sort((a, b) => a.sort - b.sort)
          .map((p) => {
            const v = s.tally.find((r) => r.projectId === p.id);
            const r = results?.rows.find((x) => x.projectId === p.id);
            const rt = r ? resultText(r) : null;
            return (
              <li key={p.id} data-project={p.title}>
                {t('voting.screen.rowText', { title: p.title, for: v?.for ?? 0, against: v?.against ?? 0, abstain: v?.abstain ?? 0 })}
                {rt ? ` ${rt.label}${rt.reason ? `（${rt.reason}）` : ''}` : ''}
              </li>
            );
          })}
      </ol>

      <footer className="vt-screen-foot">
        <span className="vt-legend">
          {(['for', 'against', 'abstain'] as const).map((c) => (
            <span key={c}>
              <i style={{ background: COLORS[c] }} />
              {t(`voting.choice.${c}`)}
            </span>
          ))}
          <span>
            <i className="vt-legend-line" />
            {t('voting.screen.thresholdLine', { n: s.passThreshold })}
          </span>
        </span>
        <span className="vt-screen-note">{t('voting.screen.secret')}</span>
        <span className={error ? 'vt-screen-stale' : ''}>
          {error ? t('voting.screen.stale', { error: errorText(error) }) : updatedAt ? t('voting.screen.updated', { at: formatDateTimeSeconds(updatedAt).slice(11) }) : ''}
        </span>
      </footer>
    </div>
  );
}

type T = (key: string, opts?: Record<string, unknown>) => string;

function chartOption(s: VotingSession, box: { width: number; height: number }, t: T, resultText: (r: VotingResultRow) => { label: string; reason: string }): ChartOption {
  const projects = [...s.projects].sort((a, b) => a.sort - b.sort);
  const tally = new Map(s.tally.map((r) => [r.projectId, r]));
  const results = s.status === 'closed' && s.results ? new Map(s.results.rows.map((r) => [r.projectId, r])) : null;
  // type scales with the screen: 1920 px wide gets about 24 px labels, a laptop about 16 px
  const font = Math.round(Math.max(14, Math.min(28, box.width / 78, (box.height / Math.max(1, projects.length)) * 0.34)));
  const labelWidth = Math.round(box.width * (results ? 0.3 : 0.34));
  const resultWidth = results ? Math.round(Math.min(box.width * 0.24, font * 13)) : 0;
  const max = Math.max(1, s.memberCount);
  const names = projects.map((p, i) => `${i + 1}. ${p.title}`);
  const value = (pid: string, c: 'for' | 'against' | 'abstain') => tally.get(pid)?.[c] ?? 0;
  const seg = (c: 'for' | 'against' | 'abstain', last: boolean) => ({
    name: t(`voting.choice.${c}`),
    type: 'bar',
    stack: 'votes',
    barMaxWidth: Math.round(font * 2.2),
    itemStyle: { color: COLORS[c], borderRadius: last ? [0, 4, 4, 0] : 0 },
    label: { show: true, position: 'inside', color: c === 'for' ? '#3b0a0e' : '#1a1a1a', fontSize: Math.round(font * 0.85), fontWeight: 700, formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : '') },
    emphasis: { disabled: true },
    data: projects.map((p) => value(p.id, c)),
    ...(c === 'for'
      ? {
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#ffffff', type: 'dashed', width: 2 },
            label: { formatter: t('voting.screen.thresholdShort', { n: s.passThreshold }), color: '#ffe7ba', fontSize: Math.round(font * 0.75), position: 'start' },
            data: [{ xAxis: s.passThreshold }],
          },
        }
      : {}),
  });
  return {
    animationDuration: 400,
    animationDurationUpdate: 600,
    // a canvas needs real family names ("inherit" would make it drop the whole font, size included)
    textStyle: { fontFamily: theme.token?.fontFamily },
    grid: { left: labelWidth + 16, right: resultWidth + 24, top: font * 1.6, bottom: font * 1.8 },
    xAxis: {
      type: 'value',
      min: 0,
      max,
      minInterval: 1,
      axisLabel: { color: 'rgba(255,240,225,0.75)', fontSize: Math.round(font * 0.7) },
      splitLine: { lineStyle: { color: 'rgba(255,255,255,0.12)' } },
    },
    yAxis: [
      {
        type: 'category',
        inverse: true,
        data: names,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: 'rgba(255,255,255,0.35)' } },
        axisLabel: { color: '#fff8ee', fontSize: font, width: labelWidth, overflow: 'truncate', margin: 14 },
      },
      ...(results
        ? [
            {
              type: 'category',
              inverse: true,
              position: 'right',
              data: projects.map((p) => p.id),
              axisTick: { show: false },
              axisLine: { show: false },
              axisLabel: {
                margin: 16,
                width: resultWidth,
                overflow: 'truncate',
                formatter: (pid: string) => {
                  const r = results.get(pid);
                  if (!r) return '';
                  const text = resultText(r);
                  return r.passed ? `{pass|${text.label}}` : `{fail|${text.label}}{why| ${text.reason}}`;
                },
                rich: {
                  pass: { color: '#3b0a0e', backgroundColor: '#95de64', borderRadius: 4, padding: [4, 10], fontSize: font, fontWeight: 700 },
                  fail: { color: '#fff', backgroundColor: 'rgba(255,255,255,0.18)', borderRadius: 4, padding: [4, 10], fontSize: font, fontWeight: 700 },
                  why: { color: 'rgba(255,240,225,0.85)', fontSize: Math.round(font * 0.8) },
                },
              },
            },
          ]
        : []),
    ],
    tooltip: { show: false },
    series: [seg('for', false), seg('against', false), seg('abstain', true)],
  };
}
