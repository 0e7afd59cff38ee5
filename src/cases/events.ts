/**
 * The audit events of cases: opened by intake, claimed, renewed, released,
 * resolved, re-routed, commented, and the claims Warden takes back. One
 * declaration gives the type `append` accepts and the decoder readers use
 * (src/audit/catalog.ts); the constructors below are the only writers.
 */
import { z } from 'zod';
import { TIERS, type Tier } from '../accounts/model.js';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type Actor, type AuditInput, SYSTEM } from '../audit/model.js';
import { CATEGORIES, type Category, POLICY_AREAS, type PolicyArea } from '../reports/model.js';
import type { Staff } from '../staff/model.js';
import { CASE_STATUSES, type CaseStatus, QUEUES, type Queue, RESOLUTIONS, type Resolution } from './model.js';
import { staffActor } from './rows.js';

const subject = auditSubject('case');
const queue = z.enum(QUEUES);
const area = z.enum(POLICY_AREAS);
const claimedBy = z.string().nullable();

export const CaseEvents = z.discriminatedUnion('action', [
  auditEvent('case.opened', {
    subject,
    before: NONE,
    after: z.strictObject({ accountId: z.string(), queue, area, tier: z.enum(TIERS) }),
  }),
  auditEvent('case.claimed', { subject, before: NONE, after: z.strictObject({ claimedBy: z.string(), leaseUntil: z.number() }) }),
  auditEvent('case.lease_renewed', {
    subject,
    before: z.strictObject({ leaseUntil: z.number().nullable() }),
    after: z.strictObject({ leaseUntil: z.number() }),
  }),
  auditEvent('case.released', { subject, before: z.strictObject({ claimedBy }), after: z.strictObject({ claimedBy: z.null() }) }),
  auditEvent('case.resolved', {
    subject,
    before: z.strictObject({ status: z.enum(CASE_STATUSES) }),
    after: z.strictObject({ status: z.enum(CASE_STATUSES), resolution: z.enum(RESOLUTIONS) }),
  }),
  // by a person; by a tier change (with the claim it keeps, if any); by a more severe report (its area)
  auditEvent('case.rerouted', {
    subject,
    before: z.union([z.strictObject({ queue, claimedBy }), z.strictObject({ queue, area })]),
    after: z.union([z.strictObject({ queue, claimedBy, tier: z.enum(TIERS) }), z.strictObject({ queue, area }), z.strictObject({ queue })]),
  }),
  auditEvent('case.commented', { subject, before: NONE, after: z.strictObject({ commentId: z.number(), body: z.string() }) }),
  auditEvent('case.lease_expired', {
    subject,
    before: z.strictObject({ claimedBy, leaseUntil: z.number().nullable() }),
    after: z.strictObject({ claimedBy: z.null() }),
  }),
  auditEvent('case.claim_voided', { subject, before: z.strictObject({ claimedBy: z.string() }), after: z.strictObject({ claimedBy: z.null() }) }),
  // a decision not to act, overturned on appeal: worked again in the queue its account routes to
  auditEvent('case.reopened', {
    subject,
    before: z.strictObject({ status: z.enum(CASE_STATUSES), resolution: z.enum(RESOLUTIONS).nullable() }),
    after: z.strictObject({ status: z.enum(CASE_STATUSES), queue, appealId: z.string() }),
  }),
  auditEvent('case.brigade_flagged', {
    subject,
    before: NONE,
    after: z.strictObject({ velocity: z.number(), windowMs: z.number(), threshold: z.number() }),
  }),
  // intake: what one transaction took in, counted (the reports themselves are in the store, `reports`); the
  // transparency report's notice figures are sums of these (src/transparency)
  auditEvent('reports.received', {
    subject: auditSubject('reports'),
    before: NONE,
    after: z.strictObject({
      /** the first and last report id taken */
      first: z.number(),
      last: z.number(),
      count: z.number(),
      /** of them, repeats of a report already counted (same reporter, account and category in the window) */
      duplicates: z.number(),
      byCategory: z.partialRecord(z.enum(CATEGORIES), z.number()),
      /** of them, sent by registered trusted flaggers (DSA Art. 22); absent when none */
      trustedFlagger: z.number().optional(),
      /** of them, from reporters whose reporting is suspended (Art. 23): kept, counted nowhere; absent when none */
      ignored: z.number().optional(),
    }),
  }),
]);
export type CaseAuditEvent = z.infer<typeof CaseEvents>;
type Entry = AuditInput<CaseAuditEvent>;

const about = (caseId: number) => subjectOf('case', caseId);

export const caseOpened = (actor: Actor, c: { id: number; account_id: string; queue: Queue; area: PolicyArea }, tier: Tier): Entry => ({
  actor,
  action: 'case.opened',
  subject: about(c.id),
  before: null,
  after: { accountId: c.account_id, queue: c.queue, area: c.area, tier },
});

export const caseClaimed = (staff: Staff, caseId: number, leaseUntil: number): Entry => ({
  actor: staffActor(staff),
  action: 'case.claimed',
  subject: about(caseId),
  before: null,
  after: { claimedBy: staff.id, leaseUntil },
});

