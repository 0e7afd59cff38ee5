/**
 * How the dispatcher claims outbox rows (src/workers/dispatcher.ts): the head
 * pending row of each ordering key, and nothing behind it; and how a claim is
 * kept while its sends are in flight.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import type { OutboxRow } from '../db/schema.js';
import type { OutboxKind } from '../platform/outbox.js';

export interface ClaimRequest {
  token: string;
  kinds: OutboxKind[];
  limit: number;
  lockedUntil: number;
}

/**
 * The due rows that are the head of their ordering key (or have none), in id
 * order, claimed in one UPDATE … RETURNING. Rows of one key are never claimed
 * together, and none is claimed while an earlier one of its key is pending —
 * held by a live dispatcher, a dead one, or waiting in backoff. The index
 * `outbox_ordering (ordering_key, id) WHERE state = 'pending'` answers the
 * NOT EXISTS with one probe a candidate.
 */
export async function claimHeads(db: Db, dialect: Dialect, now: number, req: ClaimRequest): Promise<OutboxRow[]> {
  const due = db
    .selectFrom('outbox as o')
    .select('o.id')
    .where('o.state', '=', 'pending')
    .where('o.kind', 'in', req.kinds)
    .where('o.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('o.locked_until', 'is', null), eb('o.locked_until', '<', now)]))
    .where((eb) =>
      eb.or([
        eb('o.ordering_key', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox as e')
              .select('e.id')
              .whereRef('e.ordering_key', '=', 'o.ordering_key')
              .where('e.state', '=', 'pending')
              .whereRef('e.id', '<', 'o.id'),
          ),
        ),
      ]),
    )
    .orderBy('o.id')
    .limit(req.limit);
  const rows = await db
    .updateTable('outbox')
    .set({ locked_by: req.token, locked_until: req.lockedUntil })
    // PostgreSQL: several dispatchers claim at once and never the same row
    .where('id', 'in', dialect === 'postgres' ? due.forUpdate().skipLocked() : due)
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** Run `fn` over `items`, at most `width` at a time. */
export async function eachConcurrently<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** The rows one batch holds, and until when; renewed together. */
export interface Claim {
  token: string;
  lockedUntil: number;
  /** rows not yet settled that this claim still holds */
  held: Set<number>;
  renewing: Promise<void> | null;
}

/** Extend the claim on the rows still unsettled; the ones another dispatcher took are dropped from it. One renewal at a time. */
export function renewClaim(opts: { db: Db; clock: Clock; lockMs: number }, logger: Logger, claim: Claim): Promise<void> {
  claim.renewing ??= (async () => {
    try {
      const ids = [...claim.held];
      if (ids.length === 0) return;
      const lockedUntil = opts.clock.now() + opts.lockMs;
      const rows = await opts.db
        .updateTable('outbox')
        .set({ locked_until: lockedUntil })
        .where('id', 'in', ids)
        .where('state', '=', 'pending')
        .where('locked_by', '=', claim.token)
        .returning('id')
        .execute();
      const still = new Set(rows.map((r) => r.id));
      // a row settled meanwhile left `held` itself; drop only the ones we lost
      for (const id of ids) if (!still.has(id)) claim.held.delete(id);
      claim.lockedUntil = lockedUntil;
    } catch (err) {
      logger.warn({ err }, 'renewing an outbox claim failed; it runs out unless renewed later');
    } finally {
      claim.renewing = null;
    }
  })();
  return claim.renewing;
}
