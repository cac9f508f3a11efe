import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';

/** Collects the migrations of the platform and of every module into one ordered set. */
export async function migrateToLatest(db: Db, sets: Array<Record<string, Migration> | undefined>): Promise<string[]> {
  const all: Record<string, Migration> = {};
  for (const set of sets) {
    for (const [name, m] of Object.entries(set ?? {})) {
      if (!/^\d{8}_\d{2}_[a-z0-9_]+$/.test(name)) throw new Error(`migration name must look like 20261121_01_module_what: ${name}`);
      if (all[name]) throw new Error(`duplicate migration name: ${name}`);
      all[name] = m;
    }
  }
  const provider: MigrationProvider = { getMigrations: async () => all };
  // Unordered: a database that already ran a later-named migration (modules add theirs in parallel) still gets an earlier-named new one.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
