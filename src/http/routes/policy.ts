import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { text } from '../../bounds.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../auth.js';
import { type AuthEnv, body, forStaff, guarded, json } from '../route.js';

const routes = {
  active: guarded(forStaff('policy.read'), {
    method: 'get',
    path: '/v1/policy',
    summary: 'The policy set in force: version, rules with their reasons, freeze switch',
    responses: {
      200: json(z.object({ version: z.string(), frozen: z.boolean(), rules: z.array(z.object({ id: z.string(), effect: z.enum(['permit', 'forbid']), reason: z.string(), file: z.string(), line: z.number().int() })), files: z.record(z.string(), z.string()) })),
    },
  }),
  freeze: guarded(forStaff('policy.freeze'), {
    method: 'post',
    path: '/v1/policy/freeze',
    summary: 'Turn the freeze switch on or off (audited); while on, enforcement is refused',
    request: body(z.object({ on: z.boolean(), reason: text(2000, 3) })),
    responses: { 200: json(z.object({ frozen: z.boolean() })) },
  }),
};

export function registerPolicyRoutes(app: OpenAPIHono<AuthEnv>, ctx: AppContext) {
  app.openapi(routes.active, async (c) => {
    const engine = await ctx.policy.current(ctx.db);
    return c.json({ version: engine.version, frozen: await ctx.policy.isFrozen(ctx.db), rules: engine.rules(), files: engine.files() }, 200);
  });
  app.openapi(routes.freeze, async (c) => {
    const { on, reason } = c.req.valid('json');
    await ctx.transaction((tx) => ctx.policy.setFreeze(tx, actorOf(c.get('principal')), on, reason));
    return c.json({ frozen: on }, 200);
  });
}
