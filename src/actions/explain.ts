/**
 * "Explain" for an action: which policy version decided it and which rules,
 * which approvals counted and which did not and why, and everyone involved as
 * they were at that instant. A settled action is explained from its audit
 * entries (what was decided then, not what the policy would say now); a
 * pending one also gets the policy's answer now, from the same check that
 * would execute it.
 */
import { type CataloguedEntry, decodeEntry, unhandledEvent } from '../audit/catalog.js';
import type { AuditEntry } from '../audit/model.js';
import { rowToEntry } from '../audit/rows.js';
import type { Db } from '../db/database.js';
import { type ActionAuditEvent, ActionEvents } from './events.js';
import { PENDING_STATES } from './model.js';
import { type RuleRef, recordedDecision } from './recorded-decision.js';
import { type Action, approvalsOf } from './store.js';
import type { ActionService } from './service.js';
import type { ExecutionCheck, Executor } from './execution.js';
import { type ActorAtInstant, staffAtInstants } from './staff-at-instants.js';

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
  entries: { seq: number | null; at: number; event: string; reason: string | null }[];
}

type ActionEntry = CataloguedEntry<ActionAuditEvent>;
type Entry<A extends ActionEntry['action']> = Extract<ActionEntry, { action: A }>;
type Outcome = Entry<'action.executed' | 'action.voided' | 'action.expired' | 'action.rejected'>;

/** What an entry is to the explanation: the proposal, how the action ended, a verdict refused, or a step between. */
function partOf(e: ActionEntry): { proposal: Entry<'action.proposed'> } | { outcome: Outcome } | { refusal: Entry<'approval.refused'> } | null {
  switch (e.action) {
    case 'action.proposed':
      return { proposal: e };
    case 'action.executed':
    case 'action.voided':
    case 'action.expired':
    case 'action.rejected':
      return { outcome: e };
    case 'approval.refused':
      return { refusal: e };
    case 'action.refused':
    case 'approval.given':
    case 'approval.rejected':
    case 'approval.voided':
    case 'action.awaiting_approval':
    case 'action.scheduled':
    case 'action.delivered':
    case 'action.delivery_failed':
    case 'action.lapsed':
      return null;
    default:
      return unhandledEvent(e);
  }
}

/** The approvals an outcome weighed: counted, and not counted with why. */
function weighedBy(e: Outcome | undefined): { counted: { id: number }[]; notCounted: { id: number; why: string }[] } {
  switch (e?.action) {
    case 'action.executed':
      return { counted: e.after.approvals, notCounted: e.after.notCounted };
    case 'action.voided':
    case 'action.expired':
      // a close by the policy's re-check weighed them; an offboarding or an expiry did not
      return 'rules' in e.after ? { counted: e.after.approvals ?? [], notCounted: e.after.notCounted ?? [] } : { counted: [], notCounted: [] };
    case 'action.rejected':
    case undefined:
      return { counted: [], notCounted: [] };
    default:
      return unhandledEvent(e);
  }
}

export async function explainAction(db: Db, actions: ActionService, executor: Executor, actionId: string): Promise<ActionExplanation> {
  const action = await actions.get(db, actionId);
  const [entries, approvalRows] = await Promise.all([
    db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'action').where('subject_id', '=', actionId).orderBy('seq').execute().then((rows) => rows.map(rowToEntry)),
    approvalsOf(db, actionId),
  ]);
  const staffIds = [...new Set([...entries.filter((e) => e.actor.kind === 'staff').map((e) => e.actor.id), ...approvalRows.map((a) => a.approverId)])];
  const who = await staffAtInstants(db, staffIds);
  const actorAt = (actor: AuditEntry['actor'], at: number, seq?: number | null): ActorAtInstant => (actor.kind === 'staff' ? who(actor.id, at, seq) : actor);

  // entries the catalog does not describe (an earlier version's) are listed, never read
  let proposed: Entry<'action.proposed'> | undefined;
  let outcomeEntry: Outcome | undefined;
  const refused: Entry<'approval.refused'>[] = [];
  for (const entry of entries) {
    const e = decodeEntry(ActionEvents, entry);
    const part = e && partOf(e);
    if (!part) continue;
    if ('proposal' in part) proposed ??= part.proposal;
    else if ('outcome' in part) outcomeEntry = part.outcome;
    else refused.push(part.refusal);
  }
  const requirements = proposed && 'requirements' in proposed.after ? proposed.after.requirements : [];
  const proposalDecision = proposed ? recordedDecision(proposed) : undefined;
  const outcomeDecision = outcomeEntry ? recordedDecision(outcomeEntry) : undefined;
  const weighed = weighedBy(outcomeEntry);

  const pending = PENDING_STATES.includes(action.state);
  const check = pending ? await executor.check(db, action) : null;

  const approvals = approvalRows.map((a): ApprovalExplained => {
    let counted: boolean | null = null;
    let why = a.verdict === 'reject' ? `rejected${a.comment ? `: ${a.comment}` : ''}` : '';
    if (a.verdict === 'approve') {
      const live = check?.approvals.find((v) => v.approval.id === a.id);
      const settledCounted = weighed.counted.some((c) => c.id === a.id);
      const settledNot = weighed.notCounted.find((c) => c.id === a.id);
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
      by: actorAt(action.proposer, action.proposedAt, proposed?.seq),
      policyVersion: proposalDecision?.policyVersion ?? action.policyVersion,
      rules: proposalDecision?.rules ?? [],
      requirements,
      seq: proposed?.seq ?? null,
    },
    outcome: outcomeEntry
      ? {
          state: outcomeEntry.action.replace('action.', ''),
          at: outcomeEntry.at,
          seq: outcomeEntry.seq,
          policyVersion: outcomeDecision?.policyVersion ?? null,
          rules: outcomeDecision?.rules ?? [],
          reason: outcomeEntry.reason,
        }
      : null,
    approvals,
    refusals: refused.map((e) => {
      const dependence = e.after.dependence;
      return { at: e.at, seq: e.seq, by: actorAt(e.actor, e.at, e.seq), rules: recordedDecision(e)?.rules ?? [], ...(dependence ? { dependence } : {}) };
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
