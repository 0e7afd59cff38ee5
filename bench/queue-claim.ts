/**
 * queue.claim — `ctx.cases.claimNext(tx, staff)` against 1M open cases, one
 * claim per transaction (a claim is a state change with its audit entry; it
 * commits on its own). SQLite: one claimer. PostgreSQL: 4 concurrent claimers,
 * each its own AppContext and pool, as 4 Warden processes would be.
 *
 * Afterwards: every claimed case id is distinct, the store holds exactly that
 * many cases claimed by the bench's staff, and the audit log has exactly one
 * `case.claimed` per claimed case — `double_claims` must be 0.
 *
 * Baseline: the same claim as one raw UPDATE of the top open case of the same
 * queues (SQLite: the top of each queue's index, best of them; PostgreSQL: the
 * same with FOR UPDATE SKIP LOCKED), no audit, same claimer count, same table.
 */
import { sql } from 'kysely';
import type { Pool } from 'pg';
import type SQLite from 'better-sqlite3';
import { SYSTEM } from '../src/audit/model.js';
import type { Queue } from '../src/cases/model.js';
import { staffCaller } from '../src/policy/authorizer.js';
import type { AppContext } from '../src/context.js';
import { DomainError } from '../src/errors.js';
import type { Staff } from '../src/staff/model.js';
import { type Bench, type BenchLine, type StoreKind, freshStore, median, quantile, rawPool, rawSqlite, round, secondsSince, summarise } from './support.js';

const PG_CLAIMERS = 4;
/** a round is `perRound` claims, or fewer if they take longer than this */
const ROUND_CAP_S = 6;
const LEASE_MS = 15 * 60_000;

/** Queue mix (per mille) of the open cases: mostly the standard queues, a few protected. */
const QUEUE_CASE = `CASE WHEN r < 400 THEN 'spam' WHEN r < 650 THEN 'safety' WHEN r < 750 THEN 'authenticity'
  WHEN r < 850 THEN 'integrity' WHEN r < 970 THEN 'general' WHEN r < 995 THEN 'protected' ELSE 'critical' END`;
const AREA_CASE = `CASE WHEN r < 400 THEN 'spam' WHEN r < 650 THEN 'safety' WHEN r < 750 THEN 'authenticity'
  WHEN r < 850 THEN 'integrity' WHEN r < 970 THEN 'general' ELSE 'safety' END`;
const CASE_COLUMNS = `account_id, status, queue, area, priority, severity, report_count, counted_reports, distinct_reporters,
  reporter_trust_sum, categories, brigade, velocity_window_start, velocity_count, claimed_by, lease_until, opened_at,
  updated_at, last_report_at, resolved_at, resolved_by, resolution`;
const caseValues = (now: number) => `'bench_' || i, 'open', ${QUEUE_CASE}, ${AREA_CASE}, p, 5, 1, 1, 1, 0.5, '["spam"]', 0,
  ${now}, 1, NULL, NULL, ${now}, ${now}, ${now}, NULL, NULL, NULL`;

/**
 * The secondary indexes of `cases`, as the migrations made them (SQL to
 * recreate each), dropped so that the bulk load builds them once, sorted,
 * instead of row by row. Constraint indexes (the primary key) stay.
 */
async function dropCaseIndexes(kind: StoreKind, ctx: AppContext): Promise<string[]> {
  if (kind === 'sqlite') {
    const db = rawSqlite(ctx);
    const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL`).all() as { name: string; sql: string }[];
    for (const r of rows) db.exec(`DROP INDEX "${r.name}"`);
    return rows.map((r) => r.sql);
  }
  const pool = rawPool(ctx);
  const { rows } = await pool.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname = 'cases' AND t.relnamespace = current_schema()::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
  );
  for (const r of rows) await pool.query(`DROP INDEX "${r.name}"`);
  return rows.map((r) => r.def);
}

/** Bulk-load open cases with raw SQL: set-based inserts in big transactions. */
async function loadCases(kind: StoreKind, ctx: AppContext, total: number, log: (m: string) => void): Promise<void> {
  const now = Date.now();
  const chunk = 250_000;
  const t0 = performance.now();
  const indexes = await dropCaseIndexes(kind, ctx);
  for (let from = 0; from < total; from += chunk) {
    const to = Math.min(from + chunk, total) - 1;
    if (kind === 'sqlite') {
      rawSqlite(ctx)
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
           INSERT INTO cases (${CASE_COLUMNS})
           SELECT ${caseValues(now)} FROM (SELECT i, abs(random()) % 1000 AS r, (abs(random()) % 100000) / 1000.0 AS p FROM n)`,
        )
        .run(from, to);
    } else {
      await rawPool(ctx).query(
        `INSERT INTO cases (${CASE_COLUMNS})
         SELECT ${caseValues(now)} FROM (SELECT i, floor(random() * 1000) AS r, round((random() * 100)::numeric, 3)::float8 AS p
                                         FROM generate_series($1::int, $2::int) AS i) s`,
        [from, to],
      );
    }
    log(`loaded ${to + 1} cases (${round(secondsSince(t0), 1)} s)`);
  }
  if (kind === 'sqlite') {
    for (const def of indexes) rawSqlite(ctx).exec(def);
  } else {
    const client = await rawPool(ctx).connect();
    try {
      await client.query(`SET maintenance_work_mem = '256MB'`);
      for (const def of indexes) await client.query(def);
    } finally {
      client.release();
    }
  }
  log(`rebuilt ${indexes.length} indexes (${round(secondsSince(t0), 1)} s)`);
  if (kind === 'sqlite') rawSqlite(ctx).pragma('wal_checkpoint(TRUNCATE)');
  else {
    // what autovacuum would have done by the time a real queue held 1M cases
    await rawPool(ctx).query('VACUUM ANALYZE cases');
    await rawPool(ctx).query('CHECKPOINT').catch(() => undefined);
  }
}

