/** What owners and reporters of an account were told, for staff: GET /v1/accounts/{id}/notices. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { decimalInt, id } from '../../bounds.js';
import type { AppContext } from '../../context.js';
import { NOTICE_LANGUAGES, NOTICE_STATES, NOTICE_SUBJECTS } from '../../notices/model.js';
import { type AuthEnv, forStaff, guarded, json } from '../route.js';

export const NoticeSchema = z
  .object({
    id: z.string(),
    subject: z.enum(NOTICE_SUBJECTS),
    recipient: z.object({ kind: z.enum(['owner', 'reporter']), id: z.string() }),
    accountId: z.string().nullable(),
    actionId: z.string().nullable(),
    caseId: z.number().int().nullable(),
    reportId: z.number().int().nullable(),
    appealId: z.string().nullable(),
    state: z.enum(NOTICE_STATES).describe("pending: a reporter's outcome waiting for its batch; queued: on its way; delivered; failed"),
    batchId: z.string().nullable().describe('the batch it left in (the outbox key the platform saw)'),
    createdAt: z.number().int(),
    queuedAt: z.number().int().nullable(),
    deliveredAt: z.number().int().nullable(),
    language: z.enum(NOTICE_LANGUAGES).nullable().describe('the language it went out in, as the platform gave the recipient’s'),
    title: z.string(),
    body: z.string(),
    statement: z.record(z.string(), z.unknown()).describe('the structured statement of reasons (or outcome) the platform received beside the text'),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'Notice' });

const routes = {
  ofAccount: guarded(forStaff('notices.read'), {
    method: 'get',
    path: '/v1/accounts/{id}/notices',
    summary: "What the account's owner, and those who reported it, were told: newest first, with each notice's delivery",
    request: { params: z.object({ id: id(128) }), query: z.object({ limit: decimalInt(1, 1000).optional() }) },
    responses: { 200: json(z.object({ notices: z.array(NoticeSchema) })) },
  }),
};

export function registerNoticeRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.ofAccount, async (c) => {
    const { id: accountId } = c.req.valid('param');
    await ctx.accounts.get(ctx.db, accountId);
    const notices = await ctx.notices.listForAccount(ctx.db, accountId, c.req.valid('query').limit);
    return c.json({ notices: notices.map((n) => ({ ...n, statement: { ...n.statement } })) }, 200);
  });
}
