/**
 * Strikes in the store: recorded when an enforcement that carried one
 * executes on a standard account, counted live for the policy
 * (`resource.liveStrikes`), reversed when their action is overturned on
 * appeal. Each change is audited in the caller's transaction; reaching the
 * configured number of live strikes asks Warden to suggest a suspension
 * (suggestion.ts), which a person must approve.
 */
import type { Selectable } from 'kysely';
import { anyParams } from '../actions/any-params.js';
import type { Action } from '../actions/store.js';
import { accountById } from '../accounts/store.js';
import type { Actor } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { StrikesTable } from '../db/schema.js';
import { type Strike, strikeExpiry } from './model.js';
import { type StrikeAuditEvent, strikeRecorded, strikeReversed } from './events.js';

export const rowToStrike = (r: Selectable<StrikesTable>): Strike => ({
  id: r.id,
  accountId: r.account_id,
  actionId: r.action_id,
  recordedAt: r.recorded_at,
  expiresAt: r.expires_at,
  reversedAt: r.reversed_at,
  reversedByActionId: r.reversed_by_action_id,
});

/** Strikes on the account neither expired by `now` nor reversed: what the policy reads. */
export async function liveStrikeCount(db: Db, accountId: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('strikes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('expires_at', '>', now)
    .where('reversed_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Called when the account reached a number of live strikes: Warden may suggest a suspension. */
export type OnStrike = (tx: Db, accountId: string, liveStrikes: number) => Promise<void>;

export class StrikeService {
  private readonly onStrike: OnStrike[] = [];

  constructor(
    private readonly audit: AuditAppender<StrikeAuditEvent>,
    private readonly clock: Clock,
  ) {}

  whenStruck(fn: OnStrike): void {
    this.onStrike.push(fn);
  }

  /**
   * An action executed: if it carried a strike and its account is standard,
   * the strike is recorded from this instant. (A proposal naming a strike on a
   * protected account is refused when proposed; an account made protected
   * since gets none.)
   */
  async recordFor(tx: Db, action: Action): Promise<Strike | null> {
    const carried = anyParams(action).strike;
    if (!carried || action.targetType !== 'account') return null;
    const account = await accountById(tx, action.targetId);
    if (account.tier !== 'standard') return null;
    const now = this.clock.now();
    const row = await tx
      .insertInto('strikes')
      .values({
        account_id: action.targetId,
        action_id: action.id,
        recorded_at: now,
        expires_at: strikeExpiry(action.executedAt ?? now, carried),
        reversed_at: null,
        reversed_by_action_id: null,
      })
      .onConflict((oc) => oc.column('action_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    const strike = rowToStrike(row);
    const live = await liveStrikeCount(tx, strike.accountId, now);
    await this.audit.append(tx, strikeRecorded(action.proposer.kind === 'staff' ? { kind: 'staff', id: action.proposer.id } : { kind: 'system', id: 'warden' }, strike, live));
    for (const fn of this.onStrike) await fn(tx, strike.accountId, live);
    return strike;
  }

  /** The action was overturned on appeal: its strike, if it has a live one, no longer counts. */
  async reverseFor(tx: Db, actor: Actor, actionId: string, o: { byActionId: string | null; appealId: string }): Promise<Strike | null> {
    const row = await tx.selectFrom('strikes').selectAll().where('action_id', '=', actionId).where('reversed_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    const now = this.clock.now();
    await tx
      .updateTable('strikes')
      .set({ reversed_at: now, reversed_by_action_id: o.byActionId })
      .where('id', '=', row.id)
      .where('reversed_at', 'is', null)
      .execute();
    const strike = rowToStrike(row);
    const live = await liveStrikeCount(tx, strike.accountId, now);
    await this.audit.append(tx, strikeReversed(actor, strike, { at: now, byActionId: o.byActionId, appealId: o.appealId, liveStrikes: live }));
    return { ...strike, reversedAt: now, reversedByActionId: o.byActionId };
  }

  async list(db: Db, accountId: string): Promise<Strike[]> {
    const rows = await db.selectFrom('strikes').selectAll().where('account_id', '=', accountId).orderBy('id').limit(500).execute();
    return rows.map(rowToStrike);
  }
}
