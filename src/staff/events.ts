/**
 * The audit events of staff records: a record created, a token issued, and
 * the end of someone's access (offboarding, a window that closed, and what
 * was revoked with it). Grants, elevations and access changes are actions
 * (`action.executed`); credentials and sign-in have their own catalogs.
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type Actor, type AuditInput, SYSTEM } from '../audit/model.js';
import { EMPLOYMENT, ROLES, type Staff } from './model.js';

const subject = auditSubject('staff');

export const StaffEvents = z.discriminatedUnion('action', [
  auditEvent('staff.created', {
    subject,
    before: NONE,
    after: z.strictObject({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.enum(ROLES),
      employment: z.enum(EMPLOYMENT),
      access: z.strictObject({ from: z.number(), until: z.number().nullable() }),
      offboardedAt: z.number().nullable(),
      createdAt: z.number(),
    }),
  }),
  auditEvent('staff.token_issued', {
    subject,
    before: NONE,
    after: z.strictObject({ tokenId: z.string(), label: z.string(), issuedBy: z.string(), enrolmentId: z.string().optional() }),
  }),
  auditEvent('staff.offboarded', {
    subject,
    before: z.strictObject({ accessUntil: z.number().nullable() }),
    after: z.strictObject({ accessUntil: z.number(), offboardedAt: z.number() }),
  }),
  auditEvent('staff.access_ended', { subject, before: NONE, after: z.strictObject({ accessUntil: z.number() }) }),
  auditEvent('staff.access_revoked', {
    subject,
    before: NONE,
    after: z.strictObject({
      staffId: z.string(),
      tokensRevoked: z.number(),
      actionsVoided: z.array(z.string()),
      approvalsVoided: z.array(z.number()),
      claimsReleased: z.array(z.number()),
      elevationsRevoked: z.number(),
      /** console sessions ended at once (each would also end on its next request) */
      sessionsEnded: z.array(z.string()),
    }),
  }),
]);
export type StaffAuditEvent = z.infer<typeof StaffEvents>;
type Entry = AuditInput<StaffAuditEvent>;
/** What the end of someone's access revoked with it (lifecycle.ts): the answer, and its audit entry. */
export type EndOfAccess = Extract<StaffAuditEvent, { action: 'staff.access_revoked' }>['after'];

const about = (staffId: string) => subjectOf('staff', staffId);

/** The record just created: who made it is the entry's actor (and the record's provenance). */
export const staffCreated = (actor: Actor, staff: Staff): Entry => ({
  actor,
  action: 'staff.created',
  subject: about(staff.id),
  before: null,
  after: staff,
});

export const tokenIssued = (actor: Actor, staffId: string, token: { id: string; label: string; issuedBy: string; enrolmentId: string | null }): Entry => ({
  actor,
  action: 'staff.token_issued',
  subject: about(staffId),
  before: null,
  after: { tokenId: token.id, label: token.label, issuedBy: token.issuedBy, ...(token.enrolmentId ? { enrolmentId: token.enrolmentId } : {}) },
});

/** The window is cut to now (or kept, if it already ended sooner). */
export const staffOffboarded = (actor: Actor, staff: Staff, until: number, now: number, reason: string): Entry => ({
  actor,
  action: 'staff.offboarded',
  subject: about(staff.id),
  before: { accessUntil: staff.access.until },
  after: { accessUntil: until, offboardedAt: now },
  reason,
});

export const accessEnded = (staffId: string, accessUntil: number): Entry => ({
  actor: SYSTEM,
  action: 'staff.access_ended',
  subject: about(staffId),
  before: null,
  after: { accessUntil },
  reason: `access window ended at ${new Date(accessUntil).toISOString()}`,
});

export const accessRevoked = (result: EndOfAccess, reason: string): Entry => ({
  actor: SYSTEM,
  action: 'staff.access_revoked',
  subject: about(result.staffId),
  before: null,
  after: result,
  reason,
});
