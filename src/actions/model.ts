/** Actions: the typed lifecycle of a proposal and its errors; the kinds are in kinds.ts, the wire proposal in proposal.ts. Pure. */
import { z } from 'zod';
import { ACCOUNT_STATUSES, type AccountStatus } from '../accounts/model.js';
import { epochMs, text } from '../bounds.js';
import { DomainError } from '../errors.js';
import { type ActionKind, DESTRUCTIVE_KINDS, type EffectFacts, ENFORCEMENT_KINDS, type EnforcementKind } from '../policy/model.js';

export const ACTION_STATES = [
  'proposed',
  'awaiting_approval',
  'approved',
  'scheduled',
  'executed',
  'delivered',
  'rejected',
  'voided',
  'expired',
  'failed',
  /** executed, but its effect was over before its turn to reach the platform came (a suspension whose end had passed): never sent */
  'lapsed',
] as const;
export type ActionState = (typeof ACTION_STATES)[number];

/** States in which an action may still take effect: what offboarding voids. */
export const PENDING_STATES: readonly ActionState[] = ['proposed', 'awaiting_approval', 'approved', 'scheduled'];
export const isPending = (s: ActionState) => PENDING_STATES.includes(s);

/** Submitted and not yet executed: what may be approved, rejected or executed. */
export const AWAITING_STATES: readonly ActionState[] = ['awaiting_approval', 'approved', 'scheduled'];
export const isAwaiting = (s: ActionState) => AWAITING_STATES.includes(s);

/** Executed and not known to have failed to reach the platform: the account is as they left it. */
export const APPLIED_STATES: readonly ActionState[] = ['executed', 'delivered'];

/** Executed actions that never reached the platform: what the platform last had from Warden is what came before them. */
export const UNDELIVERED_STATES: readonly ActionState[] = ['failed', 'lapsed'];

/** Every action that executed in Warden, whether or not the platform took it. */
export const EXECUTED_STATES: readonly ActionState[] = [...APPLIED_STATES, ...UNDELIVERED_STATES];

/** Closed without ever executing, and never will: they count against no budget. */
export const DROPPED_STATES: readonly ActionState[] = ['rejected', 'voided', 'expired'];

/** Decided by its approvers: approved (and beyond), or rejected. */
export const DECIDED_STATES: readonly ActionState[] = ['approved', 'scheduled', ...EXECUTED_STATES, 'rejected'];

export type ActionEvent =
  | { type: 'submit'; needsApproval: boolean }
  | { type: 'approvals_met'; scheduled: boolean }
  | { type: 'approvals_lapsed' }
  | { type: 'execute' }
  | { type: 'deliver' }
  | { type: 'reject' }
  | { type: 'void' }
  | { type: 'expire' }
  | { type: 'fail' }
  | { type: 'lapse' };

/** The lifecycle as a function: the next state, or an error naming why not. */
export function nextActionState(from: ActionState, e: ActionEvent): ActionState {
  switch (e.type) {
    case 'submit':
      if (from === 'proposed') return e.needsApproval ? 'awaiting_approval' : 'approved';
      break;
    case 'approvals_met':
      if (from === 'awaiting_approval' || from === 'approved') return e.scheduled ? 'scheduled' : 'approved';
      break;
    case 'approvals_lapsed':
      if (from === 'approved' || from === 'scheduled') return 'awaiting_approval';
      break;
    case 'execute':
      if (from === 'approved' || from === 'scheduled') return 'executed';
      break;
    case 'deliver':
      if (from === 'executed') return 'delivered';
      break;
    case 'reject':
      if (from === 'awaiting_approval' || from === 'approved' || from === 'scheduled') return 'rejected';
      break;
    case 'void':
    case 'expire':
      if (isPending(from)) return e.type === 'void' ? 'voided' : 'expired';
      break;
    case 'fail':
    case 'lapse':
      if (from === 'executed') return e.type === 'fail' ? 'failed' : 'lapsed';
      break;
  }
  throw new DomainError('invalid_transition', `an action that is ${from.replace('_', ' ')} cannot take '${e.type}'`, { from, event: e.type });
}

