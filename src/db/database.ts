/**
 * One Kysely instance per store. `WARDEN_DATABASE_URL` picks the store: a
 * `postgres://` URL, or a file path for the embedded SQLite store.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, PostgresDialect, SqliteDialect, type SqliteDialectConfig, SqliteDriver, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { propertyOf } from '../errors.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;

// bigint (int8) columns hold epoch milliseconds and counters: all fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric → number for aggregate results
pg.types.setTypeParser(1700, (v) => Number(v));

export interface Store {
  db: Db;
  dialect: Dialect;
  /** the raw driver handle, for benchmarks' baselines and SQLite pragmas */
  raw: { sqlite?: SQLite.Database; pool?: pg.Pool };
  /** PostgreSQL: the schema this store lives in (default: public) */
  schema?: string;
  /**
   * Told of each lost PostgreSQL connection (a terminated backend, a server
   * restart). The pool drops the connection and opens a new one on demand;
   * the work in flight on it fails with an error `isStoreUnavailable` knows.
   */
  onConnectionError: (err: Error) => void;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL: the schema to use (created if missing) — tests get one each */
  schema?: string;
  /** SQLite: FULL (default) or NORMAL */
  synchronous?: 'FULL' | 'NORMAL';
  poolSize?: number;
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

export async function openStore(url: string, opts: StoreOptions = {}): Promise<Store> {
  return isPostgresUrl(url) ? openPostgres(url, opts) : openSqlite(url, opts);
}

/**
 * SQLite transactions begin IMMEDIATE: a transaction that reads and then
 * writes takes the write lock up front, so another Warden process on the same
 * file waits (busy_timeout) instead of failing with SQLITE_BUSY mid-way.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly cfg: SqliteDialectConfig) {
    super(cfg);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.cfg);
  }
}

function openSqlite(file: string, opts: StoreOptions): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // With WAL, FULL syncs the log on every commit: an acknowledged write survives
  // a power cut, not only kill -9. Intake batches commits so this stays cheap.
  sqlite.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    raw: { sqlite },
    onConnectionError: () => {},
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string, opts: StoreOptions): Promise<Store> {
  const schema = opts.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    // a server that is down is answered for in seconds, not by a request that hangs
    connectionTimeoutMillis: 10_000,
    // names this store's connections, so an operator (or a test) can find them in pg_stat_activity
    application_name: `warden${schema ? `:${schema}` : ''}`.slice(0, 63),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const store: Store = {
    db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
    raw: { pool },
    schema: schema ?? 'public',
    onConnectionError: () => {},
    close: () => store.db.destroy(),
  };
  // Without a listener, an 'error' event kills the process. An idle connection
  // that is cut is reported by the pool (which has already dropped it); one cut
  // while checked out is reported by its client, and the query on it fails.
  pool.on('error', (err) => store.onConnectionError(err));
  pool.on('connect', (client) => client.on('error', () => {}));
  return store;
}

/** Error codes and messages of a lost or refused connection to the store, as pg and Node report them. */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Postgres connection has been discarded/,
  /^terminating connection/,
  /^the database system is (starting up|shutting down|in recovery mode)/,
];

/**
 * The store could not be reached, or the connection broke mid-way: nothing of
 * the work in flight committed unless its commit was answered, and trying
 * again later is the answer (a 503), not a bug (a 500). SQLState class 08 is
 * "connection exception".
 */
export function isStoreUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = propertyOf(err, 'code');
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (UNAVAILABLE_MESSAGES.some((re) => re.test(err.message))) return true;
  // an aggregate of connection attempts (Node's happy eyeballs), or an error that wraps its cause
  const errors = propertyOf(err, 'errors');
  const cause = propertyOf(err, 'cause');
  const inner: unknown[] = Array.isArray(errors) ? errors : cause ? [cause] : [];
  return inner.some(isStoreUnavailable);
}

/** Drop a test schema and everything in it. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
