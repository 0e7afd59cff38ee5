/**
 * The audit events of staff sign-in: sessions opened, refused, failed,
 * ended and stepped up, and the console credentials a person set. No secret
 * ever enters an entry: a password or TOTP change is recorded by its fact.
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import type { Actor, AuditInput } from '../audit/model.js';
import { SYSTEM } from '../audit/model.js';
import type { AccessState, Staff } from '../staff/model.js';
import { END_REASONS, type EndReason, SIGN_IN_METHODS, type SignInMethod } from './model.js';
import type { FailureWhy } from './service.js';

const subject = auditSubject('staff');
const why = z.enum(['unknown_email', 'no_credentials', 'wrong_password', 'wrong_totp', 'totp_replayed', 'oidc_refused']);
const method = z.enum(SIGN_IN_METHODS);

export const SessionEvents = z.discriminatedUnion('action', [
  auditEvent('session.login', {
    subject,
    before: NONE,
    after: z.strictObject({ sessionId: z.string(), method, address: z.string(), userAgent: z.string(), expiresAt: z.number() }),
  }),
  auditEvent('session.login_refused', {
    subject,
    before: NONE,
    after: z.strictObject({ accessState: z.enum(['active', 'not_yet', 'ended', 'offboarded']), method, address: z.string() }),
  }),
  // by an unknown email the subject is the email tried
  auditEvent('session.login_failed', {
    subject: z.union([subject, auditSubject('login')]),
    before: NONE,
    after: z.strictObject({ why, address: z.string(), userAgent: z.string(), detail: z.string().optional() }),
  }),
  auditEvent('session.logout', { subject, before: NONE, after: z.strictObject({ sessionId: z.string(), reason: z.enum(END_REASONS) }) }),
  auditEvent('session.ended', { subject, before: NONE, after: z.strictObject({ sessionId: z.string(), reason: z.enum(END_REASONS) }) }),
  auditEvent('session.step_up', { subject, before: NONE, after: z.strictObject({ sessionId: z.string(), stepUpUntil: z.number() }) }),
  auditEvent('session.step_up_failed', { subject, before: NONE, after: z.strictObject({ sessionId: z.string(), why, address: z.string() }) }),
  auditEvent('staff.password_set', { subject, before: NONE, after: NONE }),
  auditEvent('staff.totp_enrolled', { subject, before: NONE, after: NONE }),
]);
export type SessionAuditEvent = z.infer<typeof SessionEvents>;
type Entry = AuditInput<SessionAuditEvent>;

const about = (staffId: string) => subjectOf('staff', staffId);
const self = (staffId: string): Actor => ({ kind: 'staff', id: staffId });

export const loggedIn = (staff: Staff, s: { id: string; method: SignInMethod; address: string; expiresAt: number }, userAgent: string): Entry => ({
  actor: self(staff.id),
  action: 'session.login',
  subject: about(staff.id),
  before: null,
  after: { sessionId: s.id, method: s.method, address: s.address, userAgent, expiresAt: s.expiresAt },
});

/** They proved who they are, and their access is not open now. */
export const loginRefused = (staff: Staff, accessState: AccessState, method: SignInMethod, address: string): Entry => ({
  actor: self(staff.id),
  action: 'session.login_refused',
  subject: about(staff.id),
  before: null,
  after: { accessState, method, address },
});

export const loginFailed = (who: { email: string; address: string; userAgent: string; staff: Staff | null }, failure: FailureWhy, detail?: string): Entry => ({
  actor: who.staff ? self(who.staff.id) : SYSTEM,
  action: 'session.login_failed',
  subject: who.staff ? about(who.staff.id) : { type: 'login', id: who.email || '(unknown)' },
  before: null,
  after: { why: failure, address: who.address, userAgent: who.userAgent, ...(detail ? { detail } : {}) },
});

/** A person logged out, or Warden ended the session (idle, expired, access gone). */
export const sessionEnded = (actor: Actor, session: { id: string; staffId: string }, reason: EndReason): Entry => ({
  actor,
  action: reason === 'logged_out' ? 'session.logout' : 'session.ended',
  subject: about(session.staffId),
  before: null,
  after: { sessionId: session.id, reason },
});

export const sessionSteppedUp = (session: { id: string; staffId: string }, stepUpUntil: number): Entry => ({
  actor: self(session.staffId),
  action: 'session.step_up',
  subject: about(session.staffId),
  before: null,
  after: { sessionId: session.id, stepUpUntil },
});

export const stepUpFailed = (session: { id: string; staffId: string }, failure: FailureWhy, address: string): Entry => ({
  actor: self(session.staffId),
  action: 'session.step_up_failed',
  subject: about(session.staffId),
  before: null,
  after: { sessionId: session.id, why: failure, address },
});

export const passwordSet = (actor: Actor, staffId: string): Entry => ({
  actor,
  action: 'staff.password_set',
  subject: about(staffId),
  before: null,
  after: null,
});

export const totpEnrolled = (actor: Actor, staffId: string): Entry => ({
  actor,
  action: 'staff.totp_enrolled',
  subject: about(staffId),
  before: null,
  after: null,
});