/** Why an action is taken: a fixed list, so reports and audits can group by it. */
export const REASON_CODES = [
  'spam',
  'harassment',
  'hate',
  'impersonation',
  'violent_threat',
  'self_harm',
  'child_safety',
  'misinformation',
  'compromised_account',
  'legal_request',
  'appeal_granted',
  'error_correction',
  'suspension_ended',
  'access_management',
  'policy_maintenance',
  /** Warden's suggestion: the account's live strikes reached the configured number (src/strikes) */
  'repeated_violations',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** The state of an account that an action changes, recorded before it so restore is exact. */
export interface AccountState {
  status: AccountStatus;
  statusUntil: number | null;
}

/** A policy set is a handful of files (the shipped one: 4, each under 5 KB); these bound what one proposal costs to compile. */
export const MAX_POLICY_FILES = 32;
export const MAX_POLICY_FILE_BYTES = 64 * 1024;
const policyFileText = text(MAX_POLICY_FILE_BYTES).refine(
  (t) => Buffer.byteLength(t, 'utf8') <= MAX_POLICY_FILE_BYTES,
  `a policy file has at most ${MAX_POLICY_FILE_BYTES / 1024} KiB of UTF-8`,
);

/** change_policy's parameter: the complete new policy set, file name → Cedar text. */
export const POLICY_FILES = z
  .record(z.string().max(64).regex(/^[a-z0-9_-]+\.cedar$/), policyFileText, {
    error: (iss) => (iss.input === undefined ? 'change_policy needs policyFiles (file name → Cedar text)' : undefined),
  })
  .refine((files) => Object.keys(files).length <= MAX_POLICY_FILES, `a policy set has at most ${MAX_POLICY_FILES} files`);

export const isEnforcement = (k: ActionKind): k is EnforcementKind => ENFORCEMENT_KINDS.some((e) => e === k);

export type TargetType = 'account' | 'staff' | 'policy' | 'reporter';

/** How far from `active` a status is: an effect that raises it restricts the account. */
const SEVERITY: Record<AccountStatus, number> = { active: 0, limited: 1, locked: 2, suspended: 3, deactivated: 4 };
/** Statuses in which the account is out of service (a limit leaves it up, with restrictions). */
const OUT_OF_SERVICE: readonly AccountStatus[] = ['locked', 'suspended', 'deactivated'];

/** `a` ends later than `b` (null: no end, later than any instant). */
const endsLater = (a: number | null, b: number | null) => (a === null ? b !== null : b !== null && a > b);

/**
 * What moving an account from `prior` to `result` does, as the policy reads it.
 * Whatever the kind is called — a limit, a restore of some earlier state — a
 * result further from `active` than the account is now, or the same
 * restriction for longer, restricts it.
 */
export function effectOf(prior: AccountState, result: AccountState, now: number): EffectFacts {
  const further = SEVERITY[result.status] > SEVERITY[prior.status];
  const longer = result.status === prior.status && result.status !== 'active' && endsLater(result.statusUntil, prior.statusUntil);
  const ends = result.status !== 'active' && result.statusUntil !== null;
  return {
    fromStatus: prior.status,
    toStatus: result.status,
    restricts: further || longer,
    durationMs: ends ? Math.max(0, result.statusUntil! - now) : 0,
  };
}

/** It takes the account out of service (or keeps it out longer): a written justification, step-up, the strictest rules. */
export const isDestructive = (kind: ActionKind, e: EffectFacts) =>
  DESTRUCTIVE_KINDS.includes(kind) || (e.restricts && e.toStatus !== '' && OUT_OF_SERVICE.includes(e.toStatus));

export const AccountStateSchema = z.object({ status: z.enum(ACCOUNT_STATUSES), statusUntil: epochMs().nullable() });

export const DEFAULT_APPROVAL_TTL_MS = 24 * 3_600_000;
export const DEFAULT_PROPOSAL_TTL_MS = 7 * 24 * 3_600_000;
