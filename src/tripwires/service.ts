/**
 * Deciding and acting on what the platform shows. An observation (from a
 * webhook or a reconciliation pass) is compared with the state Warden's
 * executed actions put the account in, read *after* the observation was taken;
 * what no action explains is recorded with its evidence and audited in one
 * transaction, then reverted through the platform adapter and alerted.
 *
 * The revert is conditional on the platform version that showed the drift and
 * keyed by it: if anything reached the account meanwhile (an authorized action
 * Warden just delivered), the platform refuses it and nothing authorized is
 * undone; a revert retried after a crash or seen twice is applied once.
 */
import type { Logger } from 'pino';
import { type Account, type Tier, PROTECTED_TIERS } from '../accounts/model.js';
import { accountsWithIds, raisePlatformVersion } from '../accounts/store.js';
import type { AccountState } from '../actions/model.js';
import { type ExecutedEffect, executedEffectsOn } from '../actions/store.js';
import type { AlertService } from '../alerts/service.js';
import { lockAccount } from '../accounts/lock.js';
import { instantText, isInstant } from '../bounds.js';
import type { AuditAppender } from '../audit/service.js';
import { type RevertResult, type TripwireAuditEvent, driftDetected, driftSettled } from './events.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { type PlatformAdapter, PlatformVersionConflictError } from '../platform/adapter.js';
import {
  type DriftState,
  type Observation,
  type ResponsePerTier,
  type TripwireResponse,
  defendedState,
  describeState,
  isDrift,
  nextDriftState,
  responseFor,
} from './model.js';
import { fromJson, toJson } from '../db/json.js';

export interface TripwireDeps {
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  readonly db: Db;
}

/** What became of one drift. */
export interface DriftOutcome {
  driftId: number;
  accountId: string;
  version: number;
  state: DriftState;
  response: TripwireResponse;
  changedAt: number;
  detectedAt: number;
  revertedAt: number | null;
  alertId: number | null;
}

/** Times of one drift, for the metrics. */
export interface DriftMeasure {
  tier: Tier;
  via: Observation['via'];
  detectMs: number;
  /** null when the drift was not reverted */
  revertMs: number | null;
}

type WardenView = Pick<Account, 'id' | 'handle' | 'displayName' | 'tier' | 'status' | 'statusUntil' | 'platformVersion'>;

/** A drift left `detected` this long was abandoned mid-way (a crash): the next sighting takes it up again. */
const ABANDONED_MS = 10_000;
const CHUNK = 1000;

export class TripwireService {
  private readonly measured = new Set<(m: DriftMeasure) => void>();
  /** accounts being handled in this process: a webhook and a pass never race on one */
  private readonly busy = new Set<string>();

  constructor(
    private readonly deps: TripwireDeps,
    private readonly audit: AuditAppender<TripwireAuditEvent>,
    private readonly alerts: AlertService,
    private readonly platform: PlatformAdapter,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly responses: ResponsePerTier,
  ) {}

  /** Told the detect and revert times of every drift (the /metrics histograms). */
  onMeasured(listener: (m: DriftMeasure) => void): () => void {
    this.measured.add(listener);
    return () => this.measured.delete(listener);
  }

  /** The tiers a reconciliation pass covers: the protected ones whose drift gets any response. */
  reconciledTiers(): Tier[] {
    return PROTECTED_TIERS.filter((t) => this.responses[t] !== 'ignore');
  }

