/**
 * Fresh stores for tests, without running every migration for every test.
 * Migrations run once per `vitest run` and store kind, into a template; a
 * test then gets a store in exactly the state the migrations leave a new one:
 *
 * - SQLite: a copy of the migrated template file.
 * - PostgreSQL: a schema from the run's pool. Creating a schema and its ~70
 *   tables, indexes and sequences costs a second or more of DDL on a busy
 *   server (and dropping it almost as much); a schema a test has finished with
 *   is emptied instead (its rows deleted, its sequences restarted, the
 *   template's rows put back: tens of milliseconds) and handed to the next
 *   test. One whose tables no longer match the template's, or that a
 *   connection still holds, is dropped rather than reused.
 *
 * Warden itself still opens each store as it would any other (AppContext
 * runs the migrator, which finds everything applied), and the migrations
 * themselves are run by every template, and tested on stores of their own
 * (audit-merkle, durability, multi-instance, claims-concurrency, crash).
 * The run's templates and schemas are removed by global-setup.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** this run's id (names its PostgreSQL schemas) and its folder (holds the SQLite template) */
    testStores: { run: string; dir: string };
  }
}

const run = () => inject('testStores');

// ---- SQLite ----------------------------------------------------------------

let sqliteTemplate: Promise<string> | undefined;

/** Writes a fresh, migrated SQLite store at `file`. */
export async function freshSqliteFile(file: string): Promise<void> {
  fs.copyFileSync(await (sqliteTemplate ??= migratedSqliteTemplate()), file);
}

async function migratedSqliteTemplate(): Promise<string> {
  const file = path.join(run().dir, 'template.db');
  if (fs.existsSync(file)) return file;
  // built aside and renamed into place: a process that finds the file finds it whole
  const building = `${file}.${process.pid}`;
  const store = await openStore(building, { synchronous: 'NORMAL' });
  await migrateToLatest(store);
  await store.close(); // closing checkpoints the WAL into the file
  fs.renameSync(building, file);
  return file;
}

// ---- PostgreSQL ------------------------------------------------------------

/** What this process knows of the run's template schema: how to empty a schema back to it, and its shape. */
interface PgTemplate {
  reset: (schema: string) => string;
  shape: string;
}

let pgTemplate: Promise<PgTemplate> | undefined;
let serial = 0;

const poolTable = () => `${runSchema()}.free_stores`;
const runSchema = () => `t_${run().run}`;
const templateSchema = () => `${runSchema()}_template`;

// one connection for the bookkeeping, kept between tests; it lets the process exit when idle
let admin: pg.Pool | undefined;

async function withClient<T>(url: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  if (!admin) {
    admin = new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true });
    // an idle connection cut by the server (a test that terminates backends) is replaced on demand, not fatal
    admin.on('error', () => {});
  }
  const client = await admin.connect();
  try {
    const result = await fn(client);
    client.release();
    return result;
  } catch (err) {
    client.release(true); // never hand on a connection in an unknown state (a transaction left open)
    throw err;
  }
}

/** A schema in the state a new store's migrations leave it: one from the run's pool, or a new one. */
export async function takeSchema(url: string): Promise<string> {
  await (pgTemplate ??= migratedPgTemplate(url));
  const reused = await withClient(url, (c) =>
    c.query<{ name: string }>(
      `DELETE FROM ${poolTable()} WHERE name = (SELECT name FROM ${poolTable()} LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING name`,
    ),
  );
  if (reused.rows[0]) return reused.rows[0].name;
  const schema = `${runSchema()}_${process.pid}_${++serial}`;
  const store = await openStore(url, { schema });
  try {
    await migrateToLatest(store);
  } finally {
    await store.close();
  }
  return schema;
}

/**
 * How long a schema's connections may take to go once their pool has closed:
 * `pool.end()` resolves when the sockets are closed, but each server backend
 * leaves pg_stat_activity a moment later, as it exits.
 */
const BACKENDS_GONE_MS = 5_000;

