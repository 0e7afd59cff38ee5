/**
 * The audit events of staff notifications: a person set their own
 * preferences (channel origins and modes, never a secret or a full URL), and
 * a message to a person given up on. What each notification said is in its
 * row; delivering one is bookkeeping on the row, not an event of the log.
 */
import { z } from 'zod';
import { auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type AuditInput, SYSTEM } from '../audit/model.js';
import { DELIVERY_MODES, NOTIFICATION_KINDS, type Preferences, preferencesSummary } from './model.js';

const settings = z.strictObject({
  webhook: z.string().nullable().describe("the webhook's origin"),
  slack: z.string().nullable().describe("the Slack webhook's host"),
  modes: z.strictObject(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.enum(DELIVERY_MODES)])) as Record<(typeof NOTIFICATION_KINDS)[number], z.ZodEnum<{ [M in (typeof DELIVERY_MODES)[number]]: M }>>),
});

export const NotificationEvents = z.discriminatedUnion('action', [
  auditEvent('notification.preferences_set', { subject: auditSubject('staff'), before: settings.nullable(), after: settings }),
  auditEvent('notification.delivery_failed', {
    subject: auditSubject('staff_message'),
    before: z.null(),
    after: z.strictObject({ staffId: z.string(), notificationIds: z.array(z.string()), attempts: z.number() }),
  }),
]);
export type NotificationAuditEvent = z.infer<typeof NotificationEvents>;
type Entry = AuditInput<NotificationAuditEvent>;

/** Only ever by the person themselves: the actor is the subject. */
export const preferencesSet = (staffId: string, was: Preferences | null, now: Preferences): Entry => ({
  actor: { kind: 'staff', id: staffId },
  action: 'notification.preferences_set',
  subject: subjectOf('staff', staffId),
  before: was ? preferencesSummary(was) : null,
  after: preferencesSummary(now),
});

export const messageUndelivered = (messageId: string, m: { staffId: string; notificationIds: string[]; attempts: number }, error: string): Entry => ({
  actor: SYSTEM,
  action: 'notification.delivery_failed',
  subject: subjectOf('staff_message', messageId),
  before: null,
  after: m,
  reason: error,
});
