/**
 * Working cases: reading them by queue, and the claim lifecycle (claim with a
 * lease, release, resolve, re-route, comment, lease expiry, re-routing when an
 * account's tier changes). Every change of a case is audited in the same
 * transaction. Reports fold into cases in folding.ts.
 */
import type { Account } from '../accounts/model.js';
import type { AuditInput } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db, Dialect } from '../db/database.js';
import type { CaseRow } from '../db/schema.js';
import { DomainError, forbidden, invalidInput, notFound } from '../errors.js';
import { type Authorizer, refusal, staffCaller } from '../policy/authorizer.js';
import type { Staff } from '../staff/model.js';
import { APPEAL_RESOLUTIONS, type CaseStatus, type Queue, type Resolution, nextCaseStatus, routeCase } from './model.js';
import { rowToStaff } from '../staff/service.js';
import { type Case, rowToCase } from './rows.js';
import {
  type CaseAuditEvent,
  caseClaimVoided,
  caseClaimed,
  caseCommented,
  caseLeaseExpired,
  caseLeaseRenewed,
  caseReleased,
  caseRerouted,
  caseReroutedForTier,
  caseResolved,
} from './events.js';
import { instantText } from '../bounds.js';

/** Work that follows a case's resolution in its transaction (its reporters' outcomes: src/notices). */
export type ResolvedHook = (tx: Db, staff: Staff, kase: Case, now: number) => Promise<unknown>;

export class CaseService {
  private resolvedHooks: ResolvedHook[] = [];

  onResolved(hook: ResolvedHook): void {
    this.resolvedHooks.push(hook);
  }

  constructor(
    private readonly audit: AuditAppender<CaseAuditEvent>,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    private readonly cfg: Config['queues'],
    private readonly authorizer: Authorizer,
  ) {}

  // --- who may: asked of the policy (policies/operations/queues.cedar) ------

  private caller(staff: Staff) {
    return staffCaller(staff, this.clock.now());
  }

  private canSee(staff: Staff, queue: Queue): boolean {
    return this.authorizer.seeQueue(this.caller(staff), queue).allowed;
  }

  private requireWork(staff: Staff, queue: Queue): void {
    const d = this.authorizer.workQueue(this.caller(staff), queue);
    if (!d.allowed) throw refusal(`role ${staff.role} (${staff.employment}) may not work queue ${queue}`, d, { queue });
  }

  /** Someone else's claim may be released or re-routed only by those the policy lets supervise cases. */
  private requireClaimerOrSupervisor(staff: Staff, row: CaseRow, head: string): void {
    if (row.claimed_by === staff.id) return;
    const d = this.authorizer.call(this.caller(staff), 'cases.supervise');
    if (!d.allowed) throw refusal(head, d, { operation: 'cases.supervise', claimedBy: row.claimed_by });
  }

  // --- reading -------------------------------------------------------------

  async get(db: Db, viewer: Staff, id: number): Promise<Case> {
    const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    // A case in a queue the viewer may not see does not exist for them.
    if (!row || !this.canSee(viewer, row.queue)) throw notFound('case', id);
    return rowToCase(row);
  }

  async list(db: Db, viewer: Staff, opts: { queue?: Queue; status?: CaseStatus; brigade?: boolean; accountId?: string; limit?: number }): Promise<Case[]> {
    const queues = opts.queue ? [opts.queue].filter((q) => this.canSee(viewer, q)) : this.authorizer.queuesSeen(this.caller(viewer));
    if (queues.length === 0) return [];
    let q = db
      .selectFrom('cases')
      .selectAll()
      .where('queue', 'in', queues)
      .where('status', '=', opts.status ?? 'open')
      .orderBy('priority', 'desc')
      .orderBy('id')
      .limit(Math.min(opts.limit ?? 50, 500));
    if (opts.brigade !== undefined) q = q.where('brigade', '=', opts.brigade ? 1 : 0);
    if (opts.accountId) q = q.where('account_id', '=', opts.accountId);
    return (await q.execute()).map(rowToCase);
  }

