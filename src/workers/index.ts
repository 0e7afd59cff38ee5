/** The background work a Warden process runs beside its HTTP server. */
import type { AppContext } from '../context.js';
import { type Periodic, every } from './periodic.js';

export function startWorkers(ctx: AppContext): Periodic {
  const reaper = every(
    'lease-reaper',
    ctx.config.queues.reapIntervalMs,
    async () => {
      const n = await ctx.transaction((tx) => ctx.cases.reapExpiredLeases(tx));
      if (n > 0) ctx.logger.info({ released: n }, 'expired case leases released');
    },
    ctx.logger,
  );
  return { stop: () => reaper.stop() };
}
