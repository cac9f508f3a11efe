import type { AppDeps } from '../deps.ts';
import { jobsRepository } from './jobs.repository.ts';

/** A background job: run every `everyMs`, never overlapping itself within a process. */
export interface JobSpec {
  name: string;
  everyMs: number;
  run(deps: AppDeps): Promise<unknown>;
  /**
   * For a job without a claim of its own — one that reads, computes and writes a whole result
   * (a model trained from the cases, clusters replaced): on PostgreSQL each run holds an advisory
   * lock named after the job, so across processes one runs it at a time and the others skip that
   * tick; the next run reads what the previous one wrote. SQLite has one process.
   */
  exclusive?: boolean;
}

/** Why a run did nothing: another process was running the same exclusive job. */
export const SKIPPED_LOCKED = Symbol('skipped: another process holds the job');

/**
 * One run of a job, as the scheduler makes it: an exclusive job on PostgreSQL inside a transaction
 * holding its lock (the run itself uses other connections of the pool and commits its own writes
 * before the lock is released), or SKIPPED_LOCKED.
 */
export async function runJob(deps: AppDeps, job: JobSpec): Promise<unknown> {
  if (!job.exclusive || deps.dialect !== 'postgres') return job.run(deps);
  return deps.db.transaction().execute(async (trx) => ((await jobsRepository.tryLock(trx, job.name)) ? job.run(deps) : SKIPPED_LOCKED));
}

export interface JobRunner {
  stop(): Promise<void>;
}

/**
 * Runs jobs on timers. Jobs must be safe to run from several processes at once (they claim
 * work with version checks or `FOR UPDATE SKIP LOCKED`, or are `exclusive`), so this needs no
 * leader election.
 * A failing run is logged and retried at the next tick.
 */
export function startJobs(deps: AppDeps, jobs: readonly JobSpec[]): JobRunner {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;
  for (const job of jobs) {
    const tick = () => {
      if (stopped || running.has(job.name)) return;
      const p = runJob(deps, job)
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
