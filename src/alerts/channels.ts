/**
 * The places alerts go: the shared senders (src/platform/channels.ts), a
 * generic receiver signed the Standard Webhooks way (the outbox key is the
 * message id, so a receiver drops a retried repeat) and a Slack-compatible
 * incoming webhook, given an alert in their shapes.
 */
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { AlertPayload } from '../platform/outbox.js';
import { type Channel, type ChannelMessage, type SlackMessage, channelsFor } from '../platform/channels.js';
import type { AlertChannel } from './model.js';

/** What the generic webhook receiver gets, as JSON. */
export interface AlertWebhookBody {
  type: 'alert.raised' | 'alert.reminder';
  /** the delivery key: the same on a retry, new on each reminder */
  id: string;
  /** ISO 8601, when this was sent */
  timestamp: string;
  data: AlertPayload;
}

/** Slack's incoming-webhook payload for an alert. */
export function slackMessage(alert: AlertPayload): SlackMessage {
  const icon = alert.severity === 'critical' ? ':rotating_light:' : alert.severity === 'warning' ? ':warning:' : ':information_source:';
  const reminder = (alert.notification ?? 1) > 1 ? ` (reminder ${alert.notification! - 1}: not acknowledged)` : '';
  const text = `${icon} [${alert.severity.toUpperCase()}] ${alert.summary}${reminder}`;
  const fields = Object.entries(alert.details)
    .slice(0, 10)
    .map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${(typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 1900)}` }));
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      ...(fields.length > 0 ? [{ type: 'section', fields }] : []),
      { type: 'context', elements: [{ type: 'mrkdwn', text: `alert ${alert.alertId} · ${alert.kind} · acknowledge: POST /v1/alerts/${alert.alertId}/acknowledge` }] },
    ],
  };
}

/** An alert as a message for any channel. */
export function alertMessage(alert: AlertPayload): ChannelMessage {
  const type: AlertWebhookBody['type'] = (alert.notification ?? 1) > 1 ? 'alert.reminder' : 'alert.raised';
  return { type, data: alert, slack: slackMessage(alert) };
}

/** A shared sender carrying alerts. */
export const alertChannel = (channel: Channel): AlertChannel => ({
  name: channel.name,
  deliver: (alert, key) => channel.send(alertMessage(alert), key),
});

/** The channels the configuration names; none when none are set. */
export function channelsFromConfig(config: Config['alerts'], clock: Clock, timeoutMs: number): AlertChannel[] {
  const webhook = config.webhookUrl && config.webhookSecret ? { url: config.webhookUrl, secret: config.webhookSecret } : null;
  return channelsFor({ webhook, slackUrl: config.slackUrl }, clock, timeoutMs).map(alertChannel);
}
