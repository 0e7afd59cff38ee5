/**
 * action.lifecycle: propose a deactivation of a critical account → two
 * distinct leads approve → it executes → the dispatcher delivers it to the
 * reference platform over loopback and records the delivery. One operation is
 * the whole chain, four transactions and one platform call.
 *
 * Baseline, measured in the same run: the platform call alone (the same
 * idempotent admin request over loopback, no Warden logic) — what delivering
 * the decision costs with nothing deciding it.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM } from '../src/audit/model.js';
import { AppContext } from '../src/context.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { startReferencePlatform } from '../src/platform/reference/server.js';
import type { Staff } from '../src/staff/model.js';
import { createDispatcher } from '../src/workers/delivery.js';
import { type Bench, type BenchLine, benchConfig, freshStore, peakRssMb, quantile, round, silentLogger } from './support.js';

const ADMIN = 'bench-platform-admin-token';

export const actionLifecycle: Bench = {
  name: 'action.lifecycle',
  describe: 'propose → 2 approvals → execute → delivered to the reference platform',
  async run(kind, opts): Promise<BenchLine[]> {
    const n = opts.quick ? 40 : 300;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-bench-platform-'));
    const platform = await startReferencePlatform({ port: 0, dbPath: path.join(dir, 'platform.db'), adminToken: ADMIN, webhookSecret: 'whsec_YmVuY2gtd2ViaG9vay1zZWNyZXQ=' });
    const store = await freshStore(kind, 'lifecycle');
    const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN, timeoutMs: 5000 });
    const ctx = await AppContext.create(benchConfig(store.spec.url), { schema: store.spec.schema, logger: silentLogger, platform: adapter });
    try {
      const now = Date.now();
      const accounts = Array.from({ length: n * 2 }, (_, i) => ({ id: `vip_${i}`, handle: `vip${i}`, displayName: `VIP ${i}`, followers: 1_000_000 + i, verified: true, status: 'active' as const, statusUntil: null, version: 0, tier: 'critical' as const }));
      await ctx.transaction((tx) => ctx.accounts.importBatch(tx, SYSTEM, accounts));
      platform.store.upsertAccounts(accounts, now);
      const leads: Staff[] = [];
      await ctx.transaction(async (tx) => {
        for (const k of ['a', 'b', 'c']) leads.push(await ctx.staff.seed(tx, { id: `stf_lead_${k}`, name: `lead ${k}`, email: `lead_${k}@bench`, role: 'lead', employment: 'employee', accessFrom: now - 1000 }));
      });
      const dispatcher = createDispatcher(ctx);
      const [proposer, first, second] = leads as [Staff, Staff, Staff];

      const one = async (i: number) => {
        const t0 = performance.now();
        const action = await ctx.transaction((tx) =>
          ctx.actions.propose(tx, proposer, { kind: 'deactivate', targetId: `vip_${i}`, reasonCode: 'harassment', justification: 'benchmark: credible threats reported' }),
        );
        await ctx.transaction((tx) => ctx.actions.decide(tx, first, action.id, 'approve', 'ok'));
        const executed = await ctx.transaction((tx) => ctx.actions.decide(tx, second, action.id, 'approve', 'ok'));
        if (executed.state !== 'executed') throw new Error(`action ${action.id} is ${executed.state}`);
        await dispatcher.runOnce();
        const delivered = await ctx.actions.get(ctx.db, action.id);
        if (delivered.state !== 'delivered') throw new Error(`action ${action.id} was not delivered (${delivered.state})`);
        return performance.now() - t0;
      };

      for (let i = 0; i < 5; i++) await one(i); // warm-up
      const lat: number[] = [];
      const t0 = performance.now();
      for (let i = 5; i < n; i++) lat.push(await one(i));
      const seconds = (performance.now() - t0) / 1000;

      // baseline: the same platform call, on the remaining accounts, with nothing deciding it
      const base: number[] = [];
      const b0 = performance.now();
      for (let i = n; i < 2 * n - 5; i++) {
        const s = performance.now();
        await adapter.applyAction({ accountId: `vip_${i}`, kind: 'deactivate', reason: 'baseline' }, randomUUID());
        base.push(performance.now() - s);
      }
      const baseSeconds = (performance.now() - b0) / 1000;
      const ops = lat.length / seconds;
      const baseOps = base.length / baseSeconds;
      opts.log(`action.lifecycle ${kind}: ${round(ops)} ops/s, p99 ${round(quantile(lat, 0.99), 2)} ms`);
      return [
        {
          bench: 'action.lifecycle',
          store: kind,
          ops_per_s: round(ops),
          baseline_ops_per_s: round(baseOps),
          ratio: round(ops / baseOps, 3),
          median_ms: round(quantile(lat, 0.5), 2),
          p99_ms: round(quantile(lat, 0.99), 2),
          baseline_p99_ms: round(quantile(base, 0.99), 2),
          operations: lat.length,
          peak_rss_mb: peakRssMb(),
          baseline: 'the platform admin call alone over loopback',
        },
      ];
    } finally {
      await ctx.close();
      await store.cleanup();
      await platform.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
