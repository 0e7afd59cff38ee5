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
import { PostgresAdapter } from 'kysely';
import type { Db } from '../db/database.js';

export async function lockAccount(tx: Db, accountId: string): Promise<void> {
  if (!(tx.getExecutor().adapter instanceof PostgresAdapter)) return;
  // an unknown account locks nothing: the reads after this one say it is unknown
  await tx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().execute();
}
