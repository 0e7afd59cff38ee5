/**
 * One outgoing Standard Webhooks message (https://www.standardwebhooks.com):
 * `webhook-id`, `webhook-timestamp` and an HMAC-SHA256 `webhook-signature`
 * over `id.timestamp.body`, so a receiver can check who sent it and drop
 * repeats and stale replays. Warden's own outgoing webhooks (signed tree
 * heads, alerts) go through here from the outbox dispatcher, which retries.
 */
import { Webhook } from 'standardwebhooks';

export interface SignedWebhook {
  url: string;
  /** `whsec_` followed by base64 */
  secret: string;
  /** the message id: the same for every retry of one message, so receivers drop repeats */
  id: string;
  /** the event type, e.g. `audit.tree_head` */
  type: string;
  data: unknown;
  timeoutMs?: number;
}

/** A receiver refused the message for good (a 4xx other than 408/429): retrying will not help. */
export class WebhookRefusedError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${url} refused the webhook: HTTP ${status}`);
    this.name = 'WebhookRefusedError';
  }
}

const signers = new Map<string, Webhook>();
const signerFor = (secret: string) => {
  let s = signers.get(secret);
  if (!s) signers.set(secret, (s = new Webhook(secret)));
  return s;
};

/** POSTs JSON once; resolves on 2xx, throws WebhookRefusedError on a permanent refusal, Error otherwise. */
export async function postJson(url: string, body: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new Error(`${url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  await res.body?.cancel();
  if (res.ok) return;
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new WebhookRefusedError(url, res.status);
  throw new Error(`${url}: HTTP ${res.status}`);
}

/** Sends one signed message (body `{type, id, timestamp, data}`); fails as postJson does. */
export async function sendSignedWebhook(msg: SignedWebhook, now: Date = new Date()): Promise<void> {
  const body = JSON.stringify({ type: msg.type, id: msg.id, timestamp: now.toISOString(), data: msg.data });
  await postJson(
    msg.url,
    body,
    {
      'webhook-id': msg.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signerFor(msg.secret).sign(msg.id, now, body),
    },
    msg.timeoutMs,
  );
}
