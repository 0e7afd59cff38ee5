/**
 * Warden's invariants, held against a policy set by asking it every question
 * of a finite space of facts: every role × employment × open or closed access
 * window, every tier × status × reach, every kind with every effect it can
 * have on an account in that status (a suspension shorter or longer than the
 * one in force, a restore to each state), freeze on and off, a blast-radius
 * budget spent or not, and every count of approvals from each role that the
 * set itself lets approve. Strings and numbers the schema leaves open take
 * the values the rules could tell apart (the statuses and roles Warden has;
 * reach and hourly reach either side of every threshold the shipped rules use).
 *
 * The invariants live here, in code, not in the store: a set that breaks one
 * does not load, and a `change_policy` that would break one is refused with
 * the facts that break it.
 */
import { ACCOUNT_STATUSES, TIERS, type Tier } from '../accounts/model.js';
import { resultsOf } from '../actions/kinds.js';
import { type AccountState, effectOf, isDestructive } from '../actions/model.js';
import { EMPLOYMENT, type Employment, ROLES, type Role } from '../staff/model.js';
import type { PolicyEngine } from './engine.js';
import { describeRequest } from './describe-request.js';
import {
  type ActionKind,
  type ApprovalCounts,
  type Decision,
  type DecisionContext,
  type DecisionRequest,
  type EffectFacts,
  ENFORCEMENT_KINDS,
  type EnforcementKind,
  GUARD_KINDS,
  NO_EFFECT,
  REPORTER_KINDS,
  type PrincipalFacts,
  type ResourceFacts,
  type Stage,
  noApprovals,
} from './model.js';

export interface Invariant {
  id: string;
  statement: string;
}

export const INVARIANTS = [
  {
    id: 'protected-restriction-approvals',
    statement:
      'nothing that takes an elevated or critical account further from active executes with fewer independent approvals ' +
      'than its tier demands (critical: 2 from leads or admins; elevated: 1)',
  },
  { id: 'contractor-never-approves-protected', statement: 'a contractor never approves anything on an elevated or critical account' },
  { id: 'proposer-never-counts', statement: 'the proposer never approves their own action, nor does anyone who depends on the proposer' },
  {
    id: 'guard-change-needs-someone-else',
    statement:
      'a change to the guard itself (policy, tier, role, elevation, access window, what owners are told, the ground statements of reasons give) never executes without an approval, ' +
      'and never with the approval of the person it is about',
  },
  {
    id: 'warden-never-acts-alone',
    statement:
      'Warden acting on its own takes effect only to restore an account when a suspension ends; anything else it proposes ' +
      '(a suspension suggested by strikes, a warning suggested by unfounded reports) is about a standard account or a reporter ' +
      'and never executes without a person\'s approval',
  },
  {
    id: 'reporter-standing-needs-two-people',
    statement:
      "no one person alone changes a reporter's standing (a trusted flagger's reports weigh more and are routed first; " +
      'a misuse measure silences a reporter): it never executes without an approval, and the proposer never approves it',
  },
  { id: 'closed-window-does-nothing', statement: 'staff whose access window is closed may propose, approve and execute nothing' },
] as const satisfies readonly Invariant[];
export type InvariantId = (typeof INVARIANTS)[number]['id'];

export interface Counterexample {
  invariant: InvariantId;
  /** the facts that break it, in words */
  facts: string;
  request: DecisionRequest;
  decision: Decision;
}

export interface Verification {
  policyVersion: string;
  /** how many decisions were asked */
  decisions: number;
  invariants: (Invariant & { holds: boolean })[];
  /** at most a few per invariant: the first facts found that break it */
  counterexamples: Counterexample[];
}

const NOW = Date.UTC(2030, 0, 1);
const DAY = 86_400_000;
/** either side of the shipped blast-radius budget (5,000,000), and far past it */
const REACH = [1_000, 6_000_000, 60_000_000];
const HOURLY = [0, 6_000_000];
const PROTECTED: readonly Tier[] = ['elevated', 'critical'];
const PER_INVARIANT = 3;

const staff = (id: string, role: Role, employment: Employment, accessActive = true): PrincipalFacts & { type: 'Staff' } => ({
  type: 'Staff',
  id,
  role,
  employment,
  accessActive,
});
const SYSTEM: PrincipalFacts = { type: 'System', id: 'warden' };

function* people(id: string, windows: readonly boolean[] = [true]): Generator<PrincipalFacts & { type: 'Staff' }> {
  for (const role of ROLES) for (const employment of EMPLOYMENT) for (const open of windows) yield staff(id, role, employment, open);
}

