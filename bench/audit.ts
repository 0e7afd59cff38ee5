/**
 * The audit log as a Merkle log (RFC 9162):
 *
 * audit.append — entries appended through `ctx.audit.appendMany(tx, …)`, 1,000
 *   per transaction (chain hash, leaf hash, completed subtrees, head). Baseline:
 *   the same rows (hashes precomputed) inserted into an identically migrated
 *   store by the raw driver, 1,000 per transaction, no Warden logic.
 * audit.verify — `warden audit verify` (AuditVerifier.verify) over a log built
 *   in setup: chain, leaf hashes, whole tree, stored subtrees, signed heads.
 *   Baseline: the raw driver reads the same rows in the same pages and
 *   SHA-256es each row once.
 * audit.proof — inclusion proofs (MerkleStore.inclusionProof, what the API's
 *   proof is made of) for random entries of a 10M-entry log built in setup;
 *   also the whole API-level call (entry, proof, root, signed head, self-check).
 *   Baseline: the raw driver fetching the same stored rows, no hashing.
 *
 * The big logs are built with Warden's own encoding and hashing (so they
 * verify) but written by the raw driver with the secondary indexes dropped
 * and recreated after, as queue.claim builds its million cases.
 */
import { createHash } from 'node:crypto';
import { auditServices } from '../src/audit/index.js';
import { STORED_MIN_LEVEL, inclusionRanges, perfectSubtrees, pow2 } from '../src/audit/merkle.js';
import { type AuditEventShape, type AuditInput, GENESIS_HASH } from '../src/audit/model.js';
import { AuditLog } from '../src/audit/service.js';
import { type Built, LogBuilder, entryStream } from './audit-log.js';
import type { AppContext } from '../src/context.js';
import { type Bench, type BenchLine, type BenchOptions, type StoreKind, freshStore, median, peakRssMb, quantile, rawPool, rawSqlite, round, secondsSince, summarise } from './support.js';
import { rng } from './workload.js';
import { Worker } from 'node:worker_threads';

const BATCH = 1_000;
const COLUMNS = ['seq', 'at', 'actor_kind', 'actor_id', 'action', 'subject_type', 'subject_id', 'before', 'after', 'reason', 'prev_hash', 'entry_hash', 'leaf_hash'] as const;
const PG_TYPES = ['bigint', 'bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'];

// --- raw writers -----------------------------------------------------------------------------

type RawWriter = { rows(rows: unknown[][]): Promise<void>; nodes(nodes: [number, number, string][]): Promise<void> };

function rawWriter(kind: StoreKind, ctx: AppContext): RawWriter {
  if (kind === 'sqlite') {
    const db = rawSqlite(ctx);
    const ins = db.prepare(`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    const insNode = db.prepare('INSERT INTO audit_tree (level, idx, hash) VALUES (?, ?, ?)');
    const rows = db.transaction((batch: unknown[][]) => {
      for (const r of batch) ins.run(r);
    });
    const nodes = db.transaction((batch: [number, number, string][]) => {
      for (const n of batch) insNode.run(n);
    });
    return { rows: async (b) => rows(b), nodes: async (b) => nodes(b) };
  }
  const pool = rawPool(ctx);
  const unnest = (types: string[]) => types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  const columnsOf = (batch: unknown[][], width: number) => Array.from({ length: width }, (_, c) => batch.map((r) => r[c]));
  return {
    // one statement = one transaction
    rows: async (b) => {
      await pool.query(`INSERT INTO audit_log (${COLUMNS.join(', ')}) SELECT * FROM unnest(${unnest(PG_TYPES)})`, columnsOf(b, COLUMNS.length));
    },
    nodes: async (b) => {
      if (b.length) await pool.query(`INSERT INTO audit_tree (level, idx, hash) SELECT * FROM unnest(${unnest(['int', 'bigint', 'text'])})`, columnsOf(b, 3));
    },
  };
}

/** Secondary indexes of audit_log: dropped for a bulk load, recreated (sorted, once) after. */
async function dropAuditIndexes(kind: StoreKind, ctx: AppContext): Promise<string[]> {
  if (kind === 'sqlite') {
    const db = rawSqlite(ctx);
    const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL`).all() as { name: string; sql: string }[];
    for (const r of rows) db.exec(`DROP INDEX "${r.name}"`);
    return rows.map((r) => r.sql);
  }
  const pool = rawPool(ctx);
  const { rows } = await pool.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname = 'audit_log' AND t.relnamespace = current_schema()::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
  );
  for (const r of rows) await pool.query(`DROP INDEX "${r.name}"`);
  return rows.map((r) => r.def);
}

