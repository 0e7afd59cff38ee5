/**
 * tripwire.revert: unauthorized changes made directly on the reference
 * platform over loopback; the time from each change to the platform confirming
 * Warden's revert (the platform's own change log announces it).
 *
 * Two lines per store:
 * - `path: "webhook"`: Warden's HTTP server receives the platform's signed
 *   webhook and reverts. Changes one after another on distinct critical accounts.
 *   Baseline, same run: the same two platform calls (the change, then a revert
 *   sent at once by the bench itself) with no Warden in between.
 * - `path: "reconciliation"`: webhooks switched off; 100k protected accounts
 *   (10k with --quick); the reconciler runs on its default 5 s interval, and
 *   changes land at random moments of its cycle. Also reports how long one pass
 *   over all protected accounts takes, against the platform's bulk read alone.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppContext } from '../src/context.js';
import { PLATFORM_WEBHOOK_PATH } from '../src/http/routes/tripwires.js';
import { startHttp } from '../src/http/server.js';
import { ACCOUNT_STATES_MAX } from '../src/platform/adapter.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../src/platform/reference/server.js';
import { reconcileOnce } from '../src/tripwires/reconcile.js';
import { every } from '../src/workers/periodic.js';
import { type Bench, type BenchLine, benchConfig, freshStore, peakRssMb, quantile, round, silentLogger } from './support.js';

const ADMIN = 'bench-platform-admin-token';
const SECRET = 'whsec_YmVuY2gtd2ViaG9vay1zZWNyZXQ=';

/** Resolves with performance.now() when the platform applies an admin (Warden) change to the account. */
function revertOf(platform: RunningReferencePlatform, accountId: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no revert of ${accountId} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = platform.store.onChange((e) => {
      if (e.accountId === accountId && e.source === 'admin_api') {
        clearTimeout(timer);
        off();
        resolve(performance.now());
      }
    });
  });
}

async function directChange(platform: RunningReferencePlatform, accountId: string): Promise<void> {
  const res = await fetch(`${platform.url}/admin/accounts/${accountId}/direct`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'deactivated' }),
  });
  await res.body?.cancel();
  if (res.status !== 200) throw new Error(`direct change: HTTP ${res.status}`);
}

