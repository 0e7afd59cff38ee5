/**
 * The accounts table and its history: their one reader and writer. Every
 * other module asks here, in the domain's words, inside the caller's
 * transaction (`db` may be one). A tier or status change and its history row
 * are written together, by one function each: the history has one writer.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Actor } from '../audit/model.js';
import type { Db } from '../db/database.js';
import type { AccountHistoryTable, AccountRow, AccountsTable } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { Account, AccountStatus, Tier } from './model.js';

/** An account's status and when it ends (null: it does not). */
type StatusOf = Pick<Account, 'status' | 'statusUntil'>;

export function rowToAccount(r: AccountRow): Account {
  return {
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    followers: r.followers,
    verified: r.verified === 1,
    tier: r.tier,
    status: r.status,
    statusUntil: r.status_until,
    platformVersion: r.platform_version,
    followersPeak: r.followers_peak,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface HistoryEntry {
  field: 'tier' | 'status';
  from: string | null;
  to: string;
  at: number;
  actor: Actor;
  reason: string | null;
}

export type HistoryRow = Insertable<AccountHistoryTable>;

/** The one shape of an account_history row: every writer of the history builds it here. */
export function historyRow(
  accountId: string,
  field: HistoryEntry['field'],
  from: string | null,
  to: string,
  at: number,
  actor: Actor,
  reason: string | null,
): HistoryRow {
  return {
    account_id: accountId, field, from_value: from, to_value: to, at,
    actor_kind: actor.kind, actor_id: actor.id, reason,
  };
}

/** The account with this id, or undefined. */
export async function findAccount(db: Db, id: string): Promise<Account | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToAccount(row) : undefined;
}

/** The account with this id; not_found if there is none. */
export async function accountById(db: Db, id: string): Promise<Account> {
  const a = await findAccount(db, id);
  if (!a) throw notFound('account', id);
  return a;
}

/** The accounts with these ids that exist, by id; any number of ids (asked in chunks). */
export async function accountsWithIds(db: Db, ids: readonly string[]): Promise<Map<string, Account>> {
  const out = new Map<string, Account>();
  for (let i = 0; i < ids.length; i += 900) {
    const rows = await db.selectFrom('accounts').selectAll().where('id', 'in', ids.slice(i, i + 900)).execute();
    for (const r of rows) out.set(r.id, rowToAccount(r));
  }
  return out;
}

/** The status an account is in now, in Warden's record. */
export async function accountStatus(db: Db, id: string): Promise<StatusOf> {
  const a = await db
    .selectFrom('accounts')
    .select(['status', 'status_until'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { status: a.status, statusUntil: a.status_until };
}

export interface AccountListing {
  tier?: Tier;
  handlePrefix?: string;
  after?: string;
  limit?: number;
}

/** A page of accounts by id, after `after`. */
export async function listAccounts(db: Db, opts: AccountListing): Promise<Account[]> {
  let q = db.selectFrom('accounts').selectAll().orderBy('id').limit(Math.min(opts.limit ?? 100, 1000));
  if (opts.tier) q = q.where('tier', '=', opts.tier);
  if (opts.handlePrefix) q = q.where('handle', 'like', `${opts.handlePrefix.replace(/[%_]/g, '')}%`);
  if (opts.after) q = q.where('id', '>', opts.after);
  return (await q.execute()).map(rowToAccount);
}

/** How many accounts are in these tiers. */
export async function countInTiers(db: Db, tiers: readonly Tier[]): Promise<number> {
  const { n } = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tier', 'in', tiers)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** A page of the statuses of accounts in these tiers, by id, after `after`. */
export async function statusesInTiers(db: Db, tiers: readonly Tier[], after: string, limit: number): Promise<(StatusOf & { id: string })[]> {
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'status', 'status_until'])
    .where('tier', 'in', tiers)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, status: r.status, statusUntil: r.status_until }));
}

/** An account's history of tier and status, oldest first. */
export async function historyOf(db: Db, id: string): Promise<HistoryEntry[]> {
  const rows = await db.selectFrom('account_history').selectAll().where('account_id', '=', id).orderBy('id').execute();
  return rows.map((r) => ({
    field: r.field,
    from: r.from_value,
    to: r.to_value,
    at: r.at,
    actor: { kind: r.actor_kind, id: r.actor_id },
    reason: r.reason,
  }));
}

/** The platform's version of the account, only ever raised. */
export async function raisePlatformVersion(tx: Db, accountId: string, version: number): Promise<void> {
  await tx
    .updateTable('accounts')
    .set({ platform_version: version })
    .where('id', '=', accountId)
    .where('platform_version', '<', version)
    .execute();
}

/** The account's tier, and its history row. */
export async function recordTierChange(
  tx: Db,
  accountId: string,
  from: Tier,
  to: Tier,
  now: number,
  actor: Actor,
  reason: string,
): Promise<void> {
  await tx.updateTable('accounts').set({ tier: to, updated_at: now }).where('id', '=', accountId).execute();
  await tx.insertInto('account_history').values(historyRow(accountId, 'tier', from, to, now, actor, reason)).execute();
}

/** The account's status, and its history row. */
export async function recordStatusChange(
  tx: Db,
  accountId: string,
  from: AccountStatus,
  to: { status: AccountStatus; statusUntil: number | null },
  now: number,
  actor: Actor,
  reason: string,
): Promise<void> {
  await tx
    .updateTable('accounts')
    .set({ status: to.status, status_until: to.statusUntil, updated_at: now })
    .where('id', '=', accountId)
    .execute();
  await tx
    .insertInto('account_history')
    .values(historyRow(accountId, 'status', from, to.status, now, actor, reason))
    .execute();
}

/** An import's descriptive fields on an existing account (never its tier or status). */
export type DescriptiveChange = Pick<
  Updateable<AccountsTable>,
  'handle' | 'display_name' | 'followers' | 'verified' | 'followers_peak' | 'platform_version' | 'updated_at'
>;

export async function updateDescriptive(tx: Db, accountId: string, change: DescriptiveChange): Promise<void> {
  await tx.updateTable('accounts').set(change).where('id', '=', accountId).execute();
}

/** New accounts and their first history rows, in batches. */
export async function insertImported(tx: Db, fresh: readonly AccountRow[], history: readonly HistoryRow[]): Promise<void> {
  for (let i = 0; i < fresh.length; i += 500) await tx.insertInto('accounts').values(fresh.slice(i, i + 500)).execute();
  for (let i = 0; i < history.length; i += 500) await tx
    .insertInto('account_history')
    .values(history.slice(i, i + 500))
    .execute();
}

/**
 * These accounts' rows locked to commit, by id (PostgreSQL only: the caller
 * decides; the order among kinds of row is src/db/row-locks.ts's).
 */
export async function lockAccountRows(tx: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.selectFrom('accounts').select('id').where('id', 'in', [...ids]).orderBy('id').forUpdate().execute();
}
