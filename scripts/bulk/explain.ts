/**
 * The query plans behind the console's busiest reads, on a PostgreSQL database holding a large
 * history (scripts/bulk/generate.ts): every SQL statement that the case list (each filter, as the
 * administrator and as station staff), the dashboard and search send, captured as the app sends
 * them, then run again under EXPLAIN (ANALYZE, BUFFERS). Used for decision 0009.
 *
 *   DATABASE_URL=postgres://…/lianxin_big LIANXIN_DEMO_PASSWORD=… node scripts/bulk/explain.ts [--only list|dashboard|search] [--full]
 *
 * Prints, per request, each statement's plan summary (the plan's node types and the indexes it
 * uses, rows, execution time); --full prints the whole plans.
 */
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../../server/app.ts';
import { boot } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/platform/config.ts';
import type { Database } from '../../server/database.ts';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const full = args.includes('--full');

const config = { ...loadConfig(), LIANXIN_DEMO: true, LIANXIN_JOBS: false, LIANXIN_RATE_LIMITS: 'off' as const };
if (!config.DATABASE_URL.startsWith('postgres')) {
  console.error('需要 PostgreSQL 的 DATABASE_URL (explain.ts reads PostgreSQL plans)');
  process.exit(2);
}
const booted = await boot(config, { log: pino({ level: 'warn' }) });
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4 });
let capture: CompiledQuery[] | null = null;
const logged = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (e) => {
    if (capture && e.level === 'query') capture.push(e.query);
  },
});
const app = await buildApp({ ...booted.deps, db: logged });
const login = async (username: string) => {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: booted.demoPassword } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return `lianxin_session=${res.cookies.find((c) => c.name === 'lianxin_session')!.value}`;
};
const cookies = { admin: await login('admin'), station: await login('station') };
const station = await booted.deps.db.selectFrom('users').select('station_id').where('username', '=', 'station').executeTakeFirstOrThrow();
const dept = await booted.deps.db.selectFrom('departments').select('id').orderBy('id').executeTakeFirstOrThrow();
const year = new Date(booted.deps.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 4);

const requests: Array<{ part: string; who: 'admin' | 'station'; url: string }> = [
  ...['', 'status=open', 'status=submitted', 'stationId=' + station.station_id, 'departmentId=' + dept.id, 'category=' + encodeURIComponent('市政设施'), 'channel=phone', 'overdue=true',
    'dueState=yellow', 'supervised=true', `from=${year}-01-01&to=${year}-01-31`, 'measure=unsatisfied', 'sort=due', 'regionCode=430211'].map((q) => ({ part: 'list', who: 'admin' as const, url: `/api/v1/cases?limit=20${q ? `&${q}` : ''}` })),
  ...['', 'status=open', 'overdue=true', 'sort=due'].map((q) => ({ part: 'list', who: 'station' as const, url: `/api/v1/cases?limit=20${q ? `&${q}` : ''}` })),
  ...['/api/v1/stats/figures', '/api/v1/stats/breakdown?by=station', '/api/v1/stats/breakdown?by=month', `/api/v1/stats/figures?from=${year}-01-01&to=${year}-12-31`].map((url) => ({ part: 'dashboard', who: 'admin' as const, url })),
  ...['灯', '路灯', '井盖破', '老旧小区改造'].map((q) => ({ part: 'search', who: 'admin' as const, url: `/api/v1/cases/search?limit=20&q=${encodeURIComponent(q)}` })),
];

const client = new pg.Client({ connectionString: config.DATABASE_URL });
await client.connect();
const skip = /^(select .* from "?(sessions|users|projection_cursors|office_days|calendar|events)"?|insert into "?projection_cursors|update "?sessions)/i;
for (const r of requests) {
  if (only && r.part !== only) continue;
  capture = [];
  const res = await app.inject({ method: 'GET', url: r.url, headers: { cookie: cookies[r.who] } });
  const statements = capture;
  capture = null;
  console.log(`\n## ${r.who} ${r.url} → ${res.statusCode}`);
  for (const q of statements) {
    if (skip.test(q.sql) || !/^select/i.test(q.sql)) continue;
    const plan = await client.query(`explain (analyze, buffers, format json) ${q.sql}`, [...q.parameters] as unknown[]);
    const top = (plan.rows[0] as { 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> })['QUERY PLAN'][0]!;
    const nodes: string[] = [];
    const walk = (n: PlanNode, depth: number) => {
      nodes.push(`${'  '.repeat(depth)}${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''} (rows ${n['Actual Rows']}, loops ${n['Actual Loops']}${n['Rows Removed by Filter'] ? `, removed by filter ${n['Rows Removed by Filter']}` : ''})`);
      for (const c of n.Plans ?? []) walk(c, depth + 1);
    };
    walk(top.Plan, 1);
    console.log(`- ${top['Execution Time'].toFixed(2)} ms: ${q.sql.replace(/\s+/g, ' ').slice(0, full ? 10_000 : 160)}`);
    console.log(nodes.slice(0, full ? 200 : 8).join('\n'));
  }
}
await client.end();
await app.close();
await logged.destroy();
await booted.close();

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}
