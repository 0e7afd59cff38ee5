/**
 * delivery.throughput: how many executed actions a second the outbox
 * dispatcher delivers to the reference platform over loopback and records
 * (the row done, the action `delivered`, its audit entry), as a Warden process
 * runs it (`createDispatcher`, production configuration, SQLite FULL).
 *
 * The backlog is what mixed load leaves: `n` executed actions over `n / 3`
 * accounts (three queued per account, so per-account order is in play),
 * written directly as `Executor.execute` would write them. The dispatcher
 * drains it with `runOnce` until nothing is pending.
 *
 * Every platform call is answered 50 ms late (the reference platform's fault
 * switch), as a real platform's would be: an instant loopback platform hides
 * what a sequential sender costs.
 *
 * Baseline, same run: the platform calls alone, one after another (what a
 * sequential sender with no bookkeeping could do).
 *
 * `npx tsx bench/delivery-throughput.ts [sqlite|postgres] [n]` runs it alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM } from '../src/audit/model.js';
import { AppContext } from '../src/context.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { enqueue } from '../src/platform/outbox.js';
import { startReferencePlatform } from '../src/platform/reference/server.js';
import { createDispatcher } from '../src/workers/delivery.js';
import { type Bench, type BenchLine, type StoreKind, benchConfig, freshStore, peakRssMb, round, silentLogger } from './support.js';
import { toJson } from '../src/db/json.js';

const ADMIN = 'bench-platform-admin-token';
const KINDS = ['lock', 'limit', 'deactivate'] as const;

/** what each platform call costs on a real platform, as the reference platform's fault switch adds it */
const LATENCY_MS = 50;

async function setLatency(url: string, latencyMs: number): Promise<void> {
  const res = await fetch(`${url}/admin/fault`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ down: false, latencyMs }) });
  if (res.status !== 200) throw new Error(`fault switch: HTTP ${res.status}`);
}

async function measure(kind: StoreKind, n: number, log: (m: string) => void): Promise<BenchLine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-bench-delivery-'));
  const platform = await startReferencePlatform({ port: 0, dbPath: path.join(dir, 'platform.db'), adminToken: ADMIN, webhookSecret: 'whsec_YmVuY2gtd2ViaG9vay1zZWNyZXQ=' });
  const store = await freshStore(kind, 'delivery');
  const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN, timeoutMs: 5000 });
  const ctx = await AppContext.create(benchConfig(store.spec.url), { schema: store.spec.schema, logger: silentLogger, platform: adapter });
  try {
    const now = Date.now();
    const accountCount = Math.ceil(n / 3);
    const accounts = Array.from({ length: accountCount }, (_, i) => ({ id: `acct_${i}`, handle: `u${i}`, displayName: `User ${i}`, followers: 100 + i, verified: false, status: 'active' as const, statusUntil: null, version: 1, tier: 'standard' as const }));
    await ctx.transaction((tx) => ctx.accounts.importBatch(tx, SYSTEM, accounts));
    platform.store.upsertAccounts(accounts, now);
    // setup, not measured: n executed actions and their outbox rows, three per account in turn
    await ctx.transaction(async (tx) => {
      for (let i = 0; i < n; i++) {
        const id = `act_bench_${i}`;
        const accountId = `acct_${i % accountCount}`;
        const actionKind = KINDS[Math.floor(i / accountCount) % KINDS.length]!;
        await tx
          .insertInto('actions')
          .values({
            id, kind: actionKind, target_type: 'account', target_id: accountId, case_id: null, reason_code: 'spam', justification: 'bench backlog',
            params: '{}', state: 'executed', proposer_kind: 'system', proposer_id: 'warden', proposed_at: now, scheduled_for: null, expires_at: now + 86_400_000,
            prior_state: toJson({ status: 'active', statusUntil: null }), result_state: toJson({ status: actionKind === 'limit' ? 'limited' : actionKind === 'lock' ? 'locked' : 'deactivated', statusUntil: null }),
            executed_at: now, delivered_at: null, closed_reason: null, reverses_action_id: null, policy_version: 'bench', last_decision: null, followers: 0, updated_at: now,
          })
          .execute();
        await enqueue(tx, now, { kind: 'platform_action', key: id, payload: { actionId: id, request: { accountId, kind: actionKind, reason: `spam (warden action ${id})` } } });
      }
    });

    await setLatency(platform.url, LATENCY_MS);
    const dispatcher = createDispatcher(ctx);
    const t0 = performance.now();
    let rounds = 0;
    for (;;) {
      await dispatcher.runOnce();
      rounds++;
      const left = await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'pending').executeTakeFirstOrThrow();
      if (Number(left.n) === 0) break;
      if (rounds > 10 * n) throw new Error('the backlog does not drain');
    }
    const seconds = (performance.now() - t0) / 1000;
    const delivered = await ctx.db.selectFrom('actions').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'delivered').executeTakeFirstOrThrow();
    if (Number(delivered.n) !== n) throw new Error(`${delivered.n} of ${n} actions delivered`);
    // per-account order: each account's events in action order
    for (let a = 0; a < Math.min(accountCount, 50); a++) {
      const statuses = platform.store.eventsOf(`acct_${a}`).map((e) => e.after.status);
      const expected = KINDS.slice(0, statuses.length).map((k) => (k === 'limit' ? 'limited' : k === 'lock' ? 'locked' : 'deactivated'));
      if (statuses.join() !== expected.join()) throw new Error(`acct_${a} got ${statuses.join()} for ${expected.join()}`);
    }

    // baseline: the same number of platform calls, sequential, no bookkeeping
    const b0 = performance.now();
    for (let i = 0; i < n; i++) await adapter.applyAction({ accountId: `acct_${i % accountCount}`, kind: 'warn', reason: 'baseline' }, `baseline_${i}`);
    const baseline = n / ((performance.now() - b0) / 1000);

    const rate = n / seconds;
    log(`delivery.throughput ${kind}: ${n} rows in ${round(seconds, 2)} s over ${rounds} runs = ${round(rate)} rows/s (sequential platform calls alone: ${round(baseline)}/s)`);
    return {
      bench: 'delivery.throughput',
      store: kind,
      ops_per_s: round(rate),
      baseline_ops_per_s: round(baseline),
      ratio: round(rate / baseline, 2),
      rows: n,
      platform_latency_ms: LATENCY_MS,
      runs: rounds,
      target: '>= 11 rows/s (executed under mixed load)',
      meets_target: rate >= 11,
      peak_rss_mb: peakRssMb(),
    };
  } finally {
    await ctx.close();
    await platform.close();
    await store.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const deliveryThroughput: Bench = {
  name: 'delivery.throughput',
  describe: 'a backlog of executed actions (3 per account) delivered to the reference platform and recorded',
  async run(kind, opts): Promise<BenchLine[]> {
    return [await measure(kind, opts.quick ? 150 : 600, opts.log)];
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kinds: StoreKind[] = process.argv[2] ? [process.argv[2] as StoreKind] : ['sqlite', 'postgres'];
  const n = Number(process.argv[3] ?? 600);
  for (const k of kinds) console.log(JSON.stringify(await measure(k, n, (m) => process.stderr.write(`${m}\n`))));
}
