/**
 * Group commit of outbox outcomes. Sends finish concurrently; their outcomes
 * (the row done with its handler's bookkeeping, a backoff, a give-up with its
 * alert) queue here and are written a group to a transaction: one commit (one
 * fsync on SQLite, one round of locks on PostgreSQL) for what finished while
 * the previous group was committing, instead of one per row.
 *
 * A group that fails is written again one outcome to a transaction, so one
 * row's bad bookkeeping never costs another row its outcome; an outcome that
 * fails alone is handed to its own `recover`.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { type RowLocks, lockRowsInOrder, mergeLocks } from '../db/row-locks.js';

export type Outcome = { kind: 'sent' | 'dead' | 'lapsed' | 'deferred' } | { kind: 'retried'; nextAttemptAt: number };

export interface Settlement {
  /** write the outcome in `tx`; its guarded updates say what became of the row */
  write(tx: Db): Promise<Outcome>;
  /** the write failed on its own: what to do instead (it runs outside any group) */
  recover(err: unknown): Promise<Outcome>;
  /**
   * the rows `write` locks beyond the outbox's own: a group takes all of its
   * outcomes' locks first, in the store's lock order, so that finishing many
   * rows in one transaction cannot deadlock with an execution (which takes an
   * account, then the audit head) by holding the audit head while it waits
   * for a later row's account
   */
  locks?: RowLocks;
}

interface Queued {
  s: Settlement;
  resolve(o: Outcome): void;
}

/** at most this many outcomes to a transaction: a long one holds the audit head's lock */
const GROUP_MAX = 32;

export class OutcomeGroups {
  private readonly queue: Queued[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  /** Queue an outcome; resolves once it is committed (or recovered). Never rejects. */
  record(s: Settlement): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      this.queue.push({ s, resolve });
      if (!this.flushing) void this.flush();
    });
  }

  /** Write one outcome in a transaction of its own, now. */
  async alone(s: Settlement): Promise<Outcome> {
    try {
      return await inTransaction(this.db, async (tx) => {
        await lockRowsInOrder(tx, s.locks ?? {});
        return s.write(tx);
      });
    } catch (err) {
      return s.recover(err).catch((again: unknown) => {
        this.logger.error({ err: again }, 'recovering from a failed outbox outcome failed');
        return { kind: 'retried', nextAttemptAt: 0 } as Outcome;
      });
    }
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) await this.commit(this.queue.splice(0, GROUP_MAX));
    } finally {
      this.flushing = false;
    }
  }

  private async commit(group: Queued[]): Promise<void> {
    if (group.length > 1) {
      try {
        const outcomes = await inTransaction(this.db, async (tx) => {
          await lockRowsInOrder(tx, mergeLocks(group.map((q) => q.s.locks)));
          const out: Outcome[] = [];
          for (const q of group) out.push(await q.s.write(tx));
          return out;
        });
        group.forEach((q, i) => q.resolve(outcomes[i]!));
        return;
      } catch (err) {
        this.logger.warn({ err, outcomes: group.length }, 'writing a group of outbox outcomes failed; writing them one by one');
      }
    }
    for (const q of group) q.resolve(await this.alone(q.s));
  }
}
