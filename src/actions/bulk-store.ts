/**
 * Bulk enforcement's tables (bulk_actions, bulk_targets): their one reader and
 * writer. A bulk's counts are read from its targets, never kept twice.
 */
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import type { BulkActionsTable } from '../db/schema-bulk.js';
import { type Bulk, type BulkOutcome, type BulkTarget, tally } from './bulk-model.js';

export async function insertBulk(tx: Db, row: BulkActionsTable): Promise<void> {
  await tx.insertInto('bulk_actions').values(row).execute();
}

// SQLite binds at most 32,766 parameters in one statement: five a row
const TARGET_ROWS_PER_INSERT = 5_000;

export async function insertTargets(tx: Db, bulkId: string, targets: readonly BulkTarget[]): Promise<void> {
  for (let i = 0; i < targets.length; i += TARGET_ROWS_PER_INSERT) {
    const rows = targets.slice(i, i + TARGET_ROWS_PER_INSERT).map((t) => ({ bulk_id: bulkId, account_id: t.accountId, action_id: t.actionId, outcome: t.outcome, why: t.why }));
    await tx.insertInto('bulk_targets').values(rows).execute();
  }
}

export async function bulkById(db: Db, id: string): Promise<Bulk> {
  const row = await db.selectFrom('bulk_actions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('bulk', id);
  const counts = await db.selectFrom('bulk_targets').select(['outcome', (eb) => eb.fn.countAll<number>().as('n')]).where('bulk_id', '=', id).groupBy('outcome').execute();
  const by = tally([]);
  for (const c of counts) by[c.outcome] = Number(c.n);
  return {
    id: row.id,
    kind: row.kind,
    reasonCode: row.reason_code,
    justification: row.justification,
    proposerId: row.proposer_id,
    proposedAt: Number(row.proposed_at),
    restoresBulkId: row.restores_bulk_id,
    targets: Number(row.target_count),
    ...by,
  };
}

/** A page of a bulk's targets of one outcome (or all), by account id after `after`. */
export async function targetsOf(db: Db, bulkId: string, opts: { outcome?: BulkOutcome; after?: string; limit: number }): Promise<BulkTarget[]> {
  let q = db.selectFrom('bulk_targets').selectAll().where('bulk_id', '=', bulkId).orderBy('account_id').limit(opts.limit);
  if (opts.outcome) q = q.where('outcome', '=', opts.outcome);
  if (opts.after !== undefined) q = q.where('account_id', '>', opts.after);
  const rows = await q.execute();
  return rows.map((r) => ({ accountId: r.account_id, actionId: r.action_id, outcome: r.outcome, why: r.why }));
}
