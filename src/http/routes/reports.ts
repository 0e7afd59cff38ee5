import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { invalidInput } from '../../errors.js';
import { MAX_BATCH, ReportInputSchema } from '../../reports/model.js';
import { actorOf } from '../auth.js';
import { idempotencyOf } from '../idempotency.js';
import { type AuthEnv, body, forStaffOrService, guarded, json } from '../route.js';

const Report = ReportInputSchema.meta({ id: 'ReportInput' });
const IntakeResult = z
  .object({
    reportId: z.number().int(),
    caseId: z.number().int().describe('the case it was folded into; 0 when it was ignored and the account had no open case'),
    duplicate: z.boolean(),
    ignored: z.boolean().describe("its reporter's reporting is suspended (DSA Art. 23): the report is kept and counts towards nothing"),
  })
  .meta({ id: 'IntakeResult' });

const submitOne = guarded(forStaffOrService('reports.submit'), {
  method: 'post',
  path: '/v1/reports',
  summary: 'Submit one report',
  description: 'Answered after the report is durably committed (reports arriving together share one commit).',
  request: body(Report),
  responses: { 202: json(IntakeResult, 'accepted') },
});

const submitBatch = guarded(forStaffOrService('reports.submit'), {
  method: 'post',
  path: '/v1/reports/batch',
  summary: `Submit up to ${MAX_BATCH} reports, all or nothing`,
  request: body(z.object({ reports: z.array(Report).min(1).max(MAX_BATCH) })),
  responses: { 202: json(z.object({ results: z.array(IntakeResult) }), 'accepted') },
});

export function registerReportRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(submitOne, async (c) => {
    const actor = actorOf(c.get('principal'));
    const keyed = await idempotencyOf(c);
    if (keyed) {
      // a keyed report commits alone, with its stored answer (group commit cannot hold one per request)
      const result = await ctx.idempotent(keyed, 202, async (tx) => {
        const [outcome] = await ctx.intake.submitEach(tx, actor, [c.req.valid('json')], () => 'accountId');
        if (!outcome!.ok) throw invalidInput([outcome!.problem]);
        return outcome!.result;
      });
      return c.json(result, 202);
    }
    const outcome = await ctx.groupIntake.submit(actor, c.req.valid('json'));
    if (!outcome.ok) throw invalidInput([outcome.problem]);
    return c.json(outcome.result, 202);
  });

  app.openapi(submitBatch, async (c) => {
    const { reports } = c.req.valid('json');
    const results = await ctx.idempotent(await idempotencyOf(c), 202, (tx) => ctx.intake.submit(tx, actorOf(c.get('principal')), reports));
    return c.json({ results }, 202);
  });
}
