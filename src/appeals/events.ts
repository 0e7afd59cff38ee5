/**
 * The audit events of appeals: filed (with the appellant's statement and the
 * deadline it was filed within), a decision the policy refused (someone not
 * independent of the decision contested), decided (with the reasons the
 * appellant is told), the reversal it granted taking effect, and the alert
 * raised when it went undecided too long.
 */
import { z } from 'zod';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type Actor, type AuditInput, SYSTEM } from '../audit/model.js';
import type { Decision } from '../policy/model.js';
import { APPEAL_OUTCOMES, APPELLANT_KINDS, type AppealOutcome, PARTICIPANT_ROLES, type Participant } from './model.js';

const subject = auditSubject('appeal');
const rule = z.strictObject({ id: z.string(), effect: z.enum(['permit', 'forbid']), reason: z.string() });
const participant = z.strictObject({ staffId: z.string(), role: z.enum(PARTICIPANT_ROLES), why: z.string() });

export const AppealEvents = z.discriminatedUnion('action', [
  auditEvent('appeal.filed', {
    subject,
    before: NONE,
    after: z.strictObject({
      appellant: z.strictObject({ kind: z.enum(APPELLANT_KINDS), id: z.string() }),
      accountId: z.string(),
      actionId: z.string().nullable(),
      originalCaseId: z.number().nullable(),
      reportId: z.number().nullable(),
      caseId: z.number(),
      deadlineAt: z.number(),
      statement: z.string(),
    }),
  }),
  auditEvent('appeal.decision_refused', {
    subject,
    before: NONE,
    after: z.strictObject({ outcome: z.enum(APPEAL_OUTCOMES), rules: z.array(rule), ineligible: z.array(participant) }),
  }),
  auditEvent('appeal.decided', {
    subject,
    before: z.strictObject({ state: z.literal('open') }),
    after: z.strictObject({
      state: z.enum(APPEAL_OUTCOMES),
      rules: z.array(rule),
      reversalActionId: z.string().nullable(),
      reconsideredCaseId: z.number().nullable(),
      strikeReversed: z.boolean(),
    }),
  }),
  auditEvent('appeal.reversal_executed', {
    subject,
    before: NONE,
    after: z.strictObject({ reversalActionId: z.string(), actionId: z.string(), strikeReversed: z.boolean() }),
  }),
  auditEvent('appeal.overdue', {
    subject,
    before: NONE,
    after: z.strictObject({ alertId: z.number(), filedAt: z.number(), decideWithinMs: z.number() }),
  }),
]);
export type AppealAuditEvent = z.infer<typeof AppealEvents>;
type Entry = AuditInput<AppealAuditEvent>;

const about = (appealId: string) => subjectOf('appeal', appealId);

export const appealFiled = (
  actor: Actor,
  a: {
    id: string;
    appellant: { kind: 'owner' | 'reporter'; id: string };
    accountId: string;
    actionId: string | null;
    originalCaseId: number | null;
    reportId: number | null;
    caseId: number;
    deadlineAt: number;
    statement: string;
  },
): Entry => ({
  actor,
  action: 'appeal.filed',
  subject: about(a.id),
  before: null,
  after: {
    appellant: a.appellant,
    accountId: a.accountId,
    actionId: a.actionId,
    originalCaseId: a.originalCaseId,
    reportId: a.reportId,
    caseId: a.caseId,
    deadlineAt: a.deadlineAt,
    statement: a.statement,
  },
});

/** Written although the decision's transaction rolls back (DomainError.auditOnRollback). */
export const appealDecisionRefused = (actor: Actor, appealId: string, o: { outcome: AppealOutcome; decision: Decision; ineligible: Participant[] }, reasons: string): Entry => ({
  actor,
  action: 'appeal.decision_refused',
  subject: about(appealId),
  before: null,
  after: { outcome: o.outcome, rules: o.decision.rules, ineligible: o.ineligible },
  reason: reasons,
});

export const appealDecided = (
  actor: Actor,
  appealId: string,
  o: { outcome: AppealOutcome; decision: Decision; reversalActionId: string | null; reconsideredCaseId: number | null; strikeReversed: boolean },
  reasons: string,
): Entry => ({
  actor,
  action: 'appeal.decided',
  subject: about(appealId),
  before: { state: 'open' },
  after: {
    state: o.outcome,
    rules: o.decision.rules,
    reversalActionId: o.reversalActionId,
    reconsideredCaseId: o.reconsideredCaseId,
    strikeReversed: o.strikeReversed,
  },
  reason: reasons,
});

export const appealReversalExecuted = (appealId: string, o: { reversalActionId: string; actionId: string; strikeReversed: boolean }): Entry => ({
  actor: SYSTEM,
  action: 'appeal.reversal_executed',
  subject: about(appealId),
  before: null,
  after: o,
  reason: `the restore granted on appeal ${appealId} took effect`,
});

export const appealOverdue = (appealId: string, o: { alertId: number; filedAt: number; decideWithinMs: number }): Entry => ({
  actor: SYSTEM,
  action: 'appeal.overdue',
  subject: about(appealId),
  before: null,
  after: o,
  reason: 'not decided in time',
});
