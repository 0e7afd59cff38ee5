/** The tripwires' background work: the reconciliation pass, and reminders for alerts nobody acknowledged. */
import type { AppContext } from '../context.js';
import { reconcileOnce } from '../tripwires/reconcile.js';
import { pruneMessageIds } from '../tripwires/webhook.js';
import type { Periodic } from './periodic.js';
import { everyAsSingleton } from './singleton.js';

export function startTripwireWorkers(ctx: AppContext): Periodic {
  const lease = { leases: ctx.leases, logger: ctx.logger };
  const reconciler = everyAsSingleton(
    'tripwire-reconciler',
    ctx.config.tripwires.reconcileIntervalMs,
    async () => {
      // paced over most of the interval: every account is looked at once an interval
      const r = await reconcileOnce(ctx, { paceMs: ctx.config.tripwires.reconcileIntervalMs * 0.8 });
      if (r.drifts.length > 0 || r.missing > 0) ctx.logger.warn({ checked: r.checked, missing: r.missing, drifts: r.drifts.length, ms: Math.round(r.ms) }, 'tripwire reconciliation found drift');
      await pruneMessageIds(ctx.db, ctx.clock.now(), ctx.config.tripwires.webhookToleranceMs);
    },
    lease,
  );
  const renotifier = everyAsSingleton(
    'alert-renotifier',
    Math.min(ctx.config.alerts.renotifyMs, 10_000),
    async () => {
      const ids = await ctx.transaction((tx) => ctx.alerts.renotifyDue(tx, ctx.config.alerts.renotifyMs));
      if (ids.length > 0) ctx.logger.warn({ alerts: ids }, 'unacknowledged alerts sent again');
    },
    lease,
  );
  return {
    async stop() {
      await reconciler.stop();
      await renotifier.stop();
    },
  };
}
