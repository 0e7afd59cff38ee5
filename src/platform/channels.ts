/**
 * The senders that take Warden's messages to people: a generic receiver,
 * signed the Standard Webhooks way (the message id travels as `webhook-id`,
 * so a receiver drops a retried repeat), and a Slack-compatible incoming
 * webhook. Alerts (src/alerts) and staff notifications (src/notifications)
 * both go through them. A 4xx other than 408/429 is a refusal for good (bad
 * configuration); anything else is worth a retry.
 */
import type { Clock } from '../clock.js';
import { WebhookRefusedError, postJson, sendSignedWebhook } from './signed-webhook.js';

/** Slack's incoming-webhook payload: a one-line `text` (notifications) and blocks (the message). */
export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/** One message in both shapes: what a signed receiver gets as `{type, id, timestamp, data}`, and what Slack shows. */
export interface ChannelMessage {
  type: string;
  data: unknown;
  slack: SlackMessage;
}

/** A place messages go. `send` may be called again with the same key after a failure; a channel that can pass an id along uses it. */
export interface Channel {
  readonly name: string;
  send(message: ChannelMessage, key: string): Promise<void>;
}

/** A channel refused a message for good (bad configuration, 4xx): retrying will not help. */
export class ChannelRefusedError extends Error {
  constructor(
    readonly channel: string,
    message: string,
  ) {
    super(`${channel}: ${message}`);
    this.name = 'ChannelRefusedError';
  }
}

/** A permanent refusal is this channel's refusal for good; anything else is named for the retry log. */
async function viaChannel(channel: string, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (err instanceof WebhookRefusedError) throw new ChannelRefusedError(channel, err.message);
    throw new Error(`${channel}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export class SignedWebhookChannel implements Channel {
  readonly name = 'webhook';
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  async send(message: ChannelMessage, key: string): Promise<void> {
    const signed = { url: this.url, secret: this.secret, id: key, type: message.type, data: message.data, timeoutMs: this.timeoutMs };
    await viaChannel(this.name, () => sendSignedWebhook(signed, new Date(this.clock.now())));
  }
}

export class SlackWebhookChannel implements Channel {
  readonly name = 'slack';
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async send(message: ChannelMessage): Promise<void> {
    await viaChannel(this.name, () => postJson(this.url, JSON.stringify(message.slack), {}, this.timeoutMs));
  }
}

/** Where one kind of message goes: a signed receiver, a Slack webhook, both or neither. */
export interface ChannelTargets {
  webhook?: { url: string; secret: string } | null;
  slackUrl?: string | null;
}

/** The senders for those targets, each send bounded by timeoutMs (which the configuration keeps inside a delivery claim). */
export function channelsFor(targets: ChannelTargets, clock: Clock, timeoutMs: number): Channel[] {
  const channels: Channel[] = [];
  if (targets.webhook) channels.push(new SignedWebhookChannel(targets.webhook.url, targets.webhook.secret, clock, timeoutMs));
  if (targets.slackUrl) channels.push(new SlackWebhookChannel(targets.slackUrl, timeoutMs));
  return channels;
}

/**
 * Send through every channel at once; resolves with their names when all took
 * it. When some failed: refused for good by every one that failed gives up
 * (ChannelRefusedError), else the whole message is retried, and the channels
 * that had taken it are called again with the same key.
 */
export async function sendToEach<C extends { readonly name: string }>(channels: readonly C[], send: (c: C) => Promise<void>, label: string): Promise<string[]> {
  const results = await Promise.allSettled(channels.map(send));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ channel: channels[i]!.name, err: r.reason as unknown }] : []));
  if (failed.length === 0) return channels.map((c) => c.name);
  const permanent = failed.every((f) => f.err instanceof ChannelRefusedError);
  const message = failed.map((f) => (f.err instanceof Error ? f.err.message : `${f.channel}: ${String(f.err)}`)).join('; ');
  throw permanent ? new ChannelRefusedError(label, message) : new Error(message);
}
