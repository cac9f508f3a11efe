import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PublicResult } from '../../../../shared/case-publications.ts';
import { CASE_MEASURES, type CaseMeasure } from '../../../../shared/stats.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import { publicBaseUrl } from '../../../platform/config.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { listPublicResults, publicLimits } from '../../cases/index.ts';
import { monthlyReport, publicStats, type BreakdownRow, type PublicStats } from '../../dashboard/index.ts';
import { getPublicStation, listPublicStations } from '../../org/index.ts';
import { pageErrors } from './case-routes.ts';
import { sendPage } from './render.ts';
import { monthLabel, reportErrorPage, reportIndexPage, reportPage } from './report-pages.ts';
import { statsPage, type StatsFilterState, type StatsPageData } from './stats-pages.ts';

const hide = { hide: true };
const text = (max: number) => z.string().max(max).optional().catch(undefined);
const statsQuery = z.object({ stationId: text(64), period: text(20), from: text(20), to: text(20) });
const MONTH = /^(\d{4})-(\d{2})$/;
/** The published results a monthly report shows at most. */
const REPORT_RESULTS = 5;

/** Months as YYYY-MM: n months before `month` (negative: after). */
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

const lastDay = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

const dayWords = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** A month without cases: the breakdown lists only months that have some, a chart shows the gap as 0. */
function emptyMonth(month: string): BreakdownRow {
  const zero = Object.fromEntries(CASE_MEASURES.map((k) => [k, 0])) as Record<CaseMeasure, number>;
  return { key: month, label: monthLabel(month), filter: null, ...zero, onTimeRate: null, satisfactionRate: null, avgReplyWorkingDays: null };
}

/** Every month from `first` to `last` (YYYY-MM), at most 120. */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last && out.length < 120; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * 统计数据 and 月度报告: the district's statistics (/stats) and the monthly reports (/reports,
 * /reports/YYYY-MM, /stations/:id/reports, /stations/:id/reports/YYYY-MM). The figures are the
 * dashboard module's public queries (`publicStats`, `monthlyReport`) with the console's definitions.
 */
