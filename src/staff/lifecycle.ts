/**
 * Offboarding, and access that ends by the clock, which has the same effect
 * with no human step: access ends, tokens are revoked, and every pending
 * proposal, approval, scheduled action and case claim of the person is voided
 * — in one transaction, each voided item audited with the reason.
 */
import type { ActionService } from '../actions/service.js';
import type { Actor } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import { type EndOfAccess, type StaffAuditEvent, accessEnded, accessRevoked, staffOffboarded } from './events.js';
import type { CaseService } from '../cases/service.js';
import type { SessionService } from '../sessions/service.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { conflict } from '../errors.js';
import { recordOffboarding, staffById, takeAccessEnd, unprocessedAccessEnds } from './store.js';

export type { EndOfAccess };

export class StaffLifecycle {
  constructor(
    private readonly audit: AuditAppender<StaffAuditEvent>,
    private readonly actions: ActionService,
    private readonly cases: CaseService,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  async offboard(tx: Db, actor: Actor, staffId: string, reason: string): Promise<EndOfAccess> {
    const staff = await staffById(tx, staffId);
    if (staff.offboardedAt !== null) throw conflict(`staff ${staffId} was offboarded at ${new Date(staff.offboardedAt).toISOString()}`);
    const now = this.clock.now();
    const until = staff.access.until === null ? now : Math.min(staff.access.until, now);
    await recordOffboarding(tx, staffId, now, until);
    await this.audit.append(tx, staffOffboarded(actor, staff, until, now, reason));
    return this.endAccess(tx, staffId, `offboarded: ${reason}`, 'offboarded');
  }

  /**
   * Everyone whose window closed since the last sweep, handled like an
   * offboarding. Each person is taken by a conditional update that finds them
   * still unprocessed: a second sweep racing this one (another instance, or a
   * holder paused past its lease) finds nothing left to do, never a person twice.
   */
  async sweepEndedAccess(tx: Db): Promise<EndOfAccess[]> {
    const now = this.clock.now();
    const ended = await unprocessedAccessEnds(tx, now);
    const out: EndOfAccess[] = [];
    for (const s of ended) {
      if (!(await takeAccessEnd(tx, s.id, now))) continue;
      const at = new Date(s.accessUntil).toISOString();
      await this.audit.append(tx, accessEnded(s.id, s.accessUntil));
      out.push(await this.endAccess(tx, s.id, `access window ended at ${at}`, 'access_ended'));
    }
    return out;
  }

  private async endAccess(tx: Db, staffId: string, reason: string, why: 'offboarded' | 'access_ended'): Promise<EndOfAccess> {
    const now = this.clock.now();
    const tokens = await tx.updateTable('api_tokens').set({ revoked_at: now }).where('staff_id', '=', staffId).where('revoked_at', 'is', null).executeTakeFirst();
    const elevations = await tx.updateTable('elevations').set({ revoked_at: now }).where('staff_id', '=', staffId).where('revoked_at', 'is', null).where('ends_at', '>', now).executeTakeFirst();
    const voided = await this.actions.voidPendingWorkOf(tx, staffId, reason);
    const claimsReleased = await this.cases.releaseClaimsOf(tx, staffId, reason);
    const sessionsEnded = await this.sessions.endAllOf(tx, staffId, why);
    const result: EndOfAccess = {
      staffId,
      tokensRevoked: Number(tokens.numUpdatedRows),
      actionsVoided: voided.actions,
      approvalsVoided: voided.approvals,
      claimsReleased,
      elevationsRevoked: Number(elevations.numUpdatedRows),
      sessionsEnded,
    };
    await this.audit.append(tx, accessRevoked(result, reason));
    return result;
  }
}
