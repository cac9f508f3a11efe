import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Migration } from 'kysely';
import type { AppDeps } from './deps.ts';
import type { AppError } from './errors.ts';
import type { JobSpec } from './jobs/jobs.ts';
import type { Projection } from './events/projector.ts';

/**
 * What a domain module contributes. The platform iterates manifests (server/modules.ts)
 * and never imports a module by name.
 */
export interface ModuleManifest {
  name: string;
  /** Migration names start with a sortable date stamp (`20261121_01_org_init`): one global order. */
  migrations?: Record<string, Migration>;
  /** Routes under /api/v1; they read the request principal and call commands/queries. */
  routes?: (app: FastifyInstance, deps: AppDeps) => Promise<void> | void;
  /** Server-rendered pages outside /api (the light public pages). */
  pages?: (app: FastifyInstance, deps: AppDeps) => Promise<void> | void;
  /** Reference data every database needs (region codes): idempotent, run at every start. */
  loadReference?: (deps: AppDeps) => Promise<void>;
  /** The demo district, run once on an empty database; `demo` carries ids between modules. */
  seedDemo?: (deps: AppDeps, demo: DemoSeed) => Promise<void>;
  /** Background jobs (SLA sweep…), started by main.ts when LIANXIN_JOBS is on; tests run them by hand. */
  jobs?: JobSpec[];
  /** Read models kept from events (read-side modules): run at start, by a job, and before reads that must be fresh. */
  projections?: Projection[];
  /**
   * An API outside /api/v1 with its own error format (Open311): requests under `prefix` that fail
   * before routing (a malformed URL) are answered by `send` rather than in /api/v1's shape.
   */
  errorFormat?: { prefix: string; send(reply: FastifyReply, url: string, error: AppError): FastifyReply };
}

export interface DemoSeed {
  /** The password every demo account gets. */
  password: string;
  /** Ids by a stable demo key, filled by earlier modules for later ones (`station:马家河街道`). */
  ids: Map<string, string>;
  log(message: string): void;
}
