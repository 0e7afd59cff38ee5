/**
 * What every bench shares: the result line, statistics, peak RSS, and fresh
 * stores opened the way production opens them (SQLite with the default
 * `synchronous: FULL`; PostgreSQL in a schema of its own, dropped after).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { type Config, loadConfig } from '../src/config.js';
import { testPostgresUrl } from '../src/test-config.js';
import { AppContext } from '../src/context.js';
import { dropPostgresSchema } from '../src/db/database.js';

export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** The service token the bench's Warden instances accept (the platform's identity). */
export const BENCH_SERVICE_TOKEN = 'bench-service-token-0123456789';

/**
 * One line of output. Figures carry their unit in their name (`ops_per_s`,
 * `median_ms`, `p99_ms`, `p50_us`, `p99_us`, `peak_rss_mb`).
 */
export interface BenchLine {
  bench: string;
  store: StoreKind;
  ops_per_s: number;
  baseline_ops_per_s: number;
  ratio: number;
  peak_rss_mb?: number;
  target?: string;
  meets_target?: boolean;
  [extra: string]: unknown;
}

export interface BenchOptions {
  quick: boolean;
  /** intake.http's load generator: wrk when installed, unless `node` is asked for */
  driver?: 'wrk' | 'node';
  /** progress and notes go here (stderr), never to stdout */
  log: (msg: string) => void;
}

export interface Bench {
  name: string;
  /** one-line description for the table header and RESULTS.md */
  describe: string;
  run(kind: StoreKind, opts: BenchOptions): Promise<BenchLine[]>;
}

// --- statistics ----------------------------------------------------------------

/** Quantile by linear interpolation between closest ranks (q in [0, 1]). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5);

/** Round to `digits` significant-ish decimals for output. */
export const round = (x: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Peak resident set of this process so far, in MB. */
export const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024, 1);

/**
 * How many 4 KiB write + fdatasync pairs the temp dir's disk does per second
 * right now (at most `seconds` of probing). Durable commits cost one each, so
 * this bounds every one-commit-per-operation figure; the disk is shared.
 */
export function probeFdatasync(seconds = 0.5): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-bench-fsync-'));
  const fd = fs.openSync(path.join(dir, 'probe'), 'w');
  const buf = Buffer.alloc(4096, 1);
  try {
    for (let i = 0; i < 16; i++) fs.writeSync(fd, buf, 0, buf.length, i * 4096); // preallocate: overwrite, not append
    fs.fsyncSync(fd);
    const t0 = performance.now();
    let n = 0;
    while (n < 2000 && performance.now() - t0 < seconds * 1000) {
      fs.writeSync(fd, buf, 0, buf.length, (n % 16) * 4096);
      fs.fdatasyncSync(fd);
      n++;
    }
    return Math.round(n / ((performance.now() - t0) / 1000));
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds since `t0` (a performance.now() reading). */
export const secondsSince = (t0: number) => (performance.now() - t0) / 1000;

/** Per-round figures folded into the line: median, and the spread for honesty. */
export function summarise(label: string, perRound: number[]) {
  return {
    [label]: round(median(perRound), 0),
    [`${label}_rounds`]: perRound.map((x) => round(x, 0)),
  };
}

// --- stores --------------------------------------------------------------------

export const silentLogger = pino({ level: 'silent' });

/** Production configuration (as `loadConfig` builds it) pointed at `databaseUrl`. */
export function benchConfig(databaseUrl: string, extra: Record<string, string> = {}): Config {
  return loadConfig({
    WARDEN_DATABASE_URL: databaseUrl,
    WARDEN_LOG_LEVEL: 'silent',
    WARDEN_SEED_DEMO: '0',
    WARDEN_PLATFORM_EMBEDDED: '0',
    WARDEN_SERVICE_TOKEN: BENCH_SERVICE_TOKEN,
    ...extra,
  });
}

/** Where a fresh store lives; serialisable, so a child process can open it too. */
export interface StoreSpec {
  kind: StoreKind;
  url: string;
  schema?: string;
}

export interface FreshStore {
  spec: StoreSpec;
  config: Config;
  /** open (and migrate) the store as a Warden process would */
  open(): Promise<AppContext>;
  /** close every context opened here, drop the schema / delete the file */
  cleanup(): Promise<void>;
}

/**
 * The bench's PostgreSQL database: the test server's, but a database of its
 * own (`warden_bench`), so that its schemas — several at once, for minutes —
 * never sit beside the test suite's.
 *
 * Why it matters: Kysely's Migrator run without `migrationTableSchema` (as
 * src/db/migrate.ts did at f63e0ed) decides whether `kysely_migration_lock`
 * exists by looking in every schema of the database; while another schema
 * holds one, migrating a fresh schema fails with `relation
 * "kysely_migration_lock" does not exist`.
 */
export async function benchPostgresUrl(): Promise<string> {
  const url = new URL(testPostgresUrl());
  const name = 'warden_bench';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${name}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by another bench
      });
    }
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Create the schema and Kysely's migration tables inside it, so that
 * `migrateToLatest` finds its own and not another schema's, with or without
 * `migrationTableSchema`. See benchPostgresUrl.
 */
async function prepareSchema(url: string, schema: string): Promise<void> {
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({}) }, migrationTableSchema: schema });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
  } finally {
    await db.destroy();
  }
}

export async function freshStore(kind: StoreKind, label: string): Promise<FreshStore> {
  const id = `${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  let spec: StoreSpec;
  let dir: string | undefined;
  if (kind === 'sqlite') {
    // the temp dir is on the machine's one disk, the same as ./data would be
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-bench-'));
    spec = { kind, url: path.join(dir, 'warden.db') };
  } else {
    spec = { kind, url: await benchPostgresUrl(), schema: `bench_${id}` };
    await prepareSchema(spec.url, spec.schema!);
  }
  const config = benchConfig(spec.url);
  const opened: AppContext[] = [];
  return {
    spec,
    config,
    async open() {
      const ctx = await openSpec(spec);
      opened.push(ctx);
      return ctx;
    },
    async cleanup() {
      for (const ctx of opened.splice(0)) await ctx.close();
      if (spec.schema) await dropPostgresSchema(spec.url, spec.schema);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function openSpec(spec: StoreSpec): Promise<AppContext> {
  return AppContext.create(benchConfig(spec.url), { schema: spec.schema, logger: silentLogger });
}

/** The raw better-sqlite3 handle or pg pool behind a context, for baselines and setup. */
export function rawSqlite(ctx: AppContext) {
  const db = ctx.store.raw.sqlite;
  if (!db) throw new Error('not a SQLite store');
  return db;
}

export function rawPool(ctx: AppContext) {
  const pool = ctx.store.raw.pool;
  if (!pool) throw new Error('not a PostgreSQL store');
  return pool;
}
