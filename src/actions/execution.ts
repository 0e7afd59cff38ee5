/**
 * Taking effect. Whether at once, by schedule, or when a suspension ends by
 * itself, an action executes only if the policy in force allows it at that
 * instant: the proposer is asked again with their state now, and only the
 * approvals that still count (distinct people, not the proposer, unexpired,
 * approvers whose own access is valid now) are handed to the `execute` rules.
 */
import { randomUUID } from 'node:crypto';
import type { AccountService } from '../accounts/service.js';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import { DomainError } from '../errors.js';
import type { PlatformActionRequest } from '../platform/adapter.js';
import { enqueue } from '../platform/outbox.js';
import type { ApprovalRequirement, Decision, EffectFacts, PrincipalFacts } from '../policy/model.js';
import type { PolicyService } from '../policy/service.js';
import type { NoticeService } from '../notices/service.js';
import type { StatementService } from '../statements/service.js';
import type { ReporterService } from '../reporters/service.js';
import { countByRole, decisionContext, followersOf, hourlyFollowers, principalFacts, resourceFacts } from './facts.js';
import { staffById } from '../staff/store.js';
import { accountStatus } from '../accounts/store.js';
import { grantedRoleOf } from './any-params.js';
import { ENFORCEMENT, type Enforcing, isEnforcing } from './kinds.js';
import { type AccountState, type ActionState, isAwaiting, nextActionState } from './model.js';
import { effectOn, resultOf } from './effect.js';
import { applyGuardChange } from './guard-changes.js';
import { dependenceOf, dependentAmong } from '../staff/independence.js';
import {
  type Action,
  type ActionBase,
  type ActionChange,
  type Approval,
  actionById,
  approvalsOf,
  dueActionIds,
  insertAction,
  latestRestorableChange,
  lockAction,
  staleProposalIds,
  updateAction,
} from './store.js';
import {
  type ActionAuditEvent,
  type Delivery,
  type ExecutedChange,
  actionClosed,
  actionDelivered,
  actionDeliveryFailed,
  actionExecuted,
  actionLapsed,
  actionScheduled,
  approvalsLapsed,
  reversalProposed,
} from './events.js';
import { instantText } from '../bounds.js';
import { lockAccount } from '../accounts/lock.js';
import { toJson } from '../db/json.js';

export interface ApprovalVerdict {
  approval: Approval;
  counts: boolean;
  why: string;
}

/** Everything the policy said about an action at one instant: what `explain` shows. */
export interface ExecutionCheck {
  at: number;
  policyVersion: string;
  /** what the action would do to its target at this instant: what the rules judged */
  effect: EffectFacts;
  proposer: Decision;
  execute: Decision;
  approvals: ApprovalVerdict[];
  allowed: boolean;
  /** what the policy demands of approvals for this action, and what is still missing */
  requirements: ApprovalRequirement[];
  missing: string | null;
}

/** Work another concept owes when an action executes, in the same transaction (a strike recorded, an appeal's reversal done). */
export type OnExecuted = (tx: Db, action: Action) => Promise<void>;

/** Where a proposal got to that someone is waiting to hear of: it awaits approvals, or is decided one way or another. */
export type ActionMove = 'awaiting_approval' | 'approved' | 'rejected' | 'executed' | 'voided' | 'expired';
/** Told in the move's transaction (staff notifications: an outbox row commits with it). */
export type OnMoved = (tx: Db, action: Action, move: ActionMove) => Promise<void>;

export class Executor {
  private readonly onExecuted: OnExecuted[] = [];
  private readonly onMoved: OnMoved[] = [];

  constructor(
    private readonly audit: AuditAppender<ActionAuditEvent>,
    private readonly accounts: AccountService,
    private readonly policy: PolicyService,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    private readonly notices: NoticeService,
    private readonly statements: StatementService,
    private readonly reporters: ReporterService,
  ) {}

  whenExecuted(fn: OnExecuted): void {
    this.onExecuted.push(fn);
  }

  whenMoved(fn: OnMoved): void {
    this.onMoved.push(fn);
  }

  /** Tell the listeners where the action got to, in the caller's transaction; returns the action as it stands. */
  async moved(tx: Db, actionId: string, move: ActionMove): Promise<Action> {
    const action = await this.get(tx, actionId);
    for (const fn of this.onMoved) await fn(tx, action, move);
    return action;
  }