async function recreate(kind: StoreKind, ctx: AppContext, defs: string[]): Promise<void> {
  for (const def of defs) {
    if (kind === 'sqlite') rawSqlite(ctx).exec(def);
    else await rawPool(ctx).query(def);
  }
}

/** A worker thread running a TypeScript module: the worker registers tsx itself (Node 20 does not pass loaders on to workers). */
function tsWorker(module: URL, workerData: unknown): Worker {
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(module.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData });
}

/** Build an n-entry log (on top of an empty one) that verifies; returns the build rate. */
export async function buildLog(kind: StoreKind, ctx: AppContext, n: number, log: (m: string) => void): Promise<number> {
  const start = await ctx.audit.size(ctx.db);
  if (start !== 0) throw new Error(`bench log must start empty, found ${start} entries`);
  const t0 = performance.now();
  const defs = await dropAuditIndexes(kind, ctx);
  if (kind === 'sqlite') rawSqlite(ctx).pragma('synchronous = OFF');
  const write = rawWriter(kind, ctx);
  const chunk = kind === 'sqlite' ? 20_000 : 10_000;
  let lastLog = performance.now();
  let done = 0;
  // a worker encodes and hashes while this thread writes
  const worker = tsWorker(new URL('./audit-build-worker.ts', import.meta.url), { n, chunk, at: Date.UTC(2026, 0, 1) });
  const end = await new Promise<{ lastHash: string; frontier: string }>((resolve, reject) => {
    let writing = Promise.resolve();
    worker.on('error', reject);
    worker.on('message', (msg: { batch?: Built; end?: { lastHash: string; frontier: string } }) => {
      writing = writing
        .then(async () => {
          if (msg.end) return resolve(msg.end);
          const b = msg.batch!;
          await write.rows(b.rows);
          await write.nodes(b.nodes);
          done += b.rows.length;
          worker.postMessage('ack');
          if (performance.now() - lastLog > 15_000) {
            lastLog = performance.now();
            log(`built ${done} of ${n} entries (${round(done / secondsSince(t0), 0)}/s)`);
          }
        })
        .catch(reject);
    });
  });
  await worker.terminate();
  await recreate(kind, ctx, defs);
  await ctx.db.updateTable('audit_head').set({ size: n, last_hash: end.lastHash, frontier: end.frontier }).where('id', '=', 1).execute();
  if (kind === 'sqlite') {
    rawSqlite(ctx).pragma('synchronous = FULL');
    rawSqlite(ctx).exec('ANALYZE');
  } else await rawPool(ctx).query('ANALYZE audit_log; ANALYZE audit_tree');
  const rate = n / secondsSince(t0);
  log(`built a ${n}-entry log in ${round(secondsSince(t0), 1)} s (${round(rate, 0)} entries/s, indexes included)`);
  return rate;
}

// --- audit.append --------------------------------------------------------------------------

