/** The outbox dispatcher as a Warden process runs it: actions to the platform, alerts and staff notifications to channels. */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { channelsFromConfig } from '../alerts/channels.js';
import type { AppContext } from '../context.js';
import { instantText, isInstant } from '../bounds.js';
import { type PlatformActionResult, PlatformUnavailableError } from '../platform/adapter.js';
import type { OutboxHandler, PlatformActionPayload } from '../platform/outbox.js';
import { OutboxDispatcher } from './dispatcher.js';
import { treeHeadDeliveryHandler } from '../audit/publish.js';
import { enrolmentDeliveryHandler } from '../credentials/delivery.js';
import { noticeDeliveryHandler } from '../notices/delivery.js';
import { TransparencyDbClient, statementDeliveryHandler } from '../statements/delivery.js';
import { notificationDeliveryHandler } from '../notifications/delivery.js';

export function createDispatcher(ctx: AppContext): OutboxDispatcher {
  return new OutboxDispatcher({
    db: ctx.db,
    dialect: ctx.store.dialect,
    clock: ctx.clock,
    logger: ctx.logger,
    workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    handlers: {
      platform_action: platformActionHandler(ctx),
      alert: ctx.alerts.deliveryHandler(channelsFromConfig(ctx.config.alerts, ctx.clock, ctx.config.delivery.channelTimeoutMs), ctx.logger),
      tree_head: treeHeadDeliveryHandler(ctx.config.audit.headWebhookUrls, ctx.config.audit.headWebhookSecret, ctx.logger),
      staff_enrolment: enrolmentDeliveryHandler(ctx.config.enrolment, ctx.audit, ctx.clock),
      notice: noticeDeliveryHandler(ctx.notices, ctx.platform),
      // without a configured database no batch is made, and none is sent
      ...(ctx.config.dsa.tdbUrl && ctx.config.dsa.tdbToken
        ? { statement: statementDeliveryHandler(ctx.statements, new TransparencyDbClient({ url: ctx.config.dsa.tdbUrl, token: ctx.config.dsa.tdbToken, timeoutMs: ctx.config.dsa.timeoutMs })) }
        : {}),
      staff_notification: notificationDeliveryHandler(ctx.db, ctx.staffNotifications, ctx.clock, ctx.config.delivery.channelTimeoutMs),
    },
    retry: { baseMs: ctx.config.delivery.baseMs, maxMs: ctx.config.delivery.maxMs, maxAttempts: ctx.config.delivery.maxAttempts },
    lockMs: ctx.config.delivery.lockMs,
    concurrency: ctx.config.delivery.concurrency,
    alerts: ctx.alerts,
    reachability: ctx.reachability,
  });
}

/**
 * An executed action on its way to the platform.
 *
 * A suspension is delivered as what remains of it: it carries its absolute
 * end, so one that waited in the outbox ends on the platform when Warden said
 * it would. One whose end has already passed when its turn comes has nothing
 * left to deliver: the platform refuses it, and it lapses (the action
 * `lapsed`, audited; judged on the refusal, never before sending, since an
 * earlier send whose outcome was lost may have reached the platform, and a
 * resend under its key answers with the first result), and the restore that
 * ends it — executed by the scheduler at that end, queued
 * behind it for the same account — is delivered after it, in order. The
 * tripwire reads a lapsed action as one the platform never had, so the
 * platform showing the state from before it is no drift.
 */
export function platformActionHandler(ctx: AppContext): OutboxHandler<'platform_action'> {
  return {
    send: (p, key) => ctx.platform.applyAction(p.request, key),
    onDone: async (tx, row, result) => {
      const { account, applied } = result as PlatformActionResult;
      await ctx.executor.markDelivered(tx, row.payload.actionId, { applied, attempts: row.attempts, platformVersion: account.version });
      // a late webhook for a version before this one is then recognised as stale
      await ctx.accounts.notePlatformVersion(tx, row.payload.request.accountId, account.version);
    },
    onGiveUp: (tx, row, error) => ctx.executor.markFailed(tx, row.payload.actionId, error),
    // the action's row, then the account's (its platform version): taken first when a group of deliveries is recorded
    locks: (p) => ({ actions: [p.actionId], accounts: [p.request.accountId] }),
    lapsed: suspensionOver,
    onLapsed: (tx, row, reason) => ctx.executor.markLapsed(tx, row.payload.actionId, reason),
    unreachable: (err) => err instanceof PlatformUnavailableError,
    describe: (p) => ({ subject: { type: 'action', id: p.actionId }, summary: `action ${p.actionId} (${p.request.kind} on ${p.request.accountId}) could not be delivered` }),
  };
}

/** Why a suspension has nothing left to deliver at `now`, or null. */
export function suspensionOver(p: PlatformActionPayload, now: number): string | null {
  const until = p.request.kind === 'suspend' ? p.request.until : null;
  if (typeof until !== 'number' || !isInstant(until) || until > now) return null;
  return `the suspension ended at ${instantText(until)}, before it could be delivered (${instantText(now)})`;
}
