/**
 * Bulk enforcement: one proposal over up to 100,000 accounts. Nothing about a
 * target is decided for the bulk as a whole: each is proposed as its own
 * action through ActionService.propose — the same policy question, the same
 * audit entries, the same execution and delivery as one proposed alone — so a
 * protected account hidden in the list, or one past the proposer's
 * blast-radius budget, becomes a proposal that waits for the approvals the
 * policy demands, and one the policy refuses is refused with its rule. The
 * targets go in chunks, each one transaction; within it every target has a
 * savepoint, so a refusal undoes that target's work alone.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { DomainError, invalidInput } from '../errors.js';
import type { Session } from '../sessions/model.js';
import type { SessionService } from '../sessions/service.js';
import type { Staff } from '../staff/model.js';
import type { Account } from '../accounts/model.js';
import { accountsWithIds } from '../accounts/store.js';
import { type BulkAuditEvent, bulkCompleted, bulkProposed } from './bulk-events.js';
import { BULK_CHUNK, type Bulk, type BulkProposal, type BulkRestore, type BulkTarget, MAX_LISTED, tally } from './bulk-model.js';
import { bulkById, insertBulk, insertTargets, targetsOf } from './bulk-store.js';
import type { Executor } from './execution.js';
import { type Proposal, ProposalSchema } from './proposal.js';
import type { ActionService } from './service.js';

export interface BulkDeps {
  db: Db;
  clock: Clock;
  actions: ActionService;
  executor: Executor;
  sessions: Pick<SessionService, 'requireStepUp'>;
  audit: AuditAppender<BulkAuditEvent>;
}

/** A bulk and the targets that did not execute (up to MAX_LISTED of each). */
export interface BulkAnswer {
  bulk: Bulk;
  waiting: BulkTarget[];
  refused: BulkTarget[];
}

/** Told after each chunk: how many targets are done of how many. */
export type Progress = (done: number, total: number) => void;

// what a target's proposal may meet that is about that target alone: recorded as its refusal
const REFUSALS = new Set(['forbidden', 'invalid_input', 'conflict', 'invalid_transition', 'not_found']);

/** Where a target goes in the bulk's order: protected tiers after every standard account, then by followers. */
const rank = (a: Account) => (a.tier === 'standard' ? 0 : 1e15) + a.followers;

export class BulkActions {
  constructor(private readonly deps: BulkDeps) {}

  async propose(caller: { staff: Staff; session: Session | null }, p: BulkProposal, progress?: Progress): Promise<BulkAnswer> {
    const { kind, targetIds, reasonCode, justification, ...params } = p;
    const accounts = await this.requireAccounts(targetIds);
    const proposalOf = (targetId: string): Proposal => ProposalSchema.parse({ kind, targetId, reasonCode, justification, ...params });
    // a console session owes its fresh code before anything is written, not after the first chunks committed
    if (caller.session) {
      for (const [accountId, account] of accounts) {
        if (account.tier === 'standard') continue;
        const destructive = await this.deps.actions.isDestructive(this.deps.db, proposalOf(accountId));
        await this.deps.sessions.requireStepUp(this.deps.db, caller.session, { kind, destructive, targetType: 'account', targetId: accountId });
      }
    }
    // the standard accounts first, fewest followers first, the protected last: a protected account (or a
    // large one) spending the proposer's hourly budget early would make every target after it wait too
    const order = [...targetIds].sort((a, b) => rank(accounts.get(a)!) - rank(accounts.get(b)!) || a.localeCompare(b));
    return this.run(caller, { kind, reasonCode, justification, params, restoresBulkId: null }, order.map((id) => ({ id, proposal: () => proposalOf(id) })), progress);
  }

  /** Undo a bulk as one: a restore of each of its targets that executed, each judged as any restore is. */
  async restore(caller: { staff: Staff; session: Session | null }, bulkId: string, r: BulkRestore, progress?: Progress): Promise<BulkAnswer> {
    const bulk = await bulkById(this.deps.db, bulkId);
    if (bulk.kind === 'restore') throw new DomainError('invalid_input', `bulk ${bulkId} is itself a restore`, { fields: [{ path: 'bulkId', message: 'a restore of a bulk cannot be restored' }] });
    const executed: BulkTarget[] = [];
    for (let after: string | undefined; ; ) {
      const page = await targetsOf(this.deps.db, bulkId, { outcome: 'executed', after, limit: 5_000 });
      executed.push(...page);
      if (page.length < 5_000) break;
      after = page[page.length - 1]!.accountId;
    }
    if (executed.length === 0) throw new DomainError('conflict', `bulk ${bulkId} executed on no account: nothing to restore`);
    const proposalOf = (t: BulkTarget): Proposal =>
      ProposalSchema.parse({ kind: 'restore', targetId: t.accountId, reasonCode: r.reasonCode, justification: r.justification, restoresActionId: t.actionId });
    return this.run(caller, { kind: 'restore', reasonCode: r.reasonCode, justification: r.justification, params: {}, restoresBulkId: bulkId }, executed.map((t) => ({ id: t.accountId, proposal: () => proposalOf(t) })), progress);
  }

