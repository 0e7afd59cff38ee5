/**
 * The audit events of reporters' standing, each about the reporter (so their
 * record reads as one history): a change an approved action made (the
 * action's own `action.executed` entry records it too), the misuse threshold
 * reached with the warning Warden suggested, and reports a suspended reporter
 * sent that were taken but not counted.
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type Actor, type AuditInput, SYSTEM } from '../audit/model.js';
import type { RuleHit } from '../policy/model.js';
import { type MisuseCounts, MisuseCountsSchema } from './model.js';

const subject = auditSubject('reporter');
const rule = z.strictObject({ id: z.string(), effect: z.enum(['permit', 'forbid']), reason: z.string() });

export const STANDING_CHANGES = ['trusted_flagger_added', 'trusted_flagger_removed', 'warned', 'reporting_suspended', 'reporting_restored'] as const;

/** What a reporter kind changed, as its execution records it. */
export const StandingChangeSchema = z.strictObject({
  reporterId: z.string(),
  change: z.enum(STANDING_CHANGES),
  /** reporting_suspended: until when their reports are ignored */
  until: z.number().optional(),
  /** reporting_restored: the warning or suspension it undid */
  undoes: z.string().optional(),
  /** a misuse measure: the counts that justified it */
  misuse: MisuseCountsSchema.optional(),
});
export type StandingChange = z.infer<typeof StandingChangeSchema>;

const standingFacts = z.strictObject({
  trustedFlagger: z.boolean(),
  warnedAt: z.number().nullable(),
  suspendedUntil: z.number().nullable(),
});
type StandingFacts = z.infer<typeof standingFacts>;

export const ReporterEvents = z.discriminatedUnion('action', [
  auditEvent('reporter.standing_changed', {
    subject,
    before: standingFacts,
    after: standingFacts.extend({ change: z.enum(STANDING_CHANGES), actionId: z.string() }),
  }),
  auditEvent('reporter.misuse_threshold_reached', {
    subject,
    before: NONE,
    after: z.strictObject({
      misuse: MisuseCountsSchema,
      /** the warning Warden proposed for a person to approve; null when it proposed none */
      suggestedActionId: z.string().nullable(),
      rules: z.array(rule),
    }),
  }),
  auditEvent('reporter.reports_ignored', {
    subject,
    before: NONE,
    after: z.strictObject({ reportIds: z.array(z.number()), suspendedUntil: z.number(), byActionId: z.string() }),
  }),
]);
export type ReporterAuditEvent = z.infer<typeof ReporterEvents>;
type Entry = AuditInput<ReporterAuditEvent>;

const about = (reporterId: string) => subjectOf('reporter', reporterId);

export const standingChanged = (actor: Actor, reporterId: string, from: StandingFacts, to: StandingFacts, c: StandingChange, actionId: string): Entry => ({
  actor,
  action: 'reporter.standing_changed',
  subject: about(reporterId),
  before: from,
  after: { ...to, change: c.change, actionId },
  reason: `action ${actionId}`,
});

export const misuseThresholdReached = (
  reporterId: string,
  o: { misuse: MisuseCounts; suggestedActionId: string | null; rules: RuleHit[]; why: string },
): Entry => ({
  actor: SYSTEM,
  action: 'reporter.misuse_threshold_reached',
  subject: about(reporterId),
  before: null,
  after: { misuse: o.misuse, suggestedActionId: o.suggestedActionId, rules: o.rules },
  reason: o.why,
});

/** Reports taken from a reporter whose reporting is suspended: kept, counted towards nothing. */
export const reportsIgnored = (actor: Actor, reporterId: string, reportIds: number[], s: { until: number; actionId: string }): Entry => ({
  actor,
  action: 'reporter.reports_ignored',
  subject: about(reporterId),
  before: null,
  after: { reportIds, suspendedUntil: s.until, byActionId: s.actionId },
  reason: `reporting suspended by action ${s.actionId}`,
});
