/**
 * What asking the policy costs a request: the route check (src/http/auth.ts
 * `requireOperation`) asks the shipped operation rules whether this caller may
 * perform the route's operation. Measured in-process:
 *
 * - a first answer: one Cedar decision, for every (role, employment, open
 *   window, operation) and the service token, on a fresh authorizer;
 * - a kept answer: what every later request with the same facts pays;
 * - the whole middleware, against the role-array check it replaced;
 * - for scale, one whole authenticated request (GET /v1/me, in-memory SQLite).
 *
 * Run alone: `npx tsx bench/route-authorization.ts`.
 */
import type { Context } from 'hono';
import { SYSTEM } from '../src/audit/model.js';
import { testConfig } from '../src/test-config.js';
import { AppContext } from '../src/context.js';
import { createApp } from '../src/http/app.js';
import { type AuthEnv, requireOperation } from '../src/http/auth.js';
import { Authorizer, type Caller } from '../src/policy/authorizer.js';
import { OPERATION_NAMES } from '../src/policy/operations.js';
import { EMPLOYMENT, ROLES } from '../src/staff/model.js';
import { quantile, round } from './support.js';

const callers: Caller[] = [
  { type: 'Service' },
  ...ROLES.flatMap((role) => EMPLOYMENT.flatMap((employment) => [true, false].map((accessActive) => ({ type: 'Staff' as const, role, employment, accessActive })))),
];

function perCallUs(n: number, fn: (i: number) => void): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return ((performance.now() - t) * 1000) / n;
}

function firstAnswers(rounds: number): number[] {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const fresh = Authorizer.load('policies');
    for (const c of callers) {
      for (const op of OPERATION_NAMES) {
        const t = performance.now();
        fresh.call(c, op);
        samples.push((performance.now() - t) * 1000);
      }
    }
  }
  return samples;
}

async function wholeRequest(n: number): Promise<number[]> {
  const ctx = await AppContext.create(testConfig(':memory:'));
  try {
    const app = createApp(ctx);
    const staff = await ctx.transaction((tx) => ctx.staff.seed(tx, { name: 'bench', email: 'bench@warden.test', role: 'agent', employment: 'employee' }));
    const { token } = await ctx.transaction((tx) => ctx.staff.issueToken(tx, SYSTEM, staff.id, 'bench'));
    const headers = { authorization: `Bearer ${token}` };
    for (let i = 0; i < 200; i++) await app.request('/v1/me', { headers });
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const res = await app.request('/v1/me', { headers });
      if (res.status !== 200) throw new Error(`GET /v1/me answered ${res.status}`);
      samples.push((performance.now() - t) * 1000);
    }
    return samples;
  } finally {
    await ctx.close();
  }
}

async function main() {
  const first = firstAnswers(5);
  const authorizer = Authorizer.load('policies');
  const mix = callers.flatMap((c) => OPERATION_NAMES.map((op) => [c, op] as const));
  for (const [c, op] of mix) authorizer.call(c, op);
  const kept = perCallUs(1_000_000, (i) => authorizer.call(...mix[i % mix.length]!));

  // the middleware as a route runs it, on a context that carries what authentication set
  const vars: Partial<AuthEnv['Variables']> = {
    principal: { kind: 'staff', staff: { id: 's', name: 's', email: 's', role: 'agent', employment: 'employee', access: { from: 0, until: null }, offboardedAt: null, createdAt: 0 } },
    caller: { type: 'Staff', role: 'agent', employment: 'employee', accessActive: true },
    authorizer,
  };
  const c = { get: (k: keyof AuthEnv['Variables']) => vars[k] } as unknown as Context<AuthEnv>;
  const check = requireOperation({ caller: 'staff', operation: 'cases.claim' });
  const next = async () => {};
  const n = 200_000;
  let t = performance.now();
  for (let i = 0; i < n; i++) await check(c, next);
  const middleware = ((performance.now() - t) * 1000) / n;
  // what it replaced: the role array's includes(), in the same async shape
  const roles = ['triage', 'agent', 'lead', 'admin'] as const;
  const before = async (role: string, go: () => Promise<void>) => {
    if (!(roles as readonly string[]).includes(role)) throw new Error('forbidden');
    return go();
  };
  t = performance.now();
  for (let i = 0; i < n; i++) await before('agent', next);
  const roleArray = ((performance.now() - t) * 1000) / n;

  const whole = await wholeRequest(2_000);
  const line = {
    bench: 'route.authorization',
    first_answer_us: { p50: round(quantile(first, 0.5), 1), p99: round(quantile(first, 0.99), 1), count: first.length },
    kept_answer_us: round(kept, 2),
    middleware_us: round(middleware, 2),
    role_array_check_us: round(roleArray, 2),
    added_per_request_us: round(middleware - roleArray, 2),
    whole_request_get_me_us: { p50: round(quantile(whole, 0.5), 1), p99: round(quantile(whole, 0.99), 1) },
  };
  console.log(JSON.stringify(line, null, 2));
}

await main();
