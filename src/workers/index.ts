/**
 * The background work a Warden process runs beside its HTTP server. Several
 * instances may run it on one store: the outbox is claimed per row, and the
 * rest is singleton work, each job under its lease (src/workers/lease.ts).
 */
import type { AppContext } from '../context.js';
import type { Periodic } from './periodic.js';
import { everyAsSingleton } from './singleton.js';
import { runSchedulerOnce } from './scheduler.js';
import { createDispatcher } from './delivery.js';
import { startAuditWorkers } from '../audit/index.js';
import { startTripwireWorkers } from './tripwires.js';
import { raiseOverdueAppeals } from '../appeals/overdue.js';

/** One flush takes a bounded number of rows: a backlog is worked through in a few rounds, each its own transaction. */
async function inRounds(flush: () => Promise<unknown[]>, rounds = 20): Promise<number> {
  let queued = 0;
  for (let round = 0; round < rounds; round++) {
    const made = (await flush()).length;
    queued += made;
    if (made === 0) break;
  }
  return queued;
}

export function startWorkers(ctx: AppContext): Periodic {
  const lease = { leases: ctx.leases, logger: ctx.logger };
  const reaper = everyAsSingleton(
    'lease-reaper',
    ctx.config.queues.reapIntervalMs,
    async () => {
      const n = await ctx.transaction((tx) => ctx.cases.reapExpiredLeases(tx));
      if (n > 0) ctx.logger.info({ released: n }, 'expired case leases released');
    },
    lease,
  );
  const scheduler = everyAsSingleton(
    'scheduler',
    ctx.config.scheduler.intervalMs,
    async () => {
      const r = await runSchedulerOnce(ctx);
      if (r.executed.length + r.accessEnded.length + r.expired > 0) ctx.logger.info(r, 'scheduler run');
    },
    lease,
  );
  const signInHousekeeping = everyAsSingleton(
    'sign-in-housekeeping',
    60_000,
    async () => {
      await ctx.transaction((tx) => ctx.sessions.purgeExpired(tx));
      await ctx.requestLimits.purgeEnded(ctx.db);
      // stored answers to idempotency keys outlive any client's retries, then go
      await ctx.transaction((tx) => ctx.idempotency.purgeExpired(tx));
    },
    lease,
  );
  const overdueAppeals = everyAsSingleton(
    'appeals-overdue',
    ctx.config.appeals.overdueCheckIntervalMs,
    async () => {
      const deps = { alerts: ctx.alerts, audit: ctx.audit, clock: ctx.clock, dialect: ctx.store.dialect };
      const raised = await ctx.transaction((tx) => raiseOverdueAppeals(tx, deps, ctx.config.appeals.decideWithinMs));
      if (raised.length > 0) ctx.logger.warn({ appeals: raised }, 'appeals not decided in time: alerted');
    },
    lease,
  );
  // reporters hear of their reports in batches: what waited since the last run goes out together
  const reporterOutcomes = everyAsSingleton(
    'reporter-outcomes',
    ctx.config.notices.reporterBatchMs,
    async () => {
      const queued = await inRounds(() => ctx.transaction((tx) => ctx.notices.flushReporterOutcomes(tx)));
      if (queued > 0) ctx.logger.info({ batches: queued }, 'reporter outcomes queued');
    },
    lease,
  );
  // statements of reasons leave for the Transparency Database in batches of up to 100 (none while it is not configured)
  const statementBatches = everyAsSingleton(
    'statement-batches',
    ctx.config.dsa.batchMs,
    async () => {
      const queued = await inRounds(() => ctx.transaction((tx) => ctx.statements.flush(tx)));
      if (queued > 0) ctx.logger.info({ batches: queued }, 'statements of reasons queued');
    },
    lease,
  );
  // what staff chose to hear of in a digest: one message per person, at most every digestEveryMs
  const staffDigests = everyAsSingleton(
    'staff-digests',
    ctx.config.staffNotifications.digestEveryMs,
    async () => {
      const queued = await inRounds(() => ctx.transaction((tx) => ctx.staffNotifications.flushDigests(tx)));
      if (queued > 0) ctx.logger.info({ messages: queued }, 'staff digests queued');
    },
    lease,
  );
  const dispatcher = createDispatcher(ctx);
  dispatcher.start(ctx.config.delivery.intervalMs);
  const treeHeads = startAuditWorkers(ctx);
  const tripwires = startTripwireWorkers(ctx);
  return {
    async stop() {
      await treeHeads.stop();
      await tripwires.stop();
      await reaper.stop();
      await scheduler.stop();
      await signInHousekeeping.stop();
      await overdueAppeals.stop();
      await reporterOutcomes.stop();
      await statementBatches.stop();
      await staffDigests.stop();
      await dispatcher.stop();
    },
  };
}
