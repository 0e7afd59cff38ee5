import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { id, decimalInt, text } from '../../bounds.js';
import { ACCOUNT_STATUSES, type Account, TIERS } from '../../accounts/model.js';
import { CASE_STATUSES, QUEUES, QUEUE_DESCRIPTIONS, RESOLUTIONS } from '../../cases/model.js';
import type { AppContext } from '../../context.js';
import { CATEGORIES, POLICY_AREAS } from '../../reports/model.js';
import { staffOf } from '../auth.js';
import { idempotencyOf } from '../idempotency.js';
import { type AuthEnv, body, forStaff, guarded, json } from '../route.js';

export const CaseSchema = z
  .object({
    id: z.number().int(),
    accountId: z.string(),
    status: z.enum(CASE_STATUSES),
    queue: z.enum(QUEUES),
    area: z.enum(POLICY_AREAS),
    priority: z.number(),
    severity: z.number(),
    reportCount: z.number().int(),
    countedReports: z.number().int(),
    distinctReporters: z.number().int(),
    trustedFlaggerReports: z.number().int().describe('counted reports from registered trusted flaggers (DSA Art. 22): such a case is routed first'),
    categories: z.array(z.enum(CATEGORIES)),
    brigade: z.boolean(),
    claimedBy: z.string().nullable(),
    leaseUntil: z.number().int().nullable(),
    openedAt: z.number().int(),
    updatedAt: z.number().int(),
    lastReportAt: z.number().int(),
    resolvedAt: z.number().int().nullable(),
    resolvedBy: z.string().nullable(),
    resolution: z.enum(RESOLUTIONS).nullable(),
  })
  .meta({ id: 'Case' });

export const AccountBrief = z.object({ handle: z.string(), displayName: z.string(), tier: z.enum(TIERS), status: z.enum(ACCOUNT_STATUSES), followers: z.number().int() }).meta({ id: 'AccountBrief' });

/** Who the accounts behind a list are and how protected, by id: what a queue row shows beside its case. */
export async function accountBriefs(ctx: AppContext, ids: string[]): Promise<Record<string, z.infer<typeof AccountBrief>>> {
  const found = ids.length ? await ctx.accounts.getMany(ctx.db, [...new Set(ids)]) : new Map<string, Account>();
  return Object.fromEntries([...found].map(([id, a]) => [id, { handle: a.handle, displayName: a.displayName, tier: a.tier, status: a.status, followers: a.followers }]));
}

const CaseId = z.object({ id: decimalInt(1, Number.MAX_SAFE_INTEGER) });
export const ReportSchema = z.object({
  id: z.number().int(),
  receivedAt: z.number().int(),
  reporterId: z.string(),
  accountId: z.string(),
  category: z.enum(CATEGORIES),
  text: z.string(),
  evidence: z.array(z.string()),
  duplicateOf: z.number().int().nullable(),
  reporterTrust: z.number().nullable().describe("the reporter's trust, 0–1: how much their reports weigh in the case's priority"),
});

const routes = {
  queues: guarded(forStaff('cases.read'), {
    method: 'get',
    path: '/v1/queues',
    summary: 'The queues the caller may see, with depths',
    responses: {
      200: json(z.object({ queues: z.array(z.object({ queue: z.enum(QUEUES), open: z.number().int(), claimed: z.number().int(), description: z.string(), canWork: z.boolean() })) })),
    },
  }),
  list: guarded(forStaff('cases.read'), {
    method: 'get',
    path: '/v1/cases',
    summary: 'Cases in the queues the caller may see, highest priority first',
    request: {
      query: z.object({
        queue: z.enum(QUEUES).optional(),
        status: z.enum(CASE_STATUSES).optional(),
        brigade: z.enum(['true', 'false']).optional(),
        accountId: id(128).optional(),
        limit: decimalInt(1, 500).optional(),
      }),
    },
    responses: {
      200: json(
        z.object({
          cases: z.array(CaseSchema),
          accounts: z.record(z.string(), AccountBrief).describe('the reported accounts of these cases, by id: who they are and how protected'),
        }),
      ),
    },
  }),
  get: guarded(forStaff('cases.read'), {
    method: 'get',
    path: '/v1/cases/{id}',
    summary: 'One case with its reports and comments',
    request: { params: CaseId },
    responses: {
      200: json(z.object({ case: CaseSchema, reports: z.array(ReportSchema), comments: z.array(z.object({ id: z.number().int(), staffId: z.string(), body: z.string(), at: z.number().int() })) })),
    },
  }),
  claimNext: guarded(forStaff('cases.claim'), {
    method: 'post',
    path: '/v1/cases/claim',
    summary: 'Claim the highest-priority open case the caller may work',
    request: { body: { content: { 'application/json': { schema: z.object({ queue: z.enum(QUEUES).optional() }) } }, required: false } },
    responses: { 200: json(z.object({ case: CaseSchema.nullable() })) },
  }),
  claim: guarded(forStaff('cases.claim'), {
    method: 'post',
    path: '/v1/cases/{id}/claim',
    summary: 'Claim this case',
    request: { params: CaseId },
    responses: { 200: json(z.object({ case: CaseSchema })) },
  }),
  renew: guarded(forStaff('cases.renew'), {
    method: 'post',
    path: '/v1/cases/{id}/renew',
    summary: 'Extend the lease on a case the caller holds',
    request: { params: CaseId },
    responses: { 200: json(z.object({ case: CaseSchema })) },
  }),
  release: guarded(forStaff('cases.release'), {
    method: 'post',
    path: '/v1/cases/{id}/release',
    summary: 'Give a claimed case back to its queue',
    request: { params: CaseId, ...body(z.object({ reason: text(2000).optional() })) },
    responses: { 200: json(z.object({ case: CaseSchema })) },
  }),
  resolve: guarded(forStaff('cases.resolve'), {
    method: 'post',
    path: '/v1/cases/{id}/resolve',
    summary: 'Resolve a case the caller holds with a live lease',
    request: { params: CaseId, ...body(z.object({ resolution: z.enum(RESOLUTIONS), note: text(4000).optional() })) },
    responses: { 200: json(z.object({ case: CaseSchema })) },
  }),
  reroute: guarded(forStaff('cases.reroute'), {
    method: 'post',
    path: '/v1/cases/{id}/reroute',
    summary: 'Move a case to another queue (never a protected account to a general queue)',
    request: { params: CaseId, ...body(z.object({ queue: z.enum(QUEUES), reason: text(2000, 1) })) },
    responses: { 200: json(z.object({ case: CaseSchema })) },
  }),
  comment: guarded(forStaff('cases.comment'), {
    method: 'post',
    path: '/v1/cases/{id}/comments',
    summary: 'Comment on a case',
    request: { params: CaseId, ...body(z.object({ body: text(8000, 1) })) },
    responses: { 201: json(z.object({ id: z.number().int(), at: z.number().int() })) },
  }),
};

