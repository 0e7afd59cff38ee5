import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { withSerialId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  // --- actions: proposals and their lifecycle, on accounts and on the guard itself
  await db.schema
    .createTable('actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'bigint')
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('proposer_kind', 'text', (c) => c.notNull())
    .addColumn('proposer_id', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'bigint', (c) => c.notNull())
    .addColumn('scheduled_for', 'bigint')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('prior_state', 'text')
    .addColumn('result_state', 'text')
    .addColumn('executed_at', 'bigint')
    .addColumn('delivered_at', 'bigint')
    .addColumn('closed_reason', 'text')
    .addColumn('reverses_action_id', 'text')
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('last_decision', 'text')
    .addColumn('followers', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actions_target').on('actions').columns(['target_type', 'target_id', 'proposed_at']).execute();
  await db.schema.createIndex('actions_proposer').on('actions').columns(['proposer_id', 'state']).execute();
  await db.schema.createIndex('actions_state').on('actions').columns(['state', 'scheduled_for']).execute();

  await withSerialId(db, db.schema.createTable('approvals'))
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
    .addColumn('approver_id', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('voided_at', 'bigint')
    .addColumn('voided_reason', 'text')
    .execute();
  // one verdict per person per action: two approvals from one lead are one approval
  await db.schema.createIndex('approvals_one_per_person').on('approvals').columns(['action_id', 'approver_id']).unique().execute();
  await db.schema.createIndex('approvals_approver').on('approvals').columns(['approver_id']).execute();

  // --- outbox: side effects to the outside, written with the change, sent after commit
  await withSerialId(db, db.schema.createTable('outbox'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('done_at', 'bigint')
    .execute();
  await sql`CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending'`.execute(db);

  await withSerialId(db, db.schema.createTable('alerts'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledged_by', 'text')
    .execute();

  // --- policy versions: the active set is in the store; changing it is an action
  await db.schema
    .createTable('policy_versions')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('activated_at', 'bigint')
    .addColumn('activated_by_action', 'text')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // --- just-in-time elevation: a role for a while, granted by approval
  await db.schema
    .createTable('elevations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('elevations_staff').on('elevations').columns(['staff_id', 'ends_at']).execute();

  // access that ends by the clock is swept like an offboarding, once
  await db.schema.alterTable('staff').addColumn('access_end_processed_at', 'bigint').execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
