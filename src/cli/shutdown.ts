/**
 * How `warden start` stops on SIGTERM/SIGINT, within a bound whatever hangs:
 *
 * 1. at once: `/readyz` answers 503 and the listener closes (new connections are refused);
 * 2. requests in flight are answered (their work has committed or will): up to most of the budget;
 * 3. then the workers stop; an outbox send still waiting on the platform at the deadline
 *    is abandoned — its row stays pending under its claim and is sent again when the claim
 *    lapses (the outbox key makes the repeat safe on the platform's side);
 * 4. the store closes; the process exits 0.
 *
 * A hard timer exits 0 at the bound even if a step never returns (a hung
 * platform, a store that does not answer). Real time, not the injected clock:
 * this is the process's own lifetime, not a domain instant.
 */
import type { Logger } from 'pino';
import type { RunningServer } from '../http/server.js';

export interface Stoppable {
  stop(): Promise<void>;
}

export interface ShutdownParts {
  logger: Logger;
  timeoutMs: number;
  /** flips `/readyz` to 503 */
  markShuttingDown(): void;
  server: RunningServer;
  workers: Stoppable;
  /** closes the store (after the workers) */
  closeStore(): Promise<void>;
  /** anything beside Warden in this process (the embedded reference platform) */
  closeRest?(): Promise<void>;
  exit(code: number): void;
}

/** share of the budget requests in flight may take; the rest is for the workers and the store */
const REQUEST_SHARE = 0.6;

/** Resolves with false when `p` is not done by `deadline` (epoch ms); `p` is left to run, abandoned. */
async function until(p: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), Math.max(0, deadline - Date.now()))));
  try {
    return await Promise.race([p.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function shutdown(parts: ShutdownParts, signal: string): Promise<void> {
  const { logger, timeoutMs } = parts;
  const start = Date.now();
  const end = start + timeoutMs;
  // the bound holds even if a step below never settles; unref: it must not itself keep the process up
  const hard = setTimeout(() => {
    logger.warn({ signal, timeoutMs }, 'shutdown bound reached; exiting');
    parts.exit(0);
  }, timeoutMs);
  hard.unref();
  logger.info({ signal, timeoutMs }, 'shutting down: no new connections; finishing requests in flight');
  parts.markShuttingDown();

  const step = async (name: string, p: () => Promise<unknown>, deadline: number) => {
    try {
      if (!(await until(p(), deadline))) logger.warn({ step: name, afterMs: Date.now() - start }, 'shutdown step abandoned at its deadline');
    } catch (err) {
      logger.error({ err, step: name }, 'shutdown step failed');
    }
  };
  // the server cuts connections still busy at its own deadline, so this step always settles
  await step('requests in flight', async () => {
    if (!(await parts.server.drain(start + timeoutMs * REQUEST_SHARE))) logger.warn('requests still in flight at the deadline were cut');
  }, end);
  // workers after the server: a request answered above may have queued a send the dispatcher would start
  const margin = Math.min(500, timeoutMs * 0.1);
  await step('workers', () => parts.workers.stop(), end - margin * 2);
  await step('store', () => parts.closeStore(), end - margin);
  if (parts.closeRest) await step('embedded platform', () => parts.closeRest!(), end);
  clearTimeout(hard);
  logger.info({ signal, tookMs: Date.now() - start }, 'shut down');
  parts.exit(0);
}