  async get(db: Db, id: string): Promise<BulkAnswer> {
    const bulk = await bulkById(db, id);
    const [waiting, refused] = await Promise.all([targetsOf(db, id, { outcome: 'waiting', limit: MAX_LISTED }), targetsOf(db, id, { outcome: 'refused', limit: MAX_LISTED })]);
    return { bulk, waiting, refused };
  }

  targets(db: Db, id: string, opts: Parameters<typeof targetsOf>[2]): Promise<BulkTarget[]> {
    return targetsOf(db, id, opts);
  }

  /** Every account named exists, or nothing is written and the first missing ones are named. */
  private async requireAccounts(ids: readonly string[]): Promise<Map<string, Account>> {
    const found = await accountsWithIds(this.deps.db, ids);
    const missing = ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: `targetIds.${i}`, message: `account ${id} does not exist` }]));
    if (missing.length > 0) throw invalidInput(missing.slice(0, 20));
    return found;
  }

  private async run(
    { staff, session }: { staff: Staff; session: Session | null },
    head: { kind: Bulk['kind']; reasonCode: BulkProposal['reasonCode']; justification: string; params: object; restoresBulkId: string | null },
    targets: readonly { id: string; proposal: () => Proposal }[],
    progress?: Progress,
  ): Promise<BulkAnswer> {
    const { db, clock, audit } = this.deps;
    const id = `blk_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await inTransaction(db, async (tx) => {
      await insertBulk(tx, {
        id,
        kind: head.kind,
        reason_code: head.reasonCode,
        justification: head.justification,
        params: JSON.stringify(head.params),
        proposer_id: staff.id,
        proposed_at: clock.now(),
        restores_bulk_id: head.restoresBulkId,
        target_count: targets.length,
      });
      await audit.append(tx, bulkProposed(staff, { id, kind: head.kind, reasonCode: head.reasonCode, targets: targets.length, restoresBulkId: head.restoresBulkId }, head.justification));
    });
    const outcomes: BulkTarget[] = [];
    for (let i = 0; i < targets.length; i += BULK_CHUNK) {
      const chunk = targets.slice(i, i + BULK_CHUNK);
      const done = await inTransaction(db, async (tx) => {
        const out: BulkTarget[] = [];
        for (const t of chunk) out.push(await this.one(tx, staff, session, t.id, t.proposal()));
        await insertTargets(tx, id, out);
        return out;
      });
      outcomes.push(...done);
      progress?.(outcomes.length, targets.length);
    }
    await inTransaction(db, (tx) => audit.append(tx, bulkCompleted(staff, id, tally(outcomes))));
    return this.get(db, id);
  }

  /** One target proposed, as if alone; a refusal of it undoes its own work and is recorded with why. */
  private async one(tx: Db, staff: Staff, session: Session | null, accountId: string, proposal: Proposal): Promise<BulkTarget> {
    const { actions, executor, sessions } = this.deps;
    await sql`SAVEPOINT bulk_target`.execute(tx);
    try {
      const destructive = session ? await actions.isDestructive(tx, proposal) : false;
      const action = await actions.propose(tx, staff, proposal);
      if (session) await sessions.requireStepUp(tx, session, { kind: proposal.kind, destructive, targetType: 'account', targetId: accountId });
      await sql`RELEASE SAVEPOINT bulk_target`.execute(tx);
      if (action.state === 'executed' || action.state === 'delivered') return { accountId, actionId: action.id, outcome: 'executed', why: null };
      // voided at once: the policy's re-check at execution refused what the proposal was allowed
      if (action.state === 'voided') return { accountId, actionId: action.id, outcome: 'refused', why: action.closedReason };
      const why = action.state === 'awaiting_approval' ? ((await executor.check(tx, action)).missing ?? 'waits for approvals') : `${action.state}: waits for its time`;
      return { accountId, actionId: action.id, outcome: 'waiting', why };
    } catch (err) {
      // a step-up owed is the session's, not one target's: the whole bulk stops
      if (!(err instanceof DomainError) || !REFUSALS.has(err.code)) throw err;
      await sql`ROLLBACK TO SAVEPOINT bulk_target`.execute(tx);
      await sql`RELEASE SAVEPOINT bulk_target`.execute(tx);
      await err.auditOnRollback?.(tx);
      return { accountId, actionId: null, outcome: 'refused', why: err.message };
    }
  }
}
