/**
 * Sending an enrolment code towards its holder: one signed Standard Webhooks
 * message (`staff.enrolment`) to the staff-invitation channel — the company's
 * mail relay, which mails it to the holder's address. Once the message is sent
 * (or given up on) the code is scrubbed from the outbox row: afterwards the
 * store holds only its hash.
 */
import type { AuditLog } from '../audit/service.js';
import { SYSTEM } from '../audit/model.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { OutboxHandler, OutboxRowRef } from '../platform/outbox.js';
import { WebhookRefusedError, sendSignedWebhook } from '../platform/signed-webhook.js';
import { ENROLMENT_EVENT } from './model.js';

/** What stays in the outbox row of a sent or abandoned message. */
const SCRUBBED = '(removed once sent)';

async function scrub(tx: Db, row: OutboxRowRef<'staff_enrolment'>): Promise<void> {
  await tx.updateTable('outbox').set({ payload: JSON.stringify({ ...row.payload, code: SCRUBBED }) }).where('id', '=', row.id).execute();
}

export function enrolmentDeliveryHandler(config: Config['enrolment'], audit: AuditLog, clock: Clock): OutboxHandler<'staff_enrolment'> {
  return {
    async send(message, key) {
      const { webhookUrl: url, webhookSecret: secret } = config;
      // started while a channel was configured, and none is now: nowhere safe to send it
      if (!url || !secret) throw new WebhookRefusedError('(no enrolment channel configured)', 0);
      await sendSignedWebhook({ url, secret, id: key, type: ENROLMENT_EVENT, data: message, timeoutMs: 5_000 }, new Date(clock.now()));
      return { url };
    },
    isPermanent: (err) => err instanceof WebhookRefusedError,
    async onDone(tx, row) {
      await scrub(tx, row);
      await audit.append(tx, {
        actor: SYSTEM,
        action: 'staff.enrolment_sent',
        subject: { type: 'staff', id: row.payload.staffId },
        after: { enrolmentId: row.payload.enrolmentId, to: row.payload.email, attempts: row.attempts },
      });
    },
    async onGiveUp(tx, row, error) {
      await scrub(tx, row);
      await audit.append(tx, {
        actor: SYSTEM,
        action: 'staff.enrolment_undelivered',
        subject: { type: 'staff', id: row.payload.staffId },
        after: { enrolmentId: row.payload.enrolmentId, attempts: row.attempts },
        reason: error,
      });
    },
    describe: (m) => ({ subject: { type: 'staff', id: m.staffId }, summary: `enrolment ${m.enrolmentId} for ${m.staffId} could not be sent to the staff-invitation channel` }),
  };
}
