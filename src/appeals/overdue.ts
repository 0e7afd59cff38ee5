/**
 * Appeals nobody decided within `appeals.decideWithinMs` of being filed raise
 * an alert, once each: the alert's id is kept on the appeal in the same
 * transaction, so a second pass (or another instance) finds it raised.
 */
import type { AlertService } from '../alerts/service.js';
import type { AuditAppender } from '../audit/service.js';
import { instantText } from '../bounds.js';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import { type AppealAuditEvent, appealOverdue } from './events.js';

export async function raiseOverdueAppeals(
  tx: Db,
  deps: { alerts: AlertService; audit: AuditAppender<AppealAuditEvent>; clock: Clock; dialect: Dialect },
  decideWithinMs: number,
  limit = 100,
): Promise<string[]> {
  const now = deps.clock.now();
  const base = tx
    .selectFrom('appeals')
    .select(['id', 'account_id', 'filed_at', 'appellant_kind', 'case_id'])
    .where('state', '=', 'open')
    .where('overdue_alert_id', 'is', null)
    .where('filed_at', '<=', now - decideWithinMs)
    .orderBy('filed_at')
    .limit(limit);
  const due = await (deps.dialect === 'postgres' ? base.forUpdate().skipLocked() : base).execute();
  const raised: string[] = [];
  for (const a of due) {
    const alert = await deps.alerts.raise(tx, {
      kind: 'appeal_overdue',
      severity: 'warning',
      subject: { type: 'appeal', id: a.id },
      summary: `appeal ${a.id} (by the ${a.appellant_kind} of account ${a.account_id}) is undecided since ${instantText(a.filed_at)}: case ${a.case_id} in the appeals queue`,
      details: { appealId: a.id, accountId: a.account_id, caseId: a.case_id, filedAt: a.filed_at, decideWithinMs },
    });
    const set = await tx.updateTable('appeals').set({ overdue_alert_id: alert.id, updated_at: now }).where('id', '=', a.id).where('overdue_alert_id', 'is', null).executeTakeFirst();
    if (Number(set.numUpdatedRows) !== 1) throw new Error(`appeal ${a.id} was alerted by another pass meanwhile`);
    await deps.audit.append(tx, appealOverdue(a.id, { alertId: alert.id, filedAt: a.filed_at, decideWithinMs }));
    raised.push(a.id);
  }
  return raised;
}