export async function benchAuditAppend(kind: StoreKind, { quick, log }: BenchOptions): Promise<BenchLine> {
  const rounds = quick ? 3 : 5;
  const perRound = quick ? 5 : 20; // transactions of BATCH entries
  const warden = await freshStore(kind, 'audit_append');
  const base = await freshStore(kind, 'audit_append_base');
  try {
    const ctx = await warden.open();
    const bctx = await base.open();
    const next = entryStream(7);
    // the baseline writes the rows Warden would write for the same entries, hashes precomputed
    const builder = new LogBuilder(Date.now());
    const baseStart = await bctx.audit.size(bctx.db);
    if (baseStart !== 0) builder.batch(baseStart); // keep seqs aligned with what the store holds
    const raw = rawWriter(kind, bctx);
    // entries of no catalog's shape: the log's cost, not a concept's
    const audit = new AuditLog<AuditEventShape>(ctx.store.dialect, ctx.clock);
    const append = (batch: AuditInput[]) => ctx.transaction((tx) => audit.appendMany(tx, batch));

    for (let i = 0; i < 2; i++) {
      await append(next(BATCH));
      const b = builder.batch(BATCH);
      await raw.rows(b.rows);
    }
    const ops: number[] = [];
    const baseOps: number[] = [];
    const txMs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const work = Array.from({ length: perRound }, () => next(BATCH));
      const baseWork = Array.from({ length: perRound }, () => builder.batch(BATCH));
      const runWarden = async () => {
        const t0 = performance.now();
        for (const b of work) {
          const t = performance.now();
          await append(b);
          txMs.push(performance.now() - t);
        }
        ops.push((perRound * BATCH) / secondsSince(t0));
      };
      const runBase = async () => {
        const t0 = performance.now();
        for (const b of baseWork) await raw.rows(b.rows);
        baseOps.push((perRound * BATCH) / secondsSince(t0));
      };
      if (r % 2 === 0) {
        await runWarden();
        await runBase();
      } else {
        await runBase();
        await runWarden();
      }
      log(`round ${r + 1}/${rounds}: warden ${round(ops.at(-1)!, 0)} entries/s, raw ${round(baseOps.at(-1)!, 0)} rows/s`);
    }
    const { verifier } = auditServices(ctx);
    const check = await verifier.verify(ctx.db);
    if (!check.ok) throw new Error(`the appended log does not verify: ${JSON.stringify(check.findings)}`);
    const opsMedian = median(ops);
    const baseMedian = median(baseOps);
    const target = kind === 'sqlite' ? 50_000 : null;
    return {
      bench: 'audit.append',
      store: kind,
      ops_per_s: round(opsMedian, 0),
      baseline_ops_per_s: round(baseMedian, 0),
      ratio: round(opsMedian / baseMedian, 3),
      ...summarise('ops_per_s', ops),
      ...summarise('baseline_ops_per_s', baseOps),
      tx_median_ms: round(median(txMs), 2),
      tx_p99_ms: round(quantile(txMs, 0.99), 2),
      batch_size: BATCH,
      entries_per_round: perRound * BATCH,
      rounds,
      log_size: check.size,
      peak_rss_mb: peakRssMb(),
      target: target ? 'ops_per_s >= 50000 (batched, SQLite)' : 'reported (no target on PostgreSQL)',
      meets_target: target ? opsMedian >= target : true,
    };
  } finally {
    await warden.cleanup();
    await base.cleanup();
  }
}

// --- audit.verify --------------------------------------------------------------------------

export async function benchAuditVerify(kind: StoreKind, { quick, log }: BenchOptions): Promise<BenchLine> {
  const n = quick ? 100_000 : 1_000_000;
  const rounds = quick ? 2 : 3;
  const store = await freshStore(kind, 'audit_verify');
  try {
    const ctx = await store.open();
    await ctx.db.deleteFrom('audit_log').execute(); // the context audits its policy activation: start from nothing
    await ctx.db.updateTable('audit_head').set({ size: 0, last_hash: GENESIS_HASH, frontier: '' }).where('id', '=', 1).execute();
    const buildRate = await buildLog(kind, ctx, n, log);
    const { heads, verifier } = auditServices(ctx);
    await ctx.transaction((tx) => heads.sign(tx));

    const page = 10_000;
    const rawRead = kind === 'sqlite' ? sqliteReader(ctx, page) : pgReader(ctx, page);
    const ops: number[] = [];
    const baseOps: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const runWarden = async () => {
        const t0 = performance.now();
        const report = await verifier.verify(ctx.db);
        if (!report.ok || report.size !== n) throw new Error(`verify found problems: ${JSON.stringify(report.findings)}`);
        ops.push(n / secondsSince(t0));
      };
      const runBase = async () => {
        const t0 = performance.now();
        const rows = await rawRead();
        if (rows !== n) throw new Error(`raw read ${rows} rows, expected ${n}`);
        baseOps.push(n / secondsSince(t0));
      };
      if (r % 2 === 0) {
        await runWarden();
        await runBase();
      } else {
        await runBase();
        await runWarden();
      }
      log(`round ${r + 1}/${rounds}: verify ${round(ops.at(-1)!, 0)} entries/s, raw read+hash ${round(baseOps.at(-1)!, 0)} rows/s`);
    }
    const opsMedian = median(ops);
    const baseMedian = median(baseOps);
    return {
      bench: 'audit.verify',
      store: kind,
      ops_per_s: round(opsMedian, 0),
      baseline_ops_per_s: round(baseMedian, 0),
      ratio: round(opsMedian / baseMedian, 3),
      ...summarise('ops_per_s', ops),
      ...summarise('baseline_ops_per_s', baseOps),
      log_size: n,
      build_entries_per_s: round(buildRate, 0),
      rounds,
      peak_rss_mb: peakRssMb(),
      target: 'ops_per_s >= 200000',
      meets_target: opsMedian >= 200_000,
    };
  } finally {
    await store.cleanup();
  }
}

