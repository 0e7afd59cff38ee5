import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { type AuthEnv, guarded, json } from '../route.js';

const Entry = z
  .object({
    seq: z.number().int(),
    at: z.number().int(),
    actor: z.object({ kind: z.enum(['staff', 'system', 'service']), id: z.string() }),
    action: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

const routes = {
  list: guarded(['auditor', 'admin', 'lead'], {
    method: 'get',
    path: '/v1/audit',
    summary: 'Audit entries, newest first, by subject or actor',
    request: {
      query: z.object({
        subjectType: z.string().max(64).optional(),
        subjectId: z.string().max(128).optional(),
        actorId: z.string().max(128).optional(),
        before: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(),
      }),
    },
    responses: { 200: json(z.object({ entries: z.array(Entry), size: z.number().int() })) },
  }),
  verify: guarded(['auditor', 'admin'], {
    method: 'get',
    path: '/v1/audit/verify',
    summary: 'Re-derive the hash chain from the stored entries and name every problem',
    responses: { 200: json(z.object({ ok: z.boolean(), size: z.number().int(), problems: z.array(z.record(z.string(), z.unknown())) })) },
  }),
};

export function registerAuditRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    const [entries, size] = await Promise.all([
      ctx.audit.list(ctx.db, { subjectType: q.subjectType, subjectId: q.subjectId, actorId: q.actorId, afterSeq: q.before, limit: q.limit }),
      ctx.audit.size(ctx.db),
    ]);
    return c.json({ entries, size }, 200);
  });
  app.openapi(routes.verify, async (c) => {
    const r = await ctx.audit.verifyChain(ctx.db);
    return c.json({ ok: r.problems.length === 0, size: r.size, problems: r.problems }, 200);
  });
}
