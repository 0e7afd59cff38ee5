import type { AuditAppender } from '../audit/service.js';
import type { Actor, AuditInput } from '../audit/model.js';
import { type AccountAuditEvent, accountReachFell, accountTierSet, accountsImported } from './events.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Insertable } from 'kysely';
import type { AccountHistoryTable, AccountRow } from '../db/schema.js';
import { invalidInput, notFound } from '../errors.js';
import {
  type Account,
  type AccountImport,
  type AccountStatus,
  type ImportResult,
  REACH_FALL_SHARE,
  type Tier,
  importProblems,
  isProtected,
} from './model.js';

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

export type { ImportResult };

export const emptyImportResult = (): ImportResult => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  tierChanges: 0,
  statusChanges: 0,
  statusesNotAdopted: 0,
  reachFalls: 0,
});

export interface HistoryEntry {
  field: 'tier' | 'status';
  from: string | null;
  to: string;
  at: number;
  actor: Actor;
  reason: string | null;
}

/** The one shape of an account_history row: every writer of the history builds it here. */
function historyRow(accountId: string, field: HistoryEntry['field'], from: string | null, to: string, at: number, actor: Actor, reason: string | null): Insertable<AccountHistoryTable> {
  return { account_id: accountId, field, from_value: from, to_value: to, at, actor_kind: actor.kind, actor_id: actor.id, reason };
}

/** Told when an account's tier changes, inside the same transaction (cases re-route, auditing their own moves). */
export type TierChangeHook = (tx: Db, accountId: string, tier: Tier, reason: string) => Promise<unknown>;

export class AccountService {
  private tierHooks: TierChangeHook[] = [];

  onTierChange(hook: TierChangeHook): void {
    this.tierHooks.push(hook);
  }

  /**
   * The platform's version of the account as one of Warden's own deliveries
   * left it. Only ever raised: a platform webhook for an earlier version that
   * arrives after it is stale (the tripwire passes it over), not drift.
   */
  async notePlatformVersion(tx: Db, accountId: string, version: number): Promise<void> {
    await tx.updateTable('accounts').set({ platform_version: version }).where('id', '=', accountId).where('platform_version', '<', version).execute();
  }

  /** A tier change decided elsewhere (an approved set_tier action): history, and the hooks. */
  async applyTierChange(tx: Db, actor: Actor, accountId: string, tier: Tier, reason: string): Promise<{ from: Tier; to: Tier }> {
    const prev = await this.get(tx, accountId);
    const now = this.clock.now();
    await tx.updateTable('accounts').set({ tier, updated_at: now }).where('id', '=', accountId).execute();
    await tx.insertInto('account_history').values(historyRow(accountId, 'tier', prev.tier, tier, now, actor, reason)).execute();
    for (const hook of this.tierHooks) await hook(tx, accountId, tier, reason);
    return { from: prev.tier, to: tier };
  }

  /** A status an executed action leaves (src/actions/execution.ts): the account and its history. */
  async applyStatusChange(tx: Db, actor: Actor, accountId: string, from: AccountStatus, to: { status: AccountStatus; statusUntil: number | null }, now: number, reason: string): Promise<void> {
    await tx.updateTable('accounts').set({ status: to.status, status_until: to.statusUntil, updated_at: now }).where('id', '=', accountId).execute();
    await tx.insertInto('account_history').values(historyRow(accountId, 'status', from, to.status, now, actor, reason)).execute();
  }

  constructor(
    private readonly audit: AuditAppender<AccountAuditEvent>,
    private readonly clock: Clock,
  ) {}

  async get(db: Db, id: string): Promise<Account> {
    const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('account', id);
    return rowToAccount(row);
  }

  async getMany(db: Db, ids: string[]): Promise<Map<string, Account>> {
    const out = new Map<string, Account>();
    for (let i = 0; i < ids.length; i += 900) {
      const rows = await db.selectFrom('accounts').selectAll().where('id', 'in', ids.slice(i, i + 900)).execute();
      for (const r of rows) out.set(r.id, rowToAccount(r));
    }
    return out;
  }

