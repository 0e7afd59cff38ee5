/**
 * The audit events of strikes, each about the account it is on (so an
 * account's timeline shows them): recorded when its action executes, reversed
 * when that action is overturned on appeal, and the threshold reached, with
 * the suspension Warden suggested or the rules that kept it from suggesting one.
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type Actor, type AuditInput, SYSTEM } from '../audit/model.js';
import type { RuleHit } from '../policy/model.js';
import type { Strike } from './model.js';

const subject = auditSubject('account');
const rule = z.strictObject({ id: z.string(), effect: z.enum(['permit', 'forbid']), reason: z.string() });

export const StrikeEvents = z.discriminatedUnion('action', [
  auditEvent('strike.recorded', {
    subject,
    before: NONE,
    after: z.strictObject({ strikeId: z.number(), actionId: z.string(), expiresAt: z.number(), liveStrikes: z.number() }),
  }),
  auditEvent('strike.reversed', {
    subject,
    before: z.strictObject({ strikeId: z.number(), actionId: z.string(), reversedAt: z.null() }),
    after: z.strictObject({ reversedAt: z.number(), byActionId: z.string().nullable(), appealId: z.string(), liveStrikes: z.number() }),
  }),
  auditEvent('strike.threshold_reached', {
    subject,
    before: NONE,
    after: z.strictObject({
      liveStrikes: z.number(),
      threshold: z.number(),
      /** the suspension Warden proposed for a person to approve; null when it proposed none */
      suggestedActionId: z.string().nullable(),
      rules: z.array(rule),
    }),
  }),
]);
export type StrikeAuditEvent = z.infer<typeof StrikeEvents>;
type Entry = AuditInput<StrikeAuditEvent>;

const about = (accountId: string) => subjectOf('account', accountId);

export const strikeRecorded = (actor: Actor, s: Strike, liveStrikes: number): Entry => ({
  actor,
  action: 'strike.recorded',
  subject: about(s.accountId),
  before: null,
  after: { strikeId: s.id, actionId: s.actionId, expiresAt: s.expiresAt, liveStrikes },
  reason: `action ${s.actionId} carried a strike`,
});

export const strikeReversed = (
  actor: Actor,
  s: Strike,
  o: { at: number; byActionId: string | null; appealId: string; liveStrikes: number },
): Entry => ({
  actor,
  action: 'strike.reversed',
  subject: about(s.accountId),
  before: { strikeId: s.id, actionId: s.actionId, reversedAt: null },
  after: { reversedAt: o.at, byActionId: o.byActionId, appealId: o.appealId, liveStrikes: o.liveStrikes },
  reason: `action ${s.actionId} was overturned on appeal ${o.appealId}`,
});

export const strikeThresholdReached = (
  accountId: string,
  o: { liveStrikes: number; threshold: number; suggestedActionId: string | null; rules: RuleHit[]; why: string },
): Entry => ({
  actor: SYSTEM,
  action: 'strike.threshold_reached',
  subject: about(accountId),
  before: null,
  after: { liveStrikes: o.liveStrikes, threshold: o.threshold, suggestedActionId: o.suggestedActionId, rules: o.rules },
  reason: o.why,
});
