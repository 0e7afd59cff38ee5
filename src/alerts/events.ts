/**
 * The audit events of alerts: raised (with what it is about and the details
 * a person on call reads), acknowledged, and a delivery to the channels given
 * up on. An alert's details are its source's own record (tripwires, the
 * dispatcher, platform reachability): kept unchanged.
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type Actor, type AuditInput, SYSTEM } from '../audit/model.js';
import { ALERT_KINDS, ALERT_SEVERITIES, type Alert } from './model.js';

const subject = auditSubject('alert');

export const AlertEvents = z.discriminatedUnion('action', [
  auditEvent('alert.raised', {
    subject,
    before: NONE,
    after: z.strictObject({
      kind: z.enum(ALERT_KINDS),
      severity: z.enum(ALERT_SEVERITIES),
      subject: z.strictObject({ type: z.string(), id: z.string() }),
      summary: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  }),
  auditEvent('alert.acknowledged', {
    subject,
    before: z.strictObject({ acknowledgedAt: z.null() }),
    after: z.strictObject({ acknowledgedAt: z.number(), acknowledgedBy: z.string() }),
  }),
  auditEvent('alert.delivery_failed', { subject, before: NONE, after: z.strictObject({ attempts: z.number() }) }),
]);
export type AlertAuditEvent = z.infer<typeof AlertEvents>;
type Entry = AuditInput<AlertAuditEvent>;

const about = (alertId: number) => subjectOf('alert', alertId);

export const alertRaised = (actor: Actor, alert: Alert): Entry => ({
  actor,
  action: 'alert.raised',
  subject: about(alert.id),
  before: null,
  after: { kind: alert.kind, severity: alert.severity, subject: alert.subject, summary: alert.summary, details: alert.details },
});

export const alertAcknowledged = (staffId: string, alertId: number, at: number): Entry => ({
  actor: { kind: 'staff', id: staffId },
  action: 'alert.acknowledged',
  subject: about(alertId),
  before: { acknowledgedAt: null },
  after: { acknowledgedAt: at, acknowledgedBy: staffId },
});

/** Every channel refused the alert for good, or it ran out of attempts. */
export const alertUndelivered = (alertId: number, attempts: number, error: string): Entry => ({
  actor: SYSTEM,
  action: 'alert.delivery_failed',
  subject: about(alertId),
  before: null,
  after: { attempts },
  reason: error,
});
