import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { decimalInt } from '../../bounds.js';
import { ALERT_KINDS, ALERT_SEVERITIES } from '../../alerts/model.js';
import type { AlertService } from '../../alerts/service.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { staffOf } from '../auth.js';
import { type AuthEnv, forStaff, guarded, json } from '../route.js';

/** What these routes need from the AppContext. */
export interface AlertRouteContext {
  alerts: AlertService;
  db: Db;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  clock: Clock;
}

export const AlertSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(ALERT_KINDS),
    severity: z.enum(ALERT_SEVERITIES),
    subject: z.object({ type: z.string(), id: z.string() }),
    summary: z.string(),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.number().int(),
    acknowledgedAt: z.number().int().nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .meta({ id: 'Alert' });

const AlertId = z.object({ id: decimalInt(1, Number.MAX_SAFE_INTEGER) });

const routes = {
  list: guarded(forStaff('alerts.read'), {
    method: 'get',
    path: '/v1/alerts',
    summary: 'Alerts, newest first; only those nobody has acknowledged with unacknowledged=true',
    request: {
      query: z.object({
        unacknowledged: z.enum(['true', 'false']).optional(),
        limit: decimalInt(1, 1000).optional(),
      }),
    },
    responses: { 200: json(z.object({ alerts: z.array(AlertSchema) })) },
  }),
  acknowledge: guarded(forStaff('alerts.acknowledge'), {
    method: 'post',
    path: '/v1/alerts/{id}/acknowledge',
    summary: 'Acknowledge an alert; acknowledging it again changes nothing',
    request: { params: AlertId },
    responses: { 200: json(z.object({ alert: AlertSchema })) },
  }),
};

export function registerAlertRoutes(app: OpenAPIHono<AuthEnv>, ctx: AlertRouteContext) {
  app.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    const alerts = await ctx.alerts.list(ctx.db, { unacknowledged: q.unacknowledged === 'true', limit: q.limit });
    return c.json({ alerts }, 200);
  });

  app.openapi(routes.acknowledge, async (c) => {
    const { id } = c.req.valid('param');
    const staff = staffOf(c.get('principal'));
    return c.json({ alert: await ctx.transaction((tx) => ctx.alerts.acknowledge(tx, staff.id, id)) }, 200);
  });
}
