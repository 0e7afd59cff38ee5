/**
 * Statements of reasons for the DSA Transparency Database, for staff who
 * oversee them: GET /v1/statements (newest first) and
 * GET /v1/statements/{actionId} (the statement as the database receives it,
 * its delivery, the database's uuid, and the audit inclusion proof of the
 * decision it states).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditServices } from '../../audit/index.js';
import { decimalInt, id } from '../../bounds.js';
import type { AppContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { STATEMENT_STATES } from '../../statements/model.js';
import { decisionProof } from '../../statements/proof.js';
import type { StoredStatement } from '../../statements/store.js';
import { type AuthEnv, forStaff, guarded, json } from '../route.js';
import { InclusionProofSchema } from './audit.js';

export const StatementSchema = z
  .object({
    actionId: z.string().describe('the action it states; also its puid at the database'),
    state: z.enum(STATEMENT_STATES).describe('pending: waiting for its batch (or for a configured database); queued; delivered; refused (for good, fields named); failed'),
    statement: z.record(z.string(), z.unknown()).describe('the statement exactly as the DSA Transparency Database receives it'),
    batchId: z.string().nullable(),
    tdbUuid: z.string().nullable().describe('the id the database gave it'),
    createdAt: z.number().int(),
    queuedAt: z.number().int().nullable(),
    deliveredAt: z.number().int().nullable(),
    refused: z.record(z.string(), z.array(z.string())).nullable().describe('the fields the database refused, with its words'),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'Statement' });

const view = (s: StoredStatement) => ({
  actionId: s.actionId,
  state: s.state,
  statement: { ...s.body },
  batchId: s.batchId,
  tdbUuid: s.tdbUuid,
  createdAt: s.createdAt,
  queuedAt: s.queuedAt,
  deliveredAt: s.deliveredAt,
  refused: s.refused,
  lastError: s.lastError,
});

const routes = {
  list: guarded(forStaff('statements.read'), {
    method: 'get',
    path: '/v1/statements',
    summary: 'Statements of reasons for the DSA Transparency Database, newest first',
    request: { query: z.object({ state: z.enum(STATEMENT_STATES).optional(), accountId: id(128).optional(), limit: decimalInt(1, 1000).optional() }) },
    responses: { 200: json(z.object({ sending: z.boolean().describe('false: recorded only, no database configured'), statements: z.array(StatementSchema) })) },
  }),
  show: guarded(forStaff('statements.read'), {
    method: 'get',
    path: '/v1/statements/{actionId}',
    summary: 'One statement of reasons with its delivery and the audit inclusion proof of the decision it states',
    request: { params: z.object({ actionId: id(64) }) },
    responses: {
      200: json(
        StatementSchema.extend({
          sending: z.boolean(),
          proof: InclusionProofSchema.nullable().describe("the inclusion proof of the action's action.executed entry"),
        }),
      ),
    },
  }),
};

export function registerStatementRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.list, async (c) => {
    const statements = await ctx.statements.list(ctx.db, c.req.valid('query'));
    return c.json({ sending: ctx.statements.sending, statements: statements.map(view) }, 200);
  });
  app.openapi(routes.show, async (c) => {
    const { actionId } = c.req.valid('param');
    const s = await ctx.statements.get(ctx.db, actionId);
    if (!s) throw notFound('statement of action', actionId);
    const proof = await decisionProof(ctx.db, ctx.audit, auditServices(ctx).proofs, actionId);
    return c.json({ ...view(s), sending: ctx.statements.sending, proof }, 200);
  });
}
