import fs from 'node:fs';
import path from 'node:path';
/** `warden start`: the service, its workers, and (for the demo) the reference platform beside it. */
import type { Config } from '../config.js';
import { AppContext } from '../context.js';
import { DEMO_PASSWORD, demoEmail, demoStaff, demoWardenAccounts, seedDemo, seedDemoCredentials } from '../demo/seed.js';
import { warmCompiler } from '../policy/compile-thread.js';
import { startHttp } from '../http/server.js';
import { PLATFORM_WEBHOOK_PATH } from '../http/routes/tripwires.js';
import { demoAccounts } from '../platform/reference/seed.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../platform/reference/server.js';
import { startWorkers } from '../workers/index.js';
import { shutdown } from './shutdown.js';

export async function runStart(config: Config): Promise<void> {
  let platform: RunningReferencePlatform | undefined;
  if (config.platform.embedded) {
    if (config.platform.dbPath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.platform.dbPath)), { recursive: true });
    platform = await startReferencePlatform({
      port: config.platform.port,
      dbPath: config.platform.dbPath,
      adminToken: config.platform.adminToken,
      webhookSecret: config.platform.webhookSecret,
      webhookUrls: [],
    });
  }
  const ctx = await AppContext.create(config);
  // the policy compiler's thread boots now, not when the first change_policy proposal waits on it
  warmCompiler();
  if (config.seedDemo) {
    const accounts = demoAccounts(2000);
    if (platform && !platform.store.getAccount(accounts[0]!.id)) platform.store.upsertAccounts(accounts, ctx.clock.now());
    if (await seedDemo(ctx, demoWardenAccounts(2000))) ctx.logger.info('seeded demo data');
    else await seedDemoCredentials(ctx);
  }
  const server = await startHttp(ctx);
  const workers = startWorkers(ctx);
  // the embedded platform tells Warden of every account change (tripwires)
  platform?.webhooks.subscribe(`${server.url}${PLATFORM_WEBHOOK_PATH}`);

  const lines = [
    '',
    `  Warden is running at ${config.publicUrl ?? server.url}  (store: ${ctx.store.dialect}, ${ctx.store.dialect === 'sqlite' ? config.databaseUrl : 'postgres'})`,
    `  OpenAPI: ${server.url}/openapi.json   metrics: ${server.url}/metrics`,
    platform ? `  Reference platform: ${platform.url}` : `  Platform: ${config.platform.url}`,
  ];
  if (config.seedDemo) {
    lines.push('', '  Demo logins (API tokens; use as  Authorization: Bearer <token>):');
    for (const s of demoStaff(ctx.clock.now())) {
      const until = s.accessUntil ? `  access ends ${new Date(s.accessUntil).toISOString()}` : '';
      lines.push(`    ${s.name.padEnd(18)} ${`${s.role}/${s.employment}`.padEnd(20)} ${s.token}${until}`);
    }
    lines.push(`    ${'platform service'.padEnd(18)} ${'service'.padEnd(20)} ${config.serviceToken}`);
    lines.push('', `  Console: ${config.publicUrl ?? server.url}/  — sign in with an email below, password ${DEMO_PASSWORD}, and a TOTP code:`);
    for (const s of demoStaff(ctx.clock.now())) lines.push(`    ${s.name.padEnd(18)} ${demoEmail(s.id)}`);
    lines.push(`  Code for a login:  npx warden staff totp EMAIL --code   (each demo secret is fixed: demoTotpSecret(email) in src/demo/seed.ts)`);
    lines.push('', `  Try:  curl -H 'Authorization: Bearer demo-lead-lee' ${server.url}/v1/cases`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');

  const stop = (signal: string) =>
    shutdown(
      {
        logger: ctx.logger,
        timeoutMs: config.shutdownTimeoutMs,
        markShuttingDown: () => (ctx.shuttingDown = true),
        server,
        workers,
        closeStore: () => ctx.close(),
        closeRest: platform ? () => platform.close() : undefined,
        exit: (code) => process.exit(code),
      },
      signal,
    );
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
