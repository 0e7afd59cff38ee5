/**
 * The audit events of actions: proposals and refusals, verdicts, and each
 * step of the lifecycle (scheduled, executed, delivered, voided, …), with the
 * policy's decisions in the words it gave them. One declaration gives the type
 * `append` accepts and the decoder readers use (src/audit/catalog.ts); the
 * constructors below are the only writers.
 */
import { z } from 'zod';
import { ACCOUNT_STATUSES, TIERS } from '../accounts/model.js';
import { NONE, auditEvent, auditSubject, subjectOf } from '../audit/catalog.js';
import { type Actor, type AuditInput, SYSTEM, staffActor } from '../audit/model.js';
import { type ActionKind, type ApprovalRequirement, type Decision, ENFORCEMENT_KINDS, type EffectFacts, GUARD_KINDS, type PrincipalFacts, REPORTER_KINDS } from '../policy/model.js';
import { EMPLOYMENT, ROLES, type Staff } from '../staff/model.js';
import type { ExecutionCheck } from './execution.js';
import { targetTypeOf } from './kinds.js';
import { ACTION_STATES, type AccountState, type ActionState, REASON_CODES, type ReasonCode } from './model.js';
import type { Action } from './store.js';
import { MisuseCountsSchema } from '../reporters/model.js';
import { StandingChangeSchema } from '../reporters/events.js';

const subject = auditSubject('action');
const state = z.enum(ACTION_STATES);
const kind = z.enum([...ENFORCEMENT_KINDS, ...GUARD_KINDS, ...REPORTER_KINDS]);
const role = z.enum(ROLES);
const fromState = z.strictObject({ state });
const accountState = z.strictObject({ status: z.enum(ACCOUNT_STATUSES), statusUntil: z.number().nullable() });
const target = z.strictObject({ type: z.enum(['account', 'staff', 'policy', 'reporter']), id: z.string() });

/** A rule that took part in a decision, in the policy's words. */
export const RecordedRule = z.strictObject({ id: z.string(), effect: z.enum(['permit', 'forbid']), reason: z.string() });
const decision = z.strictObject({ allowed: z.boolean(), rules: z.array(RecordedRule), policyVersion: z.string() });
const effect = z.strictObject({
  fromStatus: z.enum([...ACCOUNT_STATUSES, '']),
  toStatus: z.enum([...ACCOUNT_STATUSES, '']),
  restricts: z.boolean(),
  durationMs: z.number(),
});
/** the approvals that counted when the policy was asked, and those that did not, with why */
const counted = z.array(z.strictObject({ id: z.number(), approverId: z.string() }));
const notCounted = z.array(z.strictObject({ id: z.number(), approverId: z.string(), why: z.string() }));

/** An action's parameters in its proposal's entry: a policy set by its file names only. */
const params = z.strictObject({
  durationMs: z.number().optional(),
  restoresActionId: z.string().optional(),
  restoreTo: accountState.optional(),
  tier: z.enum(TIERS).optional(),
  role: role.optional(),
  hours: z.number().optional(),
  policyFiles: z.array(z.string()).optional(),
  accessUntil: z.number().optional(),
  strike: z.strictObject({ expiresInDays: z.number() }).optional(),
  templateTitle: z.string().optional(),
  templateGround: z.string().optional(),
  templateBody: z.string().optional(),
  decisionGround: z.string().optional(),
  groundReference: z.string().optional(),
  groundExplanation: z.string().optional(),
  alsoIllegal: z.boolean().optional(),
  flaggerName: z.string().optional(),
  organisation: z.string().optional(),
  /** a misuse measure: the counts that justified it, derived by Warden at proposal */
  misuse: MisuseCountsSchema.optional(),
});

const verdict = z.strictObject({
  approvalId: z.number(),
  verdict: z.enum(['approve', 'reject']),
  approverRole: role,
  approverEmployment: z.enum(EMPLOYMENT),
  accessUntil: z.number().nullable(),
  decision,
});

/** What a close records of the policy's last word: with a check, its rules, version and approvals; an expiry has none. */
const closed = z.strictObject({
  state,
  rules: z.array(RecordedRule),
  policyVersion: z.string().optional(),
  approvals: counted.optional(),
  notCounted: notCounted.optional(),
});

