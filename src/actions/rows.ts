import type { ActionRow, ApprovalRow } from '../db/schema.js';
import type { ActionKind, Decision } from '../policy/model.js';
import type { Tier } from '../accounts/model.js';
import type { Role } from '../staff/model.js';
import type { AccountState, ActionState, ReasonCode, TargetType } from './model.js';

export interface ActionParams {
  durationMs?: number;
  restoresActionId?: string;
  restoreTo?: AccountState;
  tier?: Tier;
  role?: Role;
  hours?: number;
  policyFiles?: Record<string, string>;
  /** set_access: the new end of the staff member's access window (epoch ms, exclusive) */
  accessUntil?: number;
}

export interface Action {
  id: string;
  kind: ActionKind;
  targetType: TargetType;
  targetId: string;
  caseId: number | null;
  reasonCode: ReasonCode;
  justification: string;
  params: ActionParams;
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

const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

export function rowToAction(r: ActionRow): Action {
  return {
    id: r.id,
    kind: r.kind,
    targetType: r.target_type,
    targetId: r.target_id,
    caseId: r.case_id,
    reasonCode: r.reason_code,
    justification: r.justification,
    params: JSON.parse(r.params) as ActionParams,
    state: r.state,
    proposer: { kind: r.proposer_kind, id: r.proposer_id },
    proposedAt: r.proposed_at,
    scheduledFor: r.scheduled_for,
    expiresAt: r.expires_at,
    priorState: parse<AccountState>(r.prior_state),
    resultState: parse<AccountState>(r.result_state),
    executedAt: r.executed_at,
    deliveredAt: r.delivered_at,
    closedReason: r.closed_reason,
    reversesActionId: r.reverses_action_id,
    policyVersion: r.policy_version,
    lastDecision: parse<Decision>(r.last_decision),
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