  /**
   * Compare observations with what Warden's actions say, and act on each drift.
   * Observations of accounts Warden does not know, stale ones, and ones an
   * action on its way to the platform explains are passed over. A drift whose
   * handling failed is logged and the rest go on; with `rethrow` (a webhook,
   * which the platform retries when it is not acknowledged) the failure is
   * thrown once the others are done, so it is never answered as handled.
   */
  async observe(observations: readonly Observation[], opts: { rethrow?: boolean } = {}): Promise<DriftOutcome[]> {
    let failure: unknown = null;
    const outcomes: DriftOutcome[] = [];
    for (let i = 0; i < observations.length; i += CHUNK) {
      const batch = observations.slice(i, i + CHUNK);
      const ids = [...new Set(batch.map((o) => o.accountId))];
      // read after the observation was taken: see the file comment
      const { accounts, inFlight } = await this.wardenView(this.deps.db, ids);
      for (const seen of batch) {
        // a change time that is no instant (the platform's word) is taken as now: the evidence keeps what it said
        const obs = isInstant(seen.changedAt) ? seen : { ...seen, changedAt: this.clock.now() };
        const account = accounts.get(obs.accountId);
        if (!account) continue;
        const response = responseFor(account.tier, this.responses);
        if (response === 'ignore' || obs.version < account.platformVersion) continue;
        if (!isDrift(expectedOf(account), obs, inFlight.has(obs.accountId))) continue;
        if (this.busy.has(obs.accountId)) continue;
        this.busy.add(obs.accountId);
        try {
          const outcome = await this.handle(obs, response);
          if (outcome) outcomes.push(outcome);
        } catch (err) {
          this.logger.error({ err, accountId: obs.accountId, version: obs.version }, 'tripwire: handling drift failed');
          failure ??= err;
        } finally {
          this.busy.delete(obs.accountId);
        }
      }
    }
    if (failure !== null && opts.rethrow) throw failure;
    return outcomes;
  }