export const ActionEvents = z.discriminatedUnion('action', [
  auditEvent('action.proposed', {
    subject,
    before: NONE,
    after: z.union([
      z.strictObject({
        kind,
        target,
        state,
        reasonCode: z.enum(REASON_CODES),
        params,
        effect,
        decision,
        requirements: z.array(z.string()),
        proposerRole: role.nullable(),
        /** the case it acts on, when it arose from one (absent: own initiative, or written before this was recorded) */
        caseId: z.number().optional(),
      }),
      // Warden's own: the restore that ends a suspension
      z.strictObject({
        kind: z.literal('restore'),
        target,
        state: z.literal('scheduled'),
        scheduledFor: z.number().nullable(),
        reverses: z.string(),
        restoreTo: accountState,
      }),
    ]),
  }),
  // the proposal the policy refused: about its target, since no action was made
  auditEvent('action.refused', {
    subject: target,
    before: NONE,
    after: z.strictObject({ kind, stage: z.literal('propose'), decision }),
  }),
  auditEvent('approval.given', { subject, before: NONE, after: verdict }),
  auditEvent('approval.rejected', { subject, before: NONE, after: verdict }),
  auditEvent('approval.refused', {
    subject,
    before: NONE,
    after: z.strictObject({ verdict: z.enum(['approve', 'reject']), decision, isProposer: z.boolean(), dependence: z.string().optional() }),
  }),
  auditEvent('approval.voided', { subject, before: NONE, after: z.strictObject({ approvalId: z.number(), approverId: z.string() }) }),
  auditEvent('action.rejected', { subject, before: fromState, after: z.strictObject({ state }) }),
  auditEvent('action.awaiting_approval', { subject, before: fromState, after: z.strictObject({ state, decision }) }),
  auditEvent('action.scheduled', {
    subject,
    before: fromState,
    after: z.strictObject({ state, scheduledFor: z.number().nullable(), approvals: counted }),
  }),
  auditEvent('action.executed', {
    subject,
    before: z.strictObject({ state, account: accountState.nullable() }),
    after: z.strictObject({
      state,
      kind,
      target,
      account: accountState.nullable(),
      executedBy: z.enum(['proposed', 'approval', 'schedule']),
      effect,
      /** the policy that allowed it; for change_policy, the set it put in force */
      policyVersion: z.string(),
      rules: z.array(RecordedRule),
      proposerRules: z.array(RecordedRule),
      approvals: counted,
      notCounted,
      // what it changed besides the account: the restore a suspension scheduled, or the guard
      reversal: z.string().optional(),
      tier: z.strictObject({ from: z.enum(TIERS), to: z.enum(TIERS) }).optional(),
      role: z.strictObject({ from: role, to: role }).optional(),
      access: z.strictObject({ from: z.number().nullable(), to: z.number() }).optional(),
      elevation: z.strictObject({ id: z.string(), role, endsAt: z.number() }).optional(),
      /** set_notice_template: the template it put in force, and what it replaced ('shipped', or the action that set it) */
      template: z.strictObject({ id: z.string(), replaced: z.string() }).optional(),
      /** set_decision_ground: the reason code whose ground it set, and what it replaced ('shipped', or the action that set it) */
      ground: z.strictObject({ reasonCode: z.string(), replaced: z.string() }).optional(),
      /** a reporter kind: the reporter's standing it left (src/reporters) */
      standing: StandingChangeSchema.optional(),
    }),
  }),
  auditEvent('action.delivered', {
    subject,
    before: fromState,
    after: z.strictObject({ state, applied: z.boolean(), attempts: z.number(), platformVersion: z.number() }),
  }),
  auditEvent('action.delivery_failed', { subject, before: fromState, after: z.strictObject({ state }) }),
  auditEvent('action.lapsed', { subject, before: fromState, after: z.strictObject({ state }) }),
  // closed by offboarding (its state only), or by the policy's re-check
  auditEvent('action.voided', { subject, before: fromState, after: z.union([closed, z.strictObject({ state })]) }),
  auditEvent('action.expired', { subject, before: fromState, after: closed }),
]);
export type ActionAuditEvent = z.infer<typeof ActionEvents>;
export type ActionEntry = AuditInput<ActionAuditEvent>;
export type RecordedRule = z.infer<typeof RecordedRule>;
/** What an action's event records, by action: `After<'action.executed'>`. */
export type After<A extends ActionAuditEvent['action']> = Extract<ActionAuditEvent, { action: A }>['after'];

const about = (actionId: string) => subjectOf('action', actionId);

/** What a proposal is about, in the words of its entries. */
interface Proposed {
  kind: ActionKind;
  targetId: string;
  reasonCode: ReasonCode;
  justification: string;
  caseId?: number | undefined;
}

