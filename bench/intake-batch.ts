/**
 * intake.batch — batches of 1,000 realistic reports through
 * `ctx.intake.submit(tx, actor, batch)`, one transaction per batch.
 *
 * Baseline: the same report rows written into the `reports` table of a fresh,
 * identically migrated store by the raw driver, one transaction per 1,000
 * (better-sqlite3: a prepared INSERT in `db.transaction`; pg: one multi-row
 * INSERT). Rounds alternate Warden and baseline so both see the same noise.
 */
import type { Actor } from '../src/audit/model.js';
import { SYSTEM } from '../src/audit/model.js';
import type { AppContext } from '../src/context.js';
import type { ReportInput } from '../src/reports/model.js';
import { type Bench, type BenchLine, type StoreKind, freshStore, median, peakRssMb, quantile, rawPool, rawSqlite, round, secondsSince, summarise } from './support.js';
import { accounts, batches, reportStream } from './workload.js';

const BATCH = 1_000;
/** a round is `perRound` batches, or fewer (at least 2) if they take longer than this */
const ROUND_CAP_S = 8;
const PLATFORM: Actor = { kind: 'service', id: 'platform' };
const COLUMNS = ['received_at', 'reporter_id', 'account_id', 'category', 'text', 'evidence', 'duplicate_of', 'case_id', 'source'] as const;

/** A report as a row, the way Warden stores it (case id: any stable number per account). */
function rowOf(r: ReportInput, now: number): unknown[] {
  return [now, r.reporterId, r.accountId, r.category, r.text, JSON.stringify(r.evidence), null, Number(r.accountId.slice(5)) + 1, 'service'];
}

export async function seedAccounts(ctx: AppContext, list = accounts()): Promise<void> {
  for (let i = 0; i < list.length; i += 1_000) {
    await ctx.transaction((tx) => ctx.accounts.importBatch(tx, SYSTEM, list.slice(i, i + 1_000)));
  }
}

/** The raw writer for one store: resolves when the batch has committed. */
function rawWriter(kind: StoreKind, ctx: AppContext): (batch: ReportInput[]) => Promise<void> {
  if (kind === 'sqlite') {
    const db = rawSqlite(ctx);
    const stmt = db.prepare(`INSERT INTO reports (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    const write = db.transaction((batch: ReportInput[]) => {
      const now = Date.now();
      for (const r of batch) stmt.run(rowOf(r, now));
    });
    return async (batch) => write(batch);
  }
  const pool = rawPool(ctx);
  return async (batch) => {
    const now = Date.now();
    const params: unknown[] = [];
    const tuples = batch.map((r) => {
      const base = params.length;
      params.push(...rowOf(r, now));
      return `(${COLUMNS.map((_, c) => `$${base + c + 1}`).join(', ')})`;
    });
    // one statement = one transaction, one commit
    await pool.query(`INSERT INTO reports (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  };
}

export const intakeBatch: Bench = {
  name: 'intake.batch',
  describe: 'batches of 1,000 reports through intake.submit, one transaction each',
  async run(kind, { quick, log }) {
    const rounds = quick ? 3 : 5;
    const perRound = quick ? 2 : 10;
    const warden = await freshStore(kind, 'intake_batch');
    const base = await freshStore(kind, 'intake_batch_base');
    try {
      const ctx = await warden.open();
      const bctx = await base.open();
      log(`seeding ${accounts().length} accounts`);
      await seedAccounts(ctx);
      const raw = rawWriter(kind, bctx);
      const submit = (batch: ReportInput[]) => ctx.transaction((tx) => ctx.intake.submit(tx, PLATFORM, batch));
      const next = reportStream(7);

      // warm-up: code paths, statement caches, the first cases opened
      for (const b of batches(next, 2, BATCH)) {
        await submit(b);
        await raw(b);
      }

      const ops: number[] = [];
      const baseOps: number[] = [];
      const batchMs: number[] = [];
      const baseBatchMs: number[] = [];
      // a round stops early (after at least 2 batches) once it has run ROUND_CAP_S
      const measure = async (work: ReportInput[][], fn: (b: ReportInput[]) => Promise<unknown>, lat: number[]) => {
        const t0 = performance.now();
        let done = 0;
        for (const b of work) {
          const t = performance.now();
          await fn(b);
          lat.push(performance.now() - t);
          done++;
          if (done >= 2 && secondsSince(t0) > ROUND_CAP_S) break;
        }
        return { opsPerS: (done * BATCH) / secondsSince(t0), done };
      };
      for (let r = 0; r < rounds; r++) {
        let work = batches(next, perRound, BATCH);
        // alternate who goes first so drift in the machine hits both alike
        if (r % 2 === 0) {
          const w = await measure(work, submit, batchMs);
          work = work.slice(0, w.done);
          ops.push(w.opsPerS);
          baseOps.push((await measure(work, raw, baseBatchMs)).opsPerS);
        } else {
          // the baseline is fast: it writes the whole round, Warden may stop early
          baseOps.push((await measure(work, raw, baseBatchMs)).opsPerS);
          ops.push((await measure(work, submit, batchMs)).opsPerS);
        }
        log(`round ${r + 1}/${rounds}: warden ${round(ops.at(-1)!, 0)} reports/s, raw ${round(baseOps.at(-1)!, 0)} rows/s`);
      }

      const counts = await ctx.db
        .selectFrom('reports')
        .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('duplicate_of').as('dups')])
        .executeTakeFirstOrThrow();
      const cases = await ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const opsMedian = median(ops);
      const baseMedian = median(baseOps);
      const ratio = opsMedian / baseMedian;
      const line: BenchLine = {
        bench: 'intake.batch',
        store: kind,
        ops_per_s: round(opsMedian, 0),
        baseline_ops_per_s: round(baseMedian, 0),
        ratio: round(ratio, 3),
        median_ms: round(median(batchMs), 2),
        p99_ms: round(quantile(batchMs, 0.99), 2),
        baseline_median_ms: round(median(baseBatchMs), 2),
        baseline_p99_ms: round(quantile(baseBatchMs, 0.99), 2),
        ...summarise('ops_per_s', ops),
        ...summarise('baseline_ops_per_s', baseOps),
        rounds,
        reports_per_round_max: perRound * BATCH,
        round_cap_s: ROUND_CAP_S,
        batch_size: BATCH,
        reports_stored: Number(counts.n),
        duplicates_stored: Number(counts.dups),
        cases_open: Number(cases.n),
        peak_rss_mb: peakRssMb(),
        target: 'ratio >= 0.5',
        meets_target: ratio >= 0.5,
      };
      return [line];
    } finally {
      await warden.cleanup();
      await base.cleanup();
    }
  },
};
