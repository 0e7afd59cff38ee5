/**
 * The leads' metrics over the API (issue 14 item 6, src/metrics): time to
 * first review, to decision, queue age, approval wait and appeal overturn
 * rate, per queue, reason code and member of staff (GET /v1/metrics/leads),
 * or one person's own (GET /v1/metrics/staff/{staffId}). The period is UTC
 * days, bounded as the transparency report's.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { id, utcDay } from '../../bounds.js';
import type { AppContext } from '../../context.js';
import { type AuthEnv, forStaff, guarded, json } from '../route.js';
import { checkedPeriod } from './transparency.js';

const ms = z.number().int().nullable();
const FiguresSchema = z
  .object({
    count: z.number().int(),
    medianMs: ms,
    p90Ms: ms.describe('the 90th percentile, interpolated between the two nearest durations (as percentile_cont)'),
    maxMs: ms.describe('the longest; for queue age, the oldest case'),
  })
  .meta({ id: 'MetricFigures' });
const OutcomesSchema = z
  .object({ decided: z.number().int(), overturned: z.number().int(), overturnRate: z.number().nullable().describe('overturned / decided, to four places') })
  .meta({ id: 'AppealOutcomes' });
const key = z.string().max(128).describe('the queue, reason code, kind, resolution or staff id');
const byKey = <T extends z.ZodObject>(s: T) => z.array(s.extend({ key })).max(1000);
const period = z.object({ from: z.string(), to: z.string().describe('exclusive') });

export const LeadMetricsSchema = z
  .object({
    period,
    at: z.string().describe('when the queue ages were read'),
    measured: z.record(z.string(), z.string()).describe('what each figure measures, from and to what in the record'),
    firstReview: z.object({ all: FiguresSchema, byQueue: byKey(FiguresSchema) }),
    decision: z.object({ all: FiguresSchema, byReason: byKey(FiguresSchema), byResolution: byKey(FiguresSchema) }),
    queueAge: z.object({ byQueue: byKey(FiguresSchema) }),
    approvalWait: z.object({
      all: FiguresSchema,
      byKind: byKey(FiguresSchema),
      byReason: byKey(FiguresSchema),
      pending: z.object({ count: z.number().int(), oldestMs: ms.describe('how long the oldest action awaiting approval has waited') }),
    }),
    appeals: z.object({ all: OutcomesSchema, decisionTime: FiguresSchema, byReason: byKey(OutcomesSchema) }),
    staff: z
      .array(
        z.object({
          staffId: z.string(),
          name: z.string().nullable(),
          firstReview: FiguresSchema.describe('the cases they claimed first'),
          decision: FiguresSchema.describe('the cases they resolved'),
          approval: FiguresSchema.describe('from proposal to their own verdict'),
          appeals: OutcomesSchema.describe('appeals against actions they proposed'),
        }),
      )
      .max(100_000),
  })
  .meta({ id: 'LeadMetrics' });

export const StaffMetricsSchema = z
  .object({
    period,
    staff: z.object({ id: z.string(), name: z.string(), role: z.string() }),
    firstReview: z.object({ all: FiguresSchema, byQueue: byKey(FiguresSchema) }),
    decision: z.object({ all: FiguresSchema, byReason: byKey(FiguresSchema) }),
    approval: z.object({ all: FiguresSchema, byKind: byKey(FiguresSchema) }),
    appeals: z.object({ all: OutcomesSchema, byReason: byKey(OutcomesSchema) }),
  })
  .meta({ id: 'StaffMetrics' });

const PeriodQuery = z.object({
  from: utcDay().describe('the first day (UTC), YYYY-MM-DD'),
  to: utcDay().describe('the day after the last (UTC), YYYY-MM-DD: the period is [from, to), a day to ten years'),
});

const routes = {
  leads: guarded(forStaff('metrics.leads'), {
    method: 'get',
    path: '/v1/metrics/leads',
    summary: 'Time to first review, to decision, queue age, approval wait and appeal overturn rate over a period: per queue, reason code and member of staff',
    request: { query: PeriodQuery },
    responses: { 200: json(z.object({ metrics: LeadMetricsSchema })) },
  }),
  staff: guarded(forStaff('metrics.staff'), {
    method: 'get',
    path: '/v1/metrics/staff/{staffId}',
    summary: "One member of staff's figures over a period: the cases they claimed and resolved, their verdicts' wait, appeals against what they proposed",
    request: { params: z.object({ staffId: id() }), query: PeriodQuery },
    responses: { 200: json(z.object({ metrics: StaffMetricsSchema })) },
  }),
};

export function registerMetricsRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.leads, async (c) => {
    const q = c.req.valid('query');
    return c.json({ metrics: await ctx.leadMetrics.leads(ctx.db, checkedPeriod(q.from, q.to)) }, 200);
  });
  app.openapi(routes.staff, async (c) => {
    const q = c.req.valid('query');
    const { staffId } = c.req.valid('param');
    return c.json({ metrics: await ctx.leadMetrics.staff(ctx.db, staffId, checkedPeriod(q.from, q.to)) }, 200);
  });
}
