/**
 * Statements of reasons (issue 14): what Warden sends the EU's DSA
 * Transparency Database for each executed restriction, and the decision
 * grounds admins keep per reason code.
 *
 * - `statements`: one row per executed restriction, keyed by its action (the
 *   action id is the statement's `puid`), written in the execution's
 *   transaction. `body` is the statement exactly as the database receives it;
 *   `batch_id` is the outbox key of the batch it left in; `tdb_uuid` the id
 *   the database gave it.
 * - `decision_grounds`: the grounds approved set_decision_ground actions put
 *   in force; where none is, the shipped one applies (src/statements/grounds.ts).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('statements')
    .addColumn('action_id', 'text', (c) => c.primaryKey())
    /** the account it is about: never sent (the body names no one), kept for lookups and sharding */
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('queued_at', 'bigint')
    .addColumn('delivered_at', 'bigint')
    .addColumn('tdb_uuid', 'text')
    /** the fields the database refused, with its words: JSON {field: [message]} */
    .addColumn('refused', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('statements_account').on('statements').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('statements_batch').on('statements').columns(['batch_id']).execute();
  await sql`CREATE INDEX statements_pending ON statements (created_at, action_id) WHERE state = 'pending'`.execute(db);

  await db.schema
    .createTable('decision_grounds')
    .addColumn('reason_code', 'text', (c) => c.primaryKey())
    .addColumn('ground', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('also_illegal', 'integer', (c) => c.notNull())
    /** the executed set_decision_ground that put it in force */
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
