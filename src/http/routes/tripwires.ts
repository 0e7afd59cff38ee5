/**
 * The platform's webhooks arrive here, outside /v1: they carry no staff or
 * service token, and are authenticated by their signature instead.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Histogram } from 'prom-client';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { DomainError, conflict } from '../../errors.js';
import type { TripwireService } from '../../tripwires/service.js';
import { type PlatformWebhookVerifier, releaseMessageId, takeMessageId } from '../../tripwires/webhook.js';
import { z } from 'zod';
import { id, decimalInt } from '../../bounds.js';
import { ACCOUNT_STATUSES, TIERS } from '../../accounts/model.js';
import { DRIFT_STATES, TRIPWIRE_RESPONSES } from '../../tripwires/model.js';
import { requireJsonBody } from '../methods.js';
import { type AuthEnv, forStaff, guarded, json } from '../route.js';

const State = z.object({ status: z.enum(ACCOUNT_STATUSES), statusUntil: z.number().int().nullable() });

export const DriftSchema = z
  .object({
    id: z.number().int(),
    accountId: z.string(),
    platformVersion: z.number().int(),
    tier: z.enum(TIERS),
    via: z.enum(['webhook', 'reconciliation']),
    response: z.enum(TRIPWIRE_RESPONSES),
    state: z.enum(DRIFT_STATES),
    expected: State,
    observed: State,
    evidence: z.record(z.string(), z.unknown()),
    changedAt: z.number().int(),
    detectedAt: z.number().int(),
    revertedAt: z.number().int().nullable(),
    alertId: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'Drift' });

const listDrifts = guarded(forStaff('drifts.read'), {
  method: 'get',
  path: '/v1/tripwires/drifts',
  summary: 'Changes on the platform that no authorized action explained, newest first, with what Warden did about each',
  request: {
    query: z.object({
      accountId: id(128).optional(),
      limit: decimalInt(1, 1000).optional(),
    }),
  },
  responses: { 200: json(z.object({ drifts: z.array(DriftSchema) })) },
});

export interface TripwireRouteContext {
  db: Db;
  clock: Clock;
  tripwires: TripwireService;
  platformWebhooks: PlatformWebhookVerifier;
}

export const PLATFORM_WEBHOOK_PATH = '/webhooks/platform';

export function registerTripwireRoutes(app: OpenAPIHono<AuthEnv>, ctx: TripwireRouteContext) {
  app.use(
    PLATFORM_WEBHOOK_PATH,
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new DomainError('too_large', 'webhook body over 1 MiB');
      },
    }),
  );
  app.openapi(listDrifts, async (c) => {
    const q = c.req.valid('query');
    return c.json({ drifts: await ctx.tripwires.list(ctx.db, q) }, 200);
  });

  // the platform sends JSON; any other type is refused before its signature is even read
  app.post(PLATFORM_WEBHOOK_PATH, requireJsonBody(true), async (c) => {
    const body = await c.req.text();
    const msg = ctx.platformWebhooks.verify(
      { id: c.req.header('webhook-id'), timestamp: c.req.header('webhook-timestamp'), signature: c.req.header('webhook-signature') },
      body,
    );
    if (!(await takeMessageId(ctx.db, msg.id, ctx.clock.now()))) throw conflict(`webhook ${msg.id} was already received: a replay is not processed again`, { fields: [{ path: 'webhook-id', message: 'already received' }] });
    try {
      // a drift whose handling failed is no 200: the id is given back and the platform sends it again
      const drifts = msg.observation ? await ctx.tripwires.observe([msg.observation], { rethrow: true }) : [];
      return c.json({ received: msg.id, drifts: drifts.map((d) => ({ driftId: d.driftId, accountId: d.accountId, state: d.state })) }, 200);
    } catch (err) {
      await releaseMessageId(ctx.db, msg.id);
      throw err;
    }
  });
}

/** Feeds the tripwire's detect and revert times into the /metrics histograms. */
export function observeTripwireTimes(tripwires: TripwireService, detect: Histogram<'tier' | 'via'>, revert: Histogram<'tier' | 'via'>): void {
  tripwires.onMeasured((m) => {
    detect.observe({ tier: m.tier, via: m.via }, Math.max(m.detectMs, 0) / 1000);
    if (m.revertMs !== null) revert.observe({ tier: m.tier, via: m.via }, Math.max(m.revertMs, 0) / 1000);
  });
}
