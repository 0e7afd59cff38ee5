/**
 * Singleton work under a lease held in the store: the sweeps, reconciliation
 * and tree-head signing are each done by one Warden instance at a time, on
 * PostgreSQL and on a SQLite file opened by several processes alike
 * (src/workers/lease.ts). `worker_leases` is the mutex, one row per kind of
 * work; `worker_lease_terms` is its record, one row per holder's term, so who
 * held it when can be read back afterwards.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('worker_leases')
    /** the work: 'scheduler', 'tripwire-reconciler', … */
    .addColumn('name', 'text', (c) => c.primaryKey())
    /** the process holding it (host, pid and a random part) */
    .addColumn('holder', 'text', (c) => c.notNull())
    /** +1 each time the lease changes hands: a fencing token, and the term's key */
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('acquired_at', 'bigint', (c) => c.notNull())
    /** the store's clock, epoch ms: past this, anyone may take it */
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('worker_lease_terms')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'bigint', (c) => c.notNull())
    /** the last expiry the holder renewed to (or the release time): the term ended by then */
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    /** set when the holder gave it up (shutdown); null when it lapsed (a crash) */
    .addColumn('released_at', 'bigint')
    .addPrimaryKeyConstraint('worker_lease_terms_pk', ['name', 'generation'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
