/**
 * What the policy is asked and what it answers. The rules themselves live in
 * Cedar (policies/*.cedar); this file only names the facts handed to them.
 */
import type { AccountStatus, Tier } from '../accounts/model.js';
import type { Employment, Role } from '../staff/model.js';

export const ENFORCEMENT_KINDS = ['warn', 'limit', 'lock', 'suspend', 'deactivate', 'restore'] as const;
export type EnforcementKind = (typeof ENFORCEMENT_KINDS)[number];

/** Changes to the guard itself: they go through the same proposal/approval path. */
export const GUARD_KINDS = ['set_tier', 'change_policy', 'grant_role', 'elevate', 'set_access', 'set_notice_template', 'set_decision_ground'] as const;
export type GuardKind = (typeof GUARD_KINDS)[number];

/**
 * Changes to a reporter's standing (src/reporters): the trusted-flagger
 * registry (DSA Art. 22) and the measures against misuse of reporting (Art.
 * 23). A trusted flagger's reports weigh more, so adding one steers
 * enforcement: each needs a second person.
 */
export const REPORTER_KINDS = ['add_trusted_flagger', 'remove_trusted_flagger', 'warn_reporter', 'suspend_reporting', 'restore_reporting'] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];

export type ActionKind = EnforcementKind | GuardKind | ReporterKind;

/**
 * What kinds do, as groups the policy names (`context.kindOf in
 * KindGroup::"enforcement"`): each kind's groups are in its entry of the kind
 * table (src/actions/kinds.ts), so a new kind joins the rules of the groups it
 * is in, and no rule lists kind names.
 */
export const KIND_GROUPS = [
  /** acts on an account's standing: warn, limit, lock, suspend, deactivate, restore */
  'enforcement',
  /** leaves the account in service: warn, limit */
  'keeps_in_service',
  /** returns an account to an earlier state */
  'restores',
  /** changes the guard itself */
  'guard',
  /** a guard change that lasts until changed again (not an elevation, which ends by itself) */
  'lasting_guard',
  /** changes a person's access for good: a role, an access window */
  'changes_access',
  /** gives a role for a while */
  'elevates',
  /** aimed at a member of staff */
  'on_staff',
  /** gives a role, by grant or by elevation */
  'gives_role',
  /** changes a reporter's standing: the trusted-flagger registry, a warning or suspension for misuse, its reversal */
  'reporter_standing',
  /** warns a reporter for misuse: the one step of reporter standing Warden may suggest (a person approves it) */
  'warns_reporter',
] as const;
export type KindGroup = (typeof KIND_GROUPS)[number];
export const ACTION_KINDS: readonly ActionKind[] = [...ENFORCEMENT_KINDS, ...GUARD_KINDS, ...REPORTER_KINDS];

/** Kinds that always take an account out of service (their effect makes them destructive; so may a restore's). */
export const DESTRUCTIVE_KINDS: readonly ActionKind[] = ['lock', 'suspend', 'deactivate'];

/** The moment of the lifecycle at which the policy is asked. */
export type Stage = 'propose' | 'approve' | 'execute';
export const STAGES: readonly Stage[] = ['propose', 'approve', 'execute'];

export type PrincipalFacts =
  | { type: 'Staff'; id: string; role: Role; employment: Employment; accessActive: boolean }
  /** Warden itself, e.g. reversing a suspension when it ends */
  | { type: 'System'; id: 'warden' };

export type ResourceFacts =
  /** statusUntil is not a Cedar fact: it is what an effect is computed from */
  | { type: 'Account'; id: string; tier: Tier; followers: number; status: AccountStatus; statusUntil: number | null; liveStrikes: number }
  | { type: 'Staff'; id: string; role: Role; employment: Employment }
  | { type: 'PolicySet'; id: 'active' }
  /** a platform user who reports (src/reporters): the target of the reporter-standing kinds */
  | { type: 'Reporter'; id: string };

/** Distinct approvals that count at this instant, by the approver's role. */
export type ApprovalCounts = Record<Role, number> & { total: number };

export const noApprovals = (): ApprovalCounts => ({ total: 0, triage: 0, agent: 0, lead: 0, admin: 0, auditor: 0 });

/**
 * What an action does to its target account — what the rules judge, never the
 * kind's name. For targets that are not accounts, `NO_EFFECT`.
 */
export interface EffectFacts {
  /** the account's status now; '' when the target is not an account */
  fromStatus: AccountStatus | '';
  /** the status the action leaves it in; '' when the target is not an account */
  toStatus: AccountStatus | '';
  /**
   * it leaves the account less available than it is now: a status further from
   * `active`, or the same restriction for longer
   */
  restricts: boolean;
  /** how long from now the status it leaves lasts (ms); 0 when it has no set end or is `active` */
  durationMs: number;
}

export const NO_EFFECT: EffectFacts = { fromStatus: '', toStatus: '', restricts: false, durationMs: 0 };

export interface DecisionContext {
  kind: ActionKind;
  /** what it does to the target account */
  effect: EffectFacts;
  /** it restricts an account to locked, suspended or deactivated: needs a written justification */
  destructive: boolean;
  /** the freeze switch: while on, enforcement is refused (restores excepted by policy) */
  frozen: boolean;
  /** followers affected by this person's actions in the last hour, this one included */
  hourlyFollowers: number;
  /** at `approve`: the approver is the proposer */
  isProposer: boolean;
  /**
   * at `approve`: the approver is not independent of the proposer — the proposer created, granted,
   * approved or issued their record, role, elevation, access window or credential (src/staff/independence.ts)
   */
  approverDependent: boolean;
  /** grant_role and elevate: the role the action gives; '' for every other kind */
  grantedRole: string;
  /** Warden acting on its own (a suspension's end), not a person */
  automatic: boolean;
  approvals: ApprovalCounts;
}

export interface DecisionRequest {
  stage: Stage;
  principal: PrincipalFacts;
  resource: ResourceFacts;
  context: DecisionContext;
}

/** A rule that took part in a decision: its @id and its human-readable @reason. */
export interface RuleHit {
  id: string;
  effect: 'permit' | 'forbid';
  reason: string;
}

export interface Decision {
  allowed: boolean;
  /** the rules that decided it: on deny the forbids that fired (or none, if nothing permitted) */
  rules: RuleHit[];
  policyVersion: string;
}

/** "needs 2 approvals from lead or admin" — derived by asking the policy, never restated. */
export interface ApprovalRequirement {
  count: number;
  roles: Role[];
  /** the rule(s) that demand it */
  rules: RuleHit[];
  text: string;
  /**
   * set when no number of approvals would let it execute (e.g. the freeze):
   * then `count` is 0, `roles` is empty and `rules` say why
   */
  unattainable?: boolean;
}
