/**
 * Publishing signed tree heads: each head the outbox carries is POSTed to
 * every configured URL as a Standard Webhooks message of type
 * `audit.tree_head`, whose data is the head exactly as signed (tree size,
 * root hash, timestamp, Ed25519 signature, key id). The webhook signature says
 * the message came from this Warden; the head's own signature is what an
 * outsider keeps and later holds Warden to (`warden audit verify --from-head`,
 * consistency proofs).
 */
import type { Logger } from 'pino';
import { type SignedWebhook, WebhookRefusedError, sendSignedWebhook } from '../platform/signed-webhook.js';
import type { OutboxHandler } from '../platform/outbox.js';

export const TREE_HEAD_EVENT = 'audit.tree_head';

export function treeHeadDeliveryHandler(urls: readonly string[], secret: string, logger: Logger, send: (m: SignedWebhook) => Promise<void> = sendSignedWebhook): OutboxHandler<'tree_head'> {
  return {
    async send(head, key) {
      if (urls.length === 0) {
        logger.debug({ treeSize: head.treeSize }, 'no tree-head webhook configured');
        return { urls: [] };
      }
      const { id: _stored, ...signed } = head;
      const results = await Promise.allSettled(urls.map((url) => send({ url, secret, id: key, type: TREE_HEAD_EVENT, data: signed })));
      const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
      if (failed.length === 0) return { urls };
      // every receiver that failed refused for good: give up; else try them all again (same id: repeats are dropped)
      if (failed.every((e) => e instanceof WebhookRefusedError)) throw failed[0];
      throw new Error(failed.map((e) => e.message).join('; '));
    },
    isPermanent: (err) => err instanceof WebhookRefusedError,
    onDone: async () => {},
    onGiveUp: async () => {},
    describe: (head) => ({ subject: { type: 'tree_head', id: String(head.id) }, summary: `signed tree head #${head.id} (size ${head.treeSize}) could not be published` }),
  };
}
