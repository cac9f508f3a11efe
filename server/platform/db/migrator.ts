import { DEFAULT_MIGRATION_TABLE, Migrator, type Migration, type MigrationProvider } from 'kysely';
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
  // The common start: every known migration is recorded. One query instead of the migrator's
  // table checks and lock (about 0.1 s of a PostgreSQL start). A new database, or any pending
  // migration, goes through the migrator.
  if (await allRecorded(db, Object.keys(all))) return [];
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

async function allRecorded(db: Db, names: string[]): Promise<boolean> {
  try {
    const rows = await db.selectFrom(DEFAULT_MIGRATION_TABLE as never).select('name' as never).execute();
    const recorded = new Set(rows.map((r) => (r as { name: string }).name));
    return names.every((n) => recorded.has(n));
  } catch {
    return false; // no migration table yet
  }
}
