/**
 * The access review: "what could this person do, right now?" For every kind
 * of action and every protection tier, the policy in force is asked — with
 * the person's facts at this instant (role with any live elevation, employment,
 * whether their access window is open) — whether they may propose it, whether
 * they may approve someone else's, and what a proposal of theirs would still
 * need. Nothing is restated: the answers are the policy's own decisions, with
 * the rules that gave them.
 */
import { TIERS, type Tier } from '../accounts/model.js';
import type { Db } from '../db/database.js';
import type { PolicyService } from '../policy/service.js';
import { ACTION_KINDS, type ActionKind, type ResourceFacts, type RuleHit } from '../policy/model.js';
import { accessState, type Staff } from '../staff/model.js';
import { effectOn } from './effect.js';
import { decisionContext, hourlyFollowers, principalFacts } from './facts.js';
import { enforcingWith, targetTypeOf } from './kinds.js';
import { isEnforcement } from './model.js';

export interface AccessReviewEntry {
  kind: ActionKind;
  /** what the action would be aimed at: an account of a tier, a staff member, the policy set */
  target: { type: 'account'; tier: Tier } | { type: 'staff' } | { type: 'policy' };
  propose: { allowed: boolean; rules: RuleHit[]; needs: string[] };
  approve: { allowed: boolean; rules: RuleHit[] };
}

export interface AccessReview {
  staff: { id: string; name: string; role: string; actingRole: string; employment: string; access: Staff['access']; accessState: string };
  at: number;
  policyVersion: string;
  frozen: boolean;
  entries: AccessReviewEntry[];
  /** one line per tier a person reads first: "critical: may propose nothing; may approve nothing" */
  summary: string[];
}

/** A representative target of each kind (followers kept low so hourly reach limits do not mask the rule for the tier). */
function targetsOf(kind: ActionKind): { target: AccessReviewEntry['target']; resource: ResourceFacts }[] {
  if (targetTypeOf(kind) === 'account') {
    return TIERS.map((tier) => ({
      target: { type: 'account' as const, tier },
      resource: { type: 'Account' as const, id: `review-${tier}`, tier, followers: 1, status: kind === 'restore' ? ('suspended' as const) : ('active' as const), statusUntil: null, liveStrikes: 0 },
    }));
  }
  if (targetTypeOf(kind) === 'policy') return [{ target: { type: 'policy' }, resource: { type: 'PolicySet', id: 'active' } }];
  return [{ target: { type: 'staff' }, resource: { type: 'Staff', id: 'review-staff', role: 'agent', employment: 'employee' } }];
}

/** `needs: false` leaves out what each proposal would still need (the costly part: hypothetical approvals), as the console's capabilities do. */
export async function reviewAccess(db: Db, policy: PolicyService, staff: Staff, now: number, opts: { needs?: boolean } = {}): Promise<AccessReview> {
  const engine = await policy.current(db);
  const frozen = await policy.isFrozen(db);
  const principal = await principalFacts(db, staff, now);
  const hourly = await hourlyFollowers(db, staff.id, now);
  const entries: AccessReviewEntry[] = [];
  for (const kind of ACTION_KINDS) {
    for (const { target, resource } of targetsOf(kind)) {
      // what it would do to that account: a week's suspension; a restore back to active
      const effect = await effectOn(db, isEnforcement(kind) ? enforcingWith(kind) : { kind }, resource, now);
      const context = decisionContext(kind, effect, { frozen, hourlyFollowers: hourly + (resource.type === 'Account' && isEnforcement(kind) ? resource.followers : 0) });
      // an elevation is only ever asked for oneself: proposing one is asked about this person, approving one about someone else
      const own: ResourceFacts = kind === 'elevate' ? { type: 'Staff', id: staff.id, role: staff.role, employment: staff.employment } : resource;
      const propose = engine.decide({ stage: 'propose', principal, resource: own, context });
      const approve = engine.decide({ stage: 'approve', principal, resource, context: decisionContext(kind, effect, { frozen, isProposer: false }) });
      const needs = propose.allowed && opts.needs !== false ? engine.requiredApprovals({ principal, resource: own, context }).map((r) => r.text) : [];
      entries.push({ kind, target, propose: { allowed: propose.allowed, rules: propose.rules, needs }, approve: { allowed: approve.allowed, rules: approve.rules } });
    }
  }
  const summary = TIERS.map((tier) => {
    const onTier = entries.filter((e) => e.target.type === 'account' && e.target.tier === tier);
    const list = (xs: AccessReviewEntry[]) => (xs.length ? xs.map((e) => e.kind).join(', ') : 'nothing');
    return `${tier}: may propose ${list(onTier.filter((e) => e.propose.allowed))}; may approve ${list(onTier.filter((e) => e.approve.allowed))}`;
  });
  return {
    staff: { id: staff.id, name: staff.name, role: staff.role, actingRole: principal.role, employment: staff.employment, access: staff.access, accessState: accessState(staff, now) },
    at: now,
    policyVersion: engine.version,
    frozen,
    entries,
    summary,
  };
}