  /** Ask the policy, now, whether this action may take effect. Writes nothing. */
  async check(db: Db, action: Action): Promise<ExecutionCheck> {
    const now = this.clock.now();
    const engine = await this.policy.current(db);
    const frozen = await this.policy.isFrozen(db);
    const resource = await resourceFacts(db, action.targetType, action.targetId, now);
    const automatic = action.proposer.kind === 'system';
    const grantedRole = grantedRoleOf(action);
    let proposerFacts: PrincipalFacts;
    if (automatic) proposerFacts = { type: 'System', id: 'warden' };
    else proposerFacts = await principalFacts(db, await staffById(db, action.proposer.id), now);
    const hourly = automatic ? 0 : (await hourlyFollowers(db, action.proposer.id, now, action.id)) + followersOf(resource, action.kind);
    // what it would do now, from the account as it is now: what every rule below judges
    const effect = await effectOn(db, action, resource, now);
    const context = (over: Parameters<typeof decisionContext>[2]) => decisionContext(action.kind, effect, over);
    const proposer = engine.decide({ stage: 'propose', principal: proposerFacts, resource, context: context({ frozen, hourlyFollowers: hourly, automatic, grantedRole }) });

    const approvals: ApprovalVerdict[] = [];
    const counted: PrincipalFacts[] = [];
    for (const approval of await approvalsOf(db, action.id)) {
      if (approval.verdict !== 'approve') continue;
      if (approval.voidedAt !== null) {
        approvals.push({ approval, counts: false, why: `voided: ${approval.voidedReason ?? ''}` });
        continue;
      }
      if (approval.expiresAt <= now) {
        approvals.push({ approval, counts: false, why: `expired at ${instantText(approval.expiresAt)}` });
        continue;
      }
      if (!automatic && approval.approverId === action.proposer.id) {
        approvals.push({ approval, counts: false, why: 'the proposer cannot approve their own action' });
        continue;
      }
      const approver = await principalFacts(db, await staffById(db, approval.approverId), now);
      // independence is judged now: a dependence that arose after the approval was given still counts against it
      const dependence = automatic ? null : await dependenceOf(db, approval.approverId, action.proposer.id, now);
      const d = engine.decide({ stage: 'approve', principal: approver, resource, context: context({ frozen, isProposer: false, approverDependent: dependence !== null, grantedRole }) });
      if (!d.allowed) {
        const why = d.rules.map((r) => `${r.id}: ${r.reason}`).join('; ') || 'the approver may no longer approve this';
        approvals.push({ approval, counts: false, why: dependence ? `${why} — ${dependence}` : why });
        continue;
      }
      // two approvals count as two people only if neither made the other: an admin and the lead she made are one
      const twin = await dependentAmong(db, approval.approverId, counted, now);
      if (twin) {
        approvals.push({ approval, counts: false, why: `not independent of ${twin.id}, whose approval already counts — ${twin.why}` });
        continue;
      }
      approvals.push({ approval, counts: true, why: `counts as ${approver.type === 'Staff' ? approver.role : 'system'}` });
      counted.push(approver);
    }
    const execute = engine.decide({
      stage: 'execute',
      principal: proposerFacts,
      resource,
      context: context({ frozen, hourlyFollowers: hourly, automatic, grantedRole, approvals: countByRole(counted) }),
    });
    const allowed = proposer.allowed && execute.allowed;
    // deriving requirements asks the policy dozens of questions: only when something is missing
    const requirements = allowed ? [] : engine.requiredApprovals({ principal: proposerFacts, resource, context: context({ frozen, hourlyFollowers: hourly, automatic, grantedRole }) });
    return { at: now, policyVersion: engine.version, effect, proposer, execute, approvals, allowed, requirements, missing: allowed ? null : describeMissing(proposer, execute, requirements, counted) };
  }

  /**
   * Move an action as far as the policy allows now: execute it if it is due
   * and allowed, schedule it if it is allowed but not yet due, void it if its
   * proposer may no longer propose it, or leave it waiting for approvals.
   */
  async advance(tx: Db, actionId: string, trigger: 'proposed' | 'approval' | 'schedule'): Promise<Action> {
    const action = await this.lock(tx, actionId);
    if (!isAwaiting(action.state)) return action;
    // before anything reads the account's state: see src/accounts/lock.ts (lock order: action, then account)
    if (action.targetType === 'account') await lockAccount(tx, action.targetId);
    const now = this.clock.now();
    const check = await this.check(tx, action);
    if (!check.proposer.allowed) {
      const reason = `policy re-check at execution: ${check.proposer.rules.map((r) => `${r.id}: ${r.reason}`).join('; ') || 'no rule permits it'}`;
      return this.close(tx, action, 'void', reason, check);
    }
    if (!check.execute.allowed) {
      if (action.state !== 'awaiting_approval') {
        const state = nextActionState(action.state, { type: 'approvals_lapsed' });
        await this.update(tx, action.id, { state, last_decision: toJson(check.execute) });
        await this.audit.append(tx, approvalsLapsed(action, state, check));
      } else {
        await this.update(tx, action.id, { last_decision: toJson(check.execute) });
      }
      return this.get(tx, action.id);
    }
    if (action.scheduledFor !== null && action.scheduledFor > now) {
      if (action.state !== 'scheduled') {
        const state = nextActionState(action.state, { type: 'approvals_met', scheduled: true });
        await this.update(tx, action.id, { state, last_decision: toJson(check.execute) });
        await this.audit.append(tx, actionScheduled(action, state, check));
        return this.moved(tx, action.id, 'approved');
      }
      return this.get(tx, action.id);
    }
    let from: ActionState = action.state;
    if (from === 'awaiting_approval') from = nextActionState(from, { type: 'approvals_met', scheduled: false });
    return this.execute(tx, { ...action, state: from }, check, trigger);
  }