export function statsPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = publicLimits(deps);
  const district = deps.config.LIANXIN_DISTRICT;
  app.setErrorHandler(pageErrors(deps));
  const today = () => shanghaiDate(deps.clock.now());

  async function districtStations(): Promise<Array<{ id: string; name: string }>> {
    const out: Array<{ id: string; name: string }> = [];
    let cursor: string | undefined;
    do {
      const page = await listPublicStations(deps.db, { regionCode: district, limit: 100, cursor });
      out.push(...page.items.map((s) => ({ id: s.id, name: s.name })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  // ---------------------------------------------------------------- /stats

  r.get('/stats', { schema: { ...hide, querystring: statsQuery }, config: { rateLimit: limits.lookup } }, async (req, reply) => {
    const now = today();
    const thisMonth = now.slice(0, 7);
    const firstYear = 2020;
    const years = Array.from({ length: Number(now.slice(0, 4)) - firstYear + 1 }, (_, i) => String(Number(now.slice(0, 4)) - i));
    const months = Array.from({ length: 24 }, (_, i) => addMonths(thisMonth, -i));
    const from = (req.query.from ?? '').trim();
    const to = (req.query.to ?? '').trim();
    const custom = from !== '' || to !== '';
    const filters: StatsFilterState = {
      stationId: (req.query.stationId ?? '').trim(),
      period: custom ? 'custom' : (req.query.period ?? '').trim() || now.slice(0, 4),
      from,
      to,
    };
    const data: StatsPageData = {
      filters, stations: await districtStations(), years, months, rangeLabel: '', stats: null, byStation: [], byCategory: [], byMonth: [],
      reportHref: (m) => (filters.stationId ? `/stations/${filters.stationId}/reports/${m}` : `/reports/${m}`),
      statsHref: (extra) => {
        const q = { ...filters, ...extra };
        const p = new URLSearchParams();
        if (q.stationId) p.set('stationId', q.stationId);
        if (q.from || q.to) {
          if (q.from) p.set('from', q.from);
          if (q.to) p.set('to', q.to);
        } else p.set('period', q.period);
        return `/stats?${p}`;
      },
    };
    // The period chosen → the range the dashboard reads.
    let range: { from?: string; to?: string } = {};
    const p = filters.period;
    const m = MONTH.exec(p);
    if (custom) {
      range = { from: from || undefined, to: to || undefined };
      data.rangeLabel = from && to ? `${dayWords(from)}至${dayWords(to)}` : from ? `${dayWords(from)}以来` : `${dayWords(to)}以前`;
    } else if (p === 'all') {
      data.rangeLabel = '全部时间';
    } else if (/^\d{4}$/.test(p) && p >= '2000' && p <= '2099') {
      range = { from: `${p}-01-01`, to: `${p}-12-31` };
      data.rangeLabel = `${p}年`;
    } else if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && p >= '2000-01' && p <= '2099-12') {
      range = { from: `${p}-01`, to: lastDay(p) };
      data.rangeLabel = monthLabel(p);
    } else if (p === 'custom') {
      data.error = { field: 'from', message: '选择了“自定义起止日期”，请填写起止日期（至少填一项）。' };
    } else {
      data.error = { field: 'period', message: `时间“${p}”不正确：请从列表中选择年份或月份。` };
    }
    if (!data.error) {
      const f = { stationId: filters.stationId || undefined, ...range };
      try {
        const [byCategory, byMonth, byStation] = await Promise.all([
          publicStats(deps, district, { ...f, by: 'category' }),
          publicStats(deps, district, { ...f, by: 'month' }),
          filters.stationId ? Promise.resolve(null) : publicStats(deps, district, { ...f, by: 'station' }),
        ]);
        const rows = (s: PublicStats | null): BreakdownRow[] => s?.breakdown?.items ?? [];
        data.stats = byCategory;
        data.byCategory = rows(byCategory);
        // From the first month with cases in the range up to its end (or this month): months without cases as 0.
        const got = new Map(rows(byMonth).map((x) => [x.key, x]));
        const first = [...got.keys()].sort()[0] ?? thisMonth;
        const last = range.to && range.to.slice(0, 7) < thisMonth ? range.to.slice(0, 7) : thisMonth;
        data.byMonth = [...new Set([...monthsBetween(first, last), ...got.keys()])].sort().map((k) => got.get(k) ?? emptyMonth(k));
        data.byStation = rows(byStation);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        const field = String(e.details?.field ?? '').replace(/^query\./, '');
        data.error = { field: field === 'stationId' || field === 'from' || field === 'to' ? field : 'period', message: e.message };
      }
    }
    const status = data.error ? (data.error.field === 'stationId' ? 404 : 400) : 200;
    return sendPage(req, reply, '统计数据', statsPage(data), { status });
  });

  // ---------------------------------------------------------------- monthly reports

  /** The month in the path, checked: null when it is fine, else the page to send. */
  function badMonth(req: FastifyRequest, reply: FastifyReply, month: string, back: { href: string; label: string }): FastifyReply | null {
    const m = MONTH.exec(month);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
      return sendPage(req, reply, '月份不正确', reportErrorPage('月份不正确', `“${month.slice(0, 20)}”不是一个月份。月报的地址形如 /reports/2026-10（年-月，月份为 01–12）。`, back), { status: 400 });
    }
    const current = today().slice(0, 7);
    if (month < '2000-01') {
      return sendPage(req, reply, '没有这个月的月报', reportErrorPage('没有这个月的月报', `${monthLabel(month)}太早了：月报从 2000 年 1 月起可查。`, back), { status: 400 });
    }
    if (month > current) {
      return sendPage(req, reply, '没有这个月的月报', reportErrorPage('没有这个月的月报', `${monthLabel(month)}还没有到，现在只能查看到本月（${monthLabel(current)}）为止的月报。`, back), { status: 404 });
    }
    return null;
  }

  /** Published results closed within the month (of the station, when given): a few, newest publication first. */
  async function resultsOf(month: string, stationId?: string): Promise<PublicResult[]> {
    const out: PublicResult[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 5 && out.length < REPORT_RESULTS; pages++) {
      const page = await listPublicResults(deps.db, district, { stationId, limit: 100, cursor });
      out.push(...page.items.filter((x) => x.closedOn?.startsWith(month)));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return out.slice(0, REPORT_RESULTS);
  }

  async function showReport(req: FastifyRequest, reply: FastifyReply, month: string, station: { id: string; name: string } | null) {
    const base = station ? `/stations/${station.id}/reports` : '/reports';
    const bad = badMonth(req, reply, month, { href: base, label: '查看全部月报' });
    if (bad) return bad;
    const report = await monthlyReport(deps, null, month, station?.id);
    const now = today();
    const prev = addMonths(month, -1);
    const next = addMonths(month, 1);
    // "上一月" leads back as far as the first month with cases, not to 2000.
    const first = (await monthsWithCases(station)).at(-1)?.month ?? month;
    const body = reportPage({
      report,
      today: now,
      prevHref: prev >= first ? `${base}/${prev}` : null,
      nextHref: next <= now.slice(0, 7) ? `${base}/${next}` : null,
      indexHref: base,
      statsHref: `/stats?${new URLSearchParams({ ...(station ? { stationId: station.id } : {}), period: month })}`,
      results: await resultsOf(month, station?.id),
      resultsHref: station ? `/results?stationId=${station.id}` : '/results',
      sourceUrl: `${publicBaseUrl(deps.config)}${base}/${month}`,
    });
    return sendPage(req, reply, `${station ? station.name : '全区'}月报 ${monthLabel(month)}`, body);
  }

  /** The months that have cases (and the current one), newest first, with the cases received (the dashboard's breakdown by month). */
  async function monthsWithCases(station: { id: string } | null): Promise<Array<{ month: string; received: number }>> {
    const stats = await publicStats(deps, district, { stationId: station?.id, by: 'month' });
    const current = today().slice(0, 7);
    const rows = new Map((stats.breakdown?.items ?? []).map((x) => [x.key, x.received]));
    if (!rows.has(current)) rows.set(current, 0);
    return [...rows].filter(([m]) => m <= current).sort((a, b) => (a[0] < b[0] ? 1 : -1)).map(([month, received]) => ({ month, received }));
  }

  async function showIndex(req: FastifyRequest, reply: FastifyReply, station: { id: string; name: string } | null) {
    const base = station ? `/stations/${station.id}/reports` : '/reports';
    const current = today().slice(0, 7);
    const months = (await monthsWithCases(station)).map((m) => ({ ...m, running: m.month === current, href: `${base}/${m.month}` }));
    return sendPage(req, reply, `${station ? `${station.name} · ` : ''}月度报告`, reportIndexPage({ station, months }));
  }

  const stationOf = async (id: string) => {
    const s = await getPublicStation(deps.db, id);
    return s && s.regionCode.startsWith(district) ? { id: s.id, name: s.name } : null;
  };
  const stationMissing = (req: FastifyRequest, reply: FastifyReply) =>
    sendPage(req, reply, '页面不存在', reportErrorPage('页面不存在', '您要找的联络站不存在或已停用。', { href: '/reports', label: '查看全区月报' }), { status: 404 });

  const monthParams = z.object({ month: z.string().max(40) });
  const stationMonthParams = z.object({ id: z.string().max(64), month: z.string().max(40) });

  r.get('/reports', { schema: hide, config: { rateLimit: limits.lookup } }, async (req, reply) => showIndex(req, reply, null));
  r.get('/reports/:month', { schema: { ...hide, params: monthParams }, config: { rateLimit: limits.lookup } }, async (req, reply) => showReport(req, reply, req.params.month, null));
  r.get('/stations/:id/reports', { schema: { ...hide, params: z.object({ id: z.string().max(64) }) }, config: { rateLimit: limits.lookup } }, async (req, reply) => {
    const s = await stationOf(req.params.id);
    return s ? showIndex(req, reply, s) : stationMissing(req, reply);
  });
  r.get('/stations/:id/reports/:month', { schema: { ...hide, params: stationMonthParams }, config: { rateLimit: limits.lookup } }, async (req, reply) => {
    const s = await stationOf(req.params.id);
    return s ? showReport(req, reply, req.params.month, s) : stationMissing(req, reply);
  });
}
