/**
 * Proposals and approvals. Every step asks the policy first (the same Cedar
 * set that will be asked again when the action takes effect), and every step
 * writes its audit entry in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../audit/model.js';
import type { AuditLog } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import { MAX_SCHEDULE_AHEAD_MS } from '../bounds.js';
import { DomainError, conflict, forbidden, invalidInput, notFound } from '../errors.js';
import type { ApprovalRequirement, Decision, DecisionRequest } from '../policy/model.js';
import type { PolicyService } from '../policy/service.js';
import type { Staff } from '../staff/model.js';
import type { Executor } from './execution.js';
import { decisionContext, followersOf, hourlyFollowers, principalFacts, resourceFacts } from './facts.js';
import { DEFAULT_APPROVAL_TTL_MS, DEFAULT_PROPOSAL_TTL_MS, type Proposal, isPending, nextActionState, targetTypeOf } from './model.js';
import { type Action, type ActionParams, type Approval, rowToAction, rowToApproval } from './rows.js';

export interface Preview {
  decision: Decision;
  requirements: ApprovalRequirement[];
  /** one line for a person: what the policy will demand */
  summary: string;
}

export const staffActor = (s: Staff): Actor => ({ kind: 'staff', id: s.id });

/** "denied by contractor-no-destructive-on-protected: contractors may not …" */
export function denialMessage(stage: string, d: Decision): string {
  const why = d.rules.filter((r) => r.effect === 'forbid').map((r) => `${r.id}: ${r.reason}`);
  return `policy denies ${stage}: ${why.join('; ') || 'no rule permits it'}`;
}

export class ActionService {
  constructor(
    private readonly audit: AuditLog,
    private readonly policy: PolicyService,
    private readonly executor: Executor,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
  ) {}

  /** What proposing this would meet, asked of the policy in force, before anything is written. */
  async preview(db: Db, staff: Staff, p: Proposal): Promise<Preview> {
    const now = this.clock.now();
    const engine = await this.policy.current(db);
    const req = await this.proposeRequest(db, staff, p, now);
    const decision = engine.decide(req);
    const requirements = decision.allowed ? engine.requiredApprovals({ principal: req.principal, resource: req.resource, context: req.context }) : [];
    const summary = !decision.allowed
      ? denialMessage('propose', decision)
      : requirements.length === 0
        ? 'no approval needed: takes effect when submitted'
        : requirements.map((r) => r.text).join('; ');
    return { decision, requirements, summary };
  }

  private async proposeRequest(db: Db, staff: Staff, p: Proposal, now: number): Promise<DecisionRequest> {
    const targetType = targetTypeOf(p.kind);
    const resource = await resourceFacts(db, targetType, p.targetId);
    const principal = await principalFacts(db, staff, now);
    const hourly = (await hourlyFollowers(db, staff.id, now)) + followersOf(resource, p.kind);
    return { stage: 'propose', principal, resource, context: decisionContext(p.kind, { frozen: await this.policy.isFrozen(db), hourlyFollowers: hourly, grantedRole: p.role ?? '' }) };
  }

