/**
 * Staff notifications (issue 14, item 5):
 *
 * - `staff_notifications`: one notification to one member of staff (an
 *   approval waiting for them, what became of their proposal, a new appeal, an
 *   alert), unique per what it tells and to whom (`source_key`); `message_id`
 *   is the outbox key of the message it left in (its own, or a digest's).
 * - `staff_notification_preferences`: each person's own channels (the
 *   webhook's secret and the Slack URL sealed like TOTP secrets) and, per
 *   kind, immediate, digest or off.
 */
import { type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_key', 'text', (c) => c.notNull().unique())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** 'action' | 'appeal' | 'alert' */
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    /** the console path that shows it */
    .addColumn('path', 'text', (c) => c.notNull())
    /** 'pending' | 'queued' | 'delivered' | 'failed' | 'withheld' | 'muted' */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('queued_at', 'bigint')
    .addColumn('delivered_at', 'bigint')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('staff_notifications_staff').on('staff_notifications').columns(['staff_id', 'created_at']).execute();
  await db.schema.createIndex('staff_notifications_state').on('staff_notifications').columns(['state', 'created_at']).execute();
  await db.schema.createIndex('staff_notifications_message').on('staff_notifications').column('message_id').execute();

  await db.schema
    .createTable('staff_notification_preferences')
    .addColumn('staff_id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_url', 'text')
    .addColumn('webhook_secret', 'text')
    .addColumn('slack_url', 'text')
    .addColumn('modes', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Warden migrations are forward-only');
}