/** Reach either side of the thresholds, when some rule reads it; one value when none does (it cannot change an answer). */
let reach: readonly number[] = REACH;
let hourly: readonly number[] = HOURLY;
/** no live strikes, and many: what a rule reading `liveStrikes` could tell apart */
const STRIKES = [0, 50];
let strikes: readonly number[] = STRIKES;

function* accounts(tiers: readonly Tier[] = TIERS): Generator<ResourceFacts & { type: 'Account' }> {
  for (const tier of tiers) {
    for (const status of ACCOUNT_STATUSES) {
      for (const followers of reach) {
        for (const liveStrikes of strikes) {
          // a suspension in force ends in a day: a longer one restricts more, a shorter one less
          yield { type: 'Account', id: 'account', tier, followers, status, statusUntil: status === 'suspended' ? NOW + DAY : null, liveStrikes };
        }
      }
    }
  }
}

/** Every effect `kind` can have on `account` as it stands. */
function effectsOf(kind: EnforcementKind, account: ResourceFacts & { type: 'Account' }): EffectFacts[] {
  const prior: AccountState = { status: account.status, statusUntil: account.statusUntil };
  // the kind table's samples: a restore to every status, a suspension short and long
  return resultsOf(kind, prior, NOW).map((r) => effectOf(prior, r, NOW));
}

/** Every (kind, effect) an enforcement can be on `account`. */
function* enforcementOn(account: ResourceFacts & { type: 'Account' }): Generator<{ kind: EnforcementKind; effect: EffectFacts }> {
  for (const kind of ENFORCEMENT_KINDS) for (const effect of effectsOf(kind, account)) yield { kind, effect };
}

function context(kind: ActionKind, effect: EffectFacts, over: Partial<Omit<DecisionContext, 'kind' | 'effect'>> = {}): DecisionContext {
  return {
    kind,
    effect,
    destructive: isDestructive(kind, effect),
    frozen: false,
    hourlyFollowers: 0,
    isProposer: false,
    approverDependent: false,
    grantedRole: '',
    automatic: false,
    approvals: noApprovals(),
    ...over,
  };
}

/** Every vector of 0–2 approvals over `roles` (other roles 0), with its total. */
function* approvalVectors(roles: readonly Role[]): Generator<ApprovalCounts> {
  const counts = roles.map(() => 0);
  for (;;) {
    const c = noApprovals();
    roles.forEach((r, i) => (c[r] = counts[i]!));
    c.total = counts.reduce((a, b) => a + b, 0);
    yield c;
    let i = 0;
    while (i < counts.length && counts[i] === 2) counts[i++] = 0;
    if (i === counts.length) return;
    counts[i]!++;
  }
}

class Checker {
  decisions = 0;
  readonly found: Counterexample[] = [];
  private readonly perInvariant = new Map<InvariantId, number>();

  constructor(private readonly engine: PolicyEngine) {}

  private readonly memo = new Map<string, Decision>();

  decide(req: DecisionRequest): Decision {
    const key = JSON.stringify(req);
    const known = this.memo.get(key);
    if (known) return known;
    this.decisions++;
    const d = this.engine.decide(req);
    this.memo.set(key, d);
    return d;
  }

  allowed(stage: Stage, principal: PrincipalFacts, resource: ResourceFacts, ctx: DecisionContext): boolean {
    return this.decide({ stage, principal, resource, context: ctx }).allowed;
  }

  /** Record a breach when `req` is allowed. */
  mustDeny(invariant: InvariantId, req: DecisionRequest): void {
    if ((this.perInvariant.get(invariant) ?? 0) >= PER_INVARIANT) return;
    const decision = this.decide(req);
    if (!decision.allowed) return;
    this.perInvariant.set(invariant, (this.perInvariant.get(invariant) ?? 0) + 1);
    this.found.push({ invariant, facts: describeRequest(req), request: req, decision });
  }

  saturated(invariant: InvariantId): boolean {
    return (this.perInvariant.get(invariant) ?? 0) >= PER_INVARIANT;
  }
}

/** Ask `engine` the whole space; every invariant holds when no counterexample is found. */
export function verifyPolicy(engine: PolicyEngine): Verification {
  const read = engine.factsRead();
  reach = read.has('followers') ? REACH : REACH.slice(0, 1);
  hourly = read.has('hourlyFollowers') ? HOURLY : HOURLY.slice(0, 1);
  strikes = read.has('liveStrikes') ? STRIKES : STRIKES.slice(0, 1);
  const check = new Checker(engine);
  protectedRestrictions(check);
  contractorsNeverApprove(check);
  proposerNeverCounts(check);
  guardChanges(check);
  wardenNeverActsAlone(check);
  reporterStanding(check);
  closedWindows(check);
  const broken = new Set(check.found.map((c) => c.invariant));
  return {
    policyVersion: engine.version,
    decisions: check.decisions,
    invariants: INVARIANTS.map((i) => ({ ...i, holds: !broken.has(i.id) })),
    counterexamples: check.found,
  };
}

