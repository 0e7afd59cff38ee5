/**
 * The cases that work appeals (src/appeals): opened in the appeals queue
 * whatever the account's tier, decided rather than resolved, and the case an
 * overturned decision not to act is reconsidered in. Audited like every change
 * of a case, in the caller's transaction.
 */
import type { Account } from '../accounts/model.js';
import { accountById } from '../accounts/store.js';
import type { Actor } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import type { CaseRow } from '../db/schema.js';
import { DomainError } from '../errors.js';
import type { PolicyArea } from '../reports/model.js';
import type { Staff } from '../staff/model.js';
import { type CaseAuditEvent, caseCommented, caseOpened, caseReopened } from './events.js';
import { nextCaseStatus, routeCase } from './model.js';
import type { CaseService } from './service.js';
import { newCaseRow } from './rows.js';

export class AppealCases {
  constructor(
    private readonly audit: AuditAppender<CaseAuditEvent>,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
    private readonly cases: CaseService,
  ) {}

  /** The case that works an appeal: in the appeals queue, open, whatever the account's tier. */
  async openAppealCase(tx: Db, actor: Actor, a: { accountId: string; tier: Account['tier']; area: PolicyArea; priority: number }): Promise<CaseRow> {
    const now = this.clock.now();
    const row = await tx
      .insertInto('cases')
      .values(newCaseRow({ accountId: a.accountId, queue: 'appeals', area: a.area, severity: 1, categories: [], priority: a.priority }, now))
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.audit.append(tx, caseOpened(actor, row, a.tier));
    return row;
  }

  /** The appeal case, held by this person with a live lease: what deciding it needs. */
  async requireAppealClaim(tx: Db, staff: Staff, id: number): Promise<CaseRow> {
    const row = await this.cases.requireLiveClaim(tx, staff, id);
    if (row.queue !== 'appeals') throw new DomainError('invalid_input', `case ${id} is not an appeal case`);
    return row;
  }

  /** The appeal is decided: its case is done, resolved with the outcome. */
  async closeAppealCase(tx: Db, staff: Staff, id: number, outcome: 'granted' | 'denied', reasons: string): Promise<void> {
    await this.cases.resolve(tx, staff, id, outcome === 'granted' ? 'appeal_granted' : 'appeal_denied', reasons, { decidingAppeal: true });
  }

  /**
   * A decision not to act, overturned on appeal: the case is worked again in
   * the queue its account routes to now. When the account already has an open
   * case (reported again since), that case is where it is reconsidered, told so
   * in a comment. Answers the case that reconsiders it.
   */
  async reopenForAppeal(tx: Db, staff: Staff, caseId: number, appealId: string, reasons: string): Promise<number> {
    const q = tx.selectFrom('cases').selectAll().where('id', '=', caseId);
    const row = await (this.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirstOrThrow();
    const open = await tx
      .selectFrom('cases')
      .select('id')
      .where('account_id', '=', row.account_id)
      .where('status', '<>', 'resolved')
      .where('queue', '<>', 'appeals')
      .executeTakeFirst();
    const now = this.clock.now();
    if (open) {
      const body = `appeal ${appealId} overturned the decision not to act on case ${caseId}: reconsider it here. ${reasons}`;
      const { id: commentId } = await tx.insertInto('case_comments').values({ case_id: open.id, staff_id: staff.id, body, at: now }).returning('id').executeTakeFirstOrThrow();
      await this.audit.append(tx, caseCommented(staff, open.id, commentId, body));
      return open.id;
    }
    const status = nextCaseStatus(row.status, { type: 'reopen' });
    const account = await accountById(tx, row.account_id);
    const queue = routeCase(account.tier, row.area);
    await tx
      .updateTable('cases')
      .set({ status, queue, resolved_at: null, resolved_by: null, resolution: null, claimed_by: null, lease_until: null, updated_at: now })
      .where('id', '=', caseId)
      .execute();
    await this.audit.append(tx, caseReopened(staff, row, { queue, appealId }, reasons));
    return caseId;
  }
}