  async list(db: Db, opts: { tier?: Tier; handlePrefix?: string; after?: string; limit?: number }): Promise<Account[]> {
    let q = db.selectFrom('accounts').selectAll().orderBy('id').limit(Math.min(opts.limit ?? 100, 1000));
    if (opts.tier) q = q.where('tier', '=', opts.tier);
    if (opts.handlePrefix) q = q.where('handle', 'like', `${opts.handlePrefix.replace(/[%_]/g, '')}%`);
    if (opts.after) q = q.where('id', '>', opts.after);
    return (await q.execute()).map(rowToAccount);
  }

  async history(db: Db, id: string): Promise<HistoryEntry[]> {
    await this.get(db, id);
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

  /**
   * Upsert a batch of accounts from the platform (or a file): new accounts are
   * created, existing ones get their descriptive fields (handle, name,
   * followers, verified, platform version) and nothing else. A tier change or a
   * new protected account arriving dark refuses the whole batch
   * (`importProblems`); a status given for an existing account is never adopted,
   * only counted (the platform's view of status is the tripwires' business).
   * A protected account's peak reach never falls here, and a sudden fall of its
   * count is audited. The batch itself is one audit entry.
   */
  async importBatch(tx: Db, actor: Actor, batch: AccountImport[], reason = 'import'): Promise<ImportResult> {
    const now = this.clock.now();
    const existing = await this.getMany(tx, batch.map((a) => a.id));
    const problems = importProblems(batch, existing);
    if (problems.length > 0) throw invalidInput(problems);
    const result = emptyImportResult();
    const history: Insertable<AccountHistoryTable>[] = [];
    const audits: AuditInput<AccountAuditEvent>[] = [];
    const fresh: AccountRow[] = [];
    for (const a of batch) {
      const prev = existing.get(a.id);
      if (!prev) {
        const tier = a.tier ?? 'standard';
        fresh.push({
          id: a.id, handle: a.handle, display_name: a.displayName, followers: a.followers, verified: a.verified ? 1 : 0, tier,
          status: a.status, status_until: a.statusUntil, platform_version: a.version, followers_peak: a.followers,
          created_at: now, updated_at: now,
        });
        history.push(historyRow(a.id, 'status', null, a.status, now, actor, reason), historyRow(a.id, 'tier', null, tier, now, actor, reason));
        if (tier !== 'standard') audits.push(accountTierSet(actor, a.id, tier, reason));
        result.created++;
        continue;
      }
      if (a.status !== prev.status || a.statusUntil !== prev.statusUntil) result.statusesNotAdopted++;
      // monotone for every tier, so an account raised to a protected tier later keeps the reach it has had
      const peak = Math.max(prev.followersPeak, prev.followers, a.followers);
      const fallLine = peak * REACH_FALL_SHARE;
      if (isProtected(prev.tier) && a.followers < fallLine && prev.followers >= fallLine) {
        audits.push(accountReachFell(actor, { id: a.id, tier: prev.tier, followers: prev.followers, followersNow: a.followers, peak }, reason));
        result.reachFalls++;
      }
      const changed =
        prev.handle !== a.handle || prev.displayName !== a.displayName || prev.followers !== a.followers ||
        prev.verified !== a.verified || prev.followersPeak !== peak;
      if (!changed) {
        result.unchanged++;
        continue;
      }
      await tx
        .updateTable('accounts')
        .set({
          handle: a.handle, display_name: a.displayName, followers: a.followers, verified: a.verified ? 1 : 0,
          followers_peak: peak, platform_version: Math.max(prev.platformVersion, a.version), updated_at: now,
        })
        .where('id', '=', a.id)
        .execute();
      result.updated++;
    }
    for (let i = 0; i < fresh.length; i += 500) await tx.insertInto('accounts').values(fresh.slice(i, i + 500)).execute();
    for (let i = 0; i < history.length; i += 500) await tx.insertInto('account_history').values(history.slice(i, i + 500)).execute();
    result.tierChanges = audits.filter((e) => e.action === 'account.tier_set').length;
    if (result.created + result.updated > 0 || audits.length > 0) {
      await this.audit.appendMany(tx, [accountsImported(actor, result, reason), ...audits]);
    }
    return result;
  }
}
