/**
 * Bulk enforcement (issue 15, src/actions/bulk.ts): one proposal over many
 * accounts. The bulk is a row; each target is judged and proposed on its own
 * (an action of the usual kind), and `bulk_targets` keeps what became of it:
 * executed, waiting for approvals, or refused, with why. Restoring the bulk
 * reads the executed ones back.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulk_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('proposer_id', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'bigint', (c) => c.notNull())
    /** the bulk this one restores, for a restore of a bulk */
    .addColumn('restores_bulk_id', 'text')
    .addColumn('target_count', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('bulk_targets')
    .addColumn('bulk_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('why', 'text')
    .addPrimaryKeyConstraint('bulk_targets_pk', ['bulk_id', 'account_id'])
    .execute();
  await db.schema.createIndex('bulk_targets_outcome').on('bulk_targets').columns(['bulk_id', 'outcome']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
