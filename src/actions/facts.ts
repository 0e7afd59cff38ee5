/**
 * The facts the policy is asked about, gathered from the store at one instant.
 * Nothing here decides anything: it describes who, what and on which account.
 */
import { reachOf } from '../accounts/model.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { type ApprovalCounts, type DecisionContext, type EffectFacts, type PrincipalFacts, type ResourceFacts, noApprovals } from '../policy/model.js';
import type { ActionKind } from '../policy/model.js';
import { hasAccess, type Staff } from '../staff/model.js';
import { effectiveRole, rowToStaff } from '../staff/service.js';
import { type TargetType, isDestructive, isEnforcement } from './model.js';
import { liveStrikeCount } from '../strikes/service.js';

export const HOUR_MS = 3_600_000;

export async function principalFacts(db: Db, staff: Staff, now: number): Promise<PrincipalFacts & { type: 'Staff' }> {
  return { type: 'Staff', id: staff.id, role: await effectiveRole(db, staff, now), employment: staff.employment, accessActive: hasAccess(staff, now) };
}

export async function staffById(db: Db, id: string): Promise<Staff> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('staff', id);
  return rowToStaff(row);
}

/** What the action's target is at `now` (an account's live strikes are those not expired by then). */
export async function resourceFacts(db: Db, targetType: TargetType, targetId: string, now: number): Promise<ResourceFacts> {
  switch (targetType) {
    case 'account': {
      const a = await db
        .selectFrom('accounts')
        .select(['id', 'tier', 'followers', 'followers_peak', 'status', 'status_until'])
        .where('id', '=', targetId)
        .executeTakeFirst();
      if (!a) throw notFound('account', targetId);
      // a protected account's reach is its peak: a count an import dropped does not lower what the policy asks
      const followers = reachOf({ tier: a.tier, followers: a.followers, followersPeak: a.followers_peak });
      const liveStrikes = await liveStrikeCount(db, a.id, now);
      return { type: 'Account', id: a.id, tier: a.tier, followers, status: a.status, statusUntil: a.status_until, liveStrikes };
    }
    case 'staff': {
      const s = await staffById(db, targetId);
      return { type: 'Staff', id: s.id, role: s.role, employment: s.employment };
    }
    case 'policy':
      return { type: 'PolicySet', id: 'active' };
  }
}

/** Followers reached by this person's live or executed enforcement in the last hour. */
export async function hourlyFollowers(db: Db, proposerId: string, now: number, excludeActionId?: string): Promise<number> {
  let q = db
    .selectFrom('actions')
    .select((eb) => eb.fn.sum<number>('followers').as('n'))
    .where('proposer_id', '=', proposerId)
    .where('proposed_at', '>', now - HOUR_MS)
    .where('state', 'not in', ['rejected', 'voided', 'expired'])
    .where('target_type', '=', 'account');
  if (excludeActionId) q = q.where('id', '<>', excludeActionId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
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
