/**
 * Reporters' standing, for staff who oversee it: GET /v1/reporters/{id} (the
 * trusted-flagger registration, a warning or suspension of reporting in
 * force, the counts a misuse measure would rest on now, and a trusted
 * flagger's median time from notice to decision) and GET /v1/reporters?trusted=true
 * (the registered trusted flaggers). Changes are actions: POST /v1/actions.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { decimalInt, id } from '../../bounds.js';
import type { AppContext } from '../../context.js';
import { MisuseCountsSchema } from '../../reporters/model.js';
import { type AuthEnv, forStaff, guarded, json } from '../route.js';

export const ReporterSchema = z
  .object({
    id: z.string(),
    trust: z.number().describe('0–1: how much their reports weigh in a case priority'),
    firstSeenAt: z.number().int(),
    trustedFlagger: z
      .object({ name: z.string(), organisation: z.string().nullable(), since: z.number().int(), actionId: z.string() })
      .nullable()
      .describe('registered as a trusted flagger (DSA Art. 22): by which approved action, since when'),
    warning: z.object({ at: z.number().int(), actionId: z.string() }).nullable().describe('warned for misuse of reporting (Art. 23)'),
    suspension: z.object({ until: z.number().int(), actionId: z.string() }).nullable().describe('reporting suspended: their reports are ignored until then'),
    reportingSuspended: z.boolean(),
    misuse: MisuseCountsSchema.describe('their reports in the misuse window, as Warden derives them'),
    flaggerDecisions: z
      .object({ decided: z.number().int(), medianTimeToDecisionMs: z.number().nullable() })
      .nullable()
      .describe("a trusted flagger's notices: how many were decided, and the median time from notice to the case's decision"),
  })
  .meta({ id: 'Reporter' });

const routes = {
  list: guarded(forStaff('reporters.read'), {
    method: 'get',
    path: '/v1/reporters',
    summary: 'The registered trusted flaggers, longest registered first',
    request: { query: z.object({ trusted: z.enum(['true']).describe('only trusted flaggers are listed: say so'), limit: decimalInt(1, 500).optional() }) },
    responses: { 200: json(z.object({ reporters: z.array(ReporterSchema) })) },
  }),
  show: guarded(forStaff('reporters.read'), {
    method: 'get',
    path: '/v1/reporters/{id}',
    summary: "A reporter's standing, their misuse counts, and a trusted flagger's time to decision",
    request: { params: z.object({ id: id(128) }) },
    responses: { 200: json(ReporterSchema) },
  }),
};

export function registerReporterRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.list, async (c) => {
    const { trusted, limit } = c.req.valid('query');
    void trusted; // the schema admits only true: the listing is of trusted flaggers
    return c.json({ reporters: await ctx.reporters.trustedFlaggers(ctx.db, limit ?? 100) }, 200);
  });
  app.openapi(routes.show, async (c) => c.json(await ctx.reporters.view(ctx.db, c.req.valid('param').id), 200));
}
