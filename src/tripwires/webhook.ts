/**
 * The platform's account-change webhooks, as Warden receives them: the
 * Standard Webhooks signature is checked against the shared secret, the
 * timestamp against Warden's clock (a stale or future one is a replay), and
 * the message id against the ids already taken. Only then is the body read.
 */
import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { id, isInstant, serial, text } from '../bounds.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { DomainError, invalidInput } from '../errors.js';
import { PLATFORM_ACCOUNT_STATUSES } from '../platform/adapter.js';
import type { Observation } from './model.js';

/** The part of the platform's `account.updated` message Warden reads. */
const AccountUpdated = z.object({
  type: text(128),
  id: text(256),
  timestamp: text(64),
  data: z
    .object({
      account: z.object({
        id: id(128),
        status: z.enum(PLATFORM_ACCOUNT_STATUSES),
        // any number: one that is no instant is not refused (the change would go unseen) but judged drift
        statusUntil: z.number().nullable(),
        version: serial(),
        updatedAt: z.number(),
      }),
      before: z.object({ status: z.enum(PLATFORM_ACCOUNT_STATUSES), statusUntil: z.number().nullable() }).optional(),
      source: text(128).optional(),
    })
    .optional(),
});

export interface VerifiedMessage {
  id: string;
  timestamp: number;
  /** null when the message is of a type the tripwires do not read */
  observation: Observation | null;
}

const unauthenticated = (message: string) => new DomainError('unauthenticated', message);

export class PlatformWebhookVerifier {
  private readonly signer: Webhook;

  constructor(
    secret: string,
    private readonly clock: Clock,
    private readonly toleranceMs: number,
  ) {
    this.signer = new Webhook(secret);
  }

  /** Throws DomainError('unauthenticated') for a bad signature or stale timestamp; 'invalid_input' for a signed but malformed body. */
  verify(headers: { id?: string; timestamp?: string; signature?: string }, body: string): VerifiedMessage {
    const { id, timestamp, signature } = headers;
    if (!id || !timestamp || !signature) throw unauthenticated('webhook-id, webhook-timestamp and webhook-signature headers are required');
    if (!/^\d{1,12}$/.test(timestamp)) throw unauthenticated('webhook-timestamp: not a number of seconds');
    const sentAt = Number(timestamp) * 1000;
    // the library checks the timestamp against the system clock; Warden's clock is injected, so check here
    const expected = Buffer.from(this.signer.sign(id, new Date(sentAt), body).split(',')[1] ?? '');
    const matches = signature.split(' ').some((s) => {
      const [version, sig] = s.split(',');
      if (version !== 'v1' || !sig) return false;
      const given = Buffer.from(sig);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!matches) throw unauthenticated('webhook-signature does not match: not signed with the platform webhook secret');
    const skew = this.clock.now() - sentAt;
    if (Math.abs(skew) > this.toleranceMs) {
      throw unauthenticated(`webhook-timestamp is ${Math.round(skew / 1000)} s from now, outside the ${this.toleranceMs / 1000} s tolerance (replay?)`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      throw invalidInput([{ path: '(body)', message: 'must be a JSON document' }]);
    }
    const parsed = AccountUpdated.safeParse(raw);
    if (!parsed.success) throw invalidInput(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
    const msg = parsed.data;
    if (msg.type !== 'account.updated' || !msg.data) return { id, timestamp: sentAt, observation: null };
    const a = msg.data.account;
    return {
      id,
      timestamp: sentAt,
      observation: {
        accountId: a.id,
        status: a.status,
        statusUntil: a.statusUntil,
        version: a.version,
        // a change time that is no instant is recorded as when the message was sent (the evidence keeps what it said)
        changedAt: isInstant(a.updatedAt) ? a.updatedAt : sentAt,
        via: 'webhook',
        evidence: { source: 'webhook', messageId: id, event: msg.id, platformSource: msg.data.source ?? null, before: msg.data.before ?? null, account: a },
      },
    };
  }
}

/** Takes a message id once; false when it was taken before (a replay). */
export async function takeMessageId(db: Db, id: string, now: number): Promise<boolean> {
  const row = await db
    .insertInto('webhook_receipts')
    .values({ message_id: id, received_at: now })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('message_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives a message id back when handling it failed, so the platform's retry is taken. */
export async function releaseMessageId(db: Db, id: string): Promise<void> {
  await db.deleteFrom('webhook_receipts').where('message_id', '=', id).execute();
}

/** Ids older than twice the tolerance can no longer pass the timestamp check: forget them. */
export async function pruneMessageIds(db: Db, now: number, toleranceMs: number): Promise<number> {
  const r = await db.deleteFrom('webhook_receipts').where('received_at', '<', now - 2 * toleranceMs).executeTakeFirst();
  return Number(r.numDeletedRows);
}
