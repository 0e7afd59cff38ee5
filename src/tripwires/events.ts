/**
 * The audit events of tripwires: a drift detected on an account (what Warden
 * expected, what the platform showed, the evidence), and how its revert ended
 * (reverted, failed, or superseded by a change that landed first).
 */
import { z } from 'zod';
import { ACCOUNT_STATUSES } from '../accounts/model.js';
import type { AccountState } from '../actions/model.js';
import { auditEvent, auditSubject } from '../audit/catalog.js';
import { type AuditInput, SYSTEM } from '../audit/model.js';
import { TRIPWIRE_RESPONSES } from '../config.js';
import { PLATFORM_ACCOUNT_SHAPE, type PlatformAccount } from '../platform/adapter.js';
import { DRIFT_STATES, type DriftState, type Observation, type TripwireResponse, describeState } from './model.js';

const subject = auditSubject('account');
const accountState = z.strictObject({ status: z.enum(ACCOUNT_STATUSES), statusUntil: z.number().nullable() });
const platformAccount = z.strictObject(PLATFORM_ACCOUNT_SHAPE);
/** How a revert ended: the drift's state after it, and the platform's account after the revert (null unless reverted). */
const settled = {
  subject,
  before: z.strictObject({ state: z.enum(DRIFT_STATES), platform: z.strictObject({ status: z.enum(ACCOUNT_STATUSES), statusUntil: z.number().nullable(), version: z.number() }) }),
  after: z.strictObject({
    state: z.enum(DRIFT_STATES),
    driftId: z.number(),
    restoredTo: accountState.nullable(),
    platform: platformAccount.nullable(),
    revertVersion: z.number().nullable(),
    idempotencyKey: z.string(),
  }),
};

export const TripwireEvents = z.discriminatedUnion('action', [
  auditEvent('tripwire.drift_detected', {
    subject,
    before: z.strictObject({ expected: accountState, platformVersion: z.number() }),
    after: z.strictObject({
      observed: accountState,
      version: z.number(),
      changedAt: z.number(),
      via: z.enum(['webhook', 'reconciliation']),
      response: z.enum(TRIPWIRE_RESPONSES),
      driftId: z.number(),
      evidence: z.record(z.string(), z.unknown()),
    }),
  }),
  auditEvent('tripwire.reverted', settled),
  auditEvent('tripwire.revert_failed', settled),
  auditEvent('tripwire.superseded', settled),
]);
export type TripwireAuditEvent = z.infer<typeof TripwireEvents>;
type Entry = AuditInput<TripwireAuditEvent>;

/** What trying to revert a drift came to, before it is recorded. */
export interface RevertResult {
  state: 'reverted' | 'revert_failed' | 'superseded';
  revertedAt: number | null;
  revertVersion: number | null;
  error: string | null;
  /** the account in the platform's answer to the revert */
  now: PlatformAccount | null;
}

export const driftDetected = (obs: Observation, expected: AccountState, platformVersion: number, response: TripwireResponse, driftId: number): Entry => ({
  actor: SYSTEM,
  action: 'tripwire.drift_detected',
  subject: { type: 'account', id: obs.accountId },
  before: { expected, platformVersion },
  after: {
    observed: { status: obs.status, statusUntil: obs.statusUntil },
    version: obs.version,
    changedAt: obs.changedAt,
    via: obs.via,
    response,
    driftId,
    evidence: obs.evidence,
  },
  reason: `no authorized, executed action explains ${describeState(expected)} → ${describeState(obs)}`,
});

/** The drift moved from `from` to the state the revert left it in (`result.state`). */
export const driftSettled = (obs: Observation, from: DriftState, result: RevertResult, o: { expected: AccountState; driftId: number; key: string }): Entry => ({
  actor: SYSTEM,
  action: `tripwire.${result.state}`,
  subject: { type: 'account', id: obs.accountId },
  before: { state: from, platform: { status: obs.status, statusUntil: obs.statusUntil, version: obs.version } },
  after: {
    state: result.state,
    driftId: o.driftId,
    restoredTo: result.state === 'reverted' ? o.expected : null,
    platform: result.now,
    revertVersion: result.revertVersion,
    idempotencyKey: o.key,
  },
  reason: result.error,
});
