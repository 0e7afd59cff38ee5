/**
 * The store's lock order. A transaction that locks rows of several kinds
 * takes them in this order, and several rows of one kind by id:
 *
 *   actions → accounts → the audit head (last: every audit append takes it)
 *
 * Two transactions that keep to it can wait for each other but never
 * deadlock. One that locks a single action and a single account as it goes
 * (an execution) keeps to it by construction; one that finishes many rows at
 * once (the dispatcher's group commit of deliveries) takes all its row locks
 * here, first, before its first audit append.
 *
 * On PostgreSQL that is SELECT … ORDER BY id FOR UPDATE (rows are locked in
 * the order they are returned), asked of each table's store. On SQLite every
 * transaction already begins IMMEDIATE and holds the store's one write lock:
 * nothing to do. This module decides the order and the dialect; the stores
 * own the SQL.
 */
import { PostgresAdapter } from 'kysely';
import type { Db } from './database.js';
import { lockAccountRows } from '../accounts/store.js';
import { lockActionRows } from '../actions/store.js';

export interface RowLocks {
  actions?: readonly string[];
  accounts?: readonly string[];
}

/** The union of several transactions' worth of locks, each id once. */
export function mergeLocks(all: readonly (RowLocks | undefined)[]): RowLocks {
  const actions = new Set<string>();
  const accounts = new Set<string>();
  for (const l of all) {
    for (const id of l?.actions ?? []) actions.add(id);
    for (const id of l?.accounts ?? []) accounts.add(id);
  }
  return { actions: [...actions], accounts: [...accounts] };
}

export async function lockRowsInOrder(tx: Db, locks: RowLocks): Promise<void> {
  if (!(tx.getExecutor().adapter instanceof PostgresAdapter)) return;
  // an unknown id locks nothing: the reads after this one say it is unknown
  await lockActionRows(tx, locks.actions ?? []);
  await lockAccountRows(tx, locks.accounts ?? []);
}
