/**
 * Delivery that keeps up and keeps order (issue 11, item 7):
 *
 * - `outbox.ordering_key`: rows with the same key reach the far side in id
 *   order (for platform actions: the account). Stored, so the claim itself can
 *   take only the head pending row of each key — whoever holds the earlier
 *   rows, live or dead, and however long they are in backoff. Indexed over the
 *   pending rows, which are all the claim ever reads. Pending rows are
 *   backfilled; done and dead rows are history and never take part in order.
 * - `platform_reachability`: one row, shared by every instance on the store, so
 *   an outage is alerted once when it starts and once when it ends, whichever
 *   instance sees it first.
 */
import { type Kysely, sql } from 'kysely';

/** The ordering keys as src/platform/outbox.ts computes them at this migration (frozen here, as migrations are). */
function orderingKeyOf(kind: string, payload: string): string | null {
  try {
    const p = JSON.parse(payload) as { request?: { accountId?: unknown } };
    if (kind === 'platform_action') return typeof p.request?.accountId === 'string' ? `platform_action:account:${p.request.accountId}` : null;
    if (kind === 'tree_head') return 'tree_head:heads';
    return null;
  } catch {
    return null; // an unreadable row goes dead when claimed; it orders nothing
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('ordering_key', 'text').execute();
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom('outbox')
      .select(['id', 'kind', 'payload'])
      .where('state', '=', 'pending')
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const key = orderingKeyOf(r.kind, r.payload);
      if (key !== null) await db.updateTable('outbox').set({ ordering_key: key }).where('id', '=', r.id).execute();
    }
    after = Number(rows.at(-1)!.id);
  }
  await sql`CREATE INDEX outbox_ordering ON outbox (ordering_key, id) WHERE state = 'pending'`.execute(db);

  await db.schema
    .createTable('platform_reachability')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    /** 'reachable' | 'unreachable' */
    .addColumn('state', 'text', (c) => c.notNull())
    /** the first failed send since the last one that got through; null while sends get through */
    .addColumn('failing_since', 'bigint')
    /** when the outage was declared (and alerted); null while reachable */
    .addColumn('unreachable_since', 'bigint')
    .addColumn('last_error', 'text')
    /** the alert that announced the current outage */
    .addColumn('alert_id', 'bigint')
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('platform_reachability').values({ id: 1, state: 'reachable', changed_at: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('platform_reachability').execute();
  await sql`DROP INDEX outbox_ordering`.execute(db);
  await db.schema.alterTable('outbox').dropColumn('ordering_key').execute();
}
