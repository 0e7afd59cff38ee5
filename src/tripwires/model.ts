/**
 * Tripwires: a change on the platform that no authorized, executed action
 * explains is drift. Pure: the comparison, the response per tier, and the
 * lifecycle of one drift. No I/O.
 */
import { ACCOUNT_STATUSES, type AccountStatus, type Tier, PROTECTED_TIERS } from '../accounts/model.js';
import { type AccountState, UNDELIVERED_STATES } from '../actions/model.js';
import { instantText, isInstant } from '../bounds.js';
import type { ExecutedEffect } from '../actions/store.js';
import { TRIPWIRE_RESPONSES } from '../config.js';
import { DomainError } from '../errors.js';

export { TRIPWIRE_RESPONSES };
export type TripwireResponse = (typeof TRIPWIRE_RESPONSES)[number];
export type ResponsePerTier = Record<Tier, TripwireResponse>;

export type DetectedVia = 'webhook' | 'reconciliation';

/** What the platform showed about one account at one version. */
export interface Observation {
  accountId: string;
  status: AccountStatus;
  statusUntil: number | null;
  version: number;
  /** when the platform says the change happened, epoch ms */
  changedAt: number;
  via: DetectedVia;
  /** the webhook message or the reconciliation read, kept with the drift */
  evidence: Record<string, unknown>;
}

export const DRIFT_STATES = ['detected', 'reverted', 'revert_failed', 'alerted', 'superseded'] as const;
export type DriftState = (typeof DRIFT_STATES)[number];

export type DriftEvent =
  | { type: 'reverted' }
  | { type: 'revert_failed' }
  | { type: 'alerted' }
  /** the account moved on before the revert (an authorized action landed): nothing to undo */
  | { type: 'superseded' };

/** The lifecycle of a drift as a function: the next state, or an error naming why not. */
export function nextDriftState(from: DriftState, e: DriftEvent): DriftState {
  switch (e.type) {
    case 'reverted':
    case 'revert_failed':
    case 'superseded':
      if (from === 'detected' || from === 'revert_failed') return e.type;
      break;
    case 'alerted':
      if (from === 'detected') return 'alerted';
      break;
  }
  throw new DomainError('invalid_transition', `a drift that is ${from.replace('_', ' ')} cannot take '${e.type}'`, { from, event: e.type });
}

export const sameState = (a: AccountState, b: Pick<AccountState, 'status' | 'statusUntil'>) => a.status === b.status && (a.statusUntil ?? null) === (b.statusUntil ?? null);

/**
 * Whether Warden can judge an observed state at all: a known status, and an end
 * that is an instant. Warden never sends anything else, so what is not is no
 * lag behind an action of Warden's.
 */
export const judgeable = (s: Pick<AccountState, 'status' | 'statusUntil'>) =>
  (ACCOUNT_STATUSES as readonly string[]).includes(s.status) && (s.statusUntil === null || isInstant(s.statusUntil));

/**
 * Whether an observation is drift: the platform shows a state other than the
 * one Warden's executed actions put the account in, and no action of Warden's
 * is on its way to the platform (then the platform lags; it has not drifted).
 * A state Warden cannot judge is drift, never nothing.
 */
export function isDrift(expected: AccountState, observed: Observation, inFlight: boolean): boolean {
  if (!judgeable(observed)) return true;
  return !inFlight && !sameState(expected, observed);
}

/** A state in words; an end that is no instant is shown as what it is (this never throws). */
export function describeState(s: Pick<AccountState, 'status' | 'statusUntil'>): string {
  return s.statusUntil === null ? s.status : `${s.status} until ${instantText(s.statusUntil)}`;
}

export function responseFor(tier: Tier, responses: ResponsePerTier): TripwireResponse {
  return responses[tier];
}

/**
 * What the tripwire defends, from the account's executed actions, newest first.
 * On a protected account: only what executed actions set — the result of the
 * latest one that reached the platform and sets a status (a warn carries the
 * status it found, it sets none; a failed or lapsed one never reached the platform), and
 * `active` when none ever did. A status that reached the accounts row any other
 * way (an old import, a direct write to the store) is never defended, nor is
 * one carried in an action's prior or warn state from such a row.
 * On a standard account: the row, or a latest failed or lapsed action's prior state.
 * Undefined: the row stands.
 */
export function defendedState(tier: Tier, newestFirst: readonly ActedRow[]): AccountState | undefined {
  const undelivered = (r: ActedRow) => UNDELIVERED_STATES.includes(r.state);
  if (!PROTECTED_TIERS.includes(tier)) {
    const latest = newestFirst[0];
    return latest && undelivered(latest) && latest.priorState ? latest.priorState : undefined;
  }
  const setter = newestFirst.find((r) => !undelivered(r) && r.kind !== 'warn');
  return setter ? setter.resultState! : { status: 'active', statusUntil: null };
}

export type ActedRow = Pick<ExecutedEffect, 'kind' | 'state' | 'priorState' | 'resultState'>;
