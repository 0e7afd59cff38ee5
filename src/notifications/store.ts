/** The tables of staff notifications and preferences: the one module that names them. */
import type { Insertable, Selectable } from 'kysely';
import type { Db, Dialect } from '../db/database.js';
import type { StaffNotificationPreferencesTable, StaffNotificationsTable } from '../db/schema.js';
import { type NotificationEvent, type NotificationState, nextNotificationState } from './model.js';

export type NotificationRow = Selectable<StaffNotificationsTable>;
export type PreferencesRow = Selectable<StaffNotificationPreferencesTable>;

/** Writes each row unless what it tells was told to that person already; returns the rows written. */
export async function insertNotifications(tx: Db, rows: Insertable<StaffNotificationsTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const written = await tx.insertInto('staff_notifications').values(rows).onConflict((oc) => oc.column('source_key').doNothing()).returning('id').execute();
  return written.map((w) => w.id);
}

export function notificationsWithIds(db: Db, ids: readonly string[]): Promise<NotificationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('staff_notifications').selectAll().where('id', 'in', [...ids]).orderBy('created_at').orderBy('id').execute();
}

/** Waiting for a digest, oldest first, a bounded number (locked past other flushers on PostgreSQL). */
export async function pendingNotifications(tx: Db, dialect: Dialect, limit: number): Promise<NotificationRow[]> {
  const q = tx.selectFrom('staff_notifications').selectAll().where('state', '=', 'pending').orderBy('created_at').orderBy('id').limit(limit);
  return (dialect === 'postgres' ? q.forUpdate().skipLocked() : q).execute();
}

/** A person's notifications, newest first. */
export function notificationsOf(db: Db, staffId: string, limit: number): Promise<NotificationRow[]> {
  return db.selectFrom('staff_notifications').selectAll().where('staff_id', '=', staffId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Moves notifications along their lifecycle (model.ts); one not in a state the event leaves from is left as it is. */
export async function moveNotifications(
  tx: Db,
  ids: readonly string[],
  from: readonly NotificationState[],
  event: NotificationEvent,
  set: Partial<Pick<NotificationRow, 'message_id' | 'queued_at' | 'delivered_at' | 'last_error'>> = {},
): Promise<void> {
  for (const state of from) {
    const to = nextNotificationState(state, event);
    for (let i = 0; i < ids.length; i += 500) {
      await tx.updateTable('staff_notifications').set({ ...set, state: to }).where('id', 'in', ids.slice(i, i + 500)).where('state', '=', state).execute();
    }
  }
}

export function storedPreferences(db: Db, staffId: string): Promise<PreferencesRow | undefined> {
  return db.selectFrom('staff_notification_preferences').selectAll().where('staff_id', '=', staffId).executeTakeFirst();
}

export function storedPreferencesOf(db: Db, staffIds: readonly string[]): Promise<PreferencesRow[]> {
  if (staffIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('staff_notification_preferences').selectAll().where('staff_id', 'in', [...staffIds]).execute();
}

/** Who has a channel to be told by: nobody else is a recipient at all (src/notifications/service.ts). */
export async function staffWithChannels(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('staff_notification_preferences')
    .select('staff_id')
    .where((eb) => eb.or([eb('webhook_url', 'is not', null), eb('slack_url', 'is not', null)]))
    .execute();
  return new Set(rows.map((r) => r.staff_id));
}

export async function savePreferences(tx: Db, row: PreferencesRow): Promise<void> {
  const { staff_id: _, ...set } = row;
  await tx.insertInto('staff_notification_preferences').values(row).onConflict((oc) => oc.column('staff_id').doUpdateSet(set)).execute();
}
