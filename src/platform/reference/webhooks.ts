/**
 * Outgoing webhooks of the reference platform: every committed account change
 * is announced to each subscriber as a Standard Webhooks message.
 *
 * Delivery is in-process and never blocks or fails the change that caused it.
 * Each subscriber has its own queue, delivered in order, so a receiver sees an
 * account's changes in the order they happened; a failed delivery is retried
 * with exponential backoff a bounded number of times, then given up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import type { PlatformAccount } from '../adapter.js';
import type { AccountEvent, ChangeSource } from './store.js';

export interface AccountUpdatedPayload {
  type: 'account.updated';
  id: string;
  /** ISO 8601, when the change happened */
  timestamp: string;
  data: {
    account: PlatformAccount;
    before: Pick<PlatformAccount, 'status' | 'statusUntil'>;
    source: ChangeSource;
  };
}

export interface DeliveryFailure {
  url: string;
  messageId: string;
  attempts: number;
  error: string;
}

export interface WebhookDispatcherOptions {
  /** Standard Webhooks secret, `whsec_` followed by base64 */
  secret: string;
  urls?: readonly string[];
  now?: () => number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  /** told when a message is given up on; defaults to a line on stderr */
  onGiveUp?: (failure: DeliveryFailure) => void;
}

interface Message {
  id: string;
  body: string;
}

export function accountUpdatedPayload(event: AccountEvent): AccountUpdatedPayload {
  return {
    type: 'account.updated',
    id: event.id,
    timestamp: new Date(event.at).toISOString(),
    data: {
      account: event.after,
      before: { status: event.before.status, statusUntil: event.before.statusUntil },
      source: event.source,
    },
  };
}

export class WebhookDispatcher {
  private readonly signer: Webhook;
  private readonly urls = new Set<string>();
  /** the tail of each subscriber's delivery chain */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly onGiveUp: (failure: DeliveryFailure) => void;

  constructor(opts: WebhookDispatcherOptions) {
    this.signer = new Webhook(opts.secret);
    for (const url of opts.urls ?? []) this.urls.add(url);
    this.now = opts.now ?? Date.now;
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.baseDelayMs = opts.baseDelayMs ?? 500;
    this.maxDelayMs = opts.maxDelayMs ?? 60_000;
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.onGiveUp =
      opts.onGiveUp ??
      ((f) => console.warn(`reference platform: gave up on webhook ${f.messageId} to ${f.url} after ${f.attempts} attempts: ${f.error}`));
  }

  subscribe(url: string): void {
    this.urls.add(url);
  }

  unsubscribe(url: string): void {
    this.urls.delete(url);
  }

  /** Queues the change for every subscriber and returns at once. */
  publish(event: AccountEvent): void {
    if (this.stopping.signal.aborted) return;
    const message: Message = { id: event.id, body: JSON.stringify(accountUpdatedPayload(event)) };
    for (const url of this.urls) {
      const tail = this.tails.get(url) ?? Promise.resolve();
      this.tails.set(url, tail.then(() => this.deliver(url, message)));
    }
  }

  /** Resolves when every queued message has been delivered or given up. */
  async idle(): Promise<void> {
    for (;;) {
      const tails = [...this.tails.values()];
      await Promise.all(tails);
      // a publish during the wait extended a chain: wait for that too
      if ([...this.tails.values()].every((t) => tails.includes(t))) return;
    }
  }

  /** Stops retrying; messages still queued are dropped. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.tails.values());
  }

  private async deliver(url: string, message: Message): Promise<void> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (this.stopping.signal.aborted) return;
      lastError = await this.attempt(url, message);
      if (lastError === '') return;
      if (attempt < this.maxAttempts && !(await this.backoff(attempt))) return;
    }
    this.onGiveUp({ url, messageId: message.id, attempts: this.maxAttempts, error: lastError });
  }

  /** One try; returns '' on success, else why it failed. */
  private async attempt(url: string, message: Message): Promise<string> {
    // the timestamp is of this attempt: receivers reject stale signatures
    const sentAt = new Date(this.now());
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': message.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': this.signer.sign(message.id, sentAt, message.body),
        },
        body: message.body,
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.stopping.signal]),
      });
      await res.body?.cancel();
      return res.ok ? '' : `HTTP ${res.status}`;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  /** Waits before the next attempt; false when the dispatcher is closing. */
  private async backoff(attempt: number): Promise<boolean> {
    const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    try {
      await sleep(delay, undefined, { signal: this.stopping.signal });
      return true;
    } catch {
      return false;
    }
  }
}
