/**
 * Proposals and approvals. Every step asks the policy first (the same Cedar
 * set that will be asked again when the action takes effect), and every step
 * writes its audit entry in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import { MAX_SCHEDULE_AHEAD_MS } from '../bounds.js';
import { DomainError, conflict, forbidden, invalidInput } from '../errors.js';
import type { ApprovalRequirement, Decision, DecisionRequest } from '../policy/model.js';
import type { PolicyService } from '../policy/service.js';
import type { Staff } from '../staff/model.js';
import { dependenceOf, dependencies } from '../staff/independence.js';
import type { ActionBrief } from './brief-model.js';
import { briefActions } from './brief.js';
import type { Executor } from './execution.js';
import { decisionContext, followersOf, hourlyFollowers, principalFacts, resourceFacts } from './facts.js';
import { anyParams, auditedParams, grantedRoleOf } from './any-params.js';
import { type KindParams, targetTypeOf } from './kinds.js';
import { strikeRefusal } from '../strikes/model.js';
import { misuseCountsOf } from '../reporters/store.js';
import { type ActionState, DEFAULT_APPROVAL_TTL_MS, DEFAULT_PROPOSAL_TTL_MS, isAwaiting, isDestructive, isPending, nextActionState } from './model.js';
import { type Proposal, proposedParams } from './proposal.js';
import { effectOn } from './effect.js';
import { lockAccount } from '../accounts/lock.js';
import {
  type Action,
  type ActionListing,
  type Approval,
  actionById,
  approvalsOf,
  awaitingVerdictOf,
  deleteApproval,
  insertAction,
  insertApproval,
  listActions,
  lockAction,
  pendingActionsOf,
  unvoidedVerdictsBy,
  updateAction,
  verdictBy,
  voidApprovals,
} from './store.js';
import { toJson } from '../db/json.js';
import {
  type ActionAuditEvent,
  actionProposed,
  actionRefused,
  actionRejected,
  actionVoidedWithProposer,
  approvalRefused,
  approvalVoided,
  verdictGiven,
} from './events.js';

export interface Preview {
  decision: Decision;
  requirements: ApprovalRequirement[];
  /** one line for a person: what the policy will demand */
  summary: string;
}

/** "denied by contractor-no-destructive-on-protected: contractors may not …" */
export function denialMessage(stage: string, d: Decision): string {
  const why = d.rules.filter((r) => r.effect === 'forbid').map((r) => `${r.id}: ${r.reason}`);
  return `policy denies ${stage}: ${why.join('; ') || 'no rule permits it'}`;
}

