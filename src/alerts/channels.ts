/**
 * The places alerts go: a generic receiver, signed the Standard Webhooks way
 * (the outbox key is the message id, so a receiver drops a retried repeat),
 * and a Slack-compatible incoming webhook. Both treat a 4xx other than 408/429
 * as a refusal for good (bad configuration) and anything else as worth a retry.
 */
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { AlertPayload } from '../platform/outbox.js';
import { WebhookRefusedError, postJson, sendSignedWebhook } from '../platform/signed-webhook.js';
import { type AlertChannel, AlertChannelRejectedError } from './model.js';

/** What the generic webhook receiver gets, as JSON. */
export interface AlertWebhookBody {
  type: 'alert.raised' | 'alert.reminder';
  /** the delivery key: the same on a retry, new on each reminder */
  id: string;
  /** ISO 8601, when this was sent */
  timestamp: string;
  data: AlertPayload;
}

/** A permanent refusal is this channel's refusal for good; anything else is named for the retry log. */
async function viaChannel(channel: string, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (err instanceof WebhookRefusedError) throw new AlertChannelRejectedError(channel, err.message);
    throw new Error(`${channel}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export class WebhookAlertChannel implements AlertChannel {
  readonly name = 'webhook';
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly clock: Clock,
    private readonly timeoutMs = 5_000,
  ) {}

  async deliver(alert: AlertPayload, key: string): Promise<void> {
    const type: AlertWebhookBody['type'] = (alert.notification ?? 1) > 1 ? 'alert.reminder' : 'alert.raised';
    await viaChannel(this.name, () => sendSignedWebhook({ url: this.url, secret: this.secret, id: key, type, data: alert, timeoutMs: this.timeoutMs }, new Date(this.clock.now())));
  }
}

/** Slack's incoming-webhook payload: a one-line `text` (notifications) and blocks (the message). */
export function slackMessage(alert: AlertPayload): { text: string; blocks: unknown[] } {
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

export class SlackAlertChannel implements AlertChannel {
  readonly name = 'slack';
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async deliver(alert: AlertPayload): Promise<void> {
    await viaChannel(this.name, () => postJson(this.url, JSON.stringify(slackMessage(alert)), {}, this.timeoutMs));
  }
}

/** The channels the configuration names; none when none are set. */
export function channelsFromConfig(config: Config['alerts'], clock: Clock): AlertChannel[] {
  const channels: AlertChannel[] = [];
  if (config.webhookUrl && config.webhookSecret) channels.push(new WebhookAlertChannel(config.webhookUrl, config.webhookSecret, clock));
  if (config.slackUrl) channels.push(new SlackAlertChannel(config.slackUrl));
  return channels;
}
