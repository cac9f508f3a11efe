/** The server: config, boot, the app, listening, jobs and graceful shutdown (loaded by main.ts). */
import { buildApp } from './app.ts';
import { boot } from './bootstrap.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { startJobs, type JobRunner } from './platform/jobs/jobs.ts';
import { channelsFromConfig } from './platform/notify/channels.ts';
import { dispatchDue } from './platform/notify/dispatcher.ts';
import { modules } from './modules.ts';
import { runProjection } from './platform/events/projector.ts';

/** How long a graceful shutdown may take before the process gives up waiting (below the usual 30 s before a supervisor's SIGKILL). */
const SHUTDOWN_DEADLINE_MS = 25_000;

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
  let closing = false;
  // While shutting down, an answer closes its connection: a keep-alive client would otherwise hold
  // the server open until its idle timeout. (Idle connections are closed when the listener closes.)
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  let jobs: JobRunner | null = null;
  if (config.LIANXIN_JOBS) {
    const channels = channelsFromConfig(config, deps.log);
    jobs = startJobs(deps, [
      ...modules.flatMap((m) => m.jobs ?? []),
      ...modules.flatMap((m) => m.projections ?? []).map((p) => ({ name: `projection:${p.name}`, everyMs: 2_000, run: (d: typeof deps) => runProjection(d, p, { batchSize: 100, maxBatches: 100 }) })),
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

  // Graceful shutdown (SIGTERM from systemd, Kubernetes or a deploy script; Ctrl-C): the listener
  // closes at once (nginx sends new requests to the other processes), requests already received
  // finish and are answered, job timers stop and a job run in progress completes its
  // transaction, then the database closes and the process exits 0. Past the deadline it exits 1.
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const began = performance.now();
    deps.log.info({ signal }, '正在关闭 (shutting down): no new connections, finishing in-flight requests and jobs');
    const deadline = setTimeout(() => {
      deps.log.error({ signal, afterMs: SHUTDOWN_DEADLINE_MS }, '关闭超时，强制退出 (shutdown deadline passed: exiting)');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      const jobsStopped = jobs?.stop();
      await app.close();
      await jobsStopped;
      await booted.close();
      deps.log.info({ signal, ms: Math.round(performance.now() - began) }, '已关闭 (stopped)');
      process.exit(0);
    } catch (err) {
      deps.log.error({ err, signal }, '关闭失败 (shutdown failed)');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
