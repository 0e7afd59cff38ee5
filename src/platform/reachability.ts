/**
 * Whether the platform is being reached, as delivery sees it. One row in the
 * store (migration 013), shared by every Warden instance, so an outage is
 * alerted once when it starts — with how many actions are queued — and once
 * when it ends, whichever instance notices first: the transition is made under
 * the row's lock and only the instance that makes it raises the alert.
 *
 * An outage is sends failing to reach the platform (network errors, timeouts,
 * 5xx, 429) for `outageAfterMs` with none getting through: one refused
 * connection is a blip, not an outage. A deterministic refusal (a 400) is an
 * answer, so the platform counts as reached.
 */
import type { AlertService } from '../alerts/service.js';
import { instantText } from '../bounds.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';

export type ReachabilityState = 'reachable' | 'unreachable';

export interface Reachability {
  state: ReachabilityState;
  /** the first failed send since the last one that got through; null while sends get through */
  failingSince: number | null;
  /** when the outage was declared; null while reachable */
  unreachableSince: number | null;
  lastError: string | null;
  alertId: number | null;
}

export type ReachabilityEvent = { type: 'reached' } | { type: 'failed'; error: string };

/** What a transition asks of the caller besides writing the new state. */
export type Announcement = 'outage' | 'recovery' | null;

/** The lifecycle as a function: the next state (null: nothing changes) and what to announce. Pure. */
export function nextReachability(
  cur: Reachability,
  e: ReachabilityEvent,
  now: number,
  outageAfterMs: number,
): { next: Reachability; announce: Announcement } | null {
  if (e.type === 'reached') {
    if (cur.state === 'unreachable') return { next: { ...REACHABLE, lastError: cur.lastError }, announce: 'recovery' };
    return cur.failingSince === null ? null : { next: { ...cur, failingSince: null }, announce: null };
  }
  const failingSince = cur.failingSince ?? now;
  if (cur.state === 'reachable' && now - failingSince >= outageAfterMs) {
    return { next: { ...cur, state: 'unreachable', failingSince, unreachableSince: now, lastError: e.error }, announce: 'outage' };
  }
  // keep the first error of a stretch: the one that says how it began
  return cur.failingSince === null ? { next: { ...cur, failingSince, lastError: e.error }, announce: null } : null;
}

const REACHABLE: Reachability = { state: 'reachable', failingSince: null, unreachableSince: null, lastError: null, alertId: null };

/** What /readyz and /metrics show. */
export interface DeliveryHealth {
  platform: Reachability;
  /** platform actions waiting to be delivered */
  queued: number;
  /** when the oldest of them was queued; null when none is */
  oldestQueuedAt: number | null;
  /** how long the oldest has waited; 0 when none does */
  oldestQueuedAgeMs: number;
}

export class PlatformReachability {
  constructor(
    private readonly alerts: Pick<AlertService, 'raise'>,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    private readonly outageAfterMs: number,
  ) {}

  /** Record what a batch of sends found; raises the outage (or recovery) alert when this call makes the transition. */
  async observe(db: Db, e: ReachabilityEvent): Promise<Announcement> {
    return inTransaction(db, async (tx) => {
      const now = this.clock.now();
      const cur = await this.read(tx, true);
      const step = nextReachability(cur, e, now, this.outageAfterMs);
      if (!step) return null;
      let alertId = step.next.alertId;
      if (step.announce === 'outage') alertId = await this.announceOutage(tx, step.next, now);
      if (step.announce === 'recovery') await this.announceRecovery(tx, cur, now);
      await tx
        .updateTable('platform_reachability')
        .set({
          state: step.next.state,
          failing_since: step.next.failingSince,
          unreachable_since: step.next.unreachableSince,
          last_error: step.next.lastError,
          alert_id: alertId,
          changed_at: now,
        })
        .where('id', '=', 1)
        .execute();
      return step.announce;
    });
  }

  async health(db: Db): Promise<DeliveryHealth> {
    const platform = await this.read(db, false);
    const { queued, oldest } = await queuedActions(db);
    return { platform, queued, oldestQueuedAt: oldest, oldestQueuedAgeMs: oldest === null ? 0 : Math.max(0, this.clock.now() - oldest) };
  }

  private async read(db: Db, lock: boolean): Promise<Reachability> {
    const q = db.selectFrom('platform_reachability').selectAll().where('id', '=', 1);
    const row = await (lock && this.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
    if (!row) return REACHABLE;
    return {
      state: row.state,
      failingSince: row.failing_since,
      unreachableSince: row.unreachable_since,
      lastError: row.last_error,
      alertId: row.alert_id,
    };
  }

  private async announceOutage(tx: Db, r: Reachability, now: number): Promise<number> {
    const { queued, oldest } = await queuedActions(tx);
    const alert = await this.alerts.raise(tx, {
      kind: 'platform_unreachable',
      severity: 'critical',
      subject: { type: 'platform', id: 'platform' },
      summary:
        `The platform is unreachable: sends have failed since ${instantText(r.failingSince ?? now)}; ` +
        `${queued} action${queued === 1 ? '' : 's'} queued, delivered when it is back: ${r.lastError ?? ''}`,
      details: {
        failingSince: instantText(r.failingSince ?? now),
        declaredAt: instantText(now),
        queued,
        oldestQueuedAt: oldest === null ? null : instantText(oldest),
        error: r.lastError,
      },
    });
    return alert.id;
  }

  private async announceRecovery(tx: Db, was: Reachability, now: number): Promise<void> {
    const { queued } = await queuedActions(tx);
    const since = was.failingSince ?? was.unreachableSince ?? now;
    await this.alerts.raise(tx, {
      kind: 'platform_reachable',
      severity: 'info',
      subject: { type: 'platform', id: 'platform' },
      summary: `The platform is reachable again after ${Math.round((now - since) / 1000)} s; ${queued} action${queued === 1 ? '' : 's'} still queued, being delivered`,
      details: { failingSince: instantText(since), recoveredAt: instantText(now), queued, outageAlertId: was.alertId, lastError: was.lastError },
    });
  }
}

async function queuedActions(db: Db): Promise<{ queued: number; oldest: number | null }> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('state', '=', 'pending')
    .where('kind', '=', 'platform_action')
    .executeTakeFirstOrThrow();
  return { queued: Number(row.n), oldest: row.oldest === null ? null : Number(row.oldest) };
}
