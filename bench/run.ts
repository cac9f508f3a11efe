/**
 * `npm run bench`: every benchmark in bench/*.bench.ts, one after another (the machine has two
 * cores: parallel runs would measure each other). Each file exports `run(opts)` returning its
 * figures (with their targets); this prints them as JSON lines and a table, and writes
 * bench/results/<date>-<host>.json with the machine and the date.
 *
 *   npm run bench                    all of them, default sizes
 *   npm run bench -- search          only the files whose name contains "search"
 *   npm run bench -- --cases 10000   a size for the benchmarks that take one
 *   npm run bench -- --smoke         small sizes and few repetitions: seconds, not minutes (CI runs it:
 *                                    server/bench-smoke.test.ts); the results go to --out or a temp dir
 *   npm run bench -- --db postgres   the benchmarks that run on both databases: only this one (sqlite|postgres|both)
 *   npm run bench -- --out DIR       write the results file into DIR instead of bench/results/
 *   npm run bench -- --keep          keep the databases the benchmarks build (they print where)
 *
 * At the end, a table: every figure with its target (../shared/design/QUALITY.md), the database,
 * the number of cases it was measured at, and met / missed.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const args = process.argv.slice(2);
const valueOf = (key: string) => (args.includes(key) ? args[args.indexOf(key) + 1] : undefined);
const casesAt = args.indexOf('--cases');
const cases = casesAt >= 0 ? Number(args[casesAt + 1]) : undefined;
if (casesAt >= 0 && !(Number.isInteger(cases) && cases! > 0)) {
  console.error('--cases 需要一个正整数（--cases needs a positive integer）');
  process.exit(2);
}
const smoke = args.includes('--smoke');
/** Keep the generated databases (the benchmarks that build one print where), to measure them again later. */
const keep = args.includes('--keep');
const db = valueOf('--db');
if (db !== undefined && !['sqlite', 'postgres', 'both'].includes(db)) {
  console.error('--db 应为 sqlite、postgres 或 both（--db must be sqlite, postgres or both）');
  process.exit(2);
}
const outDir = valueOf('--out') ?? (smoke ? mkdtempSync(join(tmpdir(), 'lianxin-bench-smoke-')) : join(dir, 'results'));
const valued = new Set(['--cases', '--db', '--out'].map((k) => args.indexOf(k) + 1).filter((i) => i > 0));
const names = args.filter((a, i) => !a.startsWith('--') && !valued.has(i));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => names.length === 0 || names.some((n) => f.includes(n)))
  .sort();
if (!files.length) {
  console.error(`没有匹配的基准测试（no benchmark matches ${names.join(' ')}）`);
  process.exit(2);
}

const started = new Date();
const machine = { host: hostname(), cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
const results: Record<string, unknown> = {};
let failed = 0;
for (const f of files) {
  const name = f.replace(/\.bench\.ts$/, '');
  const t0 = performance.now();
  try {
    const mod = (await import(join(dir, f))) as { run(opts?: { cases?: number; smoke?: boolean; db?: string; keep?: boolean }): Promise<Record<string, unknown>> };
    // Smoke: small sizes for every benchmark that takes one (the others already run in seconds).
    const size = cases ?? (smoke ? 2000 : undefined);
    const figures = await mod.run(size || smoke || db || keep ? { ...(size ? { cases: size } : {}), ...(smoke ? { smoke } : {}), ...(db ? { db } : {}), ...(keep ? { keep } : {}) } : undefined);
    results[name] = { ...figures, benchSeconds: Math.round((performance.now() - t0) / 100) / 10 };
  } catch (err) {
    failed++;
    results[name] = { error: err instanceof Error ? err.message : String(err) };
  }
  console.log(JSON.stringify({ bench: name, ...(results[name] as object) }));
}

const table = figureRows(results);
const out = { date: started.toISOString(), machine, args, smoke, results, table };
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `${started.toISOString().slice(0, 10)}-${machine.host}${smoke ? '-smoke' : names.length ? `-${names.join('-')}` : ''}${!smoke && cases ? `-${cases}` : ''}.json`);
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(`\n${printTable(table)}`);
console.log(`\n机器 machine: ${machine.cpu} × ${machine.cpus}, ${machine.memoryGB} GB, Node ${machine.node}; ${started.toISOString()}`);
console.log(`结果已写入 results written to ${file}`);
process.exit(failed ? 1 : 0);

interface Row { bench: string; figure: string; db: string; cases: number | null; value: string; target: string; result: 'met' | 'missed' | 'error' | '' }

/**
 * The table's rows: a benchmark's own `figures` list ({ figure, db, cases, value, unit, target, met })
 * when it has one, else one row from its `target` ({ met, … }) with the p95 it reports.
 */
function figureRows(all: Record<string, unknown>): Row[] {
  const rows: Row[] = [];
  for (const [bench, r] of Object.entries(all) as Array<[string, Record<string, unknown>]>) {
    if (r.error) {
      rows.push({ bench, figure: '—', db: '', cases: null, value: String(r.error).slice(0, 60), target: '', result: 'error' });
      continue;
    }
    if (Array.isArray(r.figures)) {
      for (const f of r.figures as Array<Record<string, unknown>>) {
        rows.push({ bench, figure: String(f.figure), db: String(f.db ?? ''), cases: typeof f.cases === 'number' ? f.cases : null, value: `${f.value} ${f.unit ?? ''}`.trim(), target: String(f.target ?? ''), result: f.met === true ? 'met' : f.met === false ? 'missed' : '' });
      }
      continue;
    }
    const target = r.target as Record<string, unknown> | undefined;
    if (!target) continue;
    const p95 = (r.overall as { p95Ms?: number } | undefined)?.p95Ms ?? (r.check as { p95Ms?: number } | undefined)?.p95Ms;
    const described = Object.entries(target).filter(([k]) => k !== 'met' && k !== 'measuredAt').map(([k, v]) => `${k} ${v}`).join(', ');
    rows.push({
      bench, figure: p95 !== undefined ? 'p95' : 'figures', db: 'sqlite', cases: typeof r.cases === 'number' ? r.cases : null, value: p95 !== undefined ? `${p95} ms` : '(see JSON)',
      target: described, result: target.met === true ? 'met' : target.met === false ? 'missed' : '',
    });
  }
  return rows;
}

/** A plain-text table (CJK characters count as two columns). */
function printTable(rows: Row[]): string {
  const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
  const cells = [['benchmark', 'figure', 'db', 'cases', 'value', 'target', 'result'], ...rows.map((r) => [r.bench, r.figure, r.db, r.cases?.toLocaleString('en') ?? '', r.value, r.target, r.result === 'met' ? '✔ met' : r.result === 'missed' ? '✘ missed' : r.result])];
  const w = cells[0]!.map((_, i) => Math.max(...cells.map((c) => width(c[i]!))));
  const line = (c: string[]) => c.map((x, i) => x + ' '.repeat(w[i]! - width(x))).join(' │ ');
  return [line(cells[0]!), w.map((n) => '─'.repeat(n)).join('─┼─'), ...cells.slice(1).map(line)].join('\n');
}