/** Read every row in seq pages and hash each once: the least a verifier must do. */
function sqliteReader(ctx: AppContext, page: number): () => Promise<number> {
  const stmt = rawSqlite(ctx).prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?');
  return async () => {
    let count = 0;
    for (let from = 0; ; ) {
      const rows = stmt.all(from, page) as Record<string, unknown>[];
      for (const r of rows) createHash('sha256').update(`${r.seq}|${r.at}|${r.actor_kind}|${r.actor_id}|${r.action}|${r.subject_type}|${r.subject_id}|${r.before}|${r.after}|${r.reason}|${r.prev_hash}`).digest();
      count += rows.length;
      if (rows.length < page) return count;
      from = Number(rows[rows.length - 1]!.seq) + 1;
      await Promise.resolve();
    }
  };
}

function pgReader(ctx: AppContext, page: number): () => Promise<number> {
  const pool = rawPool(ctx);
  return async () => {
    let count = 0;
    for (let from = 0; ; ) {
      const { rows } = await pool.query('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2', [from, page]);
      for (const r of rows) createHash('sha256').update(`${r.seq}|${r.at}|${r.actor_kind}|${r.actor_id}|${r.action}|${r.subject_type}|${r.subject_id}|${r.before}|${r.after}|${r.reason}|${r.prev_hash}`).digest();
      count += rows.length;
      if (rows.length < page) return count;
      from = Number(rows[rows.length - 1]!.seq) + 1;
    }
  };
}

// --- audit.proof ---------------------------------------------------------------------------

export async function benchAuditProof(kind: StoreKind, { quick, log }: BenchOptions): Promise<BenchLine> {
  const n = quick ? 1_000_000 : 10_000_000;
  const samples = quick ? 500 : 3_000;
  const store = await freshStore(kind, 'audit_proof');
  try {
    const ctx = await store.open();
    await ctx.db.deleteFrom('audit_log').execute();
    await ctx.db.updateTable('audit_head').set({ size: 0, last_hash: GENESIS_HASH, frontier: '' }).where('id', '=', 1).execute();
    const buildRate = await buildLog(kind, ctx, n, log);
    const { tree, proofs, heads } = auditServices(ctx);
    await ctx.transaction((tx) => heads.sign(tx));

    const rand = rng(99);
    const seqs = Array.from({ length: samples }, () => Math.floor(rand() * n));
    const rawFetch = rawProofFetch(kind, ctx);
    for (const m of seqs.slice(0, 100)) {
      await tree.inclusionProof(ctx.db, m, n);
      await rawFetch(m, n);
    }
    const proofMs: number[] = [];
    const apiMs: number[] = [];
    const baseMs: number[] = [];
    for (const m of seqs) {
      let t = performance.now();
      await tree.inclusionProof(ctx.db, m, n);
      proofMs.push(performance.now() - t);
      t = performance.now();
      await rawFetch(m, n);
      baseMs.push(performance.now() - t);
      t = performance.now();
      await proofs.inclusion(ctx.db, m, n);
      apiMs.push(performance.now() - t);
    }
    const p99 = quantile(proofMs, 0.99);
    return {
      bench: 'audit.proof',
      store: kind,
      median_ms: round(median(proofMs), 3),
      p99_ms: round(p99, 3),
      baseline_median_ms: round(median(baseMs), 3),
      baseline_p99_ms: round(quantile(baseMs, 0.99), 3),
      ratio: round(median(baseMs) / median(proofMs), 3),
      ops_per_s: round(1000 / median(proofMs), 0),
      baseline_ops_per_s: round(1000 / median(baseMs), 0),
      api_median_ms: round(median(apiMs), 3),
      api_p99_ms: round(quantile(apiMs, 0.99), 3),
      log_size: n,
      samples,
      proof_length: inclusionRanges(seqs[0]!, n).length,
      build_entries_per_s: round(buildRate, 0),
      peak_rss_mb: peakRssMb(),
      target: 'p99_ms <= 1 at 10M entries',
      meets_target: p99 <= 1 && n >= 10_000_000,
    };
  } finally {
    await store.cleanup();
  }
}

