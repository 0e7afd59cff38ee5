/**
 * The audit events of the platform's accounts in Warden: an import batch, a tier
 * an import brought in, and a protected account's reach falling. (A tier or
 * status an approved action changes is that action's `action.executed`.)
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject } from '../audit/catalog.js';
import type { Actor, AuditInput } from '../audit/model.js';
import { type ImportResult, ImportResultSchema, REACH_FALL_SHARE, TIERS, type Tier } from './model.js';

const subject = auditSubject('account');

export const AccountEvents = z.discriminatedUnion('action', [
  auditEvent('accounts.imported', {
    subject: auditSubject('accounts'),
    before: NONE,
    after: z.strictObject(ImportResultSchema.shape),
  }),
  auditEvent('account.tier_set', { subject, before: NONE, after: z.strictObject({ tier: z.enum(TIERS) }) }),
  auditEvent('account.reach_fell', {
    subject,
    before: z.strictObject({ followers: z.number(), followersPeak: z.number() }),
    after: z.strictObject({ followers: z.number(), followersPeak: z.number(), policyReads: z.number() }),
  }),
]);
export type AccountAuditEvent = z.infer<typeof AccountEvents>;
type Entry = AuditInput<AccountAuditEvent>;

/** The batch itself: one entry for the whole import, written before the entries of its accounts. */
export const accountsImported = (actor: Actor, result: ImportResult, reason: string): Entry => ({
  actor,
  action: 'accounts.imported',
  subject: { type: 'accounts', id: 'batch' },
  before: null,
  after: result,
  reason,
});

/** A new account brought in with a protected tier. */
export const accountTierSet = (actor: Actor, accountId: string, tier: Tier, reason: string): Entry => ({
  actor,
  action: 'account.tier_set',
  subject: { type: 'account', id: accountId },
  before: null,
  after: { tier },
  reason,
});

/** A protected account's count fell below the share of its peak; the policy keeps reading the peak. */
export const accountReachFell = (
  actor: Actor,
  a: { id: string; tier: Tier; followers: number; followersNow: number; peak: number },
  reason: string,
): Entry => ({
  actor,
  action: 'account.reach_fell',
  subject: { type: 'account', id: a.id },
  before: { followers: a.followers, followersPeak: a.peak },
  after: { followers: a.followersNow, followersPeak: a.peak, policyReads: a.peak },
  reason: `${reason}: a ${a.tier} account fell below ${REACH_FALL_SHARE * 100}% of its peak reach; the policy keeps reading the peak`,
});
