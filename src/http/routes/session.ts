/**
 * Staff sign-in for the console: password + TOTP → a server-side session in
 * an httpOnly, SameSite=Strict cookie; its CSRF token is handed to the page,
 * which echoes it on every state-changing request. A thin shell over sessions/.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { text } from '../../bounds.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { Session } from '../../sessions/model.js';
import type { SignedIn } from '../../sessions/service.js';
import { type Staff, EMPLOYMENT, ROLES } from '../../staff/model.js';
import { TIERS } from '../../accounts/model.js';
import { capabilitiesOf } from '../../actions/capabilities.js';
import { QUEUES } from '../../cases/model.js';
import { ACTION_KINDS } from '../../policy/model.js';
import { OPERATION_NAMES } from '../../policy/operations.js';
import { type AuthEnv, SESSION_COOKIE, staffOf } from '../auth.js';
import { body, forStaff, guarded, json, unguarded } from '../route.js';
import { clientAddress } from '../address.js';

const CapabilitiesSchema = z
  .object({
    operationsVersion: z.string().describe('the shipped operation rules that answered operations, queues and staffRoles'),
    policyVersion: z.string().describe('the adopted policy set that answered actions'),
    operations: z.array(z.enum(OPERATION_NAMES)).describe('the operations this person may call (each route names one)'),
    queues: z.object({ see: z.array(z.enum(QUEUES)), work: z.array(z.enum(QUEUES)) }),
    staffRoles: z.array(z.enum(ROLES)).describe('the roles a staff record they create may carry'),
    actions: z
      .array(
        z.object({
          kind: z.enum(ACTION_KINDS),
          target: z.discriminatedUnion('type', [z.object({ type: z.literal('account'), tier: z.enum(TIERS) }), z.object({ type: z.literal('staff') }), z.object({ type: z.literal('policy') })]),
          propose: z.boolean(),
          approve: z.boolean(),
        }),
      )
      .describe("the access review's answers now: whether they may propose, and approve someone else's, each kind on each kind of target"),
  })
  .meta({ id: 'Capabilities', description: 'what the signed-in person may do, asked of the policy: the console draws itself from this, never from a role name' });

export const SessionSchema = z
  .object({
    staff: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.enum(ROLES),
      employment: z.enum(EMPLOYMENT),
      accessUntil: z.number().int().nullable(),
    }),
    csrfToken: z.string(),
    expiresAt: z.number().int(),
    idleExpiresAt: z.number().int(),
    stepUpUntil: z.number().int().nullable(),
    capabilities: CapabilitiesSchema,
  })
  .meta({ id: 'Session' });

const TotpCode = text(16, 1);

const routes = {
  login: unguarded({
    method: 'post',
    path: '/v1/session/login',
    summary: 'Sign in with email, password and the current TOTP code; sets the session cookie',
    description: 'One answer (401 invalid_credentials) for a wrong email, password or code; 429 rate_limited with Retry-After after too many failures per account or per address.',
    request: body(z.object({ email: text(320, 1), password: text(1024, 1), totp: TotpCode })),
    responses: {
      200: json(SessionSchema),
      429: json(z.object({ error: z.object({ code: z.string(), message: z.string(), retryAfterSeconds: z.number().int() }) }), 'too many failed sign-ins'),
    },
  }),
  current: guarded(forStaff('session.read'), {
    method: 'get',
    path: '/v1/session',
    summary: 'The signed-in session (refreshes its idle timeout), with what the person may do (capabilities, from the policy)',
    responses: { 200: json(SessionSchema) },
  }),
  logout: guarded(forStaff('session.logout'), {
    method: 'post',
    path: '/v1/session/logout',
    summary: 'End the session',
    responses: { 204: { description: 'signed out; the cookie is cleared' } },
  }),
  stepUp: guarded(forStaff('session.step-up'), {
    method: 'post',
    path: '/v1/session/step-up',
    summary: 'Re-enter a TOTP code before proposing or approving a destructive action on a protected account',
    description: 'A wrong or already used code answers 403 step_up_required (the session itself stays valid).',
    request: body(z.object({ totp: TotpCode })),
    responses: { 200: json(z.object({ stepUpUntil: z.number().int() })) },
  }),
  methods: unguarded({
    method: 'get',
    path: '/v1/session/methods',
    summary: 'How staff may sign in here: password + TOTP always; OpenID Connect when configured',
    responses: { 200: json(z.object({ password: z.literal(true), oidc: z.boolean() })) },
  }),
  oidcStart: unguarded({
    method: 'get',
    path: '/v1/session/oidc/start',
    summary: "Sign in through the company's identity provider (OpenID Connect): redirects there",
    responses: { 302: { description: 'to the identity provider' } },
  }),
  oidcCallback: unguarded({
    method: 'get',
    path: '/v1/session/oidc/callback',
    summary: 'Where the identity provider sends the browser back: sets the session cookie and redirects to the console',
    request: { query: z.object({ state: text(512).optional(), code: text(2048).optional(), error: text(512).optional() }) },
    responses: { 302: { description: 'to the console, signed in' } },
  }),
};

export { clientAddress } from '../address.js';

/** The cookie session behind this request; a bearer-token caller has none. */
export function sessionOf(c: Context<AuthEnv>): Session {
  const s = c.get('session');
  if (!s) throw new DomainError('conflict', 'this request carries no session cookie (it was authenticated with a bearer token)');
  return s;
}

