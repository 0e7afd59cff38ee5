/**
 * Tripwires: every drift Warden saw on the platform (one row per account and
 * platform version, so a change seen by both the webhook and a reconciliation
 * pass is handled once), the ids of the platform webhooks already taken (replay
 * protection), and the re-notification bookkeeping of alerts.
 */
import type { Kysely } from 'kysely';
import { withSerialId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withSerialId(db, db.schema.createTable('tripwire_drifts'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('platform_version', 'bigint', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('detected_via', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('expected', 'text', (c) => c.notNull())
    .addColumn('observed', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addColumn('reverted_at', 'bigint')
    .addColumn('revert_version', 'bigint')
    .addColumn('alert_id', 'bigint')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('tripwire_drifts_version').on('tripwire_drifts').columns(['account_id', 'platform_version']).unique().execute();
  await db.schema.createIndex('tripwire_drifts_state').on('tripwire_drifts').columns(['state', 'detected_at']).execute();

  await db.schema
    .createTable('webhook_receipts')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_receipts_received').on('webhook_receipts').column('received_at').execute();

  await db.schema.alterTable('alerts').addColumn('notify_count', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('alerts').addColumn('last_notified_at', 'bigint').execute();
  await db.schema.createIndex('alerts_unacknowledged').on('alerts').columns(['acknowledged_at', 'last_notified_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
