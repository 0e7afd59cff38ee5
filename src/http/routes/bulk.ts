/**
 * Bulk enforcement over the API (src/actions/bulk.ts): one proposal over many
 * accounts, each judged and audited on its own; the answer says which targets
 * wait for approvals and why, and which the policy refused. A bulk is
 * restored as one.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { BULK_KINDS, BulkProposalSchema, BulkRestoreSchema, MAX_LISTED } from '../../actions/bulk-model.js';
import { REASON_CODES } from '../../actions/model.js';
import { decimalInt, id } from '../../bounds.js';
import type { AppContext } from '../../context.js';
import { staffOf } from '../auth.js';
import { type AuthEnv, body, forStaff, guarded, json } from '../route.js';

const BulkTargetSchema = z
  .object({
    accountId: z.string(),
    actionId: z.string().nullable(),
    outcome: z.enum(['executed', 'waiting', 'refused']),
    why: z.string().nullable().describe('waiting: what the policy still demands; refused: the rule or the problem'),
  })
  .meta({ id: 'BulkTarget' });

const BulkSchema = z
  .object({
    id: z.string(),
    kind: z.enum([...BULK_KINDS, 'restore']),
    reasonCode: z.enum(REASON_CODES),
    justification: z.string(),
    proposerId: z.string(),
    proposedAt: z.number().int(),
    restoresBulkId: z.string().nullable(),
    targets: z.number().int(),
    executed: z.number().int(),
    waiting: z.number().int(),
    refused: z.number().int(),
  })
  .meta({ id: 'Bulk' });

const BulkAnswerSchema = z.object({
  bulk: BulkSchema,
  waiting: z.array(BulkTargetSchema).describe(`the targets waiting for approvals (the first ${MAX_LISTED}; GET …/targets pages them all)`),
  refused: z.array(BulkTargetSchema).describe(`the targets the policy refused (the first ${MAX_LISTED})`),
});

const BulkId = z.object({ id: id(64) });

const routes = {
  propose: guarded(forStaff('actions.bulk'), {
    method: 'post',
    path: '/v1/actions/bulk',
    summary: 'Propose one action over many accounts: each judged by the policy alone; those that need approvals wait, the rest execute',
    request: body(BulkProposalSchema),
    responses: { 201: json(BulkAnswerSchema) },
  }),
  get: guarded(forStaff('actions.read'), {
    method: 'get',
    path: '/v1/actions/bulk/{id}',
    summary: 'A bulk: what became of its targets',
    request: { params: BulkId },
    responses: { 200: json(BulkAnswerSchema) },
  }),
  targets: guarded(forStaff('actions.read'), {
    method: 'get',
    path: '/v1/actions/bulk/{id}/targets',
    summary: "A page of a bulk's targets, by account id",
    request: {
      params: BulkId,
      query: z.object({ outcome: z.enum(['executed', 'waiting', 'refused']).optional(), after: id(128).optional(), limit: decimalInt(1, 5_000).default(1_000) }),
    },
    responses: { 200: json(z.object({ targets: z.array(BulkTargetSchema) })) },
  }),
  restore: guarded(forStaff('actions.bulk'), {
    method: 'post',
    path: '/v1/actions/bulk/{id}/restore',
    summary: 'Undo a bulk as one: a restore of each target it executed on, each judged as any restore is',
    request: { params: BulkId, ...body(BulkRestoreSchema) },
    responses: { 201: json(BulkAnswerSchema) },
  }),
};

export function registerBulkRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.propose, async (c) => c.json(await ctx.bulk.propose(callerOf(c), c.req.valid('json')), 201));
  app.openapi(routes.get, async (c) => c.json(await ctx.bulk.get(ctx.db, c.req.valid('param').id), 200));
  app.openapi(routes.targets, async (c) => {
    const { outcome, after, limit } = c.req.valid('query');
    return c.json({ targets: await ctx.bulk.targets(ctx.db, c.req.valid('param').id, { outcome, after, limit }) }, 200);
  });
  app.openapi(routes.restore, async (c) => c.json(await ctx.bulk.restore(callerOf(c), c.req.valid('param').id, c.req.valid('json')), 201));
}

const callerOf = (c: Context<AuthEnv>) => ({ staff: staffOf(c.get('principal')), session: c.get('session') ?? null });
