/**
 * Credentials over HTTP: an admin starts (or revokes) an enrolment — the
 * answer never carries the code, which travels only towards the holder — and
 * revokes tokens; the holder redeems the code, unauthenticated and
 * rate-limited like sign-in, for their own token; staff issue themselves
 * further tokens. There is no route that hands anyone a credential for
 * someone else. A thin shell over credentials/.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ENROLMENT_STATES } from '../../credentials/model.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../sessions/credentials.js';
import { actorOf, staffOf } from '../auth.js';
import { type AuthEnv, body, forStaff, guarded, json, unguarded } from '../route.js';
import { clientAddress } from './session.js';

const EnrolmentSchema = z
  .object({
    id: z.string(),
    staffId: z.string(),
    issuedBy: z.string().describe('a staff id, or system:<id>'),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    redeemedAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'Enrolment' });

const TokenInfoSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    issuedBy: z.string().describe('a staff id, or system:<id>'),
    enrolmentId: z.string().nullable(),
    createdAt: z.number().int(),
    revokedAt: z.number().int().nullable(),
  })
  .meta({ id: 'TokenInfo' });

const StaffParam = z.object({ id: z.string().min(1).max(100) });
const Label = z.string().min(1).max(100);

const routes = {
  startEnrolment: guarded(forStaff('enrolments.start'), {
    method: 'post',
    path: '/v1/staff/{id}/enrolments',
    summary: "Start an enrolment: a one-time code sent only towards the holder (never in this answer)",
    description:
      "The code goes through the outbox to the staff-invitation channel (WARDEN_ENROLMENT_WEBHOOK_URL, the company's mail relay) " +
      'addressed to the holder; the holder redeems it at POST /v1/enrolments/redeem for their own token. ' +
      "A pending enrolment of theirs is revoked. 409 no_enrolment_channel when no channel is configured.",
    request: { params: StaffParam },
    responses: { 201: json(z.object({ enrolment: EnrolmentSchema })) },
  }),
  listEnrolments: guarded(forStaff('enrolments.read'), {
    method: 'get',
    path: '/v1/staff/{id}/enrolments',
    summary: "A staff member's enrolments and where each stands",
    request: { params: StaffParam },
    responses: { 200: json(z.object({ enrolments: z.array(EnrolmentSchema.extend({ state: z.enum(ENROLMENT_STATES) })) })) },
  }),
  revokeEnrolment: guarded(forStaff('enrolments.revoke'), {
    method: 'post',
    path: '/v1/staff/{id}/enrolments/{enrolmentId}/revoke',
    summary: 'Revoke a pending enrolment: its code stops working',
    request: { params: StaffParam.extend({ enrolmentId: z.string().min(1).max(100) }) },
    responses: { 200: json(z.object({ enrolment: EnrolmentSchema })) },
  }),
  listTokens: guarded(forStaff('tokens.read'), {
    method: 'get',
    path: '/v1/staff/{id}/tokens',
    summary: "A staff member's API tokens: who issued each, never the token",
    request: { params: StaffParam },
    responses: { 200: json(z.object({ tokens: z.array(TokenInfoSchema) })) },
  }),
  revokeToken: guarded(forStaff('tokens.revoke'), {
    method: 'post',
    path: '/v1/staff/{id}/tokens/{tokenId}/revoke',
    summary: "Revoke a staff member's API token",
    request: { params: StaffParam.extend({ tokenId: z.string().min(1).max(100) }) },
    responses: { 200: json(z.object({ token: TokenInfoSchema })) },
  }),
  ownToken: guarded(forStaff('tokens.issue-own'), {
    method: 'post',
    path: '/v1/me/tokens',
    summary: 'Issue yourself a further API token (shown once, stored hashed)',
    request: body(z.object({ label: Label.optional() })),
    responses: { 201: json(z.object({ id: z.string(), token: z.string() })) },
  }),
  revokeOwnToken: guarded(forStaff('tokens.revoke-own'), {
    method: 'post',
    path: '/v1/me/tokens/{tokenId}/revoke',
    summary: 'Revoke one of your own API tokens',
    request: { params: z.object({ tokenId: z.string().min(1).max(100) }) },
    responses: { 200: json(z.object({ token: TokenInfoSchema })) },
  }),
  redeem: unguarded({
    method: 'post',
    path: '/v1/enrolments/redeem',
    summary: 'Redeem your enrolment code for your own API token (and, with a password, your console credentials)',
    description:
      'Unauthenticated: the code is the proof. One answer (401 invalid_credentials) for an unknown, expired, used or revoked code, ' +
      'and no credential written; 429 rate_limited per client address, counted with failed sign-ins. With `password`, the password is ' +
      'set and a new TOTP secret is enrolled and returned (for your authenticator app).',
    request: body(
      z.object({
        code: z.string().min(1).max(200),
        password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).optional(),
        label: Label.optional(),
      }),
    ),
    responses: {
      200: json(
        z.object({
          staffId: z.string(),
          token: z.object({ id: z.string(), token: z.string() }),
          totp: z.object({ secret: z.string(), uri: z.string() }).nullable(),
        }),
      ),
      429: json(z.object({ error: z.object({ code: z.string(), message: z.string(), retryAfterSeconds: z.number().int() }) }), 'too many failures'),
    },
  }),
};

export function registerCredentialRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.startEnrolment, async (c) => {
    const { id } = c.req.valid('param');
    const enrolment = await ctx.transaction((tx) => ctx.enrolments.start(tx, actorOf(c.get('principal')), id));
    return c.json({ enrolment }, 201);
  });
  app.openapi(routes.listEnrolments, async (c) => {
    const { id } = c.req.valid('param');
    await ctx.staff.get(ctx.db, id);
    return c.json({ enrolments: await ctx.enrolments.list(ctx.db, id) }, 200);
  });
  app.openapi(routes.revokeEnrolment, async (c) => {
    const { id, enrolmentId } = c.req.valid('param');
    return c.json({ enrolment: await ctx.transaction((tx) => ctx.enrolments.revoke(tx, actorOf(c.get('principal')), id, enrolmentId)) }, 200);
  });
  app.openapi(routes.listTokens, async (c) => {
    const { id } = c.req.valid('param');
    await ctx.staff.get(ctx.db, id);
    return c.json({ tokens: await ctx.enrolments.tokens(ctx.db, id) }, 200);
  });
  app.openapi(routes.revokeToken, async (c) => {
    const { id, tokenId } = c.req.valid('param');
    return c.json({ token: await ctx.transaction((tx) => ctx.enrolments.revokeToken(tx, actorOf(c.get('principal')), id, tokenId)) }, 200);
  });
  app.openapi(routes.ownToken, async (c) => {
    const me = staffOf(c.get('principal'));
    const { label } = c.req.valid('json');
    return c.json(await ctx.transaction((tx) => ctx.enrolments.issueOwnToken(tx, me, label ?? 'own')), 201);
  });
  app.openapi(routes.revokeOwnToken, async (c) => {
    const me = staffOf(c.get('principal'));
    const { tokenId } = c.req.valid('param');
    return c.json({ token: await ctx.transaction((tx) => ctx.enrolments.revokeToken(tx, actorOf(c.get('principal')), me.id, tokenId)) }, 200);
  });
  app.openapi(routes.redeem, async (c) => {
    const input = c.req.valid('json');
    const address = clientAddress(c, ctx.config.session.trustProxy);
    await ctx.sessions.assertAddressNotRateLimited(ctx.db, address);
    const outcome = await ctx.transaction((tx) => ctx.enrolments.redeem(tx, { ...input, address }));
    if (!outcome.ok) throw outcome.error;
    return c.json(outcome.value, 200);
  });
}