/** Waits (bounded) until no backend but this one is connected for `schema`; true when none is. */
async function backendsGone(c: pg.PoolClient, schema: string): Promise<boolean> {
  const deadline = Date.now() + BACKENDS_GONE_MS;
  for (;;) {
    const held = await c.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`, [`warden:${schema}`.slice(0, 63)]);
    if (held.rowCount === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The test is done with `schema` (every connection of its own closed): emptied
 * for the next test once the last of its backends has exited, or dropped if
 * one outlives the wait or its tables no longer match the template's.
 */
export async function giveBackSchema(url: string, schema: string): Promise<void> {
  const template = await pgTemplate!;
  await withClient(url, async (c) => {
    if ((await backendsGone(c, schema)) && (await shapeOf(c, schema)) === template.shape) {
      await c.query(`${template.reset(schema)}; INSERT INTO ${poolTable()} (name) VALUES ('${schema}')`);
    } else {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  });
}

/** The run's template schema, migrated once for the whole run (the first process to get here builds it). */
async function migratedPgTemplate(url: string): Promise<PgTemplate> {
  await withClient(url, async (c) => {
    await c.query('BEGIN');
    // one process builds the template; the others wait here for it
    await c.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [runSchema()]);
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${runSchema()}`);
    await c.query(`CREATE TABLE IF NOT EXISTS ${poolTable()} (name text PRIMARY KEY)`);
    const store = await openStore(url, { schema: templateSchema() });
    try {
      await migrateToLatest(store);
    } finally {
      await store.close();
    }
    await c.query('COMMIT');
  });
  return withClient(url, async (c) => ({ reset: await resetStatement(c), shape: await shapeOf(c, templateSchema()) }));
}

/**
 * The statements that empty a schema back to the template: every table's rows
 * deleted (referencing tables first, so no foreign key is broken on the way),
 * every sequence restarted, and the rows the migrations write put back.
 */
async function resetStatement(c: pg.PoolClient): Promise<(schema: string) => string> {
  const tmpl = templateSchema();
  const tables = (await c.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'r'`, [tmpl])).rows.map((r) => r.name);
  const references = (
    await c.query<{ child: string; parent: string }>(
      `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint k
         JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
        WHERE k.contype = 'f' AND k.connamespace = $1::regnamespace AND ch.oid <> pa.oid`,
      [tmpl],
    )
  ).rows;
  const order = childrenFirst(tables, references);
  const sequences = (await c.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'S'`, [tmpl])).rows.map((r) => r.name);
  const seeded: string[] = [];
  for (const t of tables) if ((await c.query(`SELECT 1 FROM ${tmpl}.${t} LIMIT 1`)).rowCount) seeded.push(t);
  return (schema) =>
    [
      ...order.map((t) => `DELETE FROM ${schema}.${t}`),
      ...sequences.map((s) => `ALTER SEQUENCE ${schema}.${s} RESTART`),
      ...[...order].reverse().filter((t) => seeded.includes(t)).map((t) => `INSERT INTO ${schema}.${t} SELECT * FROM ${tmpl}.${t}`),
    ].join(';\n');
}

/** Tables ordered so that each comes before every table it references. */
function childrenFirst(tables: string[], references: { child: string; parent: string }[]): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (order.includes(t)) return;
    if (visiting.has(t)) throw new Error(`foreign keys form a cycle through ${t}: a schema cannot be emptied table by table`);
    visiting.add(t);
    for (const r of references) if (r.parent === t) visit(r.child);
    visiting.delete(t);
    order.push(t);
  };
  for (const t of tables) visit(t);
  return order;
}

/** The schema's relations, columns, constraints and functions in one string: equal for two schemas of the same shape. */
async function shapeOf(c: pg.PoolClient, schema: string): Promise<string> {
  const r = await c.query<{ shape: string | null }>(
    `SELECT string_agg(x, E'\\n' ORDER BY x) AS shape FROM (
       SELECT format('%s %s %s', c.relname, c.relkind, (
         SELECT string_agg(format('%s:%s:%s', a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull), ',' ORDER BY a.attnum)
           FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)) AS x
         FROM pg_class c WHERE c.relnamespace = $1::regnamespace
       UNION ALL SELECT format('constraint %s %s', conname, contype) FROM pg_constraint WHERE connamespace = $1::regnamespace
       UNION ALL SELECT format('trigger %s', tgname) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = $1::regnamespace AND NOT t.tgisinternal
       UNION ALL SELECT format('function %s', proname) FROM pg_proc WHERE pronamespace = $1::regnamespace
     ) q`,
    [schema],
  );
  return r.rows[0]?.shape ?? '';
}
