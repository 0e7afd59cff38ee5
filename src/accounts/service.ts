import type { AuditAppender } from '../audit/service.js';
import type { Actor, AuditInput } from '../audit/model.js';
import { type AccountAuditEvent, accountReachFell, accountTierSet, accountsImported } from './events.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { AccountRow } from '../db/schema.js';
import { invalidInput } from '../errors.js';
import {
  type HistoryEntry,
  type HistoryRow,
  accountById,
  accountsWithIds,
  historyOf,
  historyRow,
  insertImported,
  listAccounts,
  raisePlatformVersion,
  recordStatusChange,
  recordTierChange,
  updateDescriptive,
} from './store.js';
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

export type { HistoryEntry };

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
    await raisePlatformVersion(tx, accountId, version);
  }

  /** A tier change decided elsewhere (an approved set_tier action): history, and the hooks. */
  async applyTierChange(tx: Db, actor: Actor, accountId: string, tier: Tier, reason: string): Promise<{ from: Tier; to: Tier }> {
    const prev = await this.get(tx, accountId);
    const now = this.clock.now();
    await recordTierChange(tx, accountId, prev.tier, tier, now, actor, reason);
    for (const hook of this.tierHooks) await hook(tx, accountId, tier, reason);
    return { from: prev.tier, to: tier };
  }

  /** A status an executed action leaves (src/actions/execution.ts): the account and its history. */
  async applyStatusChange(tx: Db, actor: Actor, accountId: string, from: AccountStatus, to: { status: AccountStatus; statusUntil: number | null }, now: number, reason: string): Promise<void> {
    await recordStatusChange(tx, accountId, from, to, now, actor, reason);
  }

  constructor(
    private readonly audit: AuditAppender<AccountAuditEvent>,
    private readonly clock: Clock,
  ) {}

  get(db: Db, id: string): Promise<Account> {
    return accountById(db, id);
  }

  getMany(db: Db, ids: string[]): Promise<Map<string, Account>> {
    return accountsWithIds(db, ids);
  }

  list(db: Db, opts: { tier?: Tier; handlePrefix?: string; after?: string; limit?: number }): Promise<Account[]> {
    return listAccounts(db, opts);
  }

  async history(db: Db, id: string): Promise<HistoryEntry[]> {
    await this.get(db, id);
    return historyOf(db, id);
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
    const history: HistoryRow[] = [];
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
      await updateDescriptive(tx, a.id, {
        handle: a.handle, display_name: a.displayName, followers: a.followers, verified: a.verified ? 1 : 0,
        followers_peak: peak, platform_version: Math.max(prev.platformVersion, a.version), updated_at: now,
      });
      result.updated++;
    }
    await insertImported(tx, fresh, history);
    result.tierChanges = audits.filter((e) => e.action === 'account.tier_set').length;
    if (result.created + result.updated > 0 || audits.length > 0) {
      await this.audit.appendMany(tx, [accountsImported(actor, result, reason), ...audits]);
    }
    return result;
  }
}
