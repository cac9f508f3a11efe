import type { AppDeps } from '../deps.ts';

/** A background job: run every `everyMs`, never overlapping itself within a process. */
export interface JobSpec {
  name: string;
  everyMs: number;
  run(deps: AppDeps): Promise<unknown>;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/**
 * Runs jobs on timers. Jobs must be safe to run from several processes at once (they claim
 * work with version checks or `FOR UPDATE SKIP LOCKED`), so this needs no leader election.
 * A failing run is logged and retried at the next tick.
 */
export function startJobs(deps: AppDeps, jobs: readonly JobSpec[]): JobRunner {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;
  for (const job of jobs) {
    const tick = () => {
      if (stopped || running.has(job.name)) return;
      const p = job
        .run(deps)
        .catch((e: unknown) => deps.log.error({ err: e, job: job.name }, '后台任务失败 (job failed)'))
        .finally(() => running.delete(job.name));
      running.set(job.name, p);
    };
    timers.push(setInterval(tick, job.everyMs));
    setImmediate(tick);
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled(running.values());
    },
  };
}
