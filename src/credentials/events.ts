/**
 * The audit events of staff credentials: enrolments started, sent (or given
 * up on), redeemed, failed and revoked; tokens revoked; and the bootstrap of a
 * fresh store's first admins. A code never enters an entry.
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type Actor, type AuditInput, SYSTEM } from '../audit/model.js';
import { ROLES, type Role } from '../staff/model.js';
import { BOOTSTRAP_ACTOR, BOOTSTRAP_ADMINS } from './bootstrap.js';

const subject = auditSubject('staff');

/** Why a redemption failed: one answer to the person, the reason in the log. */
const redeemFailure = z.enum(['malformed', 'unknown', 'wrong_secret', 'redeemed', 'revoked', 'expired', 'no_access', 'raced']);
export type RedeemFailure = z.infer<typeof redeemFailure>;

export const CredentialEvents = z.discriminatedUnion('action', [
  auditEvent('staff.enrolment_started', {
    subject,
    before: NONE,
    after: z.strictObject({ enrolmentId: z.string(), issuedBy: z.string(), expiresAt: z.number(), sentTo: z.string() }),
  }),
  auditEvent('staff.enrolment_sent', {
    subject,
    before: NONE,
    after: z.strictObject({ enrolmentId: z.string(), to: z.string(), attempts: z.number() }),
  }),
  auditEvent('staff.enrolment_undelivered', { subject, before: NONE, after: z.strictObject({ enrolmentId: z.string(), attempts: z.number() }) }),
  auditEvent('staff.enrolment_redeemed', {
    subject,
    before: NONE,
    after: z.strictObject({
      enrolmentId: z.string(),
      issuedBy: z.string(),
      tokenId: z.string(),
      passwordSet: z.boolean(),
      totpEnrolled: z.boolean(),
      address: z.string(),
    }),
  }),
  // a code that names no enrolment is about the enrolment id it claimed, or none
  auditEvent('staff.enrolment_redeem_failed', {
    subject: z.union([subject, auditSubject('enrolment')]),
    before: NONE,
    after: z.strictObject({ why: redeemFailure, address: z.string(), enrolmentId: z.string().optional() }),
  }),
  auditEvent('staff.enrolment_revoked', { subject, before: NONE, after: z.strictObject({ enrolmentId: z.string() }) }),
  auditEvent('staff.token_revoked', { subject, before: NONE, after: z.strictObject({ tokenId: z.string(), label: z.string() }) }),
  auditEvent('staff.bootstrapped', { subject, before: NONE, after: z.strictObject({ role: z.enum(ROLES), adminsBefore: z.number() }) }),
]);
export type CredentialAuditEvent = z.infer<typeof CredentialEvents>;
type Entry = AuditInput<CredentialAuditEvent>;

const about = (staffId: string) => subjectOf('staff', staffId);

export const enrolmentStarted = (actor: Actor, staff: { id: string; email: string }, e: { id: string; issuedBy: string; expiresAt: number }): Entry => ({
  actor,
  action: 'staff.enrolment_started',
  subject: about(staff.id),
  before: null,
  after: { enrolmentId: e.id, issuedBy: e.issuedBy, expiresAt: e.expiresAt, sentTo: staff.email },
});

/** A pending enrolment gave way to a new one, or was revoked by hand (no reason then). */
export const enrolmentRevoked = (actor: Actor, staffId: string, enrolmentId: string, reason?: string): Entry => ({
  actor,
  action: 'staff.enrolment_revoked',
  subject: about(staffId),
  before: null,
  after: { enrolmentId },
  reason,
});

export const enrolmentRedeemed = (
  holder: Actor,
  staffId: string,
  r: { enrolmentId: string; issuedBy: string; tokenId: string; passwordSet: boolean; totpEnrolled: boolean; address: string },
): Entry => ({
  actor: holder,
  action: 'staff.enrolment_redeemed',
  subject: about(staffId),
  before: null,
  after: r,
});

export const redeemFailed = (why: RedeemFailure, address: string, enrolmentId: string | null, staffId: string | null): Entry => ({
  actor: SYSTEM,
  action: 'staff.enrolment_redeem_failed',
  subject: staffId ? about(staffId) : { type: 'enrolment', id: enrolmentId ?? '(unknown)' },
  before: null,
  after: { why, address, ...(enrolmentId ? { enrolmentId } : {}) },
});

export const tokenRevoked = (actor: Actor, staffId: string, token: { id: string; label: string }): Entry => ({
  actor,
  action: 'staff.token_revoked',
  subject: about(staffId),
  before: null,
  after: { tokenId: token.id, label: token.label },
});

/** The staff-invitation channel took the enrolment message. */
export const enrolmentSent = (m: { staffId: string; enrolmentId: string; email: string }, attempts: number): Entry => ({
  actor: SYSTEM,
  action: 'staff.enrolment_sent',
  subject: about(m.staffId),
  before: null,
  after: { enrolmentId: m.enrolmentId, to: m.email, attempts },
});

export const enrolmentUndelivered = (m: { staffId: string; enrolmentId: string }, attempts: number, error: string): Entry => ({
  actor: SYSTEM,
  action: 'staff.enrolment_undelivered',
  subject: about(m.staffId),
  before: null,
  after: { enrolmentId: m.enrolmentId, attempts },
  reason: error,
});

/** One of a fresh store's first admins, made from the CLI without a credential (bootstrap.ts). */
export const staffBootstrapped = (staff: { id: string; role: Role }, adminsBefore: number): Entry => ({
  actor: BOOTSTRAP_ACTOR,
  action: 'staff.bootstrapped',
  subject: about(staff.id),
  before: null,
  after: { role: staff.role, adminsBefore },
  reason: `bootstrap: the store had ${adminsBefore} admin(s), fewer than ${BOOTSTRAP_ADMINS}`,
});