  /** After approvals were voided: an approved or scheduled action may fall back to waiting. */
  async recount(tx: Db, actionId: string): Promise<void> {
    const action = await this.get(tx, actionId);
    if (action.state === 'approved' || action.state === 'scheduled') await this.advance(tx, actionId, 'schedule');
  }

  private async execute(tx: Db, action: Action, check: ExecutionCheck, trigger: 'proposed' | 'approval' | 'schedule'): Promise<Action> {
    const now = this.clock.now();
    const state = nextActionState(action.state, { type: 'execute' });
    let prior: AccountState | null = null;
    let result: AccountState | null = null;
    let changed: ExecutedChange = {};

    if (isEnforcing(action)) {
      prior = await accountStatus(tx, action.targetId);
      if (action.reversesActionId) {
        // a suspension ending by itself undoes only what it did: if the account has moved on since, leave it
        const reversed = await this.get(tx, action.reversesActionId);
        if (!reversed.resultState || reversed.resultState.status !== prior.status || reversed.resultState.statusUntil !== prior.statusUntil) {
          return this.close(tx, action, 'void', `superseded: the account is ${prior.status} since a later change`, check);
        }
      }
      result = await resultOf(tx, action, action.targetId, prior, now);
      if (result.status !== prior.status || result.statusUntil !== prior.statusUntil) {
        await this.accounts.applyStatusChange(tx, action.proposer, action.targetId, prior.status, result, now, `action ${action.id} (${action.kind})`);
      }
      await enqueue(tx, now, { kind: 'platform_action', key: action.id, payload: { actionId: action.id, request: platformRequest(action, result) } });
      if (ENFORCEMENT[action.kind].endsItself) changed = { reversal: await this.scheduleReversal(tx, action, prior, result) };
    } else {
      changed = await applyGuardChange(tx, action, now, { accounts: this.accounts, policy: this.policy, notices: this.notices, statements: this.statements, reporters: this.reporters });
    }

    await this.update(tx, action.id, {
      state,
      executed_at: now,
      prior_state: prior ? toJson(prior) : null,
      result_state: result ? toJson(result) : null,
      last_decision: toJson(check.execute),
      policy_version: check.policyVersion,
    });
    await this.audit.append(tx, actionExecuted(action, { state, check, trigger, prior, result, changed }));
    // the owner is told in the same transaction: exactly one notice per executed enforcement (src/notices)
    if (isEnforcing(action) && prior && result) await this.notices.enforcementExecuted(tx, action, prior, result, now);
    const executed = await this.get(tx, action.id);
    // and the public record: exactly one statement of reasons per executed restriction (src/statements)
    await this.statements.recordFor(tx, executed);
    for (const fn of this.onExecuted) await fn(tx, executed);
    return this.moved(tx, action.id, 'executed');
  }

