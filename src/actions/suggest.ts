/**
 * Warden's own proposals: a suggestion a person must approve (a suspension
 * when an account's strikes reach their threshold, src/strikes; a warning when
 * a reporter's unfounded reports do, src/reporters). The policy decides
 * whether Warden may propose it at all and what it needs to execute; a
 * suggestion the policy would let execute with no approval is not made,
 * whatever set is in force.
 */
import { randomUUID } from 'node:crypto';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { toJson } from '../db/json.js';
import type { Decision, PrincipalFacts } from '../policy/model.js';
import type { PolicyService } from '../policy/service.js';
import { effectOn } from './effect.js';
import { type ActionAuditEvent, suggestionProposed } from './events.js';
import { decisionContext, followersOf, resourceFacts } from './facts.js';
import { auditedParams } from './any-params.js';
import { type KindParams, targetTypeOf } from './kinds.js';
import { DEFAULT_PROPOSAL_TTL_MS, type ReasonCode, nextActionState } from './model.js';
import { insertAction } from './store.js';

const WARDEN: PrincipalFacts = { type: 'System', id: 'warden' };

export interface Suggestion {
  kp: KindParams;
  targetId: string;
  reasonCode: ReasonCode;
  justification: string;
  /** what it is, for the refusal's words: "a suspension of this account" */
  what: string;
}

/** The proposal made (its id), or why none was: the policy's decision either way. */
export type Suggested = { id: string; decision: Decision } | { id: null; decision: Decision; why: string };

export async function suggestAsWarden(
  tx: Db,
  deps: { audit: AuditAppender<ActionAuditEvent>; policy: PolicyService; clock: Clock },
  s: Suggestion,
): Promise<Suggested> {
  const now = deps.clock.now();
  const { kind } = s.kp;
  const engine = await deps.policy.current(tx);
  const targetType = targetTypeOf(kind);
  const resource = await resourceFacts(tx, targetType, s.targetId, now);
  const effect = await effectOn(tx, s.kp, resource, now);
  const context = decisionContext(kind, effect, { frozen: await deps.policy.isFrozen(tx), automatic: true });
  const decision = engine.decide({ stage: 'propose', principal: WARDEN, resource, context });
  const requirements = decision.allowed ? engine.requiredApprovals({ principal: WARDEN, resource, context }) : [];
  if (!decision.allowed) return { id: null, decision, why: `the policy does not let Warden suggest ${s.what}` };
  if (requirements.length === 0) {
    return { id: null, decision, why: 'the policy in force would let the suggestion execute with no approval: Warden suggests nothing it could do alone' };
  }
  const id = `act_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const state = nextActionState('proposed', { type: 'submit', needsApproval: true });
  await insertAction(tx, {
    id,
    kind,
    target_type: targetType,
    target_id: s.targetId,
    case_id: null,
    reason_code: s.reasonCode,
    justification: s.justification,
    params: JSON.stringify(s.kp.params),
    state,
    proposer_kind: 'system',
    proposer_id: 'warden',
    proposed_at: now,
    scheduled_for: null,
    expires_at: now + DEFAULT_PROPOSAL_TTL_MS,
    reverses_action_id: null,
    policy_version: engine.version,
    last_decision: toJson(decision),
    followers: followersOf(resource, kind),
  });
  const proposal = { kind, targetId: s.targetId, reasonCode: s.reasonCode, justification: s.justification };
  await deps.audit.append(tx, suggestionProposed(id, proposal, { state, params: auditedParams(s.kp), effect, decision, requirements, proposer: WARDEN }));
  return { id, decision };
}
