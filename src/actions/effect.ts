/**
 * What an action would do to its target if it took effect now: the facts the
 * policy judges (`context.effect`). Proposal, approval, the inbox and
 * execution all ask here, so the rules see one answer for one action at one
 * instant — including what a restore would really return the account to.
 */
import type { Db } from '../db/database.js';
import { type ActionKind, type EffectFacts, type EnforcementKind, NO_EFFECT, type ResourceFacts } from '../policy/model.js';
import { type KindParams, applyEnforcement, isEnforcing } from './kinds.js';
import { type AccountState, effectOf } from './model.js';
import { priorOfSuspensionLeaving } from './store.js';

/** A kind with its parameters; a guard or reporter kind's do nothing to an account's state. */
export type EffectInput = KindParams | { kind: Exclude<ActionKind, EnforcementKind> };

/** The account state an action leaves, from the state it finds (`prior`). */
export async function resultOf(db: Db, a: EffectInput, accountId: string, prior: AccountState, now: number): Promise<AccountState> {
  if (!isEnforcing(a)) return prior;
  if (a.kind !== 'restore') return applyEnforcement(a, prior, now);
  const restoreTo = await settled(db, accountId, a.params.restoreTo, now);
  return applyEnforcement({ kind: a.kind, params: { ...a.params, restoreTo } }, prior, now);
}

/** The effect of the action `a` on `resource` as it stands now. */
export async function effectOn(db: Db, a: EffectInput, resource: ResourceFacts, now: number): Promise<EffectFacts> {
  if (resource.type !== 'Account') return NO_EFFECT;
  const prior: AccountState = { status: resource.status, statusUntil: resource.statusUntil };
  return effectOf(prior, await resultOf(db, a, resource.id, prior, now), now);
}

/**
 * The state to restore, as it stands now: restoring to a suspension whose
 * term has already ended (a suspension on top of a suspension) means
 * restoring to what was there before that suspension, and so on.
 */
async function settled(db: Db, accountId: string, state: AccountState, now: number): Promise<AccountState> {
  let s = state;
  for (let depth = 0; depth < 50 && s.status === 'suspended' && s.statusUntil !== null && s.statusUntil <= now; depth++) {
    s = (await priorOfSuspensionLeaving(db, accountId, s)) ?? { status: 'active', statusUntil: null };
  }
  return s;
}