export function registerCaseRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  const me = (c: { get(k: 'principal'): AuthEnv['Variables']['principal'] }) => staffOf(c.get('principal'));

  app.openapi(routes.queues, async (c) => {
    const staff = me(c);
    const depths = await ctx.cases.queueDepths(ctx.db, staff);
    return c.json({ queues: depths.map((d) => ({ ...d, description: QUEUE_DESCRIPTIONS[d.queue] })) }, 200);
  });

  app.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    const cases = await ctx.cases.list(ctx.db, me(c), {
      queue: q.queue,
      status: q.status,
      brigade: q.brigade === undefined ? undefined : q.brigade === 'true',
      accountId: q.accountId,
      limit: q.limit,
    });
    return c.json({ cases, accounts: await accountBriefs(ctx, cases.map((k) => k.accountId)) }, 200);
  });

  app.openapi(routes.get, async (c) => {
    const { id } = c.req.valid('param');
    const staff = me(c);
    const kase = await ctx.cases.get(ctx.db, staff, id);
    const [reports, comments] = await Promise.all([ctx.intake.listForCase(ctx.db, id), ctx.cases.comments(ctx.db, staff, id)]);
    return c.json({ case: kase, reports, comments }, 200);
  });

  app.openapi(routes.claimNext, async (c) => {
    const input = c.req.header('content-length') && c.req.header('content-length') !== '0' ? c.req.valid('json') : {};
    const kase = await ctx.transaction((tx) => ctx.cases.claimNext(tx, me(c), input?.queue));
    return c.json({ case: kase }, 200);
  });

  app.openapi(routes.claim, async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ case: await ctx.transaction((tx) => ctx.cases.claimById(tx, me(c), id)) }, 200);
  });

  app.openapi(routes.renew, async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ case: await ctx.transaction((tx) => ctx.cases.renewLease(tx, me(c), id)) }, 200);
  });

  app.openapi(routes.release, async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    return c.json({ case: await ctx.transaction((tx) => ctx.cases.release(tx, me(c), id, reason ?? null)) }, 200);
  });

  app.openapi(routes.resolve, async (c) => {
    const { id } = c.req.valid('param');
    const { resolution, note } = c.req.valid('json');
    return c.json({ case: await ctx.idempotent(await idempotencyOf(c), 200, (tx) => ctx.cases.resolve(tx, me(c), id, resolution, note ?? null)) }, 200);
  });

  app.openapi(routes.reroute, async (c) => {
    const { id } = c.req.valid('param');
    const { queue, reason } = c.req.valid('json');
    return c.json({ case: await ctx.idempotent(await idempotencyOf(c), 200, (tx) => ctx.cases.reroute(tx, me(c), id, queue, reason)) }, 200);
  });

  app.openapi(routes.comment, async (c) => {
    const { id } = c.req.valid('param');
    const { body: text } = c.req.valid('json');
    return c.json(await ctx.idempotent(await idempotencyOf(c), 201, (tx) => ctx.cases.comment(tx, me(c), id, text)), 201);
  });
}
