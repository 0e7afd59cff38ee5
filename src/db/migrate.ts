import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Store } from './database.js';
import * as m001 from './migrations/001_foundation.js';

/** Migrations are code, listed here in order; one set serves both stores. */
const migrations: Record<string, Migration> = {
  '001_foundation': m001,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