export class ActionService {
  constructor(
    private readonly audit: AuditAppender<ActionAuditEvent>,
    private readonly policy: PolicyService,
    private readonly executor: Executor,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Work a proposal needs that must not run inside its transaction: a
   * change_policy's set compiled and verified (seconds, on a worker thread),
   * so the store is not held meanwhile. Only for a proposer the policy lets
   * propose it; `propose` asks again, and finds the answer remembered.
   */
  async precheck(db: Db, staff: Staff, p: Proposal): Promise<void> {
    if (p.kind !== 'change_policy') return;
    const engine = await this.policy.current(db);
    const { req } = await this.proposeRequest(db, staff, p, this.clock.now());
    // a refusal is propose's to make and audit
    if (engine.decide(req).allowed) await this.policy.compileChecked(p.policyFiles);
  }

  /** What proposing this would meet, asked of the policy in force, before anything is written. */
  async preview(db: Db, staff: Staff, p: Proposal): Promise<Preview> {
    const now = this.clock.now();
    const engine = await this.policy.current(db);
    const { req } = await this.proposeRequest(db, staff, p, now);
    const decision = engine.decide(req);
    const requirements = decision.allowed ? engine.requiredApprovals({ principal: req.principal, resource: req.resource, context: req.context }) : [];
    const summary = !decision.allowed
      ? denialMessage('propose', decision)
      : requirements.length === 0
        ? 'no approval needed: takes effect when submitted'
        : requirements.map((r) => r.text).join('; ');
    return { decision, requirements, summary };
  }

  /** The question `propose` asks, with what the action would do to its target now. */
  private async proposeRequest(db: Db, staff: Staff, p: Proposal, now: number): Promise<{ req: DecisionRequest; kp: KindParams }> {
    const targetType = targetTypeOf(p.kind);
    // every id the body names must name something that exists, before anything is judged (or stored)
    const resource = await resourceFacts(db, targetType, p.targetId, now).catch((err: unknown) => {
      throw err instanceof DomainError && err.code === 'not_found' ? invalidInput([{ path: 'targetId', message: err.message }]) : err;
    });
    if (p.caseId !== undefined) await this.requireCaseOf(db, p);
    const principal = await principalFacts(db, staff, now);
    const kp = await this.paramsOf(db, p);
    const strikeRefused = resource.type === 'Account' && anyParams(kp).strike ? strikeRefusal(resource.tier) : null;
    if (strikeRefused) throw invalidInput([{ path: 'strike', message: strikeRefused }]);
    const effect = await effectOn(db, kp, resource, now);
    // what the action does decides whether it must be justified in writing, not what it is called
    if (isDestructive(p.kind, effect) && p.justification.trim().length < 10) {
      throw new DomainError('invalid_input', `this ${p.kind} takes the account to ${effect.toStatus}: it needs a written justification`, {
        fields: [{ path: 'justification', message: `a ${p.kind} to ${effect.toStatus} needs a written justification (at least 10 characters)` }],
      });
    }
    const hourly = (await hourlyFollowers(db, staff.id, now)) + followersOf(resource, p.kind);
    const context = decisionContext(p.kind, effect, { frozen: await this.policy.isFrozen(db), hourlyFollowers: hourly, grantedRole: grantedRoleOf(kp) });
    return { req: { stage: 'propose', principal, resource, context }, kp };
  }

  async propose(tx: Db, staff: Staff, p: Proposal): Promise<Action> {
    // before the account's state (or, for a restore, its last change) is read: see src/accounts/lock.ts
    if (targetTypeOf(p.kind) === 'account' && p.targetId !== undefined) await lockAccount(tx, p.targetId);
    const now = this.clock.now();
    const engine = await this.policy.current(tx);
    const { req, kp } = await this.proposeRequest(tx, staff, p, now);
    const decision = engine.decide(req);
    if (!decision.allowed) {
      const err = forbidden(denialMessage('propose', decision), { decision });
      err.auditOnRollback = (db) => this.audit.append(db, actionRefused(staff, p, decision));
      throw err;
    }
    if (p.scheduledFor !== undefined && p.scheduledFor < now - 60_000) {
      throw new DomainError('invalid_input', 'scheduledFor is in the past', { fields: [{ path: 'scheduledFor', message: 'must not be in the past' }] });
    }
    if (p.scheduledFor !== undefined && p.scheduledFor > now + MAX_SCHEDULE_AHEAD_MS) {
      throw invalidInput([{ path: 'scheduledFor', message: `must be at most ${MAX_SCHEDULE_AHEAD_MS / 86_400_000} days ahead` }]);
    }
    // on a worker thread: a large set or the invariant verifier never stalls the server
    if (kp.kind === 'change_policy') await this.policy.compileChecked(kp.params.policyFiles);
    const requirements = engine.requiredApprovals({ principal: req.principal, resource: req.resource, context: req.context });
    const id = `act_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const state = nextActionState('proposed', { type: 'submit', needsApproval: requirements.length > 0 });
    await insertAction(tx, {
      id,
      kind: p.kind,
      target_type: targetTypeOf(p.kind),
      target_id: p.targetId,
      case_id: p.caseId ?? null,
      reason_code: p.reasonCode,
      justification: p.justification,
      params: JSON.stringify(kp.params),
      state,
      proposer_kind: 'staff',
      proposer_id: staff.id,
      proposed_at: now,
      scheduled_for: p.scheduledFor ?? null,
      expires_at: now + DEFAULT_PROPOSAL_TTL_MS,
      reverses_action_id: null,
      policy_version: engine.version,
      last_decision: toJson(decision),
      followers: followersOf(req.resource, p.kind),
    });
    await this.audit.append(tx, actionProposed(staff, id, p, { state, params: auditedParams(kp), effect: req.context.effect, decision, requirements, proposer: req.principal }));
    if (state === 'approved') return this.executor.advance(tx, id, 'proposed');
    return this.executor.moved(tx, id, 'awaiting_approval');
  }

  /** The case shown to approvers as the reason for an action must be about its target: no borrowed reports. */
  private async requireCaseOf(db: Db, p: Proposal): Promise<void> {
    const kase = await db.selectFrom('cases').select(['account_id']).where('id', '=', p.caseId!).executeTakeFirst();
    const why = !kase
      ? `case ${p.caseId} does not exist`
      : targetTypeOf(p.kind) !== 'account'
        ? `a ${p.kind} is not about an account; it takes no case`
        : kase.account_id !== p.targetId
          ? `case ${p.caseId} is about ${kase.account_id}, not ${p.targetId}`
          : null;
    if (why) throw new DomainError('invalid_input', why, { fields: [{ path: 'caseId', message: why }] });
  }

  /** What each action's approver needs to see, in one batch of queries (see brief.ts). */
  async briefs(db: Db, viewer: Staff, actions: Action[]): Promise<Map<string, ActionBrief>> {
    return briefActions(db, { policy: this.policy }, viewer, actions, this.clock.now());
  }

  /** The kind's parameters as the store keeps them: a restore names the change it undoes and the state it returns to. */
  private async paramsOf(db: Db, p: Proposal): Promise<KindParams> {
    const proposed = proposedParams(p);
    // a misuse measure rests on the reporter's record as Warden reads it now, never on counts a proposer sent
    if (proposed.kind === 'warn_reporter' || proposed.kind === 'suspend_reporting') {
      return { kind: proposed.kind, params: { ...proposed.params, misuse: await misuseCountsOf(db, p.targetId, this.clock.now()) } } as KindParams;
    }
    if (proposed.kind !== 'restore') return proposed;
    const undo = await this.executor.actionToRestore(db, p.targetId, proposed.params.restoresActionId);
    return { kind: 'restore', params: { restoresActionId: undo.id, restoreTo: undo.priorState! } };
  }

  /** It would take its target account out of service (or keep it out longer) if it took effect now. */
  async isDestructive(db: Db, a: Proposal | Action): Promise<boolean> {
    const kp = 'params' in a ? a : await this.paramsOf(db, a);
    const resource = await resourceFacts(db, targetTypeOf(a.kind), a.targetId, this.clock.now());
    return isDestructive(a.kind, await effectOn(db, kp, resource, this.clock.now()));
  }

  /** Approve or reject. The approver is asked of the policy now, and again when the action executes. */
  async decide(tx: Db, staff: Staff, actionId: string, verdict: 'approve' | 'reject', comment: string): Promise<Action> {
    const now = this.clock.now();
    const action = await this.lock(tx, actionId);
    if (action.targetType === 'account') await lockAccount(tx, action.targetId);
    // Warden's own scheduled work (a suspension ending) is not anyone's to veto; what it suggests (strikes) is a person's to decide
    if (action.proposer.kind === 'system' && action.reversesActionId !== null) throw new DomainError('invalid_transition', `action ${actionId} is Warden's own (${action.reasonCode}); it takes no verdicts`);
    if (!isAwaiting(action.state)) {
      throw new DomainError('invalid_transition', `action ${actionId} is ${action.state.replace('_', ' ')}; it takes no more approvals`, { state: action.state });
    }
    const engine = await this.policy.current(tx);
    const principal = await principalFacts(tx, staff, now);
    const resource = await resourceFacts(tx, action.targetType, action.targetId, now);
    const isProposer = action.proposer.kind === 'staff' && action.proposer.id === staff.id;
    const effect = await effectOn(tx, action, resource, now);
    // null when independent of the proposer; else the sentence why not
    const dependence = await dependenceOf(tx, staff.id, action.proposer.id, now);
    const context = decisionContext(action.kind, effect, { frozen: await this.policy.isFrozen(tx), isProposer, approverDependent: dependence !== null, grantedRole: grantedRoleOf(action) });
    const decision = engine.decide({ stage: 'approve', principal, resource, context });
    if (!decision.allowed) {
      const proposerNote = isProposer ? '; the proposer cannot approve their own action' : '';
      const dependenceNote = dependence ? `; not independent of the proposer: ${dependence}` : '';
      const err = forbidden(`${denialMessage('approve', decision)}${proposerNote}${dependenceNote}`, { decision, ...(dependence ? { dependence } : {}) });
      err.auditOnRollback = (db) => this.audit.append(db, approvalRefused(staff, actionId, { verdict, decision, isProposer, dependence }, comment));
      throw err;
    }
    const existing = await verdictBy(tx, actionId, staff.id);
    if (existing && existing.voidedAt === null) throw conflict(`${staff.id} has already given a verdict on action ${actionId}; a second approval by the same person does not count`, { approvalId: existing.id });
    if (existing) await deleteApproval(tx, existing.id);
    const approvalId = await insertApproval(tx, {
      action_id: actionId, approver_id: staff.id, verdict, comment, at: now, expires_at: now + DEFAULT_APPROVAL_TTL_MS, voided_at: null, voided_reason: null,
    });
    await this.audit.append(tx, verdictGiven(staff, actionId, { approvalId, verdict, approver: principal, decision }, comment));
    if (verdict === 'reject') {
      const state = nextActionState(action.state, { type: 'reject' });
      await this.setState(tx, actionId, state, `rejected by ${staff.id}: ${comment}`);
      await this.audit.append(tx, actionRejected(staff, actionId, action.state, state, comment));
      return this.executor.moved(tx, actionId, 'rejected');
    }
    return this.executor.advance(tx, actionId, 'approval');
  }

  get(db: Db, id: string): Promise<Action> {
    return actionById(db, id);
  }

  approvals(db: Db, actionId: string): Promise<Approval[]> {
    return approvalsOf(db, actionId);
  }

  list(db: Db, opts: ActionListing): Promise<Action[]> {
    return listActions(db, opts);
  }

  /** Proposals this person could approve right now: awaiting, not theirs, allowed by policy. */
  async inbox(db: Db, staff: Staff): Promise<Action[]> {
    const now = this.clock.now();
    const awaiting = await awaitingVerdictOf(db, staff.id);
    const engine = await this.policy.current(db);
    const principal = await principalFacts(db, staff, now);
    const frozen = await this.policy.isFrozen(db);
    // whose proposals this person is not independent of: asked once, for every row
    const dependsOn = await dependencies(db, staff.id, now);
    const out: Action[] = [];
    for (const a of awaiting) {
      const resource = await resourceFacts(db, a.targetType, a.targetId, now);
      const effect = await effectOn(db, a, resource, now);
      const approverDependent = a.proposer.kind === 'staff' && dependsOn.on(a.proposer.id) !== null;
      if (engine.decide({ stage: 'approve', principal, resource, context: decisionContext(a.kind, effect, { frozen, approverDependent, grantedRole: grantedRoleOf(a) }) }).allowed) out.push(a);
    }
    return out;
  }

  /**
   * Of `candidates`, those in whose inbox the action stands right now: the
   * inbox's question turned round (not the proposer, independent of them,
   * allowed by the policy in force to approve it).
   */
  async approversOf(db: Db, action: Action, candidates: readonly Staff[]): Promise<Staff[]> {
    if (!isAwaiting(action.state)) return [];
    const now = this.clock.now();
    const engine = await this.policy.current(db);
    const frozen = await this.policy.isFrozen(db);
    const resource = await resourceFacts(db, action.targetType, action.targetId, now);
    const effect = await effectOn(db, action, resource, now);
    const out: Staff[] = [];
    for (const s of candidates) {
      if (action.proposer.kind === 'staff' && action.proposer.id === s.id) continue;
      const principal = await principalFacts(db, s, now);
      const approverDependent = (await dependenceOf(db, s.id, action.proposer.id, now)) !== null;
      const context = decisionContext(action.kind, effect, { frozen, approverDependent, grantedRole: grantedRoleOf(action) });
      if (engine.decide({ stage: 'approve', principal, resource, context }).allowed) out.push(s);
    }
    return out;
  }

  private lock(tx: Db, id: string): Promise<Action> {
    return lockAction(tx, this.dialect, id);
  }

  private async setState(tx: Db, id: string, state: ActionState, closedReason: string | null) {
    await updateAction(tx, id, { state, closed_reason: closedReason }, this.clock.now());
  }

  /** Offboarding and access ending: everything of this person's that could still take effect stops. */
  async voidPendingWorkOf(tx: Db, staffId: string, reason: string): Promise<{ actions: string[]; approvals: number[] }> {
    const now = this.clock.now();
    const pending = await pendingActionsOf(tx, staffId);
    for (const a of pending) {
      const state = nextActionState(a.state, { type: 'void' });
      await this.setState(tx, a.id, state, reason);
      await this.audit.append(tx, actionVoidedWithProposer(a, state, reason));
      await this.executor.moved(tx, a.id, 'voided');
    }
    const approvals = await unvoidedVerdictsBy(tx, staffId);
    const live = approvals.filter((a) => isPending(a.state));
    if (live.length > 0) {
      await voidApprovals(tx, live.map((a) => a.id), now, reason);
      await this.audit.appendMany(tx, live.map((a) => approvalVoided(a, staffId, reason)));
      // an action that had enough approvals may no longer have them
      for (const a of live) await this.executor.recount(tx, a.actionId);
    }
    return { actions: pending.map((p) => p.id), approvals: live.map((a) => a.id) };
  }
}
