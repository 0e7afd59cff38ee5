/**
 * A message to a member of staff on its way, through the shared senders
 * (src/platform/channels.ts) to the channels the person set. Who they are and
 * where they want it are read when it is sent, never kept in the outbox row
 * (no secret rests there): someone whose access ended meanwhile is not told,
 * and a changed channel is the one used. The outbox key is the message id, so
 * a receiver drops a repeat after a lost answer, a crash or a restart.
 */
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { ChannelRefusedError, channelsFor, sendToEach } from '../platform/channels.js';
import type { OutboxHandler } from '../platform/outbox.js';
import { hasAccess } from '../staff/model.js';
import { findStaff } from '../staff/store.js';
import { type NotificationWebhookType, type StaffNotificationPayload, slackText } from './model.js';
import type { NotificationService } from './service.js';

type Sent = { channels: string[] } | { withheld: string };

export function notificationDeliveryHandler(
  db: Db,
  notifications: NotificationService,
  clock: Clock,
  timeoutMs: number,
): OutboxHandler<'staff_notification'> {
  return {
    async send(p, key): Promise<Sent> {
      const staff = await findStaff(db, p.staffId);
      if (!staff || !hasAccess(staff, clock.now())) return { withheld: 'access ended before it was sent' };
      const channels = channelsFor(await notifications.preferences(db, p.staffId), clock, timeoutMs);
      if (channels.length === 0) return { withheld: 'no channel set' };
      const type: NotificationWebhookType = p.digest ? 'staff.digest' : 'staff.notification';
      const message = { type, data: { messageId: p.messageId, staffId: p.staffId, items: p.items }, slack: slackText(p) };
      return { channels: await sendToEach(channels, (c) => c.send(message, key), 'notification channels') };
    },
    isPermanent: (err) => err instanceof ChannelRefusedError,
    onDone: (tx, row, result) => {
      const sent = result as Sent;
      return 'withheld' in sent ? notifications.markWithheld(tx, row.payload, sent.withheld) : notifications.markDelivered(tx, row.payload);
    },
    onGiveUp: (tx, row, error) => notifications.markFailed(tx, row.payload, error, row.attempts),
    describe: (p: StaffNotificationPayload) => ({
      subject: { type: 'staff_message', id: p.messageId },
      summary: `${p.items.length} notification${p.items.length === 1 ? '' : 's'} to ${p.staffId} could not be delivered`,
    }),
  };
}
