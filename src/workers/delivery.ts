/** The outbox dispatcher as a Warden process runs it: actions to the platform, alerts to channels. */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { channelsFromConfig } from '../alerts/channels.js';
import type { AppContext } from '../context.js';
import type { PlatformActionResult } from '../platform/adapter.js';
import { DEFAULT_LOCK_MS, OutboxDispatcher } from './dispatcher.js';
import { treeHeadDeliveryHandler } from '../audit/publish.js';
import { enrolmentDeliveryHandler } from '../credentials/delivery.js';

export function createDispatcher(ctx: AppContext): OutboxDispatcher {
  return new OutboxDispatcher({
    db: ctx.db,
    dialect: ctx.store.dialect,
    clock: ctx.clock,
    logger: ctx.logger,
    workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    handlers: {
      platform_action: {
        send: (p, key) => ctx.platform.applyAction(p.request, key),
        onDone: (tx, row, result) => ctx.executor.markDelivered(tx, row.payload.actionId, { applied: (result as PlatformActionResult).applied, attempts: row.attempts }),
        onGiveUp: (tx, row, error) => ctx.executor.markFailed(tx, row.payload.actionId, error),
        describe: (p) => ({ subject: { type: 'action', id: p.actionId }, summary: `action ${p.actionId} (${p.request.kind} on ${p.request.accountId}) could not be delivered` }),
      },
      alert: ctx.alerts.deliveryHandler(channelsFromConfig(ctx.config.alerts, ctx.clock), ctx.logger),
      tree_head: treeHeadDeliveryHandler(ctx.config.audit.headWebhookUrls, ctx.config.audit.headWebhookSecret, ctx.logger),
      staff_enrolment: enrolmentDeliveryHandler(ctx.config.enrolment, ctx.audit, ctx.clock),
    },
    retry: { baseMs: ctx.config.delivery.baseMs, maxMs: ctx.config.delivery.maxMs, maxAttempts: ctx.config.delivery.maxAttempts },
    lockMs: DEFAULT_LOCK_MS,
    alerts: ctx.alerts,
  });
}
