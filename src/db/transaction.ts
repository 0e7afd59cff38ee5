/**
 * Transactions that carry the work which must follow their commit. Every
 * transaction on a store is opened here (`inTransaction`, which ctx.transaction
 * and ctx.idempotent use); inside one, `onCommit(tx, fn)` attaches work that
 * runs once the transaction has committed, and never when it rolls back. The
 * writer of a row attaches what must follow it (the outbox's delivery kick,
 * src/platform/outbox.ts), so no caller has to remember it.
 *
 * The work is kept beside the Kysely transaction object, in a WeakMap, so the
 * handle stays a plain `Db` and no signature changes. Each attempt of a
 * transaction is a new object: when PostgreSQL aborts one (a deadlock victim)
 * and ctx.transaction runs the body again, the aborted attempt's work is
 * dropped with it.
 */
import type { Db } from './database.js';

interface Open {
  /** the handle the transaction was opened on */
  origin: Db;
  /** what runs after the commit, in the order it was attached */
  work: Array<() => void>;
}

const open = new WeakMap<Db, Open>();

/** Run `fn` in one transaction; the work it attached runs after the commit. */
export async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const work: Array<() => void> = [];
  const result = await db.transaction().execute((tx) => {
    open.set(tx, { origin: db, work });
    return fn(tx);
  });
  for (const w of work) runCommitted(w);
  return result;
}

/**
 * Run `fn` once `db`'s transaction has committed. On a handle outside any
 * transaction the write before this call has already committed: `fn` runs now.
 */
export function onCommit(db: Db, fn: () => void): void {
  const t = open.get(db);
  if (t) t.work.push(fn);
  else if (!db.isTransaction) runCommitted(fn);
  // a transaction opened around inTransaction would never run its work: refused where it is written
  else throw new Error('onCommit in a transaction not opened by inTransaction (src/db/transaction.ts)');
}

/** The store handle a transaction was opened on (itself, outside a transaction): who is told of its commits. */
export function originOf(db: Db): Db {
  return open.get(db)?.origin ?? db;
}

/**
 * After-commit work is a notification (start delivering now); the change has
 * committed whatever it does, so its failure must not turn a committed change
 * into an error answer. It is reported, not thrown.
 */
function runCommitted(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    process.emitWarning(err instanceof Error ? err : new Error(String(err)), 'AfterCommitWarning');
  }
}