export const tripwireRevert: Bench = {
  name: 'tripwire.revert',
  describe: 'direct change on the platform → reverted by Warden, confirmed by the platform (webhook path; reconciliation alone at 100k protected)',
  async run(kind, opts): Promise<BenchLine[]> {
    const n = opts.quick ? 30 : 300;
    const protectedCount = opts.quick ? 10_000 : 100_000;
    const reconChanges = opts.quick ? 4 : 20;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-bench-tripwire-'));
    const platform = await startReferencePlatform({ port: 0, dbPath: path.join(dir, 'platform.db'), adminToken: ADMIN, webhookSecret: SECRET });
    const store = await freshStore(kind, 'tripwire');
    const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN, timeoutMs: 10_000 });
    const config = benchConfig(store.spec.url, { WARDEN_PLATFORM_URL: platform.url, WARDEN_PLATFORM_ADMIN_TOKEN: ADMIN, WARDEN_PLATFORM_WEBHOOK_SECRET: SECRET });
    const ctx = await AppContext.create(config, { schema: store.spec.schema, logger: silentLogger, platform: adapter });
    const server = await startHttp(ctx, 0, '127.0.0.1');
    try {
      // setup, not measured: accounts on both sides, written directly
      const now = Date.now();
      const ids = Array.from({ length: protectedCount }, (_, i) => `prot_${String(i).padStart(6, '0')}`);
      const accounts = ids.map((id, i) => ({ id, handle: `p${i}`, displayName: `Protected ${i}`, followers: 200_000 + i, verified: true }));
      for (let i = 0; i < accounts.length; i += 10_000) platform.store.upsertAccounts(accounts.slice(i, i + 10_000), now);
      for (let i = 0; i < ids.length; i += 1000) {
        await ctx.db
          .insertInto('accounts')
          .values(ids.slice(i, i + 1000).map((id, j) => ({ id, handle: `p${i + j}`, display_name: `Protected ${i + j}`, followers: 200_000, verified: 1, tier: i + j < 1000 ? 'critical' : 'elevated', status: 'active', status_until: null, platform_version: 1, created_at: now, updated_at: now })))
          .execute();
      }
      opts.log(`tripwire.revert ${kind}: ${protectedCount} protected accounts seeded`);

      // --- webhook path
      const hook = `${server.url}${PLATFORM_WEBHOOK_PATH}`;
      platform.webhooks.subscribe(hook);
      const one = async (i: number) => {
        const reverted = revertOf(platform, ids[i]!, 10_000);
        const t0 = performance.now();
        await directChange(platform, ids[i]!);
        return (await reverted) - t0;
      };
      for (let i = 0; i < 5; i++) await one(i); // warm-up
      const lat: number[] = [];
      for (let i = 5; i < n; i++) lat.push(await one(i));
      platform.webhooks.unsubscribe(hook);
      await platform.webhooks.idle();

      // baseline: the change and an immediate revert, with nothing deciding it
      const base: number[] = [];
      for (let i = n; i < 2 * n - 5; i++) {
        const t0 = performance.now();
        await directChange(platform, ids[i]!);
        await adapter.applyAction({ accountId: ids[i]!, kind: 'set_status', status: 'active', reason: 'baseline' }, randomUUID());
        base.push(performance.now() - t0);
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const webhookLine: BenchLine = {
        bench: 'tripwire.revert',
        store: kind,
        path: 'webhook',
        ops_per_s: round(1000 / mean(lat)),
        baseline_ops_per_s: round(1000 / mean(base)),
        ratio: round(mean(base) / mean(lat), 3),
        median_ms: round(quantile(lat, 0.5), 2),
        p99_ms: round(quantile(lat, 0.99), 2),
        baseline_median_ms: round(quantile(base, 0.5), 2),
        baseline_p99_ms: round(quantile(base, 0.99), 2),
        operations: lat.length,
        target: 'median ≤ 100 ms, p99 ≤ 1000 ms',
        meets_target: quantile(lat, 0.5) <= 100 && quantile(lat, 0.99) <= 1000,
        baseline: 'the direct change and a revert sent at once by the bench, no Warden',
      };
      opts.log(`tripwire.revert ${kind} webhook: median ${webhookLine.median_ms} ms, p99 ${webhookLine.p99_ms} ms`);

      // --- reconciliation alone: how long a pass takes, then changes caught by the running reconciler
      const passes: number[] = [];
      for (let i = 0; i < 3; i++) passes.push((await reconcileOnce(ctx)).ms);
      const reads: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        for (let j = 0; j < ids.length; j += ACCOUNT_STATES_MAX) await adapter.getAccountStates(ids.slice(j, j + ACCOUNT_STATES_MAX));
        reads.push(performance.now() - t0);
      }
      // as the worker runs it (src/workers/tripwires.ts)
      const interval = ctx.config.tripwires.reconcileIntervalMs;
      const reconciler = every('bench-reconciler', interval, () => reconcileOnce(ctx, { paceMs: interval * 0.8 }), silentLogger);
      const recon: number[] = [];
      try {
        for (let k = 0; k < reconChanges; k++) {
          await sleep(Math.floor(Math.random() * ctx.config.tripwires.reconcileIntervalMs));
          // spread over the id range, so some changes sit late in a pass
          const id = ids[Math.floor(((k + 0.5) / reconChanges) * (ids.length - 2 * n)) + 2 * n]!;
          const reverted = revertOf(platform, id, 30_000);
          const t0 = performance.now();
          await directChange(platform, id);
          recon.push((await reverted) - t0);
        }
      } finally {
        await reconciler.stop();
      }
      const passMs = quantile(passes, 0.5);
      const readMs = quantile(reads, 0.5);
      const reconLine: BenchLine = {
        bench: 'tripwire.revert',
        store: kind,
        path: 'reconciliation',
        protected_accounts: protectedCount,
        interval_ms: ctx.config.tripwires.reconcileIntervalMs,
        ops_per_s: round((protectedCount / passMs) * 1000),
        baseline_ops_per_s: round((protectedCount / readMs) * 1000),
        ratio: round(readMs / passMs, 3),
        median_ms: round(quantile(recon, 0.5), 1),
        p99_ms: round(quantile(recon, 0.99), 1),
        pass_ms: round(passMs, 1),
        baseline_pass_ms: round(readMs, 1),
        operations: recon.length,
        peak_rss_mb: peakRssMb(),
        target: 'p99 ≤ 6000 ms at 100k protected accounts',
        meets_target: quantile(recon, 0.99) <= 6000,
        baseline: "ops_per_s: accounts checked per second in a pass; baseline: the platform's bulk state read alone",
      };
      opts.log(`tripwire.revert ${kind} reconciliation: median ${reconLine.median_ms} ms, p99 ${reconLine.p99_ms} ms, pass ${reconLine.pass_ms} ms`);
      return [webhookLine, reconLine];
    } finally {
      await server.close();
      await ctx.close();
      await store.cleanup();
      await platform.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