async function makeClaimer(ctx: AppContext, n: number): Promise<Staff> {
  const now = ctx.clock.now();
  return ctx.transaction((tx) =>
    ctx.staff.create(tx, SYSTEM, { id: `stf_bench_${n}`, name: `Claimer ${n}`, email: `claimer${n}@bench.test`, role: 'agent', employment: 'employee', accessFrom: now - 60_000 }),
  );
}

/** One raw claim: resolves with the claimed case id (or null when the queues are empty). */
type RawClaim = (claimer: string) => Promise<number | null>;

function sqliteRawClaim(db: SQLite.Database, queues: readonly Queue[]): RawClaim {
  const tops = queues
    .map((q) => `SELECT * FROM (SELECT id, priority FROM cases WHERE queue = '${q}' AND status = 'open' ORDER BY priority DESC, id LIMIT 1)`)
    .join(' UNION ALL ');
  const stmt = db.prepare(
    `UPDATE cases SET status = 'claimed', claimed_by = ?, lease_until = ?, updated_at = ?
     WHERE id = (SELECT id FROM (${tops}) ORDER BY priority DESC, id LIMIT 1) AND status = 'open' RETURNING id`,
  );
  return async (claimer) => {
    const now = Date.now();
    const row = stmt.get(claimer, now + LEASE_MS, now) as { id: number } | undefined;
    return row?.id ?? null;
  };
}

function pgRawClaim(pool: Pool, queues: readonly Queue[]): RawClaim {
  const text = `WITH top AS (
      SELECT t.id FROM unnest($1::text[]) AS q(name)
      CROSS JOIN LATERAL (SELECT id, priority FROM cases WHERE queue = q.name AND status = 'open'
                          ORDER BY priority DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED) t
      ORDER BY t.priority DESC, t.id LIMIT 1)
    UPDATE cases c SET status = 'claimed', claimed_by = $2, lease_until = $3, updated_at = $4
    FROM top WHERE c.id = top.id RETURNING c.id`;
  return async (claimer) => {
    const now = Date.now();
    const res = await pool.query<{ id: number }>({ name: 'bench_raw_claim', text, values: [queues, claimer, now + LEASE_MS, now] });
    return res.rows[0]?.id ?? null;
  };
}

interface RoundResult {
  opsPerS: number;
  latenciesUs: number[];
  ids: number[];
  conflicts: number;
}

/**
 * `workers` claim loops sharing one budget of `total` claims; no new claim
 * starts after `maxSeconds`, so a busy machine cannot stretch the run.
 */
async function claimRound(total: number, workers: ((i: number) => Promise<number | null>)[], maxSeconds = Infinity): Promise<RoundResult> {
  let started = 0;
  let conflicts = 0;
  const ids: number[] = [];
  const latenciesUs: number[] = [];
  const t0 = performance.now();
  const deadline = t0 + maxSeconds * 1000;
  await Promise.all(
    workers.map(async (claim, w) => {
      while (started < total && performance.now() < deadline) {
        started++;
        const t = performance.now();
        try {
          const id = await claim(w);
          if (id === null) throw new Error('queue ran dry');
          ids.push(id);
          latenciesUs.push((performance.now() - t) * 1000);
        } catch (err) {
          if (err instanceof DomainError && err.code === 'conflict') conflicts++;
          else throw err;
        }
      }
    }),
  );
  return { opsPerS: ids.length / secondsSince(t0), latenciesUs, ids, conflicts };
}

