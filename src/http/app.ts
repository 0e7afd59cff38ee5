/** The HTTP surface: a thin shell over the services. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import type { AppContext } from '../context.js';
import { ping } from '../db/database.js';
import { clientAddress } from './address.js';
import { type AuthEnv, authenticate } from './auth.js';
import { refuseUnkeyedOperations } from './idempotency.js';
import { toErrorResponse, unstorableTextBody, validationErrorBody } from './errors.js';
import { createMetrics } from './metrics.js';
import { instantText } from '../bounds.js';
import { requestLimits } from './limits.js';
import { judgeMethod, methodTable } from './methods.js';
import { isPublicRoute } from './route.js';
import { registerAccountRoutes } from './routes/accounts.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerCaseRoutes } from './routes/cases.js';
import { registerAppealRoutes } from './routes/appeals.js';
import { registerTransparencyRoutes } from './routes/transparency.js';
import { registerMetricsRoutes } from './routes/metrics.js';
import { registerReportRoutes } from './routes/reports.js';
import { registerStaffRoutes } from './routes/staff.js';
import { registerCredentialRoutes } from './routes/credentials.js';
import { registerActionRoutes } from './routes/actions.js';
import { registerBulkRoutes } from './routes/bulk.js';
import { registerPolicyRoutes } from './routes/policy.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { registerForensicsRoutes } from './routes/forensics.js';
import { observeTripwireTimes, registerTripwireRoutes } from './routes/tripwires.js';
import { registerSessionRoutes } from './routes/session.js';
import { registerNoticeRoutes } from './routes/notices.js';
import { registerStatementRoutes } from './routes/statements.js';
import { registerReporterRoutes } from './routes/reporters.js';
import { registerNotificationRoutes } from './routes/notifications.js';
import { serveConsole } from './console.js';

/**
 * The platform's side of readiness. An outage is said (`degraded`, with since
 * when and what waits) but answered 200: readiness decides whether this
 * instance gets traffic, and every instance shares the one platform, so a 503
 * would take them all out of rotation together — stopping report intake, case
 * work and the console, none of which need the platform — while the actions
 * they execute wait in the outbox for it, which is what the outbox is for.
 * The alert and /metrics say it to the people and the monitors who must act.
 */
async function platformReadiness(ctx: AppContext) {
  const h = await ctx.reachability.health(ctx.db);
  if (h.platform.state === 'reachable') return { platform: 'reachable', queued: h.queued };
  const since = instantText(h.platform.failingSince ?? h.platform.unreachableSince);
  return {
    degraded: true,
    platform: 'unreachable',
    queued: h.queued,
    detail: `platform: unreachable since ${since}, queued: ${h.queued}`,
  };
}

export function createApp(ctx: AppContext) {
  const metrics = createMetrics(() => ctx.reachability.health(ctx.db), {
    unresolvedCases: () => ctx.leadMetrics.unresolvedCases(ctx.db),
    awaitingApproval: () => ctx.leadMetrics.awaitingApproval(ctx.db),
    now: () => ctx.clock.now(),
  });
  const app = new OpenAPIHono<AuthEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(validationErrorBody(result.error, result.target), 400);
      const unstorable = unstorableTextBody(result.data, result.target);
      if (unstorable) return c.json(unstorable, 400);
    },
  });

  const logFailure = (c: Context) => (e: unknown) => ctx.logger.error({ err: e, method: c.req.method, path: c.req.path }, 'request failed');
  app.onError((err, c) => toErrorResponse(err, c, logFailure(c)));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404));

  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    const route = c.req.routePath || 'unmatched';
    metrics.requests.observe({ method: c.req.method, route, status: String(c.res.status) }, (performance.now() - start) / 1000);
  });
  // while shutting down, a keep-alive connection closes after its answer: no further request rides on it
  app.use('*', async (c, next) => {
    await next();
    if (ctx.shuttingDown) c.res.headers.set('connection', 'close');
  });
  // OPTIONS and 405 before authentication: the public /openapi.json says as much (src/http/methods.ts)
  app.use('*', judgeMethod(methodTable(app)));
  // size and shape before anything parses a body, by route (src/http/limits.ts)
  app.use('*', requestLimits());
  const auth = authenticate(ctx);
  // the routes that need no credential (sign-in) are counted per client address
  const publicRoute = async (c: Context<AuthEnv>, next: Next) => {
    await ctx.requestLimits.charge(ctx.db, 'public', clientAddress(c, ctx.config.session.trustProxy));
    return next();
  };
  app.use('/v1/*', (c, next) => (isPublicRoute(c.req.method, c.req.path) ? publicRoute(c, next) : auth(c, next)));
  app.use('/v1/*', refuseUnkeyedOperations);

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    if (ctx.shuttingDown) return c.json({ ok: false, store: ctx.store.dialect, detail: 'shutting down' }, 503);
    try {
      await ping(ctx.db);
      // statements of reasons are recorded whether or not they can be sent: the operator is told which
      const statements = ctx.statements.sending ? 'sent to the DSA Transparency Database' : 'recorded, not sent: WARDEN_DSA_TDB_URL is not set';
      return c.json({ ok: true, store: ctx.store.dialect, ...(await platformReadiness(ctx)), statements });
    } catch {
      return c.json({ ok: false, store: ctx.store.dialect }, 503);
    }
  });
  app.get('/metrics', async (c) => c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));

  registerReportRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerNoticeRoutes(app, ctx);
  registerStatementRoutes(app, ctx);
  registerReporterRoutes(app, ctx);
  registerStaffRoutes(app, ctx);
  registerCredentialRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerBulkRoutes(app, ctx);
  registerActionRoutes(app, ctx);
  // after the actions' routes: the schemas it shares with them (Action, Decision) are registered as theirs first
  registerAppealRoutes(app, ctx);
  registerTransparencyRoutes(app, ctx);
  registerMetricsRoutes(app, ctx);
  registerPolicyRoutes(app, ctx);
  registerAlertRoutes(app, ctx);
  registerForensicsRoutes(app, ctx);
  registerTripwireRoutes(app, ctx);
  observeTripwireTimes(ctx.tripwires, metrics.tripwireDetect, metrics.tripwireRevert);
  registerSessionRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'a staff API token, or the platform service token' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'warden_session', description: 'the console session from POST /v1/session/login; state-changing requests also send x-csrf-token' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Warden', version: '0.1.0', description: 'Trust-and-safety enforcement: report intake, queues, guarded enforcement, audit.' },
  });
  serveConsole(app);
  return app;
}