  /** The queues the viewer sees, with their depths and whether the viewer may work each. */
  async queueDepths(db: Db, viewer: Staff): Promise<{ queue: Queue; open: number; claimed: number; canWork: boolean }[]> {
    const queues = this.authorizer.queuesSeen(this.caller(viewer));
    const rows = await db
      .selectFrom('cases')
      .select(['queue', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('queue', 'in', queues)
      .where('status', '<>', 'resolved')
      .groupBy(['queue', 'status'])
      .execute();
    return queues.map((queue) => ({
      queue,
      open: Number(rows.find((r) => r.queue === queue && r.status === 'open')?.n ?? 0),
      claimed: Number(rows.find((r) => r.queue === queue && r.status === 'claimed')?.n ?? 0),
      canWork: this.authorizer.workQueue(this.caller(viewer), queue).allowed,
    }));
  }

  // --- claims --------------------------------------------------------------

  /**
   * Claim the highest-priority open case in the queues this person may work.
   * Each queue's top is an index seek; on PostgreSQL the candidates are locked
   * with SKIP LOCKED so concurrent claimers never take the same case.
   */
  async claimNext(tx: Db, staff: Staff, queue?: Queue): Promise<Case | null> {
    if (queue) this.requireWork(staff, queue);
    let queues = queue ? [queue] : this.authorizer.queuesWorked(this.caller(staff));
    // Peek at each queue's top without locking, then lock only in the best
    // queue: holding locks on every queue's top would hide them from other
    // claimers until this transaction ends.
    while (queues.length > 0) {
      let best: CaseRow | undefined;
      for (const q of queues) {
        const top = await this.topOf(tx, q, false);
        if (top && (!best || top.priority > best.priority || (top.priority === best.priority && top.id < best.id))) best = top;
      }
      if (!best) return null;
      const locked = this.dialect === 'postgres' ? await this.topOf(tx, best.queue, true) : best;
      if (locked) return this.claim(tx, staff, locked);
      // every open case of that queue is being claimed right now: look elsewhere
      queues = queues.filter((q) => q !== best!.queue);
    }
    return null;
  }

  private async topOf(tx: Db, queue: Queue, lock: boolean): Promise<CaseRow | undefined> {
    const base = tx.selectFrom('cases').selectAll().where('queue', '=', queue).where('status', '=', 'open').orderBy('priority', 'desc').orderBy('id').limit(1);
    return (lock ? base.forUpdate().skipLocked() : base).executeTakeFirst();
  }

  async claimById(tx: Db, staff: Staff, id: number): Promise<Case> {
    const row = await this.lockCase(tx, staff, id);
    this.requireWork(staff, row.queue);
    return this.claim(tx, staff, row);
  }

  private async claim(tx: Db, staff: Staff, row: CaseRow): Promise<Case> {
    const status = nextCaseStatus(row.status, { type: 'claim' });
    const now = this.clock.now();
    const leaseUntil = now + this.cfg.leaseMs;
    const res = await tx
      .updateTable('cases')
      .set({ status, claimed_by: staff.id, lease_until: leaseUntil, updated_at: now })
      .where('id', '=', row.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError('conflict', `case ${row.id} was claimed by someone else`);
    await this.audit.append(tx, caseClaimed(staff, row.id, leaseUntil));
    return rowToCase({ ...row, status, claimed_by: staff.id, lease_until: leaseUntil, updated_at: now });
  }

  /** The claimer keeps their lease alive while they work. */
  async renewLease(tx: Db, staff: Staff, id: number): Promise<Case> {
    const row = await this.requireLiveClaim(tx, staff, id);
    const now = this.clock.now();
    const leaseUntil = now + this.cfg.leaseMs;
    await tx.updateTable('cases').set({ lease_until: leaseUntil, updated_at: now }).where('id', '=', id).execute();
    await this.audit.append(tx, caseLeaseRenewed(staff, id, row.lease_until, leaseUntil));
    return rowToCase({ ...row, lease_until: leaseUntil, updated_at: now });
  }

  async release(tx: Db, staff: Staff, id: number, reason: string | null = null): Promise<Case> {
    const row = await this.lockCase(tx, staff, id);
    const status = nextCaseStatus(row.status, { type: 'release' });
    this.requireClaimerOrSupervisor(staff, row, `case ${id} is claimed by ${row.claimed_by}, not you`);
    const now = this.clock.now();
    await tx.updateTable('cases').set({ status, claimed_by: null, lease_until: null, updated_at: now }).where('id', '=', id).execute();
    await this.audit.append(tx, caseReleased(staff, id, row.claimed_by, reason));
    return rowToCase({ ...row, status, claimed_by: null, lease_until: null, updated_at: now });
  }

  /** `decidingAppeal`: the appeal's decision resolving its case (src/cases/appeal-cases.ts); nothing else resolves one. */
  async resolve(tx: Db, staff: Staff, id: number, resolution: Resolution, note: string | null, o: { decidingAppeal?: boolean } = {}): Promise<Case> {
    const row = await this.requireLiveClaim(tx, staff, id);
    if (row.queue === 'appeals' && !o.decidingAppeal) {
      throw new DomainError('invalid_transition', `case ${id} works an appeal: it is decided with POST /v1/appeals/{id}/decide, not resolved`);
    }
    if (row.queue !== 'appeals' && APPEAL_RESOLUTIONS.includes(resolution)) {
      throw invalidInput([{ path: 'resolution', message: `${resolution} ends an appeal case; case ${id} is not one` }]);
    }
    const status = nextCaseStatus(row.status, { type: 'resolve' });
    const now = this.clock.now();
    await tx
      .updateTable('cases')
      .set({ status, resolved_at: now, resolved_by: staff.id, resolution, claimed_by: null, lease_until: null, updated_at: now })
      .where('id', '=', id)
      .execute();
    // Reporters whose report was upheld earn trust; those who reported nothing earn doubt.
    const delta = resolution === 'actioned' ? 0.05 : resolution === 'no_violation' || resolution === 'brigade_dismissed' ? -0.05 : 0;
    if (delta !== 0) {
      await tx
        .updateTable('reporters')
        .set((eb) => ({
          trust: eb
            .case()
            .when(eb('trust', '+', delta), '>', 1).then(1)
            .when(eb('trust', '+', delta), '<', 0.05).then(0.05)
            .else(eb('trust', '+', delta))
            .end(),
        }))
        .where('id', 'in', (eb) => eb.selectFrom('case_reporters').select('reporter_id').where('case_id', '=', id))
        .execute();
    }
    await this.audit.append(tx, caseResolved(staff, id, row.status, status, resolution, note));
    const resolved = rowToCase({ ...row, status, resolved_at: now, resolved_by: staff.id, resolution, claimed_by: null, lease_until: null, updated_at: now });
    for (const hook of this.resolvedHooks) await hook(tx, staff, resolved, now);
    return resolved;
  }

  async reroute(tx: Db, staff: Staff, id: number, queue: Queue, reason: string): Promise<Case> {
    const row = await this.lockCase(tx, staff, id);
    this.requireClaimerOrSupervisor(staff, row, `case ${id} is claimed by ${row.claimed_by}: only the claimer, or someone who supervises cases, may re-route it`);
    // an appeal is worked only where independent, qualified staff work appeals; a report case never lands there
    if ((row.queue === 'appeals') !== (queue === 'appeals')) {
      const why = row.queue === 'appeals' ? 'an appeal stays in the appeals queue' : 'only appeals go to the appeals queue';
      throw new DomainError('invalid_input', why, { fields: [{ path: 'queue', message: why }] });
    }
    const account = await tx.selectFrom('accounts').select('tier').where('id', '=', row.account_id).executeTakeFirstOrThrow();
    const allowed = account.tier === 'critical' ? ['critical'] : account.tier === 'elevated' ? ['protected', 'critical'] : null;
    if (allowed && !allowed.includes(queue)) {
      throw new DomainError('invalid_input', `a case on a ${account.tier} account cannot go to queue ${queue}`, { fields: [{ path: 'queue', message: `must be one of ${allowed.join(', ')} for a ${account.tier} account` }] });
    }
    const status = nextCaseStatus(row.status, { type: 'reroute' });
    const now = this.clock.now();
    await tx.updateTable('cases').set({ status, queue, claimed_by: null, lease_until: null, updated_at: now }).where('id', '=', id).execute();
    await this.audit.append(tx, caseRerouted(staff, row, queue, reason));
    return rowToCase({ ...row, status, queue, claimed_by: null, lease_until: null, updated_at: now });
  }

  async comment(tx: Db, staff: Staff, id: number, body: string): Promise<{ id: number; at: number }> {
    await this.get(tx, staff, id);
    const at = this.clock.now();
    const { id: commentId } = await tx.insertInto('case_comments').values({ case_id: id, staff_id: staff.id, body, at }).returning('id').executeTakeFirstOrThrow();
    await this.audit.append(tx, caseCommented(staff, id, commentId, body));
    return { id: commentId, at };
  }

  async comments(db: Db, viewer: Staff, id: number) {
    await this.get(db, viewer, id);
    const rows = await db.selectFrom('case_comments').selectAll().where('case_id', '=', id).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, staffId: r.staff_id, body: r.body, at: r.at }));
  }

