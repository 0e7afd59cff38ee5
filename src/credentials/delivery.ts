/**
 * Sending an enrolment code towards its holder: one signed Standard Webhooks
 * message (`staff.enrolment`) to the staff-invitation channel — the company's
 * mail relay, which mails it to the holder's address. Once the message is sent
 * (or given up on) the code is scrubbed from the outbox row: afterwards the
 * store holds only its hash.
 */
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { OutboxHandler, OutboxRowRef } from '../platform/outbox.js';
import { WebhookRefusedError, sendSignedWebhook } from '../platform/signed-webhook.js';
import { ENROLMENT_EVENT } from './model.js';
import { type CredentialAuditEvent, enrolmentSent, enrolmentUndelivered } from './events.js';

/** What stays in the outbox row of a sent or abandoned message. */
const SCRUBBED = '(removed once sent)';

async function scrub(tx: Db, row: OutboxRowRef<'staff_enrolment'>): Promise<void> {
  await tx.updateTable('outbox').set({ payload: JSON.stringify({ ...row.payload, code: SCRUBBED }) }).where('id', '=', row.id).execute();
}

export function enrolmentDeliveryHandler(config: Config['enrolment'], audit: AuditAppender<CredentialAuditEvent>, clock: Clock): OutboxHandler<'staff_enrolment'> {
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
      await audit.append(tx, enrolmentSent(row.payload, row.attempts));
    },
    async onGiveUp(tx, row, error) {
      await scrub(tx, row);
      await audit.append(tx, enrolmentUndelivered(row.payload, row.attempts, error));
    },
    describe: (m) => ({ subject: { type: 'staff', id: m.staffId }, summary: `enrolment ${m.enrolmentId} for ${m.staffId} could not be sent to the staff-invitation channel` }),
  };
}
