/**
 * Idempotency keys: the first answer to a state-changing request, stored in
 * the transaction that made its change, so a client that retries a request
 * whose answer it never saw (a cut connection, a shutdown) gets that answer
 * again instead of a second change. Keys are per principal.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    /** who sent it ('staff:<id>' or 'service:<id>'): one principal's key never answers another's */
    .addColumn('principal', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    /** 'POST /v1/actions': the same key on another operation is a different request */
    .addColumn('request', 'text', (c) => c.notNull())
    /** SHA-256 of method, path and canonical body */
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response_body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['principal', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}