/** The policy refused the proposal: written although its transaction rolls back (DomainError.auditOnRollback). */
export const actionRefused = (staff: Staff, p: Proposed, decision: Decision): ActionEntry => ({
  actor: staffActor(staff),
  action: 'action.refused',
  subject: { type: targetTypeOf(p.kind), id: p.targetId },
  before: null,
  after: { kind: p.kind, stage: 'propose', decision },
  reason: p.justification || null,
});

type ProposedAs = { state: ActionState; params: z.infer<typeof params>; effect: EffectFacts; decision: Decision; requirements: ApprovalRequirement[]; proposer: PrincipalFacts };

export const actionProposed = (staff: Staff, actionId: string, p: Proposed, o: ProposedAs): ActionEntry => proposedBy(staffActor(staff), actionId, p, o);

/** A suspension Warden suggests (an account's strikes reached the threshold): a person must approve it (src/strikes/suggestion.ts). */
export const suggestionProposed = (actionId: string, p: Proposed, o: ProposedAs): ActionEntry => proposedBy(SYSTEM, actionId, p, o);

const proposedBy = (actor: Actor, actionId: string, p: Proposed, o: ProposedAs): ActionEntry => ({
  actor,
  action: 'action.proposed',
  subject: about(actionId),
  before: null,
  after: {
    kind: p.kind,
    target: { type: targetTypeOf(p.kind), id: p.targetId },
    state: o.state,
    reasonCode: p.reasonCode,
    // a policy set is recorded by its file names (auditedParams, src/actions/any-params.ts); the files are in the action's row
    params: o.params,
    effect: o.effect,
    decision: o.decision,
    requirements: o.requirements.map((r) => r.text),
    proposerRole: o.proposer.type === 'Staff' ? o.proposer.role : null,
    ...(p.caseId === undefined ? {} : { caseId: p.caseId }),
  },
  reason: p.justification || null,
});

/** The restore a suspension schedules for its own end, proposed by Warden. */
export const reversalProposed = (actionId: string, suspension: Action, scheduledFor: number | null, restoreTo: AccountState): ActionEntry => ({
  actor: SYSTEM,
  action: 'action.proposed',
  subject: about(actionId),
  before: null,
  after: { kind: 'restore', target: { type: 'account', id: suspension.targetId }, state: 'scheduled', scheduledFor, reverses: suspension.id, restoreTo },
  reason: 'a suspension reverses itself when it ends',
});

/** The policy refused this person's verdict: written although its transaction rolls back. */
export const approvalRefused = (
  staff: Staff,
  actionId: string,
  o: { verdict: 'approve' | 'reject'; decision: Decision; isProposer: boolean; dependence: string | null },
  comment: string,
): ActionEntry => ({
  actor: staffActor(staff),
  action: 'approval.refused',
  subject: about(actionId),
  before: null,
  after: { verdict: o.verdict, decision: o.decision, isProposer: o.isProposer, ...(o.dependence ? { dependence: o.dependence } : {}) },
  reason: comment || null,
});

/** An approval or a rejection, with the role and employment the person gave it with. */
export const verdictGiven = (
  staff: Staff,
  actionId: string,
  o: { approvalId: number; verdict: 'approve' | 'reject'; approver: PrincipalFacts & { type: 'Staff' }; decision: Decision },
  comment: string,
): ActionEntry => ({
  actor: staffActor(staff),
  action: o.verdict === 'approve' ? 'approval.given' : 'approval.rejected',
  subject: about(actionId),
  before: null,
  after: {
    approvalId: o.approvalId,
    verdict: o.verdict,
    approverRole: o.approver.role,
    approverEmployment: o.approver.employment,
    accessUntil: staff.access.until,
    decision: o.decision,
  },
  reason: comment || null,
});

export const actionRejected = (staff: Staff, actionId: string, from: ActionState, state: ActionState, comment: string): ActionEntry => ({
  actor: staffActor(staff),
  action: 'action.rejected',
  subject: about(actionId),
  before: { state: from },
  after: { state },
  reason: comment || null,
});

/** Its proposer lost their access (offboarding, the window ended): the action stops where it is. */
export const actionVoidedWithProposer = (a: Pick<Action, 'id' | 'state'>, state: ActionState, reason: string): ActionEntry => ({
  actor: SYSTEM,
  action: 'action.voided',
  subject: about(a.id),
  before: { state: a.state },
  after: { state },
  reason,
});