export const queueClaim: Bench = {
  name: 'queue.claim',
  describe: 'claimNext over 1M open cases, one claim per transaction (PostgreSQL: 4 concurrent claimers)',
  async run(kind, { quick, log }) {
    const totalCases = quick ? 100_000 : 1_000_000;
    const rounds = quick ? 2 : 5;
    const perRound = quick ? 500 : 3_000;
    const claimers = kind === 'postgres' ? PG_CLAIMERS : 1;
    const store = await freshStore(kind, 'queue_claim');
    try {
      const contexts: AppContext[] = [];
      for (let i = 0; i < claimers; i++) contexts.push(await store.open());
      const ctx = contexts[0]!;
      await loadCases(kind, ctx, totalCases, log);
      const staff: Staff[] = [];
      for (let i = 0; i < claimers; i++) staff.push(await makeClaimer(ctx, i));
      const queues = ctx.policy.authorizer.queuesWorked(staffCaller(staff[0]!, ctx.clock.now()));

      const wardenClaim = (w: number) => {
        const c = contexts[w]!;
        return c.transaction((tx) => c.cases.claimNext(tx, staff[w]!)).then((got) => got?.id ?? null);
      };
      const raws: RawClaim[] = contexts.map((c) => (kind === 'sqlite' ? sqliteRawClaim(rawSqlite(c), queues) : pgRawClaim(rawPool(c), queues)));
      const rawClaim = (w: number) => raws[w]!(`raw_${w}`);
      const workers = <T>(f: (w: number) => T) => Array.from({ length: claimers }, () => f);

      // warm-up: code paths, the top of each queue's index in cache
      const warmWarden = await claimRound(200, workers(wardenClaim));
      const warmRaw = await claimRound(200, workers(rawClaim));

      const warden: RoundResult[] = [];
      const raw: RoundResult[] = [];
      for (let r = 0; r < rounds; r++) {
        if (r % 2 === 0) {
          warden.push(await claimRound(perRound, workers(wardenClaim), ROUND_CAP_S));
          raw.push(await claimRound(perRound, workers(rawClaim), ROUND_CAP_S));
        } else {
          raw.push(await claimRound(perRound, workers(rawClaim), ROUND_CAP_S));
          warden.push(await claimRound(perRound, workers(wardenClaim), ROUND_CAP_S));
        }
        log(`round ${r + 1}/${rounds}: warden ${round(warden.at(-1)!.opsPerS, 0)} claims/s, raw ${round(raw.at(-1)!.opsPerS, 0)} claims/s`);
      }

      // --- no case claimed twice ---
      const claimedIds = [warmWarden, warmRaw, ...warden, ...raw].flatMap((x) => x.ids);
      const wardenIds = [warmWarden, ...warden].flatMap((x) => x.ids);
      const staffIds = staff.map((s) => s.id);
      const heldRow = await ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'claimed')
        .where('claimed_by', 'in', staffIds)
        .executeTakeFirstOrThrow();
      const auditRow = await ctx.db
        .selectFrom('audit_log')
        .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(distinct subject_id)`.as('d')])
        .where('action', '=', 'case.claimed')
        .executeTakeFirstOrThrow();
      const audited = Number(auditRow.n);
      const auditedDistinct = Number(auditRow.d);
      const doubleClaims = claimedIds.length - new Set(claimedIds).size + (audited - auditedDistinct);
      // every claim Warden made is held, and audited exactly once
      const consistent = Number(heldRow.n) === wardenIds.length && audited === wardenIds.length && auditedDistinct === audited;

      const ops = median(warden.map((x) => x.opsPerS));
      const baseOps = median(raw.map((x) => x.opsPerS));
      const latencies = warden.flatMap((x) => x.latenciesUs);
      const baseLat = raw.flatMap((x) => x.latenciesUs);
      const target = kind === 'sqlite' ? 2_000 : 1_000;
      const line: BenchLine = {
        bench: 'queue.claim',
        store: kind,
        ops_per_s: round(ops, 0),
        baseline_ops_per_s: round(baseOps, 0),
        ratio: round(ops / baseOps, 3),
        p50_us: round(quantile(latencies, 0.5), 0),
        p99_us: round(quantile(latencies, 0.99), 0),
        baseline_p50_us: round(quantile(baseLat, 0.5), 0),
        baseline_p99_us: round(quantile(baseLat, 0.99), 0),
        ...summarise('ops_per_s', warden.map((x) => x.opsPerS)),
        ...summarise('baseline_ops_per_s', raw.map((x) => x.opsPerS)),
        open_cases_at_start: totalCases,
        claimers,
        queues_per_claim: queues.length,
        rounds,
        claims_per_round: perRound,
        claims_total: claimedIds.length,
        warden_claims_verified: wardenIds.length,
        conflicts: warden.reduce((s, x) => s + x.conflicts, 0),
        double_claims: doubleClaims,
        audit_one_per_claim: consistent,
        target: kind === 'sqlite' ? 'ops_per_s >= 2000 (1 claimer), double_claims = 0' : `ops_per_s >= 1000 with ${PG_CLAIMERS} claimers, double_claims = 0`,
        meets_target: ops >= target && doubleClaims === 0 && consistent,
      };
      return [line];
    } finally {
      await store.cleanup();
    }
  },
};