  async propose(tx: Db, staff: Staff, p: Proposal): Promise<Action> {
    const now = this.clock.now();
    const engine = await this.policy.current(tx);
    const req = await this.proposeRequest(tx, staff, p, now);
    const decision = engine.decide(req);
    if (!decision.allowed) {
      const err = forbidden(denialMessage('propose', decision), { decision });
      err.auditOnRollback = { actor: staffActor(staff), action: 'action.refused', subject: { type: targetTypeOf(p.kind), id: p.targetId }, after: { kind: p.kind, stage: 'propose', decision }, reason: p.justification || null };
      throw err;
    }
    if (p.scheduledFor !== undefined && p.scheduledFor < now - 60_000) {
      throw new DomainError('invalid_input', 'scheduledFor is in the past', { fields: [{ path: 'scheduledFor', message: 'must not be in the past' }] });
    }
    if (p.scheduledFor !== undefined && p.scheduledFor > now + MAX_SCHEDULE_AHEAD_MS) {
      throw invalidInput([{ path: 'scheduledFor', message: `must be at most ${MAX_SCHEDULE_AHEAD_MS / 86_400_000} days ahead` }]);
    }
    if (p.kind === 'change_policy') this.policy.compile(p.policyFiles!);
    const params = await this.paramsOf(tx, p);
    const requirements = engine.requiredApprovals({ principal: req.principal, resource: req.resource, context: req.context });
    const id = `act_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const state = nextActionState('proposed', { type: 'submit', needsApproval: requirements.length > 0 });
    await tx
      .insertInto('actions')
      .values({
        id,
        kind: p.kind,
        target_type: targetTypeOf(p.kind),
        target_id: p.targetId,
        case_id: p.caseId ?? null,
        reason_code: p.reasonCode,
        justification: p.justification,
        params: JSON.stringify(params),
        state,
        proposer_kind: 'staff',
        proposer_id: staff.id,
        proposed_at: now,
        scheduled_for: p.scheduledFor ?? null,
        expires_at: now + DEFAULT_PROPOSAL_TTL_MS,
        prior_state: null,
        result_state: null,
        executed_at: null,
        delivered_at: null,
        closed_reason: null,
        reverses_action_id: null,
        policy_version: engine.version,
        last_decision: JSON.stringify(decision),
        followers: followersOf(req.resource, p.kind),
        updated_at: now,
      })
      .execute();
    await this.audit.append(tx, {
      actor: staffActor(staff),
      action: 'action.proposed',
      subject: { type: 'action', id },
      after: { kind: p.kind, target: { type: targetTypeOf(p.kind), id: p.targetId }, state, reasonCode: p.reasonCode, params: { ...params, policyFiles: params.policyFiles ? Object.keys(params.policyFiles) : undefined }, decision, requirements: requirements.map((r) => r.text), proposerRole: req.principal.type === 'Staff' ? req.principal.role : null },
      reason: p.justification || null,
    });
    if (state === 'approved') return this.executor.advance(tx, id, 'proposed');
    return this.get(tx, id);
  }

  private async paramsOf(db: Db, p: Proposal): Promise<ActionParams> {
    const params: ActionParams = {};
    if (p.durationMs !== undefined) params.durationMs = p.durationMs;
    if (p.tier !== undefined) params.tier = p.tier;
    if (p.role !== undefined) params.role = p.role;
    if (p.hours !== undefined) params.hours = p.hours;
    if (p.policyFiles !== undefined) params.policyFiles = p.policyFiles;
    if (p.accessUntil !== undefined) params.accessUntil = p.accessUntil;
    if (p.kind === 'restore') {
      const undo = await this.executor.actionToRestore(db, p.targetId, p.restoresActionId);
      params.restoresActionId = undo.id;
      params.restoreTo = undo.priorState!;
    }
    if (p.kind === 'elevate' && p.targetId === undefined) throw new DomainError('invalid_input', 'elevate needs targetId (the staff member)');
    return params;
  }

  /** Approve or reject. The approver is asked of the policy now, and again when the action executes. */
  async decide(tx: Db, staff: Staff, actionId: string, verdict: 'approve' | 'reject', comment: string): Promise<Action> {
    const now = this.clock.now();
    const action = await this.lock(tx, actionId);
    // Warden's own scheduled work (a suspension ending) is not anyone's to veto
    if (action.proposer.kind === 'system') throw new DomainError('invalid_transition', `action ${actionId} is Warden's own (${action.reasonCode}); it takes no verdicts`);
    if (!['awaiting_approval', 'approved', 'scheduled'].includes(action.state)) {
      throw new DomainError('invalid_transition', `action ${actionId} is ${action.state.replace('_', ' ')}; it takes no more approvals`, { state: action.state });
    }
    const engine = await this.policy.current(tx);
    const principal = await principalFacts(tx, staff, now);
    const resource = await resourceFacts(tx, action.targetType, action.targetId);
    const isProposer = action.proposer.kind === 'staff' && action.proposer.id === staff.id;
    const decision = engine.decide({ stage: 'approve', principal, resource, context: decisionContext(action.kind, { frozen: await this.policy.isFrozen(tx), isProposer, grantedRole: action.params.role ?? '' }) });
    if (!decision.allowed) {
      const proposerNote = isProposer ? '; the proposer cannot approve their own action' : '';
      const err = forbidden(`${denialMessage('approve', decision)}${proposerNote}`, { decision });
      err.auditOnRollback = { actor: staffActor(staff), action: 'approval.refused', subject: { type: 'action', id: actionId }, after: { verdict, decision, isProposer }, reason: comment || null };
      throw err;
    }
    const existing = await tx.selectFrom('approvals').select(['id', 'verdict', 'voided_at']).where('action_id', '=', actionId).where('approver_id', '=', staff.id).executeTakeFirst();
    if (existing && existing.voided_at === null) throw conflict(`${staff.id} has already given a verdict on action ${actionId}; a second approval by the same person does not count`, { approvalId: existing.id });
    if (existing) await tx.deleteFrom('approvals').where('id', '=', existing.id).execute();
    const { id: approvalId } = await tx
      .insertInto('approvals')
      .values({ action_id: actionId, approver_id: staff.id, verdict, comment, at: now, expires_at: now + DEFAULT_APPROVAL_TTL_MS, voided_at: null, voided_reason: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.audit.append(tx, {
      actor: staffActor(staff),
      action: verdict === 'approve' ? 'approval.given' : 'approval.rejected',
      subject: { type: 'action', id: actionId },
      after: { approvalId, verdict, approverRole: principal.role, approverEmployment: principal.employment, accessUntil: staff.access.until, decision },
      reason: comment || null,
    });
    if (verdict === 'reject') {
      const state = nextActionState(action.state, { type: 'reject' });
      await this.setState(tx, actionId, state, `rejected by ${staff.id}: ${comment}`);
      await this.audit.append(tx, { actor: staffActor(staff), action: 'action.rejected', subject: { type: 'action', id: actionId }, before: { state: action.state }, after: { state }, reason: comment || null });
      return this.get(tx, actionId);
    }
    return this.executor.advance(tx, actionId, 'approval');
  }

  async get(db: Db, id: string): Promise<Action> {
    const row = await db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('action', id);
    return rowToAction(row);
  }

  async approvals(db: Db, actionId: string): Promise<Approval[]> {
    const rows = await db.selectFrom('approvals').selectAll().where('action_id', '=', actionId).orderBy('id').execute();
    return rows.map(rowToApproval);
  }

  async list(db: Db, opts: { state?: string; targetId?: string; proposerId?: string; limit?: number }): Promise<Action[]> {
    let q = db.selectFrom('actions').selectAll().orderBy('proposed_at', 'desc').orderBy('id', 'desc').limit(Math.min(opts.limit ?? 100, 500));
    if (opts.state) q = q.where('state', '=', opts.state);
    if (opts.targetId) q = q.where('target_id', '=', opts.targetId);
    if (opts.proposerId) q = q.where('proposer_id', '=', opts.proposerId);
    return (await q.execute()).map(rowToAction);
  }

  /** Proposals this person could approve right now: awaiting, not theirs, allowed by policy. */
  async inbox(db: Db, staff: Staff): Promise<Action[]> {
    const now = this.clock.now();
    const rows = await db
      .selectFrom('actions')
      .selectAll()
      .where('state', '=', 'awaiting_approval')
      .where('proposer_id', '<>', staff.id)
      .where('id', 'not in', (eb) => eb.selectFrom('approvals').select('action_id').where('approver_id', '=', staff.id).where('voided_at', 'is', null))
      .orderBy('proposed_at')
      .limit(200)
      .execute();
    const engine = await this.policy.current(db);
    const principal = await principalFacts(db, staff, now);
    const frozen = await this.policy.isFrozen(db);
    const out: Action[] = [];
    for (const r of rows) {
      const a = rowToAction(r);
      const resource = await resourceFacts(db, a.targetType, a.targetId);
      if (engine.decide({ stage: 'approve', principal, resource, context: decisionContext(a.kind, { frozen, grantedRole: a.params.role ?? '' }) }).allowed) out.push(a);
    }
    return out;
  }

  private async lock(tx: Db, id: string): Promise<Action> {
    const q = tx.selectFrom('actions').selectAll().where('id', '=', id);
    const row = await (this.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
    if (!row) throw notFound('action', id);
    return rowToAction(row);
  }

  private async setState(tx: Db, id: string, state: string, closedReason: string | null) {
    await tx.updateTable('actions').set({ state, closed_reason: closedReason, updated_at: this.clock.now() }).where('id', '=', id).execute();
  }

  /** Offboarding and access ending: everything of this person's that could still take effect stops. */
  async voidPendingWorkOf(tx: Db, staffId: string, reason: string): Promise<{ actions: string[]; approvals: number[] }> {
    const now = this.clock.now();
    const pending = await tx.selectFrom('actions').selectAll().where('proposer_id', '=', staffId).where('state', 'in', ['proposed', 'awaiting_approval', 'approved', 'scheduled']).execute();
    for (const row of pending) {
      const a = rowToAction(row);
      const state = nextActionState(a.state, { type: 'void' });
      await this.setState(tx, a.id, state, reason);
      await this.audit.append(tx, { actor: { kind: 'system', id: 'warden' }, action: 'action.voided', subject: { type: 'action', id: a.id }, before: { state: a.state }, after: { state }, reason });
    }
    const approvals = await tx
      .selectFrom('approvals')
      .innerJoin('actions', 'actions.id', 'approvals.action_id')
      .select(['approvals.id as id', 'approvals.action_id as actionId', 'actions.state as state'])
      .where('approvals.approver_id', '=', staffId)
      .where('approvals.voided_at', 'is', null)
      .execute();
    const live = approvals.filter((a) => isPending(a.state as never));
    if (live.length > 0) {
      await tx.updateTable('approvals').set({ voided_at: now, voided_reason: reason }).where('id', 'in', live.map((a) => a.id)).execute();
      await this.audit.appendMany(tx, live.map((a) => ({ actor: { kind: 'system' as const, id: 'warden' }, action: 'approval.voided', subject: { type: 'action', id: a.actionId }, after: { approvalId: a.id, approverId: staffId }, reason })));
      // an action that had enough approvals may no longer have them
      for (const a of live) await this.executor.recount(tx, a.actionId);
    }
    return { actions: pending.map((p) => p.id), approvals: live.map((a) => a.id) };
  }
}
