/**
 * Notices (issue 13): what Warden tells account owners, reporters and
 * appellants, and the templates owners' notices are written from.
 *
 * - `notices`: one row per notice, unique per what it tells (`source_key`:
 *   `action:<id>`, `report:<id>`, `appeal:<id>`), so a retried or repeated
 *   decision never tells anyone twice. `batch_id` is the outbox key of the
 *   batch it left in (null while a reporter's outcome waits for its batch).
 * - `notice_templates`: the templates approved set_notice_template actions
 *   put in force, per reason code and language; where none is, the shipped
 *   one applies (src/notices/words.ts).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_key', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    /** the account it is about (the owner's, or the reported one); null for an appeal with none */
    .addColumn('account_id', 'text')
    .addColumn('action_id', 'text')
    .addColumn('case_id', 'bigint')
    .addColumn('report_id', 'bigint')
    .addColumn('appeal_id', 'text')
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('renderings', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('queued_at', 'bigint')
    .addColumn('delivered_at', 'bigint')
    /** the language it went out in, as the platform gave the recipient's */
    .addColumn('language', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('notices_account').on('notices').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('notices_batch').on('notices').columns(['batch_id']).execute();
  await sql`CREATE INDEX notices_pending ON notices (created_at, id) WHERE state = 'pending'`.execute(db);

  await db.schema
    .createTable('notice_templates')
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('ground', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** the executed set_notice_template that put it in force */
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_templates_pk', ['reason_code', 'language'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