export const approvalVoided = (approval: { id: number; actionId: string }, approverId: string, reason: string): ActionEntry => ({
  actor: SYSTEM,
  action: 'approval.voided',
  subject: about(approval.actionId),
  before: null,
  after: { approvalId: approval.id, approverId },
  reason,
});

/** The approvals that counted at a check, in the entries' form. */
const countedAt = (check: ExecutionCheck) => check.approvals.filter((a) => a.counts).map((a) => ({ id: a.approval.id, approverId: a.approval.approverId }));
/** The approvals that did not count at a check, and why (what `explain` shows later). */
const notCountedAt = (check: ExecutionCheck) =>
  check.approvals.filter((a) => !a.counts).map((a) => ({ id: a.approval.id, approverId: a.approval.approverId, why: a.why }));

/** An approved or scheduled action whose approvals no longer suffice waits for more. */
export const approvalsLapsed = (action: Action, state: ActionState, check: ExecutionCheck): ActionEntry => ({
  actor: SYSTEM,
  action: 'action.awaiting_approval',
  subject: about(action.id),
  before: { state: action.state },
  after: { state, decision: check.execute },
  reason: 'approvals no longer sufficient',
});

export const actionScheduled = (action: Action, state: ActionState, check: ExecutionCheck): ActionEntry => ({
  actor: SYSTEM,
  action: 'action.scheduled',
  subject: about(action.id),
  before: { state: action.state },
  after: { state, scheduledFor: action.scheduledFor, approvals: countedAt(check) },
});

/** What an execution changed besides the account's status: the restore a suspension scheduled, or the guard. */
export type ExecutedChange = Omit<After<'action.executed'>, 'state' | 'kind' | 'target' | 'account' | 'executedBy' | 'effect' | 'rules' | 'proposerRules' | 'approvals' | 'notCounted' | 'policyVersion'> & {
  /** change_policy: the set it put in force, recorded in the entry's policy version */
  policyVersion?: string;
};

export const actionExecuted = (
  action: Action,
  o: { state: ActionState; check: ExecutionCheck; trigger: 'proposed' | 'approval' | 'schedule'; prior: AccountState | null; result: AccountState | null; changed: ExecutedChange },
): ActionEntry => ({
  actor: action.proposer.kind === 'system' ? SYSTEM : { kind: 'staff', id: action.proposer.id },
  action: 'action.executed',
  subject: about(action.id),
  before: { state: action.state, account: o.prior },
  after: {
    state: o.state,
    kind: action.kind,
    target: { type: action.targetType, id: action.targetId },
    account: o.result,
    executedBy: o.trigger,
    effect: o.check.effect,
    policyVersion: o.check.policyVersion,
    rules: o.check.execute.rules,
    proposerRules: o.check.proposer.rules,
    approvals: countedAt(o.check),
    notCounted: notCountedAt(o.check),
    ...o.changed,
  },
  reason: action.justification || null,
});

/** Voided by the policy's re-check, or expired unapproved: with the check's rules and approvals when there was one. */
export const actionClosed = (action: Action, event: 'void' | 'expire', state: ActionState, reason: string, check?: ExecutionCheck): ActionEntry => ({
  actor: SYSTEM,
  action: event === 'void' ? 'action.voided' : 'action.expired',
  subject: about(action.id),
  before: { state: action.state },
  after: {
    state,
    rules: check ? [...check.proposer.rules, ...check.execute.rules] : [],
    ...(check ? { policyVersion: check.policyVersion, approvals: countedAt(check), notCounted: notCountedAt(check) } : {}),
  },
  reason,
});

/** What the platform answered a delivery with. */
export type Delivery = Omit<After<'action.delivered'>, 'state'>;

export const actionDelivered = (actionId: string, from: ActionState, state: ActionState, detail: Delivery): ActionEntry => ({
  actor: SYSTEM,
  action: 'action.delivered',
  subject: about(actionId),
  before: { state: from },
  after: { state, ...detail },
});

export const actionDeliveryFailed = (actionId: string, from: ActionState, state: ActionState, error: string): ActionEntry => ({
  actor: SYSTEM,
  action: 'action.delivery_failed',
  subject: about(actionId),
  before: { state: from },
  after: { state },
  reason: error,
});

/** Its effect was over before its turn to reach the platform came: never sent. */
export const actionLapsed = (actionId: string, from: ActionState, state: ActionState, reason: string): ActionEntry => ({
  actor: SYSTEM,
  action: 'action.lapsed',
  subject: about(actionId),
  before: { state: from },
  after: { state },
  reason,
});