/** The rows a proof needs, fetched by the raw driver by key (the plan computed outside). */
function rawProofFetch(kind: StoreKind, ctx: AppContext): (m: number, n: number) => Promise<void> {
  const plan = (m: number, n: number) => {
    const nodes: [number, number][] = [];
    const runs = new Set<number>();
    for (const r of inclusionRanges(m, n)) {
      for (const { level, index } of perfectSubtrees(r)) {
        if (level >= STORED_MIN_LEVEL) nodes.push([level, index]);
        else runs.add(Math.floor((index * pow2(level)) / pow2(STORED_MIN_LEVEL)));
      }
    }
    return { nodes, runs: [...runs] };
  };
  const RUN = pow2(STORED_MIN_LEVEL);
  if (kind === 'sqlite') {
    const db = rawSqlite(ctx);
    const node = db.prepare('SELECT hash FROM audit_tree WHERE level = ? AND idx = ?');
    const leaves = db.prepare('SELECT seq, leaf_hash FROM audit_log WHERE seq >= ? AND seq < ?');
    return async (m, n) => {
      const p = plan(m, n);
      for (const [l, i] of p.nodes) node.get(l, i);
      for (const r of p.runs) leaves.all(r * RUN, (r + 1) * RUN);
    };
  }
  const pool = rawPool(ctx);
  return async (m, n) => {
    const p = plan(m, n);
    // the same statement Warden sends (MerkleStore.read), by the raw pool
    const params: number[] = [];
    const $ = (v: number, type: string) => {
      params.push(v);
      return `$${params.length}::${type}`;
    };
    const parts = p.runs.map((r) => `SELECT 0 AS level, seq AS idx, leaf_hash AS hash FROM audit_log WHERE seq >= ${$(r * RUN, 'bigint')} AND seq < ${$((r + 1) * RUN, 'bigint')}`);
    if (p.nodes.length) parts.push(`SELECT level, idx, hash FROM audit_tree WHERE (level, idx) IN (VALUES ${p.nodes.map(([l, i]) => `(${$(l, 'int')}, ${$(i, 'bigint')})`).join(', ')})`);
    await pool.query(parts.join(' UNION ALL '), params);
  };
}

// --- for bench/benches.ts --------------------------------------------------------------------

export const auditAppend: Bench = {
  name: 'audit.append',
  describe: 'audit entries appended 1,000 per transaction (chain, leaf, subtrees, head)',
  run: async (kind, opts) => [await benchAuditAppend(kind, opts)],
};

export const auditVerify: Bench = {
  name: 'audit.verify',
  describe: 'warden audit verify over a 1M-entry log: chain, leaves, whole tree, signed heads',
  run: async (kind, opts) => [await benchAuditVerify(kind, opts)],
};

export const auditProof: Bench = {
  name: 'audit.proof',
  describe: 'inclusion proofs for random entries of a 10M-entry log',
  run: async (kind, opts) => [await benchAuditProof(kind, opts)],
};

export const auditBenches: readonly Bench[] = [auditAppend, auditVerify, auditProof];
