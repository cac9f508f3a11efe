/**
 * Server child processes in tests, scripts and benchmarks (the crash test, the export check, the
 * scale and intake benchmarks, the browser tests, server-process.testing.ts): a free port to start
 * one on, and waiting until it answers. One copy, so a fix to the start-up wait reaches every caller.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const startScript = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';

/**
 * The Node flags `npm start` gives the server (package.json's start script), so that a child
 * started by a test, a script or a benchmark runs as production does. One place: the heap budget
 * the memory figures are measured under is the one `npm start` sets.
 */
export function npmStartFlags(): string[] {
  const m = /\bnode ((?:--[\w-]+(?:=\S+)? )*)server\/main\.ts/.exec(startScript());
  const flags = m?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (!flags.length) throw new Error('package.json: the start script runs no `node … server/main.ts` with flags');
  return flags;
}

/** The environment `npm start` sets for the server (`NAME=value` before its `node …`): the allocator's settings (decision 0006). */
export function npmStartEnv(): Record<string, string> {
  const m = /((?:\b[A-Z_][A-Z0-9_]*=\S+ )+)node (?:--[\w-]+(?:=\S+)? )*server\/main\.ts/.exec(startScript());
  return Object.fromEntries((m?.[1]?.trim().split(/\s+/) ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

/** A TCP port nothing listens on at 127.0.0.1 (the OS picks it; free when this resolves). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface WaitOptions {
  /** What to ask for (default the health check). */
  path?: string;
  /** Which answers count as up (default any 2xx). */
  accept?: (status: number) => boolean;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
  /** Poll interval (default 200 ms). */
  everyMs?: number;
  /** The child's recent output, added to the error when it fails to come up. */
  output?: () => string;
}

/**
 * Polls `base + path` until it answers; throws if `child` exits first or the time runs out, and then
 * kills the child (a test must never leave a server behind: its runner would wait on it).
 */
export async function waitForHealth(base: string, child: ChildProcess, opts: WaitOptions = {}): Promise<void> {
  const { path = '/api/v1/health', accept = (s: number) => s >= 200 && s < 300, timeoutMs = 60_000, everyMs = 200, output = () => '' } = opts;
  const deadline = Date.now() + timeoutMs;
  const fail = (why: string): never => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const tail = output();
    throw new Error(`${why}${tail ? `\n${tail}` : ''}`);
  };
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) fail(`服务器启动失败 (the server exited: ${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(`${base}${path}`);
      await res.arrayBuffer();
      if (accept(res.status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) fail(`服务器未在 ${Math.round(timeoutMs / 1000)} 秒内启动 (no answer from ${path} in time)`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
