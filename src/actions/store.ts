/**
 * The action aggregate's tables (actions, and the approvals given on them):
 * their one reader and writer, and the mapping of their rows to `Action` and
 * `Approval`. Every other module asks here, in the domain's words, inside the
 * caller's transaction (`db` may be one). States are filtered by the named
 * sets of ./model.ts, never by a list written at the query.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db, Dialect } from '../db/database.js';
import type { ActionsTable, ApprovalsTable } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { ActionKind } from '../policy/model.js';
import { RESTORABLE_KINDS, targetTypeOf } from './kinds.js';
import {
  type AccountState,
  APPLIED_STATES,
  type ActionState,
  DROPPED_STATES,
  EXECUTED_STATES,
  PENDING_STATES,
} from './model.js';
import { fromJson, fromJsonOrNull, toJson } from '../db/json.js';
import { type Action, type Approval, rowToAction, rowToApproval } from './action-rows.js';

export { type Action, type ActionBase, type Approval, rowToAction, rowToApproval } from './action-rows.js';

// --- actions

export async function findAction(db: Db, id: string): Promise<Action | undefined> {
  const row = await db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToAction(row) : undefined;
}

/** The action with this id; not_found if there is none. */
export async function actionById(db: Db, id: string): Promise<Action> {
  const a = await findAction(db, id);
  if (!a) throw notFound('action', id);
  return a;
}

/** The action, its row locked to commit on PostgreSQL (SQLite's transaction already holds the write lock). */
export async function lockAction(tx: Db, dialect: Dialect, id: string): Promise<Action> {
  const q = tx.selectFrom('actions').selectAll().where('id', '=', id);
  const row = await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw notFound('action', id);
  return rowToAction(row);
}

/**
 * These actions' rows locked to commit, by id (PostgreSQL only: the caller
 * decides; the order among kinds of row is src/db/row-locks.ts's).
 */
export async function lockActionRows(tx: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.selectFrom('actions').select('id').where('id', 'in', [...ids]).orderBy('id').forUpdate().execute();
}

/** What a new action is written with: what has not happened to it yet (execution, delivery, closing) starts empty. */
export type NewAction = Omit<Insertable<ActionsTable>, 'prior_state' | 'result_state' | 'executed_at' | 'delivered_at' | 'closed_reason' | 'updated_at'>;

export async function insertAction(tx: Db, row: NewAction): Promise<void> {
  await tx
    .insertInto('actions')
    .values({ ...row, prior_state: null, result_state: null, executed_at: null, delivered_at: null, closed_reason: null, updated_at: row.proposed_at })
    .execute();
}

/** Any of an action's columns but its last-updated time. */
export type ActionChange = Omit<Updateable<ActionsTable>, 'updated_at'>;

/** The change; `now` is its last-updated time. */
export async function updateAction(tx: Db, id: string, set: ActionChange, now: number): Promise<void> {
  await tx.updateTable('actions').set({ ...set, updated_at: now }).where('id', '=', id).execute();
}

export interface ActionListing {
  state?: ActionState;
  targetId?: string;
  proposerId?: string;
  limit?: number;
}

