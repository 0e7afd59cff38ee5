/**
 * Raising, listing and acknowledging alerts, and delivering them to channels.
 * `raise` runs in the caller's transaction: the alert, its audit entry and its
 * delivery (an outbox row) commit with the change that caused it, or not at all.
 */
import type { Selectable } from 'kysely';
import type { Logger } from 'pino';
import { type Actor, SYSTEM } from '../audit/model.js';
import type { AuditAppender } from '../audit/service.js';
import { type AlertAuditEvent, alertAcknowledged, alertRaised, alertUndelivered } from './events.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { AlertsTable } from '../db/schema.js';
import { notFound } from '../errors.js';
import { type AlertPayload, enqueue } from '../platform/outbox.js';
import type { OutboxHandler } from '../platform/outbox.js';
import {
  type Alert,
  type AlertChannel,
  AlertChannelRejectedError,
  type NewAlert,
  alertOutboxKey,
  normaliseSummary,
} from './model.js';
import { fromJson, toJson } from '../db/json.js';
import { sendToEach } from '../platform/channels.js';

function rowToAlert(r: Omit<Selectable<AlertsTable>, 'notify_count' | 'last_notified_at'>): Alert {
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    subject: { type: r.subject_type, id: r.subject_id },
    summary: r.summary,
    details: fromJson(r.details),
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
  };
}

/** Told of a new alert in the transaction that raised it (on-call hears of it). */
export type OnRaised = (tx: Db, alert: Alert) => Promise<void>;

export class AlertService {
  private readonly onRaised: OnRaised[] = [];

  constructor(
    private readonly audit: AuditAppender<AlertAuditEvent>,
    private readonly clock: Clock,
  ) {}

  whenRaised(fn: OnRaised): void {
    this.onRaised.push(fn);
  }

  /** Store the alert, audit it, and queue its delivery to the channels. */
  async raise(tx: Db, input: NewAlert, actor: Actor = SYSTEM): Promise<Alert> {
    const now = this.clock.now();
    const values = {
      kind: input.kind,
      severity: input.severity,
      subject_type: input.subject.type,
      subject_id: String(input.subject.id),
      summary: normaliseSummary(input.summary),
      details: toJson(input.details ?? {}),
      created_at: now,
      acknowledged_at: null,
      acknowledged_by: null,
    };
    const { id } = await tx.insertInto('alerts').values(values).returning('id').executeTakeFirstOrThrow();
    const alert = rowToAlert({ id, ...values });
    await this.audit.append(tx, alertRaised(actor, alert));
    await enqueue(tx, now, {
      kind: 'alert',
      key: alertOutboxKey(id),
      payload: { alertId: id, kind: alert.kind, severity: alert.severity, summary: alert.summary, details: alert.details },
    });
    for (const fn of this.onRaised) await fn(tx, alert);
    return alert;
  }

  /**
   * Send again every alert nobody has acknowledged, `everyMs` after it was last
   * sent: a new outbox row per round (its own key, so a receiver can tell a
   * reminder from a retry), with the round number in the payload. Returns the
   * alerts re-sent.
   */
  async renotifyDue(tx: Db, everyMs: number, limit = 100): Promise<number[]> {
    const now = this.clock.now();
    const due = await tx
      .selectFrom('alerts')
      .selectAll()
      .where('acknowledged_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('last_notified_at', '<=', now - everyMs),
          eb.and([eb('last_notified_at', 'is', null), eb('created_at', '<=', now - everyMs)]),
        ]),
      )
      .orderBy('id')
      .limit(limit)
      .execute();
    for (const r of due) {
      const round = r.notify_count + 1;
      // guarded by the round, so two workers never send the same round twice
      const claimed = await tx
        .updateTable('alerts')
        .set({ notify_count: round, last_notified_at: now })
        .where('id', '=', r.id)
        .where('notify_count', '=', r.notify_count)
        .where('acknowledged_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) continue;
      const alert = rowToAlert(r);
      await enqueue(tx, now, {
        kind: 'alert',
        key: `${alertOutboxKey(r.id)}:${round}`,
        payload: { alertId: r.id, kind: alert.kind, severity: alert.severity, summary: alert.summary, details: alert.details, notification: round },
      });
    }
    return due.map((r) => r.id);
  }

  /** Acknowledge once; acknowledging again returns the alert as it stands and records nothing. */
  async acknowledge(tx: Db, staffId: string, alertId: number): Promise<Alert> {
    const now = this.clock.now();
    const updated = await tx
      .updateTable('alerts')
      .set({ acknowledged_at: now, acknowledged_by: staffId })
      .where('id', '=', alertId)
      .where('acknowledged_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return this.get(tx, alertId);
    const alert = rowToAlert(updated);
    await this.audit.append(tx, alertAcknowledged(staffId, alertId, now));
    return alert;
  }

  async get(db: Db, alertId: number): Promise<Alert> {
    const row = await db.selectFrom('alerts').selectAll().where('id', '=', alertId).executeTakeFirst();
    if (!row) throw notFound('alert', alertId);
    return rowToAlert(row);
  }

  /** Newest first. */
  async list(db: Db, opts: { unacknowledged?: boolean; limit?: number } = {}): Promise<Alert[]> {
    let q = db
      .selectFrom('alerts')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(opts.limit ?? 100, 1), 1000));
    if (opts.unacknowledged) q = q.where('acknowledged_at', 'is', null);
    return (await q.execute()).map(rowToAlert);
  }

  /**
   * The dispatcher's handler for `alert` rows: every channel gets the alert.
   * With no channel configured it resolves at once (and says so), so alert
   * rows do not pile up; the alert is still listed until acknowledged.
   *
   * A failure on one channel retries the row, and channels that had already
   * taken it are called again with the same key (a webhook passes it on as its
   * message id so receivers drop the repeat).
   */
  deliveryHandler(channels: readonly AlertChannel[], logger: Logger): OutboxHandler<'alert'> {
    const log = logger.child({ worker: 'alerts' });
    return {
      send: async (payload: AlertPayload, key: string) => {
        if (channels.length === 0) {
          log.warn({ alertId: payload.alertId, severity: payload.severity, summary: payload.summary }, 'no alert channel configured');
          return { channels: [] };
        }
        return { channels: await sendToEach(channels, (ch) => ch.deliver(payload, key), 'alert channels') };
      },
      isPermanent: (err) => err instanceof AlertChannelRejectedError,
      onDone: async () => {},
      onGiveUp: async (tx, row, error) => {
        await this.audit.append(tx, alertUndelivered(row.payload.alertId, row.attempts, error));
      },
    };
  }
}