  /** Warden's expected state of each account, and which have an executed action not yet delivered. */
  async wardenView(db: Db, ids: readonly string[]): Promise<{ accounts: Map<string, WardenView>; inFlight: Set<string> }> {
    const accounts = new Map<string, WardenView>();
    const inFlight = new Set<string>();
    if (ids.length === 0) return { accounts, inFlight };
    for (const a of (await accountsWithIds(db, ids)).values()) {
      const { id, handle, displayName, tier, status, statusUntil, platformVersion } = a;
      accounts.set(id, { id, handle, displayName, tier, status, statusUntil, platformVersion });
    }
    // The latest action with an effect on each account: executed and not yet
    // delivered, it is on its way (the platform lags; it has not drifted).
    // Given up on (failed) or lapsed, the platform never got it: what the platform
    // last had from Warden is what the actions before it set (see `defendedState`).
    const acted = await executedEffectsOn(db, ids);
    const newestFirst = (a: ExecutedEffect, b: ExecutedEffect) =>
      (b.executedAt ?? 0) - (a.executedAt ?? 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
    const byAccount = new Map<string, ExecutedEffect[]>();
    for (const r of [...acted].sort(newestFirst)) {
      const list = byAccount.get(r.accountId);
      if (list) list.push(r);
      else byAccount.set(r.accountId, [r]);
    }
    for (const [id, account] of accounts) {
      const actions = byAccount.get(id) ?? [];
      if (actions[0]?.state === 'executed') inFlight.add(id);
      const defended = defendedState(account.tier, actions);
      if (defended) accounts.set(id, { ...account, status: defended.status, statusUntil: defended.statusUntil });
    }
    return { accounts, inFlight };
  }

  /** Record, decide, revert, alert. Null when another sighting of the same drift has it in hand. */
  private async handle(obs: Observation, response: TripwireResponse): Promise<DriftOutcome | null> {
    const recorded = await this.record(obs, response);
    if (!recorded) return null;
    const { driftId, expected, account } = recorded;
    const detectedAt = recorded.detectedAt;
    if (response === 'alert') {
      const outcome = recorded.alerted;
      this.emit({ tier: account.tier, via: obs.via, detectMs: detectedAt - obs.changedAt, revertMs: null });
      return outcome;
    }

    const key = `tripwire:${obs.accountId}:${obs.version}`;
    let result: RevertResult;
    try {
      const applied = await this.platform.applyAction(
        {
          accountId: obs.accountId,
          kind: 'set_status',
          status: expected.status,
          until: expected.statusUntil,
          reason: `tripwire: revert change at version ${obs.version} that no Warden action authorized`,
          expectedVersion: obs.version,
        },
        key,
      );
      result = { state: 'reverted', revertedAt: this.clock.now(), revertVersion: applied.account.version, error: null, now: applied.account };
    } catch (err) {
      if (err instanceof PlatformVersionConflictError) {
        result = { state: 'superseded', revertedAt: null, revertVersion: null, error: err.message, now: null };
      } else {
        result = { state: 'revert_failed', revertedAt: null, revertVersion: null, error: err instanceof Error ? err.message : String(err), now: null };
      }
    }
    const outcome = await this.deps.transaction(async (tx) => {
      const row = await tx.selectFrom('tripwire_drifts').selectAll().where('id', '=', driftId).executeTakeFirstOrThrow();
      const state = nextDriftState(row.state, { type: result.state });
      let alertId = row.alert_id;
      if (state === 'reverted') {
        await raisePlatformVersion(tx, obs.accountId, result.revertVersion!);
      }
      if (alertId === null && state !== 'superseded') {
        const alert = await this.alerts.raise(tx, {
          kind: 'unauthorized_change',
          severity: 'critical',
          subject: { type: 'account', id: obs.accountId },
          summary:
            state === 'reverted'
              ? `Unauthorized change on ${account.tier} account @${account.handle} (${obs.accountId}): ${describeState(expected)} → ${describeState(obs)}; reverted by Warden`
              : `Unauthorized change on ${account.tier} account @${account.handle} (${obs.accountId}): ${describeState(expected)} → ${describeState(obs)}; REVERT FAILED, act now`,
          details: alertDetails(obs, account, expected, detectedAt, {
            did: state === 'reverted' ? 'reverted' : 'revert failed; retried on the next reconciliation pass',
            revertedAt: result.revertedAt === null ? null : instantText(result.revertedAt),
            revertVersion: result.revertVersion,
            error: result.error,
            driftId,
          }),
        });
        alertId = alert.id;
      }
      await tx
        .updateTable('tripwire_drifts')
        .set({ state, reverted_at: result.revertedAt, revert_version: result.revertVersion, error: result.error, alert_id: alertId })
        .where('id', '=', driftId)
        .execute();
      await this.audit.append(tx, driftSettled(obs, row.state, result, { expected, driftId, key }));
      return { driftId, accountId: obs.accountId, version: obs.version, state, response, changedAt: obs.changedAt, detectedAt, revertedAt: result.revertedAt, alertId } satisfies DriftOutcome;
    });
    if (outcome.state === 'superseded') this.logger.info({ accountId: obs.accountId, version: obs.version }, 'tripwire: account moved on before the revert; nothing undone');
    else if (outcome.state === 'revert_failed') this.logger.error({ accountId: obs.accountId, error: result.error }, 'tripwire: revert failed');
    this.emit({ tier: account.tier, via: obs.via, detectMs: detectedAt - obs.changedAt, revertMs: outcome.revertedAt === null ? null : outcome.revertedAt - obs.changedAt });
    return outcome;
  }

  /**
   * The drift and its audit entry, in one transaction that re-reads Warden's
   * side. For an alert-only tier the alert is raised there too. Null when this
   * drift is already recorded and in hand (or done).
   */
  private async record(obs: Observation, response: TripwireResponse) {
    return this.deps.transaction(async (tx) => {
      const now = this.clock.now();
      // judged against what executions have committed, none half-way (src/accounts/lock.ts)
      await lockAccount(tx, obs.accountId);
      const { accounts, inFlight } = await this.wardenView(tx, [obs.accountId]);
      const account = accounts.get(obs.accountId);
      if (!account) return null;
      const expected = expectedOf(account);
      if (!isDrift(expected, obs, inFlight.has(obs.accountId))) return null;

      const existing = await tx.selectFrom('tripwire_drifts').selectAll().where('account_id', '=', obs.accountId).where('platform_version', '=', obs.version).executeTakeFirst();
      if (existing) {
        // a revert that failed, or one abandoned by a crash, is tried again; anything else is done or in hand
        const retry = existing.state === 'revert_failed' || (existing.state === 'detected' && existing.detected_at <= now - ABANDONED_MS);
        if (!retry || response !== 'revert') return null;
        return { driftId: existing.id, expected, account, detectedAt: existing.detected_at, alerted: null };
      }
      const inserted = await tx
        .insertInto('tripwire_drifts')
        .values({
          account_id: obs.accountId,
          platform_version: obs.version,
          tier: account.tier,
          detected_via: obs.via,
          response,
          state: 'detected',
          expected: toJson(expected),
          observed: toJson({ status: obs.status, statusUntil: obs.statusUntil }),
          evidence: toJson(obs.evidence),
          changed_at: obs.changedAt,
          detected_at: now,
          reverted_at: null,
          revert_version: null,
          alert_id: null,
          error: null,
        })
        .onConflict((oc) => oc.columns(['account_id', 'platform_version']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return null; // another process recorded it first
      await this.audit.append(tx, driftDetected(obs, expected, account.platformVersion, response, inserted.id));
      let alerted: DriftOutcome | null = null;
      if (response === 'alert') {
        const alert = await this.alerts.raise(tx, {
          kind: 'unauthorized_change',
          severity: account.tier === 'standard' ? 'warning' : 'critical',
          subject: { type: 'account', id: obs.accountId },
          summary: `Unauthorized change on ${account.tier} account @${account.handle} (${obs.accountId}): ${describeState(expected)} → ${describeState(obs)}; not reverted (alert only for this tier)`,
          details: alertDetails(obs, account, expected, now, { did: 'alerted only (tier configured so)', driftId: inserted.id }),
        });
        const state = nextDriftState('detected', { type: 'alerted' });
        await tx.updateTable('tripwire_drifts').set({ state, alert_id: alert.id }).where('id', '=', inserted.id).execute();
        alerted = { driftId: inserted.id, accountId: obs.accountId, version: obs.version, state, response, changedAt: obs.changedAt, detectedAt: now, revertedAt: null, alertId: alert.id };
      }
      return { driftId: inserted.id, expected, account, detectedAt: now, alerted };
    });
  }

  private emit(m: DriftMeasure): void {
    for (const listener of this.measured) {
      try {
        listener(m);
      } catch {
        // a metrics listener never fails the tripwire
      }
    }
  }

  /** Recorded drifts, newest first. */
  async list(db: Db, opts: { accountId?: string; limit?: number } = {}) {
    let q = db.selectFrom('tripwire_drifts').selectAll().orderBy('id', 'desc').limit(Math.min(Math.max(opts.limit ?? 100, 1), 1000));
    if (opts.accountId) q = q.where('account_id', '=', opts.accountId);
    return (await q.execute()).map((r) => ({
      id: r.id,
      accountId: r.account_id,
      platformVersion: r.platform_version,
      tier: r.tier,
      via: r.detected_via,
      response: r.response,
      state: r.state,
      expected: fromJson(r.expected),
      observed: fromJson(r.observed),
      evidence: fromJson(r.evidence),
      changedAt: r.changed_at,
      detectedAt: r.detected_at,
      revertedAt: r.reverted_at,
      alertId: r.alert_id,
      error: r.error,
    }));
  }
}

function expectedOf(a: WardenView): AccountState {
  return { status: a.status, statusUntil: a.statusUntil };
}

/** What on-call reads: the account, what changed, when, the evidence, and what Warden did. */
function alertDetails(obs: Observation, account: WardenView, expected: AccountState, detectedAt: number, did: Record<string, unknown>): Record<string, unknown> {
  return {
    account: { id: account.id, handle: account.handle, displayName: account.displayName, tier: account.tier },
    change: { from: expected, to: { status: obs.status, statusUntil: obs.statusUntil }, platformVersion: obs.version },
    changedAt: instantText(obs.changedAt),
    detectedAt: instantText(detectedAt),
    detectedVia: obs.via,
    evidence: obs.evidence,
    ...did,
  };
}