/** Newest first. */
export async function listActions(db: Db, opts: ActionListing): Promise<Action[]> {
  let q = db
    .selectFrom('actions')
    .selectAll()
    .orderBy('proposed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(opts.limit ?? 100, 500));
  if (opts.state) q = q.where('state', '=', opts.state);
  if (opts.targetId) q = q.where('target_id', '=', opts.targetId);
  if (opts.proposerId) q = q.where('proposer_id', '=', opts.proposerId);
  return (await q.execute()).map(rowToAction);
}

/** Awaiting approval, not proposed by this person, and without a live verdict of theirs: oldest first, at most 200. */
export async function awaitingVerdictOf(db: Db, staffId: string): Promise<Action[]> {
  const rows = await db
    .selectFrom('actions')
    .selectAll()
    .where('state', '=', 'awaiting_approval')
    .where('proposer_id', '<>', staffId)
    .where('id', 'not in', (eb) =>
      eb.selectFrom('approvals').select('action_id').where('approver_id', '=', staffId).where('voided_at', 'is', null),
    )
    .orderBy('proposed_at')
    .limit(200)
    .execute();
  return rows.map(rowToAction);
}

/** This person's proposals that could still take effect. */
export async function pendingActionsOf(tx: Db, proposerId: string): Promise<Action[]> {
  const rows = await tx
    .selectFrom('actions')
    .selectAll()
    .where('proposer_id', '=', proposerId)
    .where('state', 'in', PENDING_STATES)
    .execute();
  return rows.map(rowToAction);
}

/** Scheduled and due by `now`, soonest first. */
/** Whether Warden itself has a proposal of this kind pending on the target (it suggests one at a time). */
export async function pendingSystemProposal(db: Db, targetId: string, kind: ActionKind): Promise<boolean> {
  const row = await db
    .selectFrom('actions')
    .select('id')
    .where('target_type', '=', targetTypeOf(kind))
    .where('target_id', '=', targetId)
    .where('proposer_kind', '=', 'system')
    .where('kind', '=', kind)
    .where('state', 'in', PENDING_STATES)
    .executeTakeFirst();
  return row !== undefined;
}

export async function dueActionIds(db: Db, now: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('actions')
    .select('id')
    .where('state', '=', 'scheduled')
    .where('scheduled_for', '<=', now)
    .orderBy('scheduled_for')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Awaiting approval past their expiry. */
export async function staleProposalIds(tx: Db, now: number): Promise<string[]> {
  const rows = await tx
    .selectFrom('actions')
    .select('id')
    .where('state', '=', 'awaiting_approval')
    .where('expires_at', '<=', now)
    .execute();
  return rows.map((r) => r.id);
}

/** The most recent applied, restorable change on the account (or the one named, if it is one). */
export async function latestRestorableChange(db: Db, accountId: string, actionId?: string): Promise<Action | undefined> {
  let q = db
    .selectFrom('actions')
    .selectAll()
    .where('target_type', '=', 'account')
    .where('target_id', '=', accountId)
    .where('state', 'in', APPLIED_STATES)
    .where('kind', 'in', RESTORABLE_KINDS)
    .orderBy('executed_at', 'desc')
    .limit(1);
  if (actionId) q = q.where('id', '=', actionId);
  const row = await q.executeTakeFirst();
  return row ? rowToAction(row) : undefined;
}

/**
 * The state before the latest executed suspension of the account that left
 * it in `state`; null if none did (or it recorded none).
 */
export async function priorOfSuspensionLeaving(db: Db, accountId: string, state: AccountState): Promise<AccountState | null> {
  const earlier = await db
    .selectFrom('actions')
    .select('prior_state')
    .where('target_type', '=', 'account')
    .where('target_id', '=', accountId)
    .where('kind', '=', 'suspend')
    .where('result_state', '=', toJson(state))
    .where('state', 'in', EXECUTED_STATES)
    .orderBy('executed_at', 'desc')
    .executeTakeFirst();
  return earlier?.prior_state ? fromJson(earlier.prior_state) : null;
}

/** How many actions wait for an approver's verdict, and when the oldest of them was proposed (null when none waits). */
export async function awaitingApprovalSummary(db: Db): Promise<{ n: number; oldest: number | null }> {
  const r = await db
    .selectFrom('actions')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min<number>('proposed_at').as('oldest')])
    .where('state', '=', 'awaiting_approval')
    .executeTakeFirstOrThrow();
  return { n: Number(r.n), oldest: r.oldest === null ? null : Number(r.oldest) };
}

/** Followers reached by this person's account actions proposed after `since` that were not dropped. */
export async function followersProposedSince(db: Db, proposerId: string, since: number, excludeActionId?: string): Promise<number> {
  let q = db
    .selectFrom('actions')
    .select((eb) => eb.fn.sum<number>('followers').as('n'))
    .where('proposer_id', '=', proposerId)
    .where('proposed_at', '>', since)
    .where('state', 'not in', DROPPED_STATES)
    .where('target_type', '=', 'account');
  if (excludeActionId) q = q.where('id', '<>', excludeActionId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** An executed action's effect on an account: what the tripwire reads. */
export interface ExecutedEffect {
  id: string;
  kind: Action['kind'];
  accountId: string;
  state: ActionState;
  executedAt: number | null;
  priorState: AccountState | null;
  resultState: AccountState | null;
}

/** Every executed action that set a state on one of these accounts. */
export async function executedEffectsOn(db: Db, accountIds: readonly string[]): Promise<ExecutedEffect[]> {
  if (accountIds.length === 0) return [];
  const rows = await db
    .selectFrom('actions')
    .select(['id', 'kind', 'target_id', 'state', 'executed_at', 'prior_state', 'result_state'])
    .where('state', 'in', EXECUTED_STATES)
    .where('target_type', '=', 'account')
    .where('result_state', 'is not', null)
    .where('target_id', 'in', accountIds)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    accountId: r.target_id,
    state: r.state,
    executedAt: r.executed_at,
    priorState: fromJsonOrNull(r.prior_state),
    resultState: fromJsonOrNull(r.result_state),
  }));
}

