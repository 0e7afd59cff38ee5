/** A job run every `intervalMs`, never overlapping itself; errors are logged, never fatal. */
import type { Logger } from 'pino';

export interface Periodic {
  stop(): Promise<void>;
}

export function every(name: string, intervalMs: number, job: () => Promise<unknown>, logger: Logger): Periodic {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = job()
      .catch((err) => logger.error({ err, worker: name }, 'worker run failed'))
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      if (running) await running;
    },
  };
}
