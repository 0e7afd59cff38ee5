/**
 * The transparency report over the API (DSA Art. 15 and 24): the period's
 * notices, measures and appeals, summed from the audit log
 * (src/transparency), as JSON or as CSV (one figure a row).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { utcDay } from '../../bounds.js';
import type { AppContext } from '../../context.js';
import { invalidInput } from '../../errors.js';
import { CATEGORIES } from '../../reports/model.js';
import { REASON_CODES } from '../../actions/model.js';
import { REPORTER_KINDS } from '../../policy/model.js';
import { AUTOMATED_DECISIONS, DECISION_GROUNDS, SOURCE_TYPES } from '../../statements/model.js';
import { MAX_PERIOD_MS, MEASURE_KINDS, MIN_PERIOD_MS, reportCsv } from '../../transparency/model.js';
import { type AuthEnv, forStaff, guarded } from '../route.js';

const counts = <K extends string>(keys: readonly [K, ...K[]]) => z.record(z.enum(keys), z.number().int());

export const TransparencyReportSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string().describe('exclusive') }),
    basis: z.object({
      auditSize: z.number().int().describe('the audit log was read up to this many entries'),
      lastHash: z.string().describe('the chain hash of its last entry: an export holding it re-derives every figure'),
      counted: z.record(z.string(), z.string()).describe('the audit actions summed, and what each counts'),
    }),
    notices: z.object({
      total: z.number().int(),
      duplicates: z.number().int(),
      byCategory: counts(CATEGORIES),
      bySource: z.record(z.string(), z.number().int()).describe('service: through the platform; staff: filed by Warden staff'),
      fromTrustedFlaggers: z.number().int().describe('sent by registered trusted flaggers (Art. 22)'),
      ignored: z.number().int().describe('from reporters whose reporting was suspended for misuse (Art. 23): kept, acted on nowhere'),
    }),
    measures: z.object({
      total: z.number().int(),
      byKind: counts(MEASURE_KINDS),
      byReason: counts(REASON_CODES),
      onNotice: z.number().int(),
      ownInitiative: z.number().int(),
      proposedAutomatically: z.number().int(),
      automatedShare: z.number(),
      medianNoticeToMeasureMs: z.number().nullable(),
      reversals: z.number().int(),
    }),
    appeals: z.object({
      received: z.number().int(),
      decided: z.number().int(),
      overturned: z.number().int(),
      upheld: z.number().int(),
      medianTimeToDecisionMs: z.number().nullable(),
    }),
    reporters: counts(REPORTER_KINDS).describe('trusted flaggers added and removed (Art. 22); reporters warned, suspended and restored for misuse (Art. 23): each an executed, approved action'),
    statements: z.object({
      total: z.number().int().describe("statements of reasons recorded for the period's restrictions"),
      byGround: counts(DECISION_GROUNDS),
      bySource: counts(SOURCE_TYPES).describe('how the case arose, in the Transparency Database’s words (trusted flaggers’ notices apart)'),
      byAutomatedDecision: counts(AUTOMATED_DECISIONS),
    }),
  })
  .meta({ id: 'TransparencyReport' });

const route = guarded(forStaff('transparency.report'), {
  method: 'get',
  path: '/v1/transparency/report',
  summary: 'The transparency report over a period (DSA Art. 15, 24): notices, measures, appeals, statements of reasons, each summed from the audit log',
  request: {
    query: z.object({
      from: utcDay().describe('the first day (UTC), YYYY-MM-DD'),
      to: utcDay().describe('the day after the last (UTC), YYYY-MM-DD: the period is [from, to)'),
      format: z.enum(['json', 'csv']).default('json'),
    }),
  },
  responses: {
    200: {
      description: 'the report',
      content: { 'application/json': { schema: z.object({ report: TransparencyReportSchema }) }, 'text/csv': { schema: z.string() } },
    },
  },
});

/** A period of a day to ten years, `from` before `to`; else a 400 naming `to` (as the caller spells it). */
export function checkedPeriod(from: number, to: number, toName = 'query.to'): { from: number; to: number } {
  if (to - from < MIN_PERIOD_MS) throw invalidInput([{ path: toName, message: 'must be at least a day after from' }]);
  if (to - from > MAX_PERIOD_MS) throw invalidInput([{ path: toName, message: 'a period is at most ten years (3660 days)' }]);
  return { from, to };
}

export function registerTransparencyRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const report = await ctx.transparency.report(ctx.db, checkedPeriod(q.from, q.to));
    if (q.format === 'csv') return c.body(reportCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8' });
    return c.json({ report }, 200);
  });
}
