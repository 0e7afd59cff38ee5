/** Staff notifications and preferences (migration 019); part of the Database of src/db/schema.ts. */
import type { DeliveryMode, NotificationKind, NotificationState, NotificationSubject } from '../notifications/model.js';
import type { Json } from './json.js';

/** One notification to one member of staff (src/notifications). */
export interface StaffNotificationsTable {
  id: string;
  source_key: string;
  staff_id: string;
  kind: NotificationKind;
  subject_type: NotificationSubject['type'];
  subject_id: string;
  title: string;
  path: string;
  state: NotificationState;
  message_id: string | null;
  created_at: number;
  queued_at: number | null;
  delivered_at: number | null;
  last_error: string | null;
}

/** A person's own channels (secrets sealed) and modes. */
export interface StaffNotificationPreferencesTable {
  staff_id: string;
  webhook_url: string | null;
  /** sealed (src/sessions/credentials.ts TotpVault) */
  webhook_secret: string | null;
  /** sealed: a Slack URL is its own secret */
  slack_url: string | null;
  modes: Json<Partial<Record<NotificationKind, DeliveryMode>>>;
  updated_at: number;
}
