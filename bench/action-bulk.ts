/**
 * action.bulk: one bulk lock over N standard accounts, proposed → every
 * target executed → delivered to the reference platform over loopback. The
 * figure is accounts per second over the whole chain.
 *
 * Baseline, measured in the same run: the engine alone writing N rows of the
 * same shape (an id, the target, a state, the parameters as JSON) in one
 * transaction — what recording the decisions costs with nothing deciding them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM } from '../src/audit/model.js';
import { AppContext } from '../src/context.js';
import { HttpPlatformAdapter } from '../src/platform/http-adapter.js';
import { startReferencePlatform } from '../src/platform/reference/server.js';
import { createDispatcher } from '../src/workers/delivery.js';
import { type Bench, type BenchLine, benchConfig, freshStore, peakRssMb, rawPool, rawSqlite, round, secondsSince, silentLogger } from './support.js';

const ADMIN = 'bench-platform-admin-token';

export const actionBulk: Bench = {
  name: 'action.bulk',
  describe: 'one bulk lock over N standard accounts: proposed → executed → delivered to the reference platform',
  async run(kind, opts): Promise<BenchLine[]> {
    const n = opts.quick ? 300 : 3_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-bench-bulk-'));
    const platform = await startReferencePlatform({ port: 0, dbPath: path.join(dir, 'platform.db'), adminToken: ADMIN, webhookSecret: 'whsec_YmVuY2gtd2ViaG9vay1zZWNyZXQ=' });
    const store = await freshStore(kind, 'bulk');
    const base = await freshStore(kind, 'bulk_base');
    const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, adminToken: ADMIN, timeoutMs: 5000 });
    const ctx = await AppContext.create(benchConfig(store.spec.url), { schema: store.spec.schema, logger: silentLogger, platform: adapter });
    const bctx = await base.open();
    try {
      const now = Date.now();
      const accounts = Array.from({ length: n }, (_, i) => ({ id: `spam_${i}`, handle: `spam${i}`, displayName: `Spam ${i}`, followers: 10, verified: false, status: 'active' as const, statusUntil: null, version: 0 }));
      await ctx.transaction((tx) => ctx.accounts.importBatch(tx, SYSTEM, accounts));
      platform.store.upsertAccounts(accounts, now);
      const lead = await ctx.transaction((tx) => ctx.staff.seed(tx, { id: 'stf_bulk_lead', name: 'bulk lead', email: 'bulk@bench', role: 'lead', employment: 'employee', accessFrom: now - 1000 }));
      const dispatcher = createDispatcher(ctx);

      const t0 = performance.now();
      const answer = await ctx.bulk.propose({ staff: lead, session: null }, { kind: 'lock', targetIds: accounts.map((a) => a.id), reasonCode: 'spam', justification: 'benchmark: one spam network' });
      const proposedS = secondsSince(t0);
      if (answer.bulk.executed !== n) throw new Error(`bulk executed ${answer.bulk.executed} of ${n}`);
      for (;;) {
        await dispatcher.runOnce();
        const left = await ctx.db.selectFrom('actions').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'executed').executeTakeFirstOrThrow();
        if (Number(left.n) === 0) break;
      }
      const seconds = secondsSince(t0);

      const b0 = performance.now();
      await rawRows(kind, bctx, n);
      const baseSeconds = secondsSince(b0);
      const ops = n / seconds;
      const baseOps = n / baseSeconds;
      opts.log(`action.bulk ${kind}: ${round(ops)} accounts/s (proposed and executed in ${round(proposedS, 2)} s, delivered by ${round(seconds, 2)} s)`);
      return [
        {
          bench: 'action.bulk',
          store: kind,
          ops_per_s: round(ops),
          baseline_ops_per_s: round(baseOps),
          ratio: round(ops / baseOps, 4),
          accounts: n,
          proposed_executed_s: round(proposedS, 2),
          delivered_s: round(seconds, 2),
          peak_rss_mb: peakRssMb(),
          target: '≥ 2,000 accounts/s (100,000 accounts)',
          meets_target: ops >= 2_000,
          baseline: 'the engine writing N rows of the same shape in one transaction',
        },
      ];
    } finally {
      await ctx.close();
      await bctx.close();
      await store.cleanup();
      await base.cleanup();
      await platform.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function rawRows(kind: 'sqlite' | 'postgres', ctx: AppContext, n: number): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => [`act_${i}`, `spam_${i}`, 'executed', JSON.stringify({ strike: null, reasonCode: 'spam' })] as const);
  if (kind === 'sqlite') {
    const db = rawSqlite(ctx);
    db.exec('CREATE TABLE bulk_baseline (id TEXT PRIMARY KEY, target_id TEXT NOT NULL, state TEXT NOT NULL, params TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO bulk_baseline VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const r of rows) insert.run(...r);
    })();
    return;
  }
  const client = await rawPool(ctx).connect();
  try {
    await client.query('CREATE TABLE bulk_baseline (id TEXT PRIMARY KEY, target_id TEXT NOT NULL, state TEXT NOT NULL, params TEXT NOT NULL)');
    await client.query('BEGIN');
    for (let i = 0; i < rows.length; i += 1_000) {
      const chunk = rows.slice(i, i + 1_000);
      const values = chunk.map((_, j) => `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4})`).join(', ');
      await client.query(`INSERT INTO bulk_baseline VALUES ${values}`, chunk.flat());
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}
