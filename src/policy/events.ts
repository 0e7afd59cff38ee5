/**
 * The audit events of the policy: a set put in force (the shipped one on a
 * store's first start, or the one an approved change_policy action carries),
 * and the freeze switch turned on or off.
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject } from '../audit/catalog.js';
import { type Actor, type AuditInput, SYSTEM } from '../audit/model.js';

const subject = auditSubject('policy');
const activated = z.strictObject({ version: z.string(), files: z.array(z.string()) });
const freeze = { subject: auditSubject('setting'), before: z.strictObject({ on: z.boolean() }), after: z.strictObject({ on: z.boolean() }) };

export const PolicyEvents = z.discriminatedUnion('action', [
  // the set in force before it; none on a store's first start
  auditEvent('policy.activated', { subject, before: z.union([z.strictObject({ version: z.string() }), NONE]), after: activated }),
  auditEvent('policy.frozen', freeze),
  auditEvent('policy.unfrozen', freeze),
]);
export type PolicyAuditEvent = z.infer<typeof PolicyEvents>;
type Entry = AuditInput<PolicyAuditEvent>;

/** The shipped set, activated on a store's first start. */
export const shippedPolicyActivated = (version: string, files: string[]): Entry => ({
  actor: SYSTEM,
  action: 'policy.activated',
  subject: { type: 'policy', id: version },
  before: null,
  after: { version, files },
  reason: 'shipped default policy set, first start',
});

/** A set an approved change_policy action put in force, in place of `before`. */
export const policyActivated = (before: string, version: string, files: string[], actionId: string): Entry => ({
  actor: SYSTEM,
  action: 'policy.activated',
  subject: { type: 'policy', id: version },
  before: { version: before },
  after: { version, files },
  reason: `action ${actionId}`,
});

export const freezeSet = (actor: Actor, was: boolean, on: boolean, reason: string): Entry => ({
  actor,
  action: on ? 'policy.frozen' : 'policy.unfrozen',
  subject: { type: 'setting', id: 'freeze' },
  before: { on: was },
  after: { on },
  reason,
});
