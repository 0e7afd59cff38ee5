/**
 * Alerts: something a person must look at (a delivery Warden gave up on, a
 * change nobody authorized). Each alert is stored, audited, listed until a
 * lead acknowledges it, and pushed to the configured channels through the
 * outbox. Pure: types and rules, no I/O.
 */
import type { AlertPayload } from '../platform/outbox.js';

export type AlertSeverity = AlertPayload['severity'];
export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const satisfies readonly AlertSeverity[];

/**
 * What happened. A new source of alerts adds its kind here, so every place
 * that switches on a kind is checked by the compiler.
 */
export const ALERT_KINDS = [
  /** an outbox row (an action for the platform, …) was given up on */
  'delivery_failed',
  /** a protected account changed without an authorized action (tripwires) */
  'unauthorized_change',
  /** sends to the platform have failed for a while: an outage, raised once when it starts (src/platform/reachability.ts) */
  'platform_unreachable',
  /** the outage is over: sends get through again */
  'platform_reachable',
  /** an appeal went undecided past appeals.decideWithinMs (src/appeals/service.ts), raised once per appeal */
  'appeal_overdue',
  /** the DSA Transparency Database refused a statement of reasons for good, naming the field (src/statements) */
  'statement_refused',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertSubject {
  type: string;
  id: string;
}

export interface NewAlert {
  kind: AlertKind;
  severity: AlertSeverity;
  /** what the alert is about: an action, an account, an outbox row */
  subject: { type: string; id: string | number };
  /** one line a person on call reads first */
  summary: string;
  details?: Record<string, unknown>;
}

export interface Alert {
  id: number;
  kind: AlertKind;
  severity: AlertSeverity;
  subject: AlertSubject;
  summary: string;
  details: Record<string, unknown>;
  createdAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

/** The outbox key of an alert's delivery: one delivery per alert, however often retried. */
export const alertOutboxKey = (alertId: number) => `alert:${alertId}`;

/** Summaries are one line, bounded, so a pager or a Slack preview shows them whole. */
export const SUMMARY_MAX = 500;

export function normaliseSummary(summary: string): string {
  const line = summary.replace(/\s+/g, ' ').trim();
  if (line.length === 0) return '(no summary)';
  return line.length <= SUMMARY_MAX ? line : `${line.slice(0, SUMMARY_MAX - 1)}…`;
}

/**
 * A place alerts are sent (a signed webhook, Slack, a pager). `deliver` may be
 * called again for the same alert after a failure, with the same `key`; a
 * channel that can pass an idempotency id along should use `key` for it.
 * Throwing marks the delivery for retry; throwing AlertChannelRejectedError
 * gives up at once.
 */
export interface AlertChannel {
  readonly name: string;
  deliver(alert: AlertPayload, key: string): Promise<void>;
}

/** A channel refused an alert for good (bad configuration, 4xx): retrying will not help. The shared senders' refusal. */
export { ChannelRefusedError as AlertChannelRejectedError } from '../platform/channels.js';
