import { Migrator, type Migration, type MigrationProvider, sql } from 'kysely';
import type { Store } from './database.js';
import * as m001 from './migrations/001_foundation.js';
import * as m002 from './migrations/002_enforcement.js';
import * as m003 from './migrations/003_merkle.js';
import * as m005 from './migrations/005_tripwires.js';
import * as m006 from './migrations/006_sessions.js';
import * as m007 from './migrations/007_account_reach.js';
import * as m008 from './migrations/008_enrolments.js';
import * as m009 from './migrations/009_provenance.js';
import * as m011 from './migrations/011_rate_limits.js';
import * as m012 from './migrations/012_idempotency.js';
import * as m013 from './migrations/013_delivery.js';
import * as m014 from './migrations/014_worker_leases.js';
import * as m015 from './migrations/015_notices.js';
import * as m016 from './migrations/016_appeals.js';
import * as m017 from './migrations/017_statements.js';
import * as m019 from './migrations/019_staff_notifications.js';
import * as m023 from './migrations/023_lead_metrics.js';
import * as m024 from './migrations/024_reporters.js';
import * as m021 from './migrations/021_transparency.js';
import * as m022 from './migrations/022_bulk_actions.js';
import { propertyOf } from '../errors.js';

/** Migrations are code, listed here in order; one set serves both stores. */
const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_enforcement': m002,
  '003_merkle': m003,
  '005_tripwires': m005,
  '006_sessions': m006,
  '007_account_reach': m007,
  '008_enrolments': m008,
  '009_provenance': m009,
  '011_rate_limits': m011,
  '012_idempotency': m012,
  '013_delivery': m013,
  '014_worker_leases': m014,
  '015_notices': m015,
  '016_appeals': m016,
  '017_statements': m017,
  '019_staff_notifications': m019,
  '021_transparency': m021,
  '022_bulk_actions': m022,
  '023_lead_metrics': m023,
  '024_reporters': m024,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(store: Store): Promise<string[]> {
  const sqlite = store.raw.sqlite;
  if (sqlite) {
    // Kysely's migration lock is a no-op on SQLite: several processes starting
    // on a new file at once serialise on an immediate transaction instead.
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const applied = await runMigrator(store, true);
      sqlite.exec('COMMIT');
      return applied;
    } catch (err) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw err;
    }
  }
  if (await allApplied(store)) return [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await runMigrator(store, false);
    } catch (err) {
      // Kysely introspects every schema; one dropped meanwhile (another test) is not our problem
      if (propertyOf(err, 'code') !== '3F000' || attempt >= 3) throw err;
    }
  }
}

/**
 * PostgreSQL: a store already at the latest schema needs no migrator. Kysely's
 * migrator introspects every schema on the server, which fails now and then
 * while other stores' schemas are created and dropped beside it (tests, many
 * CLI processes); a store that is up to date is answered from its own table.
 */
async function allApplied(store: Store): Promise<boolean> {
  try {
    const table = store.schema ? sql.table(`${store.schema}.kysely_migration`) : sql.table('kysely_migration');
    const rows = await sql<{ name: string }>`select name from ${table}`.execute(store.db);
    const applied = new Set(rows.rows.map((r) => r.name));
    return Object.keys(migrations).every((name) => applied.has(name));
  } catch {
    return false; // no such table yet: a new store
  }
}

async function runMigrator(store: Store, disableTransactions: boolean): Promise<string[]> {
  // Name the schema: Kysely otherwise looks for its bookkeeping tables in every
  // schema, and finds another test's.
  const migrator = new Migrator({ db: store.db, provider, disableTransactions, ...(store.schema ? { migrationTableSchema: store.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