/** Kinds that change a staff record in place (its role, its access window); an elevation is a record of its own. */
const STAFF_RECORD_KINDS: readonly ActionKind[] = ['grant_role', 'set_access'];

/** The executed changes to these people's records (their role, their access window). */
export async function executedStaffChangesTo(db: Db, staffIds: readonly string[]): Promise<{ id: string; kind: ActionKind }[]> {
  if (staffIds.length === 0) return [];
  return db
    .selectFrom('actions')
    .select(['id', 'kind'])
    .where('kind', 'in', STAFF_RECORD_KINDS)
    .where('target_id', 'in', staffIds)
    .where('executed_at', 'is not', null)
    .execute();
}

/** The ids of every action on this account. */
export async function actionIdsOn(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('actions')
    .select('id')
    .where('target_type', '=', 'account')
    .where('target_id', '=', accountId)
    .execute();
  return rows.map((r) => r.id);
}

/** Who proposed the action, and when: read by the independence rules (src/staff/independence.ts). */
export async function proposerOf(db: Db, actionId: string): Promise<(Action['proposer'] & { at: number }) | undefined> {
  const a = await db
    .selectFrom('actions')
    .select(['proposer_id', 'proposer_kind', 'proposed_at'])
    .where('id', '=', actionId)
    .executeTakeFirst();
  return a && { kind: a.proposer_kind, id: a.proposer_id, at: a.proposed_at };
}

// --- approvals

/** Every verdict on the action, in the order given. */
export async function approvalsOf(db: Db, actionId: string): Promise<Approval[]> {
  const rows = await db.selectFrom('approvals').selectAll().where('action_id', '=', actionId).orderBy('id').execute();
  return rows.map(rowToApproval);
}

/** The approvals on the action that still stand (not voided), in the order given. */
export async function standingApprovalsOf(db: Db, actionId: string): Promise<{ approverId: string; at: number }[]> {
  const rows = await db
    .selectFrom('approvals')
    .select(['approver_id', 'at'])
    .where('action_id', '=', actionId)
    .where('verdict', '=', 'approve')
    .where('voided_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ approverId: r.approver_id, at: r.at }));
}

/** This person's verdict on the action, voided or not. */
export async function verdictBy(tx: Db, actionId: string, approverId: string): Promise<Pick<Approval, 'id' | 'verdict' | 'voidedAt'> | undefined> {
  const r = await tx
    .selectFrom('approvals')
    .select(['id', 'verdict', 'voided_at'])
    .where('action_id', '=', actionId)
    .where('approver_id', '=', approverId)
    .executeTakeFirst();
  return r && { id: r.id, verdict: r.verdict, voidedAt: r.voided_at };
}

/** A voided verdict makes way for a new one by the same person. */
export async function deleteApproval(tx: Db, id: number): Promise<void> {
  await tx.deleteFrom('approvals').where('id', '=', id).execute();
}

export async function insertApproval(tx: Db, row: Insertable<ApprovalsTable>): Promise<number> {
  const { id } = await tx.insertInto('approvals').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** This person's unvoided verdicts, with the state of the action each is on. */
export async function unvoidedVerdictsBy(tx: Db, approverId: string): Promise<{ id: number; actionId: string; state: ActionState }[]> {
  return tx
    .selectFrom('approvals')
    .innerJoin('actions', 'actions.id', 'approvals.action_id')
    .select(['approvals.id as id', 'approvals.action_id as actionId', 'actions.state as state'])
    .where('approvals.approver_id', '=', approverId)
    .where('approvals.voided_at', 'is', null)
    .execute();
}

export async function voidApprovals(tx: Db, ids: readonly number[], now: number, reason: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('approvals').set({ voided_at: now, voided_reason: reason }).where('id', 'in', [...ids]).execute();
}
