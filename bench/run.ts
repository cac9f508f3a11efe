/**
 * `npm run bench`: every benchmark in bench/*.bench.ts, one after another (the machine has two
 * cores: parallel runs would measure each other). Each file exports `run(opts)` returning its
 * figures (with their targets); this prints them as JSON lines and a table, and writes
 * bench/results/<date>-<host>.json with the machine and the date.
 *
 *   npm run bench                    all of them, default sizes
 *   npm run bench -- search          only the files whose name contains "search"
 *   npm run bench -- --cases 10000   a size for the benchmarks that take one (the CI smoke run)
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname, totalmem } from 'node:os';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const args = process.argv.slice(2);
const casesAt = args.indexOf('--cases');
const cases = casesAt >= 0 ? Number(args[casesAt + 1]) : undefined;
if (casesAt >= 0 && !(Number.isInteger(cases) && cases! > 0)) {
  console.error('--cases 需要一个正整数（--cases needs a positive integer）');
  process.exit(2);
}
const names = args.filter((a, i) => !a.startsWith('--') && i !== casesAt + 1);
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
    const mod = (await import(join(dir, f))) as { run(opts?: { cases?: number }): Promise<Record<string, unknown>> };
    const figures = await mod.run(cases ? { cases } : undefined);
    results[name] = { ...figures, benchSeconds: Math.round((performance.now() - t0) / 100) / 10 };
  } catch (err) {
    failed++;
    results[name] = { error: err instanceof Error ? err.message : String(err) };
  }
  console.log(JSON.stringify({ bench: name, ...(results[name] as object) }));
}

const out = { date: started.toISOString(), machine, args, results };
mkdirSync(join(dir, 'results'), { recursive: true });
const file = join(dir, 'results', `${started.toISOString().slice(0, 10)}-${machine.host}${names.length || cases ? '-partial' : ''}.json`);
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(`\n结果已写入 results written to ${file}`);
process.exit(failed ? 1 : 0);
