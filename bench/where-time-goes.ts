/**
 * Where does an intake batch (or a claim) spend its time? Runs the same work
 * as the benches through a second Kysely instance over the same raw driver
 * handle with Kysely's `log` hook, and prints, per kind of statement, how many
 * ran and the time inside the driver (SQLite: prepare + step; PostgreSQL: the
 * round trip). What is left of the wall time is JavaScript: building and
 * compiling queries, the services' own work, and the commit.
 *
 *   npx tsx bench/where-time-goes.ts [--store sqlite|postgres] [--work batch|claim] [--n 10]
 */
import { Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely';
import { parseArgs } from 'node:util';
import type { Actor } from '../src/audit/model.js';
import { SYSTEM } from '../src/audit/model.js';
import type { DB, NewCaseRow } from '../src/db/schema.js';
import { seedAccounts } from './intake-batch.js';
import { type StoreKind, freshStore, rawPool, rawSqlite, round } from './support.js';
import { batches, reportStream } from './workload.js';
import type { Queue } from '../src/cases/model.js';
import { toJson } from '../src/db/json.js';

const BENCH_QUEUES: readonly Queue[] = ['spam', 'safety', 'general'];

const { values: args } = parseArgs({
  options: { store: { type: 'string', default: 'sqlite' }, work: { type: 'string', default: 'batch' }, n: { type: 'string', default: '10' } },
});
const kind = args.store as StoreKind;
const n = Number(args.n);

const stats = new Map<string, { count: number; ms: number }>();
const shape = (q: string) =>
  q
    .replace(/\s+/g, ' ')
    .replace(/\((?:\?|\$\d+)(?:, (?:\?|\$\d+))*\)/g, '(…)')
    .replace(/(?:\(…\), )+\(…\)/g, '(…)…')
    .slice(0, 90);
const log = (e: LogEvent) => {
  const k = shape(e.query.sql);
  const s = stats.get(k) ?? { count: 0, ms: 0 };
  s.count++;
  s.ms += e.queryDurationMillis;
  stats.set(k, s);
};

const store = await freshStore(kind, 'where_time_goes');
try {
  const ctx = await store.open();
  const logged = new Kysely<DB>({
    dialect: kind === 'sqlite' ? new SqliteDialect({ database: rawSqlite(ctx) }) : new PostgresDialect({ pool: rawPool(ctx) }),
    log,
  });
  const inTx = <T>(fn: (tx: Kysely<DB>) => Promise<T>) => logged.transaction().execute(fn);
  let unit: () => Promise<unknown>;
  let per: string;
  if (args.work === 'claim') {
    const now = Date.now();
    const staff = await ctx.transaction((tx) => ctx.staff.create(tx, SYSTEM, { id: 'stf_prof', name: 'p', email: 'p@bench.test', role: 'agent', employment: 'employee', accessFrom: now - 1000 }));
    const values: NewCaseRow[] = Array.from({ length: 20_000 }, (_, i) => ({
      account_id: `prof_${i}`, status: 'open', queue: BENCH_QUEUES[i % 3]!, area: 'spam', priority: Math.random() * 100, severity: 5,
      report_count: 1, counted_reports: 1, distinct_reporters: 1, reporter_trust_sum: 0.5, categories: toJson([]), brigade: 0, velocity_window_start: now,
      velocity_count: 1, claimed_by: null, lease_until: null, opened_at: now, updated_at: now, last_report_at: now, resolved_at: null, resolved_by: null, resolution: null,
    }));
    for (let i = 0; i < values.length; i += 1000) await ctx.db.insertInto('cases').values(values.slice(i, i + 1000)).execute();
    unit = () => inTx((tx) => ctx.cases.claimNext(tx, staff));
    per = 'claim';
  } else {
    await seedAccounts(ctx);
    const actor: Actor = { kind: 'service', id: 'platform' };
    const next = reportStream(7);
    for (const b of batches(next, 3, 1000)) await ctx.transaction((tx) => ctx.intake.submit(tx, actor, b));
    const work = batches(next, n, 1000);
    let i = 0;
    unit = () => inTx((tx) => ctx.intake.submit(tx, actor, work[i++]!));
    per = 'batch of 1,000';
  }
  for (let i = 0; i < 20 && args.work === 'claim'; i++) await unit();
  stats.clear();
  const units = args.work === 'claim' ? n * 100 : n;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < units; i++) await unit();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const inDriver = [...stats.values()].reduce((s, x) => s + x.ms, 0);
  console.log(`${kind}: ${units} × ${per}: ${round(wall / units, 3)} ms wall, ${round((cpu.user + cpu.system) / 1000 / units, 3)} ms CPU (this process) per ${per}`);
  console.log(`  in the driver: ${round(inDriver / units, 3)} ms; the rest (JS, query building, commit): ${round((wall - inDriver) / units, 3)} ms`);
  console.log('  per unit:   count      ms   statement');
  for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
    console.log(`  ${String(round(s.count / units, 1)).padStart(12)}  ${String(round(s.ms / units, 3)).padStart(7)}   ${k}`);
  }
} finally {
  await store.cleanup();
}
