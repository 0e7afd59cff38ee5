/**
 * The statements and decision-ground tables: the one module that names them
 * (test/table-owners.test.ts). Rows in, rows out, in the statement's words.
 */
import type { Selectable } from 'kysely';
import type { ReasonCode } from '../actions/model.js';
import type { Db, Dialect } from '../db/database.js';
import { fromJson, fromJsonOrNull, toJson } from '../db/json.js';
import type { StatementsTable } from '../db/schema.js';
import { type DecisionGround, type DsaStatement, type StatementState, nextStatementState } from './model.js';

/** A statement as Warden keeps it. */
export interface StoredStatement {
  actionId: string;
  accountId: string;
  body: DsaStatement;
  state: StatementState;
  batchId: string | null;
  createdAt: number;
  queuedAt: number | null;
  deliveredAt: number | null;
  /** the id the database gave it; null until delivered (and when it already held it and did not say) */
  tdbUuid: string | null;
  /** the fields the database refused, with its words */
  refused: Record<string, string[]> | null;
  lastError: string | null;
}

const toStatement = (r: Selectable<StatementsTable>): StoredStatement => ({
  actionId: r.action_id,
  accountId: r.account_id,
  body: fromJson(r.body),
  state: r.state,
  batchId: r.batch_id,
  createdAt: Number(r.created_at),
  queuedAt: r.queued_at === null ? null : Number(r.queued_at),
  deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
  tdbUuid: r.tdb_uuid,
  refused: fromJsonOrNull(r.refused),
  lastError: r.last_error,
});

/** Writes the statement of an action once; false when it already has one. */
export async function insertStatement(tx: Db, s: { actionId: string; accountId: string; body: DsaStatement; now: number }): Promise<boolean> {
  const written = await tx
    .insertInto('statements')
    .values({
      action_id: s.actionId,
      account_id: s.accountId,
      body: toJson(s.body),
      state: 'pending',
      batch_id: null,
      created_at: s.now,
      queued_at: null,
      delivered_at: null,
      tdb_uuid: null,
      refused: null,
      last_error: null,
    })
    .onConflict((oc) => oc.column('action_id').doNothing())
    .returning('action_id')
    .executeTakeFirst();
  return written !== undefined;
}

export async function statementOfAction(db: Db, actionId: string): Promise<StoredStatement | null> {
  const r = await db.selectFrom('statements').selectAll().where('action_id', '=', actionId).executeTakeFirst();
  return r ? toStatement(r) : null;
}

export async function listStatements(db: Db, opts: { state?: StatementState; accountId?: string; limit: number }): Promise<StoredStatement[]> {
  let q = db.selectFrom('statements').selectAll().orderBy('created_at', 'desc').orderBy('action_id', 'desc').limit(opts.limit);
  if (opts.state) q = q.where('state', '=', opts.state);
  if (opts.accountId) q = q.where('account_id', '=', opts.accountId);
  return (await q.execute()).map(toStatement);
}

/** How many statements are in each state. */
export async function countStatements(db: Db): Promise<Partial<Record<StatementState, number>>> {
  const rows = await db.selectFrom('statements').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** The oldest pending statements, at most `limit`, locked for this batch where the store can skip others' locks. */
export async function pendingStatements(tx: Db, dialect: Dialect, limit: number): Promise<{ actionId: string; body: DsaStatement }[]> {
  const q = tx.selectFrom('statements').select(['action_id', 'body']).where('state', '=', 'pending').orderBy('created_at').orderBy('action_id').limit(limit);
  const rows = await (dialect === 'postgres' ? q.forUpdate().skipLocked() : q).execute();
  return rows.map((r) => ({ actionId: r.action_id, body: fromJson(r.body) }));
}

type Change = Partial<Pick<Selectable<StatementsTable>, 'batch_id' | 'queued_at' | 'delivered_at' | 'tdb_uuid' | 'refused' | 'last_error'>>;

/** Moves statements along their lifecycle (model.ts); one not in the state the event leaves from is left as it is. */
export async function moveStatements(tx: Db, ids: string[], event: 'batch' | 'deliver' | 'refuse' | 'fail', set: Change): Promise<number> {
  const from: StatementState = event === 'batch' ? 'pending' : 'queued';
  const state = nextStatementState(from, event);
  let moved = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const r = await tx.updateTable('statements').set({ ...set, state }).where('action_id', 'in', ids.slice(i, i + 500)).where('state', '=', from).executeTakeFirst();
    moved += Number(r.numUpdatedRows);
  }
  return moved;
}

/** The ground an approved set_decision_ground put in force for a reason code, or null. */
export async function groundInForce(db: Db, reasonCode: ReasonCode): Promise<(DecisionGround & { actionId: string }) | null> {
  const r = await db.selectFrom('decision_grounds').selectAll().where('reason_code', '=', reasonCode).executeTakeFirst();
  return r ? { ground: r.ground, reference: r.reference, explanation: r.explanation, alsoIllegal: r.also_illegal === 1, actionId: r.action_id } : null;
}

export async function putGround(tx: Db, reasonCode: ReasonCode, g: DecisionGround, actionId: string, now: number): Promise<void> {
  const values = { ground: g.ground, reference: g.reference, explanation: g.explanation, also_illegal: g.alsoIllegal ? 1 : 0, action_id: actionId, updated_at: now };
  await tx
    .insertInto('decision_grounds')
    .values({ reason_code: reasonCode, ...values })
    .onConflict((oc) => oc.column('reason_code').doUpdateSet(values))
    .execute();
}
