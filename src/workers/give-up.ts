/** What the dispatcher does when it gives up on a row: the error as stored, and the alert. */
import type { AlertService } from '../alerts/service.js';
import type { Db } from '../db/database.js';
import type { Claimed } from './dispatcher.js';

const ERROR_MAX = 2000;

export function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length <= ERROR_MAX ? text : `${text.slice(0, ERROR_MAX - 1)}…`;
}

/**
 * The alert for a dead row. A dead `alert` row raises none: an alert about
 * an undeliverable alert would loop. That alert is still stored, listed and
 * unacknowledged, and its handler's onGiveUp records the failure. Nor does a
 * dead `staff_notification`: an alert notifies on-call, whose own broken
 * channel would loop the same way; the person's notifications say `failed`
 * and the give-up is audited.
 */
export async function raiseGaveUp(alerts: Pick<AlertService, 'raise'>, tx: Db, c: Claimed, attempts: number, error: string, permanent: boolean): Promise<void> {
  if (c.kind === 'alert' || c.kind === 'staff_notification') return;
  const why = permanent ? 'refused' : `failed ${attempts} times`;
  const described = c.ref && c.handler.describe ? c.handler.describe(c.ref.payload) : null;
  await alerts.raise(tx, {
    kind: 'delivery_failed',
    severity: 'critical',
    subject: described?.subject ?? { type: 'outbox', id: String(c.row.id) },
    summary: `${described?.summary ?? `outbox ${c.kind} ${c.row.idempotency_key}`} was not delivered: ${why}: ${error}`,
    details: { outboxId: c.row.id, outboxKind: c.kind, key: c.row.idempotency_key, attempts, permanent, error },
  });
}
