import { type Kysely, sql } from 'kysely';
import { withSerialId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  // --- audit: hash-chained, append-only; seq is the future Merkle leaf index
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('entry_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_type', 'subject_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'seq']).execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_head').values({ id: 1, size: 0, last_hash: '0'.repeat(64) }).execute();

  // --- accounts as Warden sees them
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('followers', 'bigint', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_until', 'bigint')
    .addColumn('platform_version', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_tier').on('accounts').columns(['tier', 'id']).execute();
  await db.schema.createIndex('accounts_handle').on('accounts').column('handle').execute();
  await withSerialId(db, db.schema.createTable('account_history'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('account_history_account').on('account_history').columns(['account_id', 'id']).execute();

  // --- staff
  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('employment', 'text', (c) => c.notNull())
    .addColumn('access_from', 'bigint', (c) => c.notNull())
    .addColumn('access_until', 'bigint')
    .addColumn('offboarded_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('api_tokens_staff').on('api_tokens').column('staff_id').execute();

  // --- intake
  await db.schema
    .createTable('reporters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trust', 'double precision', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .execute();

  await withSerialId(db, db.schema.createTable('cases'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('priority', 'double precision', (c) => c.notNull())
    .addColumn('severity', 'double precision', (c) => c.notNull())
    .addColumn('report_count', 'bigint', (c) => c.notNull())
    .addColumn('counted_reports', 'bigint', (c) => c.notNull())
    .addColumn('distinct_reporters', 'bigint', (c) => c.notNull())
    .addColumn('reporter_trust_sum', 'double precision', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('brigade', 'integer', (c) => c.notNull())
    .addColumn('velocity_window_start', 'bigint', (c) => c.notNull())
    .addColumn('velocity_count', 'bigint', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_report_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution', 'text')
    .execute();
  // one open case per reported account, enforced by the store itself
  await sql`CREATE UNIQUE INDEX cases_one_open_per_account ON cases (account_id) WHERE status <> 'resolved'`.execute(db);
  // claim-next reads the top of one queue: an index seek, even at millions of open cases
  await sql`CREATE INDEX cases_claimable ON cases (queue, priority DESC, id) WHERE status = 'open'`.execute(db);
  await sql`CREATE INDEX cases_leases ON cases (lease_until) WHERE status = 'claimed'`.execute(db);
  await db.schema.createIndex('cases_account').on('cases').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('case_reporters')
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('reporter_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_reporters_pk', ['case_id', 'reporter_id'])
    .execute();
  await withSerialId(db, db.schema.createTable('case_comments'))
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_comments_case').on('case_comments').columns(['case_id', 'id']).execute();

  // reports: append-only, their own table; duplicates are kept but not counted
  await withSerialId(db, db.schema.createTable('reports'))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('reporter_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'bigint')
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_dedup').on('reports').columns(['account_id', 'reporter_id', 'category', 'received_at']).execute();
  await db.schema.createIndex('reports_case').on('reports').columns(['case_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
