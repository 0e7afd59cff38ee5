/** A member of staff's own notifications and how they are told: /v1/me/notification-preferences, /v1/me/notifications. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { decimalInt } from '../../bounds.js';
import type { AppContext } from '../../context.js';
import { DELIVERY_MODES, NOTIFICATION_KINDS, NOTIFICATION_STATES, PreferencesInput } from '../../notifications/model.js';
import { staffOf } from '../auth.js';
import { type AuthEnv, body, forStaff, guarded, json } from '../route.js';

const Modes = z.object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.enum(DELIVERY_MODES)])) as Record<(typeof NOTIFICATION_KINDS)[number], z.ZodEnum<{ [M in (typeof DELIVERY_MODES)[number]]: M }>>);

export const NotificationPreferencesSchema = z
  .object({
    webhook: z.object({ url: z.string(), secretSet: z.literal(true) }).nullable().describe('your signed receiver; its secret is never shown'),
    slack: z.object({ host: z.string() }).nullable().describe('your Slack-compatible webhook, by host only: its URL is its secret'),
    modes: Modes,
    updatedAt: z.number().int().nullable(),
  })
  .meta({ id: 'NotificationPreferences' });

export const StaffNotificationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    subject: z.object({ type: z.enum(['action', 'appeal', 'alert']), id: z.string() }),
    title: z.string(),
    link: z.string().describe('where the console shows it'),
    createdAt: z.number().int(),
    state: z.enum(NOTIFICATION_STATES).describe('pending: waits for your digest; queued; delivered; failed; withheld: your access had ended or you had no channel; muted: you turned the kind off'),
    messageId: z.string().nullable().describe('the message it left in: the webhook-id your receiver saw'),
    queuedAt: z.number().int().nullable(),
    deliveredAt: z.number().int().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'StaffNotification' });

const routes = {
  preferences: guarded(forStaff('notifications.own'), {
    method: 'get',
    path: '/v1/me/notification-preferences',
    summary: 'How you are told: your channels (never their secrets) and, per kind, immediate, digest or off',
    responses: { 200: json(z.object({ preferences: NotificationPreferencesSchema })) },
  }),
  setPreferences: guarded(forStaff('notifications.own'), {
    method: 'put',
    path: '/v1/me/notification-preferences',
    summary: 'Set how you are told (yours only; it changes nothing but delivery)',
    description:
      'A channel left out is kept, null removes it. A new webhook needs its `whsec_` secret; a changed URL may leave it out to keep the stored one. ' +
      'URLs are http or https, at most 2000 characters, without credentials. Any bad field answers 400 naming it, and nothing changes.',
    request: body(PreferencesInput),
    responses: { 200: json(z.object({ preferences: NotificationPreferencesSchema })) },
  }),
  mine: guarded(forStaff('notifications.own'), {
    method: 'get',
    path: '/v1/me/notifications',
    summary: 'What you were told of lately, newest first, with each one’s delivery',
    request: { query: z.object({ limit: decimalInt(1, 500).optional() }) },
    responses: { 200: json(z.object({ notifications: z.array(StaffNotificationSchema) })) },
  }),
};

export function registerNotificationRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.preferences, async (c) => {
    const me = staffOf(c.get('principal'));
    return c.json({ preferences: await ctx.staffNotifications.preferencesView(ctx.db, me.id) }, 200);
  });
  app.openapi(routes.setPreferences, async (c) => {
    const me = staffOf(c.get('principal'));
    const input = c.req.valid('json');
    return c.json({ preferences: await ctx.transaction((tx) => ctx.staffNotifications.setOwnPreferences(tx, me, input)) }, 200);
  });
  app.openapi(routes.mine, async (c) => {
    const me = staffOf(c.get('principal'));
    return c.json({ notifications: await ctx.staffNotifications.mine(ctx.db, me.id, c.req.valid('query').limit) }, 200);
  });
}
