import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { epochMs, id, text } from '../../bounds.js';
import type { AppContext } from '../../context.js';
import { EMPLOYMENT, ROLES, accessState } from '../../staff/model.js';
import { actorOf, staffOf } from '../auth.js';
import { idempotencyOf } from '../idempotency.js';
import { type AuthEnv, body, forStaff, guarded, json } from '../route.js';

const ACCESS_STATES = ['active', 'not_yet', 'ended', 'offboarded'] as const;

export const StaffSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    employment: z.enum(EMPLOYMENT),
    access: z.object({ from: z.number().int(), until: z.number().int().nullable() }),
    offboardedAt: z.number().int().nullable(),
    createdAt: z.number().int(),
    accessState: z.enum(ACCESS_STATES),
  })
  .meta({ id: 'Staff' });

const routes = {
  me: guarded(forStaff('me.read'), {
    method: 'get',
    path: '/v1/me',
    summary: 'The signed-in staff member, with the end of their access',
    responses: { 200: json(z.object({ staff: StaffSchema })) },
  }),
  list: guarded(forStaff('staff.list'), {
    method: 'get',
    path: '/v1/staff',
    summary: 'All staff with their access state',
    responses: { 200: json(z.object({ staff: z.array(StaffSchema) })) },
  }),
  create: guarded(forStaff('staff.create'), {
    method: 'post',
    path: '/v1/staff',
    summary: 'Add a staff member',
    request: body(
      z.object({
        name: text(200, 1),
        email: text(320).email(),
        role: z.enum(ROLES),
        employment: z.enum(EMPLOYMENT),
        accessFrom: epochMs().optional(),
        accessUntil: epochMs().nullable().optional(),
      })
        .refine((s) => s.employment !== 'contractor' || (s.accessUntil ?? null) !== null, {
          message: 'a contractor needs an access end (accessUntil)',
          path: ['accessUntil'],
        }),
      // which roles a new record may carry is the policy's to say (StaffService.create): lead and admin only by a grant
    ),
    responses: { 201: json(z.object({ staff: StaffSchema })) },
  }),
  offboard: guarded(forStaff('staff.offboard'), {
    method: 'post',
    path: '/v1/staff/{id}/offboard',
    summary: 'End access now: revoke tokens, void pending proposals, approvals and scheduled actions, release claims',
    request: { params: z.object({ id: id(64) }), ...body(z.object({ reason: text(2000, 3) })) },
    responses: {
      200: json(z.object({ staffId: z.string(), tokensRevoked: z.number().int(), actionsVoided: z.array(z.string()), approvalsVoided: z.array(z.number().int()), claimsReleased: z.array(z.number().int()), elevationsRevoked: z.number().int(), sessionsEnded: z.array(z.string()) })),
    },
  }),
};

export function registerStaffRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.me, async (c) => {
    const s = staffOf(c.get('principal'));
    return c.json({ staff: { ...s, accessState: accessState(s, ctx.clock.now()) } }, 200);
  });
  app.openapi(routes.list, async (c) => c.json({ staff: await ctx.staff.list(ctx.db) }, 200));
  app.openapi(routes.create, async (c) => {
    const input = c.req.valid('json');
    const s = await ctx.idempotent(await idempotencyOf(c), 201, (tx) => ctx.staff.create(tx, actorOf(c.get('principal')), input));
    return c.json({ staff: { ...s, accessState: accessState(s, ctx.clock.now()) } }, 201);
  });
  app.openapi(routes.offboard, async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    return c.json(await ctx.idempotent(await idempotencyOf(c), 200, (tx) => ctx.lifecycle.offboard(tx, actorOf(c.get('principal')), id, reason)), 200);
  });
}
