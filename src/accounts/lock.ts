/**
 * Every path that changes what state an account is in — an execution, a
 * suspension ending, a restore, a tripwire's judgement — locks the account's
 * row before it reads that state, and holds it to commit. Two such paths on
 * one account then run one after the other: the second reads what the first
 * committed (no execution starts from a stale state, no restore is built on
 * one), and their outbox rows are numbered in the order they commit.
 *
 * On PostgreSQL that is SELECT … FOR UPDATE. On SQLite every transaction
 * already begins IMMEDIATE (src/db/database.ts): it holds the store's write
 * lock from its first statement, which serialises more than this asks.
 */
import type { Db } from '../db/database.js';
import { lockRowsInOrder } from '../db/row-locks.js';

/** The account's row, locked to commit; the order it is taken in is src/db/row-locks.ts's. */
export function lockAccount(tx: Db, accountId: string): Promise<void> {
  return lockRowsInOrder(tx, { accounts: [accountId] });
}
