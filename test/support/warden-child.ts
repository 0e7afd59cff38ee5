/**
 * A Warden process for tests that need a real, separate process (kill -9,
 * several processes on one store): opens the app on the store named on the
 * command line, serves HTTP on a free loopback port, and prints one JSON line
 * `{"url": "...", "pid": ...}` when it is ready.
 *
 *   node --import tsx test/support/warden-child.ts <sqlite file | postgres url> [pg schema]
 */
import pino from 'pino';
import { testConfig } from '../../src/config.js';
import { AppContext } from '../../src/context.js';
import { startHttp } from '../../src/http/server.js';

const [url, schema] = process.argv.slice(2);
if (!url) {
  process.stderr.write('usage: warden-child.ts <database url> [schema]\n');
  process.exit(2);
}

// Errors go to stderr, where the test shows them on failure.
// The defaults a real deployment gets (SQLite synchronous=FULL), not the faster test harness settings.
const config = testConfig(url);
const ctx = await AppContext.create(config, { schema: schema || undefined, logger: pino({ level: process.env.WARDEN_TEST_LOG ?? 'error' }, pino.destination(2)) });
const server = await startHttp(ctx, 0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);

const stop = async () => {
  await server.close();
  await ctx.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
