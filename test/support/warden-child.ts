/**
 * A Warden process for tests that need a real, separate process (kill -9,
 * several processes on one store): opens the app on the store named on the
 * command line, serves HTTP on a free loopback port, and prints one JSON line
 * `{"url": "...", "pid": ...}` when it is ready.
 *
 *   node --import tsx test/support/warden-child.ts <sqlite file | postgres url> [pg schema]
 *
 * WARDEN_CHILD (JSON, optional) asks for more, as `warden start` does it:
 * `config` (top-level settings over the test defaults), `seedDemo` (seed the
 * demo with this many accounts before serving; with `seedGate`, only once the
 * test has created that file), `workers` (run the workers).
 */
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { type Config } from '../../src/config.js';
import { testConfig } from '../../src/test-config.js';
import { AppContext } from '../../src/context.js';
import { startHttp } from '../../src/http/server.js';
import { demoWardenAccounts, seedDemo } from '../../src/demo/seed.js';
import { startWorkers } from '../../src/workers/index.js';
import type { Periodic } from '../../src/workers/periodic.js';

const [url, schema] = process.argv.slice(2);
if (!url) {
  process.stderr.write('usage: warden-child.ts <database url> [schema]\n');
  process.exit(2);
}

// Errors go to stderr, where the test shows them on failure.
// The defaults a real deployment gets (SQLite synchronous=FULL), not the faster test harness settings.
const asked = JSON.parse(process.env.WARDEN_CHILD ?? '{}') as { config?: Partial<Config>; seedDemo?: number; seedGate?: string; workers?: boolean };
const config = testConfig(url, asked.config ?? {});
const ctx = await AppContext.create(config, { schema: schema || undefined, logger: pino({ level: process.env.WARDEN_TEST_LOG ?? 'error' }, pino.destination(2)) });
if (asked.seedGate) {
  // processes told to start seeding together: each says it is waiting, then all go when the test opens the gate
  fs.writeFileSync(`${asked.seedGate}.${process.pid}`, '');
  while (!fs.existsSync(asked.seedGate)) await sleep(5);
}
const seeded = asked.seedDemo === undefined ? undefined : await seedDemo(ctx, demoWardenAccounts(asked.seedDemo));
const server = await startHttp(ctx, 0, '127.0.0.1');
const workers: Periodic | undefined = asked.workers ? startWorkers(ctx) : undefined;
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid, holder: ctx.leases.holder, ...(seeded === undefined ? {} : { seeded }) })}\n`);

const stop = async () => {
  await server.close();
  await workers?.stop();
  await ctx.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
