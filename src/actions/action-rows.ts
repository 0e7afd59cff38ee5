/**
 * An action and an approval as the domain reads them, and the mapping from
 * their rows (src/actions/store.ts is the one module that reads the rows).
 * Pure.
 */
import type { ActionRow, ApprovalRow } from '../db/schema.js';
import { fromJsonOrNull } from '../db/json.js';
import type { Decision } from '../policy/model.js';
import { type KindParams, STORED_PARAMS } from './kinds.js';
import type { AccountState, ActionState, ReasonCode, TargetType } from './model.js';

/** What every action has, whatever its kind. */
export interface ActionBase {
  id: string;
  targetType: TargetType;
  targetId: string;
  caseId: number | null;
  reasonCode: ReasonCode;
  justification: string;
  state: ActionState;
  proposer: { kind: 'staff' | 'system'; id: string };
  proposedAt: number;
  scheduledFor: number | null;
  expiresAt: number;
  priorState: AccountState | null;
  resultState: AccountState | null;
  executedAt: number | null;
  deliveredAt: number | null;
  closedReason: string | null;
  reversesActionId: string | null;
  policyVersion: string;
  lastDecision: Decision | null;
  followers: number;
  updatedAt: number;
}

/** An action: narrowing its `kind` narrows its `params` (src/actions/kinds.ts). */
export type Action = ActionBase & KindParams;

export interface Approval {
  id: number;
  actionId: string;
  approverId: string;
  verdict: 'approve' | 'reject';
  comment: string;
  at: number;
  expiresAt: number;
  voidedAt: number | null;
  voidedReason: string | null;
}

export function rowToAction(r: ActionRow): Action {
  return {
    ...STORED_PARAMS.parse({ kind: r.kind, params: JSON.parse(r.params) }),
    id: r.id,
    targetType: r.target_type,
    targetId: r.target_id,
    caseId: r.case_id,
    reasonCode: r.reason_code,
    justification: r.justification,
    state: r.state,
    proposer: { kind: r.proposer_kind, id: r.proposer_id },
    proposedAt: r.proposed_at,
    scheduledFor: r.scheduled_for,
    expiresAt: r.expires_at,
    priorState: fromJsonOrNull(r.prior_state),
    resultState: fromJsonOrNull(r.result_state),
    executedAt: r.executed_at,
    deliveredAt: r.delivered_at,
    closedReason: r.closed_reason,
    reversesActionId: r.reverses_action_id,
    policyVersion: r.policy_version,
    lastDecision: fromJsonOrNull(r.last_decision),
    followers: r.followers,
    updatedAt: r.updated_at,
  };
}

export function rowToApproval(r: ApprovalRow): Approval {
  return {
    id: r.id,
    actionId: r.action_id,
    approverId: r.approver_id,
    verdict: r.verdict,
    comment: r.comment,
    at: r.at,
    expiresAt: r.expires_at,
    voidedAt: r.voided_at,
    voidedReason: r.voided_reason,
  };
}
