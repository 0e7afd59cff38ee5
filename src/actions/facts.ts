/**
 * The facts the policy is asked about, gathered from the store at one instant.
 * Nothing here decides anything: it describes who, what and on which account.
 */
import { reachOf } from '../accounts/model.js';
import { accountById } from '../accounts/store.js';
import type { Db } from '../db/database.js';
import { type ApprovalCounts, type DecisionContext, type EffectFacts, type PrincipalFacts, type ResourceFacts, noApprovals } from '../policy/model.js';
import type { ActionKind } from '../policy/model.js';
import { hasAccess, type Staff } from '../staff/model.js';
import { effectiveRole } from '../staff/service.js';
import { staffById } from '../staff/store.js';
import { followersProposedSince } from './store.js';
import { type TargetType, isDestructive, isEnforcement } from './model.js';
import { liveStrikeCount } from '../strikes/service.js';

export const HOUR_MS = 3_600_000;

export async function principalFacts(db: Db, staff: Staff, now: number): Promise<PrincipalFacts & { type: 'Staff' }> {
  return { type: 'Staff', id: staff.id, role: await effectiveRole(db, staff, now), employment: staff.employment, accessActive: hasAccess(staff, now) };
}

/** What the action's target is at `now` (an account's live strikes are those not expired by then). */
export async function resourceFacts(db: Db, targetType: TargetType, targetId: string, now: number): Promise<ResourceFacts> {
  switch (targetType) {
    case 'account': {
      const a = await accountById(db, targetId);
      // a protected account's reach is its peak: a count an import dropped does not lower what the policy asks
      const liveStrikes = await liveStrikeCount(db, a.id, now);
      return { type: 'Account', id: a.id, tier: a.tier, followers: reachOf(a), status: a.status, statusUntil: a.statusUntil, liveStrikes };
    }
    case 'staff': {
      const s = await staffById(db, targetId);
      return { type: 'Staff', id: s.id, role: s.role, employment: s.employment };
    }
    case 'policy':
      return { type: 'PolicySet', id: 'active' };
    case 'reporter':
      // a trusted flagger may be registered before their first report: Warden records them when it executes
      return { type: 'Reporter', id: targetId };
  }
}

/** Followers reached by this person's live or executed enforcement in the last hour. */
export function hourlyFollowers(db: Db, proposerId: string, now: number, excludeActionId?: string): Promise<number> {
  return followersProposedSince(db, proposerId, now - HOUR_MS, excludeActionId);
}

/**
 * The context of a decision. The effect is not optional: every question about
 * an action says what the action does to its target, because that is what
 * the rules judge.
 */
export function decisionContext(kind: ActionKind, effect: EffectFacts, over: Partial<Omit<DecisionContext, 'effect' | 'destructive'>> & { frozen: boolean }): DecisionContext {
  return {
    kind,
    effect,
    destructive: isDestructive(kind, effect),
    hourlyFollowers: 0,
    grantedRole: '',
    isProposer: false,
    approverDependent: false,
    automatic: false,
    approvals: noApprovals(),
    ...over,
  };
}

/** The reach an enforcement action counts against the hourly budget: `resourceFacts`' followers (a protected account's peak). */
export const followersOf = (r: ResourceFacts, kind: ActionKind) => (r.type === 'Account' && isEnforcement(kind) ? r.followers : 0);

export function countByRole(roles: PrincipalFacts[]): ApprovalCounts {
  const counts = noApprovals();
  for (const p of roles) {
    if (p.type !== 'Staff') continue;
    counts[p.role]++;
    counts.total++;
  }
  return counts;
}
