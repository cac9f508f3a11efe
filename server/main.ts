import { buildApp } from './app.ts';
import { boot } from './bootstrap.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { startJobs, type JobRunner } from './platform/jobs/jobs.ts';
import { channelsFromConfig } from './platform/notify/channels.ts';
import { dispatchDue } from './platform/notify/dispatcher.ts';
import { modules } from './modules.ts';
import { runProjection } from './platform/events/projector.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const started = performance.now();
  const booted = await boot(config);
  const { deps } = booted;
  if (deps.clock.pinned) {
    deps.log.warn(`⚠️  LIANXIN_NOW=${config.LIANXIN_NOW}: 服务器时钟被固定 (the server clock is pinned) — 仅用于演示、测试和基准 (demos, tests, benchmarks only)`);
  }
  if (config.LIANXIN_RATE_LIMITS === 'off') deps.log.warn('⚠️  LIANXIN_RATE_LIMITS=off: 限流已关闭 (rate limits are off)');
  const app = await buildApp(deps);
  await app.listen({ port: config.PORT, host: config.HOST });
  let jobs: JobRunner | null = null;
  if (config.LIANXIN_JOBS) {
    const channels = channelsFromConfig(config, deps.log);
    jobs = startJobs(deps, [
      ...modules.flatMap((m) => m.jobs ?? []),
      ...modules.flatMap((m) => m.projections ?? []).map((p) => ({ name: `projection:${p.name}`, everyMs: 2_000, run: (d: typeof deps) => runProjection(d, p, { maxBatches: 20 }) })),
      { name: 'dispatch-messages', everyMs: 5_000, run: (d) => dispatchDue(d.db, channels, { dialect: d.dialect, now: d.clock.now(), decrypt: (s) => d.pii.decrypt(s), log: d.log }) },
    ]);
  }
  const url = `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `连心桥 Lianxin 已启动 · ${booted.handle.dialect} · ${Math.round(performance.now() - started)} ms`,
    `  公开页面 Public pages:  ${url}/`,
    `  工作台 Console:         ${url}/console/`,
    `  接口文档 API docs:      ${url}/api/docs`,
  ];
  if (booted.demoPassword) {
    lines.push(`  演示账号 Demo accounts: admin, station, station2, deputy, dept, dept2, liaison`);
    lines.push(`  演示密码 Demo password: ${booted.demoPassword}${config.LIANXIN_DEMO_PASSWORD ? ' (LIANXIN_DEMO_PASSWORD)' : `  (saved in ${config.LIANXIN_DATA_DIR}/demo-password.txt)`}`);
  }
  console.log(lines.join('\n') + '\n');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    deps.log.info({ signal }, '正在关闭 (shutting down): finishing in-flight requests');
    await jobs?.stop();
    await app.close();
    await booted.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