  /** Claims whose lease ran out go back to the queue, each audited. */
  async reapExpiredLeases(tx: Db, limit = 1000): Promise<number> {
    const now = this.clock.now();
    const base = tx.selectFrom('cases').selectAll().where('status', '=', 'claimed').where('lease_until', '<=', now).orderBy('id').limit(limit);
    const seen = await (this.dialect === 'postgres' ? base.forUpdate().skipLocked() : base).execute();
    if (seen.length === 0) return 0;
    // released only if still claimed under the lease that was seen expired: a claim renewed
    // or released meanwhile (another reaper, the holder) is left as it is, and audited once
    const released = new Set(
      (
        await tx
          .updateTable('cases')
          .set({ status: 'open', claimed_by: null, lease_until: null, updated_at: now })
          .where('id', 'in', seen.map((c) => c.id))
          .where('status', '=', 'claimed')
          .where('lease_until', '<=', now)
          .returning('id')
          .execute()
      ).map((r) => Number(r.id)),
    );
    const expired = seen.filter((c) => released.has(Number(c.id)));
    await this.audit.appendMany(tx, expired.map(caseLeaseExpired));
    return expired.length;
  }

  /**
   * An account's tier changed: its open cases move to the queue the new tier
   * routes to, and a claim by someone who may not work that queue is dropped.
   */
  async rerouteForTier(tx: Db, accountId: string, tier: Account['tier'], reason: string): Promise<number[]> {
    const audits: AuditInput<CaseAuditEvent>[] = [];
    // an appeal stays in the appeals queue whatever the account's tier
    const q = tx.selectFrom('cases').selectAll().where('account_id', '=', accountId).where('status', '<>', 'resolved').where('queue', '<>', 'appeals');
    const open = await (this.dialect === 'postgres' ? q.forUpdate() : q).execute();
    const moved: number[] = [];
    const now = this.clock.now();
    for (const c of open) {
      const queue = routeCase(tier, c.area);
      if (queue === c.queue) continue;
      let claimedBy = c.claimed_by;
      if (claimedBy) {
        const holder = await tx.selectFrom('staff').selectAll().where('id', '=', claimedBy).executeTakeFirst();
        if (!holder || !this.authorizer.workQueue(this.caller(rowToStaff(holder)), queue).allowed) claimedBy = null;
      }
      await tx
        .updateTable('cases')
        .set({ queue, claimed_by: claimedBy, lease_until: claimedBy ? c.lease_until : null, status: claimedBy ? c.status : 'open', updated_at: now })
        .where('id', '=', c.id)
        .execute();
      audits.push(caseReroutedForTier(c, { queue, claimedBy, tier }, reason));
      moved.push(c.id);
    }
    await this.audit.appendMany(tx, audits);
    return moved;
  }