  private async scheduleReversal(tx: Db, action: Action, prior: AccountState, result: AccountState): Promise<string> {
    const id = `act_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const now = this.clock.now();
    await insertAction(tx, {
      id,
      kind: 'restore',
      target_type: 'account',
      target_id: action.targetId,
      case_id: action.caseId,
      reason_code: 'suspension_ended',
      justification: `suspension ${action.id} ends`,
      params: JSON.stringify({ restoresActionId: action.id, restoreTo: prior }),
      state: 'scheduled',
      proposer_kind: 'system',
      proposer_id: 'warden',
      proposed_at: now,
      scheduled_for: result.statusUntil,
      expires_at: (result.statusUntil ?? now) + 365 * 86_400_000,
      reverses_action_id: action.id,
      policy_version: action.policyVersion,
      last_decision: null,
      followers: 0,
    });
    await this.audit.append(tx, reversalProposed(id, action, result.statusUntil, prior));
    return id;
  }

  private async close(tx: Db, action: Action, event: 'void' | 'expire', reason: string, check?: ExecutionCheck): Promise<Action> {
    const state = nextActionState(action.state, { type: event });
    await this.update(tx, action.id, { state, closed_reason: reason, ...(check ? { last_decision: toJson(check.proposer.allowed ? check.execute : check.proposer) } : {}) });
    await this.audit.append(tx, actionClosed(action, event, state, reason, check));
    return this.moved(tx, action.id, event === 'void' ? 'voided' : 'expired');
  }

  /** The scheduler's work: due actions execute (after their re-check); stale proposals expire. */
  async dueActionIds(db: Db, limit = 100): Promise<string[]> {
    const now = this.clock.now();
    return dueActionIds(db, now, limit);
  }

  /** Each stale proposal is locked and checked again before it expires: a racing sweep or approval never sees it closed twice. */
  async expireStale(tx: Db): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    for (const id of await staleProposalIds(tx, now)) {
      const action = await this.lock(tx, id);
      if (action.state !== 'awaiting_approval' || action.expiresAt > now) continue;
      await this.close(tx, action, 'expire', 'not approved in time');
      expired++;
    }
    return expired;
  }

  /** The most recent executed change on the account (or the one named): its prior state is what restore returns to. */
  async actionToRestore(db: Db, accountId: string, actionId?: string): Promise<Action> {
    const change = await latestRestorableChange(db, accountId, actionId);
    if (!change) {
      throw new DomainError('invalid_input', actionId ? `action ${actionId} is not an executed change on account ${accountId}` : `account ${accountId} has no executed change to restore`, {
        fields: [{ path: actionId ? 'restoresActionId' : 'targetId', message: 'nothing to restore' }],
      });
    }
    return change;
  }

  async markDelivered(tx: Db, actionId: string, detail: Delivery): Promise<void> {
    const action = await this.lock(tx, actionId);
    if (action.state !== 'executed') return;
    const state = nextActionState(action.state, { type: 'deliver' });
    await this.update(tx, actionId, { state, delivered_at: this.clock.now() });
    await this.audit.append(tx, actionDelivered(actionId, action.state, state, detail));
  }

  async markFailed(tx: Db, actionId: string, error: string): Promise<void> {
    const action = await this.lock(tx, actionId);
    if (action.state !== 'executed') return;
    const state = nextActionState(action.state, { type: 'fail' });
    await this.update(tx, actionId, { state, closed_reason: `delivery failed: ${error}` });
    await this.audit.append(tx, actionDeliveryFailed(actionId, action.state, state, error));
  }

  /**
   * An executed action whose effect was over before it could reach the
   * platform (a suspension whose end passed while it waited in the outbox):
   * nothing was sent, nothing failed. Warden's own view still ends it the
   * usual way: the scheduled restore executes and is delivered after it, in
   * order, and the tripwire reads a lapsed action as never delivered.
   */
  async markLapsed(tx: Db, actionId: string, reason: string): Promise<void> {
    const action = await this.lock(tx, actionId);
    if (action.state !== 'executed') return;
    const state = nextActionState(action.state, { type: 'lapse' });
    await this.update(tx, actionId, { state, closed_reason: `lapsed: ${reason}` });
    await this.audit.append(tx, actionLapsed(actionId, action.state, state, reason));
  }

  get(db: Db, id: string): Promise<Action> {
    return actionById(db, id);
  }

  private lock(tx: Db, id: string): Promise<Action> {
    return lockAction(tx, this.dialect, id);
  }

  private update(tx: Db, id: string, set: ActionChange): Promise<void> {
    return updateAction(tx, id, set, this.clock.now());
  }
}

/** What the platform is asked to do (the kind table says what, from the state the action leaves). */
export function platformRequest(action: ActionBase & Enforcing, result: AccountState): PlatformActionRequest {
  return { accountId: action.targetId, ...ENFORCEMENT[action.kind].platform(result), reason: `${action.reasonCode} (warden action ${action.id})` };
}

/** "needs 1 more approval from lead or admin; the proposer cannot approve" */
export function describeMissing(proposer: Decision, execute: Decision, requirements: ApprovalRequirement[], counted: PrincipalFacts[]): string {
  if (!proposer.allowed) return proposer.rules.map((r) => `${r.id}: ${r.reason}`).join('; ') || 'the proposer may not propose this now';
  const parts = requirements.map((req) => {
    const have = counted.filter((p) => p.type === 'Staff' && req.roles.includes(p.role)).length;
    const more = Math.max(req.count - have, 0);
    return `needs ${more} more approval${more === 1 ? '' : 's'} from ${req.roles.join(' or ')} (${have} of ${req.count} counted)`;
  });
  if (parts.length === 0) return execute.rules.map((r) => `${r.id}: ${r.reason}`).join('; ') || 'not allowed';
  return `${parts.join(' or ')}; the proposer cannot approve their own action`;
}