export const caseLeaseRenewed = (staff: Staff, caseId: number, from: number | null, leaseUntil: number): Entry => ({
  actor: staffActor(staff),
  action: 'case.lease_renewed',
  subject: about(caseId),
  before: { leaseUntil: from },
  after: { leaseUntil },
});

export const caseReleased = (staff: Staff, caseId: number, claimedBy: string | null, reason: string | null): Entry => ({
  actor: staffActor(staff),
  action: 'case.released',
  subject: about(caseId),
  before: { claimedBy },
  after: { claimedBy: null },
  reason,
});

export const caseResolved = (staff: Staff, caseId: number, from: CaseStatus, status: CaseStatus, resolution: Resolution, note: string | null): Entry => ({
  actor: staffActor(staff),
  action: 'case.resolved',
  subject: about(caseId),
  before: { status: from },
  after: { status, resolution },
  reason: note,
});

/** A person moved the case to another queue; its claim is dropped. */
export const caseRerouted = (staff: Staff, c: { id: number; queue: Queue; claimed_by: string | null }, queue: Queue, reason: string): Entry => ({
  actor: staffActor(staff),
  action: 'case.rerouted',
  subject: about(c.id),
  before: { queue: c.queue, claimedBy: c.claimed_by },
  after: { queue },
  reason,
});

/** The account's tier changed: the case follows it, keeping a claim only its holder may still work. */
export const caseReroutedForTier = (
  c: { id: number; queue: Queue; claimed_by: string | null },
  to: { queue: Queue; claimedBy: string | null; tier: Tier },
  reason: string,
): Entry => ({
  actor: SYSTEM,
  action: 'case.rerouted',
  subject: about(c.id),
  before: { queue: c.queue, claimedBy: c.claimed_by },
  after: { queue: to.queue, claimedBy: to.claimedBy, tier: to.tier },
  reason,
});

/** A more severe category was reported: the case moves to the queue of its new area. */
export const caseReroutedBySeverity = (c: { id: number; queue: Queue; area: PolicyArea }, to: { queue: Queue; area: PolicyArea }): Entry => ({
  actor: SYSTEM,
  action: 'case.rerouted',
  subject: about(c.id),
  before: { queue: c.queue, area: c.area },
  after: { queue: to.queue, area: to.area },
  reason: 'a more severe category was reported',
});

export const caseCommented = (staff: Staff, caseId: number, commentId: number, body: string): Entry => ({
  actor: staffActor(staff),
  action: 'case.commented',
  subject: about(caseId),
  before: null,
  after: { commentId, body },
});

export const caseLeaseExpired = (c: { id: number; claimed_by: string | null; lease_until: number | null }): Entry => ({
  actor: SYSTEM,
  action: 'case.lease_expired',
  subject: about(c.id),
  before: { claimedBy: c.claimed_by, leaseUntil: c.lease_until },
  after: { claimedBy: null },
});

/** The holder lost their access (offboarding, the window ended): their claim goes back to the queue. */
export const caseClaimVoided = (caseId: number, staffId: string, reason: string): Entry => ({
  actor: SYSTEM,
  action: 'case.claim_voided',
  subject: about(caseId),
  before: { claimedBy: staffId },
  after: { claimedBy: null },
  reason,
});

export const caseBrigadeFlagged = (caseId: number, velocity: number, window: { brigadeWindowMs: number; brigadeThreshold: number }): Entry => ({
  actor: SYSTEM,
  action: 'case.brigade_flagged',
  subject: about(caseId),
  before: null,
  after: { velocity, windowMs: window.brigadeWindowMs, threshold: window.brigadeThreshold },
  reason: 'report velocity spike',
});

/** What one intake transaction took in: reports `first`…`last` (ids), counted by category. */
export const reportsReceived = (
  actor: Actor,
  taken: readonly { id: number; category: Category; duplicate: boolean; trustedFlagger?: boolean; ignored?: boolean }[],
): Entry => {
  const byCategory: Partial<Record<Category, number>> = {};
  for (const r of taken) byCategory[r.category] = (byCategory[r.category] ?? 0) + 1;
  // a loop, not Math.min(...ids): a group commit's intake can take more reports than a call has room for arguments
  let first = Infinity;
  let last = -Infinity;
  let duplicates = 0;
  let trustedFlagger = 0;
  let ignored = 0;
  for (const r of taken) {
    first = Math.min(first, r.id);
    last = Math.max(last, r.id);
    if (r.duplicate) duplicates += 1;
    if (r.trustedFlagger) trustedFlagger += 1;
    if (r.ignored) ignored += 1;
  }
  return {
    actor,
    action: 'reports.received',
    subject: subjectOf('reports', first),
    before: null,
    after: { first, last, count: taken.length, duplicates, byCategory, ...(trustedFlagger ? { trustedFlagger } : {}), ...(ignored ? { ignored } : {}) },
  };
};

/** An appeal overturned the decision not to act: the case is open again, in the queue its account routes to. */
export const caseReopened = (
  staff: Staff,
  c: { id: number; status: CaseStatus; resolution: Resolution | null },
  to: { queue: Queue; appealId: string },
  reasons: string,
): Entry => ({
  actor: staffActor(staff),
  action: 'case.reopened',
  subject: about(c.id),
  before: { status: c.status, resolution: c.resolution },
  after: { status: 'open', queue: to.queue, appealId: to.appealId },
  reason: reasons,
});