  /** Release every claim a person holds (offboarding, access ending). */
  async releaseClaimsOf(tx: Db, staffId: string, reason: string): Promise<number[]> {
    const rows = await tx.selectFrom('cases').select(['id']).where('status', '=', 'claimed').where('claimed_by', '=', staffId).execute();
    if (rows.length === 0) return [];
    const now = this.clock.now();
    await tx.updateTable('cases').set({ status: 'open', claimed_by: null, lease_until: null, updated_at: now }).where('id', 'in', rows.map((r) => r.id)).execute();
    await this.audit.appendMany(tx, rows.map((r) => caseClaimVoided(r.id, staffId, reason)));
    return rows.map((r) => r.id);
  }

  private async lockCase(tx: Db, viewer: Staff, id: number): Promise<CaseRow> {
    const q = tx.selectFrom('cases').selectAll().where('id', '=', id);
    const row = await (this.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
    if (!row || !this.canSee(viewer, row.queue)) throw notFound('case', id);
    return row;
  }

  /** Work on a case needs a claim by this person whose lease has not run out. */
  async requireLiveClaim(tx: Db, staff: Staff, id: number): Promise<CaseRow> {
    const row = await this.lockCase(tx, staff, id);
    if (row.status !== 'claimed' || row.claimed_by !== staff.id) throw forbidden(`case ${id} is not claimed by you`, { claimedBy: row.claimed_by });
    if (row.lease_until !== null && row.lease_until <= this.clock.now()) {
      throw new DomainError('lease_expired', `your claim on case ${id} expired at ${instantText(row.lease_until)}; claim it again`);
    }
    return row;
  }
}