/** "critical-two-approvals is missing: execute deactivate by … with approvals counted: 1 lead" */
export function describeBreach(v: Verification): string {
  return v.counterexamples
    .map((c) => `${c.invariant} (${INVARIANTS.find((i) => i.id === c.invariant)!.statement}) is broken: ${c.facts} is allowed by ${c.decision.rules.map((r) => r.id).join(', ') || 'the set'}`)
    .join('\n');
}

function protectedRestrictions(check: Checker): void {
  const id = 'protected-restriction-approvals';
  for (const account of accounts(PROTECTED)) {
    for (const { kind, effect } of enforcementOn(account)) {
      if (!effect.restricts) continue;
      for (const frozen of [false, true]) {
        // the roles whose approval the set lets count here (an approver who is independent, with access)
        const approving = ROLES.filter((role) =>
          EMPLOYMENT.some((e) => check.allowed('approve', staff('approver', role, e), account, context(kind, effect, { frozen }))),
        );
        const deficient = (c: ApprovalCounts) => (account.tier === 'critical' ? c.lead + c.admin < 2 : c.total < 1);
        // a proposer whose window is closed is refused at propose (closed-window-does-nothing, checked below)
        for (const proposer of people('proposer')) {
          for (const [hourlyFollowers, automatic] of hourly.flatMap((n) => [[n, false], [n, true]] as const)) {
            // `automatic` is Warden's own flag; a person who somehow carried it must gain nothing by it
            const base = context(kind, effect, { frozen, hourlyFollowers, automatic });
            // the proposer is asked again at execution: what they may not propose does not execute
            if (!check.allowed('propose', proposer, account, base)) continue;
            for (const approvals of approvalVectors(approving)) {
              if (!deficient(approvals)) continue;
              check.mustDeny(id, { stage: 'execute', principal: proposer, resource: account, context: { ...base, approvals } });
            }
            if (check.saturated(id)) return;
          }
        }
      }
    }
  }
}

function contractorsNeverApprove(check: Checker): void {
  const id = 'contractor-never-approves-protected';
  for (const account of accounts(PROTECTED)) {
    const kinds: { kind: ActionKind; effect: EffectFacts }[] = [...enforcementOn(account), { kind: 'set_tier', effect: NO_EFFECT }];
    for (const { kind, effect } of kinds) {
      for (const role of ROLES) {
        for (const frozen of [false, true]) {
          check.mustDeny(id, { stage: 'approve', principal: staff('approver', role, 'contractor'), resource: account, context: context(kind, effect, { frozen }) });
        }
      }
    }
  }
}

/** Every target a decision can be about, with the kinds and effects that apply to it. */
function* everyQuestion(): Generator<{ resource: ResourceFacts; kind: ActionKind; effect: EffectFacts; grantedRole: string }> {
  for (const account of accounts()) {
    for (const { kind, effect } of enforcementOn(account)) yield { resource: account, kind, effect, grantedRole: '' };
    yield { resource: account, kind: 'set_tier', effect: NO_EFFECT, grantedRole: '' };
  }
  yield { resource: { type: 'PolicySet', id: 'active' }, kind: 'change_policy', effect: NO_EFFECT, grantedRole: '' };
  // what owners are told is part of the guard: held to the same
  yield { resource: { type: 'PolicySet', id: 'active' }, kind: 'set_notice_template', effect: NO_EFFECT, grantedRole: '' };
  // and so is the ground the public record gives for a decision
  yield { resource: { type: 'PolicySet', id: 'active' }, kind: 'set_decision_ground', effect: NO_EFFECT, grantedRole: '' };
  // a reporter's standing: the trusted-flagger registry and the measures against misuse
  for (const kind of REPORTER_KINDS) yield { resource: { type: 'Reporter', id: 'reporter' }, kind, effect: NO_EFFECT, grantedRole: '' };
  for (const target of people('target')) {
    const member: ResourceFacts = { type: 'Staff', id: target.id, role: target.role, employment: target.employment };
    yield { resource: member, kind: 'set_access', effect: NO_EFFECT, grantedRole: '' };
    for (const role of ROLES) for (const kind of ['grant_role', 'elevate'] as const) yield { resource: member, kind, effect: NO_EFFECT, grantedRole: role };
  }
}

