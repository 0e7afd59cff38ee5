/**
 * How the dispatcher claims outbox rows (src/workers/dispatcher.ts): the head
 * pending row of each ordering key, and nothing behind it.
 */
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
