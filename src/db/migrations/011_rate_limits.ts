/**
 * Request rate limits held in the store, so that every Warden instance on it
 * counts the same requests: one fixed-window counter per (scope, key, window
 * start), incremented with one upsert per request (src/http/rate-limits.ts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_counters')
    /** what is counted: a credential ('token', 'service'), or an address ('address', 'public') */
    .addColumn('scope', 'text', (c) => c.notNull())
    /** the credential's hash, or the client address */
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_counters_pk', ['scope', 'key', 'window_start'])
    .execute();
  // the clean-up job deletes past windows
  await db.schema.createIndex('rate_limit_counters_window').on('rate_limit_counters').column('window_start').execute();
  // sign-in failures are also counted per (address, account)
  await db.schema.createIndex('login_attempts_address_email').on('login_attempts').columns(['address', 'email', 'at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
