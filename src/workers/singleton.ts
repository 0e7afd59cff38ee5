/**
 * Periodic work that one instance does at a time: each run starts only while
 * this process holds the job's lease (taken or renewed just before), the
 * lease is renewed while a run lasts, and it is released at stop so another
 * instance takes over at once. A process that dies simply stops renewing:
 * when its term runs out, the next instance to try takes the work over.
 */
import type { Logger } from 'pino';
import type { Leases } from './lease.js';
import { type Periodic, every } from './periodic.js';

export interface SingletonOptions {
  leases: Leases;
  logger: Logger;
  /** also run once at start (when the lease is free), not only after the first interval */
  immediately?: boolean;
}

export function everyAsSingleton(name: string, intervalMs: number, job: () => Promise<unknown>, opts: SingletonOptions): Periodic {
  const { leases, logger } = opts;
  let held = false;
  let running: Promise<unknown> | null = null;
  const run = async () => {
    const term = await leases.hold(name);
    if (!term) {
      if (held) logger.info({ worker: name }, 'singleton lease taken over by another instance');
      held = false;
      return;
    }
    if (!held) logger.info({ worker: name, generation: term.generation }, 'singleton lease taken: this instance does the work');
    held = true;
    // a run longer than a third of the term renews it, so it never runs out under a live holder
    const renew = setInterval(() => void leases.hold(name).catch((err) => logger.warn({ err, worker: name }, 'lease renewal failed')), Math.max(leases.ttlMs / 3, 50));
    renew.unref();
    try {
      await job();
    } finally {
      clearInterval(renew);
    }
  };
  // never overlapping itself, the first run included
  const once = () => {
    if (!running) running = run().finally(() => (running = null));
    return running;
  };
  const first = opts.immediately ? once().catch((err) => logger.error({ err, worker: name }, 'worker run failed')) : null;
  const periodic = every(name, intervalMs, once, logger);
  return {
    async stop() {
      await first;
      await periodic.stop();
      if (running) await running.catch(() => {});
      if (held) await leases.release(name).catch((err) => logger.warn({ err, worker: name }, 'lease release failed'));
      held = false;
    },
  };
}
