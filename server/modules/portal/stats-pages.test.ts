import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CASE_MEASURE_LABELS, RATE_DEFINITIONS } from '../../../shared/stats.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

/** The page's text without tags (and entities decoded), for matching what a reader sees. */
const textOf = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

describe('public statistics (/stats), monthly reports (/reports) and the station page\'s figures', () => {
  let t: TestApp;
  let admin: Session;
  let ma: { id: string; name: string };
  const page = (url: string) => t.app.inject({ method: 'GET', url });
  before(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    const stations = (await page('/api/v1/public/stations?limit=100')).json().items as Array<{ id: string; name: string }>;
    ma = stations.find((s) => s.name === '马家河街道代表联系群众工作站')!;
  });
  after(() => t.close());

  test('/stats lists every definition of shared/stats.ts and shows the public API\'s figures for the same filters', async () => {
    const res = await page('/stats?period=all');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.ok(!res.body.includes('<script'));
    const text = textOf(res.body);
    for (const m of Object.values(CASE_MEASURE_LABELS)) assert.ok(text.includes(m.definition), `definition of ${m.zh}`);
    for (const r of Object.values(RATE_DEFINITIONS)) assert.ok(text.includes(r.definition), `definition of ${r.zh}`);
    const all = (await page('/api/v1/public/stats/overview')).json().figures;
    assert.ok(all.received > 0);
    assert.match(text, new RegExp(`收到诉求 ${all.received} 件`));
    assert.match(text, new RegExp(`按时答复率 ${pct(all.onTimeRate).replace('.', '\\.')}`));
    assert.match(text, new RegExp(`当前超期 ${all.overdue} 件`));
    // Per station: every station with cases, with the API's count, linking to its own statistics.
    const byStation = (await page('/api/v1/public/stats/breakdown?by=station')).json().items as Array<{ key: string; label: string; received: number }>;
    assert.ok(byStation.length > 1);
    for (const row of byStation) {
      assert.ok(res.body.includes(`href="/stats?stationId=${row.key}&amp;period=all"`), row.label);
      assert.match(text, new RegExp(`${row.label} ${row.received} `), row.label);
    }
  });

  test('filters: a station and a month, a year, a custom range — each the figures the API gives for that range', async () => {
    const cases: Array<[string, string]> = [
      [`/stats?stationId=${ma.id}&period=2026-10`, `stationId=${ma.id}&from=2026-10-01&to=2026-10-31`],
      ['/stats?period=2026', 'from=2026-01-01&to=2026-12-31'],
      ['/stats?from=2026-09-15&to=2026-11-10', 'from=2026-09-15&to=2026-11-10'],
      [`/stats?stationId=${ma.id}&period=all`, `stationId=${ma.id}`],
    ];
    for (const [url, api] of cases) {
      const res = await page(url);
      assert.equal(res.statusCode, 200, url);
      const f = (await page(`/api/v1/public/stats/overview?${api}`)).json().figures;
      const text = textOf(res.body);
      assert.match(text, new RegExp(`收到诉求 ${f.received} 件`), url);
      assert.match(text, new RegExp(`办结 ${f.closed} 件`), url);
      assert.match(text, new RegExp(`满意率 ${pct(f.satisfactionRate).replace('.', '\\.')}`), url);
    }
    const station = await page(`/stats?stationId=${ma.id}&period=2026`);
    assert.match(textOf(station.body), /马家河街道代表联系群众工作站 · 2026年/);
    assert.ok(!station.body.includes('id="by-station"'), 'a station\'s statistics have no per-station table');
    // The form keeps what was chosen.
    assert.match(station.body, new RegExp(`<option value="${ma.id}" selected>`));
    assert.match(station.body, /<option value="2026" selected>/);
    const custom = await page('/stats?from=2026-09-15&to=2026-11-10');
    assert.match(custom.body, /value="2026-09-15"/);
    assert.match(custom.body, /<option value="custom" selected>/);
    assert.match(textOf(custom.body), /2026年9月15日至2026年11月10日/);
  });

  test('the months table shows the months without cases as 0 and links each month to its report', async () => {
    const res = await page('/stats?period=2026');
    const byMonth = (await page('/api/v1/public/stats/breakdown?by=month&from=2026-01-01&to=2026-12-31')).json().items as Array<{ key: string; received: number }>;
    const first = byMonth[0]!.key;
    for (let m = first; m <= '2026-11'; m = `2026-${String(Number(m.slice(5)) + 1).padStart(2, '0')}`) {
      assert.ok(res.body.includes(`href="/reports/${m}"`), m);
      const got = byMonth.find((x) => x.key === m)?.received ?? 0;
      assert.match(textOf(res.body), new RegExp(`2026年${Number(m.slice(5))}月 ${got} `), m);
    }
    assert.ok(!res.body.includes('href="/reports/2026-12"'), 'no report for a month to come');
  });

  test('bad filters: a clear page in Chinese with the form, 400 (dates, period) or 404 (station)', async () => {
    const reversed = await page('/stats?from=2026-11-10&to=2026-09-15');
    assert.equal(reversed.statusCode, 400);
    assert.match(reversed.body, /统计范围没有选对/);
    assert.match(reversed.body, /aria-invalid="true"/);
    assert.match(reversed.body, /<form class="filters stats-filters"/);
    const absurd = await page('/stats?from=1800-01-01');
    assert.equal(absurd.statusCode, 400);
    assert.match(textOf(absurd.body), /日期|起/);
    const period = await page('/stats?period=2026-13');
    assert.equal(period.statusCode, 400);
    assert.match(textOf(period.body), /时间“2026-13”不正确/);
    const noRange = await page('/stats?period=custom');
    assert.equal(noRange.statusCode, 400);
    assert.match(textOf(noRange.body), /请填写起止日期/);
    const station = await page('/stats?stationId=nope');
    assert.equal(station.statusCode, 404);
    assert.match(station.body, /统计范围没有选对/);
  });

  test('the district\'s monthly report shows the dashboard\'s monthly report, print-ready', async () => {
    const res = await page('/reports/2026-10');
    assert.equal(res.statusCode, 200);
    const r = (await t.as(admin, { method: 'GET', url: '/api/v1/stats/monthly-report?month=2026-10' })).json();
    const text = textOf(res.body);
    assert.match(text, /全区群众诉求办理月报 2026年10月/);
    assert.match(text, new RegExp(`共收到群众诉求 ${r.figures.received} 件`));
    assert.match(text, new RegExp(`收到诉求 ${r.figures.received} ${r.previous.received} `));
    for (const h of ['一、总体情况', '二、诉求类型', '三、办理情况', '四、承办部门', '五、热点问题', '各联络站', '代表进站接待', '代表建议和民生实事', '办理结果选登', '统计口径']) assert.ok(text.includes(h), h);
    for (const c of r.byCategory as Array<{ label: string; received: number }>) assert.match(text, new RegExp(`${c.label} ${c.received} `), c.label);
    for (const d of r.byDepartment as Array<{ label: string; assigned: number }>) assert.match(text, new RegExp(`${d.label} ${d.assigned} `), d.label);
    assert.match(text, new RegExp(`接待群众 ${r.receptions.peopleReceived} 人次`));
    assert.match(text, new RegExp(`本月立案 ${r.suggestions.registered} 件`));
    assert.match(text, /打印 \/ 另存为 PDF/);
    assert.match(res.body, /class="print-hint screen-only"/);
    assert.match(res.body, /href="\/reports\/2026-09"/);
    assert.match(res.body, /href="\/reports\/2026-11"/);
    // Published results closed in the month only (each links to its page).
    const results = (await page('/api/v1/public/results?limit=100')).json().items as Array<{ id: string; title: string; closedOn: string | null }>;
    for (const x of results) assert.equal(res.body.includes(`href="/results/${x.id}"`), Boolean(x.closedOn?.startsWith('2026-10')), x.title);
  });

  test('a station\'s monthly report, the indexes, and the station page\'s figures with the link to its report', async () => {
    const res = await page(`/stations/${ma.id}/reports/2026-11`);
    assert.equal(res.statusCode, 200);
    const r = (await t.as(admin, { method: 'GET', url: `/api/v1/stats/monthly-report?month=2026-11&stationId=${ma.id}` })).json();
    const text = textOf(res.body);
    assert.match(text, new RegExp(`${ma.name} 群众诉求办理月报 2026年11月`));
    assert.match(text, new RegExp(`共收到群众诉求 ${r.figures.received} 件`));
    assert.match(text, /本月尚未结束/);
    assert.ok(!text.includes('各联络站'), 'a station report has no per-station table');
    assert.ok(!res.body.includes(`href="/stations/${ma.id}/reports/2026-12"`), 'no next month after this one');

    const index = await page('/reports');
    assert.equal(index.statusCode, 200);
    const months = (await page('/api/v1/public/stats/breakdown?by=month')).json().items as Array<{ key: string; received: number }>;
    for (const m of months) assert.match(textOf(index.body), new RegExp(`${Number(m.key.slice(5))}月 收到 ${m.received} 件`), m.key);
    for (const m of months) assert.ok(index.body.includes(`href="/reports/${m.key}"`), m.key);
    const own = await page(`/stations/${ma.id}/reports`);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, new RegExp(`href="/stations/${ma.id}/reports/2026-11"`));

    const station = await page(`/stations/${ma.id}`);
    const f = (await page(`/api/v1/public/stats/overview?stationId=${ma.id}&from=2026-01-01&to=2026-11-20`)).json().figures;
    const st = textOf(station.body);
    assert.match(st, /群众诉求办理情况（2026年以来）/);
    assert.match(st, new RegExp(`收到诉求 ${f.received} 件`));
    assert.match(st, new RegExp(`已答复 ${f.resolved} 件`));
    assert.match(st, new RegExp(`按时答复率 ${pct(f.onTimeRate).replace('.', '\\.')}`));
    assert.match(st, new RegExp(`满意率 ${pct(f.satisfactionRate).replace('.', '\\.')}`));
    assert.ok(station.body.includes(`href="/stations/${ma.id}/reports/2026-10"`), 'the latest complete month\'s report');
    // Still the deputies on duty, the reception days and the recent activities.
    for (const h of ['近期接待安排', '近期代表活动', '驻站人大代表']) assert.ok(st.includes(h), h);
  });

  test('a bad month is a page in Chinese: 400 for no such month or before 2000, 404 for one to come; unknown station 404', async () => {
    for (const [url, status, words] of [
      ['/reports/2026-13', 400, /“2026-13”不是一个月份/],
      ['/reports/2026-1', 400, /不是一个月份/],
      ['/reports/abc', 400, /不是一个月份/],
      ['/reports/1800-01', 400, /1800年1月太早了/],
      ['/reports/2026-12', 404, /2026年12月还没有到/],
      ['/reports/2031-01', 404, /还没有到/],
      [`/stations/${ma.id}/reports/2026-00`, 400, /不是一个月份/],
      ['/stations/nope/reports/2026-10', 404, /联络站不存在/],
      ['/stations/nope/reports', 404, /联络站不存在/],
    ] as const) {
      const res = await page(url);
      assert.equal(res.statusCode, status, url);
      assert.match(res.headers['content-type'] as string, /text\/html/, url);
      assert.match(textOf(res.body), words, url);
    }
  });
});
