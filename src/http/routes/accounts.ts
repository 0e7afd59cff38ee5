import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { id, decimalInt, text } from '../../bounds.js';
import { ACCOUNT_STATUSES, AccountImportSchema, ImportResultSchema, MAX_IMPORT, TIERS } from '../../accounts/model.js';
import { syncAccountsFromPlatform } from '../../accounts/sync.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../auth.js';
import { idempotencyOf } from '../idempotency.js';
import { type AuthEnv, body, forStaff, forStaffOrService, guarded, json } from '../route.js';

export const AccountSchema = z
  .object({
    id: z.string(),
    handle: z.string(),
    displayName: z.string(),
    followers: z.number().int(),
    verified: z.boolean(),
    tier: z.enum(TIERS),
    status: z.enum(ACCOUNT_STATUSES),
    statusUntil: z.number().int().nullable(),
    platformVersion: z.number().int(),
    followersPeak: z.number().int().describe('the most followers Warden has seen; the policy reads the larger of this and followers on a protected account'),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .meta({ id: 'Account' });

const ImportResult = ImportResultSchema;
const AccountId = z.object({ id: id(128) });

const routes = {
  list: guarded(forStaff('accounts.read'), {
    method: 'get',
    path: '/v1/accounts',
    summary: 'Accounts by id, optionally by tier or handle prefix',
    request: {
      query: z.object({
        tier: z.enum(TIERS).optional(),
        handle: text(64).optional(),
        after: text(128).optional(),
        limit: decimalInt(1, 1000).optional(),
      }),
    },
    responses: { 200: json(z.object({ accounts: z.array(AccountSchema) })) },
  }),
  get: guarded(forStaff('accounts.read'), {
    method: 'get',
    path: '/v1/accounts/{id}',
    summary: 'One account',
    request: { params: AccountId },
    responses: { 200: json(z.object({ account: AccountSchema })) },
  }),
  history: guarded(forStaff('accounts.read'), {
    method: 'get',
    path: '/v1/accounts/{id}/history',
    summary: "The account's tier and status history",
    request: { params: AccountId },
    responses: {
      200: json(z.object({ history: z.array(z.object({ field: z.enum(['tier', 'status']), from: z.string().nullable(), to: z.string(), at: z.number().int(), actor: z.object({ kind: z.string(), id: z.string() }), reason: z.string().nullable() })) })),
    },
  }),
  import: guarded(forStaffOrService('accounts.import'), {
    method: 'post',
    path: '/v1/accounts/import',
    summary: 'Create accounts and update their descriptive fields, up to 10,000 (all or nothing); never a tier or status',
    request: body(z.object({ accounts: z.array(AccountImportSchema).min(1).max(MAX_IMPORT) })),
    responses: { 200: json(ImportResult) },
  }),
  sync: guarded(forStaff('accounts.sync'), {
    method: 'post',
    path: '/v1/accounts/sync',
    summary: 'Pull every account from the platform through its adapter',
    responses: { 200: json(ImportResult.extend({ pages: z.number().int() })) },
  }),
};

export function registerAccountRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.list, async (c) => {
    const q = c.req.valid('query');
    return c.json({ accounts: await ctx.accounts.list(ctx.db, { tier: q.tier, handlePrefix: q.handle, after: q.after, limit: q.limit }) }, 200);
  });
  app.openapi(routes.get, async (c) => c.json({ account: await ctx.accounts.get(ctx.db, c.req.valid('param').id) }, 200));
  app.openapi(routes.history, async (c) => c.json({ history: await ctx.accounts.history(ctx.db, c.req.valid('param').id) }, 200));
  app.openapi(routes.import, async (c) => {
    const { accounts } = c.req.valid('json');
    const result = await ctx.idempotent(await idempotencyOf(c), 200, (tx) => ctx.accounts.importBatch(tx, actorOf(c.get('principal')), accounts));
    return c.json(result, 200);
  });
  app.openapi(routes.sync, async (c) => c.json(await syncAccountsFromPlatform(ctx, actorOf(c.get('principal'))), 200));
}
