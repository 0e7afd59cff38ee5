/**
 * "Explain" for an action: which policy version decided it and which rules,
 * which approvals counted and which did not and why, and everyone involved as
 * they were at that instant. A settled action is explained from its audit
 * entries (what was decided then, not what the policy would say now); a
 * pending one also gets the policy's answer now, from the same check that
 * would execute it.
 */
import { type ActorAtInstant, type RuleRef, type TimelineEvent, decisionOf, staffAtInstants } from '../audit/timeline.js';
import { rowToEntry } from '../audit/rows.js';
import type { Db } from '../db/database.js';
import { PENDING_STATES } from './model.js';
import { type Action, rowToApproval } from './rows.js';
import type { ActionService } from './service.js';
import type { ExecutionCheck, Executor } from './execution.js';

export interface ApprovalExplained {
  id: number;
  approver: ActorAtInstant;
  verdict: 'approve' | 'reject';
  at: number;
  comment: string;
  /** whether it counted when the action was settled (or would count now, when pending); null for a rejection */
  counted: boolean | null;
  why: string;
}

export interface ActionExplanation {
  action: Action;
  proposal: { at: number; by: ActorAtInstant; policyVersion: string | null; rules: RuleRef[]; requirements: string[]; seq: number | null };
  /** how it ended (executed, voided, expired, rejected), with the deciding policy version and rules; null while pending */
  outcome: { state: string; at: number; seq: number; policyVersion: string | null; rules: RuleRef[]; reason: string | null } | null;
  approvals: ApprovalExplained[];
  /**
   * attempts the policy refused on this action (approvals by people who may not approve it), with, for an
   * approver not independent of the proposer, the sentence why
   */
  refusals: { at: number; seq: number; by: ActorAtInstant; rules: RuleRef[]; dependence?: string }[];
  /** for a pending action: what the policy in force says now, and what is still missing */
  now: Pick<ExecutionCheck, 'at' | 'policyVersion' | 'allowed' | 'missing'> & { rules: RuleRef[]; requirements: string[] } | null;
  /** every audit entry about the action, in order */
  entries: Pick<TimelineEvent, 'seq' | 'at' | 'event' | 'reason'>[];
}

const OUTCOMES = new Set(['action.executed', 'action.voided', 'action.expired', 'action.rejected']);

export async function explainAction(db: Db, actions: ActionService, executor: Executor, actionId: string): Promise<ActionExplanation> {
  const action = await actions.get(db, actionId);
  const [entries, approvalRows] = await Promise.all([
    db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'action').where('subject_id', '=', actionId).orderBy('seq').execute().then((rows) => rows.map(rowToEntry)),
    db.selectFrom('approvals').selectAll().where('action_id', '=', actionId).orderBy('id').execute().then((rows) => rows.map(rowToApproval)),
  ]);
  const staffIds = [...new Set([...entries.filter((e) => e.actor.kind === 'staff').map((e) => e.actor.id), ...approvalRows.map((a) => a.approverId)])];
  const who = await staffAtInstants(db, staffIds);
  const actorAt = (kind: string, id: string, at: number, seq?: number | null): ActorAtInstant => (kind === 'staff' ? who(id, at, seq) : { kind: kind as ActorAtInstant['kind'], id });

  const proposed = entries.find((e) => e.action === 'action.proposed');
  const proposedAfter = (proposed?.after ?? {}) as { requirements?: string[] };
  const proposalDecision = proposed ? decisionOf(proposed) : undefined;
  const outcomeEntry = [...entries].reverse().find((e) => OUTCOMES.has(e.action));
  const outcomeAfter = (outcomeEntry?.after ?? {}) as { approvals?: { id: number }[]; notCounted?: { id: number; why: string }[] };

  const pending = PENDING_STATES.includes(action.state);
  const check = pending ? await executor.check(db, action) : null;

  const approvals = approvalRows.map((a): ApprovalExplained => {
    let counted: boolean | null = null;
    let why = a.verdict === 'reject' ? `rejected${a.comment ? `: ${a.comment}` : ''}` : '';
    if (a.verdict === 'approve') {
      const live = check?.approvals.find((v) => v.approval.id === a.id);
      const settledCounted = outcomeAfter.approvals?.some((c) => c.id === a.id);
      const settledNot = outcomeAfter.notCounted?.find((c) => c.id === a.id);
      if (live) [counted, why] = [live.counts, live.why];
      else if (settledCounted) [counted, why] = [true, `counted when the action ${outcomeEntry!.action.replace('action.', '')}`];
      else if (settledNot) [counted, why] = [false, settledNot.why];
      else if (a.voidedAt !== null) [counted, why] = [false, `voided: ${a.voidedReason ?? ''}`];
      else if (outcomeEntry) [counted, why] = [false, `given after the action was settled, or not counted when it ${outcomeEntry.action.replace('action.', '')}`];
      else [counted, why] = [null, 'not yet weighed'];
    }
    return { id: a.id, approver: who(a.approverId, a.at), verdict: a.verdict, at: a.at, comment: a.comment, counted, why };
  });

  return {
    action,
    proposal: {
      at: action.proposedAt,
      by: actorAt(action.proposer.kind, action.proposer.id, action.proposedAt, proposed?.seq),
      policyVersion: proposalDecision?.policyVersion ?? action.policyVersion,
      rules: proposalDecision?.rules ?? [],
      requirements: proposedAfter.requirements ?? [],
      seq: proposed?.seq ?? null,
    },
    outcome: outcomeEntry
      ? {
          state: outcomeEntry.action.replace('action.', ''),
          at: outcomeEntry.at,
          seq: outcomeEntry.seq,
          policyVersion: decisionOf(outcomeEntry)?.policyVersion ?? null,
          rules: decisionOf(outcomeEntry)?.rules ?? [],
          reason: outcomeEntry.reason,
        }
      : null,
    approvals,
    refusals: entries
      .filter((e) => e.action === 'approval.refused')
      .map((e) => {
        const dependence = (e.after as { dependence?: string } | null)?.dependence;
        return { at: e.at, seq: e.seq, by: actorAt(e.actor.kind, e.actor.id, e.at, e.seq), rules: decisionOf(e)?.rules ?? [], ...(dependence ? { dependence } : {}) };
      }),
    now: check
      ? {
          at: check.at,
          policyVersion: check.policyVersion,
          allowed: check.allowed,
          missing: check.missing,
          rules: [...check.proposer.rules, ...check.execute.rules].map((r) => ({ id: r.id, effect: r.effect, reason: r.reason })),
          requirements: check.requirements.map((r) => r.text),
        }
      : null,
    entries: entries.map((e) => ({ seq: e.seq, at: e.at, event: e.action, reason: e.reason })),
  };
}