function proposerNeverCounts(check: Checker): void {
  const id = 'proposer-never-counts';
  for (const q of everyQuestion()) {
    for (const approver of people('approver')) {
      check.mustDeny(id, { stage: 'approve', principal: approver, resource: q.resource, context: context(q.kind, q.effect, { isProposer: true, grantedRole: q.grantedRole }) });
      // someone whose role, elevation, record, window or credential the proposer made counts no more than the proposer
      check.mustDeny(id, { stage: 'approve', principal: approver, resource: q.resource, context: context(q.kind, q.effect, { approverDependent: true, grantedRole: q.grantedRole }) });
    }
    if (check.saturated(id)) return;
  }
}

function guardChanges(check: Checker): void {
  const id = 'guard-change-needs-someone-else';
  const guard = new Set<ActionKind>(GUARD_KINDS);
  for (const q of everyQuestion()) {
    if (!guard.has(q.kind)) continue;
    // an account's tier is the same question whatever its status and reach: ask it once per tier
    if (q.resource.type === 'Account' && (q.resource.status !== 'active' || q.resource.followers !== reach[0])) continue;
    for (const proposer of [...people('proposer'), SYSTEM]) {
      for (const frozen of [false, true]) {
        // elevation is asked for oneself: the target is the proposer
        const resource = q.kind === 'elevate' && q.resource.type === 'Staff' && proposer.type === 'Staff' ? { ...q.resource, id: proposer.id, role: proposer.role, employment: proposer.employment } : q.resource;
        const ctx = context(q.kind, q.effect, { frozen, grantedRole: q.grantedRole, automatic: proposer.type === 'System' });
        if (proposer.type === 'Staff' && !check.allowed('propose', proposer, resource, ctx)) continue;
        check.mustDeny(id, { stage: 'execute', principal: proposer, resource, context: ctx });
      }
    }
    if (q.resource.type === 'Staff') {
      // the person a grant, an elevation or an access change is about never approves it
      for (const self of people('target')) {
        const resource: ResourceFacts = { type: 'Staff', id: self.id, role: self.role, employment: self.employment };
        check.mustDeny(id, { stage: 'approve', principal: self, resource, context: context(q.kind, q.effect, { grantedRole: q.grantedRole }) });
      }
    }
    if (check.saturated(id)) return;
  }
}

function wardenNeverActsAlone(check: Checker): void {
  const id = 'warden-never-acts-alone';
  for (const q of everyQuestion()) {
    if (q.kind === 'restore') continue;
    // a suggestion is an enforcement on a standard account, or a reporter's warning, nothing else
    const suggestible =
      (q.resource.type === 'Account' && q.resource.tier === 'standard' && ENFORCEMENT_KINDS.some((k) => k === q.kind)) ||
      (q.resource.type === 'Reporter' && q.kind === 'warn_reporter');
    for (const automatic of [true, false]) {
      const ctx = context(q.kind, q.effect, { automatic, grantedRole: q.grantedRole });
      // with no approval, nothing Warden proposed takes effect, whatever it is about
      check.mustDeny(id, { stage: 'execute', principal: SYSTEM, resource: q.resource, context: ctx });
      if (!suggestible || !automatic) check.mustDeny(id, { stage: 'propose', principal: SYSTEM, resource: q.resource, context: ctx });
    }
  }
  // a restore by Warden is only ever its own scheduled one
  for (const account of accounts()) {
    for (const effect of effectsOf('restore', account)) {
      check.mustDeny(id, { stage: 'propose', principal: SYSTEM, resource: account, context: context('restore', effect) });
    }
  }
}

function reporterStanding(check: Checker): void {
  const id = 'reporter-standing-needs-two-people';
  for (const q of everyQuestion()) {
    if (q.resource.type !== 'Reporter') continue;
    for (const proposer of [...people('proposer'), SYSTEM]) {
      for (const frozen of [false, true]) {
        const ctx = context(q.kind, q.effect, { frozen, automatic: proposer.type === 'System' });
        if (proposer.type === 'Staff' && !check.allowed('propose', proposer, q.resource, ctx)) continue;
        // alone: with no approval it does not execute, and the proposer's own approval is none
        check.mustDeny(id, { stage: 'execute', principal: proposer, resource: q.resource, context: ctx });
        if (proposer.type === 'Staff') check.mustDeny(id, { stage: 'approve', principal: proposer, resource: q.resource, context: { ...ctx, isProposer: true } });
      }
    }
  }
}

function closedWindows(check: Checker): void {
  const id = 'closed-window-does-nothing';
  for (const q of everyQuestion()) {
    if (q.resource.type === 'Account' && q.resource.followers !== reach[0]) continue;
    for (const person of people('closed', [false])) {
      for (const stage of ['propose', 'approve'] as const) {
        check.mustDeny(id, { stage, principal: person, resource: q.resource, context: context(q.kind, q.effect, { grantedRole: q.grantedRole }) });
      }
    }
    if (check.saturated(id)) return;
  }
}