/** The session as the console reads it: who, until when, and what they may do. */
async function sessionAnswer(ctx: AppContext, session: Session, staff: Staff) {
  return { ...ctx.sessions.view(session, staff), capabilities: await capabilitiesOf(ctx.db, ctx.policy, staff, ctx.clock.now()) };
}

export function setSessionCookie(c: Context, ctx: AppContext, signedIn: SignedIn) {
  setCookie(c, SESSION_COOKIE, signedIn.token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: ctx.config.session.cookieSecure });
}

export function registerSessionRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.login, async (c) => {
    const input = c.req.valid('json');
    const attempt = { ...input, address: clientAddress(c, ctx.config.session.trustProxy), userAgent: c.req.header('user-agent') ?? '' };
    const check = await ctx.sessions.checkSignIn(ctx.db, attempt);
    const outcome = await ctx.transaction((tx) => ctx.sessions.completeSignIn(tx, check));
    if (!outcome.ok) throw outcome.error;
    setSessionCookie(c, ctx, outcome.value);
    return c.json(await sessionAnswer(ctx, outcome.value.session, outcome.value.staff), 200);
  });

  app.openapi(routes.current, async (c) => c.json(await sessionAnswer(ctx, sessionOf(c), staffOf(c.get('principal'))), 200));

  app.openapi(routes.logout, async (c) => {
    const session = sessionOf(c);
    await ctx.transaction((tx) => ctx.sessions.end(tx, session, 'logged_out', { kind: 'staff', id: session.staffId }));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: ctx.config.session.cookieSecure, httpOnly: true, sameSite: 'Strict' });
    return c.body(null, 204);
  });

  app.openapi(routes.stepUp, async (c) => {
    const session = sessionOf(c);
    const check = await ctx.sessions.checkStepUp(ctx.db, staffOf(c.get('principal')), c.req.valid('json').totp, clientAddress(c, ctx.config.session.trustProxy));
    const outcome = await ctx.transaction((tx) => ctx.sessions.completeStepUp(tx, session, check));
    if (!outcome.ok) throw outcome.error;
    return c.json({ stepUpUntil: outcome.value.stepUpUntil! }, 200);
  });

  app.openapi(routes.methods, async (c) => c.json({ password: true as const, oidc: ctx.oidc.enabled }, 200));

  app.openapi(routes.oidcStart, async (c) => c.redirect((await ctx.transaction((tx) => ctx.oidc.start(tx))).href, 302));

  app.openapi(routes.oidcCallback, async (c) => {
    if (!ctx.oidc.enabled) throw new DomainError('not_found', 'OpenID Connect sign-in is not configured (WARDEN_OIDC_ISSUER)');
    const address = clientAddress(c, ctx.config.session.trustProxy);
    const userAgent = c.req.header('user-agent') ?? '';
    await ctx.sessions.assertAddressNotRateLimited(ctx.db, address);
    // the provider redirected to the configured URI; a proxy in front may have rewritten the host
    const callback = new URL(ctx.config.oidc!.redirectUri);
    callback.search = new URL(c.req.url).search;
    const verified = await ctx.oidc.verify(ctx.db, callback);
    const outcome = verified.ok
      ? await ctx.transaction((tx) => ctx.oidc.complete(tx, verified, address, userAgent))
      : { ok: false as const, error: await ctx.transaction((tx) => ctx.sessions.recordFailure(tx, { email: '', address, userAgent, staff: null }, 'oidc_refused', verified.detail)) };
    if (!outcome.ok) throw outcome.error;
    setSessionCookie(c, ctx, outcome.value);
    return c.redirect('/', 302);
  });
}
